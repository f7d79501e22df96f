//! The five seed directives in `docs/examples/` load, validate and encode every target as the
//! source text says (kind, comparator and its strictness, value, scale, unit, per-capita base,
//! sub-targets, several targets under one number), and survive a serde round trip unchanged.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use thidua_core::number::format_vn;
use thidua_core::{
    evaluate, Comparator, Currency, Directive, DocumentKind, EvaluationOptions, Judgement, Measure,
    Period, ReductionUnit, ResultEntry, ResultSet, Scale, Status, Target, TargetKind, TargetSpec,
    Unit,
};

const SEEDS: [(&str, &str); 5] = [
    (
        "000_kon-tum-2021.json",
        include_str!("../../docs/examples/000_kon-tum-2021.json"),
    ),
    (
        "001_binh-duong-2021.json",
        include_str!("../../docs/examples/001_binh-duong-2021.json"),
    ),
    (
        "002_kon-tum-2024.json",
        include_str!("../../docs/examples/002_kon-tum-2024.json"),
    ),
    (
        "003_bac-lieu-2021.json",
        include_str!("../../docs/examples/003_bac-lieu-2021.json"),
    ),
    (
        "004_ha-giang-2024.json",
        include_str!("../../docs/examples/004_ha-giang-2024.json"),
    ),
];

fn load(i: usize) -> Directive {
    let (name, json) = SEEDS[i];
    Directive::from_json(json).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    Some(s.parse().unwrap())
}

fn target<'a>(dir: &'a Directive, id: &str) -> &'a Target {
    dir.target(id)
        .unwrap_or_else(|| panic!("{}: no target {id:?}", dir.label()))
}

fn spec<'a>(dir: &'a Directive, id: &str) -> &'a TargetSpec {
    &target(dir, id).spec
}

fn ids(dir: &Directive) -> Vec<String> {
    dir.targets().map(|r| r.target.id.clone()).collect()
}

fn count_unit(noun: &str) -> Unit {
    Unit::Count(noun.into())
}

/// The comparator of a target whose kind has one.
fn comparator(s: &TargetSpec) -> Option<Comparator> {
    match s {
        TargetSpec::Rate { comparator, .. }
        | TargetSpec::GrowthRate { comparator, .. }
        | TargetSpec::PerCapita { comparator, .. }
        | TargetSpec::Count { comparator, .. }
        | TargetSpec::Amount { comparator, .. }
        | TargetSpec::Ceiling { comparator, .. }
        | TargetSpec::Reduction { comparator, .. }
        | TargetSpec::ThresholdShare { comparator, .. }
        | TargetSpec::Reference { comparator, .. } => Some(*comparator),
        _ => None,
    }
}

/// The numbers a target states, as they are written in its item (before any scale word).
fn stated_numbers(s: &TargetSpec) -> Vec<Decimal> {
    match s {
        TargetSpec::Rate { value, .. }
        | TargetSpec::GrowthRate { value, .. }
        | TargetSpec::Count { value, .. }
        | TargetSpec::ThresholdShare { value, .. } => vec![*value],
        TargetSpec::PerCapita { value, .. }
        | TargetSpec::Amount { value, .. }
        | TargetSpec::Ceiling { value, .. } => vec![value.value],
        TargetSpec::Reduction {
            value, value_high, ..
        } => std::iter::once(*value).chain(*value_high).collect(),
        TargetSpec::Range { low, high, .. } => vec![low.value, high.value],
        TargetSpec::RankImprovement { places, .. } => vec![Decimal::from(*places)],
        _ => vec![],
    }
}

fn kind_census(dir: &Directive) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for r in dir.targets() {
        *m.entry(r.target.spec.kind().as_str()).or_default() += 1;
    }
    m
}

// ------------------------------------------------------------------------------------------
// All five
// ------------------------------------------------------------------------------------------

