//! The documented limits (thidua_core::limits) hold on real entry points: each is a typed
//! `limit_exceeded` error naming the limit and the place, returned quickly, never a stack
//! overflow or an allocation as large as the input asks for.

use serde_json::{json, Value};
use thidua_core::limits::{Limit, MAX_CELLS, MAX_SUB_TARGET_DEPTH, MAX_TARGETS};
use thidua_core::{evaluate, json as tjson, Directive, Error, EvaluationOptions, ResultSet};

fn limit_of(e: &Error) -> Option<Limit> {
    match e {
        Error::LimitExceeded { limit, .. } => Some(*limit),
        _ => None,
    }
}

fn rate(id: &str) -> Value {
    json!({"id": id, "name": format!("Tỷ lệ {id}"), "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}})
}

fn directive(targets: Vec<Value>) -> Value {
    // Not `json!` with `targets` inside: it would serialize them (recursively).
    let mut item = json!({"number": 1, "text": "…"});
    item["targets"] = Value::Array(targets);
    let mut d = json!({"kind": "plan", "issuer": {"name": "UBND huyện X"},
        "coverage": {"year": 2024}, "title": "t"});
    d["items"] = Value::Array(vec![item]);
    d
}

/// Drops a deep value without recursion (serde_json's own Drop recurses).
fn drop_flat(v: Value) {
    let mut stack = vec![v];
    while let Some(mut x) = stack.pop() {
        match &mut x {
            Value::Array(a) => stack.append(a),
            Value::Object(o) => stack.extend(std::mem::take(o).into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn sub_targets_ten_thousand_deep_are_refused_not_a_stack_overflow() {
    const DEPTH: usize = 10_000;
    // Built without recursion: the innermost target first.
    let mut t = rate("x");
    for k in 0..DEPTH {
        let mut parent = rate(&format!("t{k}"));
        parent["sub_targets"] = Value::Array(vec![t]);
        t = parent;
    }
    let d = directive(vec![t]);
    // Through a JSON value, borrowed (as a binding hands an object in through serde).
    let e = tjson::from_deserializer::<_, Directive>(&d, "directive").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::SubTargetDepth), "{e}");
    assert!(
        e.location()
            .path()
            .starts_with("items[0].targets[0].sub_targets[0]"),
        "{e}"
    );
    drop_flat(d);
    // Through JSON text: the nesting limit is met first, before parsing.
    let open = r#"{"id":"t","name":"n","spec":{"kind":"rate","comparator":"at_least","value":"50"},"sub_targets":["#;
    let text = format!(
        r#"{{"kind":"plan","issuer":{{"name":"X"}},"coverage":{{"year":2024}},"title":"t","items":[{{"number":1,"text":"…","targets":[{}{}{}]}}]}}"#,
        open.repeat(DEPTH),
        r#"{"id":"x","name":"n","spec":{"kind":"rate","comparator":"at_least","value":"50"}}"#,
        "]}".repeat(DEPTH)
    );
    let e = Directive::from_json(&text).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::NestingDepth), "{e}");
}

#[test]
fn the_deepest_allowed_sub_targets_are_read() {
    let mut t = rate("x");
    for k in 0..MAX_SUB_TARGET_DEPTH {
        let mut parent = rate(&format!("t{k}"));
        parent["sub_targets"] = Value::Array(vec![t]);
        t = parent;
    }
    let d: Directive = tjson::from_value(directive(vec![t]), "directive").unwrap();
    d.validate().unwrap();
    assert_eq!(d.target_count(), MAX_SUB_TARGET_DEPTH + 1);
    // …and one more level is too many.
    let mut t = rate("x");
    for k in 0..=MAX_SUB_TARGET_DEPTH {
        let mut parent = rate(&format!("t{k}"));
        parent["sub_targets"] = Value::Array(vec![t]);
        t = parent;
    }
    let e = tjson::from_value::<Directive>(directive(vec![t]), "directive").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::SubTargetDepth), "{e}");
}

#[test]
fn too_many_targets() {
    let targets: Vec<Value> = (0..=MAX_TARGETS).map(|i| rate(&i.to_string())).collect();
    let e = Directive::from_json(&directive(targets).to_string()).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::Targets), "{e}");
}

#[test]
fn units_times_targets_is_bounded_before_allocating() {
    // 1,000 targets × 2,001 one-row units = 2,001,000 cells > MAX_CELLS (2,000,000).
    let targets: Vec<Value> = (0..1_000).map(|i| rate(&i.to_string())).collect();
    let d = Directive::from_json(&directive(targets).to_string()).unwrap();
    let units = MAX_CELLS / 1_000 + 1;
    let rows: Vec<Value> = (0..units)
        .map(|u| json!({"unit": format!("U{u}"), "target": "0", "period": "2024", "value": "60"}))
        .collect();
    let rs = ResultSet::from_json(&Value::Array(rows).to_string()).unwrap();
    let opts = EvaluationOptions::default();
    for e in [
        evaluate(&d, &rs, &opts).unwrap_err(),
        thidua_core::evaluate::evaluate_rowwise(&d, &rs, &opts).unwrap_err(),
    ] {
        assert_eq!(limit_of(&e), Some(Limit::Cells), "{e}");
        assert_eq!(e.location().path(), format!("results[{}]", units - 1));
    }
}

#[test]
fn echoed_input_is_capped_in_every_message() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let d = r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t","items":[{"number":1,"text":"…","targets":[{"id":"1","name":"n","spec":{"kind":"rate","comparator":"at_least","value":"50"}}]}]}"#;
    let d = Directive::from_json(d).unwrap();
    let cases = [
        json!([{"unit": "A", "target": huge, "period": "2024", "value": "1"}]),
        json!([{"unit": huge, "target": "1", "period": "2024", "value": huge}]),
        json!([{"unit": "A", "target": "1", "period": huge, "value": "1"}]),
        json!([{"unit": "A", "target": "1", "period": "2024", "value": "1", "judgement": huge}]),
    ];
    for c in cases {
        let text = c.to_string();
        let e = match ResultSet::from_json(&text) {
            Ok(rs) => evaluate(&d, &rs, &EvaluationOptions::default()).unwrap_err(),
            Err(e) => e,
        };
        let msg = e.to_string();
        assert!(msg.len() < 1_000, "{} bytes: {}…", msg.len(), &msg[..200]);
        assert!(e.location().path().starts_with("results[0]"), "{msg}");
    }
}
