//! The evaluation of one target for one unit and period, from its rows: the unit's levels
//! (its own figures, the directive's named levels, the pledge), the result forms, the
//! supersede rule and revisions, the reporting conventions and the "cơ bản đạt" band, the
//! warnings and the explanation. Used by the row-wise evaluation and by the engine for every
//! slot its kernels do not take, so that both give one answer.

use std::borrow::Cow;
use std::collections::HashSet;

use rust_decimal::prelude::*;

use super::forms::{prepare, LevelRef, Prepared};
use super::rows::{self, row_error, Rows};
use super::*;
use crate::error::{excerpt, Error, Location, Result};
use crate::format::explain::{explain, explain_extras, Extras};
use crate::model::{Comparator, Direction, Directive, Target, TargetRef, TargetSpec};
use crate::quantity::{rescale, Scale};
use crate::results::{Judgement, Period, Provenance, ResultEntry, Supersede};
use crate::unit_targets::{ResolvedTargets, TargetTable};

/// The status a printed verdict stands for.
pub(crate) fn status_of(j: Judgement) -> Status {
    match j {
        Judgement::Exceeded => Status::Exceeded,
        Judgement::Met => Status::Met,
        Judgement::NotMet => Status::NotMet,
    }
}

/// One level of a target for one unit.
struct Level<'a> {
    id: Cow<'a, str>,
    kind: LevelKind,
    label_vi: String,
    label_en: String,
    spec: Cow<'a, TargetSpec>,
    text: Option<(String, String)>,
}

impl Level<'_> {
    fn texts(&self) -> (String, String) {
        self.text
            .clone()
            .unwrap_or_else(|| (self.spec.describe_vi(), self.spec.describe_en()))
    }
}

/// A named level's figure in the scale of the target's own figure, so that one result
/// value reads the same against every level.
fn in_scale(spec: &TargetSpec, scale: Scale) -> Result<Cow<'_, TargetSpec>> {
    if spec.result_scale() == scale {
        return Ok(Cow::Borrowed(spec));
    }
    let q = |x: &crate::quantity::Quantity| -> Result<crate::quantity::Quantity> {
        x.to_scale(scale, "levels")
    };
    Ok(Cow::Owned(match spec {
        TargetSpec::PerCapita {
            comparator,
            value,
            per,
            per_time,
        } => TargetSpec::PerCapita {
            comparator: *comparator,
            value: q(value)?,
            per: *per,
            per_time: *per_time,
        },
        TargetSpec::Amount {
            comparator,
            value,
            measure,
        } => TargetSpec::Amount {
            comparator: *comparator,
            value: q(value)?,
            measure: *measure,
        },
        TargetSpec::Ceiling { comparator, value } => TargetSpec::Ceiling {
            comparator: *comparator,
            value: q(value)?,
        },
        TargetSpec::Range {
            low,
            high,
            above_high,
        } => TargetSpec::Range {
            low: q(low)?,
            high: q(high)?,
            above_high: *above_high,
        },
        TargetSpec::Reference {
            comparator,
            reference,
            unit,
            scale: s,
            measure,
            value,
        } => TargetSpec::Reference {
            comparator: *comparator,
            reference: reference.clone(),
            unit: unit.clone(),
            scale,
            measure: *measure,
            value: value.map(|v| rescale(v, *s, scale, "levels")).transpose()?,
        },
        other => other.clone(),
    }))
}

/// The comparator of a target stated with a strict bound ("trên", "dưới"), if any.
fn strict_comparator(spec: &TargetSpec) -> Option<Comparator> {
    let c = match spec {
        TargetSpec::Rate { comparator, .. }
        | TargetSpec::GrowthRate { comparator, .. }
        | TargetSpec::ThresholdShare { comparator, .. }
        | TargetSpec::PerCapita { comparator, .. }
        | TargetSpec::Count { comparator, .. }
        | TargetSpec::Amount { comparator, .. }
        | TargetSpec::Ceiling { comparator, .. }
        | TargetSpec::Reference { comparator, .. } => *comparator,
        _ => return None,
    };
    matches!(c, Comparator::Above | Comparator::Below).then_some(c)
}

/// Applies the declared reporting conventions and the "cơ bản đạt" band to an assessment.
/// Returns the literal status when it changed, and the names of what changed it.
fn adjust(
    spec: &TargetSpec,
    a: &mut Assessment,
    opts: &EvaluationOptions,
) -> (Option<Status>, Vec<String>) {
    let literal = a.status;
    let mut s = literal;
    let mut names: Vec<String> = Vec::new();
    let c = opts.conventions;
    let mut set = |s: &mut Status, to: Status, name: &str| {
        if *s != to {
            *s = to;
            names.push(name.to_string());
        }
    };
    if c.strict_bound_as_limit && matches!(s, Status::Exceeded | Status::NotMet) {
        if let (Some(cmp), Some(ach), Some(th)) = (strict_comparator(spec), a.achieved, a.threshold)
        {
            let on_side = match cmp {
                Comparator::Above => ach >= th,
                _ => ach <= th,
            };
            if on_side {
                set(&mut s, Status::Met, "strict_bound_as_limit");
            }
        }
    }
    if c.reduction_range_lower_bound && s == Status::Met {
        if let (
            TargetSpec::Reduction {
                value,
                value_high: Some(_),
                ..
            },
            Some(ach),
        ) = (spec, a.achieved)
        {
            if ach > *value {
                set(&mut s, Status::Exceeded, "reduction_range_lower_bound");
            }
        }
    }
    if c.exceeded_only_for_flows
        && s == Status::Exceeded
        && spec.measure() == crate::model::Measure::Level
    {
        set(&mut s, Status::Met, "exceeded_only_for_flows");
    }
    if c.reached_is_exceeded && s == Status::Met {
        set(&mut s, Status::Exceeded, "reached_is_exceeded");
    }
    if let (Some(band), Status::NotMet, Some(r)) = (opts.basically_met_at, s, a.ratio) {
        if r >= band && r <= Decimal::ONE_HUNDRED {
            set(&mut s, Status::BasicallyMet, "basically_met_at");
        }
    }
    a.status = s;
    if s == literal {
        // Conventions that cancel out leave the literal reading.
        names.clear();
    }
    ((s != literal).then_some(literal), names)
}

