//! Each unit's own targets (a target table), the reported-result phrase reader and the
//! evaluation against both. Conversion only: the rules are in `thidua_core::unit_targets`,
//! `thidua_core::reported` and `thidua_core::evaluate_with_targets`.

use thidua_core::{
    evaluate_with_targets as core_evaluate_with_targets, Directive, Evaluation, TargetTable,
};
use wasm_bindgen::prelude::*;

use crate::api::{self, check_input, to_json, Result};
use crate::{js, JsResult, RawDirective, RawEvaluation};

/// Reads a target table (`{"entries": [...]}` or a bare array).
pub fn targets(json: &str) -> Result<TargetTable> {
    Ok(TargetTable::from_json(check_input(json, "target table")?)?)
}

/// Evaluates results against a directive and each unit's own targets.
pub fn evaluate_with_targets_of(
    d: &Directive,
    targets_json: Option<&str>,
    results_json: &str,
    opts: Option<&str>,
) -> Result<Evaluation> {
    let t = match targets_json {
        Some(t) => targets(t)?,
        None => TargetTable::default(),
    };
    let r = api::results(results_json)?;
    let o = api::options(opts)?;
    Ok(core_evaluate_with_targets(d, &t, &r, &o)?)
}

/// The reading of a reported-result phrase as JSON; offsets are UTF-8 bytes, or UTF-16 code
/// units (JavaScript string indices) with `utf16`.
pub fn read_result(text: &str, utf16: bool) -> Result<String> {
    let text = check_input(text, "text")?;
    let out = thidua_core::reported::read_result(text);
    if !utf16 {
        return to_json(&out, "reading");
    }
    // (Serializing plain data into a value cannot fail.)
    let mut v = serde_json::to_value(&out).unwrap_or_default();
    to_utf16(text, &mut v)?;
    to_json(&v, "reading")
}

fn to_utf16(text: &str, v: &mut serde_json::Value) -> Result<()> {
    match v {
        serde_json::Value::Object(m) => {
            for k in ["start", "end"] {
                if let Some(b) = m.get(k).and_then(serde_json::Value::as_u64) {
                    let u = api::utf16_offset(text, b as usize)?;
                    m.insert(k.into(), serde_json::Value::from(u as u64));
                }
            }
            for (_, x) in m.iter_mut() {
                to_utf16(text, x)?;
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                to_utf16(text, x)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Reads a target table; returns it normalized as JSON.
#[wasm_bindgen(js_name = loadTargets)]
pub fn load_targets(json: &str) -> JsResult {
    js(targets(json).and_then(|t| to_json(&t, "target table")))
}

/// The whole evaluation against each unit's own targets, as JSON.
#[wasm_bindgen(js_name = evaluateWithTargets)]
pub fn evaluate_with_targets(
    directive: &str,
    targets: Option<String>,
    results: &str,
    options: Option<String>,
) -> JsResult {
    js(api::directive(directive)
        .and_then(|d| evaluate_with_targets_of(&d, targets.as_deref(), results, options.as_deref()))
        .and_then(|e| to_json(&e, "evaluation")))
}

/// Reads a reported-result phrase ("ước đạt 6,5%", "hơn 290 triệu USD", "đạt 102,6% kế
/// hoạch"); `utf16` gives offsets as JavaScript string indices.
#[wasm_bindgen(js_name = readResult)]
pub fn read_result_js(text: &str, utf16: bool) -> JsResult {
    js(read_result(text, utf16))
}

#[wasm_bindgen]
impl RawDirective {
    /// Evaluates results (JSON) against the directive and each unit's own targets (JSON).
    #[wasm_bindgen(js_name = evaluateWithTargets)]
    pub fn evaluate_with_targets(
        &self,
        results: &str,
        options: Option<String>,
        targets: Option<String>,
    ) -> JsResult<RawEvaluation> {
        js(evaluate_with_targets_of(
            &self.inner,
            targets.as_deref(),
            results,
            options.as_deref(),
        ))
        .map(|inner| RawEvaluation { inner })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_result_offsets_in_utf16() {
        let text = "ước đạt hơn 290 triệu USD";
        let bytes: serde_json::Value =
            serde_json::from_str(&read_result(text, false).unwrap()).unwrap();
        let utf16: serde_json::Value =
            serde_json::from_str(&read_result(text, true).unwrap()).unwrap();
        let b = bytes["reading"]["value"]["start"].as_u64().unwrap() as usize;
        let u = utf16["reading"]["value"]["start"].as_u64().unwrap() as usize;
        assert_eq!(&text[b..b + 3], "290");
        assert_eq!(
            text.encode_utf16().skip(u).take(3).collect::<Vec<u16>>(),
            "290".encode_utf16().collect::<Vec<u16>>()
        );
    }

    #[test]
    fn evaluation_against_a_target_table() {
        let d = api::directive(include_str!("../../docs/examples/units/directive.json")).unwrap();
        let e = evaluate_with_targets_of(
            &d,
            Some(include_str!("../../docs/examples/units/targets.json")),
            r#"[{"unit": "Huyện A", "target": "1", "period": "2024", "value": "8.2"}]"#,
            None,
        )
        .unwrap();
        assert_eq!(e.units[0].targets[0].level, "assigned");
        let bad = targets(r#"[{"unit": "A"}]"#).unwrap_err();
        assert_eq!(bad.code(), "json");
    }
}
