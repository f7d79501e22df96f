//! # thidua-wasm
//!
//! The JavaScript / WebAssembly binding of [`thidua_core`]: a thin layer that moves JSON text
//! between JavaScript and the core. The public JavaScript API is `js/api.js` (shipped in the
//! package): it turns JavaScript values into JSON text (with a depth limit, cycle detection and
//! a path for every refusal), calls the raw functions below, parses their JSON output, and
//! turns failures into `ThiduaError`s. Decimals stay strings all the way, so no JavaScript
//! `number` rounds them.
//!
//! Every raw function takes and returns strings; on failure it throws a string holding one JSON
//! object `{"code", "message", "data"}` ([`api::Failure::to_json`]). The operations themselves
//! are in [`api`] (plain Rust, tested natively); this file only converts. Nothing reachable from
//! JavaScript can panic, and no output can grow past [`api::MAX_OUTPUT_BYTES`]: every input that
//! cannot be read becomes a typed error instead of a trap.
//!
//! Build the npm package with `thidua-wasm/build.sh`; see `docs/javascript.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod awards;
pub mod batch;
pub mod scores;
pub mod sheet;
mod units;

use api::Failure;
use thidua_core::parse::parse_directive as core_parse_directive;
use thidua_core::scoring::ScoreReport;
use thidua_core::{Directive, Evaluation};
use wasm_bindgen::prelude::*;

type JsResult<T = String> = Result<T, JsValue>;

/// A failure as the string `api.js` turns into a `ThiduaError`.
fn fail(f: Failure) -> JsValue {
    JsValue::from_str(&f.to_json())
}

fn js<T>(r: api::Result<T>) -> JsResult<T> {
    r.map_err(fail)
}

/// Reads and validates a directive; returns it normalized as JSON.
#[wasm_bindgen(js_name = loadDirective)]
pub fn load_directive(json: &str) -> JsResult {
    js(api::load_directive(json))
}

/// Validates a directive.
#[wasm_bindgen(js_name = validateDirective)]
pub fn validate_directive(json: &str) -> JsResult<()> {
    js(api::validate_directive(json))
}

/// Reads a result set; returns it normalized as JSON.
#[wasm_bindgen(js_name = loadResults)]
pub fn load_results(json: &str) -> JsResult {
    js(api::load_results(json))
}

/// The whole evaluation as JSON.
#[wasm_bindgen]
pub fn evaluate(directive: &str, results: &str, options: Option<String>) -> JsResult {
    js(api::evaluate(directive, results, options.as_deref()))
}

/// The summaries of every (unit, period) as JSON.
#[wasm_bindgen]
pub fn summaries(directive: &str, results: &str, options: Option<String>) -> JsResult {
    js(api::summaries(directive, results, options.as_deref()))
}

/// One flat row per unit × period × target, as JSON.
#[wasm_bindgen]
pub fn rows(directive: &str, results: &str, options: Option<String>) -> JsResult {
    js(api::rows(directive, results, options.as_deref()))
}

/// The Vietnamese scorecards, as a JSON array of texts.
#[wasm_bindgen(js_name = scorecardsVi)]
pub fn scorecards_vi(directive: &str, results: &str, options: Option<String>) -> JsResult {
    js(api::scorecards_vi(directive, results, options.as_deref()))
}

/// Counts statuses (a JSON array) and writes the headline, as JSON.
#[wasm_bindgen(js_name = summarizeStatuses)]
pub fn summarize_statuses(statuses: &str, basis: Option<String>) -> JsResult {
    js(api::summarize_statuses(statuses, basis.as_deref()))
}

/// The labels of every status, as JSON.
#[wasm_bindgen(js_name = statusLabels)]
pub fn status_labels() -> String {
    api::status_labels()
}

/// A Vietnamese number read exactly, as a plain decimal string.
#[wasm_bindgen(js_name = parseVn)]
pub fn parse_vn(text: &str) -> JsResult {
    js(api::parse_vn_number(text))
}

/// A plain decimal string read exactly, as its canonical string.
#[wasm_bindgen(js_name = toDecimalExact)]
pub fn to_decimal_exact(text: &str) -> JsResult {
    js(api::to_decimal_exact(text))
}

/// A JavaScript number as its exact decimal string (the shortest round-trip rule); `NaN` and
/// infinities are refused.
#[wasm_bindgen(js_name = decimalFromNumber)]
pub fn decimal_from_number(x: f64) -> JsResult {
    js(api::decimal_from_f64(x).map(|d| d.to_string()))
}

