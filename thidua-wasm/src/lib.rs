//! # thidua-wasm
//!
//! The JavaScript / WebAssembly binding of [`thidua_core`]: a thin layer that moves values
//! between JavaScript and the core. Inputs are plain JSON-compatible objects (or JSON text);
//! outputs are plain objects in the core's JSON shape, with decimals as strings so that no
//! JavaScript `number` rounds them. Errors are thrown as JavaScript `Error`s whose `message` is
//! the core's message, with `.code` (the core's stable [`thidua_core::Error::code`]) and `.data`
//! (the error's fields, [`thidua_core::Error::to_json_value`]).
//!
//! The operations themselves are in [`api`] (plain Rust on JSON text, tested natively); this
//! file only converts. Nothing reachable from JavaScript can panic: every input that cannot be
//! read becomes a typed error.
//!
//! Build the npm package with `thidua-wasm/build.sh`; see `docs/javascript.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;

use js_sys::{Array, Reflect, JSON};
use thidua_core::Error;
use wasm_bindgen::prelude::*;

/// The TypeScript types of the domain, generated from `docs/schema/*.json` by
/// `scripts/gen-types.mjs`; wasm-bindgen copies them into the package's `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const DOMAIN_TYPES: &str = include_str!("types.generated.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const BINDING_TYPES: &str = include_str!("types.d.ts");

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A core error as a JavaScript `Error` with `name = "ThiduaError"`, `.code` and `.data`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("ThiduaError");
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object cannot fail; a failure would only lose a field.
    let _ = Reflect::set(obj, &"code".into(), &e.code().into());
    let data = JSON::parse(&e.to_json_value().to_string()).unwrap_or(JsValue::NULL);
    let _ = Reflect::set(obj, &"data".into(), &data);
    err.into()
}

fn fail(e: Error) -> JsValue {
    js_error(&e)
}

/// What JavaScript gave, as JSON text: a string is taken as JSON text already; anything else is
/// serialized with `JSON.stringify` (a cycle, a `BigInt`, `undefined` or a function is refused
/// as invalid JSON).
fn json_in(v: &JsValue, what: &str) -> Result<String, Error> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    let refuse = |message: String| Error::Json {
        what: what.to_string(),
        message,
        location: Default::default(),
    };
    if v.is_undefined() {
        return Err(refuse(
            "expected an object or JSON text, found undefined".into(),
        ));
    }
    match JSON::stringify(v) {
        Ok(s) => s.as_string().ok_or_else(|| {
            refuse(format!(
                "expected an object or JSON text, found {}",
                type_name(v)
            ))
        }),
        Err(e) => Err(refuse(format!(
            "cannot be written as JSON: {}",
            message_of(&e)
        ))),
    }
}

/// `null` and `undefined` mean "not given".
fn optional_json_in(v: &JsValue, what: &str) -> Result<Option<String>, Error> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        json_in(v, what).map(Some)
    }
}

fn type_name(v: &JsValue) -> String {
    v.js_typeof().as_string().unwrap_or_else(|| "value".into())
}

fn message_of(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .and_then(|x| x.message().as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Turns the core's JSON output into a JavaScript value.
fn json_out(s: &str) -> JsResult {
    JSON::parse(s).map_err(|e| {
        fail(Error::Json {
            what: "output".into(),
            message: message_of(&e),
            location: Default::default(),
        })
    })
}

fn out(r: Result<String, Error>) -> JsResult {
    r.map_err(fail).and_then(|s| json_out(&s))
}

/// Reads and validates a directive (an object in the shape of `docs/schema/directive.schema.json`,
/// or its JSON text) and returns it normalized. Throws a `ThiduaError` (`code` `"json"`,
/// `"invalid_directive"`, `"duplicate_id"`…) when it is not valid.
#[wasm_bindgen(js_name = loadDirective, unchecked_return_type = "Directive")]
pub fn load_directive(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
) -> JsResult {
    out(json_in(&directive, "directive").and_then(|j| api::load_directive(&j)))
}

/// Validates a directive; returns nothing and throws a `ThiduaError` when it is not valid.
#[wasm_bindgen(js_name = validateDirective)]
pub fn validate_directive(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
) -> JsResult<()> {
    json_in(&directive, "directive")
        .and_then(|j| api::validate_directive(&j))
        .map_err(fail)
}

/// Reads a result set (`{entries: [...]}`, a bare array of rows, or its JSON text) and returns
/// it normalized as `{entries: [...]}`.
#[wasm_bindgen(js_name = loadResults, unchecked_return_type = "ResultSet")]
pub fn load_results(
    #[wasm_bindgen(unchecked_param_type = "ResultsInput")] results: JsValue,
) -> JsResult {
    out(json_in(&results, "result set").and_then(|j| api::load_results(&j)))
}

fn three(
    directive: &JsValue,
    results: &JsValue,
    options: &Option<JsValue>,
) -> Result<(String, String, Option<String>), Error> {
    Ok((
        json_in(directive, "directive")?,
        json_in(results, "result set")?,
        match options {
            Some(o) => optional_json_in(o, "evaluation options")?,
            None => None,
        },
    ))
}

/// Evaluates results against a directive: for every (unit, period) in the results, every target
/// with its status (`"exceeded"`, `"met"`, `"not_met"`, `"no_data"`, `"not_applicable"`), % of
/// plan (`ratio`, a decimal string or `null`), gap, explanation, and the summary with the
/// headline "đạt và vượt X/Y chỉ tiêu".
#[wasm_bindgen(skip_typescript)] // declared in types.d.ts (optional `options`)
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResultsInput")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationOptions | string | null")] options: Option<
        JsValue,
    >,
) -> JsResult {
    out(three(&directive, &results, &options)
        .and_then(|(d, r, o)| api::evaluate(&d, &r, o.as_deref())))
}

