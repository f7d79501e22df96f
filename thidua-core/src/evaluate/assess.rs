//! One assessment: an [`Observation`] against a [`TargetSpec`] → [`Status`], % of plan, gap.

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

use super::options::*;
use crate::error::{Error, Location, Result};
use crate::model::{
    AboveRange, Comparator, Component, Direction, Measure, ReductionUnit, TargetKind, TargetSpec,
};
use crate::quantity::rescale;
use crate::quantity::Quantity;
use crate::results::{Judgement, Period, Qualifier};

/// The status of one target for one unit and period.
///
/// ```
/// use thidua_core::Status;
/// assert_eq!(Status::Exceeded.label_vi(), "vượt");
/// assert!(Status::Met.is_met_or_exceeded());
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Vượt — satisfied and strictly better than the target value.
    Exceeded,
    /// Đạt — satisfied at exactly the target value (or, for a band or a composite, inside it).
    Met,
    /// Cơ bản đạt — not met, but within the "cơ bản đạt" band that the evaluation declared
    /// (`basically_met_at`, e.g. ≥ 95 % of plan). Never produced without that option; not
    /// counted in "đạt và vượt".
    BasicallyMet,
    /// Không đạt.
    NotMet,
    /// Chưa có số liệu — no result reported yet. Never treated as zero.
    NoData,
    /// Không áp dụng — the target does not apply to this unit.
    NotApplicable,
}

impl Status {
    /// Exceeded or met ("đạt và vượt").
    pub fn is_met_or_exceeded(self) -> bool {
        matches!(self, Status::Exceeded | Status::Met)
    }

    /// A rank for "better": Exceeded 4, Met 3, BasicallyMet 2, NotMet 1; NoData and
    /// NotApplicable 0.
    pub fn merit(self) -> u8 {
        match self {
            Status::Exceeded => 4,
            Status::Met => 3,
            Status::BasicallyMet => 2,
            Status::NotMet => 1,
            Status::NoData | Status::NotApplicable => 0,
        }
    }
}

/// One component row of a composite result.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "composite_decrease", "components": [
///     {"id": "cases", "name": "số vụ"}, {"id": "deaths", "name": "người chết"}]}"#)?;
/// let obs = Observation::components(vec![
///     ComponentResult::new("cases", Decimal::from(90), Decimal::from(100)),
///     ComponentResult::new("deaths", Decimal::from(51), Decimal::from(50)),
/// ]);
/// assert_eq!(assess(&spec, &obs, &AssessContext::new(Period::year(2024), &EvaluationOptions::default()))?.status, Status::NotMet);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ComponentResult {
    /// Component id.
    pub component: String,
    /// Value this period.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub value: Option<Decimal>,
    /// Value in the baseline period.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub baseline: Option<Decimal>,
}

impl ComponentResult {
    /// A component's value this period and in the baseline period.
    pub fn new(component: impl Into<String>, value: Decimal, baseline: Decimal) -> ComponentResult {
        ComponentResult {
            component: component.into(),
            value: Some(value),
            baseline: Some(baseline),
        }
    }
}

/// The numeric inputs of one assessment, already in the target's scale.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "rank_improvement", "index": "PCI",
///     "places": 5, "baseline_year": 2023}"#)?;
/// let obs = Observation::with_baseline(Decimal::from(44), Decimal::from(50));
/// let a = assess(&spec, &obs, &AssessContext::new(Period::year(2024), &EvaluationOptions::default()))?;
/// assert_eq!((a.status, a.achieved), (Status::Exceeded, Some(Decimal::from(6))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Observation {
    /// The value.
    pub value: Option<Decimal>,
    /// The baseline.
    pub baseline: Option<Decimal>,
    /// Ranked out of this many.
    pub out_of: Option<u32>,
    /// Baseline ranked out of this many.
    pub baseline_out_of: Option<u32>,
    /// Judgement, for qualitative targets.
    pub judgement: Option<Judgement>,
    /// Not applicable to this unit.
    pub not_applicable: bool,
    /// Component rows, for composite targets.
    pub components: Vec<ComponentResult>,
    /// How approximate the value is (the edge rule, see [`Qualifier`]).
    pub qualifier: Option<Qualifier>,
    /// The quantity compared with the target when it was reported directly rather than as a
    /// level and a baseline: the decrease of a reduction, the places gained of a rank.
    pub achieved: Option<Decimal>,
}

