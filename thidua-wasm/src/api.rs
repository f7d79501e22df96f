//! The binding's operations as plain Rust on JSON text: JSON in, JSON out, [`Error`] on failure.
//!
//! Everything here is conversion only; every rule lives in `thidua-core`. Keeping this layer free
//! of `wasm-bindgen` types lets it be tested (and fuzzed) natively; `lib.rs` only moves values
//! between JavaScript and these functions.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;
use thidua_core::number::{format_vn, format_vn_fixed, format_vn_rounded, parse_vn};
use thidua_core::parse::parse_directive as core_parse_directive;
use thidua_core::scoring::{score_json, Scheme, ScoreReport};
use thidua_core::{
    evaluate as core_evaluate, Directive, Error, Evaluation, EvaluationOptions, Period, Result,
    ResultSet, Status, Summary,
};

/// Serializes a value the core produced. The core's types always serialize (string keys,
/// decimals as strings); the fallback keeps even an impossible failure a typed error.
fn to_json<T: Serialize>(value: &T, what: &str) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Json {
        what: what.to_string(),
        message: e.to_string(),
        location: Default::default(),
    })
}

/// Reads and validates a directive; returns it normalized (the core's own serialization).
pub fn load_directive(json: &str) -> Result<String> {
    to_json(&Directive::from_json(json)?, "directive")
}

/// Validates a directive without returning it.
pub fn validate_directive(json: &str) -> Result<()> {
    Directive::from_json(json).map(|_| ())
}

/// Reads a result set (`{"entries": [...]}` or a bare array); returns it normalized.
pub fn load_results(json: &str) -> Result<String> {
    to_json(&ResultSet::from_json(json)?, "result set")
}

/// Reads evaluation options (`None` = the documented defaults).
pub fn options(json: Option<&str>) -> Result<EvaluationOptions> {
    match json {
        None => Ok(EvaluationOptions::default()),
        Some(j) => EvaluationOptions::from_json(j),
    }
}

fn run(directive: &str, results: &str, opts: Option<&str>) -> Result<Evaluation> {
    let d = Directive::from_json(directive)?;
    let r = ResultSet::from_json(results)?;
    let o = options(opts)?;
    core_evaluate(&d, &r, &o)
}

/// [`thidua_core::evaluate`]: the whole `Evaluation` as JSON.
pub fn evaluate(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    to_json(&run(directive, results, opts)?, "evaluation")
}

/// One summary per (unit, period): `[{"unit", "period", "summary"}]`.
#[derive(Serialize)]
struct UnitSummary<'a> {
    unit: &'a str,
    period: Period,
    summary: &'a Summary,
}

/// The summaries (headline "đạt và vượt X/Y chỉ tiêu" and counts) of every unit and period.
pub fn summaries(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    let e = run(directive, results, opts)?;
    let v: Vec<UnitSummary> = e
        .units
        .iter()
        .map(|u| UnitSummary {
            unit: &u.unit,
            period: u.period,
            summary: &u.summary,
        })
        .collect();
    to_json(&v, "summaries")
}

/// [`Evaluation::rows`]: one flat row per unit × period × target, for tables.
pub fn rows(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    to_json(&run(directive, results, opts)?.rows(), "rows")
}

/// [`thidua_core::UnitEvaluation::scorecard_vi`] of every unit and period, as a list of texts.
pub fn scorecards_vi(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    let e = run(directive, results, opts)?;
    let v: Vec<String> = e.units.iter().map(|u| u.scorecard_vi()).collect();
    to_json(&v, "scorecards")
}

/// The headline of a list of statuses ([`Summary::from_statuses`]); `basis` is `"items"` or
/// `"targets"` (what the count is of), default `"items"`.
pub fn summarize_statuses(statuses: &str, basis: Option<&str>) -> Result<String> {
    let st: Vec<Status> = serde_json::from_str(statuses).map_err(|e| Error::Json {
        what: "statuses".into(),
        message: e.to_string(),
        location: Default::default(),
    })?;
    let b = match basis {
        None => Default::default(),
        Some(b) => {
            serde_json::from_value(serde_json::Value::String(b.to_string())).map_err(|e| {
                Error::InvalidInput {
                    location: "basis".into(),
                    reason: e.to_string(),
                }
            })?
        }
    };
    to_json(&Summary::from_statuses(b, st), "summary")
}

