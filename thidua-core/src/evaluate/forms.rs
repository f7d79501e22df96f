//! Result forms (value, range, share of plan, change, verdict, reported text) → the
//! [`Observation`] that [`assess`](super::assess()) compares, by the rules of
//! `docs/evaluation.md` §10. Every rule that turns a reported form into a number lives here.

use rust_decimal::prelude::*;

use super::report::{ResultForm, WarningCode};
use super::{Observation, RangeBasis};
use crate::error::{Error, Location, Result};
use crate::format::number::{format_en_rounded, format_vn_rounded};
use crate::model::{ReductionUnit, Target, TargetSpec};
use crate::quantity::{rescale, Scale, Unit, UnitMatch};
use crate::reported::{read_result, Reading};
use crate::results::{ChangeFrom, ChangeUnit, Judgement, Qualifier, ResultEntry};

/// One level's target for the unit (see `super::levels`).
pub(crate) struct LevelRef<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub label_en: &'a str,
    pub spec: &'a TargetSpec,
}

/// A row made ready for assessment.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub row: Option<usize>,
    pub entry: ResultEntry,
    pub obs: Observation,
    /// The upper end of a range result.
    pub obs_high: Option<Observation>,
    pub form: Option<ResultForm>,
    /// A verdict without a number decides the status.
    pub fixed: Option<Judgement>,
    /// The verdict printed beside the number.
    pub reported_verdict: Option<Judgement>,
    /// The result as words (vi, en) when it is not a plain value.
    pub shown: Option<(String, String)>,
    /// Rules applied, for the explanation (vi, en).
    pub notes: Vec<(String, String)>,
    pub warnings: Vec<(WarningCode, String, String)>,
    /// A plan figure quoted in the wording (lo, hi), in the target's scale.
    pub stated_plan: Option<(Decimal, Option<Decimal>, Option<Qualifier>)>,
    /// The earlier figure quoted in the wording.
    pub earlier: Option<Box<Prepared>>,
    /// The reading of `reported`, if any.
    pub reading: Option<Reading>,
    /// Which level a share of plan refers to (index into the levels).
    pub share_level: Option<usize>,
    /// The raw value had exactly three decimals ("3.500" read as 3,5).
    pub three_decimals: bool,
}

fn bad_at(field: &'static str, reason: impl Into<String>) -> Error {
    Error::invalid_result(Location::new().field(field), reason)
}

fn ovf(op: &str) -> Error {
    Error::overflow("", op)
}

/// `a + b`, or an overflow error (figures near the decimal range's ends never panic).
fn add(a: Decimal, b: Decimal, op: &str) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| ovf(op))
}

/// `a − b`, or an overflow error.
fn sub(a: Decimal, b: Decimal, op: &str) -> Result<Decimal> {
    a.checked_sub(b).ok_or_else(|| ovf(op))
}

/// The midpoint of two figures, as the range's % of plan takes it (`None` on overflow).
fn midpoint(a: Decimal, b: Decimal) -> Option<Decimal> {
    super::assess::range_basis(a, b, RangeBasis::Midpoint).ok()
}

fn vn(d: Decimal) -> String {
    format_vn_rounded(d, 10)
}

fn en(d: Decimal) -> String {
    format_en_rounded(d, 10)
}

/// Whether the quantity a target measures is itself in % (a rate, a share, a growth, a
/// ceiling or range in %).
fn in_percent(spec: &TargetSpec) -> bool {
    matches!(spec.result_unit(), Some(Unit::Percent))
}

/// The figure a share of plan refers to, in the target's scale.
fn plan_figure(spec: &TargetSpec, basis: RangeBasis) -> Option<Decimal> {
    match spec {
        TargetSpec::Range { low, high, .. } => {
            let hi = rescale(high.value, high.scale, low.scale, "").ok()?;
            Some(match basis {
                RangeBasis::Lower => low.value,
                RangeBasis::Upper => hi,
                RangeBasis::Midpoint => midpoint(low.value, hi)?,
            })
        }
        TargetSpec::Reduction {
            value, value_high, ..
        } => Some(match (basis, value_high) {
            (RangeBasis::Upper, Some(h)) => *h,
            (RangeBasis::Midpoint, Some(h)) => midpoint(*value, *h)?,
            _ => *value,
        }),
        other => crate::reported::spec_figure(other),
    }
}

