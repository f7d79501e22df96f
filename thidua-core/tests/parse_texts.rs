//! The parser on invented directives in other styles (`tests/texts/`), on noisy variants of
//! the seeds (NFD, CRLF, NBSP, full-width punctuation, dash variants, line breaks inside
//! items), and on arbitrary input (no panic, diagnostics always slice the input, linear time).

use proptest::prelude::*;
use rust_decimal::Decimal;
use thidua_core::parse::{parse_directive, ParseOutput};
use thidua_core::{AboveRange, Comparator, DocumentKind, ReductionUnit, Scale, TargetSpec, Unit};
use unicode_normalization::UnicodeNormalization;

const SEED_000: &str = include_str!("../../tests/texts/seeds/000_kon-tum-2021.txt");
const SEED_002: &str = include_str!("../../tests/texts/seeds/002_kon-tum-2024.txt");
const SEED_004: &str = include_str!("../../tests/texts/seeds/004_ha-giang-2024.txt");
const RESOLUTION: &str = include_str!("../../tests/texts/100_resolution-paren.txt");
const BULLETS: &str = include_str!("../../tests/texts/101_plan-bullets.txt");
const PROSE: &str = include_str!("../../tests/texts/102_prose.txt");
const LINES: &str = include_str!("../../tests/texts/103_numbered-lines.txt");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn spec<'a>(out: &'a ParseOutput, id: &str) -> &'a TargetSpec {
    &out.directive
        .target(id)
        .unwrap_or_else(|| panic!("no target {id}: {:#?}", out.directive.items))
        .spec
}

fn assert_slices(text: &str, out: &ParseOutput) {
    for x in &out.diagnostics {
        assert!(
            x.start <= x.end && text.get(x.start..x.end).is_some(),
            "{x:?}"
        );
    }
    for s in &out.item_spans {
        assert!(text.get(s.start..s.end).is_some(), "{s:?}");
    }
}

#[test]
fn resolution_with_ranges_ceilings_structure_and_references() {
    let out = parse_directive(RESOLUTION);
    assert_slices(RESOLUTION, &out);
    let dir = &out.directive;
    assert_eq!(dir.kind, DocumentKind::Resolution);
    assert_eq!(
        dir.number, None,
        "the Tờ trình number is cited, not the resolution's own"
    );
    assert_eq!(dir.coverage.year, 2025);
    assert_eq!(dir.items.len(), 12);
    // "8,0 – 8,5%" with an en dash: a range, more is welcome.
    match spec(&out, "1") {
        TargetSpec::Range {
            low,
            high,
            above_high,
        } => {
            assert_eq!((low.value, high.value), (d("8.0"), d("8.5")));
            assert_eq!(low.unit, Unit::Percent);
            assert_eq!(*above_high, AboveRange::Exceeded);
        }
        s => panic!("{s:?}"),
    }
    // Shares of a structure: three rates under one number.
    assert_eq!(dir.items[2].targets.len(), 3);
    assert_eq!(dir.target("3c").unwrap().name, "Dịch vụ");
    assert_eq!(
        spec(&out, "3b"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("36.2")
        }
    );
    // By reference: no invented number.
    match spec(&out, "4") {
        TargetSpec::Reference {
            comparator,
            reference,
            value,
            ..
        } => {
            assert_eq!(*comparator, Comparator::AtLeast);
            assert_eq!(reference, "dự toán được giao");
            assert_eq!(*value, None);
        }
        s => panic!("{s:?}"),
    }
    match spec(&out, "5") {
        TargetSpec::Reference {
            comparator,
            reference,
            ..
        } => {
            assert_eq!(*comparator, Comparator::Above);
            assert_eq!(reference, "năm 2024");
        }
        s => panic!("{s:?}"),
    }
    // "giảm từ 1,5% trở lên" of a rate: percentage points, inclusive.
    assert_eq!(
        spec(&out, "6"),
        &TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: d("1.5"),
            value_high: None,
            unit: ReductionUnit::PercentagePoints,
            per_year: false
        }
    );
    // "dưới 3%" is strict; "không quá 4,5%" inclusive.
    assert!(
        matches!(spec(&out, "7"), TargetSpec::Ceiling { comparator: Comparator::Below, value } if value.value == d("3"))
    );
    assert!(
        matches!(spec(&out, "8"), TargetSpec::Ceiling { comparator: Comparator::AtMost, value } if value.value == d("4.5"))
    );
    // "dưới 5 tuổi" is part of the name; the bare 19,5% of a lower-is-better rate is a
    // ceiling, reported.
    assert!(
        matches!(spec(&out, "9"), TargetSpec::Ceiling { comparator: Comparator::AtMost, value } if value.value == d("19.5"))
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|x| x.code == "assumed_ceiling" && RESOLUTION[x.start..x.end].contains("19,5%")));
    assert!(
        matches!(spec(&out, "10"), TargetSpec::Count { value, noun, .. } if *value == d("12") && noun == "xã")
    );
    assert_eq!(
        spec(&out, "11"),
        &TargetSpec::Rate {
            comparator: Comparator::Above,
            value: d("98")
        }
    );
    assert_eq!(
        spec(&out, "12"),
        &TargetSpec::Rate {
            comparator: Comparator::Above,
            value: d("95")
        }
    );
}

