use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::rules::{linear, proportional, step_reached};
use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn bands() -> Value {
    json!({"basis": "total", "bands": [
        {"id": "xs", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "outstanding", "min_total": "90", "min_criterion_percent": "85"},
        {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "good", "min_total": "80", "min_criterion_percent": "80"},
        {"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed", "min_total": "70", "min_criterion_percent": "70"},
        {"id": "kht", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "not completed"}]})
}

/// A scheme with one target criterion per rule kind, on a four-target directive.
fn rule_scheme(policy: &str) -> Value {
    json!({"name": "t", "scale": "100", "rounding": {"digits": 3, "mode": "half_away_from_zero"},
        "missing_result": policy,
        "sections": [{"id": "A", "name": "A", "criteria": [
            {"id": "A1", "name": "GRDP", "max": "40", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}},
            {"id": "A2", "name": "BQĐN", "max": "20", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}},
            {"id": "A3", "name": "Hai chỉ tiêu", "max": "40", "targets": ["3a", "3b"], "combine": "mean",
             "rule": {"kind": "steps", "steps": [{"at_least": "90", "points": "20"}, {"at_least": "100", "points": "40"}]}}]}],
        "classification": bands()})
}

fn directive() -> Value {
    json!({"kind": "directive", "issuer": {"name": "UBND tỉnh X"}, "coverage": {"year": 2024}, "title": "t", "items": [
        {"number": 1, "text": "GRDP", "targets": [{"id": "1", "name": "GRDP", "spec": {"kind": "growth_rate", "comparator": "at_least", "value": "10"}}]},
        {"number": 2, "text": "BQĐN", "targets": [{"id": "2", "name": "GRDP/người", "spec": {"kind": "per_capita", "comparator": "above",
            "value": {"value": "63.7", "scale": "million", "unit": "đồng"}, "per": "1"}}]},
        {"number": 3, "text": "Hai", "targets": [
            {"id": "3a", "name": "a", "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}},
            {"id": "3b", "name": "b", "spec": {"kind": "rate", "comparator": "at_least", "value": "80"}}]}]})
}

fn input(scheme: Value, rows: Value) -> Value {
    json!({"scheme": scheme, "directive": directive(),
        "roster": [{"unit": "A", "group": "Cụm 1", "kind": "cluster"}, {"unit": "B", "group": "Cụm 1", "kind": "cluster"}],
        "stages": [{"stage": "board_appraisal", "results": rows}]})
}

fn run(v: &Value) -> Result<ScoreReport, crate::Error> {
    score_json(&v.to_string())
}

fn rows(unit: &str, v1: &str, v2: &str, a: &str, b: Option<&str>) -> Vec<Value> {
    let mut r = vec![
        json!({"unit": unit, "target": "1", "period": "2024", "value": v1}),
        json!({"unit": unit, "target": "2", "period": "2024", "value": v2}),
        json!({"unit": unit, "target": "3a", "period": "2024", "value": a}),
    ];
    if let Some(b) = b {
        r.push(json!({"unit": unit, "target": "3b", "period": "2024", "value": b}));
    }
    r
}

fn all_rows(a: Vec<Value>, b: Vec<Value>) -> Value {
    Value::Array(a.into_iter().chain(b).collect())
}

#[test]
fn all_or_nothing_tolerance_is_explicit() {
    // "trên 63,7": exactly 63,7 is not met, but the scheme accepts ≥ 100 % of plan.
    let r = run(&input(
        rule_scheme("zero"),
        all_rows(
            rows("A", "10", "63.7", "50", Some("80")),
            rows("B", "10", "63.6", "50", Some("80")),
        ),
    ))
    .unwrap();
    let a = r.unit("A").unwrap().final_card().unwrap();
    assert_eq!(a.criterion_points("A2"), Some(d("20.000")));
    assert!(
        a.criteria[1].explanation.vi.contains("cơ bản đạt"),
        "{}",
        a.criteria[1].explanation.vi
    );
    let b = r.unit("B").unwrap().final_card().unwrap();
    assert_eq!(b.criterion_points("A2"), Some(d("0.000")));
}

#[test]
fn multi_target_mean_and_missing_policies() {
    let data = all_rows(
        rows("A", "10", "64", "50", Some("76")),
        rows("B", "10", "64", "50", None),
    );
    // 3a: 100 % → 40; 3b: 95 % → 20; mean 30.
    let r = run(&input(rule_scheme("zero"), data.clone())).unwrap();
    assert_eq!(
        r.unit("A")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A3"),
        Some(d("30.000"))
    );
    // B: 3b missing → 0 under zero (mean 20), the mean of the present one under exclusion (40).
    assert_eq!(
        r.unit("B")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A3"),
        Some(d("20.000"))
    );
    let r = run(&input(rule_scheme("exclude_and_renormalise"), data.clone())).unwrap();
    assert_eq!(
        r.unit("B")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A3"),
        Some(d("40.000"))
    );
    let r = run(&input(rule_scheme("ineligible"), data)).unwrap();
    let b = r.unit("B").unwrap();
    assert!(!b.final_card().unwrap().eligible);
    assert_eq!(b.rank, None);
    assert_eq!(r.groups[0].not_ranked[0].unit, "B");
}

#[test]
fn min_combination_takes_the_worst_target() {
    let mut s = rule_scheme("zero");
    s["sections"][0]["criteria"][2]["combine"] = json!("min");
    let r = run(&input(
        s,
        all_rows(
            rows("A", "10", "64", "50", Some("76")),
            rows("B", "10", "64", "50", Some("80")),
        ),
    ))
    .unwrap();
    assert_eq!(
        r.unit("A")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A3"),
        Some(d("20.000"))
    );
    assert_eq!(
        r.unit("B")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A3"),
        Some(d("40.000"))
    );
}

#[test]
fn ratio_rule_on_undefined_ratio_is_an_error() {
    let mut s = rule_scheme("zero");
    s["sections"][0]["criteria"][0]["targets"] = json!(["2"]);
    s["sections"][0]["criteria"][1]["targets"] = json!(["1"]);
    // a qualitative target under a proportional rule
    let mut dir = directive();
    dir["items"][0]["targets"][0]["spec"] = json!({"kind": "qualitative"});
    let mut v = input(
        s,
        json!([{"unit": "A", "target": "1", "period": "2024", "judgement": "met"},
        {"unit": "B", "target": "1", "period": "2024", "judgement": "met"}]),
    );
    v["directive"] = dir;
    v["scheme"]["sections"][0]["criteria"][0]["targets"] = json!(["1"]);
    let e = run(&v).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("% of plan"), "{e}");
}