/// The labels of every status: `{"exceeded": {"vi": "vượt", "en": "exceeded"}, …}`.
pub fn status_labels() -> String {
    let all = [
        Status::Exceeded,
        Status::Met,
        Status::NotMet,
        Status::NoData,
        Status::NotApplicable,
    ];
    let mut m = serde_json::Map::new();
    for s in all {
        let key = serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        m.insert(
            key,
            serde_json::json!({ "vi": s.label_vi(), "en": s.label_en() }),
        );
    }
    serde_json::Value::Object(m).to_string()
}

/// Reads a Vietnamese number ("3.500", "39,6") and returns the exact decimal as a plain string
/// ("3500", "39.6").
pub fn parse_vn_number(text: &str) -> Result<String> {
    Ok(parse_vn(text)?.to_string())
}

/// Reads a plain decimal string ("3500", "-39.60", "1e3") exactly.
pub fn plain_decimal(text: &str) -> Result<Decimal> {
    let err = |reason: &str| Error::InvalidNumber {
        input: text.to_string(),
        reason: reason.to_string(),
        location: Default::default(),
    };
    let t = text.trim();
    if t.is_empty() {
        return Err(err("no digits"));
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).map_err(|e| err(&e.to_string()))
    } else {
        Decimal::from_str_exact(t).map_err(|e| err(&e.to_string()))
    }
}

/// Writes a decimal the Vietnamese way ("3500" → "3.500"). With `digits`, rounds half away from
/// zero to that many decimals and drops trailing zeros ([`format_vn_rounded`]); without, keeps
/// the decimal's own scale ([`format_vn`]).
pub fn format_vn_number(value: &str, digits: Option<u32>) -> Result<String> {
    let d = plain_decimal(value)?;
    match digits {
        None => Ok(format_vn(d)),
        Some(n) if n <= 28 => Ok(format_vn_rounded(d, n)),
        Some(n) => Err(Error::InvalidInput {
            location: "digits".into(),
            reason: format!("at most 28 decimals, found {n}"),
        }),
    }
}

/// Writes a decimal rounded to exactly `digits` decimals, keeping trailing zeros
/// ([`format_vn_fixed`]: `"9.52"`, 3 → `"9,520"`), the way published scores are printed.
pub fn format_vn_fixed_number(value: &str, digits: u32) -> Result<String> {
    let d = plain_decimal(value)?;
    if digits > 28 {
        return Err(Error::InvalidInput {
            location: "digits".into(),
            reason: format!("at most 28 decimals, found {digits}"),
        });
    }
    Ok(format_vn_fixed(d, digits))
}

/// The Vietnamese label of a period ("2024-H1" → "6 tháng đầu năm 2024").
pub fn period_label_vi(text: &str) -> Result<String> {
    Ok(Period::from_str(text)?.label_vi())
}

/// Reads directive text ([`thidua_core::parse::parse_directive`]): the draft, its diagnostics
/// (byte ranges into the UTF-8 text) and where each item is. Never fails.
pub fn parse_directive(text: &str) -> Result<String> {
    to_json(&core_parse_directive(text), "parse output")
}

/// Reads directive text and validates the draft into a directive
/// ([`thidua_core::parse::ParseOutput::into_directive`]).
pub fn parse_directive_strict(text: &str) -> Result<String> {
    to_json(&core_parse_directive(text).into_directive()?, "directive")
}

/// Reads and validates a scoring scheme; returns it normalized.
pub fn load_scheme(json: &str) -> Result<String> {
    to_json(&Scheme::from_json(json)?, "scoring scheme")
}

/// Validates a scoring scheme.
pub fn validate_scheme(json: &str) -> Result<()> {
    Scheme::from_json(json).map(|_| ())
}

fn score_report(input: &str) -> Result<ScoreReport> {
    score_json(input)
}

