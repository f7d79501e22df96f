//! Evaluation (đánh giá): results against targets → status, % of plan, gap, explanation.
//!
//! The conventions are written out, with formulas, in `docs/evaluation.md`. In short:
//!
//! * **Status** is decided by exact comparison of the unrounded values, with the comparator's
//!   edge ("trên X" is strict). A result that satisfies the target and is strictly better than
//!   the target value is [`Status::Exceeded`] (vượt); one that satisfies it at exactly the
//!   value is [`Status::Met`] (đạt). So a strict target ("trên 95%") that is met is always
//!   exceeded.
//! * **% of plan** (`ratio`) is `result ÷ target × 100` for higher-is-better kinds; ceilings use
//!   the [`CeilingRatio`] convention chosen in [`EvaluationOptions`]; reductions and ranks use
//!   achieved ÷ targeted. It is computed with exact decimals and rounded **once**, at the end,
//!   to `ratio_digits` decimals (default 2), half away from zero. It is `None` where it is
//!   undefined (a zero divisor, a qualitative or composite target), never a made-up number.
//! * **Gap** is signed so that positive means better than the target and negative means short
//!   of it, in the target's unit and scale (not rounded).
//! * **In-year results** of flows (revenue, exports, visitors, new enterprises) are compared
//!   with the pro-rata share `target × months ÷ 12` ([`InYearFlows::ProRata`], the informal
//!   50 % bar at mid-year) or with the annual target ([`InYearFlows::AnnualTarget`]); `ratio`
//!   is always the % of the **annual** plan. Levels are compared with the annual target
//!   directly.

mod assess;
mod options;
mod report;

pub use assess::*;
pub use options::*;
pub use report::*;

use std::collections::HashMap;

use rust_decimal::prelude::*;

use crate::error::{Error, Result};
use crate::format::explain::explain;
use crate::model::{Directive, ReductionUnit, TargetSpec};
use crate::quantity::{rescale, Scale, Unit};
use crate::results::{Period, Provenance, ResultEntry, ResultSet};