#[test]
fn exceeding_bonus_caps() {
    let mut s = rule_scheme("zero");
    s["bonus"] = json!({"exceeding": {"points_per_percent": "0.5", "cap_per_target": "3", "criteria": ["A1"]},
        "fixed": [{"id": "flag", "label_vi": "Cờ", "label_en": "Flag", "points": "10"}], "max_total": "12"});
    s["scale"] = json!("112");
    let mut v = input(
        s,
        all_rows(
            rows("A", "10.4", "64", "50", Some("80")),
            rows("B", "12", "64", "50", Some("80")),
        ),
    );
    v["stages"][0]["bonuses"] = json!([{"unit": "B", "id": "flag"}]);
    let r = run(&v).unwrap();
    // A: 104 % → 4 × 0,5 = 2 bonus.
    let a = r.unit("A").unwrap().final_card().unwrap();
    assert_eq!(a.bonus_total, d("2.000"));
    assert_eq!(a.total, d("102.000"));
    // B: 120 % → 10, capped at 3 per target; + flag 10 = 13, capped at 12.
    let b = r.unit("B").unwrap().final_card().unwrap();
    assert_eq!(b.bonuses[0].points, d("3.000"));
    assert_eq!(b.bonus_total, d("12.000"));
    assert!(b.bonus_capped.is_some());
}