#[test]
fn plan_with_bullets_header_and_theme() {
    let out = parse_directive(BULLETS);
    assert_slices(BULLETS, &out);
    let dir = &out.directive;
    assert_eq!(dir.kind, DocumentKind::Plan);
    assert_eq!(dir.number.as_deref(), Some("45/KH-UBND"));
    assert_eq!(dir.issued, "2025-01-15".parse().ok());
    assert_eq!(dir.issuer.name, "UBND tỉnh Sông Lam");
    assert_eq!(
        dir.theme.as_deref(),
        Some("Đoàn kết, kỷ cương, bứt phá, phát triển")
    );
    assert_eq!(
        dir.title,
        "Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ năm 2025"
    );
    assert_eq!(dir.items.len(), 7);
    assert_eq!(dir.content_points.len(), 2);
    assert_eq!(
        spec(&out, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("7.5")
        }
    );
    assert!(
        matches!(spec(&out, "2"), TargetSpec::Amount { value, .. } if value.value == d("1250") && value.scale == Scale::Million && value.unit.to_string() == "USD")
    );
    assert_eq!(
        dir.target("4.1").unwrap().spec,
        TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("31")
        }
    );
    assert!(
        matches!(spec(&out, "5"), TargetSpec::PerCapita { per, value, .. } if *per == d("10000") && value.value == d("12"))
    );
    // "Số vụ tai nạn giao thông: không quá 150 vụ".
    assert!(
        matches!(spec(&out, "6"), TargetSpec::Ceiling { comparator: Comparator::AtMost, value } if value.value == d("150"))
    );
    assert!(
        matches!(spec(&out, "7"), TargetSpec::Amount { value, .. } if value.unit == Unit::Hectare && value.value == d("2500"))
    );
}

#[test]
fn prose_separated_by_semicolons_without_clutter() {
    let out = parse_directive(PROSE);
    assert_slices(PROSE, &out);
    let dir = &out.directive;
    assert_eq!(dir.number.as_deref(), Some("02/CT-UBND"));
    assert_eq!(dir.issued, "2025-01-08".parse().ok());
    assert_eq!(dir.issuer.locality.as_deref(), Some("Hòa Sơn"));
    // 6 targets; the view counter and the phone number are not.
    assert_eq!(dir.items.len(), 6, "{:#?}", dir.items);
    assert_eq!(dir.target("1").unwrap().name, "Tốc độ tăng trưởng GRDP");
    assert_eq!(
        spec(&out, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("7.15")
        }
    );
    assert!(matches!(
        spec(&out, "3"),
        TargetSpec::Reference {
            comparator: Comparator::AtLeast,
            ..
        }
    ));
    assert!(
        matches!(spec(&out, "4"), TargetSpec::Reduction { value_high: Some(h), per_year: true, .. } if *h == d("1.5"))
    );
    assert_eq!(
        spec(&out, "5"),
        &TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: d("41")
        }
    );
}

