use super::*;
use crate::quantity::{Quantity, Unit};
use rust_decimal::Decimal;

fn rate(v: i64) -> TargetSpec {
    TargetSpec::Rate {
        comparator: Comparator::AtLeast,
        value: Decimal::from(v),
    }
}

fn directive(items: Vec<TargetItem>) -> Directive {
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
        items,
        source: None,
    }
}

#[test]
fn duplicate_ids_are_refused_even_in_sub_targets() {
    let mut parent = Target::new("6", "a", rate(54));
    parent.sub_targets.push(Target::new("6", "b", rate(38)));
    let d = directive(vec![TargetItem {
        number: 6,
        text: "x".into(),
        targets: vec![parent],
    }]);
    let e = d.validate().unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
    assert!(e.to_string().contains("sub_targets[0]"), "{e}");
}

#[test]
fn zero_and_contradictory_targets_are_refused() {
    for spec in [
        rate(0),
        rate(101),
        TargetSpec::Rate {
            comparator: Comparator::AtMost,
            value: Decimal::TEN,
        },
        TargetSpec::Ceiling {
            comparator: Comparator::AtLeast,
            value: Quantity::new(Decimal::ONE, Unit::Percent),
        },
        TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: Decimal::from(4),
            value_high: Some(Decimal::from(3)),
            unit: ReductionUnit::PercentagePoints,
            per_year: true,
        },
        TargetSpec::CompositeDecrease { components: vec![] },
    ] {
        let d = directive(vec![TargetItem {
            number: 1,
            text: "x".into(),
            targets: vec![Target::new("1", "a", spec.clone())],
        }]);
        assert!(d.validate().is_err(), "{spec:?} should be refused");
    }
}

#[test]
fn empty_title_issuer_and_year_zero_are_refused() {
    let mut d = directive(vec![]);
    d.title = "  ".into();
    assert!(d.validate().unwrap_err().to_string().contains("title"));
    let mut d = directive(vec![]);
    d.issuer.name.clear();
    assert!(d.validate().unwrap_err().to_string().contains("issuer"));
    let mut d = directive(vec![]);
    d.coverage.year = 0;
    assert!(d
        .validate()
        .unwrap_err()
        .to_string()
        .contains("coverage.year"));
}

#[test]
fn item_numbers_must_increase() {
    let d = directive(vec![
        TargetItem {
            number: 2,
            text: "x".into(),
            targets: vec![Target::new("2", "a", rate(5))],
        },
        TargetItem {
            number: 2,
            text: "x".into(),
            targets: vec![Target::new("2b", "a", rate(5))],
        },
    ]);
    assert_eq!(d.validate().unwrap_err().code(), "invalid_directive");
}

#[test]
fn unknown_fields_and_kinds_are_json_errors() {
    let e = Directive::from_json(r#"{"kind":"memo"}"#).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(e.to_string().contains("memo"), "{e}");
}

#[test]
fn describes_seed_targets() {
    let t = TargetSpec::PerCapita {
        comparator: Comparator::AtLeast,
        value: "39,3 giường".parse().unwrap(),
        per: Decimal::from(10_000),
        per_time: None,
    };
    assert_eq!(t.describe_vi(), "từ 39,3 giường/1 vạn dân trở lên");
    let t = TargetSpec::Reduction {
        comparator: Comparator::AtLeast,
        value: Decimal::from(3),
        value_high: Some(Decimal::from(4)),
        unit: ReductionUnit::PercentagePoints,
        per_year: true,
    };
    assert_eq!(t.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
    assert_eq!(
        t.describe_en(),
        "a decrease of at least 3–4 percentage points per year"
    );
}