#[test]
fn rounding_modes_and_where_they_apply() {
    let r = Rounding {
        digits: 2,
        mode: RoundingMode::HalfEven,
    };
    assert_eq!(r.apply(d("2.345")).to_string(), "2.34");
    let r = Rounding {
        digits: 2,
        mode: RoundingMode::Down,
    };
    assert_eq!(r.apply(d("2.349")).to_string(), "2.34");
    let r = Rounding {
        digits: 0,
        mode: RoundingMode::Up,
    };
    assert_eq!(r.apply(d("2.01")).to_string(), "3");
    // Per criterion: 95,2345 % of 40 → 38,0938 → 38,094 (3 digits, half away from zero).
    let res = run(&input(
        rule_scheme("zero"),
        all_rows(
            rows("A", "9.52345", "64", "50", Some("80")),
            rows("B", "10", "64", "50", Some("80")),
        ),
    ))
    .unwrap();
    // ratio is rounded by the evaluation to 2 digits first: 95,23 % → 38,092.
    assert_eq!(
        res.unit("A")
            .unwrap()
            .final_card()
            .unwrap()
            .criterion_points("A1"),
        Some(d("38.092"))
    );
}

fn scheme_error(mutate: impl FnOnce(&mut Value)) -> crate::Error {
    let mut s = rule_scheme("zero");
    mutate(&mut s);
    Scheme::from_json(&s.to_string()).unwrap_err()
}

#[test]
fn scheme_errors_say_what_and_where() {
    let e = scheme_error(|s| s["sections"][0]["criteria"][2]["combine"] = Value::Null);
    assert!(
        e.to_string().contains("sections[0].criteria[2].combine"),
        "{e}"
    );
    let e = scheme_error(|s| s["sections"][0]["criteria"][0]["targets"] = json!([]));
    assert!(
        e.to_string().contains("sections[0].criteria[0].targets"),
        "{e}"
    );
    let e = scheme_error(|s| {
        s["sections"][0]["criteria"][2]["rule"]["steps"][1]["at_least"] = json!("80")
    });
    assert!(
        e.to_string()
            .contains("sections[0].criteria[2].rule.steps[1]"),
        "{e}"
    );
    let e = scheme_error(|s| s["sections"][0]["criteria"][1]["id"] = json!("A1"));
    assert_eq!(e.code(), "duplicate_id");
    let e = scheme_error(|s| s["classification"]["bands"][3]["min_total"] = json!("10"));
    assert!(e.to_string().contains("classification.bands[3]"), "{e}");
    let e = scheme_error(|s| s["classification"]["bands"][1]["min_total"] = json!("95"));
    assert!(e.to_string().contains("best first"), "{e}");
    let e = scheme_error(|s| {
        s["awards"] = json!([{"id": "g", "label_vi": "g", "label_en": "g",
            "select": {"kind": "share_of", "of": "p", "max_percent": "20", "ties_at_cap": "exclude_all"}}])
    });
    assert!(e.to_string().contains("awards[0].select.of"), "{e}");
    let e = scheme_error(|s| {
        s["awards"] = json!([{"id": "p", "label_vi": "p", "label_en": "p", "select": {"kind": "group_leaders", "places": 1}},
            {"id": "g", "label_vi": "g", "label_en": "g",
            "select": {"kind": "share_of", "of": "p", "max_percent": "20", "ties_at_cap": "exclude_all"}}])
    });
    assert!(
        e.to_string().contains("awards[1].select.percent_rounding"),
        "{e}"
    );
    let e = scheme_error(|s| {
        s["sections"][0]["criteria"][0]["rule"] =
            json!({"kind": "linear", "on": "ratio", "from": "100", "to": "80"})
    });
    assert!(
        e.to_string().contains("sections[0].criteria[0].rule"),
        "{e}"
    );
    let e = scheme_error(|s| s["sections"][0]["criteria"][0]["rule"] = json!({"kind": "council"}));
    assert!(
        e.to_string().contains("council criterion takes no targets"),
        "{e}"
    );
}

#[test]
fn roster_and_stage_errors() {
    let mut v = input(
        rule_scheme("zero"),
        all_rows(
            rows("A", "10", "64", "50", Some("80")),
            rows("C", "10", "64", "50", Some("80")),
        ),
    );
    let e = run(&v).unwrap_err();
    assert!(e.to_string().contains("not in the roster"), "{e}");
    v["stages"][0]["results"] = all_rows(rows("A", "10", "64", "50", Some("80")), vec![]);
    let e = run(&v).unwrap_err();
    assert!(e.to_string().contains("\"B\" has no results"), "{e}");
    v["stages"] = json!([{"stage": "board_appraisal"}, {"stage": "self_assessment"}]);
    assert!(run(&v).unwrap_err().to_string().contains("in order"));
}