#[test]
fn all_five_load_with_their_shape() {
    // (items, content points, targets incl. sub-targets)
    let expected = [(13, 5, 16), (0, 11, 0), (14, 6, 19), (0, 3, 0), (20, 6, 21)];
    for (i, (items, points, targets)) in expected.into_iter().enumerate() {
        let dir = load(i);
        let name = SEEDS[i].0;
        assert_eq!(dir.items.len(), items, "{name}: items");
        assert_eq!(dir.content_points.len(), points, "{name}: content points");
        assert_eq!(dir.target_count(), targets, "{name}: targets");
        assert_eq!(dir.targets().len(), targets, "{name}: targets()");
        // Items are numbered 1..n without gaps, as printed.
        let numbers: Vec<u32> = dir.items.iter().map(|it| it.number).collect();
        assert_eq!(numbers, (1..=items as u32).collect::<Vec<_>>(), "{name}");
        let src = dir
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no source"));
        assert!(
            src.citation.contains("Cổng TTĐT tỉnh"),
            "{name}: {}",
            src.citation
        );
        assert!(
            src.citation.contains(&name.replace(".json", ".txt")),
            "{name}: {}",
            src.citation
        );
        assert!(
            src.note.as_deref().is_some_and(|n| !n.is_empty()),
            "{name}: no note"
        );
        assert!(!dir.title.is_empty(), "{name}");
        assert!(
            dir.content_points.iter().all(|c| !c.text.trim().is_empty()),
            "{name}"
        );
    }
}

