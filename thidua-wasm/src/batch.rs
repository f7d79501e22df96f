//! The batch entry: results as columns (typed arrays and dictionary-encoded text), evaluated
//! by the core's compiled engine ([`thidua_core::engine`]) and handed back as columns.
//! Conversion only: every rule is in the core; `js/batch.js` is the public JavaScript side.
//!
//! Nothing here builds a JSON document per row: statuses come back as one byte a row (an index
//! into [`RawBatch::status_names`]), decimals as one text of comma-separated exact decimals
//! (an empty field is a missing value), explanations only when asked for one row.

use thidua_core::engine::{BatchEvaluation, ColumnResults, CompiledDirective, Dictionary, Numbers};
use thidua_core::Segment;
use thidua_core::{Provenance, Status, TargetTable};
use wasm_bindgen::prelude::*;

use crate::api::{self, to_json, Failure, Result};
use crate::{js, JsResult};

/// A numeric column as JavaScript hands it over: binary floats (NaN: missing) or decimal text
/// (one ASCII text, `len + 1` byte offsets; an empty value is missing). Both empty: no column.
pub struct NumberInput<'a> {
    /// Floats, one a row.
    pub floats: &'a [f64],
    /// Decimal text of every row, one after the other.
    pub text: &'a str,
    /// Where each row's text begins, and where the last ends.
    pub offsets: &'a [u32],
}

impl<'a> NumberInput<'a> {
    fn numbers(&self) -> Numbers<'a> {
        if !self.offsets.is_empty() {
            Numbers::Text {
                text: self.text,
                offsets: self.offsets,
            }
        } else if !self.floats.is_empty() {
            Numbers::F64(self.floats)
        } else {
            Numbers::Absent
        }
    }
}

/// The columns of one call: unit, target and period as dictionaries (distinct values and one
/// index a row), values and baselines, and optionally the provenance as a dictionary.
pub struct BatchInput<'a> {
    /// Distinct unit names and, per row, the index of its unit.
    pub units: (&'a [String], &'a [u32]),
    /// Distinct target ids and, per row, the index of its target.
    pub targets: (&'a [String], &'a [u32]),
    /// Distinct periods ("2024", "2024-H1") and, per row, the index of its period.
    pub periods: (&'a [String], &'a [u32]),
    /// The result values.
    pub values: NumberInput<'a>,
    /// The baselines (reductions, ranks).
    pub baselines: NumberInput<'a>,
    /// Distinct provenances ("official", "estimate", …; an empty name: not stated) and, per
    /// row, the index of its provenance; both empty: no column.
    pub provenance: (&'a [String], &'a [u32]),
}

/// Compiles a directive (JSON) with its options and, optionally, each unit's own targets.
pub fn compile(
    directive: &str,
    options: Option<&str>,
    targets: Option<&str>,
) -> Result<CompiledDirective> {
    let d = api::directive(directive)?;
    let o = api::options(options)?;
    let t = match targets {
        Some(t) => crate::units::targets(t)?,
        None => TargetTable::default(),
    };
    Ok(CompiledDirective::with_targets(&d, &t, &o)?)
}

/// A provenance name by the JSON path's rule; its error is the JSON path's, located (by the
/// caller) at the first row that names it.
fn provenance_of(name: &str) -> std::result::Result<Option<Provenance>, thidua_core::Error> {
    if name.is_empty() {
        return Ok(None);
    }
    thidua_core::json::from_value(serde_json::Value::String(name.to_string()), "result set")
        .map(Some)
}