// ---- properties ----

fn council_scheme(n: usize, tie_breakers: bool) -> Value {
    let max = 100 / n;
    let crit: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("C{i}"), "name": format!("c{i}"), "max": max.to_string(), "rule": {"kind": "council"}}))
        .collect();
    let mut s = json!({"name": "p", "scale": (max * n).to_string(), "rounding": {"digits": 3, "mode": "half_away_from_zero"},
        "missing_result": "zero", "sections": [{"id": "S", "name": "S", "criteria": crit}],
        "classification": {"basis": "total", "bands": [{"id": "a", "label_vi": "a", "label_en": "a", "min_total": "0", "min_criterion_percent": "50"},
            {"id": "b", "label_vi": "b", "label_en": "b"}]}});
    if tie_breakers {
        s["tie_breakers"] = json!([{"kind": "criterion_points", "criterion": "C0"}]);
    }
    s
}

fn council_input(scheme: Value, points: &[(usize, Vec<u32>)], n_crit: usize) -> Value {
    let max = 100 / n_crit as u32;
    let roster: Vec<Value> = points
        .iter()
        .enumerate()
        .map(|(i, (g, _))| json!({"unit": format!("U{i}"), "group": format!("G{g}"), "kind": "cluster"}))
        .collect();
    let mut cp = Vec::new();
    for (i, (_, p)) in points.iter().enumerate() {
        for (k, x) in p.iter().enumerate() {
            // hundredths within 0..max
            let v = Decimal::new(i64::from(*x % (max * 100 + 1)), 2);
            cp.push(json!({"unit": format!("U{i}"), "criterion": format!("C{k}"), "points": v.to_string()}));
        }
    }
    json!({"scheme": scheme, "roster": roster, "stages": [{"stage": "board_appraisal", "council_points": cp}]})
}