#[test]
fn metadata_of_each_seed() {
    let kt21 = load(0);
    assert_eq!(kt21.kind, DocumentKind::OfficialLetter);
    assert_eq!(kt21.number.as_deref(), Some("129/UBND-KTTH"));
    assert_eq!(kt21.issuer.name, "UBND tỉnh Kon Tum");
    assert_eq!(kt21.issuer.locality.as_deref(), Some("Kon Tum"));
    assert_eq!(kt21.issued, date("2021-01-14"));
    assert_eq!(kt21.published, date("2021-01-14"));
    assert_eq!((kt21.coverage.year, kt21.coverage.until_year), (2021, None));
    assert_eq!(kt21.theme, None);
    assert!(kt21.legal_bases.is_empty());
    assert!(kt21.content_points.iter().all(|c| c.label.is_none()));
    assert!(kt21.content_points[0].text.starts_with("UBND tỉnh giao"));
    assert!(kt21.content_points[4].text.starts_with("Trưởng các Cụm"));
    assert_eq!(kt21.label(), "Công văn 129/UBND-KTTH");

    let bd = load(1);
    assert_eq!(bd.kind, DocumentKind::Directive);
    assert_eq!(bd.number.as_deref(), Some("01/CT-UBND"));
    assert_eq!(bd.issuer.name, "Chủ tịch UBND tỉnh Bình Dương");
    assert_eq!(bd.issued, date("2021-01-21"));
    assert_eq!(bd.published, date("2021-02-05"));
    assert_eq!(bd.coverage.year, 2021);
    assert_eq!(
        bd.theme.as_deref(),
        Some("Đoàn kết, sáng tạo, thi đua xây dựng Bình Dương văn minh, giàu đẹp")
    );
    assert!(bd.title.contains("bầu cử đại biểu Quốc hội khóa XV"));
    let labels: Vec<&str> = bd
        .content_points
        .iter()
        .filter_map(|c| c.label.as_deref())
        .collect();
    assert_eq!(
        labels,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]
    );
    // Point 4 keeps its second paragraph.
    assert!(bd.content_points[3]
        .text
        .contains("Tổ chức tuyên truyền, phổ biến sâu rộng"));
    assert!(bd.content_points[3]
        .text
        .starts_with("Thi đua thực hiện tốt công tác tổ chức bầu cử"));
    let bases: Vec<(&str, &str, Option<chrono::NaiveDate>, Option<&str>)> = bd
        .legal_bases
        .iter()
        .map(|b| {
            (
                b.kind.as_str(),
                b.number.as_str(),
                b.date,
                b.issuer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        bases,
        [
            (
                "Chỉ thị",
                "34-CT/TW",
                date("2014-04-07"),
                Some("Bộ Chính trị")
            ),
            (
                "Nghị quyết",
                "01-NQ/CP",
                date("2021-01-01"),
                Some("Chính phủ")
            ),
            (
                "Nghị quyết",
                "01-NQ/TU",
                date("2020-12-21"),
                Some("Tỉnh ủy")
            ),
            (
                "Nghị quyết",
                "35/NQ-HĐND",
                date("2020-12-10"),
                Some("Hội đồng nhân dân tỉnh")
            ),
            (
                "Chỉ thị",
                "05-CT/TW",
                date("2016-05-15"),
                Some("Bộ Chính trị")
            ),
            (
                "Chỉ thị",
                "45-CT/TW",
                date("2020-06-20"),
                Some("Bộ Chính trị")
            ),
        ]
    );
    assert!(bd
        .source
        .as_ref()
        .unwrap()
        .note
        .as_ref()
        .unwrap()
        .contains("01-CT.signed.pdf"));

    let kt24 = load(2);
    assert_eq!(kt24.kind, DocumentKind::Directive);
    assert_eq!(kt24.number.as_deref(), Some("08/CT-UBND"));
    assert_eq!(kt24.issuer.name, "Chủ tịch UBND tỉnh Kon Tum");
    assert_eq!(kt24.issued, date("2024-02-06"));
    assert_eq!(kt24.published, date("2024-02-08"));
    assert_eq!(kt24.coverage.year, 2024);
    assert_eq!(
        kt24.theme.as_deref(),
        Some("Đoàn kết - Trách nhiệm - Chủ động vượt khó - Quyết tâm thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội tỉnh Kon Tum năm 2024")
    );
    let numbers: Vec<&str> = kt24.legal_bases.iter().map(|b| b.number.as_str()).collect();
    assert_eq!(numbers, ["23-NQ/TU", "34-CT/TW", "80-KH/TU"]);
    assert_eq!(kt24.legal_bases[0].date, date("2023-12-05"));
    assert_eq!(
        kt24.legal_bases[2].issuer.as_deref(),
        Some("Ban Thường vụ Tỉnh ủy")
    );
    assert_eq!(kt24.label(), "Chỉ thị 08/CT-UBND");

    let bl = load(3);
    assert_eq!(bl.kind, DocumentKind::Plan);
    assert_eq!(bl.number, None);
    assert_eq!(bl.issued, None);
    assert_eq!(bl.published, date("2021-03-08"));
    assert_eq!(bl.issuer.name, "UBND tỉnh Bạc Liêu");
    assert_eq!(bl.coverage.year, 2021);
    assert!(
        bl.label()
            .starts_with("Kế hoạch \"Phát động phong trào thi đua"),
        "{}",
        bl.label()
    );

    let hg = load(4);
    assert_eq!(hg.kind, DocumentKind::Programme);
    assert_eq!(hg.number.as_deref(), Some("322 CTr/UBND"));
    assert_eq!(hg.issuer.name, "UBND tỉnh Hà Giang");
    assert_eq!(hg.issued, date("2023-12-26"));
    assert_eq!(hg.published, None);
    assert_eq!(hg.coverage.year, 2024);
    assert_eq!(
        hg.theme.as_deref(),
        Some("Đoàn kết, đổi mới, sáng tạo, linh hoạt trong thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024")
    );
    let labels: Vec<&str> = hg
        .content_points
        .iter()
        .filter_map(|c| c.label.as_deref())
        .collect();
    assert_eq!(
        labels,
        ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là"]
    );
    assert!(hg
        .content_points
        .iter()
        .all(|c| c.text.starts_with("thi đua")));
    assert!(hg
        .source
        .as_ref()
        .unwrap()
        .note
        .as_ref()
        .unwrap()
        .contains("Hà Giang"));
}

#[test]
fn item_texts_are_verbatim_and_state_every_number() {
    for i in [0, 2, 4] {
        let dir = load(i);
        for item in &dir.items {
            let t = &item.text;
            let at = format!("{} item {}", SEEDS[i].0, item.number);
            assert!(!t.starts_with('('), "{at}: keeps its \"(n)\": {t}");
            assert!(
                !t.ends_with(';') && !t.ends_with('.'),
                "{at}: trailing punctuation"
            );
            assert_eq!(t.trim(), t, "{at}: surrounding spaces");
            assert!(!item.targets.is_empty(), "{at}: no target");
            // Each number of each target (with sub-targets) appears, written the Vietnamese
            // way, in the item's text: "3.500", "39,6", "63,7"; "5" inside "05".
            let mut stack: Vec<&Target> = item.targets.iter().collect();
            while let Some(tg) = stack.pop() {
                for v in stated_numbers(&tg.spec) {
                    let s = format_vn(v.normalize());
                    assert!(
                        t.contains(&s),
                        "{at}, target {}: {s} is not in {t:?}",
                        tg.id
                    );
                }
                stack.extend(tg.sub_targets.iter());
            }
        }
    }
}

#[test]
fn target_ids_follow_the_convention() {
    assert_eq!(
        ids(&load(0)),
        [
            "1", "2", "3", "4", "5", "6", "6.1", "7", "8", "9", "10a", "10b", "11a", "11b", "12",
            "13"
        ]
    );
    assert_eq!(
        ids(&load(2)),
        [
            "1", "2", "3", "4", "5", "6", "7", "7.1", "8", "9", "10", "11a", "11b", "12a", "12b",
            "12c", "12d", "13", "14"
        ]
    );
    let hg: Vec<String> = (1..=20)
        .flat_map(|n| match n {
            9 => vec!["9a".to_string(), "9b".to_string()],
            n => vec![n.to_string()],
        })
        .collect();
    assert_eq!(ids(&load(4)), hg);
    // A sub-target knows its parent and item; the multi-target items hold their targets.
    let kt21 = load(0);
    let refs: Vec<_> = kt21.targets().collect();
    let sub = refs.iter().find(|r| r.target.id == "6.1").unwrap();
    assert_eq!((sub.item, sub.parent), (6, Some("6")));
    let ten = refs.iter().find(|r| r.target.id == "10b").unwrap();
    assert_eq!((ten.item, ten.parent), (10, None));
    assert_eq!(kt21.items[9].targets.len(), 2);
    assert_eq!(kt21.items[10].targets.len(), 2);
    let kt24 = load(2);
    assert_eq!(kt24.items[11].targets.len(), 4);
    assert_eq!(target(&kt24, "7").sub_targets.len(), 1);
    assert_eq!(target(&kt24, "7").sub_targets[0].id, "7.1");
    assert_eq!(load(4).items[8].targets.len(), 2);
}

#[test]
fn kinds_per_seed() {
    let census =
        |pairs: &[(&'static str, usize)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
    assert_eq!(
        kind_census(&load(0)),
        census(&[
            ("amount", 4),
            ("count", 2),
            ("growth_rate", 1),
            ("per_capita", 2),
            ("rate", 4),
            ("reduction", 1),
            ("threshold_share", 2),
        ])
    );
    assert_eq!(
        kind_census(&load(2)),
        census(&[
            ("amount", 3),
            ("count", 3),
            ("growth_rate", 1),
            ("per_capita", 2),
            ("rank_improvement", 4),
            ("rate", 3),
            ("reduction", 1),
            ("threshold_share", 2),
        ])
    );
    assert_eq!(
        kind_census(&load(4)),
        census(&[
            ("amount", 3),
            ("ceiling", 1),
            ("composite_decrease", 1),
            ("count", 1),
            ("growth_rate", 1),
            ("per_capita", 3),
            ("qualitative", 5),
            ("rate", 3),
            ("reduction", 1),
            ("threshold_share", 2),
        ])
    );
}

#[test]
fn strict_and_inclusive_comparators() {
    // Exactly the targets written "trên X" are strict; every other numeric target is "≥",
    // except the ceiling of Hà Giang (8), which is "≤".
    let expect_above: [&[&str]; 5] = [&["2", "10b"], &[], &["2"], &[], &["13", "20"]];
    for (i, above) in expect_above.iter().enumerate() {
        let dir = load(i);
        for r in dir.targets() {
            let id = r.target.id.as_str();
            let Some(c) = comparator(&r.target.spec) else {
                continue;
            };
            let want = if above.contains(&id) {
                Comparator::Above
            } else if i == 4 && id == "8" {
                Comparator::AtMost
            } else {
                Comparator::AtLeast
            };
            assert_eq!(c, want, "{} target {id}", SEEDS[i].0);
        }
    }
    // "trên một vạn dân" (Kon Tum 2021, item 8) is the per-capita base, not the comparator.
    let kt21 = load(0);
    assert_eq!(comparator(spec(&kt21, "8")), Some(Comparator::AtLeast));
    assert_eq!(spec(&kt21, "2").describe_vi(), "trên 50 triệu đồng/người");
    assert_eq!(spec(&kt21, "10b").describe_vi(), "trên 63,1%");
    assert_eq!(spec(&load(4), "13").describe_vi(), "trên 95%");
}

#[test]
fn kon_tum_2021_encodings() {
    let dir = load(0);
    assert_eq!(
        spec(&dir, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("10")
        }
    );
    match spec(&dir, "2") {
        TargetSpec::PerCapita {
            comparator: Comparator::Above,
            value,
            per,
            per_time: None,
        } => {
            assert_eq!((value.value, value.scale), (d("50"), Scale::Million));
            assert_eq!(value.unit, Unit::Currency(Currency::Vnd));
            assert_eq!(*per, Decimal::ONE);
            assert_eq!(value.base_value("t").unwrap(), d("50000000"));
        }
        other => panic!("2: {other:?}"),
    }
    match spec(&dir, "3") {
        TargetSpec::Amount {
            comparator: Comparator::AtLeast,
            value,
            measure: Measure::Flow,
        } => {
            assert_eq!(value.to_string(), "3.500 tỷ đồng");
            assert_eq!(value.base_value("t").unwrap(), d("3500000000000"));
        }
        other => panic!("3: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "4"),
        &TargetSpec::Count {
            comparator: Comparator::AtLeast,
            value: d("380"),
            noun: "doanh nghiệp".into(),
            measure: Measure::Flow
        }
    );
    match spec(&dir, "5") {
        TargetSpec::Amount { value, measure, .. } => {
            assert_eq!((value.value, value.scale), (d("162"), Scale::Million));
            assert_eq!(value.unit, Unit::Currency(Currency::Usd));
            assert_eq!(*measure, Measure::Flow);
        }
        other => panic!("5: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "6"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("54")
        }
    );
    assert_eq!(target(&dir, "6").sub_targets.len(), 1);
    assert_eq!(
        spec(&dir, "6.1"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("38")
        }
    );
    assert_eq!(
        spec(&dir, "7"),
        &TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: d("4"),
            value_high: None,
            unit: ReductionUnit::PercentagePoints,
            per_year: false
        }
    );
    match spec(&dir, "8") {
        TargetSpec::PerCapita {
            comparator: Comparator::AtLeast,
            value,
            per,
            per_time: None,
        } => {
            assert_eq!(value.value, d("39.6"));
            assert_eq!(value.scale, Scale::One);
            assert_eq!(value.unit, count_unit("giường"));
            assert_eq!(*per, d("10000"));
        }
        other => panic!("8: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "8").describe_vi(),
        "từ 39,6 giường/1 vạn dân trở lên"
    );
    assert_eq!(
        spec(&dir, "9"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("92.5")
        }
    );
    match spec(&dir, "10a") {
        TargetSpec::Amount {
            comparator: Comparator::AtLeast,
            value,
            measure: Measure::Flow,
        } => {
            assert_eq!((value.value, value.scale), (d("3000"), Scale::One));
            assert_eq!(value.unit, Unit::Hectare);
        }
        other => panic!("10a: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "10b"),
        &TargetSpec::Rate {
            comparator: Comparator::Above,
            value: d("63.1")
        }
    );
    assert_eq!(
        spec(&dir, "11a"),
        &TargetSpec::ThresholdShare {
            comparator: Comparator::AtLeast,
            value: d("100"),
            of: Some("khu công nghiệp đang hoạt động".into())
        }
    );
    assert_eq!(
        spec(&dir, "11b"),
        &TargetSpec::ThresholdShare {
            comparator: Comparator::AtLeast,
            value: d("83"),
            of: Some("cơ sở sản xuất kinh doanh".into())
        }
    );
    assert_eq!(
        spec(&dir, "12"),
        &TargetSpec::Count {
            comparator: Comparator::AtLeast,
            value: d("8"),
            noun: "xã".into(),
            measure: Measure::Flow
        }
    );
    match spec(&dir, "13") {
        TargetSpec::Amount {
            comparator: Comparator::AtLeast,
            value,
            measure: Measure::Flow,
        } => {
            assert_eq!((value.value, value.scale), (d("1.5"), Scale::Million));
            assert_eq!(value.unit, count_unit("lượt khách"));
            assert_eq!(value.base_value("t").unwrap(), d("1500000"));
        }
        other => panic!("13: {other:?}"),
    }
}

#[test]
fn kon_tum_2024_encodings() {
    let dir = load(2);
    assert_eq!(
        spec(&dir, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("10")
        }
    );
    assert_eq!(spec(&dir, "2").describe_vi(), "trên 63,7 triệu đồng/người");
    assert!(matches!(
        spec(&dir, "2"),
        TargetSpec::PerCapita { comparator: Comparator::Above, per, .. } if *per == Decimal::ONE
    ));
    match spec(&dir, "3") {
        TargetSpec::Amount {
            comparator: Comparator::AtLeast,
            value,
            measure: Measure::Flow,
        } => assert_eq!(value.to_string(), "4.600 tỷ đồng"),
        other => panic!("3: {other:?}"),
    }
    assert_eq!(spec(&dir, "4").describe_vi(), "từ 360 doanh nghiệp trở lên");
    match spec(&dir, "5") {
        TargetSpec::Amount {
            comparator: Comparator::AtLeast,
            value,
            measure: Measure::Flow,
        } => {
            assert_eq!(value.to_string(), "320 triệu USD");
            assert_eq!(value.unit, Unit::Currency(Currency::Usd));
        }
        other => panic!("5: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "6"),
        &TargetSpec::Count {
            comparator: Comparator::AtLeast,
            value: d("1"),
            noun: "sản phẩm".into(),
            measure: Measure::Flow
        }
    );
    assert_eq!(
        spec(&dir, "7"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("58.5")
        }
    );
    assert_eq!(
        spec(&dir, "7.1"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("43")
        }
    );
    // "giảm ít nhất 3-4%/năm": a range of percentage points, per year.
    assert_eq!(
        spec(&dir, "8"),
        &TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: d("3"),
            value_high: Some(d("4")),
            unit: ReductionUnit::PercentagePoints,
            per_year: true
        }
    );
    assert_eq!(spec(&dir, "8").describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
    match spec(&dir, "9") {
        TargetSpec::PerCapita {
            comparator: Comparator::AtLeast,
            value,
            per,
            per_time: None,
        } => {
            assert_eq!(value.value, d("39.3"));
            assert_eq!(value.unit, count_unit("giường"));
            assert_eq!(*per, d("10000"));
        }
        other => panic!("9: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "10"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("94.15")
        }
    );
    assert!(matches!(spec(&dir, "11a"),
        TargetSpec::ThresholdShare { comparator: Comparator::AtLeast, value, .. } if *value == d("100")));
    assert!(matches!(spec(&dir, "11b"),
        TargetSpec::ThresholdShare { comparator: Comparator::AtLeast, value, of: Some(of) }
            if *value == d("85") && of == "cơ sở sản xuất kinh doanh"));
    for (id, index) in [
        ("12a", "PCI"),
        ("12b", "PAPI"),
        ("12c", "PAR INDEX"),
        ("12d", "SIPAS"),
    ] {
        assert_eq!(
            spec(&dir, id),
            &TargetSpec::RankImprovement {
                index: index.into(),
                places: 5,
                baseline_year: 2023
            },
            "{id}"
        );
    }
    assert_eq!(
        spec(&dir, "12a").describe_vi(),
        "PCI tăng 5 bậc so với năm 2023"
    );
    assert_eq!(
        spec(&dir, "13"),
        &TargetSpec::Count {
            comparator: Comparator::AtLeast,
            value: d("5"),
            noun: "xã".into(),
            measure: Measure::Flow
        }
    );
    match spec(&dir, "14") {
        TargetSpec::Amount { value, measure, .. } => {
            assert_eq!(value.to_string(), "1,7 triệu lượt khách");
            assert_eq!(*measure, Measure::Flow);
        }
        other => panic!("14: {other:?}"),
    }
}

#[test]
fn ha_giang_2024_encodings() {
    let dir = load(4);
    assert_eq!(
        spec(&dir, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("7.5")
        }
    );
    assert_eq!(
        spec(&dir, "2").describe_vi(),
        "từ 40 triệu đồng/người trở lên"
    );
    assert_eq!(spec(&dir, "3").describe_vi(), "từ 2.460 tỷ đồng trở lên");
    assert_eq!(
        spec(&dir, "4").describe_vi(),
        "từ 3,2 triệu lượt khách trở lên"
    );
    assert_eq!(spec(&dir, "5").describe_vi(), "từ 308 triệu USD trở lên");
    for id in ["3", "4", "5"] {
        assert_eq!(spec(&dir, id).kind(), TargetKind::Amount, "{id}");
        assert_eq!(spec(&dir, id).measure(), Measure::Flow, "{id}");
    }
    assert_eq!(
        spec(&dir, "6"),
        &TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: d("4.4"),
            value_high: None,
            unit: ReductionUnit::PercentagePoints,
            per_year: false
        }
    );
    assert_eq!(
        spec(&dir, "7"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("60")
        }
    );
    match spec(&dir, "8") {
        TargetSpec::Ceiling {
            comparator: Comparator::AtMost,
            value,
        } => {
            assert_eq!(value.value, d("1.3"));
            assert_eq!(value.unit, Unit::Percent);
        }
        other => panic!("8: {other:?}"),
    }
    assert_eq!(
        spec(&dir, "8").direction(),
        thidua_core::Direction::LowerIsBetter
    );
    for (id, v, noun) in [("9a", "10.2", "bác sĩ"), ("9b", "45.7", "giường bệnh")] {
        match spec(&dir, id) {
            TargetSpec::PerCapita {
                comparator: Comparator::AtLeast,
                value,
                per,
                per_time: None,
            } => {
                assert_eq!(value.value, d(v), "{id}");
                assert_eq!(value.unit, count_unit(noun), "{id}");
                assert_eq!(*per, d("10000"), "{id}");
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    assert_eq!(
        spec(&dir, "10"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("59.1")
        }
    );
    assert_eq!(
        spec(&dir, "11"),
        &TargetSpec::Count {
            comparator: Comparator::AtLeast,
            value: d("960"),
            noun: "tiêu chí".into(),
            measure: Measure::Flow
        }
    );
    assert_eq!(
        spec(&dir, "12"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("59.3")
        }
    );
    assert_eq!(
        spec(&dir, "13"),
        &TargetSpec::ThresholdShare {
            comparator: Comparator::Above,
            value: d("95"),
            of: Some("xã, phường, thị trấn, cơ quan".into())
        }
    );
    match spec(&dir, "14") {
        TargetSpec::CompositeDecrease { components } => {
            let c: Vec<(&str, &str)> = components
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect();
            assert_eq!(
                c,
                [
                    ("cases", "số vụ"),
                    ("deaths", "người chết"),
                    ("injuries", "bị thương")
                ]
            );
        }
        other => panic!("14: {other:?}"),
    }
    for n in 15..=19 {
        let item = &dir.items[n - 1];
        assert_eq!(item.targets.len(), 1, "item {n}");
        assert_eq!(item.targets[0].spec, TargetSpec::Qualitative {}, "item {n}");
    }
    assert!(dir.items[15].text.contains("(PAR Index)") && dir.items[15].text.contains("(PAPI)"));
    assert_eq!(
        spec(&dir, "20"),
        &TargetSpec::ThresholdShare {
            comparator: Comparator::Above,
            value: d("90"),
            of: Some("tổ chức cơ sở đảng".into())
        }
    );
}

// ------------------------------------------------------------------------------------------
// Round trips
// ------------------------------------------------------------------------------------------

#[test]
fn serde_round_trip_is_identity() {
    for (i, (name, json)) in SEEDS.iter().enumerate() {
        let dir = load(i);
        // serialize → deserialize
        let s = serde_json::to_string(&dir).unwrap();
        let back: Directive = serde_json::from_str(&s).unwrap();
        assert_eq!(back, dir, "{name}: serde round trip");
        // to_json → from_json
        let again = Directive::from_json(&dir.to_json().unwrap()).unwrap();
        assert_eq!(again, dir, "{name}: to_json round trip");
        // The file holds nothing the model drops and nothing it would add: the file's JSON
        // tree equals the serialized model's.
        let file: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            file,
            serde_json::to_value(&dir).unwrap(),
            "{name}: file vs model"
        );
    }
}

#[test]
fn a_broken_seed_is_refused() {
    let (_, json) = SEEDS[0];
    let dup = json.replacen("\"id\": \"10b\"", "\"id\": \"10a\"", 1);
    assert_eq!(
        Directive::from_json(&dup).unwrap_err().code(),
        "duplicate_id"
    );
    let zero = json.replacen("\"value\": \"380\"", "\"value\": \"0\"", 1);
    assert_eq!(
        Directive::from_json(&zero).unwrap_err().code(),
        "invalid_directive"
    );
    let lower = json.replacen(
        "\"comparator\": \"above\",\n            \"value\": \"63.1\"",
        "\"comparator\": \"at_most\",\n            \"value\": \"63.1\"",
        1,
    );
    assert_ne!(lower, json, "the replacement must hit target 10b");
    assert_eq!(
        Directive::from_json(&lower).unwrap_err().code(),
        "invalid_directive"
    );
}

// ------------------------------------------------------------------------------------------
// The encodings in use: results exactly at each target
// ------------------------------------------------------------------------------------------

/// One row per target whose value equals the target exactly (reductions and ranks achieve
/// exactly what is asked; composites fall on every component; judgements are "met").
fn rows_at_target(dir: &Directive, unit: &str, year: i32) -> ResultSet {
    let p = Period::year(year);
    let mut entries = Vec::new();
    for r in dir.targets() {
        let id = r.target.id.as_str();
        match &r.target.spec {
            TargetSpec::Reduction { value, .. } => entries
                .push(ResultEntry::value(unit, id, p, d("20") - value).with_baseline(d("20"))),
            TargetSpec::RankImprovement { places, .. } => entries.push(
                ResultEntry::value(unit, id, p, Decimal::from(40 - places)).with_baseline(d("40")),
            ),
            TargetSpec::CompositeDecrease { components } => {
                for c in components {
                    let mut e = ResultEntry::value(unit, id, p, d("90")).with_baseline(d("100"));
                    e.component = Some(c.id.clone());
                    entries.push(e);
                }
            }
            TargetSpec::Qualitative {} => {
                let mut e = ResultEntry::value(unit, id, p, Decimal::ZERO);
                e.value = None;
                e.judgement = Some(Judgement::Met);
                entries.push(e);
            }
            s => {
                let v = stated_numbers(s)[0];
                entries.push(ResultEntry::value(unit, id, p, v));
            }
        }
    }
    ResultSet {
        directive: dir.number.clone(),
        description: Some("illustrative: every result exactly at its target".into()),
        entries,
    }
}

#[test]
fn results_exactly_at_target_meet_all_but_the_strict_ones() {
    let cases: [(usize, i32, &[&str], &str); 3] = [
        (0, 2021, &["2", "10b"], "đạt và vượt 11/13 chỉ tiêu"),
        (2, 2024, &["2"], "đạt và vượt 13/14 chỉ tiêu"),
        (4, 2024, &["13", "20"], "đạt và vượt 18/20 chỉ tiêu"),
    ];
    for (i, year, strict, headline) in cases {
        let dir = load(i);
        let rs = rows_at_target(&dir, "Tỉnh", year);
        let ev = evaluate(&dir, &rs, &EvaluationOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", SEEDS[i].0));
        assert_eq!(ev.units.len(), 1);
        let u = &ev.units[0];
        for t in &u.targets {
            let want = if strict.contains(&t.target.as_str()) {
                Status::NotMet
            } else {
                Status::Met
            };
            assert_eq!(
                t.status, want,
                "{} target {}: {}",
                SEEDS[i].0, t.target, t.explanation.vi
            );
            if want == Status::Met
                && t.kind != TargetKind::CompositeDecrease
                && t.kind != TargetKind::Qualitative
            {
                assert_eq!(
                    t.ratio,
                    Some(d("100")),
                    "{} target {}",
                    SEEDS[i].0,
                    t.target
                );
            }
        }
        assert!(
            u.summary.headline_vi.starts_with(headline),
            "{}: {}",
            SEEDS[i].0,
            u.summary.headline_vi
        );
    }
}