#[test]
fn numbered_lines_under_a_targets_heading() {
    let out = parse_directive(LINES);
    assert_slices(LINES, &out);
    let dir = &out.directive;
    assert_eq!(dir.items.len(), 6);
    assert_eq!(
        dir.items.iter().map(|i| i.number).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        spec(&out, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("9")
        }
    );
    assert!(matches!(
        spec(&out, "4"),
        TargetSpec::Ceiling {
            comparator: Comparator::Below,
            ..
        }
    ));
    assert!(matches!(
        spec(&out, "5"),
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentOfBaseline,
            ..
        }
    ));
    assert_eq!(dir.target("5").unwrap().name, "Số vụ cháy nổ");
    assert_eq!(spec(&out, "6"), &TargetSpec::Qualitative {});
    // No issuer in the text: an error diagnostic, an empty name.
    assert!(out.diagnostics.iter().any(|x| x.code == "missing_issuer"));
    assert!(out.clone().into_directive().is_err() || dir.issuer.name.is_empty());
}

#[test]
fn partial_and_unreadable_targets_are_flagged_not_dropped() {
    let t = "Các chỉ tiêu: (1) Tỷ lệ che phủ rừng đạt 3.5%; (2) Thu ngân sách đạt trên; (3) Trồng mới 500 ha rừng; tăng cường bảo vệ rừng.";
    let out = parse_directive(t);
    assert_slices(t, &out);
    assert_eq!(out.directive.items.len(), 3);
    // "3.5" can only be an English decimal (a Vietnamese "3.5" is no number): read as 3,5 %
    // with a warning; "3.5.1" or "3.50.0" stay unreadable.
    assert!(matches!(spec(&out, "1"), TargetSpec::Rate { value, .. } if *value == d("3.5")));
    assert!(out
        .diagnostics
        .iter()
        .any(|x| x.code == "dot_decimal" && &t[x.start..x.end] == "3.5"));
    let bad = "Các chỉ tiêu: (1) Tỷ lệ che phủ rừng đạt 3.50.0%.";
    let out_bad = parse_directive(bad);
    assert_eq!(spec(&out_bad, "1"), &TargetSpec::Qualitative {});
    assert!(out_bad
        .diagnostics
        .iter()
        .any(|x| x.code == "unreadable_number"));
    assert_eq!(spec(&out, "2"), &TargetSpec::Qualitative {});
    assert!(out.diagnostics.iter().any(|x| x.code == "partial_target"));
    assert!(matches!(spec(&out, "3a"), TargetSpec::Amount { .. }));
    assert_eq!(spec(&out, "3b"), &TargetSpec::Qualitative {});
    assert!(out
        .diagnostics
        .iter()
        .any(|x| x.code == "clause_without_value"));
}

fn targets_json(out: &ParseOutput) -> serde_json::Value {
    let items: Vec<_> = out
        .directive
        .items
        .iter()
        .map(|i| (i.number, &i.targets))
        .collect();
    serde_json::to_value(items).unwrap()
}

/// "(13) Tỷ lệ" → "(13)Tỷ lệ".
fn glue_markers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && i >= 2 && chars[i - 1] == ')' && chars[i - 2].is_ascii_digit() {
            continue;
        }
        out.push(*c);
    }
    out
}

/// Noise that must not change the targets.
fn variants(text: &str) -> Vec<(&'static str, String)> {
    let list_start = text.find("(1)").unwrap_or(0);
    let (head, list) = text.split_at(list_start);
    vec![
        ("nfd", text.nfd().collect()),
        ("crlf", text.replace('\n', "\r\n")),
        ("nbsp", format!("{head}{}", list.replace(' ', "\u{00A0}"))),
        (
            "full-width",
            format!(
                "{head}{}",
                list.replace(';', "；")
                    .replace('(', "（")
                    .replace(')', "）")
                    .replace('%', "％")
            ),
        ),
        ("en dash", text.replace("3-4%", "3–4%")),
        ("em dash", text.replace("3-4%", "3 — 4%")),
        (
            "line breaks",
            format!(
                "{head}{}",
                list.replace("; (", ";\n(").replace(" đạt ", "\nđạt ")
            ),
        ),
        ("no space after )", format!("{head}{}", glue_markers(list))),
        (
            "zero-width",
            format!("{head}{}", list.replace("đạt", "đ\u{200B}ạt")),
        ),
    ]
}

