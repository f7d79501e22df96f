//! The batch evaluation: grouping, the kernels, the row-wise rows, and the outputs.

use std::borrow::Cow;
use std::collections::HashMap;

use super::bytes::same_text;
use super::column::DecimalColumn;
use super::column::DecimalSlots;
use super::kernel::{in_percent_range, thousand_apart, Fast, Fx, Prepared};
use super::{CompiledDirective, CompiledTarget, Inner, ResultSource};
use crate::error::{Error, Result};
use crate::evaluate::rows::{self, row_error};
use crate::evaluate::unit::scale_suspect;
use crate::evaluate::{
    combine_statuses, provenance_missing, summary, Assessment, Evaluation, Explanation,
    ItemEvaluation, LevelKind, Observation, ResultForm, Slot, Status, Summary, TargetEvaluation,
    UnitContext, UnitEvaluation, Warning,
};
use crate::format::explain::{explain, provenance_words};
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
/// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
/// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
/// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
/// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
/// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
/// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
/// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
/// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
/// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
/// let c = CompiledDirective::new(&d, &EvaluationOptions::default())?;
/// let r = ResultSet::from_json(r#"[{"unit": "A", "target": "3", "period": "2024-H1", "value": "2415"}]"#)?;
/// let b = c.evaluate(&r)?;
/// let row = b.row_of(0, "3").ok_or("not found")?;
/// assert_eq!((b.status()[row], b.pro_rata()[row]), (Status::Exceeded, true)); // above 2.300 at mid-year
/// assert_eq!(b.threshold().get(row).ok_or("not found")?.to_string(), "2300");
/// assert_eq!(b.summary(0).headline_vi, "đạt và vượt 1/5 chỉ tiêu (vượt 1, đạt 0, không đạt 0, chưa có số liệu 4)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BatchEvaluation {
    compiled: CompiledDirective,
    /// The unit names, one after the other, in order of first appearance; `unit_end[u]` is
    /// where unit `u` ends (one buffer, not one allocation a unit).
    unit_text: String,
    unit_end: Vec<usize>,
    /// (unit, period) of each group.
    groups: Vec<(u32, Period)>,
    status: Vec<Status>,
    ratio: DecimalColumn,
    gap: DecimalColumn,
    result: DecimalColumn,
    baseline: DecimalColumn,
    achieved: DecimalColumn,
    threshold: DecimalColumn,
    pro_rata: Vec<bool>,
    provenance: Vec<Option<Provenance>>,
    /// Whether the row the kernel read stated its provenance (for the explanation).
    stated: Vec<bool>,
    source: Vec<u32>,
    /// The whole evaluations of the slots evaluated by the row-wise rules.
    full: HashMap<usize, TargetEvaluation>,
    /// Item statuses, `groups × items`.
    items: Vec<Status>,
    /// The warnings, in the order the row-wise evaluation gives them.
    warnings: Vec<Warning>,
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
    rows::check_rows(src.rows())?;

    // 1. Group the rows by (unit, period) in order of first appearance, checking each row as
    //    the row-wise path does, in the same order.
    let mut grouped = group_rows(inner, src)?;
    let refs: Vec<_> = inner.directive.targets().collect();
    let mut cx = UnitContext::new(
        &inner.directive,
        &refs,
        &inner.table,
        &inner.resolved,
        opts_of(inner),
    );
    cx.decimals_as_written = src.decimals_as_written();

    // 2. Evaluate every slot: the kernel for plain rows, the row-wise rules for the others,
    //    into columns sized once.
    let mut out = BatchEvaluation::sized(c, &grouped);
    let kernels = KernelPass {
        src,
        refs: &refs,
        digits: inner.opts.ratio_digits,
        as_written: cx.decimals_as_written,
    };
    out.full = evaluate_slots(inner, &kernels, &mut grouped, &mut cx, &mut out.columns())?;
    debug_assert_eq!(out.status.len(), grouped.slots.len());
    out.item_statuses_of_groups();
    out.warnings = grouped.warnings;
    Ok(out)
}

