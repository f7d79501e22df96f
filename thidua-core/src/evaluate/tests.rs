use super::assess::{exact_pct, exact_pct_i128, exact_pct_i64, pct, round_ratio};
use super::*;
use crate::model::*;
use crate::quantity::{Quantity, Unit};
use crate::results::{Judgement, Period, Provenance, ResultEntry, ResultSet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn opts() -> EvaluationOptions {
    EvaluationOptions::default()
}

fn run(spec: &TargetSpec, obs: &Observation) -> Assessment {
    assess(spec, obs, &ctx(12, &opts())).unwrap()
}

/// The conditions of a result covering `months` months of 2024 (12: the whole year).
fn ctx(months: u8, o: &EvaluationOptions) -> AssessContext<'_> {
    let period = if months == 12 {
        Period::year(2024)
    } else {
        Period {
            year: 2024,
            span: crate::results::Span::MonthsToDate(months),
        }
    };
    AssessContext::new(period, o)
}

fn at_least_rate(v: &str) -> TargetSpec {
    TargetSpec::Rate {
        comparator: Comparator::AtLeast,
        value: d(v),
    }
}

#[test]
fn inclusive_and_strict_edges() {
    let incl = at_least_rate("10");
    assert_eq!(run(&incl, &Observation::value(d("10"))).status, Status::Met);
    assert_eq!(
        run(&incl, &Observation::value(d("10.00"))).status,
        Status::Met
    );
    assert_eq!(
        run(&incl, &Observation::value(d("10.01"))).status,
        Status::Exceeded
    );
    assert_eq!(
        run(&incl, &Observation::value(d("9.99"))).status,
        Status::NotMet
    );
    let strict = TargetSpec::PerCapita {
        comparator: Comparator::Above,
        value: "63,7 triệu đồng".parse().unwrap(),
        per: Decimal::ONE,
        per_time: None,
    };
    let a = run(&strict, &Observation::value(d("63.7")));
    assert_eq!(
        a.status,
        Status::NotMet,
        "trên 63,7: exactly 63,7 is not enough"
    );
    assert_eq!(a.ratio, Some(d("100.00")));
    assert_eq!(
        run(&strict, &Observation::value(d("63.71"))).status,
        Status::Exceeded
    );
}

#[test]
fn ratio_is_rounded_half_away_from_zero_once() {
    // 2/3 × 100 = 66.666… → 66.67
    let a = run(&at_least_rate("3"), &Observation::value(d("2")));
    assert_eq!(a.ratio, Some(d("66.67")));
    // 1.0005 / 1 × 100 = 100.05 exactly; 100.005 rounds up to 100.01
    let a = run(&at_least_rate("1"), &Observation::value(d("1.00005")));
    assert_eq!(a.ratio, Some(d("100.01")));
    let o = EvaluationOptions {
        ratio_digits: 0,
        ..opts()
    };
    let a = assess(
        &at_least_rate("8"),
        &Observation::value(d("1")),
        &ctx(12, &o),
    )
    .unwrap();
    assert_eq!(a.ratio, Some(d("13"))); // 12.5 → 13
}

#[test]
fn ceiling_conventions() {
    let spec = TargetSpec::Ceiling {
        comparator: Comparator::AtMost,
        value: "1,3%".parse().unwrap(),
    };
    let a = run(&spec, &Observation::value(d("1.2")));
    assert_eq!(a.status, Status::Exceeded);
    assert_eq!(a.ratio, Some(d("108.33"))); // 1.3 / 1.2
    assert_eq!(a.gap, Some(d("0.1")));
    let a = run(&spec, &Observation::value(d("1.3")));
    assert_eq!(a.status, Status::Met);
    let a = run(&spec, &Observation::value(d("1.4")));
    assert_eq!(a.status, Status::NotMet);
    assert_eq!(a.gap, Some(d("-0.1")));
    let c = EvaluationOptions {
        ceiling_ratio: CeilingRatio::Complement,
        ..opts()
    };
    let a = assess(&spec, &Observation::value(d("1.2")), &ctx(12, &c)).unwrap();
    assert_eq!(a.ratio, Some(d("107.69"))); // 100 + 0.1/1.3×100
                                            // A zero result has no inverse ratio: undefined, not a fudge value.
    let a = run(&spec, &Observation::value(d("0")));
    assert_eq!(a.status, Status::Exceeded);
    assert_eq!(a.ratio, None);
    let below = TargetSpec::Ceiling {
        comparator: Comparator::Below,
        value: "1,2%".parse().unwrap(),
    };
    assert_eq!(
        run(&below, &Observation::value(d("1.2"))).status,
        Status::NotMet
    );
}

