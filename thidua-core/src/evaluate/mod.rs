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

pub(crate) mod assess;
mod forms;
mod options;
mod report;
pub(crate) mod rows;
pub(crate) mod unit;

pub use assess::*;
pub use options::*;
pub use report::*;
use rows::row_error;
pub(crate) use unit::{Slot, UnitContext};

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{Directive, TargetRef, TargetSpec};
use crate::results::{Period, ResultEntry, ResultSet};
use crate::unit_targets::TargetTable;

/// The rows of a result set grouped by (unit, period), in order of first appearance, each
/// with one slot per target of the directive.
type Groups<'a> = Vec<((&'a str, Period), Vec<Slot<'a>>)>;

/// Evaluates a result set against a directive.
///
/// Every (unit, period) that appears in `results` gets one evaluation of **every** target of
/// the directive; a target with no row is [`Status::NoData`] (never zero). Each unit is judged
/// against the directive's figures; use [`evaluate_with_targets`] to judge each unit against
/// its own assigned and pledged targets.
///
/// The directive is [validated](Directive::validate) first (a directive built in code may
/// break a rule that `Directive::from_json` enforces). It runs on the compiled engine
/// ([`crate::engine`]), which gives exactly the answer of [`evaluate_rowwise`].
///
/// Errors name the row: the location's path is `results[3]` (or `results[3].baseline`…) and
/// its context names the unit, target and period (`unit "A", target "7", period "2024"`):
/// an unknown target or component id, two rows for the same unit × target × period with the
/// same provenance and date, a period outside the directive's years, a unit mismatch, a
/// missing baseline where the kind needs one, a row whose shape does not fit its target kind,
/// an overflow. Valid but suspicious input gives [`Evaluation::warnings`] instead.
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
/// assert_eq!(t.ratio.ok_or("no % of plan")?.to_string(), "52.50"); // % of the annual plan
/// assert_eq!(e.units[0].summary.headline_vi, "đạt và vượt 1/1 chỉ tiêu (vượt 1, đạt 0, không đạt 0)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(
    directive: &Directive,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    evaluate_with_targets(directive, &TargetTable::default(), results, opts)
}

/// Evaluates a result set against a directive, each unit against **its own targets**: the
/// figures the table assigns it (replacing the directive's), its pledge (evaluated beside),
/// and its figures for the directive's named plan levels. Units and targets without a row
/// fall back to the directive's figure (or, with `unassigned: "error"`, are an error).
/// Every target evaluation says which level applied (`level`, `level_label`, and the
/// explanation: "so với chỉ tiêu giao cho Huyện A (…)").
///
/// Runs on the compiled engine like [`evaluate`]. Errors: those of [`evaluate`], and those of
/// [`TargetTable::resolve`] (naming `targets[i]`).
///
/// ```
/// use thidua_core::*;
/// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
/// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
/// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
/// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
/// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
/// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
/// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
/// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
/// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
/// let table = TargetTable::from_json(r#"[{"unit": "Huyện Ia H'Drai", "target": "5", "not_applicable": true}]"#)?;
/// let r = ResultSet::from_json(r#"[{"unit": "Huyện Ia H'Drai", "target": "1", "period": "2024", "value": "11"}]"#)?;
/// let e = evaluate_with_targets(&d, &table, &r, &EvaluationOptions::default())?;
/// assert_eq!(e.units[0].target("5").ok_or("no target 5")?.status, Status::NotApplicable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_with_targets(
    directive: &Directive,
    table: &TargetTable,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    crate::engine::CompiledDirective::with_targets(directive, table, opts)?
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
    evaluate_rowwise_with_targets(directive, &TargetTable::default(), results, opts)
}

/// The row-wise reference implementation of [`evaluate_with_targets`].
pub fn evaluate_rowwise_with_targets(
    directive: &Directive,
    table: &TargetTable,
    results: &ResultSet,
    opts: &EvaluationOptions,
) -> Result<Evaluation> {
    rowwise(directive, table, results, opts, true)
}

/// The row-wise evaluation; `decimals_as_written` as in
/// [`ResultSource::decimals_as_written`](crate::engine::ResultSource::decimals_as_written).
pub(crate) fn rowwise(
    directive: &Directive,
    table: &TargetTable,
    results: &ResultSet,
    opts: &EvaluationOptions,
    decimals_as_written: bool,
) -> Result<Evaluation> {
    opts.validate()?;
    directive.validate()?;
    let resolved = table.resolve(directive)?;
    let targets: Vec<_> = directive.targets().collect();
    let groups = group_rows(directive, &targets, results)?;
    let mut warnings = Vec::new();
    if results.entries.iter().any(|r| r.provenance.is_some()) {
        let missing: Vec<usize> = (results.entries.iter().enumerate())
            .filter(|(_, r)| r.provenance.is_none() && (r.has_result() || r.reported.is_some()))
            .map(|(i, _)| i)
            .collect();
        provenance_missing(&missing, &mut warnings);
    }
    let mut cx = UnitContext::new(directive, &targets, table, &resolved, opts);
    cx.decimals_as_written = decimals_as_written;
    let mut units = Vec::with_capacity(groups.len());
    for ((unit, period), slots) in groups {
        let mut evals = Vec::with_capacity(targets.len());
        for (ti, slot) in slots.iter().enumerate() {
            evals.push(cx.target(unit, period, ti, slot, &mut warnings)?);
        }
        let items = item_statuses(directive, &evals);
        let summary = summary(
            opts,
            items.iter().map(|i| i.status),
            evals.iter().map(|t| t.status),
        );
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
        warnings,
    })
}

