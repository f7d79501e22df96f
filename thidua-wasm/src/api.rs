//! The binding's operations as plain Rust on JSON text: JSON in, JSON out, [`Failure`] on error.
//!
//! Everything here is conversion only; every rule lives in `thidua-core`. Keeping this layer free
//! of `wasm-bindgen` types lets it be tested (and fuzzed) natively; `lib.rs` only moves strings
//! between JavaScript and these functions, and the package's `api.js` turns JavaScript values
//! into JSON text and errors into `ThiduaError`s.
//!
//! Two limits belong to the binding because they come from JavaScript itself, not from the
//! domain: [`MAX_INPUT_BYTES`] (checked before anything is read) and [`MAX_OUTPUT_BYTES`]
//! (checked while the output is written, so that an output too large for a JavaScript string
//! is a typed error and never an allocation failure, which would trap the WebAssembly module).

use std::io;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;
use thidua_core::number::{format_vn, format_vn_fixed, format_vn_rounded, parse_vn};
use thidua_core::parse::{parse_directive as core_parse_directive, ParseOutput};
use thidua_core::scoring::{score_json, Scheme, ScoreReport};
use thidua_core::{
    evaluate as core_evaluate, Directive, Error, Evaluation, EvaluationOptions, Period, ResultSet,
    Status, Summary, UnitEvaluation,
};

/// The largest document (JSON text or directive text) the binding reads, in UTF-8 bytes
/// (64 MiB, about 600,000 result rows). Larger inputs are refused with `input_too_large`
/// before they are parsed.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// The largest output the binding writes, in UTF-8 bytes (256 MiB). JavaScript engines cap a
/// string at 2²⁹ − 24 UTF-16 units (V8) and parsing a JSON text of that size needs several
/// times as much heap; beyond this an `output_too_large` error asks for a smaller piece
/// (`evaluation.summaries()`, one unit with `evaluation.unit(…)`, or fewer results per call).
pub const MAX_OUTPUT_BYTES: usize = 256 << 20;

/// The most (unit, period) × target evaluations one call computes (2 million). A WebAssembly
/// module has at most 4 GiB of memory, and an evaluation takes about 0.5 kB per cell (two
/// explanation sentences each): 3,000 targets × 3,000 units exhausted it and trapped. The rule
/// is the core's ([`thidua_core::limits::Limit::Cells`], checked on every path — `evaluate`,
/// the handles, `score` — while the rows are grouped, before anything is evaluated): above it,
/// a `limit_exceeded` error whose `loc` names the first row beyond it.
pub const MAX_CELLS: usize = thidua_core::limits::MAX_CELLS;

/// The error codes of the binding itself, after the core's [`Error::CODES`].
pub const BINDING_CODES: &[&str] = &["input_too_large", "output_too_large"];

/// Why a call failed: a core error, or one of the binding's two limits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// An error of the core, with its stable code.
    Core(Error),
    /// The input is larger than [`MAX_INPUT_BYTES`].
    InputTooLarge {
        /// What was being read.
        what: String,
        /// Its size in UTF-8 bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The output would be larger than [`MAX_OUTPUT_BYTES`].
    OutputTooLarge {
        /// What was being written.
        what: String,
        /// The limit.
        limit: usize,
    },
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    /// The stable code (`err.code` in JavaScript).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.code(),
            Failure::InputTooLarge { .. } => "input_too_large",
            Failure::OutputTooLarge { .. } => "output_too_large",
        }
    }

    /// The message (`err.message`).
    pub fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::InputTooLarge { what, bytes, limit } => format!(
                "{what} too large: {bytes} bytes, at most {limit} bytes are read in one call; split it"
            ),
            Failure::OutputTooLarge { what, limit } => format!(
                "{what} too large for a JavaScript string: more than {limit} bytes; ask for a smaller \
                 piece (summaries, one unit) or evaluate fewer units per call"
            ),
        }
    }

    /// The error as one JSON object: `{"code", "message", "data": {…the fields…}}`; `data`
    /// is [`Error::to_json_value`] for core errors (it repeats the code, as it always has).
    pub fn to_json(&self) -> String {
        let data = match self {
            Failure::Core(e) => e.to_json_value(),
            Failure::InputTooLarge { what, bytes, limit } => serde_json::json!({
                "code": self.code(), "what": what, "bytes": bytes, "limit": limit,
            }),
            Failure::OutputTooLarge { what, limit } => serde_json::json!({
                "code": self.code(), "what": what, "limit": limit,
            }),
        };
        serde_json::json!({ "code": self.code(), "message": self.message(), "data": data })
            .to_string()
    }
}