impl Observation {
    /// No result (chưa có số liệu).
    pub fn none() -> Observation {
        Observation::default()
    }

    /// A council's judgement, for a qualitative target.
    pub fn judged(j: Judgement) -> Observation {
        Observation {
            judgement: Some(j),
            ..Default::default()
        }
    }

    /// The target does not apply to this unit.
    pub fn not_applicable() -> Observation {
        Observation {
            not_applicable: true,
            ..Default::default()
        }
    }

    /// The component rows of a composite target.
    pub fn components(rows: Vec<ComponentResult>) -> Observation {
        Observation {
            components: rows,
            ..Default::default()
        }
    }

    /// The same observation with the sizes of the rankings (`out_of` now, in the baseline).
    pub fn with_out_of(mut self, out_of: Option<u32>, baseline_out_of: Option<u32>) -> Observation {
        self.out_of = out_of;
        self.baseline_out_of = baseline_out_of;
        self
    }

    /// An observation with just a value.
    pub fn value(v: Decimal) -> Observation {
        Observation {
            value: Some(v),
            ..Default::default()
        }
    }

    /// An observation with a value and a baseline.
    pub fn with_baseline(v: Decimal, b: Decimal) -> Observation {
        Observation {
            value: Some(v),
            baseline: Some(b),
            ..Default::default()
        }
    }
}

/// The numbers of one assessment, without text: the fast path used by [`evaluate`](crate::evaluate()) and by
/// scoring. Call [`assess`] to get one.
///
/// ```
/// use thidua_core::*;
/// let spec = TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(54) };
/// let a = assess(&spec, &Observation::value(Decimal::new(535, 1)), &AssessContext::new(Period::year(2024), &EvaluationOptions::default()))?;
/// assert_eq!(a.status, Status::NotMet);
/// assert_eq!(a.gap, Some(Decimal::new(-5, 1)));
/// assert_eq!(a.ratio.ok_or("no % of plan")?.to_string(), "99.07");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Assessment {
    /// Status.
    pub status: Status,
    /// % of plan, rounded to `ratio_digits`; `None` where undefined.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub ratio: Option<Decimal>,
    /// Signed gap (positive = better than the target), unrounded, in the target's unit.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub gap: Option<Decimal>,
    /// The quantity compared with the target: the result itself, or the decrease achieved
    /// (reductions), the places gained (ranks), the number of components that fell
    /// (composites).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub achieved: Option<Decimal>,
    /// The threshold the result was compared with (the target value, or its pro-rata share
    /// for an in-year flow, or the reference value).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub threshold: Option<Decimal>,
    /// Whether the in-year pro-rata rule applied.
    pub pro_rata: bool,
}

impl Assessment {
    pub(crate) fn bare(status: Status) -> Assessment {
        Assessment {
            status,
            ratio: None,
            gap: None,
            achieved: None,
            threshold: None,
            pro_rata: false,
        }
    }
}

fn ovf(op: &str) -> Error {
    Error::overflow(Location::new(), op)
}

/// Rounds half away from zero to exactly `digits` decimals (trailing zeros kept, so that
/// `100` is always written `"100.00"` with 2 digits, whatever the arithmetic before).
pub(crate) fn round_ratio(r: Decimal, digits: u32) -> Decimal {
    let mut x = r.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    x.rescale(digits);
    x
}