#[test]
fn noise_does_not_change_targets() {
    for (name, seed) in [("000", SEED_000), ("002", SEED_002), ("004", SEED_004)] {
        let clean = parse_directive(seed);
        let want = targets_json(&clean);
        assert!(!clean.directive.items.is_empty());
        for (v, text) in variants(seed) {
            let out = parse_directive(&text);
            assert_slices(&text, &out);
            assert_eq!(targets_json(&out), want, "seed {name}, variant {v}");
            assert_eq!(
                out.directive.number, clean.directive.number,
                "seed {name}, variant {v}"
            );
        }
    }
}

#[test]
fn diagnostics_point_into_the_original_even_after_normalisation() {
    let nfd: String = SEED_004.nfd().collect();
    let out = parse_directive(&nfd);
    let d = out
        .diagnostics
        .iter()
        .find(|x| x.code == "assumed_ceiling")
        .unwrap();
    let slice: String = nfd[d.start..d.end].nfc().collect();
    assert_eq!(slice, "Tỷ lệ tăng dân số tự nhiên 1,3%");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let out = parse_directive(&s);
        assert_slices(&s, &out);
    }

    #[test]
    fn never_panics_on_target_like_text(parts in proptest::collection::vec(prop_oneof![
        Just("(1) ".to_string()), Just("(2)".to_string()), Just("; ".to_string()), Just("trong đó ".to_string()),
        Just("đạt ".to_string()), Just("trên ".to_string()), Just("từ ".to_string()), Just(" trở lên".to_string()),
        Just("giảm ".to_string()), Just("tăng ".to_string()), Just("bậc ".to_string()), Just("1 vạn dân".to_string()),
        Just("/".to_string()), Just("%".to_string()), Just("-".to_string()), Just("–".to_string()), Just("(".to_string()),
        Just(")".to_string()), Just("tỷ đồng ".to_string()), Just("Tỷ lệ ".to_string()), Just("\u{0301}".to_string()),
        Just("\r\n".to_string()), Just("\u{00A0}".to_string()), Just("cả 3 tiêu chí (số vụ, ".to_string()),
        Just("so với năm ".to_string()), Just("- ".to_string()), Just(": ".to_string()), Just("Một là, ".to_string()),
        Just("số 1/CT-UBND ngày ".to_string()), Just("chủ đề “".to_string()),
        "[0-9]{1,5}", "[0-9]{1,3}[.,][0-9]{1,3}", "\\PC{0,8}",
    ], 0..40)) {
        let s: String = parts.concat();
        let out = parse_directive(&s);
        assert_slices(&s, &out);
        let _ = out.to_json();
    }
}

/// Figures that only qualify a target are not targets of their own: a document's number
/// ("theo Quyết định 45"), a difference from another figure ("cao hơn 1,2 điểm"), a scope
/// after a figure's unit ("300 tỷ đồng trên 3 lĩnh vực"). The last two are still reported
/// (`not_a_target`, info) so that a person sees every figure; alone in a clause they are read.
#[test]
fn figures_that_qualify_a_target_are_reported_not_read() {
    let text = "KẾ HOẠCH phát triển kinh tế - xã hội năm 2026\nCác chỉ tiêu chủ yếu:\n\
        (1) Tốc độ tăng trưởng kinh tế đạt 8%, cao hơn 1,2 điểm so với năm trước.\n\
        (2) Thu ngân sách đạt 300 tỷ đồng trên 3 lĩnh vực.\n\
        (3) Tỷ lệ hộ nghèo giảm 1,5% theo Quyết định 45.\n\
        (4) Tỷ lệ hộ dân có nước sạch đạt 95% tại 12 xã vùng sâu.\n\
        (5) GRDP bình quân đầu người trên 63,7 triệu đồng.\n";
    let out = parse_directive(text);
    assert_slices(text, &out);
    let dir = &out.directive;
    let ids: Vec<&str> = dir.targets().map(|t| t.target.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(
        spec(&out, "1"),
        &TargetSpec::GrowthRate {
            comparator: Comparator::AtLeast,
            value: d("8")
        }
    );
    assert!(matches!(spec(&out, "3"), TargetSpec::Reduction { value, .. } if *value == d("1.5")));
    assert!(matches!(spec(&out, "4"), TargetSpec::Rate { value, .. } if *value == d("95")));
    // "trên" is a comparator when no figure comes before it.
    assert!(matches!(
        spec(&out, "5"),
        TargetSpec::PerCapita {
            comparator: Comparator::Above,
            ..
        }
    ));
    let noted: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|x| x.code == "not_a_target")
        .map(|x| &text[x.start..x.end])
        .collect();
    assert_eq!(noted, ["1,2", "3", "12"]);
    assert!(!out.diagnostics.iter().any(|x| x.code == "unread_figure"));
    // "45" is the decision's number: not a figure at all.
    assert!(!out
        .diagnostics
        .iter()
        .any(|x| &text[x.start..x.end] == "45"));

    // Alone in its clause, a compared figure is the target.
    let alone = "Các chỉ tiêu chủ yếu:\n(1) Năng suất lao động cao hơn 5% so với năm trước.\n";
    let out = parse_directive(alone);
    assert_eq!(out.directive.targets().count(), 1);
}