/// Step 2 of [`run`]: every slot, in order, written into the columns; the whole evaluations
/// of the slots the row-wise rules took.
fn evaluate_slots<S: ResultSource + ?Sized>(
    inner: &Inner,
    kernels: &KernelPass<'_, S>,
    grouped: &mut Grouped<'_>,
    cx: &mut UnitContext<'_>,
    w: &mut Writer<'_>,
) -> Result<HashMap<usize, TargetEvaluation>> {
    let src = kernels.src;
    let targets = &inner.targets;
    let nt = targets.len();
    // Targets whose plain rows may take a kernel (and whose missing rows are no data).
    let fast: Vec<bool> = targets
        .iter()
        .map(|t| t.plain && t.components.is_none())
        .collect();
    let no_extra = grouped.extra.is_empty();
    let mut prepared: Vec<PreparedFor> = vec![(u32::MAX, None); nt];
    let mut full = HashMap::new();
    for g in 0..grouped.groups.len() {
        let (u, period) = grouped.groups[g];
        let months = period.months();
        if w.status.len() < (g + 1) * nt {
            // The rows of the next groups added missing, a block at a time.
            let left = grouped.slots.len() - w.status.len();
            w.open(left.min(nt.max(OPEN_ROWS)));
        }
        for (ti, t) in targets.iter().enumerate() {
            let slot = g * nt + ti;
            let main = grouped.slots[slot];
            if fast[ti] && (no_extra || !grouped.extra.contains_key(&slot)) {
                if main == NONE {
                    // The row is open missing already: no data, no numbers.
                    continue;
                }
                if let Some((a, v, b)) =
                    kernels.assess(t, ti, main as usize, months, &mut prepared[ti])?
                {
                    let stated = src.provenance(main as usize)?;
                    w.fast(slot, &a, v, b, stated, main);
                    continue;
                }
            }
            // The row-wise rules, exactly as `evaluate_rowwise` applies them.
            let (main_rows, comp_rows) = slot_entries(src, grouped, slot)?;
            let rows_of = slot_of(&main_rows, &comp_rows);
            let unit = grouped.units[u as usize];
            let te = cx.target(unit, period, ti, &rows_of, &mut grouped.warnings)?;
            w.evaluated(slot, &te);
            full.insert(slot, te);
        }
    }
    Ok(full)
}

/// Rows added missing to the columns at a time (a block of groups): few enough that each
/// column's fill is a short run of vector stores (the 8-byte mantissas: 2 KiB), many enough
/// that the 17 resizes are paid once for about a dozen groups instead of once a group.
const OPEN_ROWS: usize = 256;

/// What the kernels of one batch share: the rows, the directive's targets, the digits of the
/// % of plan and whether the source gives decimals as written.
struct KernelPass<'r, S: ?Sized> {
    src: &'r S,
    refs: &'r [crate::model::TargetRef<'r>],
    digits: u32,
    as_written: bool,
}

/// A kernel's assessment with the value and baseline it read, in fixed point.
type Kerneled = (Fast, Option<Fx>, Option<Fx>);

/// A target's kernel prepared for the scale of the last value it read (`u32::MAX`: none yet;
/// `None`: that kernel takes no preparation, or not at that scale).
type PreparedFor = (u32, Option<Prepared>);