/// [`thidua_core::scoring::score_json`]: scorecards of every unit and stage, rankings per
/// cluster or bloc, bands and award proposals.
pub fn score(input: &str) -> Result<String> {
    to_json(&score_report(input)?, "score report")
}

/// The rankings of a score input: one per cluster or bloc (`ScoreReport::groups`).
pub fn rank(input: &str) -> Result<String> {
    to_json(&score_report(input)?.groups, "rankings")
}

/// The award proposals of a score input (`ScoreReport::awards`).
pub fn award(input: &str) -> Result<String> {
    to_json(&score_report(input)?.awards, "awards")
}

/// The score report as Vietnamese text ([`ScoreReport::render_vi`]) followed, when `cards`
/// is set, by every unit's scorecard ([`ScoreReport::render_scorecards_vi`]).
pub fn score_report_vi(input: &str, cards: bool) -> Result<String> {
    let r = score_report(input)?;
    let mut text = r.render_vi();
    if cards {
        text.push('\n');
        text.push_str(&r.render_scorecards_vi());
    }
    Ok(text)
}

/// The UTF-16 index (a JavaScript string index) of a UTF-8 byte offset into `text`, such as
/// the `start` and `end` of a parse diagnostic.
pub fn utf16_offset(text: &str, byte: usize) -> Result<usize> {
    text.get(..byte)
        .map(|s| s.encode_utf16().count())
        .ok_or_else(|| Error::InvalidInput {
            location: "byte offset".into(),
            reason: format!(
                "{byte} is not a character boundary of a text of {} bytes",
                text.len()
            ),
        })
}

/// The crate's error codes, in the core's stable order.
pub fn error_codes() -> &'static [&'static str] {
    Error::CODES
}

/// The version of this binding (the workspace version).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Formats a JS number exactly as its shortest round-trip decimal text, then reads it as a
/// decimal; `NaN` and infinities are refused.
pub fn decimal_from_f64(x: f64) -> Result<Decimal> {
    if !x.is_finite() {
        return Err(Error::InvalidNumber {
            input: x.to_string(),
            reason: "not a finite number".into(),
            location: Default::default(),
        });
    }
    // `{:?}` is Rust's shortest round-trip form, like JavaScript's `String(x)`; it switches to
    // exponent notation for very large or small magnitudes, which `plain_decimal` accepts.
    plain_decimal(&format!("{x:?}"))
}