/// The summary of every (unit, period): `[{unit, period, summary}]`.
#[wasm_bindgen(skip_typescript)] // declared in types.d.ts
pub fn summaries(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResultsInput")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationOptions | string | null")] options: Option<
        JsValue,
    >,
) -> JsResult {
    out(three(&directive, &results, &options)
        .and_then(|(d, r, o)| api::summaries(&d, &r, o.as_deref())))
}

/// One flat row per unit × period × target (the target evaluation's fields plus `unit` and
/// `period`), for tables.
#[wasm_bindgen(js_name = evaluationRows, skip_typescript)] // declared in types.d.ts
pub fn evaluation_rows(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResultsInput")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationOptions | string | null")] options: Option<
        JsValue,
    >,
) -> JsResult {
    out(three(&directive, &results, &options).and_then(|(d, r, o)| api::rows(&d, &r, o.as_deref())))
}

/// The plain-text Vietnamese scorecard of every (unit, period), one string each.
#[wasm_bindgen(js_name = scorecardsVi, skip_typescript)] // declared in types.d.ts
pub fn scorecards_vi(
    #[wasm_bindgen(unchecked_param_type = "Directive | string")] directive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResultsInput")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationOptions | string | null")] options: Option<
        JsValue,
    >,
) -> JsResult {
    out(three(&directive, &results, &options)
        .and_then(|(d, r, o)| api::scorecards_vi(&d, &r, o.as_deref())))
}

/// Counts statuses and writes the headline, as the core does for an evaluation. `basis` is
/// `"items"` (default) or `"targets"`.
#[wasm_bindgen(js_name = summarizeStatuses, skip_typescript)] // declared in types.d.ts
pub fn summarize_statuses(
    #[wasm_bindgen(unchecked_param_type = "Status[]")] statuses: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HeadlineBasis | null")] basis: Option<JsValue>,
) -> JsResult {
    let r = (|| {
        let s = json_in(&statuses, "statuses")?;
        let basis = basis.unwrap_or(JsValue::UNDEFINED);
        let b = match basis.as_string() {
            Some(b) => Some(b),
            None if basis.is_undefined() || basis.is_null() => None,
            None => {
                return Err(Error::InvalidInput {
                    location: "basis".into(),
                    reason: format!(
                        "expected \"items\" or \"targets\", found {}",
                        type_name(&basis)
                    ),
                })
            }
        };
        api::summarize_statuses(&s, b.as_deref())
    })();
    out(r)
}

/// The Vietnamese and English label of every status:
/// `{exceeded: {vi: "vượt", en: "exceeded"}, met: {vi: "đạt", …}, …}`.
#[wasm_bindgen(js_name = statusLabels, unchecked_return_type = "Record<Status, { vi: string; en: string }>")]
pub fn status_labels() -> JsResult {
    json_out(&api::status_labels())
}

