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
pub(crate) mod rows;

pub use assess::*;
pub use options::*;
pub use report::*;
use rows::row_error;
pub(crate) use rows::Rows;

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::format::explain::explain;
use crate::model::{Directive, TargetRef, TargetSpec};
use crate::results::{Period, ResultEntry, ResultSet};

/// The rows of a result set grouped by (unit, period), in order of first appearance, each
/// with one slot per target of the directive.
type Groups<'a> = Vec<((&'a str, Period), Vec<Rows<'a>>)>;

/// Evaluates a result set against a directive.
///
/// Every (unit, period) that appears in `results` gets one evaluation of **every** target of
/// the directive; a target with no row is [`Status::NoData`] (never zero).
///
/// The directive is [validated](Directive::validate) first (a directive built in code may
/// break a rule that `Directive::from_json` enforces). It runs on the compiled engine
/// ([`crate::engine`]), which gives exactly the answer of [`evaluate_rowwise`].
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
///    "value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]}]}"#)?;
/// let r = ResultSet::from_json(r#"[{"unit":"X","target":"1","period":"2024-H1","value":"2415"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let t = &e.units[0].targets[0];
/// assert_eq!(t.status, Status::Exceeded);           // above the 50 % mid-year bar (2.300)
/// assert_eq!(t.ratio.unwrap().to_string(), "52.50"); // % of the annual plan
/// assert_eq!(e.units[0].summary.headline_vi, "đạt và vượt 1/1 chỉ tiêu (vượt 1, đạt 0, không đạt 0)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let opts = EvaluationOptions::default();
/// assert_eq!(evaluate::evaluate_rowwise(&d, &r, &opts)?, evaluate(&d, &r, &opts)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_rowwise(
    directive: &Directive,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    opts.validate()?;
    directive.validate()?;
    let targets: Vec<_> = directive.targets().collect();
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
    rows::check_rows(results.entries.len())?;
    let mut group_of: HashMap<(&str, Period), usize> = HashMap::new();
    let mut groups: Groups<'a> = Vec::new();
    for (i, row) in results.entries.iter().enumerate() {
        let in_row = |e: Error| row_error(e, i, row);
        let Some(&ti) = index.get(row.target.as_str()) else {
            return Err(in_row(rows::unknown_target(&row.target)));
        };
        if !directive.coverage.contains(row.period.year) {
            return Err(in_row(rows::period_outside(
                row.period,
                &directive.coverage,
            )));
        }
        let key = (row.unit.as_str(), row.period);
        if !group_of.contains_key(&key) {
            rows::check_new_group(groups.len(), targets.len()).map_err(in_row)?;
        }
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
                return Err(rows::unknown_component(
                    &row.target,
                    c,
                    components.iter().map(|x| x.id.as_str()),
                ));
            }
            // A composite has a handful of components: a linear search is the fastest.
            if let Some((j, _)) = slot
                .components
                .iter()
                .find(|(_, r)| r.component.as_deref() == Some(c))
            {
                return Err(rows::duplicate(&format!("{}/{}", row.target, c), *j));
            }
            slot.components.push((i, row));
        }
        (None, TargetSpec::CompositeDecrease { .. }) if !row.not_applicable => {
            return Err(rows::component_needed());
        }
        (Some(_), _) => {
            return Err(rows::component_not_allowed(&row.target, spec.kind()));
        }
        (None, _) => {
            if let Some((j, _)) = slot.main {
                return Err(rows::duplicate(&row.target, j));
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
        let (obs, provenance, a) = rows::assess_slot(spec, slot, &ctx, unit, id)?;
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

#[cfg(test)]
mod tests;
