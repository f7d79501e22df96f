//! The columnar scoring entry: a scheme compiled once against a compiled directive
//! ([`thidua_core::scoring::CompiledScheme`]), then each evaluated batch scored, classified and
//! ranked, the answers handed back as columns. Conversion only: every rule is in the core;
//! `js/batch.js` is the public JavaScript side (`compileScheme`, `scoreColumns`).
//!
//! As for the batch evaluation, nothing here builds a JSON document per unit: decimals come
//! back as one text of comma-separated exact decimals (an empty field is a missing value),
//! bands as one index a unit, a unit's scorecard (with its reasons) only when asked.

use std::fmt::{Display, Write as _};

use thidua_core::engine::{BatchEvaluation, CompiledDirective};
use thidua_core::scoring::{BatchScores, CompiledScheme, RosterEntry, Scheme, StageInput};
use thidua_core::Period;
use wasm_bindgen::prelude::*;

use crate::api::{check_input, to_json, Failure, Result, MAX_OUTPUT_BYTES};
use crate::batch::{RawBatch, RawCompiled};
use crate::{js, JsResult};

/// Compiles a scoring scheme (JSON) for the batches of `directive`.
pub fn compile(scheme: &str, directive: &CompiledDirective) -> Result<CompiledScheme> {
    let s = Scheme::from_json(check_input(scheme, "scoring scheme")?)?;
    Ok(CompiledScheme::new(&s, directive)?)
}

/// What a scheme (JSON) needs that the compiled path does not cover, as a JSON array of
/// `{"location", "reason"}` (empty: it compiles).
pub fn uncovered(scheme: &str) -> Result<String> {
    let s = Scheme::from_json(check_input(scheme, "scoring scheme")?)?;
    let list: Vec<serde_json::Value> = CompiledScheme::uncovered(&s)
        .iter()
        .map(|u| serde_json::json!({"location": u.location(), "reason": u.reason()}))
        .collect();
    to_json(&list, "uncovered")
}

/// A JSON argument read as the core's `T`, its errors located under `field`.
fn json_arg<T: serde::de::DeserializeOwned>(text: &str, field: &'static str) -> Result<T> {
    thidua_core::json::from_str(check_input(text, field)?, field)
        .map_err(|e| Failure::from(e.in_field(field)))
}

/// Scores `batch` for `roster` (JSON array of `{unit, group, kind}`), with one stage's
/// council points, bonuses and penalties (JSON, optional) and the period (required when the
/// batch holds several).
pub fn score(
    cs: &CompiledScheme,
    batch: &BatchEvaluation,
    roster: &str,
    stage: Option<&str>,
    period: Option<&str>,
) -> Result<BatchScores> {
    let roster: Vec<RosterEntry> = json_arg(roster, "roster")?;
    let stage: Option<StageInput> = stage.map(|s| json_arg(s, "stage")).transpose()?;
    let period = period
        .map(|p| p.parse::<Period>())
        .transpose()
        .map_err(Failure::from)?;
    Ok(cs.score_stage(batch, &roster, stage.as_ref(), period)?)
}

/// Exact decimals separated by commas (an empty field: missing), refused beyond
/// [`MAX_OUTPUT_BYTES`].
pub fn decimal_list<D: Display>(
    values: impl Iterator<Item = Option<D>>,
    what: &str,
) -> Result<String> {
    let mut s = String::new();
    for (i, v) in values.enumerate() {
        if i > 0 {
            s.push(',');
        }
        if let Some(v) = v {
            let _ = write!(s, "{v}");
        }
        if s.len() > MAX_OUTPUT_BYTES {
            return Err(Failure::OutputTooLarge {
                what: what.to_string(),
                limit: MAX_OUTPUT_BYTES,
            });
        }
    }
    Ok(s)
}

/// A scoring scheme compiled for the batches of one compiled directive.
#[wasm_bindgen]
pub struct RawScheme {
    inner: CompiledScheme,
}

#[wasm_bindgen]
impl RawScheme {
    /// Compiles a scheme (JSON) for `directive`'s batches.
    pub fn compile(scheme: &str, directive: &RawCompiled) -> JsResult<RawScheme> {
        js(compile(scheme, &directive.inner)).map(|inner| RawScheme { inner })
    }

    /// What a scheme (JSON) needs that the compiled path does not cover (JSON array).
    pub fn uncovered(scheme: &str) -> JsResult {
        js(uncovered(scheme))
    }

    /// The criterion ids, in scheme order.
    #[wasm_bindgen(js_name = criterionIds)]
    pub fn criterion_ids(&self) -> Vec<String> {
        let s = self.inner.scheme();
        s.criteria().map(|(_, c)| c.id.clone()).collect()
    }

    /// The band ids, best first (what `RawScores.bands` indexes).
    #[wasm_bindgen(js_name = bandIds)]
    pub fn band_ids(&self) -> Vec<String> {
        let bands = &self.inner.scheme().classification.bands;
        bands.iter().map(|b| b.id.clone()).collect()
    }

    /// Scores, classifies and ranks one evaluated batch of this scheme's directive.
    pub fn score(
        &self,
        batch: &RawBatch,
        roster: &str,
        stage: Option<String>,
        period: Option<String>,
    ) -> JsResult<RawScores> {
        js(score(
            &self.inner,
            &batch.inner,
            roster,
            stage.as_deref(),
            period.as_deref(),
        ))
        .map(|inner| RawScores { inner })
    }

