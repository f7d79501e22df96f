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

use crate::error::{excerpt, Error, Location, Result, Segment};
use crate::format::explain::explain;
use crate::model::{Directive, ReductionUnit, TargetRef, TargetSpec};
use crate::quantity::{rescale, Scale, Unit};
use crate::results::{Period, Provenance, ResultEntry, ResultSet};

/// The rows of one (unit, period) for one target: the main row and, for a composite target,
/// one row per component (each with its index in the result set).
#[derive(Default)]
struct Rows<'a> {
    main: Option<(usize, &'a ResultEntry)>,
    components: Vec<(usize, &'a ResultEntry)>,
}

/// The rows of a result set grouped by (unit, period), in order of first appearance, each
/// with one slot per target of the directive.
type Groups<'a> = Vec<((&'a str, Period), Vec<Rows<'a>>)>;

/// Evaluates a result set against a directive.
///
/// Every (unit, period) that appears in `results` gets one evaluation of **every** target of
/// the directive; a target with no row is [`Status::NoData`] (never zero).
///
/// The directive is [validated](Directive::validate) first (a directive built in code may
/// break a rule that `Directive::from_json` enforces).
///
/// Errors name the row: the location's path is `results[3]` (or `results[3].baseline`…) and
/// its context names the unit, target and period (`unit "A", target "7", period "2024"`):
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
    opts.validate()?;
    directive.validate()?;
    let targets = directive.targets();
    let groups = group_rows(directive, &targets, results)?;
    // Descriptions of the targets, computed once.
    let texts: Vec<(String, String)> = targets
        .iter()
        .map(|t| (t.target.spec.describe_vi(), t.target.spec.describe_en()))
        .collect();
    let mut units = Vec::with_capacity(groups.len());
    for ((unit, period), rows) in groups {
        units.push(evaluate_unit(
            directive, &targets, &texts, unit, period, &rows, opts,
        )?);
    }
    Ok(Evaluation {
        directive: directive.label(),
        options: *opts,
        units,
    })
}

/// Checks every row against the directive (known target and component, period covered, no
/// duplicate, `component` only on composite targets) and groups the rows by (unit, period).
fn group_rows<'a>(
    directive: &Directive,
    targets: &[TargetRef<'_>],
    results: &'a ResultSet,
) -> Result<Groups<'a>> {
    let index: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, r)| (r.target.id.as_str(), i))
        .collect();
    let mut group_of: HashMap<(&str, Period), usize> = HashMap::new();
    let mut groups: Groups<'a> = Vec::new();
    for (i, row) in results.entries.iter().enumerate() {
        let in_row = |e: Error| row_error(e, i, row);
        let Some(&ti) = index.get(row.target.as_str()) else {
            return Err(in_row(Error::UnknownTarget {
                target: excerpt(&row.target),
                location: Location::new().field("target"),
            }));
        };
        if !directive.coverage.contains(row.period.year) {
            return Err(in_row(Error::InvalidPeriod {
                location: Location::new().field("period"),
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
            }));
        }
        let key = (row.unit.as_str(), row.period);
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push((key, (0..targets.len()).map(|_| Rows::default()).collect()));
            groups.len() - 1
        });
        let slot = &mut groups[g].1[ti];
        place_row(slot, &targets[ti].target.spec, i, row).map_err(in_row)?;
    }
    Ok(groups)
}