/// Generic words for "the plan" that name no particular level.
fn generic_level(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let words: Vec<&str> = t.split_whitespace().collect();
    let generic = [
        "kế", "hoạch", "kh", "dự", "toán", "chỉ", "tiêu", "nghị", "quyết", "mục", "nq", "năm",
        "đề", "ra", "được", "giao", "vụ", "so", "với", "của", "tỉnh", "thành", "phố", "huyện",
    ];
    words
        .iter()
        .all(|w| generic.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The level a plan-level text names: by id, or by a label contained in the text (or the
/// text in the label).
pub(crate) fn match_level(levels: &[LevelRef<'_>], text: &str) -> Option<usize> {
    let t = fold(text);
    // A target by reference names its level itself ("dự toán Trung ương giao").
    if let Some(i) = levels.iter().position(|l| match l.spec {
        TargetSpec::Reference { reference, .. } => {
            let r = fold(reference);
            let key = |s: &str| -> Vec<String> {
                s.split(' ')
                    .filter(|w| {
                        !["dự", "toán", "kế", "hoạch", "chỉ", "tiêu", "mức", "đạt"].contains(w)
                    })
                    .map(str::to_string)
                    .collect()
            };
            let (a, b) = (key(&r), key(&t));
            !a.is_empty() && a == b
        }
        _ => false,
    }) {
        return Some(i);
    }
    levels
        .iter()
        .position(|l| fold(l.id) == t)
        .or_else(|| {
            levels.iter().position(|l| {
                let lab = fold(l.label);
                !lab.is_empty() && (t.contains(&lab) || lab.contains(&t))
            })
        })
        .or_else(|| {
            // "dự toán Trung ương giao" names the level labelled "Trung ương giao".
            levels.iter().position(|l| {
                let lab = fold(l.label);
                let key: Vec<&str> = lab
                    .split(' ')
                    .filter(|w| !["dự", "toán", "kế", "hoạch", "chỉ", "tiêu", "giao"].contains(w))
                    .collect();
                let tw: Vec<&str> = t
                    .split(' ')
                    .filter(|w| {
                        ![
                            "dự", "toán", "kế", "hoạch", "chỉ", "tiêu", "giao", "so", "với", "mức",
                        ]
                        .contains(w)
                    })
                    .collect();
                // Either names the other's key words ("HĐND giao" ~ "HĐND tỉnh giao").
                !key.is_empty()
                    && !tw.is_empty()
                    && (key.iter().all(|w| tw.contains(w)) || tw.iter().all(|w| key.contains(w)))
            })
        })
}

/// What a row is read against: the target, its levels, and the unit and scales of its figures.
struct RowContext<'a> {
    target: &'a Target,
    levels: &'a [LevelRef<'a>],
    /// The level in effect.
    default: usize,
    basis: RangeBasis,
    /// The spec of the level in effect.
    spec: &'a TargetSpec,
    /// The unit the row's figures are checked against (% for a reduction in points).
    expected: Option<Unit>,
    /// The scale the row states (else the target's), and the target's.
    from: Scale,
    target_scale: Scale,
}

impl RowContext<'_> {
    /// A figure of the row in the target's scale.
    fn conv(&self, v: Decimal) -> Result<Decimal> {
        rescale(v, self.from, self.target_scale, "")
    }
}

impl Prepared {
    /// A row not yet read: its entry, no observation.
    fn new(row: Option<usize>, entry: &ResultEntry) -> Prepared {
        Prepared {
            row,
            entry: entry.clone(),
            obs: Observation::default(),
            obs_high: None,
            form: None,
            fixed: None,
            reported_verdict: None,
            shown: None,
            notes: Vec::new(),
            warnings: Vec::new(),
            stated_plan: None,
            earlier: None,
            reading: None,
            share_level: None,
            three_decimals: false,
        }
    }
}

/// Prepares one row for a target. `levels[default]` is the level in effect; a share of plan
/// refers to the level its `plan_level` names, else to that one.
pub(crate) fn prepare(
    row: Option<usize>,
    entry: &ResultEntry,
    target: &Target,
    levels: &[LevelRef<'_>],
    default: usize,
    basis: RangeBasis,
) -> Result<Prepared> {
    let mut p = Prepared::new(row, entry);
    // The reported wording: read, used when the row has no result of its own, else compared.
    read_reported(&mut p, entry, target)?;
    let e = p.entry.clone();
    let spec = levels[default].spec;
    let target_scale = target.spec.result_scale();

    if e.not_applicable {
        if e.has_result() {
            return Err(bad_at(
                "not_applicable",
                "a row marked not_applicable cannot also carry a value or judgement",
            ));
        }
        p.obs.not_applicable = true;
        p.form = Some(ResultForm::NotApplicable);
        return Ok(p);
    }

    // Scale and unit, checked against the target's.
    let (scale, unit) = e.stated_scale_and_unit()?;
    let pp_reduction = matches!(
        spec,
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentagePoints,
            ..
        }
    );
    let expected = if pp_reduction {
        Some(Unit::Percent)
    } else {
        spec.result_unit()
    };
    let value_is_decrease = check_unit(&mut p, unit.as_ref(), expected.as_ref(), pp_reduction)?;
    let cx = RowContext {
        target,
        levels,
        default,
        basis,
        spec,
        expected,
        from: scale.unwrap_or(target_scale),
        target_scale,
    };
    p.three_decimals = e.value.is_some_and(|v| v.scale() == 3 && e.scale.is_none());

    // A rate of a population, a share, or a rate reduced in points lies in 0..100.
    let bounded = matches!(
        spec,
        TargetSpec::Rate { .. } | TargetSpec::ThresholdShare { .. }
    ) || pp_reduction;
    if bounded && !value_is_decrease {
        check_rate_bounds(&e)?;
    }
    if read_judgement(&mut p, &e, &cx)? {
        return Ok(p);
    }

    p.obs.qualifier = e.qualifier;
    p.obs.out_of = e.out_of;
    p.obs.baseline_out_of = e.baseline_out_of;
    p.obs.baseline = e.baseline.map(|v| cx.conv(v)).transpose()?;

    if let Some(v) = e.value {
        put_value(&mut p, &e, v, value_is_decrease, &cx)?;
        // A change beside the value: the baseline it implies, or a check of the one given.
        if let (Some(c), Some(cu), Some(level)) = (e.change, e.change_unit, p.obs.value) {
            check_change_beside(&mut p, c, cu, level, &cx)?;
        }
        // A share beside the value: a check.
        if let Some(s) = e.share_of_plan {
            check_share_beside(&mut p, &e, s, &cx)?;
        }
    } else if e.share_of_plan.is_some() {
        prepare_share(&mut p, &e, levels, default, basis)?;
    } else if e.change.is_some() {
        prepare_change(&mut p, &e, &cx)?;
    }

    // An approximate value or a range, as words.
    show_approximate(&mut p, spec, &e);

    if let Some(reading) = p.reading.clone() {
        read_quoted(&mut p, &reading, entry, &cx)?;
    }
    Ok(p)
}

/// What the wording quotes: a plan figure, shares of plan beside the level (checked), an
/// earlier figure.
fn read_quoted(
    p: &mut Prepared,
    reading: &Reading,
    entry: &ResultEntry,
    cx: &RowContext<'_>,
) -> Result<()> {
    read_stated_plan(p, reading, cx)?;
    if p.entry.share_of_plan.is_none() && matches!(p.form, Some(ResultForm::Value)) {
        if let Some(r) = p.obs.value {
            check_quoted_shares(p, reading, r, cx)?;
        }
    }
    if let Some(er) = &reading.earlier {
        prepare_earlier(p, er, entry, cx);
    }
    Ok(())
}

/// The row's unit against the target's: the same, a short form (a warning) or a mismatch
/// (an error). Returns whether the value is the decrease achieved (a value in điểm % against
/// a reduction in points).
fn check_unit(
    p: &mut Prepared,
    unit: Option<&Unit>,
    expected: Option<&Unit>,
    pp_reduction: bool,
) -> Result<bool> {
    let (Some(u), Some(exp)) = (unit, expected) else {
        return Ok(false);
    };
    if pp_reduction && *u == Unit::PercentagePoint {
        // A value in điểm % against a reduction in points is the decrease achieved.
        return Ok(true);
    }
    match exp.compatibility(u) {
        UnitMatch::Same => {}
        UnitMatch::ShortForm => p.warnings.push((
            WarningCode::UnusualUnit,
            format!("Đơn vị “{u}” được hiểu là “{exp}” của chỉ tiêu."),
            format!(
                "The unit “{}” is read as the target's “{}”.",
                u.label_en(),
                exp.label_en()
            ),
        )),
        UnitMatch::Mismatch => {
            return Err(Error::UnitMismatch {
                location: Location::new().field("value_unit"),
                expected: exp.to_string(),
                found: u.to_string(),
            })
        }
    }
    Ok(false)
}

/// A rate in % (value, value_high, baseline) lies between 0 and 100.
fn check_rate_bounds(e: &ResultEntry) -> Result<()> {
    for (what, v) in [
        ("value", e.value),
        ("value_high", e.value_high),
        ("baseline", e.baseline),
    ] {
        if let Some(v) = v {
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                return Err(bad_at(
                    what,
                    format!("the {what} {v} is a rate in %, which must lie between 0 and 100"),
                ));
            }
        }
    }
    Ok(())
}