/// Evaluates the columns with the compiled directive.
pub fn evaluate(c: &CompiledDirective, input: &BatchInput<'_>) -> Result<BatchEvaluation> {
    let unit = Dictionary::new(input.units.0, input.units.1)?;
    let target = Dictionary::new(input.targets.0, input.targets.1)?;
    let period = Dictionary::new(input.periods.0, input.periods.1)?;
    let cols = ColumnResults::new(unit, target, period)?
        .with_values(input.values.numbers())?
        .with_baselines(input.baselines.numbers())?;
    let (names, index) = input.provenance;
    if names.is_empty() && index.is_empty() {
        return Ok(c.evaluate(&cols)?);
    }
    let kinds: Vec<_> = names.iter().map(|n| provenance_of(n)).collect();
    let prov: Vec<Option<Provenance>> = index
        .iter()
        .enumerate()
        .map(|(i, &k)| match kinds.get(k as usize) {
            Some(Ok(p)) => Ok(*p),
            // At the cell, `results[i].provenance`, as the JSON path locates the field.
            Some(Err(e)) => Err(Failure::from(e.clone().under([
                Segment::from("results"),
                Segment::Index(i),
                Segment::from("provenance"),
            ]))),
            None => Err(Failure::from(thidua_core::Error::InvalidInput {
                location: format!("provenance.index[{i}]").into(),
                reason: format!("index {k} is beyond the {} provenances", kinds.len()),
            })),
        })
        .collect::<Result<_>>()?;
    Ok(c.evaluate(&cols.with_provenance(&prov)?)?)
}

/// The status names, in the order of the codes [`status_codes`] gives.
pub const STATUS_NAMES: &[&str] = &[
    "exceeded",
    "basically_met",
    "met",
    "not_met",
    "no_data",
    "not_applicable",
];

/// One byte a row: the index of its status in [`STATUS_NAMES`].
pub fn status_codes(b: &BatchEvaluation) -> Vec<u8> {
    b.status()
        .iter()
        .map(|s| match s {
            Status::Exceeded => 0,
            Status::BasicallyMet => 1,
            Status::Met => 2,
            Status::NotMet => 3,
            Status::NoData => 4,
            Status::NotApplicable => 5,
            // A status added to the core later: its serialised name is appended by the test
            // that keeps STATUS_NAMES complete.
            #[allow(unreachable_patterns)]
            _ => u8::MAX,
        })
        .collect()
}

/// A decimal column as comma-separated exact decimals (an empty field: missing).
pub fn decimal_text(col: &thidua_core::engine::DecimalColumn, what: &str) -> Result<String> {
    crate::scores::decimal_list(col.iter(), what)
}

/// A compiled directive: compile once, evaluate many batches.
#[wasm_bindgen]
pub struct RawCompiled {
    pub(crate) inner: CompiledDirective,
}

#[wasm_bindgen]
impl RawCompiled {
    /// Compiles a directive (JSON) with options and each unit's own targets (JSON, optional).
    pub fn compile(
        directive: &str,
        options: Option<String>,
        targets: Option<String>,
    ) -> JsResult<RawCompiled> {
        js(compile(directive, options.as_deref(), targets.as_deref()))
            .map(|inner| RawCompiled { inner })
    }

    /// The target ids, in directive order.
    #[wasm_bindgen(js_name = targetIds)]
    pub fn target_ids(&self) -> Vec<String> {
        self.inner.target_ids().map(str::to_string).collect()
    }

    /// Evaluates one batch of columns (see [`BatchInput`]; an empty numeric input is no column).
    #[allow(clippy::too_many_arguments)]
    pub fn evaluate(
        &self,
        units: Vec<String>,
        unit_index: &[u32],
        targets: Vec<String>,
        target_index: &[u32],
        periods: Vec<String>,
        period_index: &[u32],
        values: &[f64],
        value_text: &str,
        value_offsets: &[u32],
        baselines: &[f64],
        baseline_text: &str,
        baseline_offsets: &[u32],
        provenances: Vec<String>,
        provenance_index: &[u32],
    ) -> JsResult<RawBatch> {
        let input = BatchInput {
            units: (&units, unit_index),
            targets: (&targets, target_index),
            periods: (&periods, period_index),
            values: NumberInput {
                floats: values,
                text: value_text,
                offsets: value_offsets,
            },
            baselines: NumberInput {
                floats: baselines,
                text: baseline_text,
                offsets: baseline_offsets,
            },
            provenance: (&provenances, provenance_index),
        };
        js(evaluate(&self.inner, &input)).map(|inner| RawBatch { inner })
    }
}

/// The columns of one evaluated batch: row `g × targets + t` is target `t` of group `g`
/// (a (unit, period) pair, in order of first appearance).
#[wasm_bindgen]
pub struct RawBatch {
    pub(crate) inner: BatchEvaluation,
}