#[test]
fn reduction_in_points_and_ranges() {
    let spec = TargetSpec::Reduction {
        comparator: Comparator::AtLeast,
        value: d("3"),
        value_high: Some(d("4")),
        unit: ReductionUnit::PercentagePoints,
        per_year: true,
    };
    let a = run(&spec, &Observation::with_baseline(d("8.6"), d("12.1")));
    assert_eq!(a.achieved, Some(d("3.5")));
    assert_eq!(a.status, Status::Met, "inside 3–4 is met");
    assert_eq!(a.ratio, Some(d("116.67")));
    let a = run(&spec, &Observation::with_baseline(d("7.08"), d("12.1")));
    assert_eq!(a.status, Status::Exceeded, "5.02 > 4");
    let up = EvaluationOptions {
        range_basis: RangeBasis::Upper,
        ..opts()
    };
    let a = assess(
        &spec,
        &Observation::with_baseline(d("7.08"), d("12.1")),
        &ctx(12, &up),
    )
    .unwrap();
    assert_eq!(a.ratio, Some(d("125.50")), "the published 5,02 ÷ 4 example");
    assert_eq!(
        run(&spec, &Observation::with_baseline(d("10"), d("12.1"))).status,
        Status::NotMet
    );
    // An increase is a negative decrease.
    let a = run(&spec, &Observation::with_baseline(d("13"), d("12")));
    assert_eq!(a.achieved, Some(d("-1")));
    assert_eq!(a.status, Status::NotMet);
    // Missing baseline is a typed error naming the target.
    let e = assess(&spec, &Observation::value(d("10")), &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "missing_baseline");
    assert_eq!(e.location().path(), "baseline");
    assert_eq!(
        e.to_string(),
        "missing baseline at baseline: the reduction target needs the baseline value"
    );
}

