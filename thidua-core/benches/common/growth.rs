//! The synthetic inputs of the growth measurements, shared by `benches/scaling.rs` (the timing
//! view) and `examples/linear_probe.rs` (the instruction counts of `.ci/linear.sh`), via
//! `#[path]`, so that both measure the same directives, rows and cluster: a directive of
//! `items` × `per_item` rate targets, one row per unit × target around the target, and a
//! cluster of tied units.

use serde_json::{json, Value};
use thidua_core::Directive;

/// A directive of `items` items with `per_item` rate targets each (ids "i.k").
pub fn directive_json(items: usize, per_item: usize) -> String {
    let items: Vec<Value> = (1..=items)
        .map(|i| {
            let targets: Vec<Value> = (0..per_item)
                .map(|k| {
                    json!({"id": format!("{i}.{k}"), "name": format!("Tỷ lệ số {i}.{k}"),
                        "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}})
                })
                .collect();
            json!({"number": i, "text": "Tỷ lệ đạt từ 50% trở lên", "targets": targets})
        })
        .collect();
    json!({"kind": "plan", "issuer": {"name": "UBND huyện X"}, "coverage": {"year": 2024},
        "title": "Kế hoạch thi đua năm 2024", "items": items})
    .to_string()
}

/// [`directive_json`], read (and validated).
pub fn directive(items: usize, per_item: usize) -> Directive {
    Directive::from_json(&directive_json(items, per_item)).expect("valid directive")
}

/// The ids of the directive's targets, in order.
pub fn ids(d: &Directive) -> Vec<String> {
    d.targets().map(|t| t.target.id.clone()).collect()
}

/// One row per unit × target, values around the target so that every status occurs.
pub fn rows_json(units: usize, ids: &[String]) -> String {
    let rows: Vec<Value> = (0..units)
        .flat_map(|u| {
            ids.iter().enumerate().map(move |(k, id)| {
                json!({"unit": format!("Xã {u:05}"), "target": id, "period": "2024",
                    "value": format!("{}.{}", 40 + (u + k) % 20, k % 10)})
            })
        })
        .collect();
    Value::Array(rows).to_string()
}

/// A score input with every unit in one cluster with the same total: the worst case for
/// ranking and for the tie-breaker explanations.
pub fn score_input(units: usize) -> String {
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