/// `a ÷ b × 100`, rounded half away from zero to `digits` decimals; `None` if `b` is zero.
///
/// The quotient is rounded **exactly**: with integer arithmetic on the decimals' mantissas
/// (`a·10^(2+digits+scale_b) ÷ b·10^scale_a`, remainder compared with half the divisor) whenever
/// that fits in 128 bits, which covers every realistic figure. Otherwise it falls back to
/// decimal division (28 significant digits) followed by the same rounding.
pub(crate) fn pct(a: Decimal, b: Decimal, digits: u32) -> Result<Option<Decimal>> {
    if b.is_zero() {
        return Ok(None);
    }
    if let Some(q) = exact_pct(a, b, digits) {
        return Ok(Some(q));
    }
    let num = a
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(|| ovf("% of plan"))?;
    let q = num.checked_div(b).ok_or_else(|| ovf("% of plan"))?;
    Ok(Some(round_ratio(q, digits)))
}

/// Exact `round_half_away(a ÷ b × 100, digits)` in integers (i64 when the operands allow,
/// which is the common case and avoids 128-bit division; else i128), or `None` if it does not
/// fit.
pub(crate) fn exact_pct(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
    if let Some(q) = exact_pct_i64(a, b, digits) {
        return Some(q);
    }
    exact_pct_i128(a, b, digits)
}

pub(crate) fn exact_pct_i64(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
    let am = i64::try_from(a.mantissa()).ok()?;
    let bm = i64::try_from(b.mantissa()).ok()?;
    let num = am.checked_mul(10i64.checked_pow(2 + digits + b.scale())?)?;
    let den = bm.checked_mul(10i64.checked_pow(a.scale())?)?;
    let (mut q, r) = (num / den, num % den);
    if r != 0 && r.unsigned_abs() * 2 >= den.unsigned_abs() {
        q += if (num < 0) != (den < 0) { -1 } else { 1 };
    }
    Some(Decimal::new(q, digits))
}

pub(crate) fn exact_pct_i128(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
    let pow10 = |e: u32| 10i128.checked_pow(e);
    let num = a.mantissa().checked_mul(pow10(2 + digits + b.scale())?)?;
    let den = b.mantissa().checked_mul(pow10(a.scale())?)?;
    let (mut q, r) = (num / den, num % den);
    // Round half away from zero: |r| ≥ |den| / 2  ⇔  2|r| ≥ |den|.
    if r != 0 && r.unsigned_abs().checked_mul(2)? >= den.unsigned_abs() {
        q += if (num < 0) != (den < 0) { -1 } else { 1 };
    }
    Decimal::try_from_i128_with_scale(q, digits).ok()
}

/// `r.cmp(t)`, where a value that falls exactly on `t` is read as just above or below it when
/// its qualifier says so ("hơn X" is above X).
fn edge_cmp(r: Decimal, t: Decimal, edge: std::cmp::Ordering) -> std::cmp::Ordering {
    match r.cmp(&t) {
        std::cmp::Ordering::Equal => edge,
        o => o,
    }
}

fn edge_of(obs: &Observation) -> std::cmp::Ordering {
    obs.qualifier
        .map(|q| q.edge())
        .unwrap_or(std::cmp::Ordering::Equal)
}

fn status_from(cond: bool, strictly_better: bool) -> Status {
    if !cond {
        Status::NotMet
    } else if strictly_better {
        Status::Exceeded
    } else {
        Status::Met
    }
}

fn need_baseline(obs: &Observation, spec: &TargetSpec) -> Result<Decimal> {
    obs.baseline.ok_or_else(|| Error::MissingBaseline {
        target: String::new(),
        kind: spec.kind().to_string(),
        location: Location::new().field("baseline"),
    })
}

/// The conditions of one assessment: the reporting period (its length decides the in-year
/// rule for flows) and the conventions.
///
/// ```
/// use thidua_core::{AssessContext, EvaluationOptions, Period};
/// let opts = EvaluationOptions::default();
/// let ctx = AssessContext::new("2024-H1".parse()?, &opts);
/// assert_eq!(ctx.period.months(), 6);
/// # Ok::<(), thidua_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssessContext<'a> {
    /// The period the result covers.
    pub period: Period,
    /// The conventions.
    pub options: &'a EvaluationOptions,
}