/// Formats a decimal the Vietnamese way (`digits`: round half away from zero, drop trailing
/// zeros).
#[wasm_bindgen(js_name = formatVn)]
pub fn format_vn(value: &str, digits: Option<u32>) -> JsResult {
    js(api::format_vn_number(value, digits))
}

/// Formats a decimal with exactly `digits` decimals.
#[wasm_bindgen(js_name = formatVnFixed)]
pub fn format_vn_fixed(value: &str, digits: u32) -> JsResult {
    js(api::format_vn_fixed_number(value, digits))
}

/// The Vietnamese label of a period.
#[wasm_bindgen(js_name = periodLabelVi)]
pub fn period_label_vi(period: &str) -> JsResult {
    js(api::period_label_vi(period))
}

/// Reads directive text: the draft, diagnostics and item spans as JSON; offsets in UTF-8 bytes,
/// or in UTF-16 units (JavaScript string indices) when `utf16`.
#[wasm_bindgen(js_name = parseDirective)]
pub fn parse_directive(text: &str, utf16: bool) -> JsResult {
    js(api::parse_directive(text, utf16))
}

/// Reads directive text and validates the draft; the directive as JSON.
#[wasm_bindgen(js_name = parseDirectiveStrict)]
pub fn parse_directive_strict(text: &str) -> JsResult {
    js(api::parse_directive_strict(text))
}

/// The UTF-16 indices of UTF-8 byte offsets into `text`, in one pass.
#[wasm_bindgen(js_name = utf16Offsets)]
pub fn utf16_offsets(text: &str, bytes: &[u32]) -> JsResult<Vec<u32>> {
    let b: Vec<usize> = bytes.iter().map(|&x| x as usize).collect();
    let out = js(api::utf16_offsets(text, &b))?;
    // A text passed in from JavaScript is shorter than 2³² units, so every index fits.
    Ok(out
        .into_iter()
        .map(|x| u32::try_from(x).unwrap_or(u32::MAX))
        .collect())
}

/// Reads and validates a scoring scheme; returns it normalized.
#[wasm_bindgen(js_name = loadScheme)]
pub fn load_scheme(json: &str) -> JsResult {
    js(api::load_scheme(json))
}

/// Validates a scoring scheme.
#[wasm_bindgen(js_name = validateScheme)]
pub fn validate_scheme(json: &str) -> JsResult<()> {
    js(api::validate_scheme(json))
}

/// The whole score report as JSON.
#[wasm_bindgen]
pub fn score(input: &str) -> JsResult {
    js(api::score(input))
}

/// The rankings of a score input as JSON.
#[wasm_bindgen]
pub fn rank(input: &str) -> JsResult {
    js(api::rank(input))
}

/// The award proposals of a score input as JSON.
#[wasm_bindgen]
pub fn award(input: &str) -> JsResult {
    js(api::award(input))
}

/// The score report as Vietnamese text.
#[wasm_bindgen(js_name = scoreReportVi)]
pub fn score_report_vi(input: &str, scorecards: bool) -> JsResult {
    js(api::score_report_vi(input, scorecards))
}

/// The award pipeline on an award input (JSON): the award report as JSON.
#[wasm_bindgen(js_name = decideAwards)]
pub fn decide_awards(input: &str) -> JsResult {
    js(api::decide_awards(input))
}

/// Eligibility only, on an award input (JSON): the eligibility report as JSON.
#[wasm_bindgen(js_name = checkAwards)]
pub fn check_awards(input: &str) -> JsResult {
    js(api::check_awards(input))
}

/// The error codes, as a JSON array.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    serde_json::to_string(&api::error_codes()).unwrap_or_else(|_| "[]".into())
}

/// The binding's limits, as JSON.
#[wasm_bindgen]
pub fn limits() -> String {
    api::limits()
}

/// The version of the package.
#[wasm_bindgen]
pub fn version() -> String {
    api::version().to_string()
}

/// A directive read and validated once; evaluate it against many result sets.
#[wasm_bindgen]
pub struct RawDirective {
    inner: Directive,
}