#[wasm_bindgen]
impl RawBatch {
    /// Number of output rows.
    pub fn rows(&self) -> usize {
        self.inner.rows()
    }
    /// The unit of each group.
    #[wasm_bindgen(js_name = groupUnits)]
    pub fn group_units(&self) -> Vec<String> {
        (0..self.inner.groups())
            .map(|g| self.inner.group(g).0.to_string())
            .collect()
    }
    /// The period of each group.
    #[wasm_bindgen(js_name = groupPeriods)]
    pub fn group_periods(&self) -> Vec<String> {
        (0..self.inner.groups())
            .map(|g| self.inner.group(g).1.to_string())
            .collect()
    }
    /// The status names the codes index.
    #[wasm_bindgen(js_name = statusNames)]
    pub fn status_names(&self) -> Vec<String> {
        STATUS_NAMES.iter().map(|s| s.to_string()).collect()
    }
    /// The status of each row, as an index into `statusNames()`.
    pub fn status(&self) -> Vec<u8> {
        status_codes(&self.inner)
    }
    /// One of the decimal columns (`ratio`, `gap`, `result`, `baseline`, `achieved`,
    /// `threshold`) as comma-separated exact decimals.
    pub fn decimals(&self, column: &str) -> JsResult {
        let b = &self.inner;
        let col = match column {
            "ratio" => b.ratio(),
            "gap" => b.gap(),
            "result" => b.result(),
            "baseline" => b.baseline(),
            "achieved" => b.achieved(),
            "threshold" => b.threshold(),
            other => {
                return js(Err(thidua_core::Error::InvalidInput {
                    location: "column".into(),
                    reason: format!(
                        "{other:?} is not a decimal column (ratio, gap, result, baseline, achieved, threshold)"
                    ),
                }
                .into()))
            }
        };
        js(decimal_text(col, column))
    }
    /// Whether each row's threshold was pro-rated to its period (1) or not (0).
    #[wasm_bindgen(js_name = proRata)]
    pub fn pro_rata(&self) -> Vec<u8> {
        self.inner.pro_rata().iter().map(|&p| u8::from(p)).collect()
    }
    /// The input row each output row was read from (-1: none).
    #[wasm_bindgen(js_name = sourceRows)]
    pub fn source_rows(&self) -> Vec<i32> {
        (0..self.inner.rows())
            .map(|r| {
                self.inner
                    .source_row(r)
                    .and_then(|i| i32::try_from(i).ok())
                    .unwrap_or(-1)
            })
            .collect()
    }
    /// The explanation of one row (`{vi, en}` JSON), built now.
    pub fn explanation(&self, row: usize) -> JsResult {
        js(self.check_row(row))
            .and_then(|()| js(to_json(&self.inner.explanation(row), "explanation")))
    }
    /// The whole evaluation of one row (`TargetEvaluation` JSON), built now.
    #[wasm_bindgen(js_name = targetEvaluation)]
    pub fn target_evaluation(&self, row: usize) -> JsResult {
        js(self.check_row(row)).and_then(|()| {
            js(to_json(
                &self.inner.target_evaluation(row),
                "target evaluation",
            ))
        })
    }
    /// The counts and headline of group `g` (`Summary` JSON).
    pub fn summary(&self, g: usize) -> JsResult {
        if g >= self.inner.groups() {
            return js(Err(out_of_range("group", g, self.inner.groups())));
        }
        js(to_json(&self.inner.summary(g), "summary"))
    }
    /// The warnings (JSON array), in the order the row-wise evaluation gives them.
    pub fn warnings(&self) -> JsResult {
        js(to_json(&self.inner.warnings(), "warnings"))
    }
    /// The whole evaluation (the JSON of `evaluate`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult {
        js(to_json(&self.inner.to_evaluation(), "evaluation"))
    }
}

fn out_of_range(what: &str, i: usize, n: usize) -> Failure {
    thidua_core::Error::InvalidInput {
        location: what.to_string().into(),
        reason: format!("{what} {i} is out of range (there are {n})"),
    }
    .into()
}