/// Parses a period ("2024", "2024-H1") and returns its canonical form; used to check input early.
pub fn canonical_period(text: &str) -> Result<String> {
    Ok(Period::from_str(text)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DIRECTIVE: &str = r#"{"kind":"directive","number":"01/CT-UBND","issuer":{"name":"UBND tỉnh X"},
      "coverage":{"year":2024},"title":"t","items":[
      {"number":1,"text":"GRDP đạt từ 10% trở lên","targets":[{"id":"1","name":"GRDP",
        "spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
      {"number":2,"text":"Thu ngân sách","targets":[{"id":"2","name":"Thu ngân sách",
        "spec":{"kind":"amount","comparator":"at_least",
          "value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]}]}"#;

    #[test]
    fn evaluate_round_trips_through_json() {
        let out = evaluate(
            DIRECTIVE,
            r#"[{"unit":"X","target":"1","period":"2024","value":"10.5"}]"#,
            None,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["units"][0]["targets"][0]["status"], "exceeded");
        assert_eq!(v["units"][0]["targets"][0]["ratio"], "105.00");
        assert_eq!(v["units"][0]["targets"][1]["status"], "no_data");
        assert_eq!(
            v["units"][0]["summary"]["headline_vi"],
            "đạt và vượt 1/2 chỉ tiêu (vượt 1, đạt 0, không đạt 0, chưa có số liệu 1)"
        );
        let s: serde_json::Value = serde_json::from_str(
            &summaries(
                DIRECTIVE,
                r#"[{"unit":"X","target":"1","period":"2024","value":"10"}]"#,
                Some(r#"{"headline_basis":"targets"}"#),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(s[0]["unit"], "X");
        assert_eq!(s[0]["period"], "2024");
        assert_eq!(s[0]["summary"]["met"], 1);
        assert_eq!(s[0]["summary"]["basis"], "targets");
    }

    #[test]
    fn errors_keep_their_core_codes() {
        let e = evaluate(
            DIRECTIVE,
            r#"[{"unit":"X","target":"99","period":"2024","value":"1"}]"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.code(), "unknown_target");
        assert_eq!(load_directive("{").unwrap_err().code(), "json");
        assert_eq!(
            evaluate(DIRECTIVE, "[]", Some(r#"{"ratio_digits": 11}"#))
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        assert_eq!(
            evaluate(DIRECTIVE, "[]", Some(r#"{"nope": 1}"#))
                .unwrap_err()
                .code(),
            "json"
        );
        assert_eq!(parse_vn_number("3.5").unwrap_err().code(), "invalid_number");
        assert_eq!(
            format_vn_number("1", Some(29)).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            summarize_statuses(r#"["met"]"#, Some("units"))
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_vn_number("3.500").unwrap(), "3500");
        assert_eq!(parse_vn_number("94,15").unwrap(), "94.15");
        assert_eq!(
            format_vn_number("1234567.89", None).unwrap(),
            "1.234.567,89"
        );
        assert_eq!(format_vn_number("105.125", Some(2)).unwrap(), "105,13");
        assert_eq!(format_vn_number("1e3", None).unwrap(), "1.000");
        assert_eq!(decimal_from_f64(39.6).unwrap().to_string(), "39.6");
        assert_eq!(
            decimal_from_f64(1e21).unwrap().to_string(),
            "1000000000000000000000"
        );
        assert_eq!(
            decimal_from_f64(f64::NAN).unwrap_err().code(),
            "invalid_number"
        );
        assert_eq!(
            decimal_from_f64(1e300).unwrap_err().code(),
            "invalid_number"
        );
        assert_eq!(canonical_period("2024-H1").unwrap(), "2024-H1");
    }

    #[test]
    fn labels_and_codes() {
        let v: serde_json::Value = serde_json::from_str(&status_labels()).unwrap();
        assert_eq!(v["not_met"]["vi"], "không đạt");
        assert_eq!(v["no_data"]["vi"], "chưa có số liệu");
        assert!(error_codes().contains(&"unknown_target"));
        let s: serde_json::Value = serde_json::from_str(
            &summarize_statuses(r#"["exceeded","met","not_met"]"#, None).unwrap(),
        )
        .unwrap();
        assert_eq!(
            s["headline_vi"],
            "đạt và vượt 2/3 chỉ tiêu (vượt 1, đạt 1, không đạt 1)"
        );
    }

    const SCORE_INPUT: &str = r#"{
      "scheme": {"name": "Ví dụ", "scale": "10",
        "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero",
        "sections": [{"id": "A", "name": "Kinh tế", "criteria": [
          {"id": "A1", "name": "GRDP", "max": "10", "targets": ["1"],
           "rule": {"kind": "proportional", "full_at": "100"}}]}],
        "classification": {"basis": "total", "bands": [
          {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "good", "min_total": "9"},
          {"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed"}]}},
      "directive": {"kind": "directive", "issuer": {"name": "UBND tỉnh X"}, "coverage": {"year": 2024},
        "title": "t", "items": [{"number": 1, "text": "GRDP", "targets": [{"id": "1", "name": "GRDP",
          "spec": {"kind": "growth_rate", "comparator": "at_least", "value": "10"}}]}]},
      "roster": [{"unit": "Huyện A", "group": "Cụm 1", "kind": "cluster"},
                 {"unit": "Huyện B", "group": "Cụm 1", "kind": "cluster"}],
      "stages": [{"stage": "board_appraisal", "results": [
        {"unit": "Huyện A", "target": "1", "period": "2024", "value": "9.52"},
        {"unit": "Huyện B", "target": "1", "period": "2024", "value": "10.5"}]}]
    }"#;

    #[test]
    fn scoring_and_ranking() {
        let r: serde_json::Value = serde_json::from_str(&score(SCORE_INPUT).unwrap()).unwrap();
        assert_eq!(r["groups"][0]["ranking"][0]["unit"], "Huyện B");
        let g: serde_json::Value = serde_json::from_str(&rank(SCORE_INPUT).unwrap()).unwrap();
        assert_eq!(g, r["groups"]);
        let a: serde_json::Value = serde_json::from_str(&award(SCORE_INPUT).unwrap()).unwrap();
        assert_eq!(a, r["awards"]);
        let text = score_report_vi(SCORE_INPUT, true).unwrap();
        assert!(text.contains("Cụm 1") && text.contains("Huyện A"), "{text}");
        assert_eq!(score("{}").unwrap_err().code(), "json");
        assert_eq!(load_scheme("[]").unwrap_err().code(), "json");
    }

    #[test]
    fn parsing_text() {
        let text =
            "Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động \
            phong trào thi đua năm 2025.\nCác chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt \
            từ 8% trở lên; (2) Thu nhập bình quân đầu người trên 75 triệu đồng.";
        let v: serde_json::Value = serde_json::from_str(&parse_directive(text).unwrap()).unwrap();
        assert_eq!(v["directive"]["number"], "05/CT-UBND");
        assert_eq!(v["directive"]["items"].as_array().unwrap().len(), 2);
        let d = parse_directive_strict(text).unwrap();
        assert!(load_directive(&d).is_ok());
        assert_eq!(
            parse_directive_strict("(1) Tỷ lệ che phủ rừng đạt 150%")
                .unwrap_err()
                .code(),
            "invalid_directive"
        );
        assert_eq!(period_label_vi("2024-H1").unwrap(), "6 tháng đầu năm 2024");
        assert_eq!(format_vn_fixed_number("9.52", 3).unwrap(), "9,520");
        assert_eq!(utf16_offset("Lâm Hà 😀x", 0).unwrap(), 0);
        assert_eq!(utf16_offset("Lâm Hà 😀x", 4).unwrap(), 3);
        assert_eq!(utf16_offset("Lâm Hà 😀x", 13).unwrap(), 9);
        assert_eq!(
            utf16_offset("Lâm Hà 😀x", 2).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(utf16_offset("ab", 3).unwrap_err().code(), "invalid_input");
    }

    proptest! {
        // Nothing reachable from JavaScript may panic (a panic is a trap in the .wasm).
        #[test]
        fn garbage_never_panics(a in "\\PC{0,60}", b in "\\PC{0,60}", x in any::<f64>(), n in any::<u32>()) {
            let _ = load_directive(&a);
            let _ = load_results(&b);
            let _ = evaluate(&a, &b, Some(&a));
            let _ = evaluate(DIRECTIVE, &b, None);
            let _ = parse_vn_number(&a);
            let _ = format_vn_number(&a, Some(n));
            let _ = decimal_from_f64(x);
            let _ = summarize_statuses(&a, Some(&b));
            let _ = canonical_period(&a);
            let _ = period_label_vi(&a);
            let _ = parse_directive(&a);
            let _ = parse_directive_strict(&b);
            let _ = load_scheme(&a);
            let _ = score(&b);
            let _ = score_report_vi(&a, true);
            let _ = format_vn_fixed_number(&a, n);
            let _ = utf16_offset(&a, n as usize);
        }

        #[test]
        fn any_result_value_is_evaluated_or_refused(v in "-?[0-9]{1,30}(\\.[0-9]{1,30})?", b in "-?[0-9]{1,30}", period in "[0-9]{4}(-H[0-3]|-Q[0-5]|-[0-9]{1,2}M)?") {
            for t in ["1", "2"] {
                let rs = format!(r#"[{{"unit":"X","target":"{t}","period":"{period}","value":"{v}","baseline":"{b}"}}]"#);
                let _ = evaluate(DIRECTIVE, &rs, None);
                let rs = format!(r#"[{{"unit":"X","target":"{t}","period":"{period}","value":{v},"scale":"thousand"}}]"#);
                let _ = evaluate(DIRECTIVE, &rs, Some(r#"{"ratio_digits":10,"ceiling_ratio":"complement"}"#));
            }
        }
    }
}