#[wasm_bindgen]
impl RawDirective {
    /// Reads and validates a directive from JSON.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> JsResult<RawDirective> {
        js(api::directive(json)).map(|inner| RawDirective { inner })
    }

    /// Reads directive text and validates the draft.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str) -> JsResult<RawDirective> {
        let text = js(api::check_input(text, "text"))?;
        core_parse_directive(text)
            .into_directive()
            .map(|inner| RawDirective { inner })
            .map_err(|e| fail(e.into()))
    }

    /// The directive as JSON.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult {
        js(api::to_json(&self.inner, "directive"))
    }

    /// Evaluates results (JSON) against the directive.
    pub fn evaluate(&self, results: &str, options: Option<String>) -> JsResult<RawEvaluation> {
        js(api::evaluate_with(&self.inner, results, options.as_deref()))
            .map(|inner| RawEvaluation { inner })
    }

    /// How many targets (with "trong đó" sub-targets) the directive has.
    #[wasm_bindgen(js_name = targetCount)]
    pub fn target_count(&self) -> usize {
        self.inner.target_count()
    }

    /// The ids of every target, in document order, as a JSON array.
    #[wasm_bindgen(js_name = targetIds)]
    pub fn target_ids(&self) -> JsResult {
        let ids: Vec<&str> = self.inner.targets().map(|t| t.target.id.as_str()).collect();
        js(api::to_json(&ids, "target ids"))
    }

    /// One target as JSON, or nothing.
    pub fn target(&self, id: &str) -> JsResult<Option<String>> {
        match self.inner.target(id) {
            Some(t) => js(api::to_json(t, "target")).map(Some),
            None => Ok(None),
        }
    }
}

/// An evaluation computed once; its parts are read without evaluating again.
#[wasm_bindgen]
pub struct RawEvaluation {
    inner: Evaluation,
}

#[wasm_bindgen]
impl RawEvaluation {
    /// The whole evaluation as JSON.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult {
        js(api::to_json(&self.inner, "evaluation"))
    }

    /// The summaries as JSON.
    pub fn summaries(&self) -> JsResult {
        js(api::summaries_of(&self.inner))
    }

    /// The flat rows as JSON.
    pub fn rows(&self) -> JsResult {
        js(api::rows_of(&self.inner))
    }

    /// The Vietnamese scorecards as a JSON array.
    #[wasm_bindgen(js_name = scorecardsVi)]
    pub fn scorecards_vi(&self) -> JsResult {
        js(api::scorecards_of(&self.inner))
    }

    /// How many (unit, period) evaluations there are.
    #[wasm_bindgen(js_name = unitCount)]
    pub fn unit_count(&self) -> usize {
        self.inner.units.len()
    }

    /// One unit's evaluation as JSON, or nothing.
    pub fn unit(&self, unit: &str, period: Option<String>) -> JsResult<Option<String>> {
        match js(api::unit_of(&self.inner, unit, period.as_deref()))? {
            Some(u) => js(api::to_json(u, "unit evaluation")).map(Some),
            None => Ok(None),
        }
    }

    /// One unit's Vietnamese scorecard, or nothing.
    #[wasm_bindgen(js_name = scorecardVi)]
    pub fn scorecard_vi(&self, unit: &str, period: Option<String>) -> JsResult<Option<String>> {
        Ok(js(api::unit_of(&self.inner, unit, period.as_deref()))?.map(|u| u.scorecard_vi()))
    }
}

/// A score report computed once.
#[wasm_bindgen]
pub struct RawScoreReport {
    inner: ScoreReport,
}

#[wasm_bindgen]
impl RawScoreReport {
    /// Scores a score input (JSON).
    #[wasm_bindgen(js_name = fromInput)]
    pub fn from_input(input: &str) -> JsResult<RawScoreReport> {
        js(api::score_report(input)).map(|inner| RawScoreReport { inner })
    }

    /// The whole report as JSON.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult {
        js(api::score_report_json(&self.inner))
    }

    /// The rankings per cluster or bloc, as JSON.
    pub fn groups(&self) -> JsResult {
        js(api::groups_of(&self.inner))
    }

    /// The award proposals, as JSON.
    pub fn awards(&self) -> JsResult {
        js(api::awards_of(&self.inner))
    }

    /// One unit's scores as JSON, or nothing.
    pub fn unit(&self, unit: &str) -> JsResult<Option<String>> {
        match self.inner.unit(unit) {
            Some(u) => js(api::to_json(u, "unit score")).map(Some),
            None => Ok(None),
        }
    }

    /// The report as Vietnamese text, with every unit's scorecard when `scorecards`.
    #[wasm_bindgen(js_name = renderVi)]
    pub fn render_vi(&self, scorecards: bool) -> JsResult {
        js(api::render_report_vi(&self.inner, scorecards))
    }

    /// Every unit's scorecard as Vietnamese text.
    #[wasm_bindgen(js_name = renderScorecardsVi)]
    pub fn render_scorecards_vi(&self) -> JsResult {
        js(api::render_scorecards_vi(&self.inner))
    }
}