fn summary(r: &ScoreReport) -> Vec<(String, Decimal, Option<u32>, bool)> {
    let mut v: Vec<_> = r
        .units
        .iter()
        .map(|u| {
            (
                u.unit.clone(),
                u.final_card().map(|c| c.total).unwrap_or_default(),
                u.rank,
                u.tied,
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rule_points_stay_within_max_and_never_fall(r1 in -50_000i64..50_000, r2 in -50_000i64..50_000, max in 1i64..2_000) {
        let (lo, hi) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        let (lo, hi, max) = (Decimal::new(lo, 2), Decimal::new(hi, 2), Decimal::new(max, 1));
        let steps = vec![
            Step { at_least: d("50"), points: max / Decimal::from(4) },
            Step { at_least: d("90"), points: max / Decimal::TWO },
            Step { at_least: d("100"), points: max },
        ];
        let pts = |x: Decimal| -> Vec<Decimal> {
            vec![
                proportional(max, d("100"), x, "p").unwrap(),
                proportional(max, d("120"), x, "p").unwrap(),
                step_reached(&steps, x).map(|k| steps[k].points).unwrap_or(Decimal::ZERO),
                linear(max, d("80"), d("100"), x, "p").unwrap(),
            ]
        };
        let (a, b) = (pts(lo), pts(hi));
        for (pa, pb) in a.iter().zip(&b) {
            prop_assert!(*pa >= Decimal::ZERO && *pa <= max);
            prop_assert!(*pb >= Decimal::ZERO && *pb <= max);
            prop_assert!(pa <= pb, "better ratio {hi} gave fewer points than {lo}");
        }
    }

    #[test]
    fn better_results_never_lower_the_total(v in 0u32..3000, extra in 0u32..1000, a in 0u32..1500) {
        let val = |x: u32| Decimal::new(i64::from(x), 2).to_string();
        let base = run(&input(rule_scheme("zero"), all_rows(rows("A", &val(v), "64", &val(a), Some("80")), rows("B", "10", "64", "50", Some("80"))))).unwrap();
        let better = run(&input(rule_scheme("zero"), all_rows(rows("A", &val(v + extra), "64", &val(a + extra), Some("80")), rows("B", "10", "64", "50", Some("80"))))).unwrap();
        let t0 = base.unit("A").unwrap().final_card().unwrap();
        let t1 = better.unit("A").unwrap().final_card().unwrap();
        prop_assert!(t1.total >= t0.total);
        for c in &t0.criteria {
            let p = c.points.unwrap();
            prop_assert!(p >= Decimal::ZERO && p <= c.max);
        }
    }

    #[test]
    fn reordering_changes_no_score_or_rank(
        units in proptest::collection::vec((0usize..3, proptest::collection::vec(0u32..3000, 4)), 2..12),
        seed in any::<u64>(),
        tb in any::<bool>(),
    ) {
        let n = 4;
        let a = run(&council_input(council_scheme(n, tb), &units, n)).unwrap();
        // Reverse the units (roster and points), and rotate the criteria in the scheme.
        let mut reordered = council_input(council_scheme(n, tb), &units, n);
        let roster = reordered["roster"].as_array().unwrap().iter().rev().cloned().collect::<Vec<_>>();
        reordered["roster"] = Value::Array(roster);
        let mut cps = reordered["stages"][0]["council_points"].as_array().unwrap().clone();
        let k = (seed as usize) % cps.len().max(1);
        cps.rotate_left(k);
        reordered["stages"][0]["council_points"] = Value::Array(cps);
        let mut crit = reordered["scheme"]["sections"][0]["criteria"].as_array().unwrap().clone();
        crit.rotate_left((seed as usize) % n);
        reordered["scheme"]["sections"][0]["criteria"] = Value::Array(crit);
        let b = run(&reordered).unwrap();
        prop_assert_eq!(summary(&a), summary(&b));
        prop_assert_eq!(&a.groups, &b.groups);
        prop_assert_eq!(&a.awards, &b.awards);
    }

    #[test]
    fn ranks_are_consistent_with_totals(
        units in proptest::collection::vec((0usize..2, proptest::collection::vec(0u32..300, 4)), 1..15),
    ) {
        let r = run(&council_input(council_scheme(4, false), &units, 4)).unwrap();
        for g in &r.groups {
            for x in &g.ranking {
                let better = g.ranking.iter().filter(|y| y.total > x.total).count() as u32;
                prop_assert_eq!(x.rank, better + 1, "standard competition ranking");
                let same = g.ranking.iter().filter(|y| y.total == x.total).count();
                prop_assert_eq!(x.tied, same > 1);
            }
        }
    }
}

/// The districts' vector (`tests/vectors/scoring/units-own-targets.json`) under the old single
/// missing-result setting (`"zero"`): every "không áp dụng" (exports of a mountain district)
/// scores 0, which alone breaks the per-criterion floor of every band, so every mountain
/// district is "không hoàn thành nhiệm vụ"; the shipped per-status policy leaves it out.
#[test]
fn not_applicable_is_not_a_missing_report() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
    let v: Value =
        serde_json::from_str(&read("tests/vectors/scoring/units-own-targets.json")).unwrap();
    let input = resolve_input_paths(v["input"].clone(), &mut |p: &str| Ok(read(p))).unwrap();
    let mut parsed: ScoreInput = serde_json::from_value(input).unwrap();
    let per_status = score(&parsed).unwrap();
    parsed.scheme.missing_result = MissingPolicy::All(MissingResult::Zero);
    let zero = score(&parsed).unwrap();
    for u in ["Huyện Đắk Núi", "Huyện Kon Rẫy Mới", "Huyện Ia Sông"] {
        let z = zero.unit(u).unwrap();
        assert_eq!(z.band.as_ref().unwrap().band, "khong_hoan_thanh", "{u}");
        let a5 = z
            .final_card()
            .unwrap()
            .criteria
            .iter()
            .find(|c| c.criterion == "A5")
            .unwrap();
        assert_eq!(a5.points, Some(d("0.000")), "{u}");
        assert!(
            a5.explanation.vi.contains("không áp dụng (tính 0 điểm)"),
            "{}",
            a5.explanation.vi
        );
        let p = per_status.unit(u).unwrap().final_card().unwrap();
        let a5 = p.criteria.iter().find(|c| c.criterion == "A5").unwrap();
        assert_eq!(a5.points, None, "{u}");
        assert!(p.renormalised.is_some(), "{u}");
    }
    assert_eq!(
        per_status
            .unit("Huyện Đắk Núi")
            .unwrap()
            .band
            .as_ref()
            .unwrap()
            .band,
        "tot"
    );
    assert_eq!(
        per_status
            .unit("Huyện Kon Rẫy Mới")
            .unwrap()
            .band
            .as_ref()
            .unwrap()
            .band,
        "hoan_thanh"
    );
}

/// A criterion's own policy overrides the scheme's; a not-applicable row follows the
/// `not_applicable` policy and a missing row the `no_data` one.
#[test]
fn missing_policy_per_status_and_per_criterion() {
    let data = all_rows(
        rows("A", "10", "64", "50", Some("76")),
        rows("B", "10", "64", "50", None),
    );
    // Per criterion: A3 scores a missing 3b as 0 although the scheme leaves it out.
    let mut s = rule_scheme("exclude_and_renormalise");
    s["sections"][0]["criteria"][2]["missing_result"] = json!("zero");
    let r = run(&input(s, data.clone())).unwrap();
    let b = r.unit("B").unwrap().final_card().unwrap();
    assert_eq!(b.criterion_points("A3"), Some(d("20.000")));
    // Per status: no data scores 0, not applicable is left out.
    let mut s = rule_scheme("zero");
    s["missing_result"] = json!({"no_data": "zero", "not_applicable": "exclude_and_renormalise"});
    let mut na = data.clone();
    if let Value::Array(rows) = &mut na {
        for r in rows.iter_mut() {
            if r["unit"] == "A" && r["target"] == "3b" {
                *r = json!({"unit": "A", "target": "3b", "period": "2024", "not_applicable": true});
            }
        }
    }
    let r = run(&input(s, na)).unwrap();
    let a = r.unit("A").unwrap().final_card().unwrap();
    let b = r.unit("B").unwrap().final_card().unwrap();
    assert_eq!(a.criterion_points("A3"), Some(d("40.000"))); // 3b left out: the mean of 3a
    assert_eq!(b.criterion_points("A3"), Some(d("20.000"))); // 3b missing: 0 in the mean
    let a3 = a.criteria.iter().find(|c| c.criterion == "A3").unwrap();
    assert!(
        a3.explanation
            .vi
            .contains("không áp dụng (không tính, chuẩn hóa lại)"),
        "{}",
        a3.explanation.vi
    );
}

/// Pins the explanation of a weighted criterion ("× hệ số w = pw") and of a mean of two
/// targets, word for word.
#[test]
fn weighted_criterion_explanation_is_pinned() {
    let mut s = rule_scheme("zero");
    s["sections"][0]["criteria"][0]["weight"] = json!("1.5");
    s["scale"] = json!("120");
    let mut v = input(s, all_rows(rows("A", "9", "64", "45", Some("81")), vec![]));
    v["roster"] = json!([{"unit": "A", "group": "Cụm 1", "kind": "cluster"}]);
    let r = run(&v).unwrap();
    let a = r.unit("A").unwrap().final_card().unwrap();
    let texts: Vec<(&str, &str)> = a
        .criteria
        .iter()
        .map(|c| (c.explanation.vi.as_str(), c.explanation.en.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "đạt 90 % kế hoạch → 36,000/40 điểm × hệ số 1,5 = 54,000",
                "90% of plan → 36.000/40 points × weight 1.5 = 54.000"
            ),
            ("vượt → 20,000/20 điểm", "exceeded → 20.000/20 points"),
            (
                "(3a) đạt 90 % kế hoạch, mức từ 90 % → 20,000/40; (3b) đạt 101,25 % kế hoạch, mức từ 100 % → 40,000/40; trung bình → 30,000/40 điểm",
                "(3a) 90% of plan, step from 90% → 20.000/40; (3b) 101.25% of plan, step from 100% → 40.000/40; mean → 30.000/40 points"
            )
        ]
    );
}

/// A unit with no result at all under "exclude and renormalise": no criterion can be scored,
/// and the unit is not eligible, with the reason pinned.
#[test]
fn every_criterion_left_out_makes_the_unit_ineligible() {
    let mut s = rule_scheme("exclude_and_renormalise");
    s["bonus"] =
        json!({"fixed": [{"id": "flag", "label_vi": "Cờ", "label_en": "Flag", "points": "1"}]});
    let mut v = input(s, all_rows(rows("A", "10", "64", "50", Some("80")), vec![]));
    v["stages"][0]["bonuses"] = json!([{"unit": "B", "id": "flag"}]);
    let r = run(&v).unwrap();
    let b = r.unit("B").unwrap().final_card().unwrap();
    assert!(!b.eligible);
    let why = b.ineligible_reason.as_ref().unwrap();
    assert_eq!(
        (why.vi.as_str(), why.en.as_str()),
        (
            "Không chấm được tiêu chí nào (thiếu toàn bộ kết quả).",
            "No criterion could be scored (every result is missing)."
        )
    );
    assert_eq!(
        b.criteria[2].explanation.vi,
        "(3a) chưa có số liệu (không tính, chuẩn hóa lại); (3b) chưa có số liệu (không tính, chuẩn hóa lại) → không chấm"
    );
    assert_eq!(
        b.criteria[2].explanation.en,
        "(3a) no data (left out, renormalised); (3b) no data (left out, renormalised) → not scored"
    );
}

/// A stage given as an evaluation that lacks one of the scheme's targets for a unit: an
/// `unknown_target` error that names the criterion, the unit and the stage.
#[test]
fn evaluation_without_a_scheme_target_is_an_error() {
    let directive = crate::Directive::from_json(&directive().to_string()).unwrap();
    let results = crate::ResultSet::from_json(
        &all_rows(rows("A", "10", "64", "50", Some("80")), vec![]).to_string(),
    )
    .unwrap();
    let e = crate::evaluate(&directive, &results, &Default::default()).unwrap();
    let mut ev = serde_json::to_value(&e).unwrap();
    ev["units"][0]["targets"]
        .as_array_mut()
        .unwrap()
        .retain(|t| t["target"] != "2");
    let mut v = input(rule_scheme("zero"), json!([]));
    v["roster"] = json!([{"unit": "A", "group": "Cụm 1", "kind": "cluster"}]);
    v["stages"] = json!([{"stage": "board_appraisal", "evaluation": ev}]);
    let err = run(&v).unwrap_err();
    assert_eq!(err.code(), "unknown_target");
    assert_eq!(
        err.to_string(),
        "unknown target \"2\" at criterion \"A2\", unit \"A\", stage board_appraisal (the evaluation has no such target)"
    );
}

/// Pins, word for word (code and message with its location), every error of a stage's
/// input: evaluations, council points, bonuses and penalties, and a roster unit missing from
/// the final stage.
#[test]
fn stage_input_errors_are_pinned() {
    let mut s = rule_scheme("zero");
    s["sections"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "B", "name": "B", "criteria": [
            {"id": "B1", "name": "Hội đồng", "max": "10", "rule": {"kind": "council"}}]}));
    s["scale"] = json!("110");
    s["bonus"] =
        json!({"fixed": [{"id": "flag", "label_vi": "Cờ", "label_en": "Flag", "points": "1"}]});
    s["penalties"] = json!([{"id": "late", "label_vi": "Chậm", "label_en": "Late", "points": "2"}]);
    let base = input(
        s,
        all_rows(
            rows("A", "10", "64", "50", Some("80")),
            rows("B", "10", "64", "50", Some("80")),
        ),
    );
    assert!(run(&base).is_ok());
    let evaluation = |extra: Vec<Value>| {
        let directive = crate::Directive::from_json(&directive().to_string()).unwrap();
        let mut r = rows("A", "10", "64", "50", Some("80"));
        r.extend(rows("B", "10", "64", "50", Some("80")));
        r.extend(extra);
        let results = crate::ResultSet::from_json(&Value::Array(r).to_string()).unwrap();
        let e = crate::evaluate(&directive, &results, &Default::default()).unwrap();
        serde_json::to_value(&e).unwrap()
    };
    let cp = |unit: &str, criterion: &str, points: &str| json!({"unit": unit, "criterion": criterion, "points": points});
    let adj = |unit: &str, id: &str| json!({"unit": unit, "id": id});
    let mut cases: Vec<(&str, Value)> = vec![
        ("council_points", json!([cp("Z", "B1", "5")])),
        ("council_points", json!([cp("A", "X9", "5")])),
        ("council_points", json!([cp("A", "A1", "5")])),
        ("council_points", json!([cp("A", "B1", "11")])),
        ("council_points", json!([cp("A", "B1", "-1")])),
        (
            "council_points",
            json!([cp("A", "B1", "5"), cp("A", "B1", "6")]),
        ),
        ("bonuses", json!([adj("Z", "flag")])),
        ("bonuses", json!([adj("A", "gold")])),
        ("bonuses", json!([adj("A", "flag"), adj("A", "flag")])),
        ("penalties", json!([adj("Z", "late")])),
        ("penalties", json!([adj("A", "early")])),
        ("penalties", json!([adj("A", "late"), adj("A", "late")])),
    ];
    let mut twice = evaluation(vec![]);
    let first = twice["units"][0].clone();
    twice["units"].as_array_mut().unwrap().push(first);
    let mut outside = evaluation(rows("C", "10", "64", "50", None));
    outside["units"]
        .as_array_mut()
        .unwrap()
        .retain(|u| u["unit"] != "B");
    cases.push(("evaluation", twice));
    cases.push(("evaluation", outside));
    cases.push((
        "evaluation",
        evaluation(vec![
            json!({"unit": "A", "target": "1", "period": "2024-H1", "value": "5"}),
        ]),
    ));
    let got: Vec<String> = cases
        .into_iter()
        .map(|(field, value)| {
            let mut v = base.clone();
            v["stages"][0][field] = value;
            if field == "evaluation" {
                v["stages"][0].as_object_mut().unwrap().remove("results");
            }
            match run(&v) {
                Ok(_) => "ok".to_string(),
                Err(e) => format!("{} | {e}", e.code()),
            }
        })
        .collect();
    let mut v = base.clone();
    v["stages"][0]["results"] = all_rows(rows("A", "10", "64", "50", Some("80")), vec![]);
    let last = run(&v).map(|_| ()).unwrap_err();
    let want = [
        "invalid_input | invalid input at stages[0] (board_appraisal).council_points[0] (unit \"Z\", criterion \"B1\"): unit \"Z\" is not in the roster",
        "invalid_input | invalid input at stages[0] (board_appraisal).council_points[0] (unit \"A\", criterion \"X9\"): no such criterion in the scheme",
        "invalid_input | invalid input at stages[0] (board_appraisal).council_points[0] (unit \"A\", criterion \"A1\"): points can only be entered for a council criterion",
        "invalid_input | invalid input at stages[0] (board_appraisal).council_points[0] (unit \"A\", criterion \"B1\"): points must be within 0..10 (found 11)",
        "invalid_input | invalid input at stages[0] (board_appraisal).council_points[0] (unit \"A\", criterion \"B1\"): points must be within 0..10 (found -1)",
        "duplicate_id | duplicate id \"B1\" at stages[0] (board_appraisal).council_points[1] (unit \"A\", criterion \"B1\")",
        "invalid_input | invalid input at stages[0] (board_appraisal).bonuses[0] (unit \"Z\", bonus \"flag\"): unit \"Z\" is not in the roster",
        "invalid_input | invalid input at stages[0] (board_appraisal).bonuses[0] (unit \"A\", bonus \"gold\"): no such fixed bonus in the scheme",
        "duplicate_id | duplicate id \"flag\" at stages[0] (board_appraisal).bonuses[1] (unit \"A\", bonus \"flag\")",
        "invalid_input | invalid input at stages[0] (board_appraisal).penalties[0] (unit \"Z\", penalty \"late\"): unit \"Z\" is not in the roster",
        "invalid_input | invalid input at stages[0] (board_appraisal).penalties[0] (unit \"A\", penalty \"early\"): no such penalty in the scheme",
        "duplicate_id | duplicate id \"late\" at stages[0] (board_appraisal).penalties[1] (unit \"A\", penalty \"late\")",
        "duplicate_id | duplicate id \"A\" at stages[0] (board_appraisal).evaluation (unit evaluated twice for 2024)",
        "invalid_input | invalid input at stages[0] (board_appraisal).evaluation: unit \"C\" is not in the roster",
        "invalid_input | invalid input at stages[0] (board_appraisal): the evaluation holds several periods (2024, 2024-H1): give `period`",
    ];
    assert_eq!(got, want);
    assert_eq!(
        format!("{} | {last}", last.code()),
        "invalid_input | invalid input at stages[0] (board_appraisal): roster unit \"B\" has no results, council points, bonuses or penalties in the final stage"
    );
}