impl<'a> AssessContext<'a> {
    /// The conditions for a result of `period` under `options`.
    pub fn new(period: Period, options: &'a EvaluationOptions) -> AssessContext<'a> {
        AssessContext { period, options }
    }

    fn months(&self) -> u8 {
        self.period.months()
    }
}

/// Assesses one observation against one target: the status, % of plan and gap, with no text.
///
/// Errors are located relative to the observation (`value`, `baseline`, `judgement`,
/// `components[1].baseline`); [`evaluate`](crate::evaluate()) puts the row in front.
///
/// ```
/// use thidua_core::{assess, AssessContext, Comparator, EvaluationOptions, Observation, Period, Status, TargetSpec};
/// use rust_decimal::Decimal;
/// let spec = TargetSpec::GrowthRate { comparator: Comparator::AtLeast, value: Decimal::from(10) };
/// let opts = EvaluationOptions::default();
/// let a = assess(&spec, &Observation::value(Decimal::new(105, 1)), &AssessContext::new(Period::year(2024), &opts))?;
/// assert_eq!(a.status, Status::Exceeded);
/// assert_eq!(a.ratio, Some(Decimal::new(10500, 2)));
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn assess(spec: &TargetSpec, obs: &Observation, ctx: &AssessContext<'_>) -> Result<Assessment> {
    if obs.not_applicable {
        if obs.value.is_some() || obs.judgement.is_some() {
            return Err(Error::invalid_result(
                Location::new().field("not_applicable"),
                "a row marked not_applicable cannot also carry a value or judgement",
            ));
        }
        return Ok(Assessment::bare(Status::NotApplicable));
    }
    if obs.judgement.is_some() && !matches!(spec, TargetSpec::Qualitative {}) {
        return Err(Error::invalid_result(
            Location::new().field("judgement"),
            format!(
                "a judgement is only for qualitative targets; this target is {}",
                spec.kind()
            ),
        ));
    }
    let opts = ctx.options;
    match spec {
        TargetSpec::Rate { comparator, value }
        | TargetSpec::GrowthRate { comparator, value }
        | TargetSpec::ThresholdShare {
            comparator, value, ..
        } => higher_is_better(
            *comparator,
            *value,
            obs.value,
            edge_of(obs),
            Measure::Level,
            ctx,
        ),
        TargetSpec::Count {
            comparator,
            value,
            measure,
            ..
        } => higher_is_better(*comparator, *value, obs.value, edge_of(obs), *measure, ctx),
        TargetSpec::PerCapita {
            comparator, value, ..
        } => higher_is_better(
            *comparator,
            value.value,
            obs.value,
            edge_of(obs),
            Measure::Level,
            ctx,
        ),
        TargetSpec::Amount {
            comparator,
            value,
            measure,
        } => higher_is_better(
            *comparator,
            value.value,
            obs.value,
            edge_of(obs),
            *measure,
            ctx,
        ),
        TargetSpec::Ceiling { comparator, value } => {
            ceiling(*comparator, value.value, obs.value, edge_of(obs), opts)
        }
        TargetSpec::Reference {
            comparator,
            value,
            measure,
            ..
        } => reference(spec, *comparator, *value, *measure, obs, ctx),
        TargetSpec::Reduction {
            comparator,
            value,
            value_high,
            unit,
            ..
        } => reduction(spec, *comparator, *value, *value_high, *unit, obs, opts),
        TargetSpec::Range {
            low,
            high,
            above_high,
        } => range(low, high, *above_high, obs, opts),
        TargetSpec::RankImprovement { places, .. } => rank_improvement(spec, *places, obs, opts),
        TargetSpec::CompositeDecrease { components } => composite_decrease(components, obs),
        TargetSpec::Qualitative {} => qualitative(obs),
    }
}

/// A target stated by reference: against its value once known, else against the row's
/// baseline (the reference value); higher or lower is better as the comparator says.
fn reference(
    spec: &TargetSpec,
    comparator: Comparator,
    value: Option<Decimal>,
    measure: Measure,
    obs: &Observation,
    ctx: &AssessContext<'_>,
) -> Result<Assessment> {
    let Some(r) = obs.value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let t = match value {
        Some(v) => v,
        None => need_baseline(obs, spec)?,
    };
    if comparator.direction() == Direction::HigherIsBetter {
        if t <= Decimal::ZERO {
            return Err(Error::invalid_result(
                Location::new().field(if value.is_some() { "value" } else { "baseline" }),
                format!("the reference value must be greater than 0 (found {t})"),
            ));
        }
        higher_is_better(comparator, t, Some(r), edge_of(obs), measure, ctx)
    } else {
        ceiling(comparator, t, Some(r), edge_of(obs), ctx.options)
    }
}

/// A decrease against the baseline, in points, in % of the baseline or absolute.
fn reduction(
    spec: &TargetSpec,
    comparator: Comparator,
    lo: Decimal,
    value_high: Option<Decimal>,
    unit: ReductionUnit,
    obs: &Observation,
    opts: &EvaluationOptions,
) -> Result<Assessment> {
    // The decrease reported directly ("giảm 1,2 điểm %"), or baseline − level.
    let (achieved, e) = if let Some(a) = obs.achieved {
        (a, edge_of(obs))
    } else {
        let Some(r) = obs.value else {
            return Ok(Assessment::bare(Status::NoData));
        };
        let b = need_baseline(obs, spec)?;
        let diff = b.checked_sub(r).ok_or_else(|| ovf("decrease"))?;
        let achieved = match unit {
            ReductionUnit::PercentagePoints | ReductionUnit::Absolute => diff,
            ReductionUnit::PercentOfBaseline => {
                if b <= Decimal::ZERO {
                    return Err(Error::invalid_result(
                    Location::new().field("baseline"),
                    format!("a decrease in % of the baseline needs a baseline greater than 0 (found {b})"),
                ));
                }
                diff.checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(b))
                    .ok_or_else(|| ovf("decrease in % of baseline"))?
            }
        };
        // A level just above its figure is a decrease just below.
        (achieved, edge_of(obs).reverse())
    };
    let hi = value_high.unwrap_or(lo);
    let basis = range_basis(lo, hi, opts.range_basis)?;
    Ok(Assessment {
        status: status_from(
            comparator.holds_ordering(edge_cmp(achieved, lo, e)),
            edge_cmp(achieved, hi, e) == std::cmp::Ordering::Greater,
        ),
        ratio: pct(achieved, basis, opts.ratio_digits)?,
        gap: Some(achieved.checked_sub(lo).ok_or_else(|| ovf("gap"))?),
        achieved: Some(achieved),
        threshold: Some(lo),
        pro_rata: false,
    })
}