impl<S: ResultSource + ?Sized> KernelPass<'_, S> {
    /// The kernel's assessment of plain row `i` for target `ti`, or `None` when the row goes
    /// the row-wise way (a number beyond fixed point, out of the percent range, no kernel
    /// answer, or a row the scale warning concerns).
    #[inline(always)]
    fn assess(
        &self,
        t: &CompiledTarget,
        ti: usize,
        i: usize,
        months: u8,
        prep: &mut PreparedFor,
    ) -> Result<Option<Kerneled>> {
        if !self.src.is_plain(i, t.scale) {
            return Ok(None);
        }
        // Both numbers as fixed point, or the row-wise way for one beyond `i64`.
        let Some((v, b)) = self.src.fixed_numbers(i)? else {
            return Ok(None);
        };
        if let Some(rf) = v {
            if prep.0 != rf.s {
                *prep = (rf.s, Prepared::new(&t.kernel, rf.s, self.digits));
            }
            if let Some(p) = prep.1.as_ref().filter(|p| p.applies(months)) {
                return Ok(self.prepared(p, t, ti, rf, b));
            }
        }
        let in_range = !t.bounded
            || [v, b]
                .into_iter()
                .flatten()
                .all(|x| in_percent_range(x) == Some(true));
        if !in_range {
            return Ok(None);
        }
        let Some(a) = t.kernel.assess(v, b, months, self.digits) else {
            return Ok(None);
        };
        Ok((!self.scale_suspect(t, ti, v, a.threshold)).then_some((a, v, b)))
    }

    /// [`assess`](Self::assess) by a kernel prepared for the value's scale.
    #[inline(always)]
    fn prepared(
        &self,
        p: &Prepared,
        t: &CompiledTarget,
        ti: usize,
        rf: Fx,
        b: Option<Fx>,
    ) -> Option<Kerneled> {
        if t.bounded
            && !(p.in_percent_range(rf) && b.is_none_or(|b| in_percent_range(b) == Some(true)))
        {
            return None;
        }
        let (a, far) = p.assess(rf)?;
        let suspect = (t.scale_check && far)
            || (self.as_written
                && rf.s == 3
                && scale_suspect(
                    &t.spec,
                    self.refs[ti].target,
                    Some(rf.dec()),
                    Some(p.threshold().dec()),
                ));
        (!suspect).then_some((a, Some(rf), b))
    }

    /// Whether the scale warning concerns a row: far off (10³ apart, in fixed point), or three
    /// decimals ("3.500", a thousands dot?), which the Decimal test decides.
    #[inline]
    fn scale_suspect(&self, t: &CompiledTarget, ti: usize, v: Option<Fx>, th: Option<Fx>) -> bool {
        match (v, th) {
            (Some(r), Some(th)) => {
                (t.scale_check && thousand_apart(r, th))
                    || (self.as_written
                        && r.s == 3
                        && scale_suspect(
                            &t.spec,
                            self.refs[ti].target,
                            Some(r.dec()),
                            Some(th.dec()),
                        ))
            }
            _ => false,
        }
    }
}

/// Rows of a slot read whole, with their row numbers.
type Entries<'s> = Vec<(usize, Cow<'s, ResultEntry>)>;

/// The main rows and the component rows of a slot, read whole for the row-wise rules.
fn slot_entries<'s, S: ResultSource + ?Sized>(
    src: &'s S,
    grouped: &Grouped<'_>,
    slot: usize,
) -> Result<(Entries<'s>, Entries<'s>)> {
    let main = grouped.slots[slot];
    let mut main_rows: Entries<'s> = Vec::new();
    if main != NONE {
        main_rows.push((main as usize, src.entry(main as usize)?));
        for &j in grouped.extra.get(&slot).map(Vec::as_slice).unwrap_or(&[]) {
            main_rows.push((j as usize, src.entry(j as usize)?));
        }
    }
    let mut comp_rows: Entries<'s> = Vec::new();
    for &j in grouped
        .components
        .get(&slot)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        comp_rows.push((j as usize, src.entry(j as usize)?));
    }
    Ok((main_rows, comp_rows))
}

/// The slot the row-wise rules read: the main rows, and the component rows by component.
fn slot_of<'r>(main_rows: &'r Entries<'_>, comp_rows: &'r Entries<'_>) -> Slot<'r> {
    let mut rows_of = Slot {
        main: main_rows.iter().map(|(i, e)| (*i, &**e)).collect(),
        components: Vec::new(),
    };
    for (j, e) in comp_rows {
        let c = e.component.clone().unwrap_or_default();
        match rows_of.components.iter_mut().find(|(x, _)| *x == c) {
            Some((_, list)) => list.push((*j, &**e)),
            None => rows_of.components.push((c, vec![(*j, &**e)])),
        }
    }
    rows_of
}

/// The rows of a batch grouped by (unit, period), each row checked as the row-wise path checks
/// it, and the warnings of that step.
struct Grouped<'s> {
    /// Unit names in order of first appearance.
    units: Vec<&'s str>,
    /// (unit, period) groups in order of first appearance.
    groups: Vec<(u32, Period)>,
    /// The main row of each `group × target` slot (`NONE` when none).
    slots: Vec<u32>,
    /// Further main rows of a slot (other provenances or dates: the supersede rule picks one).
    extra: HashMap<usize, Vec<u32>>,
    /// The component rows of a slot.
    components: HashMap<usize, Vec<u32>>,
    warnings: Vec<Warning>,
}