/// Result of the binding's operations.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// A writer that refuses to grow past `limit` bytes.
struct Capped {
    buf: Vec<u8>,
    limit: usize,
    hit: bool,
}

impl io::Write for Capped {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        if self.buf.len() + b.len() > self.limit {
            self.hit = true;
            return Err(io::Error::other("output limit"));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Serializes a value the core produced, at most [`MAX_OUTPUT_BYTES`].
pub fn to_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String> {
    to_json_capped(value, what, MAX_OUTPUT_BYTES)
}

fn to_json_capped<T: Serialize + ?Sized>(value: &T, what: &str, limit: usize) -> Result<String> {
    let mut w = Capped {
        buf: Vec::new(),
        limit,
        hit: false,
    };
    match serde_json::to_writer(&mut w, value) {
        Ok(()) => String::from_utf8(w.buf).map_err(|e| {
            Failure::Core(Error::Json {
                what: what.to_string(),
                message: e.to_string(),
                location: Default::default(),
            })
        }),
        Err(_) if w.hit => Err(Failure::OutputTooLarge {
            what: what.to_string(),
            limit,
        }),
        Err(e) => Err(Failure::Core(Error::Json {
            what: what.to_string(),
            message: e.to_string(),
            location: Default::default(),
        })),
    }
}

/// A text output (scorecards, reports), at most [`MAX_OUTPUT_BYTES`].
fn text_out(text: String, what: &str) -> Result<String> {
    if text.len() > MAX_OUTPUT_BYTES {
        return Err(Failure::OutputTooLarge {
            what: what.to_string(),
            limit: MAX_OUTPUT_BYTES,
        });
    }
    Ok(text)
}

/// Refuses an input larger than [`MAX_INPUT_BYTES`].
pub fn check_input<'a>(text: &'a str, what: &str) -> Result<&'a str> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Failure::InputTooLarge {
            what: what.to_string(),
            bytes: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(text)
}

/// The limits of the binding as JSON: `{"max_input_bytes", "max_output_bytes"}`.
pub fn limits() -> String {
    serde_json::json!({
        "max_input_bytes": MAX_INPUT_BYTES,
        "max_output_bytes": MAX_OUTPUT_BYTES,
        "max_cells": MAX_CELLS,
        "max_depth": thidua_core::limits::MAX_NESTING_DEPTH,
    })
    .to_string()
}

/// Reads and validates a directive.
pub fn directive(json: &str) -> Result<Directive> {
    Ok(Directive::from_json(check_input(json, "directive")?)?)
}

/// Reads a result set (`{"entries": [...]}` or a bare array).
pub fn results(json: &str) -> Result<ResultSet> {
    Ok(ResultSet::from_json(check_input(json, "result set")?)?)
}

/// Reads evaluation options (`None` = the documented defaults).
pub fn options(json: Option<&str>) -> Result<EvaluationOptions> {
    match json {
        None => Ok(EvaluationOptions::default()),
        Some(j) => Ok(EvaluationOptions::from_json(check_input(
            j,
            "evaluation options",
        )?)?),
    }
}

/// Reads and validates a directive; returns it normalized (the core's own serialization).
pub fn load_directive(json: &str) -> Result<String> {
    to_json(&directive(json)?, "directive")
}

/// Validates a directive without returning it.
pub fn validate_directive(json: &str) -> Result<()> {
    directive(json).map(|_| ())
}

/// Reads a result set; returns it normalized.
pub fn load_results(json: &str) -> Result<String> {
    to_json(&results(json)?, "result set")
}

/// Evaluates results (JSON text) against a parsed directive.
pub fn evaluate_with(d: &Directive, results_json: &str, opts: Option<&str>) -> Result<Evaluation> {
    let r = results(results_json)?;
    let o = options(opts)?;
    Ok(core_evaluate(d, &r, &o)?)
}

