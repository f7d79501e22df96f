//! The documented limits (thidua_core::limits) hold on real entry points: each is a typed
//! `limit_exceeded` error naming the limit and the place, returned quickly, never a stack
//! overflow or an allocation as large as the input asks for.

use serde_json::{json, Value};
use thidua_core::limits::{Limit, MAX_CELLS, MAX_NESTING_DEPTH, MAX_SUB_TARGET_DEPTH, MAX_TARGETS};
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
fn too_many_targets_are_refused_while_reading_in_any_deserializer() {
    // One list longer than the limit: refused inside the list (not after, by `validate`).
    let targets: Vec<Value> = (0..=MAX_TARGETS).map(|i| rate(&i.to_string())).collect();
    let d = directive(targets);
    let e = tjson::from_deserializer::<_, Directive>(&d, "directive").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::Targets), "{e}");
    assert!(e.location().path().starts_with("items[0].targets"), "{e}");

    // Several lists that are each short but too many in all, sub-targets included: refused
    // in the list where the total is passed.
    let per_item = MAX_TARGETS / 4;
    let mut d = directive(vec![]);
    let items: Vec<Value> = (0..5)
        .map(|n| {
            let mut t = rate(&format!("{n}"));
            t["sub_targets"] = Value::Array(
                (0..per_item - 1)
                    .map(|i| rate(&format!("{n}.{i}")))
                    .collect(),
            );
            json!({"number": n + 1, "text": "…", "targets": [t]})
        })
        .collect();
    d["items"] = Value::Array(items);
    let e = tjson::from_value::<Directive>(d, "directive").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::Targets), "{e}");
    assert!(e.location().path().starts_with("items[4].targets"), "{e}");

    // Exactly the limit in all is read, and reading again on the same thread starts from 0.
    for _ in 0..2 {
        let mut d = directive(vec![]);
        let items: Vec<Value> = (0..4)
            .map(|n| {
                let mut t = rate(&format!("{n}"));
                t["sub_targets"] = Value::Array(
                    (0..per_item - 1)
                        .map(|i| rate(&format!("{n}.{i}")))
                        .collect(),
                );
                json!({"number": n + 1, "text": "…", "targets": [t]})
            })
            .collect();
        d["items"] = Value::Array(items);
        let d = tjson::from_value::<Directive>(d, "directive").unwrap();
        assert_eq!(d.target_count(), MAX_TARGETS);
    }
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

/// A condition nested `depth` times in "not" (built without recursion).
fn deep_condition(depth: usize) -> Value {
    let mut c = json!({"kind": "eligible_for", "title": "x"});
    for _ in 0..depth {
        // Not `json!` with `c` inside: it would serialize it (recursively).
        let mut parent = json!({"kind": "not"});
        parent["condition"] = c;
        c = parent;
    }
    c
}

#[test]
fn award_conditions_ten_thousand_deep_are_refused_not_a_stack_overflow() {
    use thidua_core::award::Condition;
    // A JSON value built in code: the nesting limit of text holds for values too.
    let e = tjson::from_value::<Condition>(deep_condition(10_000), "condition").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::NestingDepth), "{e}");
    assert!(
        e.location().path().starts_with("condition.condition"),
        "{e}"
    );
    // The same as text.
    let text = format!(
        "{}{}{}",
        r#"{"kind": "not", "condition": "#.repeat(10_000),
        r#"{"kind": "eligible_for", "title": "x"}"#,
        "}".repeat(10_000)
    );
    let e = tjson::from_str::<Condition>(&text, "condition").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::NestingDepth), "{e}");
    // Any deserializer: through a borrowed value.
    let v = deep_condition(10_000);
    let e = tjson::from_deserializer::<_, Condition>(&v, "condition").unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::NestingDepth), "{e}");
    // …and the deepest allowed is read, through every path.
    let ok = deep_condition(MAX_NESTING_DEPTH - 1);
    let text = serde_json::to_string(&ok).unwrap();
    assert!(tjson::from_deserializer::<_, Condition>(&ok, "condition").is_ok());
    assert!(tjson::from_str::<Condition>(&text, "condition").is_ok());
    assert!(tjson::from_value::<Condition>(ok, "condition").is_ok());
    drop_flat(v);
}
