//! The batch evaluation: grouping, the kernels, the row-wise rows, and the outputs.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::column::DecimalColumn;
use super::kernel::{in_percent_range, Fast, Fx};
use super::{CompiledDirective, ResultSource};
use crate::error::{Error, Result};
use crate::evaluate::rows::{self, row_error};
use crate::evaluate::{
    combine_statuses, AssessContext, Assessment, Evaluation, Explanation, HeadlineBasis,
    ItemEvaluation, Observation, Rows, Status, Summary, TargetEvaluation, UnitEvaluation,
};
use crate::format::explain::explain;
use crate::results::{Period, Provenance, ResultEntry};

const NONE: u32 = u32::MAX;

/// The evaluation of a batch, as columns: one row per unit × period × target, units and
/// periods in order of first appearance, targets in directive order (the order of
/// [`Evaluation::rows`]). Numbers and statuses only; every text is built on demand. The
/// decimals are held compactly ([`DecimalColumn`]: 9 bytes a value), exactly.
///
/// ```
/// use thidua_core::engine::CompiledDirective;
/// use thidua_core::{Directive, EvaluationOptions, ResultSet, Status};
/// let d = Directive::from_json(include_str!("../../../docs/examples/002_kon-tum-2024.json"))?;
/// let c = CompiledDirective::new(&d, &EvaluationOptions::default())?;
/// let r = ResultSet::from_json(r#"[{"unit": "A", "target": "3", "period": "2024-H1", "value": "2415"}]"#)?;
/// let b = c.evaluate(&r)?;
/// let row = b.row_of(0, "3").unwrap();
/// assert_eq!((b.status()[row], b.pro_rata()[row]), (Status::Exceeded, true)); // above 2.300 at mid-year
/// assert_eq!(b.threshold().get(row).unwrap().to_string(), "2300");
/// assert_eq!(b.summary(0).headline_vi, "đạt và vượt 1/14 chỉ tiêu (vượt 1, đạt 0, không đạt 0, chưa có số liệu 13)");
/// # Ok::<(), thidua_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct BatchEvaluation {
    compiled: CompiledDirective,
    groups: Vec<(String, Period)>,
    status: Vec<Status>,
    ratio: DecimalColumn,
    gap: DecimalColumn,
    result: DecimalColumn,
    baseline: DecimalColumn,
    achieved: DecimalColumn,
    threshold: DecimalColumn,
    pro_rata: Vec<bool>,
    provenance: Vec<Option<Provenance>>,
    source: Vec<u32>,
    /// The observations of the rows evaluated row-wise (for their explanations).
    observations: HashMap<usize, Observation>,
    /// Item statuses, `groups × items`.
    items: Vec<Status>,
}

/// Locates an error in row `i` (reading the row whole, only on this error path).
fn in_row<S: ResultSource + ?Sized>(src: &S, i: usize, e: Error) -> Error {
    match src.entry(i) {
        Ok(row) => row_error(e, i, &row),
        Err(_) => e.at_index(i).in_field("results"),
    }
}