/// Reads a number written the Vietnamese way ("3.500", "39,6", "08", "−1,5") and returns the
/// exact decimal as a plain string ("3500", "39.6", "8", "-1.5"). Throws `invalid_number`.
#[wasm_bindgen(js_name = parseVnNumber)]
pub fn parse_vn_number(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<String> {
    match text.as_string() {
        Some(t) => api::parse_vn_number(&t).map_err(fail),
        None => Err(fail(Error::InvalidNumber {
            input: type_name(&text),
            reason: format!("expected a string, found {}", type_name(&text)),
            location: Default::default(),
        })),
    }
}

/// A decimal given from JavaScript as text: a decimal string as is, a finite `number` as its
/// shortest round-trip text, a `bigint` in base 10.
fn decimal_text_in(value: &JsValue) -> Result<String, Error> {
    if let Some(s) = value.as_string() {
        Ok(s)
    } else if let Some(x) = value.as_f64() {
        Ok(api::decimal_from_f64(x)?.to_string())
    } else if value.is_bigint() {
        Ok(js_sys::BigInt::from(value.clone())
            .to_string(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default())
    } else {
        Err(Error::InvalidNumber {
            input: type_name(value),
            reason: format!(
                "expected a decimal string, a number or a bigint, found {}",
                type_name(value)
            ),
            location: Default::default(),
        })
    }
}

/// A number of decimals: a whole `number` from 0 to 28, or nothing.
fn digits_in(digits: Option<JsValue>) -> Result<Option<u32>, Error> {
    let Some(d) = digits.filter(|d| !d.is_undefined() && !d.is_null()) else {
        return Ok(None);
    };
    match d.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=28.0).contains(&n) => Ok(Some(n as u32)),
        _ => Err(Error::InvalidInput {
            location: "digits".into(),
            reason: "expected a whole number of decimals from 0 to 28".into(),
        }),
    }
}

/// Writes a decimal the Vietnamese way: `formatVnNumber("3500")` → `"3.500"`,
/// `formatVnNumber("105.125", 2)` → `"105,13"` (half away from zero, trailing zeros dropped).
/// `value` is a decimal string (exact), a `bigint`, or a finite `number` (read as its shortest
/// round-trip text). Without `digits` the decimal's own scale is kept.
#[wasm_bindgen(js_name = formatVnNumber, skip_typescript)] // declared in types.d.ts
pub fn format_vn_number(
    #[wasm_bindgen(unchecked_param_type = "string | number | bigint")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null")] digits: Option<JsValue>,
) -> JsResult<String> {
    decimal_text_in(&value)
        .and_then(|text| api::format_vn_number(&text, digits_in(digits)?))
        .map_err(fail)
}

/// Writes a decimal rounded to exactly `digits` decimals (default 3), keeping trailing zeros,
/// the way published scores are printed: `formatVnFixed("9.52")` → `"9,520"`.
#[wasm_bindgen(js_name = formatVnFixed, skip_typescript)] // declared in types.d.ts
pub fn format_vn_fixed(
    #[wasm_bindgen(unchecked_param_type = "string | number | bigint")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | null")] digits: Option<JsValue>,
) -> JsResult<String> {
    decimal_text_in(&value)
        .and_then(|text| api::format_vn_fixed_number(&text, digits_in(digits)?.unwrap_or(3)))
        .map_err(fail)
}

/// The Vietnamese label of a period: `"2024"` → `"năm 2024"`, `"2024-H1"` → `"6 tháng đầu năm
/// 2024"`, `"2024-Q3"` → `"quý III/2024"`. Throws `invalid_period`.
#[wasm_bindgen(js_name = periodLabelVi)]
pub fn period_label_vi(
    #[wasm_bindgen(unchecked_param_type = "Period")] period: JsValue,
) -> JsResult<String> {
    let text = period.as_string().ok_or_else(|| {
        fail(Error::InvalidPeriod {
            location: "period".into(),
            reason: format!("expected a string, found {}", type_name(&period)),
        })
    })?;
    api::period_label_vi(&text).map_err(fail)
}

fn text_in(v: &JsValue, what: &str) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::InvalidInput {
        location: what.to_string().into(),
        reason: format!("expected a string, found {}", type_name(v)),
    })
}

/// Reads a directive from its Vietnamese text (a web page or PDF copied as text): the draft
/// directive, diagnostics and item positions. Never throws for any text; the draft may not
/// validate (see `diagnostics` with severity `"error"`). Diagnostic and item offsets are
/// **UTF-8 byte** offsets, as in Rust and Python (see `docs/javascript.md` to map them to
/// JavaScript string indices).
#[wasm_bindgen(js_name = parseDirective, unchecked_return_type = "ParseOutput")]
pub fn parse_directive(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    out(text_in(&text, "text").and_then(|t| api::parse_directive(&t)))
}

