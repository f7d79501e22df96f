//! Linear time: 10× the input takes less than 15× the time, for every loop over units,
//! targets, items, rows and rankings (#9). Each size is timed as the minimum of several runs
//! (the least disturbed by other work on the machine), and the small size is large enough to
//! take milliseconds, so that a quadratic step (100× for 10×) cannot pass and a noisy machine
//! does not fail a linear one.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thidua_core::scoring::score_json;
use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet};

fn min_time(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts that `f(10 n)` takes less than 15× `f(n)`.
fn linear(what: &str, n: usize, mut f: impl FnMut(usize)) {
    f(n); // warm up
    let small = min_time(5, || f(n));
    let large = min_time(5, || f(10 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    eprintln!(
        "{what}: {n} → {small:?}, {} → {large:?}, ×{ratio:.1}",
        10 * n
    );
    assert!(
        ratio < 15.0,
        "{what}: 10× the input took ×{ratio:.1} the time ({small:?} → {large:?})"
    );
}

fn directive(items: usize, targets_per_item: usize) -> Directive {
    let items: Vec<Value> = (1..=items)
        .map(|i| {
            let targets: Vec<Value> = (0..targets_per_item)
                .map(|k| {
                    json!({"id": format!("{i}.{k}"), "name": "Tỷ lệ",
                    "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}})
                })
                .collect();
            json!({"number": i, "text": "…", "targets": targets})
        })
        .collect();
    Directive::from_json(
        &json!({"kind": "plan", "issuer": {"name": "UBND huyện X"}, "coverage": {"year": 2024},
            "title": "t", "items": items})
        .to_string(),
    )
    .unwrap()
}

fn rows(units: usize, ids: &[String]) -> String {
    let rows: Vec<Value> = (0..units)
        .flat_map(|u| {
            ids.iter().enumerate().map(move |(k, id)| {
                json!({"unit": format!("U{u}"), "target": id, "period": "2024",
                    "value": format!("{}", 40 + (u + k) % 20)})
            })
        })
        .collect();
    Value::Array(rows).to_string()
}

#[test]
fn evaluation_is_linear_in_units() {
    let d = directive(19, 1);
    let ids: Vec<String> = d.targets().map(|t| t.target.id.clone()).collect();
    let opts = EvaluationOptions::default();
    linear("evaluate × units", 300, |n| {
        let rs = ResultSet::from_json(&rows(n, &ids)).unwrap();
        assert_eq!(evaluate(&d, &rs, &opts).unwrap().units.len(), n);
    });
    linear("row-wise evaluate × units", 300, |n| {
        let rs = ResultSet::from_json(&rows(n, &ids)).unwrap();
        let e = thidua_core::evaluate::evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units.len(), n);
    });
}

#[test]
fn item_statuses_and_validation_are_linear_in_items() {
    let opts = EvaluationOptions::default();
    linear("evaluate × items", 500, |n| {
        let d = directive(n, 2);
        let rs = ResultSet::from_json(&rows(1, &["1.0".to_string()])).unwrap();
        let e = thidua_core::evaluate::evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
        let e = evaluate(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
    });
}

/// Every unit in one cluster with the same total: the worst case for ranking and for the
/// tie-breaker explanations.
fn score_input(units: usize) -> String {
    let roster: Vec<Value> = (0..units)
        .map(|u| json!({"unit": format!("U{u:06}"), "group": "Cụm 1", "kind": "cluster"}))
        .collect();
    let points: Vec<Value> = (0..units)
        .flat_map(|u| {
            [
                json!({"unit": format!("U{u:06}"), "criterion": "A1", "points": "5"}),
                json!({"unit": format!("U{u:06}"), "criterion": "A2", "points": format!("{}", u % 7)}),
            ]
        })
        .collect();
    json!({
        "scheme": {"name": "x", "scale": "20", "rounding": {"digits": 2, "mode": "half_away_from_zero"},
            "missing_result": "zero",
            "sections": [{"id": "A", "name": "A", "criteria": [
                {"id": "A1", "name": "a", "max": "10", "rule": {"kind": "council"}},
                {"id": "A2", "name": "b", "max": "10", "rule": {"kind": "council"}}]}],
            "tie_breakers": [{"kind": "criterion_points", "criterion": "A1"}],
            "classification": {"basis": "total", "bands": [{"id": "ht", "label_vi": "Hoàn thành", "label_en": "done"}]}},
        "roster": roster,
        "stages": [{"stage": "board_appraisal", "council_points": points}]
    })
    .to_string()
}

#[test]
fn scoring_ranking_and_report_are_linear_in_units() {
    linear("score × units in one cluster", 1_000, |n| {
        let r = score_json(&score_input(n)).unwrap();
        assert_eq!(r.units.len(), n);
        assert!(r.render_vi().len() > n);
    });
}