/// The headline of one (unit, period) under the options: over the items or the targets.
pub(crate) fn summary(
    opts: &EvaluationOptions,
    items: impl IntoIterator<Item = Status>,
    targets: impl IntoIterator<Item = Status>,
) -> Summary {
    match opts.headline_basis {
        HeadlineBasis::Items => Summary::with_form(
            HeadlineBasis::Items,
            opts.headline_count,
            opts.headline_form,
            items,
        ),
        HeadlineBasis::Targets => Summary::with_form(
            HeadlineBasis::Targets,
            opts.headline_count,
            opts.headline_form,
            targets,
        ),
    }
}

/// The warning for rows without provenance among rows that have one: `missing` are the rows
/// (in order) that carry a result but do not state their provenance, when some other row
/// states one.
pub(crate) fn provenance_missing(missing: &[usize], warnings: &mut Vec<Warning>) {
    if missing.is_empty() {
        return;
    }
    let shown: Vec<String> = missing
        .iter()
        .take(10)
        .map(|i| format!("results[{i}]"))
        .collect();
    let more = if missing.len() > 10 {
        format!(" (+{})", missing.len() - 10)
    } else {
        String::new()
    };
    warnings.push(Warning {
        code: WarningCode::ProvenanceMissing,
        row: (missing.len() == 1).then(|| missing[0]),
        unit: None,
        target: None,
        period: None,
        message_vi: format!(
            "{} dòng không ghi số ước hay chính thức trong khi các dòng khác có ghi; được hiểu là số chính thức: {}{more}.",
            missing.len(),
            shown.join(", ")
        ),
        message_en: format!(
            "{} rows do not say whether they are estimates or official while others do; read as official: {}{more}.",
            missing.len(),
            shown.join(", ")
        ),
    });
}

/// Checks every row against the directive (known target and component, period covered,
/// `component` only on composite targets) and groups the rows by (unit, period). Several rows
/// for one slot are kept: the supersede rule picks one when the target is evaluated.
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
            groups.push((key, (0..targets.len()).map(|_| Slot::default()).collect()));
            groups.len() - 1
        });
        let slot = &mut groups[g].1[ti];
        place_row(slot, &targets[ti].target.spec, i, row).map_err(in_row)?;
    }
    Ok(groups)
}

/// Puts row `i` in its target's slot: a main row, or a component row of a composite.
pub(crate) fn place_row<'a>(
    slot: &mut Slot<'a>,
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
            match slot.components.iter_mut().find(|(x, _)| x == c) {
                Some((_, list)) => list.push((i, row)),
                None => slot.components.push((c.clone(), vec![(i, row)])),
            }
        }
        (None, TargetSpec::CompositeDecrease { .. }) if !row.not_applicable => {
            return Err(rows::component_needed());
        }
        (Some(_), _) => {
            return Err(rows::component_not_allowed(&row.target, spec.kind()));
        }
        (None, _) => slot.main.push((i, row)),
    }
    Ok(())
}

/// Combines the statuses of an item's targets (see [`HeadlineBasis::Items`]): not applicable
/// if all are; else not met if any is; else no data if any is; else basically met if any is;
/// else exceeded if all are; else met.
///
/// ```
/// use thidua_core::{combine_statuses, Status};
/// assert_eq!(combine_statuses([Status::Exceeded, Status::Met]), Status::Met);
/// assert_eq!(combine_statuses([Status::Exceeded, Status::NoData]), Status::NoData);
/// assert_eq!(combine_statuses([Status::NoData, Status::NotMet]), Status::NotMet);
/// assert_eq!(combine_statuses([Status::Met, Status::BasicallyMet]), Status::BasicallyMet);
/// ```
pub fn combine_statuses(statuses: impl IntoIterator<Item = Status>) -> Status {
    // One pass, no allocation (the engine calls it for every item of every unit).
    let (mut any, mut not_met, mut no_data, mut basically, mut all_exceeded) =
        (false, false, false, false, true);
    for s in statuses {
        match s {
            Status::NotApplicable => continue,
            Status::NotMet => not_met = true,
            Status::NoData => no_data = true,
            Status::BasicallyMet => basically = true,
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
    } else if basically {
        Status::BasicallyMet
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