/// A judgement: the result of a qualitative target, a verdict printed without a figure, or a
/// verdict beside the figures (kept to compare). Returns whether the row is read.
fn read_judgement(p: &mut Prepared, e: &ResultEntry, cx: &RowContext<'_>) -> Result<bool> {
    let (target, spec) = (cx.target, cx.spec);
    let qualitative = matches!(spec, TargetSpec::Qualitative {});
    let has_number = e.value.is_some() || e.share_of_plan.is_some() || e.change.is_some();
    if let Some(j) = e.judgement {
        if qualitative {
            if e.value.is_some() {
                return Err(bad_at("value", format!(
                    "target {:?} is qualitative: give a judgement (exceeded, met, not_met), not a value",
                    target.id
                )));
            }
            p.obs.judgement = Some(j);
            p.form = Some(ResultForm::Judgement);
            return Ok(true);
        }
        if !has_number {
            if e.source.is_none() && e.reported.is_none() {
                return Err(bad_at("judgement", format!(
                    "a judgement is only for qualitative targets; target {:?} is {} — to record a verdict a report printed without a figure (\"vượt kế hoạch\"), give its `source` (or the `reported` wording)",
                    target.id,
                    spec.kind()
                )));
            }
            p.fixed = Some(j);
            p.form = Some(ResultForm::Verdict);
            return Ok(true);
        }
        p.reported_verdict = Some(j);
    } else if qualitative && has_number {
        return Err(bad_at(
            "value",
            format!(
            "target {:?} is qualitative: give a judgement (exceeded, met, not_met), not a value",
            target.id
        ),
        ));
    }
    Ok(false)
}

/// A value (or a range) reported: in the target's scale; a value in điểm % against a
/// reduction in points is the decrease achieved.
fn put_value(
    p: &mut Prepared,
    e: &ResultEntry,
    v: Decimal,
    value_is_decrease: bool,
    cx: &RowContext<'_>,
) -> Result<()> {
    if value_is_decrease {
        p.obs.achieved = Some(v);
        p.form = Some(ResultForm::Change);
        p.shown = Some((
            format!("giảm {} điểm %", vn(v)),
            format!("down {} percentage points", en(v)),
        ));
        p.notes.push((
            "số liệu tính bằng điểm % là mức giảm đạt được".into(),
            "a figure in percentage points is the decrease achieved".into(),
        ));
        return Ok(());
    }
    p.obs.value = Some(cx.conv(v)?);
    p.form = Some(ResultForm::Value);
    if let Some(h) = e.value_high {
        if h <= v {
            return Err(bad_at(
                "value_high",
                format!("a range result needs value_high ({h}) greater than value ({v})"),
            ));
        }
        let mut hi = p.obs.clone();
        hi.value = Some(cx.conv(h)?);
        p.obs_high = Some(hi);
        p.form = Some(ResultForm::Range);
    }
    Ok(())
}

/// A change `c` beside the value `level`: the baseline it implies when the target needs one
/// and none is given, else a check of the one given (reports round: more than 0,5 % apart is a
/// disagreement, a warning).
fn check_change_beside(
    p: &mut Prepared,
    c: Decimal,
    cu: ChangeUnit,
    level: Decimal,
    cx: &RowContext<'_>,
) -> Result<()> {
    let implied = baseline_from(level, c, cu, cx.spec, cx.from, cx.target_scale)?;
    match p.obs.baseline {
        None if cx.spec.needs_baseline() => {
            p.obs.baseline = Some(implied);
            p.notes.push((
                format!("kỳ gốc {} suy ra từ mức thay đổi", vn(implied)),
                format!("baseline {} implied by the change", en(implied)),
            ));
        }
        Some(b)
            if b.checked_sub(implied)
                .and_then(|d| d.abs().checked_mul(Decimal::from(200)))
                .is_none_or(|d| d > b.abs().max(Decimal::ONE)) =>
        {
            p.warnings.push((
                WarningCode::ChangeInconsistent,
                format!(
                    "Mức thay đổi {} không khớp với kỳ gốc {} và kết quả {}.",
                    vn(c),
                    vn(b),
                    vn(level)
                ),
                format!(
                    "The change {} does not match the baseline {} and the result {}.",
                    en(c),
                    en(b),
                    en(level)
                ),
            ));
        }
        _ => {}
    }
    Ok(())
}