/// The (unit, period) groups as they are found: most units report one period, so the first
/// group of each unit is kept by the unit's index and only a unit's further groups are hashed.
#[derive(Default)]
struct GroupIndex {
    /// The first group of each unit, by unit index, and its period.
    first: Vec<(Period, u32)>,
    /// The further groups of a unit.
    more: HashMap<(u32, Period), u32>,
}

impl GroupIndex {
    /// The group of unit `u` in `period`, if there is one yet.
    #[inline]
    fn get(&self, u: u32, period: Period) -> Option<u32> {
        match self.first.get(u as usize) {
            None => None,
            Some(&(p, g)) if p == period => Some(g),
            Some(_) => self.more.get(&(u, period)).copied(),
        }
    }

    fn insert(&mut self, u: u32, period: Period, g: u32) {
        if u as usize == self.first.len() {
            self.first.push((period, g));
        } else {
            self.more.insert((u, period), g);
        }
    }
}

/// Step 1 of [`run`]: groups and checks the rows.
fn group_rows<'s, S: ResultSource + ?Sized>(inner: &Inner, src: &'s S) -> Result<Grouped<'s>> {
    let targets = &inner.targets;
    let nt = targets.len();
    let n = src.rows();
    // Long tables hold every target of a unit: about n / nt units (a hint, capped so that a
    // table of few units reserves little; beyond it the maps grow as they fill).
    let hint = (n / nt.max(1)).min(1 << 16);
    let mut unit_of: HashMap<&str, u32> = HashMap::with_capacity(hint);
    let mut units: Vec<&str> = Vec::with_capacity(hint);
    let mut group_of = GroupIndex::default();
    let mut groups: Vec<(u32, Period)> = Vec::with_capacity(hint);
    let mut slots: Vec<u32> = Vec::with_capacity(hint * nt);
    // Further main rows of a slot (other provenances or dates: the supersede rule picks one).
    let mut extra: HashMap<usize, Vec<u32>> = HashMap::new();
    let mut components: HashMap<usize, Vec<u32>> = HashMap::new();
    // Whether a row states its provenance (for the warning about those that do not).
    let mut any_stated = false;
    let mut prev_unit: Option<(&str, u32)> = None;
    let mut prev_group: Option<(u32, Period, u32)> = None;
    let mut next_target = 0usize;
    for i in 0..n {
        let tid = src.target(i);
        // Long tables list the targets in directive order: try the next one first.
        let ti = match targets.get(next_target) {
            Some(t) if t.canonical && same_text(&t.id, tid) => next_target,
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
            Some((name, u)) if same_text(name, unit) => u,
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
                let g = match group_of.get(u, period) {
                    Some(g) => g,
                    None => {
                        rows::check_new_group(groups.len(), nt).map_err(|e| in_row(src, i, e))?;
                        groups.push((u, period));
                        slots.resize(slots.len() + nt, NONE);
                        let g = (groups.len() - 1) as u32;
                        group_of.insert(u, period, g);
                        g
                    }
                };
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
                components.entry(slot).or_default().push(i as u32);
            }
            (None, Some(_)) if !src.not_applicable(i)? => {
                return Err(in_row(src, i, rows::component_needed()));
            }
            (Some(_), None) => {
                return Err(in_row(src, i, rows::component_not_allowed(tid, t.kind)));
            }
            (None, _) => {
                if slots[slot] == NONE {
                    slots[slot] = i as u32;
                } else {
                    extra.entry(slot).or_default().push(i as u32);
                }
            }
        }
        any_stated |= src.provenance(i)?.is_some();
    }
    let mut warnings = Vec::new();
    if any_stated {
        // The rows that carry a result without saying whether it is an estimate, in order
        // (a second pass, only when some row states one).
        let mut missing = Vec::new();
        for i in 0..n {
            if src.provenance(i)?.is_none() && src.has_result(i)? {
                missing.push(i);
            }
        }
        provenance_missing(&missing, &mut warnings);
    }
    Ok(Grouped {
        units,
        groups,
        slots,
        extra,
        components,
        warnings,
    })
}

fn opts_of(inner: &super::Inner) -> &crate::evaluate::EvaluationOptions {
    &inner.opts
}