impl RawBatch {
    fn check_row(&self, row: usize) -> Result<()> {
        if row >= self.inner.rows() {
            return Err(out_of_range("row", row, self.inner.rows()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIRECTIVE: &str = include_str!("../../docs/examples/002_kon-tum-2024.json");

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn status_names_are_the_serialised_names() {
        for (i, s) in [
            Status::Exceeded,
            Status::BasicallyMet,
            Status::Met,
            Status::NotMet,
            Status::NoData,
            Status::NotApplicable,
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(serde_json::to_value(s).unwrap(), STATUS_NAMES[i]);
        }
    }

    #[test]
    fn columns_give_the_answer_of_evaluate() {
        let c = compile(DIRECTIVE, None, None).unwrap();
        let ids: Vec<String> = c.target_ids().map(str::to_string).collect();
        let units = strings(&["Xã A", "Xã B"]);
        let periods = strings(&["2024"]);
        let n = 2 * ids.len();
        let ui: Vec<u32> = (0..n as u32).map(|i| i / ids.len() as u32).collect();
        let ti: Vec<u32> = (0..n as u32).map(|i| i % ids.len() as u32).collect();
        let pi = vec![0u32; n];
        let values: Vec<f64> = (0..n).map(|i| 1.0 + ((i * 37) % 90) as f64).collect();
        let baselines: Vec<f64> = values.iter().map(|v| v + 3.0).collect();
        let input = BatchInput {
            units: (&units, &ui),
            targets: (&ids, &ti),
            periods: (&periods, &pi),
            values: NumberInput {
                floats: &values,
                text: "",
                offsets: &[],
            },
            baselines: NumberInput {
                floats: &baselines,
                text: "",
                offsets: &[],
            },
            provenance: (&[], &[]),
        };
        let b = evaluate(&c, &input).unwrap();
        // The same rows as JSON through the row-wise API (Rust prints a float as its
        // shortest round-trip decimal, the rule the engine reads floats by).
        let rows: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                serde_json::json!({"unit": units[ui[i] as usize], "target": ids[ti[i] as usize],
                    "period": "2024", "value": values[i].to_string(),
                    "baseline": baselines[i].to_string()})
            })
            .collect();
        let reference: serde_json::Value = serde_json::from_str(
            &api::evaluate(DIRECTIVE, &serde_json::Value::Array(rows).to_string(), None).unwrap(),
        )
        .unwrap();
        let ours = serde_json::to_value(b.to_evaluation()).unwrap();
        assert_eq!(ours, reference);
        // The columns say what the evaluation says, row by row.
        let codes = status_codes(&b);
        let ratio = decimal_text(b.ratio(), "ratio").unwrap();
        let ratio: Vec<&str> = ratio.split(',').collect();
        assert_eq!((codes.len(), ratio.len()), (n, n));
        let mut row = 0;
        for u in reference["units"].as_array().unwrap() {
            for t in u["targets"].as_array().unwrap() {
                assert_eq!(STATUS_NAMES[codes[row] as usize], t["status"]);
                assert_eq!(ratio[row], t["ratio"].as_str().unwrap_or(""));
                row += 1;
            }
        }
        assert_eq!(row, n);
        assert!(
            codes.iter().any(|&c| c != codes[0]),
            "the rows should not all agree"
        );
    }

    #[test]
    fn bad_columns_are_typed_errors() {
        let c = compile(DIRECTIVE, None, None).unwrap();
        let ids: Vec<String> = c.target_ids().map(str::to_string).collect();
        let units = strings(&["Xã A"]);
        let periods = strings(&["2024"]);
        let base = |ui: &'static [u32], prov: (&'static [String], &'static [u32])| {
            let input = BatchInput {
                units: (&units, ui),
                targets: (&ids, &[0]),
                periods: (&periods, &[0]),
                values: NumberInput {
                    floats: &[1.0],
                    text: "",
                    offsets: &[],
                },
                baselines: NumberInput {
                    floats: &[],
                    text: "",
                    offsets: &[],
                },
                provenance: prov,
            };
            evaluate(&c, &input).map(|_| ()).map_err(|e| e.code())
        };
        assert_eq!(base(&[0], (&[], &[])), Ok(()));
        assert_eq!(base(&[1], (&[], &[])), Err("invalid_input"));
        let bad: &'static [String] = Box::leak(Box::new(strings(&["guess"])));
        // A name outside the enum: the JSON path's error (see `cell_tests`).
        assert_eq!(base(&[0], (bad, &[0])), Err("json"));
        let good: &'static [String] = Box::leak(Box::new(strings(&["estimate"])));
        assert_eq!(base(&[0], (good, &[0])), Ok(()));
        assert_eq!(base(&[0], (good, &[3])), Err("invalid_input"));
        // Values as text: a non-number is an invalid_number error.
        let input = BatchInput {
            units: (&units, &[0]),
            targets: (&ids, &[0]),
            periods: (&periods, &[0]),
            values: NumberInput {
                floats: &[],
                text: "1,5",
                offsets: &[0, 3],
            },
            baselines: NumberInput {
                floats: &[],
                text: "",
                offsets: &[],
            },
            provenance: (&[], &[]),
        };
        assert!(evaluate(&c, &input).is_err());
    }
}

#[cfg(test)]
mod cell_tests {
    use super::*;

