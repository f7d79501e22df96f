//! The award API (`thidua_core::award`) for JavaScript beyond `decideAwards` / `checkAwards`
//! (in `lib.rs`): the decision as text, the shipped rule sets, validating a rule set or a
//! history. Raw functions on JSON text, like the rest of the binding (`js/api.js` converts
//! values and errors). Every rule lives in the core.

use thidua_core::award::{check_json, decide_json, History, RuleSet};
use wasm_bindgen::prelude::*;

use crate::api::{self, check_input, to_json, Failure, MAX_OUTPUT_BYTES};

/// The award pipeline: proposals → eligibility → votes → quotas → final list with money
/// ([`thidua_core::award::decide_json`]), as JSON.
pub fn decide(input: &str) -> api::Result<String> {
    to_json(
        &decide_json(check_input(input, "award input")?)?,
        "award report",
    )
}

/// Eligibility only ([`thidua_core::award::check_json`]), as JSON.
pub fn check(input: &str) -> api::Result<String> {
    to_json(
        &check_json(check_input(input, "award input")?)?,
        "eligibility report",
    )
}

/// The award decision as Vietnamese text ([`thidua_core::award::AwardReport::render_vi`]).
pub fn report_vi(input: &str) -> api::Result<String> {
    let text = decide_json(check_input(input, "award input")?)?.render_vi();
    if text.len() > MAX_OUTPUT_BYTES {
        return Err(Failure::OutputTooLarge {
            what: "award report".into(),
            limit: MAX_OUTPUT_BYTES,
        });
    }
    Ok(text)
}

/// A shipped rule set as JSON; `invalid_input` for an unknown id.
pub fn rule_set(id: &str) -> api::Result<String> {
    let r = RuleSet::builtin(id).ok_or_else(|| thidua_core::Error::InvalidInput {
        location: "id".into(),
        reason: format!(
            "{id:?} is not a shipped rule set ({})",
            RuleSet::builtin_ids().join(", ")
        ),
    })?;
    to_json(&r, "award rule set")
}

/// The ids of the shipped rule sets, as a JSON array.
pub fn rule_set_ids() -> String {
    serde_json::to_string(&RuleSet::builtin_ids()).unwrap_or_else(|_| "[]".into())
}

/// Reads and validates a rule set; returns it normalized as JSON.
pub fn load_rule_set(json: &str) -> api::Result<String> {
    to_json(
        &RuleSet::from_json(check_input(json, "award rule set")?)?,
        "award rule set",
    )
}

/// Reads and validates an award history; returns it normalized as JSON.
pub fn load_history(json: &str) -> api::Result<String> {
    to_json(
        &History::from_json(check_input(json, "award history")?)?,
        "award history",
    )
}

fn js(r: api::Result<String>) -> Result<String, JsValue> {
    r.map_err(|f| JsValue::from_str(&f.to_json()))
}

/// The award decision as Vietnamese text.
#[wasm_bindgen(js_name = awardReportVi)]
pub fn award_report_vi(input: &str) -> Result<String, JsValue> {
    js(report_vi(input))
}

/// A shipped award rule set as JSON.
#[wasm_bindgen(js_name = awardRuleSet)]
pub fn award_rule_set(id: &str) -> Result<String, JsValue> {
    js(rule_set(id))
}

/// The ids of the shipped award rule sets, as JSON.
#[wasm_bindgen(js_name = awardRuleSetIds)]
pub fn award_rule_set_ids() -> String {
    rule_set_ids()
}

/// Reads and validates an award rule set; returns it as JSON.
#[wasm_bindgen(js_name = loadAwardRuleSet)]
pub fn load_award_rule_set(json: &str) -> Result<String, JsValue> {
    js(load_rule_set(json))
}

/// Reads and validates an award history; returns it as JSON.
#[wasm_bindgen(js_name = loadAwardHistory)]
pub fn load_award_history(json: &str) -> Result<String, JsValue> {
    js(load_history(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &str = r#"{"date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
      "history": {"subjects": [{"id": "a", "kind": "individual"}],
        "ratings": [{"subject": "a", "year": 2024, "rating": "good"}]},
      "candidates": [{"subject": "a", "title": "lao_dong_tien_tien"}]}"#;

    #[test]
    fn decides_checks_and_renders() {
        let r: serde_json::Value = serde_json::from_str(&decide(INPUT).unwrap()).unwrap();
        assert_eq!(r["decisions"][0]["status"], "approved");
        assert_eq!(r["decisions"][0]["money"]["amount"], "710000");
        let c: serde_json::Value = serde_json::from_str(&check(INPUT).unwrap()).unwrap();
        assert_eq!(c["eligibility"][0]["status"], "eligible");
        assert!(report_vi(INPUT).unwrap().contains("TỔNG CỘNG"));
    }

    #[test]
    fn rule_sets_and_errors() {
        assert!(rule_set_ids().contains("vn-nd152-2025"));
        assert!(rule_set("vn-nd98-2023")
            .unwrap()
            .contains("\"valid_until\":\"2025-06-30\""));
        assert_eq!(rule_set("x").unwrap_err().code(), "invalid_input");
        assert_eq!(decide("{").unwrap_err().code(), "json");
        assert_eq!(
            load_history(r#"{"subjects": [{"id": "", "kind": "individual"}]}"#)
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        let big = "x".repeat(api::MAX_INPUT_BYTES + 1);
        assert_eq!(decide(&big).unwrap_err().code(), "input_too_large");
    }
}