/// The columns of a batch being written: a group's rows are added missing (no data, no
/// numbers, no source row) when the group begins, then each written once, by index.
struct Writer<'a> {
    digits: u32,
    status: &'a mut Vec<Status>,
    ratio: DecimalSlots<'a>,
    gap: DecimalSlots<'a>,
    result: DecimalSlots<'a>,
    baseline: DecimalSlots<'a>,
    achieved: DecimalSlots<'a>,
    threshold: DecimalSlots<'a>,
    pro_rata: &'a mut Vec<bool>,
    provenance: &'a mut Vec<Option<Provenance>>,
    stated: &'a mut Vec<bool>,
    source: &'a mut Vec<u32>,
}

impl Writer<'_> {
    /// Adds `n` missing rows (a group's) at the end of every column.
    #[inline]
    fn open(&mut self, n: usize) {
        let len = self.status.len() + n;
        self.status.resize(len, Status::NoData);
        for c in [
            &mut self.ratio,
            &mut self.gap,
            &mut self.result,
            &mut self.baseline,
            &mut self.achieved,
            &mut self.threshold,
        ] {
            c.open(n);
        }
        self.pro_rata.resize(len, false);
        self.provenance.resize(len, None);
        self.stated.resize(len, false);
        self.source.resize(len, NONE);
    }

    /// Row `r` assessed by a kernel from input row `source`, whose provenance is `stated`.
    #[inline(always)]
    fn fast(
        &mut self,
        r: usize,
        a: &Fast,
        result: Option<Fx>,
        baseline: Option<Fx>,
        stated: Option<Provenance>,
        source: u32,
    ) {
        self.status[r] = a.status;
        self.ratio.fx(r, a.ratio.map(|m| Fx { m, s: self.digits }));
        self.gap.fx(r, a.gap);
        self.result.fx(r, result);
        self.baseline.fx(r, baseline);
        self.achieved.fx(r, a.achieved);
        self.threshold.fx(r, a.threshold);
        self.pro_rata[r] = a.pro_rata;
        self.provenance[r] = Some(stated.unwrap_or_default());
        self.stated[r] = stated.is_some();
        self.source[r] = source;
    }

    /// Row `r` evaluated whole by the row-wise rules.
    fn evaluated(&mut self, r: usize, te: &TargetEvaluation) {
        self.status[r] = te.status;
        self.ratio.dec(r, te.ratio);
        self.gap.dec(r, te.gap);
        self.result.dec(r, te.result);
        self.baseline.dec(r, te.baseline);
        self.achieved.dec(r, te.achieved);
        self.threshold.dec(r, te.threshold);
        self.pro_rata[r] = te.pro_rata;
        self.provenance[r] = te.provenance;
        self.stated[r] = false;
        self.source[r] = te.row.map_or(NONE, |x| x as u32);
    }
}