/// Assesses a prepared row: a verdict, a range (the worse end), or a value.
fn assess_prepared(
    spec: &TargetSpec,
    p: &Prepared,
    period: Period,
    opts: &EvaluationOptions,
) -> Result<(Assessment, bool)> {
    if let Some(j) = p.fixed {
        return Ok((Assessment::bare(status_of(j)), false));
    }
    let ctx = AssessContext::new(period, opts);
    let a = assess(spec, &p.obs, &ctx)?;
    if let Some(hi) = &p.obs_high {
        let b = assess(spec, hi, &ctx)?;
        if a.status != b.status {
            // A range result meets the target only if all of it does: the worse end decides.
            return Ok((
                if b.status.merit() < a.status.merit() {
                    b
                } else {
                    a
                },
                true,
            ));
        }
        if spec.direction() == Direction::LowerIsBetter {
            return Ok((b, false));
        }
    }
    Ok((a, false))
}

/// The rows of one (unit, period) for one target: every main row (several when they differ
/// in provenance or date) and, for a composite target, the rows of each component.
#[derive(Default)]
pub(crate) struct Slot<'a> {
    pub main: Vec<(usize, &'a ResultEntry)>,
    pub components: Vec<(String, Vec<(usize, &'a ResultEntry)>)>,
}

/// What the evaluation of one target for one unit needs: the directive's targets, the
/// options, each unit's own targets. Shared by the row-wise evaluation and the engine's
/// row-wise slots, so that both give one answer.
pub(crate) struct UnitContext<'a> {
    pub targets: &'a [TargetRef<'a>],
    pub opts: &'a EvaluationOptions,
    pub resolved: &'a ResolvedTargets,
    pub explicit: bool,
    /// Whether values' decimals are as written ([`ResultSource::decimals_as_written`]):
    /// only then does a value with three decimals get the thousands-dot warning.
    ///
    /// [`ResultSource::decimals_as_written`]: crate::engine::ResultSource::decimals_as_written
    pub decimals_as_written: bool,
    pub assigned_targets: HashSet<&'a str>,
    pub texts: Vec<(String, String)>,
    pub dir_label_vi: String,
    pub dir_label_en: String,
}

/// One target being evaluated for one unit and period: where its errors and warnings go.
struct TargetAt<'r> {
    unit: &'r str,
    period: Period,
    id: &'r str,
    slot: &'r Slot<'r>,
}

impl TargetAt<'_> {
    /// Locates an error in row `i` of the unit's rows (else its first row), else in words.
    fn in_row(&self, e: Error, i: Option<usize>) -> Error {
        let slot = self.slot;
        let at = i
            .and_then(|i| slot.main.iter().find(|(j, _)| *j == i).copied())
            .or_else(|| slot.main.first().copied())
            .or_else(|| slot.components.first().and_then(|c| c.1.first().copied()));
        match at {
            Some((i, r)) => row_error(e, i, r),
            None => e.with_context(|| {
                format!(
                    "unit {:?}, target {:?}, period \"{}\"",
                    excerpt(self.unit),
                    excerpt(self.id),
                    self.period
                )
            }),
        }
    }
}

/// The figure used assessed against the unit's level.
struct Judged {
    /// After the reporting conventions and the band.
    a: Assessment,
    /// A range result whose two ends are judged differently (the worse end is used).
    straddle: bool,
    /// The status before the conventions.
    before: Status,
    /// The literal status, when the conventions changed it.
    literal: Option<Status>,
}

/// Copies what the figure used says into the evaluation.
fn record_figure(te: &mut TargetEvaluation, p: &Prepared) {
    te.provenance = Some(p.entry.effective_provenance());
    te.form = p.form;
    te.qualifier = p.entry.qualifier;
    te.result_high = p.obs_high.as_ref().and_then(|h| h.value);
    te.share_of_plan = p.entry.share_of_plan;
    te.change = p.entry.change;
    te.reported_verdict = p.reported_verdict.or(p.fixed);
    te.reported = p.entry.reported.clone();
    te.row = p.row;
    te.date = p.entry.date;
    te.source = p.entry.source.clone();
    te.note = p.entry.note.clone();
    te.result = p.obs.value;
    te.baseline = p.obs.baseline;
}

/// Copies the assessment into the evaluation.
fn record_assessment(te: &mut TargetEvaluation, j: &Judged, conventions: Vec<String>) {
    te.status = j.a.status;
    te.ratio = j.a.ratio;
    te.gap = j.a.gap;
    te.achieved = j.a.achieved;
    te.threshold = j.a.threshold;
    te.pro_rata = j.a.pro_rata;
    te.literal_status = j.literal;
    te.conventions = conventions;
}