/// A share of plan `s` beside the value: checked against the value ÷ the plan figure of the
/// level it names (a warning when they differ).
fn check_share_beside(
    p: &mut Prepared,
    e: &ResultEntry,
    s: Decimal,
    cx: &RowContext<'_>,
) -> Result<()> {
    let li = share_level(p, cx.levels, cx.default, e);
    if let (Some(plan), Some(r)) = (plan_figure(cx.levels[li].spec, cx.basis), p.obs.value) {
        if !plan.is_zero() {
            let digits = s.scale();
            let got = super::assess::pct(r, plan, digits)?.unwrap_or_default();
            if got != super::assess::round_ratio(s, digits) {
                p.warnings.push((
                    WarningCode::ShareInconsistent,
                    format!(
                        "Tỷ lệ {}% kế hoạch ghi kèm không khớp với {} ÷ {} = {}%.",
                        vn(s),
                        vn(r),
                        vn(plan),
                        vn(got)
                    ),
                    format!(
                        "The share {}% of plan given does not match {} ÷ {} = {}%.",
                        en(s),
                        en(r),
                        en(plan),
                        en(got)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A plan figure quoted in the wording ("(KH tăng 10-11%)") in a unit that fits the
/// target's, in the target's scale.
fn read_stated_plan(p: &mut Prepared, reading: &Reading, cx: &RowContext<'_>) -> Result<()> {
    if let Some(f) = &reading.stated_plan {
        if f.unit.as_ref().is_none_or(|u| {
            cx.expected
                .as_ref()
                .is_none_or(|x| x.compatibility(u) != UnitMatch::Mismatch)
        }) {
            let fs = f.scale.unwrap_or(cx.target_scale);
            let lo = rescale(f.value, fs, cx.target_scale, "")?;
            let hi = f
                .value_high
                .map(|h| rescale(h, fs, cx.target_scale, ""))
                .transpose()?;
            p.stated_plan = Some((lo, hi, f.qualifier));
        }
    }
    Ok(())
}

/// Shares of plan quoted beside the level `r` in the wording: each checked against the level
/// it names (a warning when it names none, or when the share differs).
fn check_quoted_shares(
    p: &mut Prepared,
    reading: &Reading,
    r: Decimal,
    cx: &RowContext<'_>,
) -> Result<()> {
    let levels = cx.levels;
    for sh in reading.shares.iter().filter(|s| s.qualifier.is_none()) {
        let li = match &sh.level {
            None => Some(cx.default),
            Some(t) if generic_level(t) => Some(cx.default),
            Some(t) => match_level(levels, t),
        };
        let Some(li) = li else {
            p.warnings.push((
                WarningCode::UnknownPlanLevel,
                format!("“{}” trong cách ghi không khớp với mức chỉ tiêu nào; tỷ lệ {}% không được đối chiếu.", sh.level.clone().unwrap_or_default(), vn(sh.share)),
                format!("“{}” in the wording matches none of the target's levels; the share {}% is not checked.", sh.level.clone().unwrap_or_default(), en(sh.share)),
            ));
            continue;
        };
        if let Some(plan) = plan_figure(levels[li].spec, cx.basis).filter(|x| !x.is_zero()) {
            let digits = sh.share.scale();
            let got = super::assess::pct(r, plan, digits)?.unwrap_or_default();
            if got != super::assess::round_ratio(sh.share, digits) {
                p.warnings.push((
                    WarningCode::ShareInconsistent,
                    format!(
                        "Tỷ lệ {}% {} ghi trong cách ghi không khớp với {} ÷ {} = {}%.",
                        vn(sh.share),
                        levels[li].label,
                        vn(r),
                        vn(plan),
                        vn(got)
                    ),
                    format!(
                        "The share {}% ({}) quoted in the wording does not match {} ÷ {} = {}%.",
                        en(sh.share),
                        levels[li].id,
                        en(r),
                        en(plan),
                        en(got)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// An earlier figure quoted in the wording ("(số đã báo cáo là 4,39%)"): prepared as an
/// estimate of its own, with the slice of the wording it came from; left out when it cannot
/// be read.
fn prepare_earlier(p: &mut Prepared, er: &Reading, entry: &ResultEntry, cx: &RowContext<'_>) {
    let mut base = entry.clone();
    base.reported = None;
    base.provenance = Some(crate::results::Provenance::Estimate);
    base.date = None;
    if let Ok(filled) = er.to_entry(cx.target, &base) {
        if let Ok(mut ep) = prepare(None, &filled, cx.target, cx.levels, cx.default, cx.basis) {
            ep.entry.reported = Some(describe_reading(
                entry.reported.as_deref().unwrap_or(""),
                er,
            ));
            p.earlier = Some(Box::new(ep));
        }
    }
}

/// The reported wording (`reported`) of a row: read into the row when it has no result of
/// its own, else compared with the row's figures (a warning when they differ).
fn read_reported(p: &mut Prepared, entry: &ResultEntry, target: &Target) -> Result<()> {
    if let Some(text) = &entry.reported {
        let out = read_result(text);
        for d in &out.diagnostics {
            if d.severity != crate::parse::Severity::Info {
                p.warnings.push((
                    WarningCode::ReportedUnread,
                    format!(
                        "Chưa đọc được trọn vẹn cách ghi “{text}”: {} ({}).",
                        d.message, d.code
                    ),
                    format!(
                        "The wording “{text}” was not read completely: {} ({}).",
                        d.message, d.code
                    ),
                ));
            }
        }
        match out.reading.to_entry(target, entry) {
            Ok(filled) if !entry.has_result() && !entry.not_applicable => {
                p.entry = filled;
            }
            Ok(filled) => {
                let same = filled.value == entry.value
                    && filled.value_high == entry.value_high
                    && filled.share_of_plan == entry.share_of_plan
                    && filled.change == entry.change;
                if !same {
                    p.warnings.push((
                        WarningCode::ReportedDiffers,
                        format!("Cách ghi “{text}” không khớp với số liệu của dòng; dùng số liệu của dòng."),
                        format!("The wording “{text}” does not match the row's own figures; the row's figures are used."),
                    ));
                }
            }
            Err(why) if !entry.has_result() && !entry.not_applicable => {
                return Err(bad_at(
                    "reported",
                    format!("cannot read the reported wording {text:?}: {why}"),
                ));
            }
            Err(_) => {}
        }
        p.reading = Some(out.reading);
    }
    Ok(())
}

/// A result reported only as a change (`change`, `change_unit`, `change_from`): the level it
/// implies (from the baseline) or the change itself, per the target kind.
fn prepare_change(p: &mut Prepared, e: &ResultEntry, cx: &RowContext<'_>) -> Result<()> {
    let Some(c) = e.change else {
        return Ok(());
    };
    let Some(cu) = e.change_unit else {
        return Err(bad_at(
            "change",
            "`change` needs `change_unit` (percentage_points, percent or absolute)",
        ));
    };
    p.form = Some(ResultForm::Change);
    p.shown = Some(change_words(e, c, cu, cx));
    let spec = cx.spec;
    match spec {
        TargetSpec::Reduction { unit: ru, .. } => decrease_from_change(p, e, c, cu, *ru, cx)?,
        TargetSpec::RankImprovement { .. } => {
            if cu != ChangeUnit::Absolute {
                return Err(bad_at(
                    "change_unit",
                    "a rank changes by places: give the change as absolute",
                ));
            }
            // "tăng 5 bậc": five places gained.
            p.obs.achieved = Some(c);
        }
        TargetSpec::CompositeDecrease { .. } | TargetSpec::Qualitative {} => {
            return Err(bad_at(
                "change",
                format!("a {} target cannot take a change", spec.kind()),
            ));
        }
        _ if cx.target.is_growth() && cu == ChangeUnit::Percent => {
            p.obs.value = Some(c);
            p.notes.push((
                "mức tăng so với kỳ trước là tốc độ tăng của chỉ tiêu".into(),
                "the growth on the previous period is the indicator itself".into(),
            ));
        }
        _ => level_from_change(p, e, c, cu, cx)?,
    }
    Ok(())
}

/// The qualifier word of a figure and a space, in Vietnamese and English ("hơn ", "over "),
/// or nothing.
fn qualifier_words(q: Option<Qualifier>) -> (String, String) {
    match q {
        Some(q) => (format!("{} ", q.word_vi()), format!("{} ", q.word_en())),
        None => (String::new(), String::new()),
    }
}

/// A change as words: "tăng hơn 12,5 tỷ đồng (so với cùng kỳ)", "up over 12.5 VND (on the
/// same period last year)".
fn change_words(
    e: &ResultEntry,
    c: Decimal,
    cu: ChangeUnit,
    cx: &RowContext<'_>,
) -> (String, String) {
    let (w_vi, w_en) = if c < Decimal::ZERO {
        ("giảm", "down")
    } else {
        ("tăng", "up")
    };
    let expected = &cx.expected;
    let (u_vi, u_en) = match cu {
        ChangeUnit::PercentagePoints => (" điểm %".to_string(), " percentage points".to_string()),
        ChangeUnit::Percent => ("%".into(), "%".into()),
        ChangeUnit::Absolute => {
            let u = expected.clone().map(|u| u.to_string()).unwrap_or_default();
            let sc = cx.from.word_vi();
            (
                format!(
                    "{}{}{}",
                    if sc.is_empty() { "" } else { " " },
                    sc,
                    if u.is_empty() {
                        String::new()
                    } else {
                        format!(" {u}")
                    }
                ),
                format!(
                    " {}",
                    expected.clone().map(|u| u.label_en()).unwrap_or_default()
                ),
            )
        }
    };
    let (f_vi, f_en) = match e.change_from {
        Some(ChangeFrom::SamePeriod) => (" (so với cùng kỳ)", " (on the same period last year)"),
        Some(ChangeFrom::PreviousYear) => (" (so với năm trước)", " (on the previous year)"),
        None => ("", ""),
    };
    let (q, q_en) = qualifier_words(e.qualifier);
    (
        format!("{w_vi} {q}{}{u_vi}{f_vi}", vn(c.abs())),
        format!("{w_en} {q_en}{}{u_en}{f_en}", en(c.abs())),
    )
}

/// The error for a change that needs the level before it (`what` says why).
fn missing_baseline(cx: &RowContext<'_>, what: &str) -> Error {
    Error::MissingBaseline {
        target: cx.target.id.clone(),
        kind: format!(
            "{}; the result is only a change ({what}), so the level before is needed",
            cx.spec.kind()
        ),
        location: Location::new().field("baseline"),
    }
}

/// A change against a reduction measured in `ru`: the decrease achieved (from the baseline
/// when the units differ), and the level after it for a reduction in points.
fn decrease_from_change(
    p: &mut Prepared,
    e: &ResultEntry,
    c: Decimal,
    cu: ChangeUnit,
    ru: ReductionUnit,
    cx: &RowContext<'_>,
) -> Result<()> {
    let a = match (ru, cu) {
        (ReductionUnit::PercentagePoints, ChangeUnit::PercentagePoints) => -c,
        (ReductionUnit::PercentagePoints, ChangeUnit::Percent) => {
            p.notes.push((
                "“giảm X%” của một tỷ lệ được hiểu là điểm %, như chỉ tiêu".into(),
                "“down X%” of a rate is read as percentage points, as the target is".into(),
            ));
            -c
        }
        (ReductionUnit::PercentOfBaseline, ChangeUnit::Percent) => -c,
        (ReductionUnit::PercentOfBaseline, ChangeUnit::Absolute) => {
            let b = p
                .obs
                .baseline
                .ok_or_else(|| missing_baseline(cx, "an absolute decrease"))?;
            if b <= Decimal::ZERO {
                return Err(bad_at(
                    "baseline",
                    "a decrease in % of the baseline needs a baseline greater than 0",
                ));
            }
            (-cx.conv(c)?)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(b))
                .ok_or_else(|| ovf("decrease"))?
        }
        (ReductionUnit::Absolute, ChangeUnit::Absolute) => -cx.conv(c)?,
        (ReductionUnit::Absolute, ChangeUnit::Percent) => {
            let b = p
                .obs
                .baseline
                .ok_or_else(|| missing_baseline(cx, "a decrease in %"))?;
            b.checked_mul(-c)
                .map(|x| x / Decimal::ONE_HUNDRED)
                .ok_or_else(|| ovf("decrease"))?
        }
        (ru, cu) => {
            return Err(bad_at(
                "change_unit",
                format!(
                    "a change in {} cannot be read against a reduction measured in {}",
                    <&str>::from(cu),
                    <&str>::from(ru)
                ),
            ))
        }
    };
    // "giảm hơn 1%": the decrease is more than 1 (the qualifier is on its size).
    p.obs.achieved = Some(a);
    if c > Decimal::ZERO {
        p.obs.qualifier = e.qualifier.map(Qualifier::reversed);
    }
    if let (Some(b), None) = (p.obs.baseline, p.obs.value) {
        if matches!(ru, ReductionUnit::PercentagePoints) {
            p.obs.value = Some(sub(b, a, "level after the decrease")?);
        }
    }
    Ok(())
}

/// A change from the baseline: the level it implies (a change in % of an indicator in % is
/// read as points).
fn level_from_change(
    p: &mut Prepared,
    e: &ResultEntry,
    c: Decimal,
    cu: ChangeUnit,
    cx: &RowContext<'_>,
) -> Result<()> {
    let b = p
        .obs
        .baseline
        .ok_or_else(|| missing_baseline(cx, "no level is reported"))?;
    let pct_q = in_percent(cx.spec);
    let level = match cu {
        ChangeUnit::PercentagePoints if pct_q => add(b, c, "level from change")?,
        ChangeUnit::PercentagePoints => {
            return Err(bad_at(
                "change_unit",
                "a change in percentage points is only for an indicator in %",
            ))
        }
        ChangeUnit::Percent if pct_q => {
            p.notes.push((
                "thay đổi X% của một chỉ tiêu tính bằng % được hiểu là điểm %".into(),
                "a change of X% of an indicator in % is read as percentage points".into(),
            ));
            add(b, c, "level from change")?
        }
        ChangeUnit::Percent => b
            .checked_mul(add(Decimal::ONE_HUNDRED, c, "level from change")?)
            .map(|x| x / Decimal::ONE_HUNDRED)
            .ok_or_else(|| ovf("level from change"))?,
        ChangeUnit::Absolute => b
            .checked_add(cx.conv(c)?)
            .ok_or_else(|| ovf("level from change"))?,
    };
    p.obs.value = Some(level);
    if c < Decimal::ZERO {
        p.obs.qualifier = e.qualifier.map(Qualifier::reversed);
    }
    p.notes.push((
        format!("kết quả {} = kỳ gốc {} và mức thay đổi", vn(level), vn(b)),
        format!("result {} = baseline {} and the change", en(level), en(b)),
    ));
    Ok(())
}

/// A result reported as a share of plan (`share_of_plan`, "đạt 102% kế hoạch"): the level of
/// plan it refers to and the value it implies.
fn prepare_share(
    p: &mut Prepared,
    e: &ResultEntry,
    levels: &[LevelRef<'_>],
    default: usize,
    basis: RangeBasis,
) -> Result<()> {
    let Some(s) = e.share_of_plan else {
        return Ok(());
    };
    let li = share_level(p, levels, default, e);
    let lspec = levels[li].spec;
    let (q, q_en) = qualifier_words(e.qualifier);
    let (lvl_vi, lvl_en) = if li == default && levels.len() == 1 {
        ("kế hoạch".to_string(), "of plan".to_string())
    } else {
        (
            format!("chỉ tiêu {}", levels[li].label),
            format!("of the target {}", levels[li].label_en),
        )
    };
    p.shown = Some((
        format!("{q}{}% {lvl_vi}", vn(s)),
        format!("{q_en}{}% {lvl_en}", en(s)),
    ));
    p.form = Some(ResultForm::ShareOfPlan);
    match lspec {
        TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. } => {
            return Err(bad_at(
                "share_of_plan",
                "a share of plan needs a target with a figure",
            ));
        }
        TargetSpec::Reduction { .. } | TargetSpec::RankImprovement { .. } => {
            let plan = plan_figure(lspec, basis).ok_or_else(|| ovf("plan figure"))?;
            let a = plan
                .checked_mul(s)
                .map(|x| (x / Decimal::ONE_HUNDRED).normalize())
                .ok_or_else(|| ovf("share of plan"))?;
            p.obs.achieved = Some(a);
            p.notes.push((
                format!("mức đạt được {} suy ra từ {}% kế hoạch", vn(a), vn(s)),
                format!("achieved {} implied by {}% of plan", en(a), en(s)),
            ));
        }
        TargetSpec::Reference { value: None, .. } if p.obs.baseline.is_none() => {
            // The reference value is unknown: the share is compared with 100 % itself.
            p.obs.value = Some(s);
            p.obs.baseline = Some(Decimal::ONE_HUNDRED);
            p.notes.push((
                "chưa có giá trị của chỉ tiêu: so sánh trực tiếp tỷ lệ % kế hoạch với 100%".into(),
                "the target's value is not known: the share is compared with 100% directly".into(),
            ));
        }
        _ => {
            let plan = match lspec {
                TargetSpec::Reference { value: None, .. } => p.obs.baseline.unwrap_or_default(),
                _ => plan_figure(lspec, basis).ok_or_else(|| ovf("plan figure"))?,
            };
            let v = plan
                .checked_mul(s)
                .map(|x| (x / Decimal::ONE_HUNDRED).normalize())
                .ok_or_else(|| ovf("share of plan"))?;
            p.obs.value = Some(v);
            p.notes.push((
                format!("kết quả {} suy ra từ {}% của {}", vn(v), vn(s), vn(plan)),
                format!("result {} implied by {}% of {}", en(v), en(s), en(plan)),
            ));
        }
    }
    Ok(())
}

/// An approximate value or a range, as words ("khoảng 6,5%", "6–7%").
fn show_approximate(p: &mut Prepared, spec: &TargetSpec, e: &ResultEntry) {
    if p.shown.is_none() && matches!(p.form, Some(ResultForm::Value | ResultForm::Range)) {
        if let Some(v) = p.obs.value {
            let (mut a, mut b) = crate::format::explain::show(spec, v);
            if let Some(h) = p.obs_high.as_ref().and_then(|h| h.value) {
                let (c, d) = crate::format::explain::show(spec, h);
                let num_vi = crate::format::number::format_vn(v.normalize());
                let num_en = crate::format::number::format_en_rounded(v, 10);
                a = format!("{num_vi}–{c}");
                b = format!("{num_en}–{d}");
            }
            if let Some(q) = e.qualifier {
                a = format!("{} {a}", q.word_vi());
                b = format!("{} {b}", q.word_en());
            }
            if e.qualifier.is_some() || p.obs_high.is_some() {
                p.shown = Some((a, b));
            }
        }
    }
}

/// The wording of an earlier figure: the slice of the phrase it came from.
fn describe_reading(text: &str, r: &Reading) -> String {
    let span = r
        .value
        .as_ref()
        .map(|f| (f.start, f.end))
        .or_else(|| r.shares.first().map(|s| (s.start, s.end)))
        .or_else(|| r.changes.first().map(|c| (c.start, c.end)));
    match span {
        Some((a, b)) if b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) => {
            let start = text[..a].rfind(['(', ',']).map(|i| i + 1).unwrap_or(a);
            let end = text[b..].find(')').map(|i| b + i).unwrap_or(b);
            text[start..end].trim().to_string()
        }
        _ => text.to_string(),
    }
}

fn share_level(
    p: &mut Prepared,
    levels: &[LevelRef<'_>],
    default: usize,
    e: &ResultEntry,
) -> usize {
    let li = match &e.plan_level {
        None => default,
        Some(t) if generic_level(t) => default,
        Some(t) => match match_level(levels, t) {
            Some(i) => i,
            None => {
                p.warnings.push((
                    WarningCode::UnknownPlanLevel,
                    format!(
                        "“{t}” không khớp với mức chỉ tiêu nào ({}); tính theo {}.",
                        levels
                            .iter()
                            .map(|l| l.label)
                            .collect::<Vec<_>>()
                            .join(", "),
                        levels[default].label
                    ),
                    format!(
                        "“{t}” matches none of the target's levels ({}); read against {}.",
                        levels.iter().map(|l| l.id).collect::<Vec<_>>().join(", "),
                        levels[default].id
                    ),
                ));
                default
            }
        },
    };
    p.share_level = Some(li);
    li
}

/// The baseline a level and a change imply.
fn baseline_from(
    level: Decimal,
    c: Decimal,
    cu: ChangeUnit,
    spec: &TargetSpec,
    from: Scale,
    to: Scale,
) -> Result<Decimal> {
    Ok(match cu {
        ChangeUnit::PercentagePoints => sub(level, c, "baseline from change")?,
        ChangeUnit::Percent
            if in_percent(spec)
                || matches!(
                    spec,
                    TargetSpec::Reduction {
                        unit: ReductionUnit::PercentagePoints,
                        ..
                    }
                ) =>
        {
            sub(level, c, "baseline from change")?
        }
        ChangeUnit::Percent => {
            let f = add(Decimal::ONE_HUNDRED, c, "baseline from change")?;
            if f.is_zero() {
                return Err(bad_at("change", "a change of −100% leaves no baseline"));
            }
            level
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(f))
                .ok_or_else(|| ovf("baseline from change"))?
        }
        ChangeUnit::Absolute => sub(level, rescale(c, from, to, "")?, "baseline from change")?,
    })
}

#[cfg(test)]
mod tests {
    //! Pins today's output of [`prepare`] and [`prepare_change`] (form, shown words, notes,
    //! warnings, observation, errors) for the arms the shared vectors do not reach, so that a
    //! restructuring of these functions can be checked to change nothing.
    use super::*;
    use crate::model::Directive;

    fn directive(which: &str) -> Directive {
        Directive::from_json(match which {
            "units" => include_str!("../../../docs/examples/units/directive.json"),
            _ => include_str!("../../../docs/examples/002_kon-tum-2024.json"),
        })
        .unwrap()
    }

    /// `prepare` of one row (JSON fields beside unit, target and period) for one target, as a
    /// line: the form, what is shown, the notes, the warnings and the observation, or the error.
    fn pin(which: &str, id: &str, fields: &str) -> String {
        let d = directive(which);
        let t = d.target(id).unwrap();
        let row = format!(r#"{{"unit":"U","target":"{id}","period":"2024"{fields}}}"#);
        let e: ResultEntry = serde_json::from_str(&row).unwrap();
        let levels = [LevelRef {
            id: "kh",
            label: "kế hoạch",
            label_en: "plan",
            spec: &t.spec,
        }];
        match prepare(None, &e, t, &levels, 0, RangeBasis::Lower) {
            Ok(p) => format!(
                "{:?} | {:?} | {:?} | {:?} | value {:?} achieved {:?} baseline {:?} q {:?} | plan \
                 {:?} earlier {:?}",
                p.form,
                p.shown,
                p.notes,
                p.warnings,
                p.obs.value.map(|v| v.to_string()),
                p.obs.achieved.map(|v| v.to_string()),
                p.obs.baseline.map(|v| v.to_string()),
                p.obs.qualifier,
                p.stated_plan
                    .map(|(a, b, q)| (a.to_string(), b.map(|b| b.to_string()), q)),
                p.earlier
                    .map(|e| (e.form, e.obs.value.map(|v| v.to_string()), e.entry.reported)),
            ),
            Err(e) => format!("{} at {} | {e}", e.code(), e.location()),
        }
    }

    #[test]
    fn pinned_forms() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // Changes against each target kind.
            ("units", "6", r#","change":"-2","change_unit":"percentage_points","qualifier":"over""#,
             r#"Some(Change) | Some(("giảm hơn 2 điểm %", "down over 2 percentage points")) | [] | [] | value None achieved Some("2") baseline None q Some(Over) | plan None earlier None"#),
            ("units", "6", r#","change":"-2","change_unit":"percent","baseline":"5""#,
             r#"Some(Change) | Some(("giảm 2%", "down 2%")) | [("“giảm X%” của một tỷ lệ được hiểu là điểm %, như chỉ tiêu", "“down X%” of a rate is read as percentage points, as the target is")] | [] | value Some("3") achieved Some("2") baseline Some("5") q None | plan None earlier None"#),
            ("units", "6", r#","change":"-2","change_unit":"absolute""#,
             "invalid_result at change_unit | invalid result at change_unit: a change in absolute cannot be read against a reduction measured in percentage_points"),
            ("units", "3", r#","change":"12.5","change_unit":"absolute","baseline":"4600","change_from":"same_period","qualifier":"about""#,
             r#"Some(Change) | Some(("tăng khoảng 12,5 tỷ đồng (so với cùng kỳ)", "up about 12.5 VND (on the same period last year)")) | [("kết quả 4.612,5 = kỳ gốc 4.600 và mức thay đổi", "result 4,612.5 = baseline 4,600 and the change")] | [] | value Some("4612.5") achieved None baseline Some("4600") q Some(About) | plan None earlier None"#),
            ("units", "3", r#","change":"-3","change_unit":"percent","baseline":"4600","qualifier":"over""#,
             r#"Some(Change) | Some(("giảm hơn 3%", "down over 3%")) | [("kết quả 4.462 = kỳ gốc 4.600 và mức thay đổi", "result 4,462 = baseline 4,600 and the change")] | [] | value Some("4462") achieved None baseline Some("4600") q Some(Under) | plan None earlier None"#),
            ("units", "3", r#","change":"3","change_unit":"percentage_points","baseline":"4600""#,
             "invalid_result at change_unit | invalid result at change_unit: a change in percentage points is only for an indicator in %"),
            ("units", "3", r#","change":"3","change_unit":"percent""#,
             r#"missing_baseline at baseline | missing baseline at baseline: target "3" (amount; the result is only a change (no level is reported), so the level before is needed) needs the baseline value"#),
            ("units", "1", r#","change":"8.5","change_unit":"percent","change_from":"previous_year""#,
             r#"Some(Change) | Some(("tăng 8,5% (so với năm trước)", "up 8.5% (on the previous year)")) | [("mức tăng so với kỳ trước là tốc độ tăng của chỉ tiêu", "the growth on the previous period is the indicator itself")] | [] | value Some("8.5") achieved None baseline None q None | plan None earlier None"#),
            ("units", "8", r#","change":"1.5","change_unit":"percent","baseline":"25""#,
             r#"Some(Change) | Some(("tăng 1,5%", "up 1.5%")) | [("thay đổi X% của một chỉ tiêu tính bằng % được hiểu là điểm %", "a change of X% of an indicator in % is read as percentage points"), ("kết quả 26,5 = kỳ gốc 25 và mức thay đổi", "result 26.5 = baseline 25 and the change")] | [] | value Some("26.5") achieved None baseline Some("25") q None | plan None earlier None"#),
            ("units", "8", r#","change":"1.5","change_unit":"percentage_points","baseline":"25""#,
             r#"Some(Change) | Some(("tăng 1,5 điểm %", "up 1.5 percentage points")) | [("kết quả 26,5 = kỳ gốc 25 và mức thay đổi", "result 26.5 = baseline 25 and the change")] | [] | value Some("26.5") achieved None baseline Some("25") q None | plan None earlier None"#),
            ("units", "12", r#","change":"1","change_unit":"percent""#,
             r#"invalid_result at value | invalid result at value: target "12" is qualitative: give a judgement (exceeded, met, not_met), not a value"#),
            ("units", "3", r#","change":"1""#,
             "invalid_result at change | invalid result at change: `change` needs `change_unit` (percentage_points, percent or absolute)"),
            ("kt", "12a", r#","change":"5","change_unit":"absolute""#,
             r#"Some(Change) | Some(("tăng 5 bậc", "up 5 places")) | [] | [] | value None achieved Some("5") baseline None q None | plan None earlier None"#),
            ("kt", "12a", r#","change":"5","change_unit":"percent""#,
             "invalid_result at change_unit | invalid result at change_unit: a rank changes by places: give the change as absolute"),
            ("kt", "8", r#","change":"-4.1","change_unit":"percent""#,
             r#"Some(Change) | Some(("giảm 4,1%", "down 4.1%")) | [("“giảm X%” của một tỷ lệ được hiểu là điểm %, như chỉ tiêu", "“down X%” of a rate is read as percentage points, as the target is")] | [] | value None achieved Some("4.1") baseline None q None | plan None earlier None"#),
            ("kt", "8", r#","change":"-4.1","change_unit":"absolute""#,
             "invalid_result at change_unit | invalid result at change_unit: a change in absolute cannot be read against a reduction measured in percentage_points"),
            ("kt", "5", r#","change":"10","change_unit":"absolute","value_unit":"tỷ đồng","baseline":"100""#,
             "unit_mismatch at value_unit | unit mismatch at value_unit: expected USD, found đồng"),
            // Values, ranges, shares, verdicts and their checks.
            ("units", "8", r#","value":"24.5","value_high":"26","qualifier":"about""#,
             r#"Some(Range) | Some(("khoảng 24,5–26%", "about 24.5–26%")) | [] | [] | value Some("24.5") achieved None baseline None q Some(About) | plan None earlier None"#),
            ("units", "8", r#","value":"124""#,
             r#"Some(Value) | None | [] | [] | value Some("124") achieved None baseline None q None | plan None earlier None"#),
            ("units", "8", r#","value":"26","value_high":"25""#,
             "invalid_result at value_high | invalid result at value_high: a range result needs value_high (25) greater than value (26)"),
            ("units", "3", r#","value":"4800","change":"5","change_unit":"percent","baseline":"4000""#,
             r#"Some(Value) | None | [] | [(ChangeInconsistent, "Mức thay đổi 5 không khớp với kỳ gốc 4.000 và kết quả 4.800.", "The change 5 does not match the baseline 4,000 and the result 4,800.")] | value Some("4800") achieved None baseline Some("4000") q None | plan None earlier None"#),
            ("units", "3", r#","value":"4800","change":"4.35","change_unit":"percent""#,
             r#"Some(Value) | None | [] | [] | value Some("4800") achieved None baseline None q None | plan None earlier None"#),
            ("units", "3", r#","value":"4800","share_of_plan":"99""#,
             r#"Some(Value) | None | [] | [(ShareInconsistent, "Tỷ lệ 99% kế hoạch ghi kèm không khớp với 4.800 ÷ 5.911 = 81%.", "The share 99% of plan given does not match 4,800 ÷ 5,911 = 81%.")] | value Some("4800") achieved None baseline None q None | plan None earlier None"#),
            ("units", "3", r#","share_of_plan":"104.3","qualifier":"over""#,
             r#"Some(ShareOfPlan) | Some(("hơn 104,3% kế hoạch", "over 104.3% of plan")) | [("kết quả 6.165,173 suy ra từ 104,3% của 5.911", "result 6,165.173 implied by 104.3% of 5,911")] | [] | value Some("6165.173") achieved None baseline None q Some(Over) | plan None earlier None"#),
            ("units", "3", r#","share_of_plan":"104.3","plan_level":"Nghị quyết HĐND""#,
             r#"Some(ShareOfPlan) | Some(("104,3% kế hoạch", "104.3% of plan")) | [("kết quả 6.165,173 suy ra từ 104,3% của 5.911", "result 6,165.173 implied by 104.3% of 5,911")] | [(UnknownPlanLevel, "“Nghị quyết HĐND” không khớp với mức chỉ tiêu nào (kế hoạch); tính theo kế hoạch.", "“Nghị quyết HĐND” matches none of the target's levels (kh); read against kh.")] | value Some("6165.173") achieved None baseline None q None | plan None earlier None"#),
            ("units", "6", r#","share_of_plan":"110""#,
             r#"Some(ShareOfPlan) | Some(("110% kế hoạch", "110% of plan")) | [("mức đạt được 1,1 suy ra từ 110% kế hoạch", "achieved 1.1 implied by 110% of plan")] | [] | value None achieved Some("1.1") baseline None q None | plan None earlier None"#),
            ("units", "11", r#","share_of_plan":"101""#,
             r#"Some(ShareOfPlan) | Some(("101% kế hoạch", "101% of plan")) | [("chưa có giá trị của chỉ tiêu: so sánh trực tiếp tỷ lệ % kế hoạch với 100%", "the target's value is not known: the share is compared with 100% directly")] | [] | value Some("101") achieved None baseline Some("100") q None | plan None earlier None"#),
            ("units", "12", r#","judgement":"met""#,
             "Some(Judgement) | None | [] | [] | value None achieved None baseline None q None | plan None earlier None"),
            ("units", "12", r#","value":"1""#,
             r#"invalid_result at value | invalid result at value: target "12" is qualitative: give a judgement (exceeded, met, not_met), not a value"#),
            ("units", "3", r#","judgement":"exceeded""#,
             r#"invalid_result at judgement | invalid result at judgement: a judgement is only for qualitative targets; target "3" is amount — to record a verdict a report printed without a figure ("vượt kế hoạch"), give its `source` (or the `reported` wording)"#),
            ("units", "3", r#","judgement":"exceeded","source":"báo cáo""#,
             "Some(Verdict) | None | [] | [] | value None achieved None baseline None q None | plan None earlier None"),
            ("units", "3", r#","value":"4800","judgement":"not_met""#,
             r#"Some(Value) | None | [] | [] | value Some("4800") achieved None baseline None q None | plan None earlier None"#),
            ("units", "3", r#","not_applicable":true"#,
             "Some(NotApplicable) | None | [] | [] | value None achieved None baseline None q None | plan None earlier None"),
            ("units", "3", r#","not_applicable":true,"value":"1""#,
             "invalid_result at not_applicable | invalid result at not_applicable: a row marked not_applicable cannot also carry a value or judgement"),
            ("units", "3", r#","value":"4800","value_unit":"người""#,
             "unit_mismatch at value_unit | unit mismatch at value_unit: expected đồng, found người"),
            ("units", "1", r#","value":"8.5","value_unit":"điểm %""#,
             "unit_mismatch at value_unit | unit mismatch at value_unit: expected %, found điểm %"),
            ("kt", "7", r#","value":"101""#,
             "invalid_result at value | invalid result at value: the value 101 is a rate in %, which must lie between 0 and 100"),
            ("kt", "8", r#","value":"1.2","value_unit":"điểm %""#,
             r#"Some(Change) | Some(("giảm 1,2 điểm %", "down 1.2 percentage points")) | [("số liệu tính bằng điểm % là mức giảm đạt được", "a figure in percentage points is the decrease achieved")] | [] | value None achieved Some("1.2") baseline None q None | plan None earlier None"#),
            // Reported wordings: read, compared, quoting a plan or an earlier figure.
            ("units", "3", r#","reported":"ước đạt 4.800 tỷ đồng (đạt 104,3% kế hoạch)""#,
             r#"Some(Value) | None | [] | [(ShareInconsistent, "Tỷ lệ 104,3% kế hoạch ghi trong cách ghi không khớp với 4.800 ÷ 5.911 = 81,2%.", "The share 104.3% (kh) quoted in the wording does not match 4,800 ÷ 5,911 = 81.2%.")] | value Some("4800") achieved None baseline None q None | plan None earlier None"#),
            ("units", "3", r#","reported":"đạt 4.800 tỷ đồng, bằng 101% dự toán Trung ương giao""#,
             r#"Some(Value) | None | [] | [(UnknownPlanLevel, "“dự toán Trung ương giao” trong cách ghi không khớp với mức chỉ tiêu nào; tỷ lệ 101% không được đối chiếu.", "“dự toán Trung ương giao” in the wording matches none of the target's levels; the share 101% is not checked.")] | value Some("4800") achieved None baseline None q None | plan None earlier None"#),
            ("units", "3", r#","value":"4700","reported":"đạt 4.800 tỷ đồng""#,
             r#"Some(Value) | None | [] | [(ReportedDiffers, "Cách ghi “đạt 4.800 tỷ đồng” không khớp với số liệu của dòng; dùng số liệu của dòng.", "The wording “đạt 4.800 tỷ đồng” does not match the row's own figures; the row's figures are used.")] | value Some("4700") achieved None baseline None q None | plan None earlier None"#),
            ("units", "1", r#","reported":"9,40% (KH tăng 10-11%)""#,
             r#"Some(Value) | None | [] | [] | value Some("9.40") achieved None baseline None q None | plan Some(("10", Some("11"), None)) earlier None"#),
            ("units", "1", r#","reported":"đạt 3,88% (số đã báo cáo là 4,39%)""#,
             r#"Some(Value) | None | [] | [] | value Some("3.88") achieved None baseline None q None | plan None earlier Some((Some(Value), Some("4.39"), Some("số đã báo cáo là 4,39%")))"#),
            ("units", "1", r#","reported":"đạt 3.5%""#,
             r#"invalid_result at reported | invalid result at reported: cannot read the reported wording "đạt 3.5%": no figure, share of plan, change or verdict could be read"#),
            ("units", "1", r#","reported":"vượt kế hoạch""#,
             "Some(Verdict) | None | [] | [] | value None achieved None baseline None q None | plan None earlier None"),
            ("units", "3", r#","reported":"Xuất siêu""#,
             r#"invalid_result at reported | invalid result at reported: cannot read the reported wording "Xuất siêu": the phrase states a trade surplus (xuất siêu) without a figure; the target "Thu ngân sách nhà nước" is not named as a trade surplus or deficit"#),
        ];
        for (which, id, fields, want) in cases {
            assert_eq!(pin(which, id, fields), *want, "{which} {id} {fields}");
        }
    }
}