#[test]
fn reduction_in_percent_of_baseline_needs_positive_baseline() {
    let spec = TargetSpec::Reduction {
        comparator: Comparator::AtLeast,
        value: d("10"),
        value_high: None,
        unit: ReductionUnit::PercentOfBaseline,
        per_year: false,
    };
    let a = run(&spec, &Observation::with_baseline(d("90"), d("100")));
    assert_eq!(a.achieved, Some(d("10")));
    assert_eq!(a.status, Status::Met);
    let e = assess(
        &spec,
        &Observation::with_baseline(d("0"), d("0")),
        &ctx(12, &opts()),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_result");
}

#[test]
fn ranks() {
    let spec = TargetSpec::RankImprovement {
        index: "PCI".into(),
        places: 5,
        baseline_year: 2023,
    };
    let a = run(&spec, &Observation::with_baseline(d("14"), d("20")));
    assert_eq!(a.achieved, Some(d("6")));
    assert_eq!(a.status, Status::Exceeded);
    assert_eq!(a.ratio, Some(d("120.00")));
    assert_eq!(
        run(&spec, &Observation::with_baseline(d("15"), d("20"))).status,
        Status::Met
    );
    assert_eq!(
        run(&spec, &Observation::with_baseline(d("25"), d("20"))).status,
        Status::NotMet
    );
    let mut o = Observation::with_baseline(d("10"), d("20"));
    o.out_of = Some(34);
    o.baseline_out_of = Some(63);
    let e = assess(&spec, &o, &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "incomparable_ranks");
    let e = assess(
        &spec,
        &Observation::with_baseline(d("0"), d("20")),
        &ctx(12, &opts()),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_result");
    let e = assess(
        &spec,
        &Observation::with_baseline(d("2.5"), d("20")),
        &ctx(12, &opts()),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_result");
    let keep = TargetSpec::RankImprovement {
        index: "PAPI".into(),
        places: 0,
        baseline_year: 2023,
    };
    let a = run(&keep, &Observation::with_baseline(d("7"), d("7")));
    assert_eq!(
        (a.status, a.ratio),
        (Status::Met, None),
        "keeping the rank: met, no ratio"
    );
}

#[test]
fn ranges() {
    let spec = TargetSpec::Range {
        low: "7%".parse().unwrap(),
        high: "7,5%".parse().unwrap(),
        above_high: AboveRange::Exceeded,
    };
    assert_eq!(
        run(&spec, &Observation::value(d("6.9"))).status,
        Status::NotMet
    );
    assert_eq!(run(&spec, &Observation::value(d("7"))).status, Status::Met);
    assert_eq!(
        run(&spec, &Observation::value(d("7.5"))).status,
        Status::Met
    );
    assert_eq!(
        run(&spec, &Observation::value(d("7.6"))).status,
        Status::Exceeded
    );
    let band = TargetSpec::Range {
        low: "3%".parse().unwrap(),
        high: "4%".parse().unwrap(),
        above_high: AboveRange::NotMet,
    };
    let a = run(&band, &Observation::value(d("4.5")));
    assert_eq!(a.status, Status::NotMet);
    assert_eq!(a.gap, Some(d("-0.5")));
}

#[test]
fn composite_decrease() {
    let spec = TargetSpec::CompositeDecrease {
        components: vec![
            Component {
                id: "cases".into(),
                name: "số vụ".into(),
            },
            Component {
                id: "deaths".into(),
                name: "người chết".into(),
            },
        ],
    };
    let comp = |c: &str, v: &str, b: &str| ComponentResult {
        component: c.into(),
        value: Some(d(v)),
        baseline: Some(d(b)),
    };
    let mut o = Observation::default();
    assert_eq!(run(&spec, &o).status, Status::NoData);
    o.components = vec![comp("cases", "90", "100")];
    assert_eq!(
        run(&spec, &o).status,
        Status::NoData,
        "one component still missing"
    );
    o.components.push(comp("deaths", "50", "50"));
    assert_eq!(
        run(&spec, &o).status,
        Status::NotMet,
        "unchanged is not a decrease"
    );
    o.components[1] = comp("deaths", "49", "50");
    let a = run(&spec, &o);
    assert_eq!(
        (a.status, a.ratio, a.achieved),
        (Status::Met, None, Some(d("2")))
    );
}

#[test]
fn qualitative_and_not_applicable() {
    let q = TargetSpec::Qualitative {};
    let mut o = Observation::default();
    assert_eq!(run(&q, &o).status, Status::NoData);
    o.judgement = Some(Judgement::Met);
    assert_eq!(run(&q, &o).status, Status::Met);
    let e = assess(&q, &Observation::value(d("1")), &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "invalid_result");
    let e = assess(&at_least_rate("5"), &o, &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "invalid_result", "judgement on a numeric target");
    let na = Observation {
        not_applicable: true,
        ..Default::default()
    };
    assert_eq!(run(&at_least_rate("5"), &na).status, Status::NotApplicable);
}

#[test]
fn in_year_flows_are_pro_rata_and_levels_are_not() {
    let flow = TargetSpec::Amount {
        comparator: Comparator::AtLeast,
        value: "4.600 tỷ đồng".parse().unwrap(),
        measure: Measure::Flow,
    };
    let a = assess(&flow, &Observation::value(d("2200")), &ctx(6, &opts())).unwrap();
    assert!(a.pro_rata);
    assert_eq!(a.threshold, Some(d("2300")));
    assert_eq!(a.status, Status::NotMet);
    assert_eq!(a.ratio, Some(d("47.83")), "% of the annual plan");
    let annual = EvaluationOptions {
        in_year_flows: InYearFlows::AnnualTarget,
        ..opts()
    };
    let a = assess(&flow, &Observation::value(d("2400")), &ctx(6, &annual)).unwrap();
    assert!(!a.pro_rata);
    assert_eq!(a.status, Status::NotMet);
    let level = at_least_rate("58.5");
    let a = assess(&level, &Observation::value(d("58.5")), &ctx(6, &opts())).unwrap();
    assert!(!a.pro_rata);
    assert_eq!(a.status, Status::Met);
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let spec = at_least_rate("0.0000000000000000000000001");
    let e = assess(&spec, &Observation::value(Decimal::MAX), &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "overflow");
    let ceil = TargetSpec::Ceiling {
        comparator: Comparator::AtMost,
        value: Quantity::new(Decimal::MAX, Unit::Percent),
    };
    let e = assess(&ceil, &Observation::value(Decimal::MIN), &ctx(12, &opts())).unwrap_err();
    assert_eq!(e.code(), "overflow");
}

fn small_directive() -> Directive {
    let mut rate = Target::new("6", "Tỷ lệ lao động qua đào tạo", at_least_rate("54"));
    rate.sub_targets.push(Target::new(
        "6.1",
        "trong đó đào tạo nghề",
        at_least_rate("38"),
    ));
    Directive {
        kind: DocumentKind::Directive,
        number: Some("1/CT-UBND".into()),
        issuer: Issuer {
            name: "UBND tỉnh X".into(),
            locality: None,
        },
        issued: None,
        published: None,
        coverage: Coverage {
            year: 2024,
            until_year: None,
        },
        title: "t".into(),
        theme: None,
        legal_bases: vec![],
        content_points: vec![],
        items: vec![
            TargetItem {
                number: 3,
                text: "Thu ngân sách".into(),
                targets: vec![Target::new(
                    "3",
                    "Thu ngân sách",
                    TargetSpec::Amount {
                        comparator: Comparator::AtLeast,
                        value: "4.600 tỷ đồng".parse().unwrap(),
                        measure: Measure::Flow,
                    },
                )],
            },
            TargetItem {
                number: 6,
                text: "Lao động".into(),
                targets: vec![rate],
            },
        ],
        source: None,
    }
}

fn rs(json: &str) -> ResultSet {
    ResultSet::from_json(json).unwrap()
}

#[test]
fn evaluate_groups_units_and_periods_and_reports_missing_as_no_data() {
    let dir = small_directive();
    let r = rs(r#"[
        {"unit":"A","target":"3","period":"2024","value":"4700"},
        {"unit":"B","target":"6","period":"2024","value":"55"},
        {"unit":"A","target":"6","period":"2024","value":"54"},
        {"unit":"A","target":"6.1","period":"2024","value":"37", "provenance": "estimate"},
        {"unit":"A","target":"3","period":"2024-H1","value":"4700000", "scale": "million"}
    ]"#);
    let e = evaluate(&dir, &r, &opts()).unwrap();
    assert_eq!(e.units.len(), 3);
    assert_eq!(
        (e.units[0].unit.as_str(), e.units[0].period.to_string()),
        ("A", "2024".to_string())
    );
    let a = &e.units[0];
    assert_eq!(a.target("3").unwrap().status, Status::Exceeded);
    assert_eq!(a.target("6").unwrap().status, Status::Met);
    let sub = a.target("6.1").unwrap();
    assert_eq!(sub.status, Status::NotMet);
    assert_eq!(sub.parent.as_deref(), Some("6"));
    assert_eq!(sub.provenance, Some(Provenance::Estimate));
    // Item 6 is not met because its "trong đó" sub-target is not.
    assert_eq!(a.items[1].status, Status::NotMet);
    assert_eq!(
        a.summary.headline_vi,
        "đạt và vượt 1/2 chỉ tiêu (vượt 1, đạt 0, không đạt 1)"
    );
    let b = &e.units[1];
    assert_eq!(b.target("3").unwrap().status, Status::NoData);
    assert_eq!(b.target("6.1").unwrap().status, Status::NoData);
    // Item 3 has no row; item 6 is met but its sub-target 6.1 has no data.
    assert_eq!(b.summary.no_data, 2);
    assert_eq!(
        b.summary.headline_vi,
        "đạt và vượt 0/2 chỉ tiêu (vượt 0, đạt 0, không đạt 0, chưa có số liệu 2)"
    );
    // Scale conversion: 4.700.000 triệu = 4.700 tỷ, at mid-year above the 2.300 bar.
    let h1 = &e.units[2];
    assert_eq!(h1.target("3").unwrap().result, Some(d("4700")));
    assert!(h1.target("3").unwrap().pro_rata);
    let by_targets = evaluate(
        &dir,
        &r,
        &EvaluationOptions {
            headline_basis: HeadlineBasis::Targets,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(by_targets.units[0].summary.total, 3);
    assert_eq!(e.rows().len(), 9);
}

#[test]
fn explanations_are_bilingual_and_carry_the_numbers() {
    let dir = small_directive();
    let e = evaluate(
        &dir,
        &rs(r#"[{"unit":"A","target":"3","period":"2024-H1","value":"2415"}]"#),
        &opts(),
    )
    .unwrap();
    let t = e.units[0].target("3").unwrap();
    assert_eq!(
        t.explanation.vi,
        "Kết quả 6 tháng đầu năm 2024: 2.415 tỷ đồng = 52,5% kế hoạch năm (chỉ tiêu từ 4.600 tỷ đồng trở lên); mốc tiến độ 6 tháng là 2.300 tỷ đồng: vượt."
    );
    assert_eq!(
        t.explanation.en,
        "Result for first half of 2024: 2,415 billion VND = 52.5% of plan for the year (target at least 4,600 billion VND); the 6-month pro-rata bar is 2,300 billion VND: exceeded."
    );
    let e = evaluate(
        &dir,
        &rs(r#"[{"unit":"A","target":"6","period":"2024","value":"56.2"}]"#),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        e.units[0].target("6").unwrap().explanation.vi,
        "Kết quả năm 2024: 56,2% so với chỉ tiêu từ 54% trở lên: vượt, 104,07% kế hoạch."
    );
    assert!(e.units[0]
        .scorecard_vi()
        .contains("đạt và vượt 0/2 chỉ tiêu"));
}

#[test]
fn bad_rows_are_typed_errors_with_locations() {
    let dir = small_directive();
    let cases = [
        (
            r#"[{"unit":"A","target":"99","period":"2024","value":"1"}]"#,
            "unknown_target",
            "results[0]",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2024","value":"1"},{"unit":"A","target":"3","period":"2024","value":"2"}]"#,
            "duplicate_id",
            "results[1]",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2023","value":"1"}]"#,
            "invalid_period",
            "outside",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2024","value":"1","value_unit":"USD"}]"#,
            "unit_mismatch",
            "USD",
        ),
        (
            r#"[{"unit":"A","target":"6","period":"2024","value":"101"}]"#,
            "invalid_result",
            "between 0 and 100",
        ),
        (
            r#"[{"unit":"A","target":"6","period":"2024","value":"-1"}]"#,
            "invalid_result",
            "between 0 and 100",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2024","component":"x","value":"1"}]"#,
            "invalid_result",
            "component",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2024","value":"1","not_applicable":true}]"#,
            "invalid_result",
            "not_applicable",
        ),
        (
            r#"[{"unit":"A","target":"3","period":"2024","value":"79228162514264337593543950335","scale":"billion"}]"#,
            "overflow",
            "results[0]",
        ),
    ];
    for (json, code, needle) in cases {
        let e = evaluate(&dir, &rs(json), &opts()).unwrap_err();
        assert_eq!(e.code(), code, "{json}: {e}");
        assert!(
            e.to_string().contains(needle),
            "{e} should mention {needle}"
        );
    }
    let e = EvaluationOptions::from_json(r#"{"ratio_digits": 11}"#).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let e = EvaluationOptions::from_json(r#"{"ceiling_ratio": "weird"}"#).unwrap_err();
    assert_eq!(e.code(), "json");
}

#[test]
fn combine_statuses_rules() {
    use Status::*;
    assert_eq!(combine_statuses([Exceeded, Exceeded]), Exceeded);
    assert_eq!(combine_statuses([Exceeded, Met]), Met);
    assert_eq!(combine_statuses([Exceeded, NoData]), NoData);
    assert_eq!(combine_statuses([NoData, NotMet]), NotMet);
    assert_eq!(combine_statuses([NotApplicable, Met]), Met);
    assert_eq!(combine_statuses([NotApplicable]), NotApplicable);
}

fn arb_decimal() -> impl Strategy<Value = Decimal> {
    (-10_000_000i64..10_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn arb_positive() -> impl Strategy<Value = Decimal> {
    (1i64..10_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn arb_cmp_higher() -> impl Strategy<Value = Comparator> {
    prop_oneof![Just(Comparator::AtLeast), Just(Comparator::Above)]
}

fn arb_cmp_lower() -> impl Strategy<Value = Comparator> {
    prop_oneof![Just(Comparator::AtMost), Just(Comparator::Below)]
}

fn arb_months() -> impl Strategy<Value = u8> {
    prop_oneof![Just(12u8), Just(6u8), Just(3u8), Just(1u8), Just(9u8)]
}

proptest! {
    /// Higher-is-better targets: a larger result never lowers the status or the ratio.
    #[test]
    fn larger_result_never_worse_for_higher_is_better(
        cmp in arb_cmp_higher(), t in arb_positive(), a in arb_decimal(), b in arb_decimal(),
        months in arb_months(), flow in any::<bool>(),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let spec = TargetSpec::Amount {
            comparator: cmp,
            value: Quantity::new(t, Unit::Hectare),
            measure: if flow { Measure::Flow } else { Measure::Level },
        };
        let x = assess(&spec, &Observation::value(lo), &ctx(months, &opts())).unwrap();
        let y = assess(&spec, &Observation::value(hi), &ctx(months, &opts())).unwrap();
        prop_assert!(y.status.merit() >= x.status.merit());
        prop_assert!(y.ratio >= x.ratio);
        prop_assert!(y.gap >= x.gap);
        // Status agrees with the comparator on the threshold.
        prop_assert_eq!(x.status.is_met_or_exceeded(), cmp.holds(lo, x.threshold.unwrap()));
    }

    /// Ceilings: a smaller result never lowers the status or the ratio (both conventions).
    #[test]
    fn smaller_result_never_worse_for_ceilings(
        cmp in arb_cmp_lower(), t in arb_positive(), a in arb_positive(), b in arb_positive(), complement in any::<bool>(),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let spec = TargetSpec::Ceiling { comparator: cmp, value: Quantity::new(t, Unit::Percent) };
        let o = EvaluationOptions {
            ceiling_ratio: if complement { CeilingRatio::Complement } else { CeilingRatio::Inverse },
            ..opts()
        };
        let x = assess(&spec, &Observation::value(lo), &ctx(12, &o)).unwrap();
        let y = assess(&spec, &Observation::value(hi), &ctx(12, &o)).unwrap();
        prop_assert!(x.status.merit() >= y.status.merit());
        prop_assert!(x.ratio >= y.ratio);
    }

    /// Reductions: a lower result (bigger decrease) from the same baseline is never worse.
    #[test]
    fn bigger_decrease_never_worse(
        t in arb_positive(), extra in proptest::option::of(arb_positive()), base in arb_decimal(),
        a in arb_decimal(), b in arb_decimal(), basis in prop_oneof![Just(RangeBasis::Lower), Just(RangeBasis::Upper), Just(RangeBasis::Midpoint)],
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let spec = TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: t,
            value_high: extra.map(|e| t + e),
            unit: ReductionUnit::PercentagePoints,
            per_year: false,
        };
        let o = EvaluationOptions { range_basis: basis, ..opts() };
        let x = assess(&spec, &Observation::with_baseline(lo, base), &ctx(12, &o)).unwrap();
        let y = assess(&spec, &Observation::with_baseline(hi, base), &ctx(12, &o)).unwrap();
        prop_assert!(x.status.merit() >= y.status.merit());
        prop_assert!(x.ratio >= y.ratio);
    }

    /// With the default range basis, met or exceeded ⇔ % of plan ≥ 100 for ≥ targets
    /// (before rounding the ratio can only be at or above 100 when met).
    #[test]
    fn met_iff_ratio_at_least_100(t in arb_positive(), r in arb_decimal()) {
        let a = run(&at_least_rate_dec(t), &Observation::value(r));
        let exact = r * Decimal::ONE_HUNDRED / t;
        prop_assert_eq!(a.status.is_met_or_exceeded(), exact >= Decimal::ONE_HUNDRED);
    }

    /// Evaluation serialises and deserialises to the same value.
    #[test]
    fn evaluation_serde_round_trip(v in arb_decimal(), w in (0i64..=10_000).prop_map(|m| Decimal::new(m, 2))) {
        let dir = small_directive();
        let r = ResultSet { directive: None, description: None, entries: vec![
            ResultEntry::value("A", "3", Period::year(2024), v),
            ResultEntry::value("A", "6", Period::year(2024), w),
        ]};
        let e = evaluate(&dir, &r, &opts()).unwrap();
        let back: Evaluation = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        prop_assert_eq!(back, e);
    }

    /// Directive serde round trip on generated targets.
    #[test]
    fn directive_serde_round_trip(t in arb_positive(), cmp in arb_cmp_higher(), per in prop_oneof![Just(1i64), Just(10_000i64)]) {
        let mut dir = small_directive();
        dir.items.push(TargetItem { number: 9, text: "x".into(), targets: vec![Target::new("9", "giường", TargetSpec::PerCapita {
            comparator: cmp, value: Quantity::new(t, Unit::Count("giường".into())), per: Decimal::from(per), per_time: None })] });
        let back = Directive::from_json(&dir.to_json().unwrap()).unwrap();
        prop_assert_eq!(back, dir);
    }

    /// No panic on arbitrary JSON-ish input.
    #[test]
    fn evaluate_never_panics_on_arbitrary_rows(unit in "\\PC{0,8}", target in "[0-9.a-z]{0,4}", period in "[0-9HQM-]{0,8}", value in "[-0-9.e]{0,12}") {
        let json = serde_json::json!([{"unit": unit, "target": target, "period": period, "value": value}]).to_string();
        if let Ok(r) = ResultSet::from_json(&json) {
            let _ = evaluate(&small_directive(), &r, &opts());
        }
    }
}

fn at_least_rate_dec(t: Decimal) -> TargetSpec {
    TargetSpec::GrowthRate {
        comparator: Comparator::AtLeast,
        value: t,
    }
}

proptest! {
    /// The integer fast path of % of plan equals decimal division followed by rounding
    /// whenever the decimal quotient is exact to its 28 digits (always here: small operands).
    #[test]
    fn exact_pct_i64_and_i128_agree(a in any::<i64>(), sa in 0u32..10, b in 1i64..i64::MAX, sb in 0u32..10, digits in 0u32..5) {
        let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
        if let Some(x) = exact_pct_i64(a, b, digits) {
            prop_assert_eq!(Some(x), exact_pct_i128(a, b, digits));
        }
    }

    #[test]
    fn exact_pct_matches_decimal_division(a in arb_decimal(), b in arb_positive(), digits in 0u32..5) {
        let fast = exact_pct(a, b, digits).unwrap();
        let slow = round_ratio((a * Decimal::ONE_HUNDRED) / b, digits);
        prop_assert_eq!(fast, slow);
        prop_assert_eq!(fast.scale(), digits);
    }
}

#[test]
fn exact_pct_rounds_half_away_from_zero_and_falls_back_on_huge_operands() {
    assert_eq!(exact_pct(d("1"), d("8"), 0), Some(d("13"))); // 12.5 → 13
    assert_eq!(exact_pct(d("-1"), d("8"), 0), Some(d("-13")));
    assert_eq!(exact_pct(d("2"), d("3"), 2), Some(d("66.67")));
    assert_eq!(
        exact_pct(Decimal::MAX, d("0.0000000000000000000000001"), 2),
        None
    );
    // The fallback still gives a rounded ratio through `pct`.
    let r = pct(Decimal::MAX, d("1000000000"), 2).unwrap().unwrap();
    assert_eq!(r.scale(), 2);
}

#[test]
fn error_locations_are_filled_in_lazily() {
    let dir = Directive::from_json(include_str!(
        "../../../docs/examples/004_ha-giang-2024.json"
    ))
    .unwrap();
    let r = rs(r#"[{"unit":"A","target":"14","component":"deaths","period":"2024","value":"5"}]"#);
    let e = evaluate(&dir, &r, &opts()).unwrap_err();
    assert_eq!(e.code(), "missing_baseline");
    let msg = e.to_string();
    assert!(
        msg.contains("results[0]") && msg.contains("component \"deaths\""),
        "{msg}"
    );
    let r = rs(r#"[{"unit":"A","target":"8","period":"2024","value":"1.2","value_unit":"người"}]"#);
    let msg = evaluate(&dir, &r, &opts()).unwrap_err().to_string();
    assert!(
        msg.starts_with("unit mismatch at results[0].value_unit (unit \"A\", target \"8\""),
        "{msg}"
    );
}