/// A value between two bounds.
fn range(
    low: &Quantity,
    high: &Quantity,
    above_high: AboveRange,
    obs: &Observation,
    opts: &EvaluationOptions,
) -> Result<Assessment> {
    let Some(r) = obs.value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let lo = low.value;
    let hi = rescale(high.value, high.scale, low.scale, "")?;
    // Checked: a result far outside the band (−7·10²⁸ against a band of 1–2) overflows.
    let e = edge_of(obs);
    let (status, gap) = if edge_cmp(r, lo, e) == std::cmp::Ordering::Less {
        (Status::NotMet, r.checked_sub(lo))
    } else if edge_cmp(r, hi, e) != std::cmp::Ordering::Greater {
        (Status::Met, Some(Decimal::ZERO))
    } else {
        match above_high {
            AboveRange::Exceeded => (Status::Exceeded, r.checked_sub(hi)),
            AboveRange::NotMet => (Status::NotMet, hi.checked_sub(r)),
        }
    };
    let gap = gap.ok_or_else(|| ovf("gap"))?;
    Ok(Assessment {
        status,
        ratio: pct(r, range_basis(lo, hi, opts.range_basis)?, opts.ratio_digits)?,
        gap: Some(gap),
        achieved: Some(r),
        threshold: Some(lo),
        pro_rata: false,
    })
}