/// Header rules that hold for any document: an appendix names the document it belongs to, a
/// "V/v" subject line makes an official letter, a locality may stand on the line under the
/// body, and a place name read from capitals ends at words that never belong to one.
#[test]
fn metadata_from_appendix_headings_letters_and_two_line_bodies() {
    let appendix =
        "Phụ lục\nCÁC CHỈ TIÊU CHỦ YẾU NĂM 2025\n(Kèm theo Quyết định số 125/QĐ-BNNMT ngày 10 \
        tháng 01 năm 2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường)\n\n| TT | Chỉ tiêu | Đơn vị \
        tính | Kế hoạch năm 2025 |\n|---|---|---|---|\n| 1 | Tỷ lệ che phủ rừng | % | 42,05 |\n";
    let d = parse_directive(appendix).directive;
    assert_eq!(d.kind, DocumentKind::Decision);
    assert_eq!(d.number.as_deref(), Some("125/QĐ-BNNMT"));
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2025-01-10")
    );
    assert_eq!(d.issuer.name, "Bộ trưởng Bộ Nông nghiệp và Môi trường");
    assert!(d.legal_bases.iter().all(|b| b.number != "125/QĐ-BNNMT"));
    // "ban hành kèm theo" cites a regulation: not the text's own document.
    let cited = "UBND TỈNH X\nCăn cứ Quy chế ban hành kèm theo Quyết định số 45/2023/QĐ-UBND;\n";
    assert_ne!(
        parse_directive(cited).directive.number.as_deref(),
        Some("45/2023/QĐ-UBND")
    );

    let letter =
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH NGHỆ AN\nSố: 2150/SGDĐT-VP\nV/v phát động phong trào \
        thi đua năm học 2024-2025\n";
    let d = parse_directive(letter).directive;
    assert_eq!(d.kind, DocumentKind::OfficialLetter);
    assert_eq!(d.issuer.locality.as_deref(), Some("Nghệ An"));
    assert!(
        d.issuer.name.to_lowercase().ends_with("tỉnh nghệ an"),
        "{}",
        d.issuer.name
    );

    let party =
        "NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ HUYỆN ĐỨC TRỌNG LẦN THỨ XIII, NHIỆM KỲ 2025 - 2030\n";
    let d = parse_directive(party).directive;
    assert_eq!(d.issuer.locality.as_deref(), Some("Đức Trọng"));
}

/// The kind and the year from prose and headings when no number or date gives them.
#[test]
fn kind_from_prose_about_a_document_and_year_from_a_title_line() {
    let news =
        "Sáng 9/12, HĐND tỉnh X đã bế mạc kỳ họp.\n\nTheo Nghị quyết về kế hoạch phát triển \
        kinh tế - xã hội năm 2025, tỉnh đặt mục tiêu tốc độ tăng trưởng GRDP đạt 8%.\n";
    assert_eq!(
        parse_directive(news).directive.kind,
        DocumentKind::Resolution
    );
    let cited = "UBND HUYỆN Y\nCăn cứ Nghị quyết về kế hoạch năm 2025 của HĐND huyện;\n";
    assert_ne!(
        parse_directive(cited).directive.kind,
        DocumentKind::Resolution
    );

    let report =
        "UBND HUYỆN CAM LỘ\nBáo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội \
        năm 2024\n\nTổng giá trị sản xuất ước đạt 4.215 tỷ đồng (KH 4.200 tỷ đồng).\n";
    let out = parse_directive(report);
    assert_eq!(out.directive.coverage.year, 2024);
    assert!(out.diagnostics.iter().any(|x| x.code == "assumed_year"));
    // A column header cut into cells is not a title: no year rather than a wrong one.
    let cells = "Chỉ tiêu y tế đến năm 2025\n\nTên chỉ tiêu\n\nThực hiện\nnăm 2023\n";
    assert_ne!(parse_directive(cells).directive.coverage.year, 2023);

    let school =
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH NGHỆ AN\nSố: 2150/SGDĐT-VP\nV/v phát động phong trào \
        thi đua năm học 2024-2025\n";
    let c = parse_directive(school).directive.coverage;
    assert_eq!((c.year, c.until_year), (2024, Some(2025)));
}