    const DIRECTIVE: &str = r#"{"kind":"directive","number":"01/CT-UBND","issuer":{"name":"UBND tỉnh X"},
      "coverage":{"year":2024},"title":"t","items":[
      {"number":1,"text":"GRDP đạt từ 10% trở lên","targets":[{"id":"1","name":"GRDP",
        "spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]}]}"#;

    /// A bad cell of the columns is located at `results[i].<column>` with the JSON path's
    /// code, as `evaluate` on the same rows as JSON gives it.
    #[test]
    fn a_bad_cell_is_located_as_on_the_json_path() {
        let c = compile(DIRECTIVE, None, None).unwrap();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (units, targets) = (s(&["A", "B"]), s(&["1"]));
        let core = |f: Failure| match f {
            Failure::Core(e) => (e.code(), e.location().path()),
            other => panic!("{other:?}"),
        };
        let run =
            |periods: &[String], pidx: &[u32], text: &str, offsets: &[u32], prov: &[String]| {
                let pk: Vec<u32> = if prov.is_empty() { vec![] } else { vec![0, 1] };
                let input = BatchInput {
                    units: (&units, &[0, 1]),
                    targets: (&targets, &[0, 0]),
                    periods: (periods, pidx),
                    values: NumberInput {
                        floats: &[],
                        text,
                        offsets,
                    },
                    baselines: NumberInput {
                        floats: &[],
                        text: "",
                        offsets: &[],
                    },
                    provenance: (prov, &pk),
                };
                core(evaluate(&c, &input).err().unwrap())
            };
        let json = |rows: &str| {
            core(Failure::Core(
                thidua_core::ResultSet::from_json(rows)
                    .and_then(|rs| {
                        thidua_core::evaluate(
                            &api::directive(DIRECTIVE).map_err(|_| unreachable!())?,
                            &rs,
                            &Default::default(),
                        )
                    })
                    .unwrap_err(),
            ))
        };
        let y = s(&["2024"]);
        assert_eq!(
            run(&y, &[0, 0], "106,5", &[0, 2, 5], &[]),
            json(
                r#"[{"unit":"A","target":"1","period":"2024","value":"10"},
                     {"unit":"B","target":"1","period":"2024","value":"6,5"}]"#
            )
        );
        assert_eq!(
            run(&s(&["2024", "2024-H3"]), &[0, 1], "1010", &[0, 2, 4], &[]),
            json(
                r#"[{"unit":"A","target":"1","period":"2024","value":"10"},
                     {"unit":"B","target":"1","period":"2024-H3","value":"10"}]"#
            )
        );
        let got = run(&y, &[0, 0], "1010", &[0, 2, 4], &s(&["official", "rumour"]));
        assert_eq!(got, ("json", "results[1].provenance".to_string()));
        assert_eq!(
            got,
            json(
                r#"[{"unit":"A","target":"1","period":"2024","value":"10"},
                     {"unit":"B","target":"1","period":"2024","value":"10","provenance":"rumour"}]"#
            )
        );
    }
}