/// Places gained in a ranking (rank 1 is best).
fn rank_improvement(
    spec: &TargetSpec,
    places: u32,
    obs: &Observation,
    opts: &EvaluationOptions,
) -> Result<Assessment> {
    let p = Decimal::from(places);
    if let Some(gained) = obs.achieved {
        // Places gained reported directly ("tăng 5 bậc").
        let e = edge_of(obs);
        return Ok(Assessment {
            status: status_from(
                edge_cmp(gained, p, e) != std::cmp::Ordering::Less,
                edge_cmp(gained, p, e) == std::cmp::Ordering::Greater,
            ),
            ratio: pct(gained, p, opts.ratio_digits)?,
            gap: Some(gained - p),
            achieved: Some(gained),
            threshold: Some(p),
            pro_rata: false,
        });
    }
    let Some(r) = obs.value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let b = need_baseline(obs, spec)?;
    for (field, what, v, n) in [
        ("value", "rank", r, obs.out_of),
        ("baseline", "baseline rank", b, obs.baseline_out_of),
    ] {
        if v < Decimal::ONE || !v.fract().is_zero() {
            return Err(Error::invalid_result(
                Location::new().field(field),
                format!("a {what} must be a whole number ≥ 1 (found {v})"),
            ));
        }
        if let Some(n) = n {
            if v > Decimal::from(n) {
                return Err(Error::invalid_result(
                    Location::new().field(field),
                    format!("{what} {v} is beyond the {n} ranked"),
                ));
            }
        }
    }
    if let (Some(a), Some(c)) = (obs.out_of, obs.baseline_out_of) {
        if a != c {
            return Err(Error::IncomparableRanks {
                location: Location::new().field("baseline_out_of"),
                reason: format!("the rank is out of {a} but the baseline rank is out of {c}"),
            });
        }
    }
    // Both ranks are ≥ 1, so `b − r` cannot overflow; `gained − places` can (a rank of 10²⁸).
    let gained = b - r;
    let e = edge_of(obs).reverse();
    Ok(Assessment {
        status: status_from(
            edge_cmp(gained, p, e) != std::cmp::Ordering::Less,
            edge_cmp(gained, p, e) == std::cmp::Ordering::Greater,
        ),
        ratio: pct(gained, p, opts.ratio_digits)?,
        gap: Some(gained.checked_sub(p).ok_or_else(|| ovf("gap"))?),
        achieved: Some(gained),
        threshold: Some(p),
        pro_rata: false,
    })
}

/// Several counts that must all fall versus their baselines.
fn composite_decrease(components: &[Component], obs: &Observation) -> Result<Assessment> {
    if obs.components.is_empty() {
        return Ok(Assessment::bare(Status::NoData));
    }
    let mut fell = 0u32;
    let mut failed = false;
    let mut missing = false;
    for c in components {
        match obs
            .components
            .iter()
            .enumerate()
            .find(|(_, x)| x.component == c.id)
        {
            Some((
                k,
                ComponentResult {
                    value: Some(v),
                    baseline,
                    ..
                },
            )) => {
                let b = baseline.ok_or_else(|| Error::MissingBaseline {
                    target: String::new(),
                    kind: TargetKind::CompositeDecrease.to_string(),
                    location: Location::new()
                        .field("components")
                        .index(k)
                        .field("baseline")
                        .with_context(format!("component {:?}", c.id)),
                })?;
                if *v < b {
                    fell += 1;
                } else {
                    failed = true;
                }
            }
            _ => missing = true,
        }
    }
    let n = u32::try_from(components.len()).unwrap_or(u32::MAX);
    // One component that did not fall decides; otherwise a missing one means no data.
    let status = if failed {
        Status::NotMet
    } else if missing {
        Status::NoData
    } else {
        Status::Met
    };
    Ok(Assessment {
        status,
        ratio: None,
        gap: None,
        achieved: Some(Decimal::from(fell)),
        threshold: Some(Decimal::from(n)),
        pro_rata: false,
    })
}