/// Reads a directive from its text and validates the draft; throws a `ThiduaError` (e.g.
/// `invalid_directive` for a missing title) when it does not validate.
#[wasm_bindgen(js_name = parseDirectiveStrict, unchecked_return_type = "Directive")]
pub fn parse_directive_strict(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult {
    out(text_in(&text, "text").and_then(|t| api::parse_directive_strict(&t)))
}

/// The JavaScript string index (UTF-16) of a UTF-8 byte offset into `text`: turns a
/// diagnostic's `start`/`end` into `text.slice(utf16Offset(text, d.start), utf16Offset(text,
/// d.end))`. Throws `invalid_input` for an offset that is not a character boundary.
#[wasm_bindgen(js_name = utf16Offset)]
pub fn utf16_offset(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] byte_offset: JsValue,
) -> JsResult<u32> {
    let r = (|| {
        let t = text_in(&text, "text")?;
        let b = match byte_offset.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n) => n as usize,
            _ => {
                return Err(Error::InvalidInput {
                    location: "byte offset".into(),
                    reason: format!("expected a whole number, found {}", type_name(&byte_offset)),
                })
            }
        };
        let i = api::utf16_offset(&t, b)?;
        u32::try_from(i).map_err(|_| Error::InvalidInput {
            location: "byte offset".into(),
            reason: "text too long".into(),
        })
    })();
    r.map_err(fail)
}

/// Reads and validates a scoring scheme (thang điểm); returns it normalized.
#[wasm_bindgen(js_name = loadScheme, unchecked_return_type = "Scheme")]
pub fn load_scheme(
    #[wasm_bindgen(unchecked_param_type = "Scheme | string")] scheme: JsValue,
) -> JsResult {
    out(json_in(&scheme, "scoring scheme").and_then(|j| api::load_scheme(&j)))
}

/// Validates a scoring scheme; throws `invalid_scheme` (or `json`) when it is not valid.
#[wasm_bindgen(js_name = validateScheme)]
pub fn validate_scheme(
    #[wasm_bindgen(unchecked_param_type = "Scheme | string")] scheme: JsValue,
) -> JsResult<()> {
    json_in(&scheme, "scoring scheme")
        .and_then(|j| api::validate_scheme(&j))
        .map_err(fail)
}

/// Scores every unit of the roster in every stage given (tự chấm, cụm thẩm định, Ban Thi đua
/// thẩm định), ranks the final stage inside each cluster or bloc, classifies and proposes
/// awards: the whole `ScoreReport`.
#[wasm_bindgen(unchecked_return_type = "ScoreReport")]
pub fn score(
    #[wasm_bindgen(unchecked_param_type = "ScoreInput | string")] input: JsValue,
) -> JsResult {
    out(json_in(&input, "score input").and_then(|j| api::score(&j)))
}

/// The rankings of a score input, one per cluster or bloc (`score(input).groups`).
#[wasm_bindgen(unchecked_return_type = "GroupRanking[]")]
pub fn rank(
    #[wasm_bindgen(unchecked_param_type = "ScoreInput | string")] input: JsValue,
) -> JsResult {
    out(json_in(&input, "score input").and_then(|j| api::rank(&j)))
}

/// The award proposals of a score input (`score(input).awards`).
#[wasm_bindgen(unchecked_return_type = "AwardResult[]")]
pub fn award(
    #[wasm_bindgen(unchecked_param_type = "ScoreInput | string")] input: JsValue,
) -> JsResult {
    out(json_in(&input, "score input").and_then(|j| api::award(&j)))
}

/// The score report as Vietnamese text (rankings per cluster or bloc, awards), followed by
/// every unit's scorecard when `scorecards` is true.
#[wasm_bindgen(js_name = scoreReportVi)]
pub fn score_report_vi(
    #[wasm_bindgen(unchecked_param_type = "ScoreInput | string")] input: JsValue,
    scorecards: Option<bool>,
) -> JsResult<String> {
    json_in(&input, "score input")
        .and_then(|j| api::score_report_vi(&j, scorecards.unwrap_or(false)))
        .map_err(fail)
}

/// Every error code the library can throw (`err.code`), in a stable order.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> Array {
    api::error_codes()
        .iter()
        .map(|c| JsValue::from_str(c))
        .collect()
}

/// The version of the package.
#[wasm_bindgen]
pub fn version() -> String {
    api::version().to_string()
}