impl BatchEvaluation {
    /// A batch of `grouped`'s groups of `c`'s targets, its columns empty with room for every
    /// row (each group's rows are then added and written by [`columns`](Self::columns)).
    fn sized(c: &CompiledDirective, grouped: &Grouped<'_>) -> BatchEvaluation {
        let rows = grouped.slots.len();
        let mut unit_text = String::new();
        let mut unit_end = Vec::with_capacity(grouped.units.len());
        for u in &grouped.units {
            unit_text.push_str(u);
            unit_end.push(unit_text.len());
        }
        BatchEvaluation {
            compiled: c.clone(),
            unit_text,
            unit_end,
            groups: grouped.groups.clone(),
            status: Vec::with_capacity(rows),
            ratio: DecimalColumn::with_capacity(rows),
            gap: DecimalColumn::with_capacity(rows),
            result: DecimalColumn::with_capacity(rows),
            baseline: DecimalColumn::with_capacity(rows),
            achieved: DecimalColumn::with_capacity(rows),
            threshold: DecimalColumn::with_capacity(rows),
            pro_rata: Vec::with_capacity(rows),
            provenance: Vec::with_capacity(rows),
            stated: Vec::with_capacity(rows),
            source: Vec::with_capacity(rows),
            full: HashMap::new(),
            items: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The columns, to be written row by row.
    fn columns(&mut self) -> Writer<'_> {
        Writer {
            digits: self.compiled.inner.opts.ratio_digits,
            status: &mut self.status,
            ratio: self.ratio.slots(),
            gap: self.gap.slots(),
            result: self.result.slots(),
            baseline: self.baseline.slots(),
            achieved: self.achieved.slots(),
            threshold: self.threshold.slots(),
            pro_rata: &mut self.pro_rata,
            provenance: &mut self.provenance,
            stated: &mut self.stated,
            source: &mut self.source,
        }
    }

    /// The status of each item of each group, from its targets' statuses (an item of one
    /// target has that target's status).
    fn item_statuses_of_groups(&mut self) {
        let inner = &*self.compiled.inner;
        let (nt, ni) = (inner.targets.len(), inner.items.len());
        let mut items = Vec::with_capacity(self.groups.len() * ni);
        // (No targets, no rows and no groups.)
        for st in self.status.chunks_exact(nt.max(1)) {
            items.extend(inner.items.iter().map(|(_, idx)| match idx.as_slice() {
                [one] => st[*one],
                _ => combine_statuses(idx.iter().map(|&i| st[i])),
            }));
        }
        self.items = items;
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
        let (u, p) = self.groups[g];
        (self.unit_name(u as usize), p)
    }

    /// The name of unit `u` (units numbered in order of first appearance).
    fn unit_name(&self, u: usize) -> &str {
        let start = if u == 0 { 0 } else { self.unit_end[u - 1] };
        &self.unit_text[start..self.unit_end[u]]
    }

    /// The distinct units, in order of first appearance, and the (unit number, period) of
    /// each group: the keys of the output's dictionary columns, without hashing a name.
    #[cfg(feature = "arrow")]
    pub(super) fn group_keys(&self) -> (Vec<&str>, &[(u32, Period)]) {
        let units = (0..self.unit_end.len())
            .map(|u| self.unit_name(u))
            .collect();
        (units, &self.groups)
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
        self.full.len()
    }

    /// The warnings (valid but suspicious input), in the order
    /// [`evaluate_rowwise`](crate::evaluate::evaluate_rowwise) gives them.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
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

    /// The one-line explanation of row `row` (Vietnamese and English), built now.
    pub fn explanation(&self, row: usize) -> Explanation {
        if let Some(te) = self.full.get(&row) {
            return te.explanation.clone();
        }
        let t = &self.compiled.inner.targets[self.target_index(row)];
        let period = self.groups[self.group_of(row)].1;
        let obs = Observation {
            value: self.result.get(row),
            baseline: self.baseline.get(row),
            ..Default::default()
        };
        let mut x = explain(
            &t.spec,
            &obs,
            &self.assessment(row),
            period,
            &t.text_vi,
            &t.text_en,
            &self.compiled.inner.opts,
            None,
        );
        if self.stated[row] {
            provenance_words(&mut x, self.provenance[row], None, None, false);
        }
        x
    }

    /// The counts and headline of group `g`, built now.
    pub fn summary(&self, g: usize) -> Summary {
        let nt = self.compiled.target_count();
        summary(
            &self.compiled.inner.opts,
            self.item_statuses(g).map(|(_, s)| s),
            self.status[g * nt..(g + 1) * nt].iter().copied(),
        )
    }

    /// The [`TargetEvaluation`] of row `row`, with its explanation.
    pub fn target_evaluation(&self, row: usize) -> TargetEvaluation {
        if let Some(te) = self.full.get(&row) {
            return te.clone();
        }
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
            level: "directive".into(),
            level_kind: LevelKind::Directive,
            level_label: t.level_label.clone(),
            levels: Vec::new(),
            form: self.result.is_valid(row).then_some(ResultForm::Value),
            qualifier: None,
            result_high: None,
            share_of_plan: None,
            change: None,
            reported_verdict: None,
            reported: None,
            row: self.source_row(row),
            date: None,
            source: None,
            note: None,
            revisions: Vec::new(),
            status_changed: false,
            literal_status: None,
            conventions: Vec::new(),
            explanation: self.explanation(row),
        }
    }

    /// The [`UnitEvaluation`] of group `g`, with every text.
    pub fn unit_evaluation(&self, g: usize) -> UnitEvaluation {
        let nt = self.compiled.target_count();
        let (unit, period) = self.group(g);
        UnitEvaluation {
            unit: unit.to_string(),
            period,
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
            warnings: self.warnings.clone(),
        }
    }
}