pub(super) fn run<S: ResultSource + ?Sized>(
    c: &CompiledDirective,
    src: &S,
) -> Result<BatchEvaluation> {
    let inner = &*c.inner;
    let targets = &inner.targets;
    let nt = targets.len();
    let n = src.rows();

    // 1. Group the rows by (unit, period) in order of first appearance, checking each row as
    //    the row-wise path does, in the same order.
    let mut unit_of: HashMap<&str, u32> = HashMap::new();
    let mut units: Vec<&str> = Vec::new();
    let mut group_of: HashMap<(u32, Period), u32> = HashMap::new();
    let mut groups: Vec<(u32, Period)> = Vec::new();
    let mut slots: Vec<u32> = Vec::new();
    let mut components: HashMap<usize, Vec<u32>> = HashMap::new();
    let mut prev_unit: Option<(&str, u32)> = None;
    let mut prev_group: Option<(u32, Period, u32)> = None;
    let mut next_target = 0usize;
    for i in 0..n {
        let tid = src.target(i);
        // Long tables list the targets in directive order: try the next one first.
        let ti = match targets.get(next_target) {
            Some(t) if t.canonical && t.id == tid => next_target,
            _ => match inner.index.get(tid) {
                Some(&ti) => ti,
                None => return Err(in_row(src, i, rows::unknown_target(tid))),
            },
        };
        next_target = if ti + 1 == nt { 0 } else { ti + 1 };
        let period = src.period(i)?;
        if !inner.coverage.contains(period.year) {
            return Err(in_row(
                src,
                i,
                rows::period_outside(period, &inner.coverage),
            ));
        }
        let unit = src.unit(i);
        let u = match prev_unit {
            Some((name, u)) if name == unit => u,
            _ => {
                let u = *unit_of.entry(unit).or_insert_with(|| {
                    units.push(unit);
                    (units.len() - 1) as u32
                });
                prev_unit = Some((unit, u));
                u
            }
        };
        let g = match prev_group {
            Some((pu, pp, g)) if pu == u && pp == period => g,
            _ => {
                let g = *group_of.entry((u, period)).or_insert_with(|| {
                    groups.push((u, period));
                    slots.resize(slots.len() + nt, NONE);
                    (groups.len() - 1) as u32
                });
                prev_group = Some((u, period, g));
                g
            }
        };
        let slot = g as usize * nt + ti;
        let t = &targets[ti];
        match (src.component(i), &t.components) {
            (Some(comp), Some(ids)) => {
                if !ids.iter().any(|x| x == comp) {
                    return Err(in_row(
                        src,
                        i,
                        rows::unknown_component(tid, comp, ids.iter().map(String::as_str)),
                    ));
                }
                let list = components.entry(slot).or_default();
                if let Some(&j) = list
                    .iter()
                    .find(|&&j| src.component(j as usize) == Some(comp))
                {
                    return Err(in_row(
                        src,
                        i,
                        rows::duplicate(&format!("{tid}/{comp}"), j as usize),
                    ));
                }
                list.push(i as u32);
            }
            (None, Some(_)) if !src.not_applicable(i)? => {
                return Err(in_row(src, i, rows::component_needed()));
            }
            (Some(_), None) => {
                return Err(in_row(src, i, rows::component_not_allowed(tid, t.kind)));
            }
            (None, _) => {
                if slots[slot] != NONE {
                    return Err(in_row(src, i, rows::duplicate(tid, slots[slot] as usize)));
                }
                slots[slot] = i as u32;
            }
        }
    }

    // 2. Evaluate every slot: the kernel for plain rows, the row-wise rules for the others.
    let rows = groups.len() * nt;
    let opts = &inner.opts;
    let digits = opts.ratio_digits;
    let mut out = BatchEvaluation {
        compiled: c.clone(),
        groups: Vec::with_capacity(groups.len()),
        status: Vec::with_capacity(rows),
        ratio: DecimalColumn::with_capacity(rows),
        gap: DecimalColumn::with_capacity(rows),
        result: DecimalColumn::with_capacity(rows),
        baseline: DecimalColumn::with_capacity(rows),
        achieved: DecimalColumn::with_capacity(rows),
        threshold: DecimalColumn::with_capacity(rows),
        pro_rata: Vec::with_capacity(rows),
        provenance: Vec::with_capacity(rows),
        source: Vec::with_capacity(rows),
        observations: HashMap::new(),
        items: Vec::with_capacity(groups.len() * inner.items.len()),
    };
    for (g, &(u, period)) in groups.iter().enumerate() {
        let months = period.months();
        for (ti, t) in targets.iter().enumerate() {
            let slot = g * nt + ti;
            let main = slots[slot];
            if t.components.is_none() {
                if main == NONE {
                    out.push_fast(Fast::bare(Status::NoData), None, None, None, NONE);
                    continue;
                }
                let i = main as usize;
                if src.is_plain(i, t.scale) {
                    // Both numbers as fixed point, or the row-wise way for one beyond `i64`.
                    let fixed = |d: Option<Decimal>| match d {
                        None => Some(None),
                        Some(d) => Fx::of(d).map(Some),
                    };
                    if let (Some(v), Some(b)) = (fixed(src.value(i)?), fixed(src.baseline(i)?)) {
                        let in_range = !t.bounded
                            || [v, b]
                                .into_iter()
                                .flatten()
                                .all(|x| in_percent_range(x) == Some(true));
                        if in_range {
                            if let Some(a) = t.kernel.assess(v, b, months, digits) {
                                out.push_fast(a, v, b, Some(src.provenance(i)?), main);
                                continue;
                            }
                        }
                    }
                }
            }
            // The row-wise rules, exactly as `evaluate_rowwise` applies them.
            let comps = components.get(&slot).map(Vec::as_slice).unwrap_or(&[]);
            let main_entry = if main == NONE {
                None
            } else {
                Some(src.entry(main as usize)?)
            };
            let comp_entries: Vec<(usize, Cow<'_, ResultEntry>)> = comps
                .iter()
                .map(|&j| Ok((j as usize, src.entry(j as usize)?)))
                .collect::<Result<_>>()?;
            let slot_rows = Rows {
                main: main_entry.as_deref().map(|e| (main as usize, e)),
                components: comp_entries.iter().map(|(j, e)| (*j, &**e)).collect(),
            };
            let ctx = AssessContext::new(period, opts);
            let (obs, provenance, a) =
                rows::assess_slot(&t.spec, &slot_rows, &ctx, units[u as usize], t.id.as_str())?;
            let first = slot_rows
                .main
                .or_else(|| slot_rows.components.first().copied())
                .map_or(NONE, |(i, _)| i as u32);
            out.push(a, obs.value, obs.baseline, provenance, first);
            out.observations.insert(slot, obs);
        }
        out.groups.push((units[u as usize].to_string(), period));
        let st = &out.status[g * nt..(g + 1) * nt];
        for (_, idx) in &inner.items {
            out.items.push(combine_statuses(idx.iter().map(|&i| st[i])));
        }
    }
    Ok(out)
}

impl BatchEvaluation {
    /// A row assessed by the row-wise rules.
    fn push(
        &mut self,
        a: Assessment,
        result: Option<Decimal>,
        baseline: Option<Decimal>,
        provenance: Option<Provenance>,
        source: u32,
    ) {
        self.status.push(a.status);
        self.ratio.push(a.ratio);
        self.gap.push(a.gap);
        self.result.push(result);
        self.baseline.push(baseline);
        self.achieved.push(a.achieved);
        self.threshold.push(a.threshold);
        self.pro_rata.push(a.pro_rata);
        self.provenance.push(provenance);
        self.source.push(source);
    }

    /// A row assessed by a kernel (or without a result row).
    #[inline]
    fn push_fast(
        &mut self,
        a: Fast,
        result: Option<Fx>,
        baseline: Option<Fx>,
        provenance: Option<Provenance>,
        source: u32,
    ) {
        let digits = self.compiled.inner.opts.ratio_digits;
        self.status.push(a.status);
        self.ratio.push_opt_fx(a.ratio.map(|m| Fx { m, s: digits }));
        self.gap.push_opt_fx(a.gap);
        self.result.push_opt_fx(result);
        self.baseline.push_opt_fx(baseline);
        self.achieved.push_opt_fx(a.achieved);
        self.threshold.push_opt_fx(a.threshold);
        self.pro_rata.push(a.pro_rata);
        self.provenance.push(provenance);
        self.source.push(source);
    }

    /// The compiled directive this batch was evaluated with.
    pub fn compiled(&self) -> &CompiledDirective {
        &self.compiled
    }

    /// Number of rows (units × periods × targets).
    pub fn rows(&self) -> usize {
        self.status.len()
    }

    /// Number of (unit, period) groups.
    pub fn groups(&self) -> usize {
        self.groups.len()
    }

    /// The unit and period of group `g`.
    pub fn group(&self, g: usize) -> (&str, Period) {
        let (u, p) = &self.groups[g];
        (u, *p)
    }

    /// The group of row `row`.
    pub fn group_of(&self, row: usize) -> usize {
        row / self.compiled.target_count().max(1)
    }

    /// The index (in directive order) of the target of row `row`.
    pub fn target_index(&self, row: usize) -> usize {
        row % self.compiled.target_count().max(1)
    }

    /// The id of the target of row `row`.
    pub fn target_id(&self, row: usize) -> &str {
        &self.compiled.inner.targets[self.target_index(row)].id
    }

    /// The row of target `id` in group `g`.
    pub fn row_of(&self, g: usize, id: &str) -> Option<usize> {
        let nt = self.compiled.target_count();
        let ti = *self.compiled.inner.index.get(id)?;
        (g < self.groups.len()).then_some(g * nt + ti)
    }

    /// Status per row.
    pub fn status(&self) -> &[Status] {
        &self.status
    }
    /// % of plan per row, rounded to `ratio_digits` (see [`Assessment::ratio`]).
    pub fn ratio(&self) -> &DecimalColumn {
        &self.ratio
    }
    /// Signed gap per row (see [`Assessment::gap`]).
    pub fn gap(&self) -> &DecimalColumn {
        &self.gap
    }
    /// The result value per row, in the target's scale.
    pub fn result(&self) -> &DecimalColumn {
        &self.result
    }
    /// The baseline per row, in the target's scale.
    pub fn baseline(&self) -> &DecimalColumn {
        &self.baseline
    }
    /// What was compared per row (see [`Assessment::achieved`]).
    pub fn achieved(&self) -> &DecimalColumn {
        &self.achieved
    }
    /// The threshold compared with per row (see [`Assessment::threshold`]).
    pub fn threshold(&self) -> &DecimalColumn {
        &self.threshold
    }
    /// Whether the in-year pro-rata rule applied, per row.
    pub fn pro_rata(&self) -> &[bool] {
        &self.pro_rata
    }
    /// Provenance per row (`None` without a result row).
    pub fn provenance(&self) -> &[Option<Provenance>] {
        &self.provenance
    }
    /// The input row behind each output row (the main row, or a composite's first
    /// component row); `None` when the target had no row.
    pub fn source_row(&self, row: usize) -> Option<usize> {
        let s = self.source[row];
        (s != NONE).then_some(s as usize)
    }
    /// How many output rows were evaluated by the row-wise rules rather than a kernel.
    pub fn row_wise_rows(&self) -> usize {
        self.observations.len()
    }

    /// The item statuses of group `g`, one per numbered item, in directive order.
    pub fn item_statuses(&self, g: usize) -> impl Iterator<Item = (u32, Status)> + '_ {
        let ni = self.compiled.inner.items.len();
        self.compiled
            .inner
            .items
            .iter()
            .zip(&self.items[g * ni..(g + 1) * ni])
            .map(|((n, _), s)| (*n, *s))
    }

    /// The [`Assessment`] of row `row`.
    pub fn assessment(&self, row: usize) -> Assessment {
        Assessment {
            status: self.status[row],
            ratio: self.ratio.get(row),
            gap: self.gap.get(row),
            achieved: self.achieved.get(row),
            threshold: self.threshold.get(row),
            pro_rata: self.pro_rata[row],
        }
    }

    fn observation(&self, row: usize) -> Cow<'_, Observation> {
        match self.observations.get(&row) {
            Some(o) => Cow::Borrowed(o),
            None => Cow::Owned(Observation {
                value: self.result.get(row),
                baseline: self.baseline.get(row),
                ..Default::default()
            }),
        }
    }

    /// The one-line explanation of row `row` (Vietnamese and English), built now.
    pub fn explanation(&self, row: usize) -> Explanation {
        let t = &self.compiled.inner.targets[self.target_index(row)];
        let period = self.groups[self.group_of(row)].1;
        explain(
            &t.spec,
            &self.observation(row),
            &self.assessment(row),
            period,
            &t.text_vi,
            &t.text_en,
            &self.compiled.inner.opts,
        )
    }

    /// The counts and headline of group `g`, built now.
    pub fn summary(&self, g: usize) -> Summary {
        let nt = self.compiled.target_count();
        match self.compiled.inner.opts.headline_basis {
            HeadlineBasis::Items => {
                Summary::from_statuses(HeadlineBasis::Items, self.item_statuses(g).map(|(_, s)| s))
            }
            HeadlineBasis::Targets => Summary::from_statuses(
                HeadlineBasis::Targets,
                self.status[g * nt..(g + 1) * nt].iter().copied(),
            ),
        }
    }

    /// The [`TargetEvaluation`] of row `row`, with its explanation.
    pub fn target_evaluation(&self, row: usize) -> TargetEvaluation {
        let t = &self.compiled.inner.targets[self.target_index(row)];
        TargetEvaluation {
            target: t.id.clone(),
            item: t.item,
            parent: t.parent.clone(),
            name: t.name.clone(),
            kind: t.kind,
            direction: t.direction,
            measure: t.measure,
            target_text: t.text_vi.clone(),
            status: self.status[row],
            ratio: self.ratio.get(row),
            gap: self.gap.get(row),
            result: self.result.get(row),
            baseline: self.baseline.get(row),
            achieved: self.achieved.get(row),
            threshold: self.threshold.get(row),
            pro_rata: self.pro_rata[row],
            provenance: self.provenance[row],
            explanation: self.explanation(row),
        }
    }

    /// The [`UnitEvaluation`] of group `g`, with every text.
    pub fn unit_evaluation(&self, g: usize) -> UnitEvaluation {
        let nt = self.compiled.target_count();
        let (unit, period) = &self.groups[g];
        UnitEvaluation {
            unit: unit.clone(),
            period: *period,
            targets: (g * nt..(g + 1) * nt)
                .map(|r| self.target_evaluation(r))
                .collect(),
            items: self
                .item_statuses(g)
                .map(|(number, status)| ItemEvaluation { number, status })
                .collect(),
            summary: self.summary(g),
        }
    }

    /// The whole [`Evaluation`], every explanation and headline included: what
    /// [`evaluate`](crate::evaluate()) returns.
    pub fn to_evaluation(&self) -> Evaluation {
        Evaluation {
            directive: self.compiled.inner.label.clone(),
            options: self.compiled.inner.opts,
            units: (0..self.groups.len())
                .map(|g| self.unit_evaluation(g))
                .collect(),
        }
    }
}