    /// Unit `unit`'s scorecard (`Scorecard` JSON, with every reason), built now from the
    /// batch it was scored on.
    pub fn scorecard(&self, batch: &RawBatch, scores: &RawScores, unit: usize) -> JsResult {
        let n = scores.inner.len();
        if unit >= n {
            return js(Err(thidua_core::Error::InvalidInput {
                location: "unit".into(),
                reason: format!("unit {unit} is out of range (there are {n})"),
            }
            .into()));
        }
        js(self
            .inner
            .scorecard(&batch.inner, &scores.inner, unit)
            .map_err(Failure::from)
            .and_then(|card| to_json(&card, "scorecard")))
    }
}

/// The scores of one batch: one entry per roster unit, in roster order.
#[wasm_bindgen]
pub struct RawScores {
    inner: BatchScores,
}

#[wasm_bindgen]
impl RawScores {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.inner.len()
    }
    /// Whether there are no units.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// The units, in roster order.
    pub fn units(&self) -> Vec<String> {
        self.inner.units().to_vec()
    }
    /// Each unit's cluster or bloc.
    pub fn groups(&self) -> Vec<String> {
        (0..self.inner.len())
            .map(|u| self.inner.group(u).0.to_string())
            .collect()
    }
    /// Each unit's group kind (`cluster` or `bloc`).
    pub fn kinds(&self) -> Vec<String> {
        (0..self.inner.len())
            .map(|u| match serde_json::to_value(self.inner.group(u).1) {
                Ok(serde_json::Value::String(s)) => s,
                _ => String::new(),
            })
            .collect()
    }
    /// The totals, comma-separated exact decimals (as the scorecards have them).
    pub fn totals(&self) -> JsResult {
        let s = &self.inner;
        js(decimal_list((0..s.len()).map(|u| s.total(u)), "totals"))
    }
    /// The criteria totals (before bonuses and penalties), comma-separated.
    #[wasm_bindgen(js_name = criteriaTotals)]
    pub fn criteria_totals(&self) -> JsResult {
        let s = &self.inner;
        js(decimal_list(
            (0..s.len()).map(|u| s.criteria_total(u)),
            "criteria totals",
        ))
    }
    /// Criterion `c`'s points of every unit, comma-separated (empty: left out).
    pub fn points(&self, c: usize) -> JsResult {
        let s = &self.inner;
        let n = s.criterion_ids().len();
        if c >= n {
            return js(Err(thidua_core::Error::InvalidInput {
                location: "criterion".into(),
                reason: format!("criterion {c} is out of range (there are {n})"),
            }
            .into()));
        }
        js(decimal_list((0..s.len()).map(|u| s.points(u, c)), "points"))
    }
    /// Each unit's band, as an index into the scheme's band ids (-1: not eligible).
    pub fn bands(&self) -> Vec<i32> {
        (0..self.inner.len())
            .map(|u| {
                self.inner
                    .band_index(u)
                    .and_then(|b| i32::try_from(b).ok())
                    .unwrap_or(-1)
            })
            .collect()
    }
    /// Each unit's rank inside its group (0: not ranked).
    pub fn ranks(&self) -> Vec<u32> {
        (0..self.inner.len())
            .map(|u| self.inner.rank(u).unwrap_or(0))
            .collect()
    }
    /// Whether each unit shares its rank (1) or not (0).
    pub fn tied(&self) -> Vec<u8> {
        (0..self.inner.len())
            .map(|u| u8::from(self.inner.tied(u)))
            .collect()
    }
    /// How many units the core scored with the row-wise scorecard (the kernels could not
    /// prove their numbers exact); their numbers are the same.
    #[wasm_bindgen(js_name = rowWiseUnits)]
    pub fn row_wise_units(&self) -> usize {
        self.inner.row_wise_units()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECTIVE: &str = include_str!("../../docs/examples/002_kon-tum-2024.json");
    const SCHEME: &str = include_str!("../../docs/examples/scheme-1000.json");

    fn batch(c: &CompiledDirective) -> BatchEvaluation {
        let rs = thidua_core::ResultSet::from_json(
            r#"[{"unit": "Xã A", "target": "1", "period": "2024", "value": "9.5"},
                {"unit": "Xã B", "target": "1", "period": "2024", "value": "11"}]"#,
        )
        .unwrap();
        c.evaluate(&rs).unwrap()
    }

    #[test]
    fn scores_equal_the_core_and_errors_are_located() {
        let c = crate::batch::compile(DIRECTIVE, None, None).unwrap();
        let cs = compile(SCHEME, &c).unwrap();
        let b = batch(&c);
        let roster = r#"[{"unit": "Xã A", "group": "Cụm 1", "kind": "cluster"},
            {"unit": "Xã B", "group": "Cụm 1", "kind": "cluster"}]"#;
        let s = score(&cs, &b, roster, None, None).unwrap();
        let want = cs
            .score(&b, &serde_json::from_str::<Vec<_>>(roster).unwrap())
            .unwrap();
        let totals = decimal_list((0..2).map(|u| s.total(u)), "t").unwrap();
        assert_eq!(
            totals,
            format!("{},{}", want.total(0).unwrap(), want.total(1).unwrap())
        );
        assert_eq!((s.rank(0), s.rank(1)), (Some(2), Some(1)));
        let bad = r#"[{"unit": "Xã A", "group": "Cụm 1", "kind": "town"}]"#;
        let e = score(&cs, &b, bad, None, None).unwrap_err();
        let Failure::Core(e) = e else {
            panic!("not a core error")
        };
        assert!(e.location().path().starts_with("roster[0]"), "{e}");
        let e = score(&cs, &b, roster, Some("{}"), None).unwrap_err();
        assert_eq!(e.code(), "json");
        assert_eq!(uncovered(SCHEME).unwrap(), "[]");
    }
}