/// Puts row `i` in its target's slot: the main row, or one component row of a composite.
fn place_row<'a>(
    slot: &mut Rows<'a>,
    spec: &TargetSpec,
    i: usize,
    row: &'a ResultEntry,
) -> Result<()> {
    match (&row.component, spec) {
        (Some(c), TargetSpec::CompositeDecrease { components }) => {
            if !components.iter().any(|x| &x.id == c) {
                return Err(Error::UnknownTarget {
                    target: excerpt(&format!("{}/{}", row.target, c)),
                    location: Location::new().field("component").with_context(format!(
                        "the target's components are {}",
                        components
                            .iter()
                            .map(|x| x.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                });
            }
            // A composite has a handful of components: a linear search is the fastest.
            if let Some((j, _)) = slot
                .components
                .iter()
                .find(|(_, r)| r.component.as_deref() == Some(c))
            {
                return Err(Error::DuplicateId {
                    id: excerpt(&format!("{}/{}", row.target, c)),
                    location: Location::new().with_context(format!("also at results[{j}]")),
                });
            }
            slot.components.push((i, row));
        }
        (None, TargetSpec::CompositeDecrease { .. }) if !row.not_applicable => {
            return Err(Error::invalid_result(
                Location::new().field("component"),
                "a composite target needs one row per component, each with `component`",
            ));
        }
        (Some(_), _) => {
            return Err(Error::invalid_result(
                Location::new().field("component"),
                format!(
                    "`component` is only for composite targets; {:?} is {}",
                    excerpt(&row.target),
                    spec.kind()
                ),
            ));
        }
        (None, _) => {
            if let Some((j, _)) = slot.main {
                return Err(Error::DuplicateId {
                    id: excerpt(&row.target),
                    location: Location::new().with_context(format!("also at results[{j}]")),
                });
            }
            slot.main = Some((i, row));
        }
    }
    Ok(())
}

/// Every target of the directive for one (unit, period).
fn evaluate_unit(
    directive: &Directive,
    targets: &[TargetRef<'_>],
    texts: &[(String, String)],
    unit: &str,
    period: Period,
    rows: &[Rows<'_>],
    opts: &EvaluationOptions,
) -> Result<UnitEvaluation> {
    let ctx = AssessContext::new(period, opts);
    let mut evals = Vec::with_capacity(targets.len());
    for (ti, tr) in targets.iter().enumerate() {
        let spec = &tr.target.spec;
        let slot = &rows[ti];
        let id = tr.target.id.as_str();
        let located = |e: Error| locate(e, slot, unit, id, period);
        let (obs, provenance) = observation(spec, slot).map_err(located)?;
        let a = assess(spec, &obs, &ctx).map_err(|e| {
            let e = match e {
                Error::MissingBaseline { kind, location, .. } => Error::MissingBaseline {
                    target: excerpt(id),
                    kind,
                    location,
                },
                other => other,
            };
            locate(e, slot, unit, id, period)
        })?;
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
    Ok(UnitEvaluation {
        unit: unit.to_string(),
        period,
        targets: evals,
        items,
        summary,
    })
}

/// The words that name a row: `unit "A", target "7", period "2024"` (and its component).
fn row_context(row: &ResultEntry) -> String {
    format!(
        "unit {:?}, target {:?}{}, period \"{}\"",
        excerpt(&row.unit),
        excerpt(&row.target),
        row.component
            .as_ref()
            .map(|c| format!(", component {:?}", excerpt(c)))
            .unwrap_or_default(),
        row.period
    )
}

/// An error inside row `i` of the result set: `results[i]…`, with the row named in words.
fn row_error(e: Error, i: usize, row: &ResultEntry) -> Error {
    e.at_index(i)
        .in_field("results")
        .with_context(|| row_context(row))
}

/// Locates an error raised for one target of one (unit, period): in the row it came from (a
/// component error `components[k]…` goes to that component's row), else in words.
fn locate(e: Error, slot: &Rows<'_>, unit: &str, id: &str, period: Period) -> Error {
    if let [Segment::Field(f), Segment::Index(k), ..] = e.location().segments() {
        if f == "components" {
            if let Some(&(i, r)) = slot.components.get(*k) {
                return row_error(e.without_prefix(2), i, r);
            }
        }
    }
    match slot.main.or_else(|| slot.components.first().copied()) {
        Some((i, r)) => row_error(e, i, r),
        None => e.with_context(|| {
            format!(
                "unit {:?}, target {:?}, period \"{period}\"",
                excerpt(unit),
                excerpt(id)
            )
        }),
    }
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
    let (mut any, mut not_met, mut no_data, mut all_exceeded) = (false, false, false, true);
    for s in statuses {
        match s {
            Status::NotApplicable => continue,
            Status::NotMet => not_met = true,
            Status::NoData => no_data = true,
            Status::Met => {}
            Status::Exceeded => {}
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

/// One status per item, in one pass: the evaluations are in directive order, so the targets
/// of an item (sub-targets included) are consecutive.
fn item_statuses(directive: &Directive, evals: &[TargetEvaluation]) -> Vec<ItemEvaluation> {
    let mut rest = evals;
    directive
        .items
        .iter()
        .map(|item| {
            let n = rest.iter().take_while(|e| e.item == item.number).count();
            let (mine, after) = rest.split_at(n);
            rest = after;
            ItemEvaluation {
                number: item.number,
                status: combine_statuses(mine.iter().map(|e| e.status)),
            }
        })
        .collect()
}

/// Converts a row into an [`Observation`] in the target's scale, checking units and shape.
/// Errors are located in the row (`value`, `value_unit`) or, for a composite, in its
/// component (`components[k].value`); the caller puts the row in front.
fn observation(spec: &TargetSpec, slot: &Rows<'_>) -> Result<(Observation, Option<Provenance>)> {
    if let TargetSpec::CompositeDecrease { .. } = spec {
        return composite_observation(slot);
    }
    let Some((_, r)) = slot.main else {
        return Ok((Observation::default(), None));
    };
    // A reduction in percentage points is reported as the rate itself (value and baseline in %).
    let expected = match spec {
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentagePoints,
            ..
        } => Some(Unit::Percent),
        _ => spec.result_unit(),
    };
    if let (Some(u), Some(expected)) = (&r.value_unit, expected) {
        expected
            .check_compatible(u, "")
            .map_err(|e| e.in_field("value_unit"))?;
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
                    return Err(Error::invalid_result(
                        Location::new().field(what),
                        format!("the {what} {v} is a rate in %, which must lie between 0 and 100"),
                    ));
                }
            }
        }
    }
    let target_scale = spec.result_scale();
    let from = r.scale.unwrap_or(target_scale);
    let conv = |v: Option<Decimal>, field: &'static str| -> Result<Option<Decimal>> {
        v.map(|v| rescale(v, from, target_scale, "").map_err(|e| e.in_field(field)))
            .transpose()
    };
    let obs = Observation {
        value: conv(r.value, "value")?,
        baseline: conv(r.baseline, "baseline")?,
        out_of: r.out_of,
        baseline_out_of: r.baseline_out_of,
        judgement: r.judgement,
        not_applicable: r.not_applicable,
        components: Vec::new(),
    };
    Ok((obs, Some(r.provenance)))
}

/// The component rows of a composite target; the provenance is "estimate" if any row is.
fn composite_observation(slot: &Rows<'_>) -> Result<(Observation, Option<Provenance>)> {
    let mut obs = Observation::default();
    if let Some((_, r)) = slot.main {
        obs.not_applicable = r.not_applicable;
    }
    let mut prov = None;
    for (k, (_, r)) in slot.components.iter().enumerate() {
        let conv = |v: Option<Decimal>, field: &'static str| -> Result<Option<Decimal>> {
            v.map(|v| {
                rescale(v, r.scale.unwrap_or(Scale::One), Scale::One, "").map_err(|e| {
                    e.under([
                        Segment::from("components"),
                        Segment::Index(k),
                        Segment::from(field),
                    ])
                })
            })
            .transpose()
        };
        obs.components.push(ComponentResult {
            component: r.component.clone().unwrap_or_default(),
            value: conv(r.value, "value")?,
            baseline: conv(r.baseline, "baseline")?,
        });
        prov = Some(match prov {
            Some(Provenance::Estimate) => Provenance::Estimate,
            _ => r.provenance,
        });
    }
    Ok((obs, prov))
}

#[cfg(test)]
mod tests;