/// A target judged by the council.
fn qualitative(obs: &Observation) -> Result<Assessment> {
    if obs.value.is_some() {
        return Err(Error::invalid_result(
            Location::new().field("value"),
            "the target is qualitative: give a judgement (exceeded, met, not_met), not a value",
        ));
    }
    Ok(Assessment::bare(match obs.judgement {
        None => Status::NoData,
        Some(Judgement::Exceeded) => Status::Exceeded,
        Some(Judgement::Met) => Status::Met,
        Some(Judgement::NotMet) => Status::NotMet,
    }))
}

/// The basis of a range's % of plan; the midpoint is checked (two bounds near 10²⁸ overflow).
pub(crate) fn range_basis(lo: Decimal, hi: Decimal, basis: RangeBasis) -> Result<Decimal> {
    match basis {
        RangeBasis::Lower => Ok(lo),
        RangeBasis::Upper => Ok(hi),
        RangeBasis::Midpoint => lo
            .checked_add(hi)
            .and_then(|s| s.checked_div(Decimal::TWO))
            .ok_or_else(|| ovf("midpoint of the range")),
    }
}

fn higher_is_better(
    cmp: Comparator,
    t: Decimal,
    value: Option<Decimal>,
    edge: std::cmp::Ordering,
    measure: Measure,
    ctx: &AssessContext<'_>,
) -> Result<Assessment> {
    let Some(r) = value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let opts = ctx.options;
    let months = ctx.months();
    let pro_rata =
        measure == Measure::Flow && months < 12 && opts.in_year_flows == InYearFlows::ProRata;
    let threshold = if pro_rata {
        t.checked_mul(Decimal::from(months))
            .and_then(|x| x.checked_div(Decimal::from(12)))
            .ok_or_else(|| ovf("pro-rata target"))?
    } else {
        t
    };
    // One comparison decides both the condition and "strictly better".
    let ord = edge_cmp(r, threshold, edge);
    Ok(Assessment {
        status: status_from(cmp.holds_ordering(ord), ord == std::cmp::Ordering::Greater),
        ratio: pct(r, t, opts.ratio_digits)?,
        gap: Some(r.checked_sub(threshold).ok_or_else(|| ovf("gap"))?),
        achieved: Some(r),
        threshold: Some(threshold),
        pro_rata,
    })
}

fn ceiling(
    cmp: Comparator,
    t: Decimal,
    value: Option<Decimal>,
    edge: std::cmp::Ordering,
    opts: &EvaluationOptions,
) -> Result<Assessment> {
    let Some(r) = value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let ratio = match opts.ceiling_ratio {
        CeilingRatio::Inverse => pct(t, r, opts.ratio_digits)?,
        CeilingRatio::Complement => {
            if t.is_zero() {
                None
            } else {
                let d = t.checked_sub(r).ok_or_else(|| ovf("ceiling ratio"))?;
                pct(d, t, 28)?
                    .and_then(|x| x.checked_add(Decimal::ONE_HUNDRED))
                    .map(|x| round_ratio(x, opts.ratio_digits))
            }
        }
    };
    let ord = edge_cmp(r, t, edge);
    Ok(Assessment {
        status: status_from(cmp.holds_ordering(ord), ord == std::cmp::Ordering::Less),
        ratio,
        gap: Some(t.checked_sub(r).ok_or_else(|| ovf("gap"))?),
        achieved: Some(r),
        threshold: Some(t),
        pro_rata: false,
    })
}