fn run(directive_json: &str, results_json: &str, opts: Option<&str>) -> Result<Evaluation> {
    evaluate_with(&directive(directive_json)?, results_json, opts)
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

/// The summaries of an evaluation, as JSON.
pub fn summaries_of(e: &Evaluation) -> Result<String> {
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

/// The rows of an evaluation ([`Evaluation::rows`]), as JSON.
pub fn rows_of(e: &Evaluation) -> Result<String> {
    // Written row by row from borrowed parts (no clone of every target evaluation).
    #[derive(Serialize)]
    struct Row<'a> {
        unit: &'a str,
        period: Period,
        #[serde(flatten)]
        evaluation: &'a thidua_core::TargetEvaluation,
    }
    struct Rows<'a>(&'a Evaluation);
    impl Serialize for Rows<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.collect_seq(self.0.units.iter().flat_map(|u| {
                u.targets.iter().map(move |t| Row {
                    unit: &u.unit,
                    period: u.period,
                    evaluation: t,
                })
            }))
        }
    }
    to_json(&Rows(e), "rows")
}

/// The Vietnamese scorecards of an evaluation, one text per (unit, period), as JSON.
pub fn scorecards_of(e: &Evaluation) -> Result<String> {
    let mut total = 0usize;
    let mut v = Vec::with_capacity(e.units.len());
    for u in &e.units {
        let card = u.scorecard_vi();
        total += card.len();
        if total > MAX_OUTPUT_BYTES {
            return Err(Failure::OutputTooLarge {
                what: "scorecards".into(),
                limit: MAX_OUTPUT_BYTES,
            });
        }
        v.push(card);
    }
    to_json(&v, "scorecards")
}

/// The evaluation of one unit and period (the only one of the unit when `period` is `None`
/// and the unit has a single period); `Ok(None)` when there is none.
pub fn unit_of<'a>(
    e: &'a Evaluation,
    unit: &str,
    period: Option<&str>,
) -> Result<Option<&'a UnitEvaluation>> {
    match period {
        Some(p) => {
            let p = Period::from_str(p).map_err(Failure::Core)?;
            Ok(e.unit(unit, p))
        }
        None => {
            let mut it = e.units.iter().filter(|u| u.unit == unit);
            let first = it.next();
            if first.is_some() && it.next().is_some() {
                return Err(Failure::Core(Error::InvalidInput {
                    location: "period".into(),
                    reason: format!("unit {unit:?} has several periods: name one"),
                }));
            }
            Ok(first)
        }
    }
}

/// Summaries of every unit and period.
pub fn summaries(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    summaries_of(&run(directive, results, opts)?)
}

/// One flat row per unit × period × target, for tables.
pub fn rows(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    rows_of(&run(directive, results, opts)?)
}

/// [`thidua_core::UnitEvaluation::scorecard_vi`] of every unit and period, as a list of texts.
pub fn scorecards_vi(directive: &str, results: &str, opts: Option<&str>) -> Result<String> {
    scorecards_of(&run(directive, results, opts)?)
}