impl<'a> UnitContext<'a> {
    /// The context of `directive` under `opts`, with each unit's own targets.
    pub fn new(
        directive: &Directive,
        targets: &'a [TargetRef<'a>],
        table: &'a TargetTable,
        resolved: &'a ResolvedTargets,
        opts: &'a EvaluationOptions,
    ) -> UnitContext<'a> {
        let dir_label = directive.label();
        UnitContext {
            targets,
            opts,
            resolved,
            explicit: !table.is_empty(),
            decimals_as_written: true,
            assigned_targets: table
                .entries
                .iter()
                .filter(|r| r.level() == "assigned")
                .map(|r| r.target.as_str())
                .collect(),
            texts: targets
                .iter()
                .map(|t| (t.target.spec.describe_vi(), t.target.spec.describe_en()))
                .collect(),
            dir_label_vi: format!("của {dir_label}"),
            dir_label_en: format!("of {dir_label}"),
        }
    }

    /// Whether target `ti` can go the engine's fast path for every unit: no named levels,
    /// options the kernels know, and no target table.
    pub fn plain_target(&self, ti: usize) -> bool {
        let t = self.targets[ti].target;
        t.levels.is_empty()
            && t.default_level.is_none()
            && self.opts.conventions.is_literal()
            && self.opts.basically_met_at.is_none()
            && self.opts.unassigned != Unassigned::Error
            && !self.explicit
    }
    fn warn(
        &self,
        out: &mut Vec<Warning>,
        row: Option<usize>,
        unit: &str,
        target: &str,
        period: Period,
        w: (WarningCode, String, String),
    ) {
        out.push(Warning {
            code: w.0,
            row,
            unit: Some(unit.to_string()),
            target: Some(target.to_string()),
            period: Some(period),
            message_vi: w.1,
            message_en: w.2,
        });
    }

    /// The levels of a target for a unit (the one in effect first), the index of the
    /// default, and the table row that marks it not applicable.
    #[allow(clippy::type_complexity)]
    fn levels(
        &self,
        ti: usize,
        unit: &str,
        period: Period,
    ) -> Result<(Vec<Level<'a>>, usize, Option<usize>, bool)> {
        let t: &'a Target = self.targets[ti].target;
        let id = t.id.as_str();
        let year = period.year;
        let scale = t.spec.result_scale();
        let mut levels: Vec<Level<'a>> = Vec::with_capacity(1 + t.levels.len());
        let assigned = self.resolved.get(unit, id, "assigned", year);
        if let Some(a) = assigned {
            match &a.spec {
                None => return Ok((Vec::new(), 0, Some(a.row), true)),
                Some(spec) => levels.push(Level {
                    id: Cow::Borrowed("assigned"),
                    kind: LevelKind::Assigned,
                    label_vi: format!("giao cho {unit}"),
                    label_en: format!("assigned to {unit}"),
                    spec: in_scale(spec, scale)?,
                    text: None,
                }),
            }
        } else {
            if self.opts.unassigned == Unassigned::Error
                && !matches!(
                    t.spec,
                    TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. }
                )
            {
                return Err(Error::InvalidInput {
                    location: Location::new()
                        .with_context(format!("unit {unit:?}, target {id:?}, period \"{period}\"")),
                    reason: "the target table assigns this unit no figure for this target, and the options say unassigned = error (give a row with `value`, `spec` or `not_applicable`)".into(),
                });
            }
            levels.push(Level {
                id: Cow::Borrowed("directive"),
                kind: LevelKind::Directive,
                label_vi: t
                    .level_label
                    .clone()
                    .unwrap_or_else(|| self.dir_label_vi.clone()),
                label_en: t
                    .level_label
                    .clone()
                    .unwrap_or_else(|| self.dir_label_en.clone()),
                spec: Cow::Borrowed(&t.spec),
                text: Some(self.texts[ti].clone()),
            });
        }
        for l in &t.levels {
            let own = self.resolved.get(unit, id, &l.id, year);
            let spec = match own {
                Some(r) => match &r.spec {
                    Some(s) => s,
                    None => continue,
                },
                None if assigned.is_some() => continue, // the province's figure is not the unit's
                None => &l.spec,
            };
            levels.push(Level {
                id: Cow::Borrowed(l.id.as_str()),
                kind: LevelKind::Named,
                label_vi: l.label.clone(),
                label_en: l.label_en.clone().unwrap_or_else(|| l.label.clone()),
                spec: in_scale(spec, scale)?,
                text: None,
            });
        }
        let mut default = 0;
        if let Some(dl) = &t.default_level {
            if let Some(i) = levels.iter().position(|l| l.id == dl.as_str()) {
                default = i;
            }
        }
        if let Some(p) = self
            .resolved
            .get(unit, id, "pledged", year)
            .and_then(|p| p.spec.as_ref())
        {
            levels.push(Level {
                id: Cow::Borrowed("pledged"),
                kind: LevelKind::Pledged,
                label_vi: format!("{unit} đăng ký"),
                label_en: format!("pledged by {unit}"),
                spec: in_scale(p, scale)?,
                text: None,
            });
            if self.opts.level == LevelChoice::Pledged {
                default = levels.len() - 1;
            }
        }
        Ok((levels, default, None, assigned.is_some()))
    }

    /// The evaluation of target `ti` for one unit and period from its rows, with every
    /// warning it raises pushed to `warnings`.
    pub fn target(
        &self,
        unit: &str,
        period: Period,
        ti: usize,
        slot: &Slot<'_>,
        warnings: &mut Vec<Warning>,
    ) -> Result<TargetEvaluation> {
        let tr = &self.targets[ti];
        let t = tr.target;
        let id = t.id.as_str();
        let at = TargetAt {
            unit,
            period,
            id,
            slot,
        };
        let (levels, default, table_na, assigned) = self
            .levels(ti, unit, period)
            .map_err(|e| at.in_row(e, None))?;
        let mut te = TargetEvaluation::new(&t.id, tr.item, &t.name, &t.spec);
        te.parent = tr.parent.map(str::to_string);
        te.target_text = String::new();
        te.level_label = self.dir_label_vi.clone();

        // Not applicable to this unit by the target table.
        if let Some(row) = table_na {
            return Ok(self.not_applicable(&at, ti, te, row, warnings));
        }
        let lv = &levels[default];
        te.level = lv.id.to_string();
        te.level_kind = lv.kind;
        te.level_label = lv.label_vi.clone();
        let desc = lv.texts();
        te.target_text = desc.0.clone();
        let labelled = self.explicit || !t.levels.is_empty() || lv.kind != LevelKind::Directive;
        let (t_vi, t_en) = if labelled {
            (
                format!("{} ({})", lv.label_vi, desc.0),
                format!("{} ({})", lv.label_en, desc.1),
            )
        } else {
            desc.clone()
        };
        if self.explicit && !assigned && self.assigned_targets.contains(id) {
            self.warn_at(&at, warnings, None, (
                WarningCode::UnassignedFallback,
                format!("Bảng chỉ tiêu giao không có chỉ tiêu {id} cho {unit}: áp dụng chỉ tiêu chung ({}).", desc.0),
                format!("The target table has no figure for target {id} for {unit}: the directive's figure applies ({}).", desc.1),
            ));
        }

        if let TargetSpec::CompositeDecrease { .. } = &t.spec {
            return self.composite(te, unit, period, ti, slot, &lv.spec, &t_vi, &t_en);
        }

        let cands = self.candidates(&at, t, &levels, default)?;
        let chosen = choose(&cands, self.opts.supersede).map_err(|(e, i)| at.in_row(e, Some(i)))?;
        let spec: &TargetSpec = &lv.spec;
        let p = chosen.map(|k| &cands[k]);
        let (j, convs) = self.judge(&at, spec, p)?;
        te.levels = self.other_levels(&at, &levels, default, p)?;
        if let Some(p) = p {
            te.revisions = self.revisions(&at, spec, p, &cands, warnings)?;
            te.status_changed = te
                .revisions
                .iter()
                .any(|r| r.status.is_some_and(|s| s != j.a.status));
            self.figure_warnings(&at, ti, p, spec, &j, warnings)?;
            self.stated_plan_warning(&at, p, &levels, lv, &desc, warnings);
            self.verdict_warning(&at, p, j.a.status, warnings);
            record_figure(&mut te, p);
        }
        record_assessment(&mut te, &j, convs);

        // With no result, the directive's own figure needs no label.
        let (t_vi, t_en) = if p.is_none() && lv.kind == LevelKind::Directive {
            desc
        } else {
            (t_vi, t_en)
        };
        let fallback = self.explicit
            && !assigned
            && lv.kind == LevelKind::Directive
            && p.is_some()
            && !matches!(
                t.spec,
                TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. }
            );
        let mut x = self.headline(period, p, spec, &j.a, (&t_vi, &t_en));
        explain_extras(&mut x, &self.extras(p, spec, fallback, &te));
        te.explanation = x;
        Ok(te)
    }

    /// Pushes a warning about the target `at` for this unit.
    fn warn_at(
        &self,
        at: &TargetAt<'_>,
        out: &mut Vec<Warning>,
        row: Option<usize>,
        w: (WarningCode, String, String),
    ) {
        self.warn(out, row, at.unit, at.id, at.period, w)
    }

    /// The evaluation of a target the target table marks not applicable to the unit (table
    /// row `row`), with a warning for each result reported all the same.
    fn not_applicable(
        &self,
        at: &TargetAt<'_>,
        ti: usize,
        mut te: TargetEvaluation,
        row: usize,
        warnings: &mut Vec<Warning>,
    ) -> TargetEvaluation {
        let unit = at.unit;
        te.status = Status::NotApplicable;
        te.form = Some(ResultForm::NotApplicable);
        te.level = "assigned".into();
        te.level_kind = LevelKind::Assigned;
        te.level_label = format!("giao cho {unit}");
        te.target_text = self.texts[ti].0.clone();
        for &(i, r) in &at.slot.main {
            if r.has_result() || r.reported.is_some() {
                self.warn_at(at, warnings, Some(i), (
                    WarningCode::NotApplicableReported,
                    format!("Có kết quả báo cáo (results[{i}]) cho chỉ tiêu mà bảng chỉ tiêu giao ghi là không áp dụng cho {unit} (targets[{row}]); kết quả không được tính."),
                    format!("A result is reported (results[{i}]) for a target the target table marks not applicable to {unit} (targets[{row}]); it is not counted."),
                ));
            }
        }
        te.explanation = Explanation {
            vi: format!("Không áp dụng cho {unit} (theo bảng chỉ tiêu giao, targets[{row}])."),
            en: format!("Not applicable to {unit} (by the target table, targets[{row}])."),
        };
        te
    }

    /// The unit's rows prepared against its levels; empty rows give way to rows with a result.
    fn candidates(
        &self,
        at: &TargetAt<'_>,
        t: &Target,
        levels: &[Level<'_>],
        default: usize,
    ) -> Result<Vec<Prepared>> {
        let refs: Vec<LevelRef<'_>> = levels
            .iter()
            .map(|l| LevelRef {
                id: &l.id,
                label: &l.label_vi,
                label_en: &l.label_en,
                spec: &l.spec,
            })
            .collect();
        let mut cands: Vec<Prepared> = Vec::with_capacity(at.slot.main.len());
        for &(i, r) in &at.slot.main {
            cands.push(
                prepare(Some(i), r, t, &refs, default, self.opts.range_basis)
                    .map(|mut p| {
                        p.three_decimals &= self.decimals_as_written;
                        p
                    })
                    .map_err(|e| at.in_row(e, Some(i)))?,
            );
        }
        // Empty rows give way to rows with a result.
        if cands.iter().any(|c| c.form.is_some()) {
            cands.retain(|c| c.form.is_some());
        }
        Ok(cands)
    }

    /// The figure used (if any) assessed against the unit's level, then adjusted by the
    /// reporting conventions; with the names of the conventions that changed it.
    fn judge(
        &self,
        at: &TargetAt<'_>,
        spec: &TargetSpec,
        p: Option<&Prepared>,
    ) -> Result<(Judged, Vec<String>)> {
        let (mut a, straddle) = match p {
            Some(p) => {
                assess_prepared(spec, p, at.period, self.opts).map_err(|e| at.in_row(e, p.row))?
            }
            None => (Assessment::bare(Status::NoData), false),
        };
        let before = a.status;
        let (literal, convs) = adjust(spec, &mut a, self.opts);
        let j = Judged {
            a,
            straddle,
            before,
            literal,
        };
        Ok((j, convs))
    }

    /// The figure used assessed against every level other than the unit's own.
    fn other_levels(
        &self,
        at: &TargetAt<'_>,
        levels: &[Level<'_>],
        default: usize,
        p: Option<&Prepared>,
    ) -> Result<Vec<LevelEvaluation>> {
        let mut out = Vec::new();
        for (li, l) in levels.iter().enumerate() {
            if li == default {
                continue;
            }
            let (mut la, _) = match p {
                Some(p) => assess_prepared(&l.spec, p, at.period, self.opts)
                    .map_err(|e| at.in_row(e, p.row))?,
                None => (Assessment::bare(Status::NoData), false),
            };
            adjust(&l.spec, &mut la, self.opts);
            out.push(LevelEvaluation {
                level: l.id.to_string(),
                kind: l.kind,
                label: l.label_vi.clone(),
                label_en: l.label_en.clone(),
                target_text: l.texts().0,
                status: la.status,
                ratio: la.ratio,
                gap: la.gap,
                threshold: la.threshold,
                achieved: la.achieved,
            });
        }
        Ok(out)
    }

    /// The revisions of the figure used `p`: the earlier figure its wording quotes (unless
    /// it is an estimate row already), then the unit's other rows, each assessed.
    fn revisions(
        &self,
        at: &TargetAt<'_>,
        spec: &TargetSpec,
        p: &Prepared,
        cands: &[Prepared],
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Revision>> {
        let mut revs: Vec<&Prepared> = Vec::new();
        if let Some(ep) = self.earlier_figure(at, p, cands, warnings) {
            revs.push(ep);
        }
        for c in cands {
            if !std::ptr::eq(c, p) {
                revs.push(c);
            }
        }
        let mut out = Vec::new();
        for q in revs {
            let (mut ra, _) =
                assess_prepared(spec, q, at.period, self.opts).map_err(|e| at.in_row(e, q.row))?;
            adjust(spec, &mut ra, self.opts);
            out.push(Revision {
                row: q.row,
                provenance: q.entry.effective_provenance(),
                date: q.entry.date,
                reported: q.entry.reported.clone(),
                result: q.obs.value,
                form: q.form,
                status: Some(ra.status),
                ratio: ra.ratio,
            });
        }
        Ok(out)
    }

    /// The earlier figure the wording of `p` quotes, as a revision of its own: `None` when it
    /// is the same figure as an estimate row (listed once, as its row); a warning when it
    /// differs from that row.
    fn earlier_figure<'p>(
        &self,
        at: &TargetAt<'_>,
        p: &'p Prepared,
        cands: &[Prepared],
        warnings: &mut Vec<Warning>,
    ) -> Option<&'p Prepared> {
        let ep = p.earlier.as_deref()?;
        let est = cands
            .iter()
            .find(|c| c.row != p.row && c.entry.effective_provenance() == Provenance::Estimate);
        let Some(c) = est else {
            return Some(ep);
        };
        if c.obs.value == ep.obs.value && c.obs.achieved == ep.obs.achieved {
            return None; // the same figure: listed once, as its row
        }
        let quoted = p.entry.reported.clone().unwrap_or_default();
        self.warn_at(
            at,
            warnings,
            c.row,
            (
                WarningCode::EarlierDiffers,
                format!(
                    "Số đã báo cáo ghi trong “{}” khác với số ước của results[{}].",
                    quoted,
                    c.row.unwrap_or(0)
                ),
                format!(
                    "The earlier figure quoted in “{}” differs from the estimate at results[{}].",
                    quoted,
                    c.row.unwrap_or(0)
                ),
            ),
        );
        Some(ep)
    }

    /// The warnings about the figure used: its own (from reading it), a range that straddles
    /// the target, a suspect scale, an approximate figure near the threshold.
    fn figure_warnings(
        &self,
        at: &TargetAt<'_>,
        ti: usize,
        p: &Prepared,
        spec: &TargetSpec,
        j: &Judged,
        warnings: &mut Vec<Warning>,
    ) -> Result<()> {
        for x in &p.warnings {
            self.warn_at(at, warnings, p.row, x.clone());
        }
        if j.straddle {
            self.warn_at(at, warnings, p.row, (
                WarningCode::RangeStraddles,
                format!("Kết quả là một khoảng mà hai đầu cho đánh giá khác nhau; lấy đầu kém hơn: {}.", j.a.status.label_vi()),
                format!("The result is a range whose two ends are judged differently; the worse end is used: {}.", j.a.status.label_en()),
            ));
        }
        let t = self.targets[ti].target;
        self.scale_warning(p, spec, &j.a, t, warnings, at.unit, at.period);
        self.approximate_warning(p, spec, j.before, warnings, at.unit, at.id, at.period)
    }

    /// A warning when the plan figure the wording quotes matches none of the unit's levels.
    fn stated_plan_warning(
        &self,
        at: &TargetAt<'_>,
        p: &Prepared,
        levels: &[Level<'_>],
        lv: &Level<'_>,
        desc: &(String, String),
        warnings: &mut Vec<Warning>,
    ) {
        let Some((lo, hi, _)) = p.stated_plan else {
            return;
        };
        if levels.iter().any(|l| stated_matches(&l.spec, lo, hi)) {
            return;
        }
        let shown = |v: Decimal| crate::format::number::format_vn_rounded(v, 10);
        let stated = match hi {
            Some(h) => format!("{}–{}", shown(lo), shown(h)),
            None => shown(lo),
        };
        let quoted = p.entry.reported.clone().unwrap_or_default();
        self.warn_at(
            at,
            warnings,
            p.row,
            (
                WarningCode::StatedPlanDiffers,
                format!(
                    "Kế hoạch ghi trong “{quoted}” ({stated}) khác với chỉ tiêu {} ({}).",
                    lv.label_vi, desc.0
                ),
                format!(
                    "The plan quoted in “{quoted}” ({stated}) differs from the target {} ({}).",
                    lv.label_en, desc.1
                ),
            ),
        );
    }

    /// A warning when the report prints a verdict the figures do not give.
    fn verdict_warning(
        &self,
        at: &TargetAt<'_>,
        p: &Prepared,
        status: Status,
        warnings: &mut Vec<Warning>,
    ) {
        let Some(j) = p.reported_verdict else {
            return;
        };
        if status_of(j) == status {
            return;
        }
        self.warn_at(
            at,
            warnings,
            p.row,
            (
                WarningCode::VerdictDiffers,
                format!(
                    "Báo cáo ghi “{}”, đánh giá theo số liệu: {}.",
                    status_of(j).label_vi(),
                    status.label_vi()
                ),
                format!(
                    "The report prints “{}”; by the figures: {}.",
                    status_of(j).label_en(),
                    status.label_en()
                ),
            ),
        );
    }

    /// The first sentence of the explanation: the verdict as reported when there is no figure
    /// to check, else the assessment of the figure against the target text `text`.
    fn headline(
        &self,
        period: Period,
        p: Option<&Prepared>,
        spec: &TargetSpec,
        a: &Assessment,
        text: (&str, &str),
    ) -> Explanation {
        let (t_vi, t_en) = text;
        if let Some(j) = p.and_then(|p| p.fixed) {
            return Explanation {
                vi: format!(
                    "Theo báo cáo: {} (không có số liệu để đối chiếu với chỉ tiêu {t_vi}).",
                    status_of(j).label_vi()
                ),
                en: format!(
                    "As reported: {} (no figure to check against the target {t_en}).",
                    status_of(j).label_en()
                ),
            };
        }
        let default_obs = crate::evaluate::Observation::default();
        let obs = p.map(|p| &p.obs).unwrap_or(&default_obs);
        explain(
            spec,
            obs,
            a,
            period,
            t_vi,
            t_en,
            self.opts,
            p.and_then(|p| p.shown.as_ref()),
        )
    }

    /// What the rest of the explanation says (levels, revisions, conventions, the band, the
    /// printed verdict, the fallback to the directive's figure), from the evaluation so far.
    fn extras<'x>(
        &'x self,
        p: Option<&'x Prepared>,
        spec: &'x TargetSpec,
        fallback: bool,
        te: &'x TargetEvaluation,
    ) -> Extras<'x> {
        Extras {
            spec,
            prepared_entry: p.map(|p| &p.entry),
            notes: p.map(|p| p.notes.as_slice()).unwrap_or(&[]),
            fallback,
            levels: &te.levels,
            revisions: &te.revisions,
            status: te.status,
            literal: te.literal_status,
            conventions: &te.conventions,
            band: self.opts.basically_met_at,
            ratio: te.ratio,
            reported_verdict: p.and_then(|p| p.reported_verdict),
            digits: self.opts.ratio_digits,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn scale_warning(
        &self,
        p: &Prepared,
        spec: &TargetSpec,
        a: &Assessment,
        t: &Target,
        warnings: &mut Vec<Warning>,
        unit: &str,
        period: Period,
    ) {
        if !matches!(p.form, Some(ResultForm::Value | ResultForm::Range)) {
            return;
        }
        let k = Decimal::from(1000);
        let fmt = |v: Decimal| crate::format::number::format_vn_rounded(v, 10);
        if !far_off(spec, t, p.obs.value, a.threshold) {
            // Less than 10³ away, but a JSON value with three decimals ("3.500") that a
            // Vietnamese thousands dot would put nearer the target: ambiguous, said.
            let (Some(r), Some(th), Some(v)) = (p.obs.value, a.threshold, p.entry.value) else {
                return;
            };
            if p.three_decimals && thousands_ambiguous(spec, t, p.obs.value, a.threshold) {
                let Some(as_thousands) = v.checked_mul(k).map(|x| x.normalize()) else {
                    return;
                };
                self.warn(warnings, p.row, unit, &t.id, period, (
                    WarningCode::LikelyScaleMistake,
                    format!("Giá trị JSON “{v}” được đọc theo dấu chấm thập phân ({}); đọc theo dấu chấm hàng nghìn của số Việt Nam thì là {} và gần chỉ tiêu {} hơn: kiểm tra dấu phân cách (số Việt Nam “{v}” hàng nghìn thì ghi {as_thousands}).", fmt(r), fmt(as_thousands), fmt(th)),
                    format!("The JSON value “{v}” is read with a decimal point ({}); read with a Vietnamese thousands dot it would be {as_thousands}, nearer the target {}: check the separator (a Vietnamese “{v}” in thousands is written {as_thousands}).", r.normalize(), th.normalize()),
                ));
            }
            return;
        }
        let Some(r) = p.obs.value else { return };
        let th = a.threshold.unwrap_or_default();
        {
            let hint_vi = if p.three_decimals && r.abs() < th.abs() {
                format!(" Giá trị JSON “{}” được đọc theo dấu chấm thập phân ({}); nếu là số Việt Nam “{}” (hàng nghìn) thì ghi {}.", p.entry.value.map(|v| v.to_string()).unwrap_or_default(), fmt(r), p.entry.value.map(|v| v.to_string()).unwrap_or_default(), p.entry.value.and_then(|v| v.checked_mul(k)).map(|v| v.normalize().to_string()).unwrap_or_default())
            } else {
                String::new()
            };
            let hint_en = if p.three_decimals && r.abs() < th.abs() {
                format!(" The JSON value “{}” is read with a decimal point; a Vietnamese “{}” (thousands dot) is written {}.", p.entry.value.map(|v| v.to_string()).unwrap_or_default(), p.entry.value.map(|v| v.to_string()).unwrap_or_default(), p.entry.value.and_then(|v| v.checked_mul(k)).map(|v| v.normalize().to_string()).unwrap_or_default())
            } else {
                String::new()
            };
            let sc = spec.result_scale();
            self.warn(warnings, p.row, unit, &t.id, period, (
                WarningCode::LikelyScaleMistake,
                format!("Kết quả {} cách chỉ tiêu {} từ 10³ lần trở lên (cùng đơn vị{}): có thể nhầm đơn vị hoặc quy mô (đồng / tỷ đồng, 3,5 / 3.500).{hint_vi}", fmt(r), fmt(th), if sc.word_vi().is_empty() { String::new() } else { format!(", quy mô {}", sc.word_vi()) }),
                format!("The result {} is 10³ times or more away from the target {} in the same unit{}: likely a unit or scale mistake (đồng vs tỷ đồng, 3.5 vs 3,500).{hint_en}", r.normalize(), th.normalize(), if sc.word_en().is_empty() { String::new() } else { format!(", scale {}", sc.word_en()) }),
            ));
        }
    }

    /// An approximate figure whose status could differ for a value its wording allows.
    #[allow(clippy::too_many_arguments)]
    fn approximate_warning(
        &self,
        p: &Prepared,
        spec: &TargetSpec,
        status: Status,
        warnings: &mut Vec<Warning>,
        unit: &str,
        id: &str,
        period: Period,
    ) -> Result<()> {
        let Some(q) = p.obs.qualifier else {
            return Ok(());
        };
        if p.fixed.is_some() {
            return Ok(());
        }
        let on_achieved = p.obs.achieved.is_some();
        let Some(x) = p.obs.achieved.or(p.obs.value) else {
            return Ok(());
        };
        let th = crate::reported::spec_figure(spec).unwrap_or_default();
        let far = x
            .abs()
            .checked_mul(Decimal::TEN)
            .and_then(|a| {
                th.abs()
                    .checked_mul(Decimal::TEN)
                    .and_then(|t| a.checked_add(t))
            })
            .and_then(|a| a.checked_add(Decimal::ONE));
        let Some(far) = far else { return Ok(()) };
        let d = x.abs() / Decimal::ONE_HUNDRED;
        let probes: Vec<Decimal> = match q.side() {
            std::cmp::Ordering::Greater => vec![x.checked_add(far)],
            std::cmp::Ordering::Less => vec![x.checked_sub(far)],
            std::cmp::Ordering::Equal => vec![x.checked_sub(d), x.checked_add(d)],
        }
        .into_iter()
        .flatten()
        .collect();
        let mut other = None;
        for v in probes {
            let mut o = p.obs.clone();
            o.qualifier = None;
            if on_achieved {
                o.achieved = Some(v);
            } else {
                o.value = Some(v);
            }
            if let Ok(b) = assess(spec, &o, &AssessContext::new(period, self.opts)) {
                if b.status != status {
                    other = Some(b.status);
                    break;
                }
            }
        }
        if let Some(o) = other {
            let words = p
                .entry
                .reported
                .clone()
                .unwrap_or_else(|| format!("{} {}", q.word_vi(), x.normalize()));
            self.warn(warnings, p.row, unit, id, period, (
                WarningCode::ApproximateUndetermined,
                format!("“{words}” là số gần đúng: đánh giá theo số nêu là {}, nhưng giá trị mà cách ghi cho phép có thể cho “{}”.", status.label_vi(), o.label_vi()),
                format!("“{words}” is approximate: by the stated figure it is {}, but a value the wording allows could give “{}”.", status.label_en(), o.label_en()),
            ));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn composite(
        &self,
        mut te: TargetEvaluation,
        unit: &str,
        period: Period,
        ti: usize,
        slot: &Slot<'_>,
        spec: &TargetSpec,
        t_vi: &str,
        t_en: &str,
    ) -> Result<TargetEvaluation> {
        let t = self.targets[ti].target;
        // One row per component, chosen by the supersede rule; the others are revisions.
        let mut rows = Rows {
            main: slot.main.first().copied(),
            components: Vec::with_capacity(slot.components.len()),
        };
        for (_, list) in &slot.components {
            let pick = choose_by(list, self.opts.supersede).map_err(|(e, k)| {
                let (i, r) = list[k];
                row_error(e, i, r)
            })?;
            rows.components.push(list[pick]);
            for (k, &(j, r)) in list.iter().enumerate() {
                if k != pick {
                    te.revisions.push(Revision {
                        row: Some(j),
                        provenance: r.effective_provenance(),
                        date: r.date,
                        reported: r.reported.clone(),
                        result: r.value,
                        form: Some(ResultForm::Components),
                        status: None,
                        ratio: None,
                    });
                }
            }
        }
        let ctx = AssessContext::new(period, self.opts);
        let (obs, prov, a) = rows::assess_slot(spec, &rows, &ctx, unit, &t.id)?;
        te.status = a.status;
        te.achieved = a.achieved;
        te.threshold = a.threshold;
        te.provenance = prov;
        te.row = rows
            .main
            .or_else(|| rows.components.first().copied())
            .map(|(i, _)| i);
        te.target_text = spec.describe_vi();
        te.form = if obs.not_applicable {
            Some(ResultForm::NotApplicable)
        } else if obs.components.is_empty() {
            None
        } else {
            Some(ResultForm::Components)
        };
        te.explanation = explain(spec, &obs, &a, period, t_vi, t_en, self.opts, None);
        Ok(te)
    }
}

/// Whether the `likely_scale_mistake` warning concerns a row: the value is [`far_off`] the
/// threshold, or it has three decimals ("3.500") and is [`thousands_ambiguous`]. The engine
/// sends such a row the row-wise way, which decides exactly.
pub(crate) fn scale_suspect(
    spec: &TargetSpec,
    t: &Target,
    value: Option<Decimal>,
    threshold: Option<Decimal>,
) -> bool {
    far_off(spec, t, value, threshold)
        || (value.is_some_and(|v| v.scale() == 3) && thousands_ambiguous(spec, t, value, threshold))
}

/// A value with three decimals that a Vietnamese thousands dot would put nearer the target
/// (not for percentages or growth rates, where a thousands reading is implausible).
fn thousands_ambiguous(
    spec: &TargetSpec,
    t: &Target,
    value: Option<Decimal>,
    threshold: Option<Decimal>,
) -> bool {
    let (Some(r), Some(th)) = (value, threshold) else {
        return false;
    };
    spec.result_unit() != Some(crate::quantity::Unit::Percent)
        && !t.is_growth()
        && !far_off(spec, t, value, threshold)
        && thousands_nearer(r, th)
}

/// Whether the [`far_off`] test applies to a target at all (its kind compares a result with a
/// threshold in the same unit, and it is not a growth rate). The engine compiles it once.
pub(crate) fn scale_checked(spec: &TargetSpec, t: &Target) -> bool {
    matches!(
        spec,
        TargetSpec::Rate { .. }
            | TargetSpec::ThresholdShare { .. }
            | TargetSpec::PerCapita { .. }
            | TargetSpec::Count { .. }
            | TargetSpec::Amount { .. }
            | TargetSpec::Ceiling { .. }
            | TargetSpec::Range { .. }
            | TargetSpec::Reference { .. }
    ) && !t.is_growth()
}

/// Whether a result value and the threshold it was compared with are 10³ times or more apart
/// (in the same unit and scale) for a kind where that suggests a unit or scale mistake.
fn far_off(
    spec: &TargetSpec,
    t: &Target,
    value: Option<Decimal>,
    threshold: Option<Decimal>,
) -> bool {
    let (true, Some(r), Some(th)) = (scale_checked(spec, t), value, threshold) else {
        return false;
    };
    if r.is_zero() || th.is_zero() {
        return false;
    }
    let (big, small) = if r.abs() > th.abs() {
        (r.abs(), th.abs())
    } else {
        (th.abs(), r.abs())
    };
    small
        .checked_mul(Decimal::from(1000))
        .is_some_and(|x| big >= x)
}

/// Whether a positive result `r` read ×1000 (a Vietnamese thousands dot taken for a decimal
/// point) is nearer the positive target `th` by ratio than `r` itself: `r / th < 1 / √1000`,
/// i.e. `1000 r² < th²`.
fn thousands_nearer(r: Decimal, th: Decimal) -> bool {
    if r <= Decimal::ZERO || th <= Decimal::ZERO {
        return false;
    }
    let lhs = r
        .checked_mul(r)
        .and_then(|x| x.checked_mul(Decimal::from(1000)));
    let rhs = th.checked_mul(th);
    matches!((lhs, rhs), (Some(l), Some(h)) if l < h)
}

/// Whether a plan figure quoted in a phrase is this level's figure.
fn stated_matches(spec: &TargetSpec, lo: Decimal, hi: Option<Decimal>) -> bool {
    let (a, b) = match spec {
        TargetSpec::Range { low, high, .. } => (
            low.value,
            rescale(high.value, high.scale, low.scale, "").ok(),
        ),
        TargetSpec::Reduction {
            value, value_high, ..
        } => (*value, *value_high),
        other => match crate::reported::spec_figure(other) {
            Some(v) => (v, None),
            None => return true,
        },
    };
    match (hi, b) {
        (Some(h), Some(b)) => lo == a && h == b,
        (None, Some(b)) => lo == a || lo == b,
        (Some(_), None) => false,
        (None, None) => lo == a,
    }
}

/// The key by which a row supersedes another.
fn key(r: &ResultEntry, rule: Supersede) -> (i64, i64) {
    let date = r
        .date
        .map(|d| i64::from(chrono::Datelike::num_days_from_ce(&d)))
        .unwrap_or(i64::MIN);
    let rank = i64::from(r.effective_provenance().rank());
    match rule {
        Supersede::Official => (rank, date),
        Supersede::Latest => (date, rank),
    }
}

/// Picks the row used among several for one slot (position in `items`); two rows of equal
/// provenance and date are an error, with the position of the second.
fn choose_by(
    items: &[(usize, &ResultEntry)],
    rule: Supersede,
) -> std::result::Result<usize, (Error, usize)> {
    for x in 0..items.len() {
        for y in x + 1..items.len() {
            let ((i, a), (_, b)) = (items[x], items[y]);
            if a.effective_provenance() == b.effective_provenance() && a.date == b.date {
                let id = match &b.component {
                    Some(c) => format!("{}/{c}", b.target),
                    None => b.target.clone(),
                };
                let e = rows::duplicate(
                    &id,
                    &b.unit,
                    &b.period,
                    i,
                    &format!(
                        ", with the same provenance ({}) and {}: give `provenance` or `date` to keep both",
                        b.effective_provenance().label_en(),
                        b.date
                            .map(|d| format!("date {d}"))
                            .unwrap_or_else(|| "no date".into()),
                    ),
                );
                return Err((e, y));
            }
        }
    }
    let mut best = 0usize;
    for k in 1..items.len() {
        if key(items[k].1, rule) > key(items[best].1, rule) {
            best = k;
        }
    }
    Ok(best)
}

/// The candidate used, or the error and the row (`results[i]`) it concerns.
fn choose(
    cands: &[Prepared],
    rule: Supersede,
) -> std::result::Result<Option<usize>, (Error, usize)> {
    if cands.is_empty() {
        return Ok(None);
    }
    let items: Vec<(usize, &ResultEntry)> = cands
        .iter()
        .map(|c| (c.row.unwrap_or(0), &c.entry))
        .collect();
    choose_by(&items, rule)
        .map(Some)
        .map_err(|(e, k)| (e, items[k].0))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::evaluate::evaluate_rowwise;
    use crate::{Directive, EvaluationOptions, ResultSet};

    /// A directive of one unemployment target (≤ 4 %).
    fn directive() -> Directive {
        Directive::from_json(
            &json!({"kind": "directive", "issuer": {"name": "UBND tỉnh X"}, "coverage": {"year": 2024},
                "title": "t", "items": [{"number": 1, "text": "Thất nghiệp", "targets": [{"id": "1",
                "name": "Tỷ lệ thất nghiệp", "spec": {"kind": "ceiling", "comparator": "below", "value": {"value": "4", "unit": "%"}}}]}]})
            .to_string(),
        )
        .unwrap()
    }

    /// Pins, word for word, the warnings (codes, rows, order and both languages), the
    /// revisions and the explanation when the official figure's wording quotes an earlier
    /// figure that differs from the estimate row.
    #[test]
    fn earlier_figure_that_differs_from_the_estimate_is_pinned() {
        let rows = json!([
            {"unit": "A", "target": "1", "period": "2024", "value": "4.2", "provenance": "estimate"},
            {"unit": "A", "target": "1", "period": "2024", "provenance": "official",
             "reported": "đạt 3,88% (số đã báo cáo là 4,39%)"}
        ]);
        let rs = ResultSet::from_json(&rows.to_string()).unwrap();
        let e = evaluate_rowwise(&directive(), &rs, &EvaluationOptions::default()).unwrap();
        let warnings: Vec<String> = e
            .warnings
            .iter()
            .map(|w| {
                format!(
                    "{:?} {:?} | {} | {}",
                    w.code, w.row, w.message_vi, w.message_en
                )
            })
            .collect();
        assert_eq!(
            warnings,
            ["EarlierDiffers Some(0) | Số đã báo cáo ghi trong “đạt 3,88% (số đã báo cáo là 4,39%)” khác với số ước của results[0]. | The earlier figure quoted in “đạt 3,88% (số đã báo cáo là 4,39%)” differs from the estimate at results[0]."]
        );
        let t = &e.units[0].targets[0];
        let revisions: Vec<String> = t
            .revisions
            .iter()
            .map(|r| {
                format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    r.row, r.provenance, r.result, r.status, r.reported
                )
            })
            .collect();
        assert_eq!(
            revisions,
            [
                "None Estimate Some(4.39) Some(NotMet) Some(\"số đã báo cáo là 4,39%\")",
                "Some(0) Estimate Some(4.2) Some(NotMet) None"
            ]
        );
        assert!(t.status_changed);
        assert_eq!(
            t.explanation.vi,
            "Kết quả năm 2024: 3,88% so với chỉ tiêu dưới 4%: vượt, 103,09% kế hoạch (tỷ lệ tính theo chỉ tiêu ÷ kết quả). Số liệu báo cáo: “đạt 3,88% (số đã báo cáo là 4,39%)” (số chính thức). Thay cho số ước “số đã báo cáo là 4,39%”: không đạt → vượt. Thay cho số ước 4,2%, results[0]: không đạt → vượt."
        );
        assert_eq!(
            t.explanation.en,
            "Result for 2024: 3.88% against a target of below 4%: exceeded, 103.09% of plan (ratio as target ÷ result). As reported: “đạt 3,88% (số đã báo cáo là 4,39%)” (official). Supersedes the estimate figure “số đã báo cáo là 4,39%”: not met → exceeded. Supersedes the estimate figure 4.2%, results[0]: not met → exceeded."
        );
    }
}