/// The rows of one unit × period × target slot (a main row, or the component rows of a
/// composite target).
pub(crate) struct Rows<'a> {
    pub(crate) main: Option<(usize, &'a ResultEntry)>,
    pub(crate) components: Vec<(usize, &'a ResultEntry)>,
}

/// Evaluates a result set against a directive.
///
/// Every (unit, period) that appears in `results` gets one evaluation of **every** target of
/// the directive; a target with no row is [`Status::NoData`] (never zero).
///
/// Errors (each naming the row, e.g. `results[3] (unit "A", target "7", period "2024")`):
/// an unknown target or component id, a duplicate row, a period outside the directive's
/// years, a unit mismatch, a missing baseline where the kind needs one, a row whose shape
/// does not fit its target kind, an overflow.
///
/// ```
/// use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet, Status};
/// let d = Directive::from_json(r#"{"kind":"directive","issuer":{"name":"UBND tỉnh X"},
///   "coverage":{"year":2024},"title":"t","items":[{"number":1,"text":"…","targets":[
///   {"id":"1","name":"Thu ngân sách","spec":{"kind":"amount","comparator":"at_least",
///    "value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]}]}"#).unwrap();
/// let r = ResultSet::from_json(r#"[{"unit":"X","target":"1","period":"2024-H1","value":"2415"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let t = &e.units[0].targets[0];
/// assert_eq!(t.status, Status::Exceeded);           // above the 50 % mid-year bar (2.300)
/// assert_eq!(t.ratio.unwrap().to_string(), "52.50"); // % of the annual plan
/// assert_eq!(e.units[0].summary.headline_vi, "đạt và vượt 1/1 chỉ tiêu (vượt 1, đạt 0, không đạt 0)");
/// ```
pub fn evaluate(
    directive: &Directive,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    crate::engine::CompiledDirective::new(directive, opts)?
        .evaluate(results)
        .map(|b| b.to_evaluation())
}

/// The row-wise reference implementation of [`evaluate`]: one [`assess`] per row on
/// `Decimal`s, explanations built as it goes. [`evaluate`] runs on the compiled engine
/// ([`crate::engine`]) and must give exactly this answer — the engine's differential tests
/// compare the two on random directives and results and on every shared vector. Kept public
/// so that anyone can check the engine against it.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let opts = EvaluationOptions::default();
/// assert_eq!(evaluate::evaluate_rowwise(&d, &r, &opts)?, evaluate(&d, &r, &opts)?);
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn evaluate_rowwise(
    directive: &Directive,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    opts.validate()?;
    let targets = directive.targets();
    let index: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, r)| (r.target.id.as_str(), i))
        .collect();

    // Group rows by (unit, period), keeping first-appearance order.
    let mut group_of: HashMap<(&str, Period), usize> = HashMap::new();
    let mut groups: Vec<((&str, Period), Vec<Rows>)> = Vec::new();
    for (i, row) in results.entries.iter().enumerate() {
        let loc = || row_loc(i, row);
        let Some(&ti) = index.get(row.target.as_str()) else {
            return Err(Error::UnknownTarget {
                target: row.target.clone(),
                location: loc(),
            });
        };
        if !directive.coverage.contains(row.period.year) {
            return Err(Error::InvalidPeriod {
                location: loc(),
                reason: format!(
                    "year {} is outside the directive's coverage ({}{})",
                    row.period.year,
                    directive.coverage.year,
                    directive
                        .coverage
                        .until_year
                        .map(|y| format!("–{y}"))
                        .unwrap_or_default()
                ),
            });
        }
        let key = (row.unit.as_str(), row.period);
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push((
                key,
                (0..targets.len())
                    .map(|_| Rows {
                        main: None,
                        components: vec![],
                    })
                    .collect(),
            ));
            groups.len() - 1
        });
        let slot = &mut groups[g].1[ti];
        let spec = &targets[ti].target.spec;
        match (&row.component, spec) {
            (Some(c), TargetSpec::CompositeDecrease { components }) => {
                if !components.iter().any(|x| &x.id == c) {
                    return Err(Error::UnknownTarget {
                        target: format!("{}/{}", row.target, c),
                        location: format!(
                            "{} (the target's components are {})",
                            loc(),
                            components
                                .iter()
                                .map(|x| x.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                if let Some((j, _)) = slot
                    .components
                    .iter()
                    .find(|(_, r)| r.component.as_deref() == Some(c))
                {
                    return Err(Error::DuplicateId {
                        id: format!("{}/{}", row.target, c),
                        location: format!("{} (also at results[{j}])", loc()),
                    });
                }
                slot.components.push((i, row));
            }
            (None, TargetSpec::CompositeDecrease { .. }) if !row.not_applicable => {
                return Err(Error::InvalidResult {
                    location: loc(),
                    reason: "a composite target needs one row per component, each with `component`"
                        .into(),
                });
            }
            (Some(_), _) => {
                return Err(Error::InvalidResult {
                    location: loc(),
                    reason: format!(
                        "`component` is only for composite targets; {:?} is {}",
                        row.target,
                        spec.kind()
                    ),
                });
            }
            (None, _) => {
                if let Some((j, _)) = slot.main {
                    return Err(Error::DuplicateId {
                        id: row.target.clone(),
                        location: format!("{} (also at results[{j}])", loc()),
                    });
                }
                slot.main = Some((i, row));
            }
        }
    }

    // Descriptions of the targets, computed once.
    let texts: Vec<(String, String)> = targets
        .iter()
        .map(|t| (t.target.spec.describe_vi(), t.target.spec.describe_en()))
        .collect();
    let mut units = Vec::with_capacity(groups.len());
    for ((unit, period), rows) in groups {
        let mut evals = Vec::with_capacity(targets.len());
        for (ti, tr) in targets.iter().enumerate() {
            let spec = &tr.target.spec;
            let slot = &rows[ti];
            let id = tr.target.id.as_str();
            let loc = || match slot.main.or_else(|| slot.components.first().copied()) {
                Some((i, r)) => row_loc(i, r),
                None => format!("unit {unit:?}, target {id:?}, period \"{period}\""),
            };
            let (obs, provenance) = observation(spec, slot).map_err(|e| e.at(loc))?;
            let a = assess(spec, &obs, period.months(), opts, id, "").map_err(|e| e.at(loc))?;
            let (t_vi, t_en) = &texts[ti];
            let explanation = explain(spec, &obs, &a, period, t_vi, t_en, opts);
            evals.push(TargetEvaluation {
                target: tr.target.id.clone(),
                item: tr.item,
                parent: tr.parent.map(str::to_string),
                name: tr.target.name.clone(),
                kind: spec.kind(),
                direction: spec.direction(),
                measure: spec.measure(),
                target_text: t_vi.clone(),
                status: a.status,
                ratio: a.ratio,
                gap: a.gap,
                result: obs.value,
                baseline: obs.baseline,
                achieved: a.achieved,
                threshold: a.threshold,
                pro_rata: a.pro_rata,
                provenance,
                explanation,
            });
        }
        let items = item_statuses(directive, &evals);
        let summary = match opts.headline_basis {
            HeadlineBasis::Items => {
                Summary::from_statuses(HeadlineBasis::Items, items.iter().map(|i| i.status))
            }
            HeadlineBasis::Targets => {
                Summary::from_statuses(HeadlineBasis::Targets, evals.iter().map(|t| t.status))
            }
        };
        units.push(UnitEvaluation {
            unit: unit.to_string(),
            period,
            targets: evals,
            items,
            summary,
        });
    }
    Ok(Evaluation {
        directive: directive.label(),
        options: *opts,
        units,
    })
}

pub(crate) fn row_loc(i: usize, row: &ResultEntry) -> String {
    format!(
        "results[{i}] (unit {:?}, target {:?}{}, period \"{}\")",
        row.unit,
        row.target,
        row.component
            .as_ref()
            .map(|c| format!(", component {c:?}"))
            .unwrap_or_default(),
        row.period
    )
}

/// Combines the statuses of an item's targets (see [`HeadlineBasis::Items`]).
///
/// ```
/// use thidua_core::{combine_statuses, Status};
/// assert_eq!(combine_statuses([Status::Exceeded, Status::Met]), Status::Met);
/// assert_eq!(combine_statuses([Status::Exceeded, Status::NoData]), Status::NoData);
/// assert_eq!(combine_statuses([Status::NoData, Status::NotMet]), Status::NotMet);
/// ```
pub fn combine_statuses(statuses: impl IntoIterator<Item = Status>) -> Status {
    // One pass, no allocation (the engine calls it for every item of every unit).
    let (mut any, mut not_met, mut no_data, mut all_exceeded) = (false, false, false, true);
    for s in statuses {
        match s {
            Status::NotApplicable => continue,
            Status::NotMet => not_met = true,
            Status::NoData => no_data = true,
            Status::Exceeded | Status::Met => {}
        }
        any = true;
        all_exceeded &= s == Status::Exceeded;
    }
    if !any {
        Status::NotApplicable
    } else if not_met {
        Status::NotMet
    } else if no_data {
        Status::NoData
    } else if all_exceeded {
        Status::Exceeded
    } else {
        Status::Met
    }
}

fn item_statuses(directive: &Directive, evals: &[TargetEvaluation]) -> Vec<ItemEvaluation> {
    directive
        .items
        .iter()
        .map(|item| ItemEvaluation {
            number: item.number,
            status: combine_statuses(
                evals
                    .iter()
                    .filter(|e| e.item == item.number)
                    .map(|e| e.status),
            ),
        })
        .collect()
}

/// Converts a row into an [`Observation`] in the target's scale, checking units and shape.
/// Errors carry an empty location (or one starting with ", "), which the caller fills in
/// with [`Error::at`] only when an error happens.
pub(crate) fn observation(
    spec: &TargetSpec,
    slot: &Rows<'_>,
) -> Result<(Observation, Option<Provenance>)> {
    let target_scale = spec.result_scale();
    if let TargetSpec::CompositeDecrease { .. } = spec {
        let mut obs = Observation::default();
        if let Some((_, r)) = slot.main {
            obs.not_applicable = r.not_applicable;
        }
        let mut prov = None;
        for (i, r) in &slot.components {
            let conv = |v: Option<Decimal>| -> Result<Option<Decimal>> {
                v.map(|v| rescale(v, r.scale.unwrap_or(Scale::One), Scale::One, ""))
                    .transpose()
                    .map_err(|e| e.at(|| row_loc(*i, r)))
            };
            obs.components.push(ComponentResult {
                component: r.component.clone().unwrap_or_default(),
                value: conv(r.value)?,
                baseline: conv(r.baseline)?,
            });
            prov = Some(prov.map_or(r.provenance, |p: Provenance| {
                if r.provenance == Provenance::Estimate {
                    r.provenance
                } else {
                    p
                }
            }));
        }
        return Ok((obs, prov));
    }
    let Some((_, r)) = slot.main else {
        return Ok((Observation::default(), None));
    };
    let loc = "";
    // A reduction in percentage points is reported as the rate itself (value and baseline in %).
    let expected = match spec {
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentagePoints,
            ..
        } => Some(Unit::Percent),
        _ => spec.result_unit(),
    };
    if let (Some(u), Some(expected)) = (&r.value_unit, expected) {
        expected.check_compatible(u, loc)?;
    }
    // A rate of a population or a share lies between 0 and 100 %.
    let bounded = matches!(
        spec,
        TargetSpec::Rate { .. }
            | TargetSpec::ThresholdShare { .. }
            | TargetSpec::Reduction {
                unit: ReductionUnit::PercentagePoints,
                ..
            }
    );
    if bounded {
        for (what, v) in [("value", r.value), ("baseline", r.baseline)] {
            if let Some(v) = v {
                if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                    return Err(Error::InvalidResult {
                        location: loc.to_string(),
                        reason: format!(
                            "the {what} {v} is a rate in %, which must lie between 0 and 100"
                        ),
                    });
                }
            }
        }
    }
    let from = r.scale.unwrap_or(target_scale);
    let conv = |v: Option<Decimal>| -> Result<Option<Decimal>> {
        v.map(|v| rescale(v, from, target_scale, loc)).transpose()
    };
    let obs = Observation {
        value: conv(r.value)?,
        baseline: conv(r.baseline)?,
        out_of: r.out_of,
        baseline_out_of: r.baseline_out_of,
        judgement: r.judgement,
        not_applicable: r.not_applicable,
        components: Vec::new(),
    };
    Ok((obs, Some(r.provenance)))
}

#[cfg(test)]
mod tests;