/// The headline of a list of statuses ([`Summary::from_statuses`]); `basis` is `"items"` or
/// `"targets"` (what the count is of), default `"items"`.
pub fn summarize_statuses(statuses: &str, basis: Option<&str>) -> Result<String> {
    let st: Vec<Status> =
        serde_json::from_str(check_input(statuses, "statuses")?).map_err(|e| Error::Json {
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
    // The core's one list of statuses (`basically_met` included), in its order.
    let mut m = serde_json::Map::new();
    for s in Status::ALL {
        m.insert(
            s.as_str().to_string(),
            serde_json::json!({ "vi": s.label_vi(), "en": s.label_en() }),
        );
    }
    serde_json::Value::Object(m).to_string()
}

/// Reads a Vietnamese number ("3.500", "39,6") and returns the exact decimal as a plain string
/// ("3500", "39.6").
pub fn parse_vn_number(text: &str) -> Result<String> {
    Ok(parse_vn(check_input(text, "number")?)?.to_string())
}

/// Reads a plain decimal string ("3500", "-39.60", "1e3") exactly: the core's one rule
/// ([`thidua_core::decimal::parse`]; more than 28 significant digits is an error).
pub fn plain_decimal(text: &str) -> Result<Decimal> {
    Ok(thidua_core::decimal::parse(text)?)
}

/// A decimal as its plain string, read exactly ([`plain_decimal`]).
pub fn to_decimal_exact(text: &str) -> Result<String> {
    Ok(plain_decimal(text)?.to_string())
}

fn check_digits(digits: u32) -> Result<u32> {
    if digits > 28 {
        return Err(Error::InvalidInput {
            location: "digits".into(),
            reason: format!("at most 28 decimals, found {digits}"),
        }
        .into());
    }
    Ok(digits)
}

/// Writes a decimal the Vietnamese way ("3500" → "3.500"). With `digits`, rounds half away from
/// zero to that many decimals and drops trailing zeros ([`format_vn_rounded`]); without, keeps
/// the decimal's own scale ([`format_vn`]).
pub fn format_vn_number(value: &str, digits: Option<u32>) -> Result<String> {
    let d = plain_decimal(value)?;
    match digits {
        None => Ok(format_vn(d)),
        Some(n) => Ok(format_vn_rounded(d, check_digits(n)?)),
    }
}

/// Writes a decimal rounded to exactly `digits` decimals, keeping trailing zeros
/// ([`format_vn_fixed`]: `"9.52"`, 3 → `"9,520"`), the way published scores are printed.
pub fn format_vn_fixed_number(value: &str, digits: u32) -> Result<String> {
    let d = plain_decimal(value)?;
    Ok(format_vn_fixed(d, check_digits(digits)?))
}

/// The Vietnamese label of a period ("2024-H1" → "6 tháng đầu năm 2024").
pub fn period_label_vi(text: &str) -> Result<String> {
    Ok(Period::from_str(check_input(text, "period")?)?.label_vi())
}

/// Converts every offset of a parse output from UTF-8 bytes to UTF-16 units (JavaScript string
/// indices), in one pass over the text.
fn parse_output_to_utf16(text: &str, out: &mut ParseOutput) -> Result<()> {
    let mut offsets: Vec<&mut usize> = Vec::new();
    for d in &mut out.diagnostics {
        offsets.push(&mut d.start);
        offsets.push(&mut d.end);
    }
    for s in &mut out.item_spans {
        offsets.push(&mut s.start);
        offsets.push(&mut s.end);
    }
    let mut bytes: Vec<usize> = offsets.iter().map(|o| **o).collect();
    utf16_offsets_in_place(text, &mut bytes)?;
    for (o, v) in offsets.into_iter().zip(bytes) {
        *o = v;
    }
    Ok(())
}

/// Reads directive text ([`thidua_core::parse::parse_directive`]): the draft, its diagnostics
/// and where each item is. Offsets are UTF-8 byte offsets, or UTF-16 indices when `utf16`.
pub fn parse_directive(text: &str, utf16: bool) -> Result<String> {
    let text = check_input(text, "text")?;
    let mut out = core_parse_directive(text);
    if utf16 {
        parse_output_to_utf16(text, &mut out)?;
    }
    to_json(&out, "parse output")
}

/// Reads directive text and validates the draft into a directive
/// ([`thidua_core::parse::ParseOutput::into_directive`]).
pub fn parse_directive_strict(text: &str) -> Result<String> {
    let d = core_parse_directive(check_input(text, "text")?).into_directive()?;
    to_json(&d, "directive")
}

/// Reads and validates a scoring scheme; returns it normalized.
pub fn load_scheme(json: &str) -> Result<String> {
    to_json(
        &Scheme::from_json(check_input(json, "scoring scheme")?)?,
        "scoring scheme",
    )
}

/// Validates a scoring scheme.
pub fn validate_scheme(json: &str) -> Result<()> {
    Scheme::from_json(check_input(json, "scoring scheme")?).map_err(Failure::Core)?;
    Ok(())
}

/// Scores a score input ([`thidua_core::scoring::score_json`]).
pub fn score_report(input: &str) -> Result<ScoreReport> {
    Ok(score_json(check_input(input, "score input")?)?)
}

/// The whole score report as JSON.
pub fn score_report_json(r: &ScoreReport) -> Result<String> {
    to_json(r, "score report")
}

/// Scorecards of every unit and stage, rankings per cluster or bloc, bands and award
/// proposals.
pub fn score(input: &str) -> Result<String> {
    score_report_json(&score_report(input)?)
}

/// The rankings of a score report (`ScoreReport::groups`).
pub fn groups_of(r: &ScoreReport) -> Result<String> {
    to_json(&r.groups, "rankings")
}

/// The award proposals of a score report (`ScoreReport::awards`).
pub fn awards_of(r: &ScoreReport) -> Result<String> {
    to_json(&r.awards, "awards")
}

/// The rankings of a score input: one per cluster or bloc.
pub fn rank(input: &str) -> Result<String> {
    groups_of(&score_report(input)?)
}

/// The award proposals of a score input.
pub fn award(input: &str) -> Result<String> {
    awards_of(&score_report(input)?)
}

/// The score report as Vietnamese text ([`ScoreReport::render_vi`]) followed, when `cards`
/// is set, by every unit's scorecard ([`ScoreReport::render_scorecards_vi`]).
pub fn render_report_vi(r: &ScoreReport, cards: bool) -> Result<String> {
    let mut text = r.render_vi();
    if cards {
        text.push('\n');
        text.push_str(&r.render_scorecards_vi());
    }
    text_out(text, "score report text")
}

/// Every unit's scorecard as Vietnamese text ([`ScoreReport::render_scorecards_vi`]).
pub fn render_scorecards_vi(r: &ScoreReport) -> Result<String> {
    text_out(r.render_scorecards_vi(), "scorecards text")
}

/// [`render_report_vi`] of a score input.
pub fn score_report_vi(input: &str, cards: bool) -> Result<String> {
    render_report_vi(&score_report(input)?, cards)
}

/// The award pipeline ([`thidua_core::award::decide_json`]): eligibility, votes, quotas, money
/// and decisions, as the `AwardReport` JSON.
pub fn decide_awards(input: &str) -> Result<String> {
    let r = thidua_core::award::decide_json(check_input(input, "award input")?)?;
    to_json(&r, "award report")
}

/// Eligibility only ([`thidua_core::award::check_json`]), as the `EligibilityReport` JSON.
pub fn check_awards(input: &str) -> Result<String> {
    let r = thidua_core::award::check_json(check_input(input, "award input")?)?;
    to_json(&r, "eligibility report")
}

/// The UTF-16 index (a JavaScript string index) of a UTF-8 byte offset into `text`, such as
/// the `start` and `end` of a parse diagnostic. For many offsets use [`utf16_offsets`]: this
/// one walks the text from its start each time.
pub fn utf16_offset(text: &str, byte: usize) -> Result<usize> {
    let mut one = [byte];
    utf16_offsets_in_place(text, &mut one)?;
    Ok(one[0])
}

/// The UTF-16 indices of many UTF-8 byte offsets into `text`, in any order, in one pass over
/// the text (O(text + n log n)). Refuses an offset that is not a character boundary.
pub fn utf16_offsets(text: &str, bytes: &[usize]) -> Result<Vec<usize>> {
    let mut v = bytes.to_vec();
    utf16_offsets_in_place(text, &mut v)?;
    Ok(v)
}

fn utf16_offsets_in_place(text: &str, offsets: &mut [usize]) -> Result<()> {
    let bad = |byte: usize| {
        Failure::Core(Error::InvalidInput {
            location: "byte offset".into(),
            reason: format!(
                "{byte} is not a character boundary of a text of {} bytes",
                text.len()
            ),
        })
    };
    // Visit the offsets in increasing order while walking the text once.
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut pos = 0usize; // byte position reached
    let mut units = 0usize; // UTF-16 units before `pos`
    for i in order {
        let target = offsets[i];
        if !text.is_char_boundary(target) {
            return Err(bad(target));
        }
        // `target` is a boundary ≥ pos, so the slice is valid.
        units += text[pos..target]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        pos = target;
        offsets[i] = units;
    }
    Ok(())
}

/// The error codes the package can throw: the core's, in its stable order, then the binding's
/// own ([`BINDING_CODES`]).
pub fn error_codes() -> Vec<&'static str> {
    Error::CODES
        .iter()
        .chain(BINDING_CODES.iter())
        .copied()
        .collect()
}

/// The version of this binding (the workspace version).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A JavaScript number as a decimal by the core's one rule for binary floating point
/// ([`thidua_core::decimal::from_f64`]: its shortest round-trip text); `NaN` and infinities are
/// refused.
pub fn decimal_from_f64(x: f64) -> Result<Decimal> {
    Ok(thidua_core::decimal::from_f64(x)?)
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
        let v: serde_json::Value =
            serde_json::from_str(&parse_directive(text, false).unwrap()).unwrap();
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

    #[test]
    fn limits_and_failures() {
        assert_eq!(
            to_json_capped(&vec!["x"; 100], "rows", 50).unwrap_err(),
            Failure::OutputTooLarge {
                what: "rows".into(),
                limit: 50
            }
        );
        assert_eq!(to_json_capped(&[1, 2], "rows", 50).unwrap(), "[1,2]");
        let f = Failure::OutputTooLarge {
            what: "evaluation".into(),
            limit: 50,
        };
        let v: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
        assert_eq!(v["code"], "output_too_large");
        assert_eq!(v["data"]["limit"], 50);
        assert!(v["message"].as_str().unwrap().contains("JavaScript string"));
        let big = "x".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(load_directive(&big).unwrap_err().code(), "input_too_large");
        assert_eq!(
            parse_directive(&big, true).unwrap_err().code(),
            "input_too_large"
        );
        let core: serde_json::Value =
            serde_json::from_str(&load_directive("{").unwrap_err().to_json()).unwrap();
        assert_eq!(core["code"], "json");
        assert_eq!(core["data"]["code"], "json");
        for c in BINDING_CODES {
            assert!(error_codes().contains(c));
        }
        assert_eq!(
            error_codes().len(),
            Error::CODES.len() + BINDING_CODES.len()
        );
        assert_eq!(
            plain_decimal(&"9".repeat(200)).unwrap_err().code(),
            "invalid_number"
        );
    }

    #[test]
    fn handles_read_parts_once() {
        let d = directive(DIRECTIVE).unwrap();
        let e = evaluate_with(
            &d,
            r#"[{"unit":"X","target":"1","period":"2024","value":"10.5"},
                {"unit":"X","target":"1","period":"2024-H1","value":"4"}]"#,
            None,
        )
        .unwrap();
        let rows: serde_json::Value = serde_json::from_str(&rows_of(&e).unwrap()).unwrap();
        let core: serde_json::Value = serde_json::to_value(e.rows().collect::<Vec<_>>()).unwrap();
        assert_eq!(
            rows, core,
            "rows written from borrowed parts equal Evaluation::rows"
        );
        assert_eq!(
            unit_of(&e, "X", Some("2024"))
                .unwrap()
                .unwrap()
                .period
                .to_string(),
            "2024"
        );
        assert_eq!(unit_of(&e, "X", None).unwrap_err().code(), "invalid_input");
        assert!(unit_of(&e, "Y", None).unwrap().is_none());
        assert_eq!(
            unit_of(&e, "X", Some("20x")).unwrap_err().code(),
            "invalid_period"
        );
        let s: serde_json::Value = serde_json::from_str(&summaries_of(&e).unwrap()).unwrap();
        assert_eq!(s.as_array().unwrap().len(), 2);
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
            let _ = parse_directive(&a, n % 2 == 0);
            let _ = parse_directive_strict(&b);
            let _ = load_scheme(&a);
            let _ = score(&b);
            let _ = score_report_vi(&a, true);
            let _ = format_vn_fixed_number(&a, n);
            let _ = utf16_offset(&a, n as usize);
        }

        #[test]
        fn utf16_offsets_match_the_slow_way(text in "\\PC{0,80}", picks in proptest::collection::vec(any::<usize>(), 0..20)) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let offs: Vec<usize> = picks.iter().map(|p| bounds[p % bounds.len()]).collect();
            let fast = utf16_offsets(&text, &offs).unwrap();
            for (b, u) in offs.iter().zip(fast) {
                prop_assert_eq!(u, text[..*b].encode_utf16().count());
            }
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