/// A two-column header flattened with tabs, an agency under its parent committee, the
/// chairman's signature, a number with a stray space or without a colon.
#[test]
fn metadata_from_flattened_headers_agencies_and_signatures() {
    let so = "UBND TỈNH QUẢNG NINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ XÂY DỰNG\tĐộc lập - Tự do - \
        Hạnh phúc\n\tQuảng Ninh, ngày 20 tháng 02 năm 2025\nBẢN ĐĂNG KÝ GIAO ƯỚC THI ĐUA NĂM 2025\n";
    let d = parse_directive(so).directive;
    assert_eq!(d.issuer.name, "Sở Xây dựng tỉnh Quảng Ninh");
    assert_eq!(d.issuer.locality.as_deref(), Some("Quảng Ninh"));
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2025-02-20")
    );

    let ubnd =
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH CÀ MAU\tĐộc lập - Tự do - Hạnh \
        phúc\nSố: 28/KH-UBND\tCà Mau, ngày 22 tháng 01 năm 2026\nKẾ HOẠCH\n";
    let d = parse_directive(ubnd).directive;
    assert_eq!(d.issuer.name, "UBND tỉnh Cà Mau");
    assert_eq!(d.number.as_deref(), Some("28/KH-UBND"));

    let chairman =
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 02/CT-UBND\nCHỈ THỊ\nVề phát động thi đua năm 2026\n\
        …\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n";
    assert_eq!(
        parse_directive(chairman).directive.issuer.name,
        "Chủ tịch UBND tỉnh Nghệ An"
    );
    let committee =
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 15/KH-UBND\nKẾ HOẠCH\n…\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ \
        TỊCH\nPHÓ CHỦ TỊCH\n";
    assert_eq!(
        parse_directive(committee).directive.issuer.name,
        "UBND tỉnh Nghệ An"
    );

    let spaced = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BẢO LỘC\nSố: 312 /KH-UBND\nKẾ HOẠCH\n";
    assert_eq!(
        parse_directive(spaced).directive.number.as_deref(),
        Some("312/KH-UBND")
    );
    let letter = "BCH HỘI NÔNG DÂN TỈNH TUYÊN QUANG\n*\nSố 145-CV/HNDT\nV/v phát động phong trào thi đua năm 2026\n";
    let d = parse_directive(letter).directive;
    assert_eq!(d.number.as_deref(), Some("145-CV/HNDT"));
    assert_eq!(d.kind, DocumentKind::OfficialLetter);
}

/// "Kéo giảm …" is the verb "giảm"; a printed page number "- 2 -" is not a figure.
#[test]
fn keo_giam_is_a_reduction_and_page_numbers_are_not_figures() {
    let text =
        "Các chỉ tiêu chủ yếu:\n- Kéo giảm số người chết do tai nạn giao thông từ 5% trở lên \
        so với năm 2025.\n- 2 -\n- Tỷ lệ hộ nghèo giảm 1%.\n";
    let out = parse_directive(text);
    let specs: Vec<&TargetSpec> = out.directive.targets().map(|t| &t.target.spec).collect();
    assert_eq!(specs.len(), 2, "{specs:?}");
    assert!(matches!(specs[0], TargetSpec::Reduction { value, .. } if *value == d("5")));
    assert_eq!(
        out.directive
            .targets()
            .next()
            .map(|t| t.target.name.as_str()),
        Some("Số người chết do tai nạn giao thông")
    );
}
