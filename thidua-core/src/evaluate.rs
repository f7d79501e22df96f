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

use std::collections::HashMap;

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    AboveRange, Comparator, Direction, Directive, Measure, ReductionUnit, TargetKind, TargetSpec,
};
use crate::number::{format_en_rounded, format_vn_rounded};
use crate::quantity::{rescale, Quantity, Scale, Unit};
use crate::results::{Judgement, Period, Provenance, ResultEntry, ResultSet};

/// The status of one target for one unit and period.
///
/// ```
/// use thidua_core::Status;
/// assert_eq!(Status::Exceeded.label_vi(), "vượt");
/// assert!(Status::Met.is_met_or_exceeded());
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Vượt — satisfied and strictly better than the target value.
    Exceeded,
    /// Đạt — satisfied at exactly the target value (or, for a band or a composite, inside it).
    Met,
    /// Không đạt.
    NotMet,
    /// Chưa có số liệu — no result reported yet. Never treated as zero.
    NoData,
    /// Không áp dụng — the target does not apply to this unit.
    NotApplicable,
}

impl Status {
    /// Vietnamese label: "vượt", "đạt", "không đạt", "chưa có số liệu", "không áp dụng".
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Exceeded => "vượt",
            Status::Met => "đạt",
            Status::NotMet => "không đạt",
            Status::NoData => "chưa có số liệu",
            Status::NotApplicable => "không áp dụng",
        }
    }

    /// English label: "exceeded", "met", "not met", "no data", "not applicable".
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Exceeded => "exceeded",
            Status::Met => "met",
            Status::NotMet => "not met",
            Status::NoData => "no data",
            Status::NotApplicable => "not applicable",
        }
    }

    /// Exceeded or met ("đạt và vượt").
    pub fn is_met_or_exceeded(self) -> bool {
        matches!(self, Status::Exceeded | Status::Met)
    }

    /// A rank for "better": Exceeded 3, Met 2, NotMet 1; NoData and NotApplicable 0.
    pub fn merit(self) -> u8 {
        match self {
            Status::Exceeded => 3,
            Status::Met => 2,
            Status::NotMet => 1,
            Status::NoData | Status::NotApplicable => 0,
        }
    }
}

/// Achievement-ratio convention for ceilings (lower is better), see §5 of the domain notes.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(
///     r#"{"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}"#).unwrap();
/// let obs = Observation::value(Decimal::new(12, 1));
/// let inv = assess(&spec, &obs, 12, &EvaluationOptions::default(), "8", "ex").unwrap();
/// let comp = EvaluationOptions { ceiling_ratio: CeilingRatio::Complement, ..Default::default() };
/// let cpl = assess(&spec, &obs, 12, &comp, "8", "ex").unwrap();
/// assert_eq!(inv.ratio.unwrap().to_string(), "108.33"); // 1,3 ÷ 1,2
/// assert_eq!(cpl.ratio.unwrap().to_string(), "107.69"); // 100 + 0,1 ÷ 1,3
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CeilingRatio {
    /// `target ÷ result × 100` (undefined when the result is 0). The default.
    #[default]
    Inverse,
    /// `100 + (target − result) ÷ target × 100` (undefined when the target is 0).
    Complement,
}

/// Which bound of a range ("3–4%") the % of plan is taken against.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "reduction", "comparator": "at_least",
///     "value": "3", "value_high": "4", "unit": "percentage_points"}"#).unwrap();
/// let obs = Observation::with_baseline(Decimal::new(708, 2), Decimal::new(121, 1)); // −5,02 points
/// let upper = EvaluationOptions { range_basis: RangeBasis::Upper, ..Default::default() };
/// assert_eq!(assess(&spec, &obs, 12, &upper, "8", "ex").unwrap().ratio.unwrap().to_string(), "125.50");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RangeBasis {
    /// The lower bound, where "met" begins, so that for an open range or a range reduction a
    /// result inside the range has a ratio ≥ 100. The default. (For a band, a result above the
    /// upper bound is not met although its ratio exceeds 100: the status, not the ratio, is the
    /// verdict.)
    #[default]
    Lower,
    /// The upper bound (a published example: 5,02 ÷ 4 = 125,5 %).
    Upper,
    /// The midpoint.
    Midpoint,
}

/// How in-year results of flow targets are judged.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "amount", "comparator": "at_least",
///     "value": {"value": "4600", "scale": "billion", "unit": "đồng"}, "measure": "flow"}"#).unwrap();
/// let obs = Observation::value(Decimal::from(2400));
/// let pro_rata = assess(&spec, &obs, 6, &EvaluationOptions::default(), "3", "ex").unwrap();
/// let annual = EvaluationOptions { in_year_flows: InYearFlows::AnnualTarget, ..Default::default() };
/// assert_eq!(pro_rata.status, Status::Exceeded); // above 2.300 at mid-year
/// assert_eq!(assess(&spec, &obs, 6, &annual, "3", "ex").unwrap().status, Status::NotMet);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InYearFlows {
    /// Against `target × months ÷ 12` (50 % at mid-year). The default.
    #[default]
    ProRata,
    /// Against the whole annual target.
    AnnualTarget,
}

/// What the headline "đạt và vượt X/Y chỉ tiêu" counts.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.units[0].summary.basis, HeadlineBasis::Items);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineBasis {
    /// Numbered items "(1)…(n)", as year-end reports count them. An item is met or exceeded
    /// when all its targets (sub-targets included) are; not met when any is not met; no data
    /// when none is not met but some have no data; exceeded when all are exceeded. The default.
    #[default]
    Items,
    /// Every target, sub-targets included.
    Targets,
}

/// The conventions of an evaluation. Every evaluation echoes the options it used.
///
/// ```
/// use thidua_core::{EvaluationOptions, CeilingRatio};
/// let o = EvaluationOptions { ceiling_ratio: CeilingRatio::Complement, ..Default::default() };
/// assert_eq!(o.ratio_digits, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationOptions {
    /// Ceiling ratio convention.
    pub ceiling_ratio: CeilingRatio,
    /// Range basis for % of plan.
    pub range_basis: RangeBasis,
    /// In-year flow rule.
    pub in_year_flows: InYearFlows,
    /// What the headline counts.
    pub headline_basis: HeadlineBasis,
    /// Decimals kept in `ratio` (rounded half away from zero). At most 10.
    pub ratio_digits: u32,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        EvaluationOptions {
            ceiling_ratio: CeilingRatio::Inverse,
            range_basis: RangeBasis::Lower,
            in_year_flows: InYearFlows::ProRata,
            headline_basis: HeadlineBasis::Items,
            ratio_digits: 2,
        }
    }
}

impl EvaluationOptions {
    /// Reads options from JSON (missing fields take their documented defaults).
    pub fn from_json(json: &str) -> Result<EvaluationOptions> {
        let o: EvaluationOptions =
            serde_json::from_str(json).map_err(|e| Error::json("evaluation options", &e))?;
        o.validate()?;
        Ok(o)
    }

    fn validate(&self) -> Result<()> {
        if self.ratio_digits > 10 {
            return Err(Error::InvalidInput {
                location: "options.ratio_digits".into(),
                reason: format!("at most 10 decimals, found {}", self.ratio_digits),
            });
        }
        Ok(())
    }
}

/// One component row of a composite result.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "composite_decrease", "components": [
///     {"id": "cases", "name": "số vụ"}, {"id": "deaths", "name": "người chết"}]}"#).unwrap();
/// let obs = Observation { components: vec![
///     ComponentResult { component: "cases".into(), value: Some(90.into()), baseline: Some(100.into()) },
///     ComponentResult { component: "deaths".into(), value: Some(51.into()), baseline: Some(50.into()) },
/// ], ..Default::default() };
/// assert_eq!(assess(&spec, &obs, 12, &EvaluationOptions::default(), "14", "ex").unwrap().status, Status::NotMet);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ComponentResult {
    /// Component id.
    pub component: String,
    /// Value this period.
    pub value: Option<Decimal>,
    /// Value in the baseline period.
    pub baseline: Option<Decimal>,
}

/// The numeric inputs of one assessment, already in the target's scale.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "rank_improvement", "index": "PCI",
///     "places": 5, "baseline_year": 2023}"#).unwrap();
/// let obs = Observation::with_baseline(Decimal::from(44), Decimal::from(50));
/// let a = assess(&spec, &obs, 12, &EvaluationOptions::default(), "12a", "ex").unwrap();
/// assert_eq!((a.status, a.achieved), (Status::Exceeded, Some(Decimal::from(6))));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}

impl Observation {
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

/// The numbers of one assessment, without text: the fast path used by [`evaluate`] and by
/// scoring. Call [`assess`] to get one.
///
/// ```
/// use thidua_core::*;
/// let spec = TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(54) };
/// let a = assess(&spec, &Observation::value(Decimal::new(535, 1)), 12, &EvaluationOptions::default(), "6", "ex").unwrap();
/// assert_eq!(a.status, Status::NotMet);
/// assert_eq!(a.gap, Some(Decimal::new(-5, 1)));
/// assert_eq!(a.ratio.unwrap().to_string(), "99.07");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// Status.
    pub status: Status,
    /// % of plan, rounded to `ratio_digits`; `None` where undefined.
    pub ratio: Option<Decimal>,
    /// Signed gap (positive = better than the target), unrounded, in the target's unit.
    pub gap: Option<Decimal>,
    /// The quantity compared with the target: the result itself, or the decrease achieved
    /// (reductions), the places gained (ranks), the number of components that fell
    /// (composites).
    pub achieved: Option<Decimal>,
    /// The threshold the result was compared with (the target value, or its pro-rata share
    /// for an in-year flow, or the reference value).
    pub threshold: Option<Decimal>,
    /// Whether the in-year pro-rata rule applied.
    pub pro_rata: bool,
}

impl Assessment {
    fn bare(status: Status) -> Assessment {
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

fn ovf(loc: &str, op: &str) -> Error {
    Error::overflow(loc, op)
}

/// Rounds half away from zero to exactly `digits` decimals (trailing zeros kept, so that
/// `100` is always written `"100.00"` with 2 digits, whatever the arithmetic before).
fn round_ratio(r: Decimal, digits: u32) -> Decimal {
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
fn pct(a: Decimal, b: Decimal, digits: u32, loc: &str) -> Result<Option<Decimal>> {
    if b.is_zero() {
        return Ok(None);
    }
    if let Some(q) = exact_pct(a, b, digits) {
        return Ok(Some(q));
    }
    let num = a
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(|| ovf(loc, "% of plan"))?;
    let q = num.checked_div(b).ok_or_else(|| ovf(loc, "% of plan"))?;
    Ok(Some(round_ratio(q, digits)))
}

/// Exact `round_half_away(a ÷ b × 100, digits)` in integers (i64 when the operands allow,
/// which is the common case and avoids 128-bit division; else i128), or `None` if it does not
/// fit.
fn exact_pct(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
    if let Some(q) = exact_pct_i64(a, b, digits) {
        return Some(q);
    }
    exact_pct_i128(a, b, digits)
}

fn exact_pct_i64(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
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

fn exact_pct_i128(a: Decimal, b: Decimal, digits: u32) -> Option<Decimal> {
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

fn status_from(cond: bool, strictly_better: bool) -> Status {
    if !cond {
        Status::NotMet
    } else if strictly_better {
        Status::Exceeded
    } else {
        Status::Met
    }
}

fn need_value(obs: &Observation) -> Option<Decimal> {
    obs.value
}

fn need_baseline(obs: &Observation, spec: &TargetSpec, target: &str, loc: &str) -> Result<Decimal> {
    obs.baseline.ok_or_else(|| Error::MissingBaseline {
        target: target.to_string(),
        kind: spec.kind().to_string(),
        location: loc.to_string(),
    })
}

/// Assesses one observation against one target: the status, % of plan and gap, with no text.
/// `months` is the length of the reporting period (12 for a year). `target_id` and `loc`
/// are only used in error messages.
///
/// ```
/// use thidua_core::{assess, Comparator, EvaluationOptions, Observation, Status, TargetSpec};
/// use rust_decimal::Decimal;
/// let spec = TargetSpec::GrowthRate { comparator: Comparator::AtLeast, value: Decimal::from(10) };
/// let a = assess(&spec, &Observation::value(Decimal::new(105, 1)), 12,
///                &EvaluationOptions::default(), "1", "example").unwrap();
/// assert_eq!(a.status, Status::Exceeded);
/// assert_eq!(a.ratio, Some(Decimal::new(10500, 2)));
/// ```
pub fn assess(
    spec: &TargetSpec,
    obs: &Observation,
    months: u8,
    opts: &EvaluationOptions,
    target_id: &str,
    loc: &str,
) -> Result<Assessment> {
    if obs.not_applicable {
        if obs.value.is_some() || obs.judgement.is_some() {
            return Err(Error::InvalidResult {
                location: loc.to_string(),
                reason: "a row marked not_applicable cannot also carry a value or judgement".into(),
            });
        }
        return Ok(Assessment::bare(Status::NotApplicable));
    }
    if obs.judgement.is_some() && !matches!(spec, TargetSpec::Qualitative {}) {
        return Err(Error::InvalidResult {
            location: loc.to_string(),
            reason: format!(
                "a judgement is only for qualitative targets; target {target_id:?} is {}",
                spec.kind()
            ),
        });
    }
    let digits = opts.ratio_digits;
    match spec {
        TargetSpec::Rate { comparator, value }
        | TargetSpec::GrowthRate { comparator, value }
        | TargetSpec::ThresholdShare {
            comparator, value, ..
        } => higher_is_better(*comparator, *value, obs, Measure::Level, months, opts, loc),
        TargetSpec::Count {
            comparator,
            value,
            measure,
            ..
        } => higher_is_better(*comparator, *value, obs, *measure, months, opts, loc),
        TargetSpec::PerCapita {
            comparator, value, ..
        } => higher_is_better(
            *comparator,
            value.value,
            obs,
            Measure::Level,
            months,
            opts,
            loc,
        ),
        TargetSpec::Amount {
            comparator,
            value,
            measure,
        } => higher_is_better(*comparator, value.value, obs, *measure, months, opts, loc),
        TargetSpec::Ceiling { comparator, value } => {
            ceiling(*comparator, value.value, obs, opts, loc)
        }
        TargetSpec::Reference {
            comparator,
            value,
            measure,
            ..
        } => {
            let Some(r) = need_value(obs) else {
                return Ok(Assessment::bare(Status::NoData));
            };
            let t = match value {
                Some(v) => *v,
                None => need_baseline(obs, spec, target_id, loc)?,
            };
            let o = Observation::value(r);
            if comparator.direction() == Direction::HigherIsBetter {
                if t <= Decimal::ZERO {
                    return Err(Error::InvalidResult {
                        location: loc.to_string(),
                        reason: format!("the reference value must be greater than 0 (found {t})"),
                    });
                }
                higher_is_better(*comparator, t, &o, *measure, months, opts, loc)
            } else {
                ceiling(*comparator, t, &o, opts, loc)
            }
        }
        TargetSpec::Reduction {
            comparator,
            value,
            value_high,
            unit,
            ..
        } => {
            let Some(r) = need_value(obs) else {
                return Ok(Assessment::bare(Status::NoData));
            };
            let b = need_baseline(obs, spec, target_id, loc)?;
            let diff = b.checked_sub(r).ok_or_else(|| ovf(loc, "decrease"))?;
            let achieved = match unit {
                ReductionUnit::PercentagePoints | ReductionUnit::Absolute => diff,
                ReductionUnit::PercentOfBaseline => {
                    if b <= Decimal::ZERO {
                        return Err(Error::InvalidResult {
                            location: loc.to_string(),
                            reason: format!("a decrease in % of the baseline needs a baseline greater than 0 (found {b})"),
                        });
                    }
                    diff.checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(b))
                        .ok_or_else(|| ovf(loc, "decrease in % of baseline"))?
                }
            };
            let lo = *value;
            let hi = value_high.unwrap_or(lo);
            let basis = range_basis(lo, hi, opts.range_basis);
            let status = status_from(comparator.holds(achieved, lo), achieved > hi);
            Ok(Assessment {
                status,
                ratio: pct(achieved, basis, digits, loc)?,
                gap: Some(achieved.checked_sub(lo).ok_or_else(|| ovf(loc, "gap"))?),
                achieved: Some(achieved),
                threshold: Some(lo),
                pro_rata: false,
            })
        }
        TargetSpec::Range {
            low,
            high,
            above_high,
        } => {
            let Some(r) = need_value(obs) else {
                return Ok(Assessment::bare(Status::NoData));
            };
            let lo = low.value;
            let hi = rescale(high.value, high.scale, low.scale, loc)?;
            let status = if r < lo {
                Status::NotMet
            } else if r <= hi {
                Status::Met
            } else {
                match above_high {
                    AboveRange::Exceeded => Status::Exceeded,
                    AboveRange::NotMet => Status::NotMet,
                }
            };
            let gap = if r < lo {
                r - lo
            } else if r <= hi {
                Decimal::ZERO
            } else {
                match above_high {
                    AboveRange::Exceeded => r - hi,
                    AboveRange::NotMet => hi - r,
                }
            };
            Ok(Assessment {
                status,
                ratio: pct(r, range_basis(lo, hi, opts.range_basis), digits, loc)?,
                gap: Some(gap),
                achieved: Some(r),
                threshold: Some(lo),
                pro_rata: false,
            })
        }
        TargetSpec::RankImprovement { places, .. } => {
            let Some(r) = need_value(obs) else {
                return Ok(Assessment::bare(Status::NoData));
            };
            let b = need_baseline(obs, spec, target_id, loc)?;
            for (what, v, n) in [
                ("rank", r, obs.out_of),
                ("baseline rank", b, obs.baseline_out_of),
            ] {
                if v < Decimal::ONE || !v.fract().is_zero() {
                    return Err(Error::InvalidResult {
                        location: loc.to_string(),
                        reason: format!("a {what} must be a whole number ≥ 1 (found {v})"),
                    });
                }
                if let Some(n) = n {
                    if v > Decimal::from(n) {
                        return Err(Error::InvalidResult {
                            location: loc.to_string(),
                            reason: format!("{what} {v} is beyond the {n} ranked"),
                        });
                    }
                }
            }
            if let (Some(a), Some(c)) = (obs.out_of, obs.baseline_out_of) {
                if a != c {
                    return Err(Error::IncomparableRanks {
                        location: loc.to_string(),
                        reason: format!(
                            "the rank is out of {a} but the baseline rank is out of {c}"
                        ),
                    });
                }
            }
            let gained = b - r;
            let p = Decimal::from(*places);
            Ok(Assessment {
                status: status_from(gained >= p, gained > p),
                ratio: pct(gained, p, digits, loc)?,
                gap: Some(gained - p),
                achieved: Some(gained),
                threshold: Some(p),
                pro_rata: false,
            })
        }
        TargetSpec::CompositeDecrease { components } => {
            if obs.components.is_empty() {
                return Ok(Assessment::bare(Status::NoData));
            }
            let mut fell = 0u32;
            let mut failed = false;
            let mut missing = false;
            for c in components {
                match obs.components.iter().find(|x| x.component == c.id) {
                    Some(ComponentResult {
                        value: Some(v),
                        baseline,
                        ..
                    }) => {
                        let b = baseline.ok_or_else(|| Error::MissingBaseline {
                            target: target_id.to_string(),
                            kind: "composite_decrease".into(),
                            location: format!("{loc}, component {:?}", c.id),
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
        TargetSpec::Qualitative {} => {
            if obs.value.is_some() {
                return Err(Error::InvalidResult {
                    location: loc.to_string(),
                    reason: format!("target {target_id:?} is qualitative: give a judgement (exceeded, met, not_met), not a value"),
                });
            }
            Ok(Assessment::bare(match obs.judgement {
                None => Status::NoData,
                Some(Judgement::Exceeded) => Status::Exceeded,
                Some(Judgement::Met) => Status::Met,
                Some(Judgement::NotMet) => Status::NotMet,
            }))
        }
    }
}

fn range_basis(lo: Decimal, hi: Decimal, basis: RangeBasis) -> Decimal {
    match basis {
        RangeBasis::Lower => lo,
        RangeBasis::Upper => hi,
        RangeBasis::Midpoint => (lo + hi) / Decimal::TWO,
    }
}

fn higher_is_better(
    cmp: Comparator,
    t: Decimal,
    obs: &Observation,
    measure: Measure,
    months: u8,
    opts: &EvaluationOptions,
    loc: &str,
) -> Result<Assessment> {
    let Some(r) = obs.value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let pro_rata =
        measure == Measure::Flow && months < 12 && opts.in_year_flows == InYearFlows::ProRata;
    let threshold = if pro_rata {
        t.checked_mul(Decimal::from(months))
            .and_then(|x| x.checked_div(Decimal::from(12)))
            .ok_or_else(|| ovf(loc, "pro-rata target"))?
    } else {
        t
    };
    Ok(Assessment {
        status: {
            // One comparison decides both the condition and "strictly better".
            let ord = r.cmp(&threshold);
            status_from(cmp.holds_ordering(ord), ord == std::cmp::Ordering::Greater)
        },
        ratio: pct(r, t, opts.ratio_digits, loc)?,
        gap: Some(r.checked_sub(threshold).ok_or_else(|| ovf(loc, "gap"))?),
        achieved: Some(r),
        threshold: Some(threshold),
        pro_rata,
    })
}

fn ceiling(
    cmp: Comparator,
    t: Decimal,
    obs: &Observation,
    opts: &EvaluationOptions,
    loc: &str,
) -> Result<Assessment> {
    let Some(r) = obs.value else {
        return Ok(Assessment::bare(Status::NoData));
    };
    let ratio = match opts.ceiling_ratio {
        CeilingRatio::Inverse => pct(t, r, opts.ratio_digits, loc)?,
        CeilingRatio::Complement => {
            if t.is_zero() {
                None
            } else {
                let d = t.checked_sub(r).ok_or_else(|| ovf(loc, "ceiling ratio"))?;
                pct(d, t, 28, loc)?
                    .and_then(|x| x.checked_add(Decimal::ONE_HUNDRED))
                    .map(|x| round_ratio(x, opts.ratio_digits))
            }
        }
    };
    Ok(Assessment {
        status: {
            let ord = r.cmp(&t);
            status_from(cmp.holds_ordering(ord), ord == std::cmp::Ordering::Less)
        },
        ratio,
        gap: Some(t.checked_sub(r).ok_or_else(|| ovf(loc, "gap"))?),
        achieved: Some(r),
        threshold: Some(t),
        pro_rata: false,
    })
}

/// A one-line explanation in Vietnamese and English.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let x = &e.units[0].targets[0].explanation;
/// assert_eq!(x.vi, "Kết quả năm 2024: 60% so với chỉ tiêu từ 59,3% trở lên: vượt, 101,18% kế hoạch.");
/// assert_eq!(x.en, "Result for 2024: 60% against a target of at least 59.3%: exceeded, 101.18% of plan.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    /// Tiếng Việt.
    pub vi: String,
    /// English.
    pub en: String,
}

/// The evaluation of one target for one unit and period.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let t = &e.units[0].targets[0];
/// assert_eq!((t.target.as_str(), t.status, t.ratio.unwrap().to_string()), ("1", Status::Exceeded, "101.18".to_string()));
/// assert_eq!(t.target_text, "từ 59,3% trở lên");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TargetEvaluation {
    /// Target id.
    pub target: String,
    /// Item number "(n)".
    pub item: u32,
    /// Parent id for a "trong đó" sub-target.
    pub parent: Option<String>,
    /// Target name.
    pub name: String,
    /// Target kind.
    pub kind: TargetKind,
    /// Which way is better.
    pub direction: Direction,
    /// Flow or level.
    pub measure: Measure,
    /// The target as words ("từ 10% trở lên").
    pub target_text: String,
    /// Status.
    pub status: Status,
    /// % of plan (rounded to `ratio_digits`), or `None` where undefined.
    pub ratio: Option<Decimal>,
    /// Signed gap, positive = better than the target.
    pub gap: Option<Decimal>,
    /// The result value (in the target's scale).
    pub result: Option<Decimal>,
    /// The baseline (in the target's scale), when given.
    pub baseline: Option<Decimal>,
    /// What was compared (see [`Assessment::achieved`]).
    pub achieved: Option<Decimal>,
    /// The threshold compared with (see [`Assessment::threshold`]).
    pub threshold: Option<Decimal>,
    /// Whether the pro-rata in-year rule applied.
    pub pro_rata: bool,
    /// Estimate or official, when a result was given.
    pub provenance: Option<Provenance>,
    /// Why.
    pub explanation: Explanation,
}

/// The status of one numbered item (all its targets together).
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.units[0].items[0].number, 1);
/// assert_eq!(e.units[0].items[0].status, Status::Exceeded);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ItemEvaluation {
    /// Item number.
    pub number: u32,
    /// Combined status (see [`HeadlineBasis::Items`]).
    pub status: Status,
}

/// Counts and the headline "đạt và vượt X/Y chỉ tiêu".
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let s = &e.units[0].summary;
/// assert_eq!((s.met_or_exceeded, s.total), (1, 1));
/// assert_eq!(s.headline_en, "1 of 1 targets met or exceeded (1 exceeded, 0 met, 0 not met)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// What was counted.
    pub basis: HeadlineBasis,
    /// Y: everything counted except "not applicable".
    pub total: u32,
    /// X: met or exceeded.
    pub met_or_exceeded: u32,
    /// Exceeded.
    pub exceeded: u32,
    /// Met.
    pub met: u32,
    /// Not met.
    pub not_met: u32,
    /// No data.
    pub no_data: u32,
    /// Not applicable (not in `total`).
    pub not_applicable: u32,
    /// "đạt và vượt 12/14 chỉ tiêu (vượt 8, đạt 4, không đạt 1, chưa có số liệu 1)".
    pub headline_vi: String,
    /// "12 of 14 targets met or exceeded (8 exceeded, 4 met, 1 not met, 1 no data)".
    pub headline_en: String,
}

impl Summary {
    /// Counts `statuses` and writes the headline.
    ///
    /// ```
    /// use thidua_core::{Summary, Status, HeadlineBasis};
    /// let s = Summary::from_statuses(HeadlineBasis::Items, [Status::Exceeded, Status::Met, Status::NotMet]);
    /// assert_eq!(s.headline_vi, "đạt và vượt 2/3 chỉ tiêu (vượt 1, đạt 1, không đạt 1)");
    /// ```
    pub fn from_statuses(
        basis: HeadlineBasis,
        statuses: impl IntoIterator<Item = Status>,
    ) -> Summary {
        let (mut e, mut m, mut n, mut d, mut a) = (0u32, 0u32, 0u32, 0u32, 0u32);
        for s in statuses {
            match s {
                Status::Exceeded => e += 1,
                Status::Met => m += 1,
                Status::NotMet => n += 1,
                Status::NoData => d += 1,
                Status::NotApplicable => a += 1,
            }
        }
        let total = e + m + n + d;
        let x = e + m;
        let mut vi_parts = vec![
            format!("vượt {e}"),
            format!("đạt {m}"),
            format!("không đạt {n}"),
        ];
        let mut en_parts = vec![
            format!("{e} exceeded"),
            format!("{m} met"),
            format!("{n} not met"),
        ];
        if d > 0 {
            vi_parts.push(format!("chưa có số liệu {d}"));
            en_parts.push(format!("{d} no data"));
        }
        if a > 0 {
            vi_parts.push(format!("không áp dụng {a}"));
            en_parts.push(format!("{a} not applicable"));
        }
        Summary {
            basis,
            total,
            met_or_exceeded: x,
            exceeded: e,
            met: m,
            not_met: n,
            no_data: d,
            not_applicable: a,
            headline_vi: format!("đạt và vượt {x}/{total} chỉ tiêu ({})", vi_parts.join(", ")),
            headline_en: format!(
                "{x} of {total} targets met or exceeded ({})",
                en_parts.join(", ")
            ),
        }
    }
}

/// All targets of a directive evaluated for one unit and period.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let u = &e.units[0];
/// assert_eq!((u.unit.as_str(), u.period.to_string()), ("Xã A", "2024".to_string()));
/// assert!(u.scorecard_vi().contains("đạt và vượt 1/1 chỉ tiêu"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnitEvaluation {
    /// The reporting unit.
    pub unit: String,
    /// The period.
    pub period: Period,
    /// One evaluation per target, in directive order (sub-targets after their parent).
    pub targets: Vec<TargetEvaluation>,
    /// One status per numbered item.
    pub items: Vec<ItemEvaluation>,
    /// Counts and headline.
    pub summary: Summary,
}

impl UnitEvaluation {
    /// The evaluation of one target.
    pub fn target(&self, id: &str) -> Option<&TargetEvaluation> {
        self.targets.iter().find(|t| t.target == id)
    }

    /// A plain-text scorecard in Vietnamese: one line per target, then the headline.
    pub fn scorecard_vi(&self) -> String {
        let mut s = format!("Đơn vị: {} — kỳ: {}\n", self.unit, self.period.label_vi());
        for t in &self.targets {
            let ratio = t
                .ratio
                .map(|r| format!("{}%", format_vn_rounded(r, 2)))
                .unwrap_or_else(|| "—".into());
            let id = if t.parent.is_some() {
                format!("  └ ({})", t.target)
            } else {
                format!("({})", t.target)
            };
            s.push_str(&format!(
                "  {id:<9} {:<16} {ratio:>9}  {}\n",
                t.status.label_vi(),
                t.explanation.vi
            ));
        }
        s.push_str(&format!("  ⇒ {}\n", self.summary.headline_vi));
        s
    }
}

/// The result of [`evaluate`]: one [`UnitEvaluation`] per (unit, period) in the result set, in
/// order of first appearance.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.directive, "Kế hoạch \"t\"");
/// assert!(e.unit("Xã A", Period::year(2024)).is_some());
/// let back: Evaluation = serde_json::from_str(&e.to_json()).unwrap();
/// assert_eq!(back, e);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evaluation {
    /// The directive's label ("Chỉ thị 08/CT-UBND").
    pub directive: String,
    /// The options used.
    pub options: EvaluationOptions,
    /// Per unit and period.
    pub units: Vec<UnitEvaluation>,
}

/// A flat row of an evaluation (unit, period and the target's evaluation), for tables.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let rows = e.rows();
/// let j = serde_json::to_value(&rows[0]).unwrap();
/// assert_eq!((j["unit"].as_str(), j["target"].as_str(), j["status"].as_str()), (Some("Xã A"), Some("1"), Some("exceeded")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvaluationRow {
    /// Unit.
    pub unit: String,
    /// Period.
    pub period: Period,
    /// The target evaluation's fields.
    #[serde(flatten)]
    pub evaluation: TargetEvaluation,
}

impl Evaluation {
    /// One row per unit × period × target.
    pub fn rows(&self) -> Vec<EvaluationRow> {
        self.units
            .iter()
            .flat_map(|u| {
                u.targets.iter().map(move |t| EvaluationRow {
                    unit: u.unit.clone(),
                    period: u.period,
                    evaluation: t.clone(),
                })
            })
            .collect()
    }

    /// The evaluation of one unit and period.
    pub fn unit(&self, unit: &str, period: Period) -> Option<&UnitEvaluation> {
        self.units
            .iter()
            .find(|u| u.unit == unit && u.period == period)
    }

    /// JSON of the whole evaluation.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

struct Rows<'a> {
    main: Option<(usize, &'a ResultEntry)>,
    components: Vec<(usize, &'a ResultEntry)>,
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

fn row_loc(i: usize, row: &ResultEntry) -> String {
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
    let v: Vec<Status> = statuses
        .into_iter()
        .filter(|s| *s != Status::NotApplicable)
        .collect();
    if v.is_empty() {
        Status::NotApplicable
    } else if v.contains(&Status::NotMet) {
        Status::NotMet
    } else if v.contains(&Status::NoData) {
        Status::NoData
    } else if v.iter().all(|s| *s == Status::Exceeded) {
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
fn observation(spec: &TargetSpec, slot: &Rows<'_>) -> Result<(Observation, Option<Provenance>)> {
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

/// The value with the target's unit, Vietnamese and English ("10,5%", "2.415 tỷ đồng").
fn show(spec: &TargetSpec, v: Decimal) -> (String, String) {
    let v = v.normalize();
    match spec {
        TargetSpec::PerCapita { value, per, .. } => {
            let q = Quantity::scaled(v, value.scale, value.unit.clone());
            let per_vi = if *per == Decimal::ONE {
                "người".to_string()
            } else if *per == Decimal::from(10_000) {
                "1 vạn dân".into()
            } else {
                format!("{} dân", format_vn_rounded(*per, 0))
            };
            let per_en = if *per == Decimal::ONE {
                "person".to_string()
            } else {
                format!("{} people", format_en_rounded(*per, 0))
            };
            (
                format!("{q}/{per_vi}"),
                format!("{} per {per_en}", q.to_string_en()),
            )
        }
        _ => match (spec.result_unit(), spec) {
            (_, TargetSpec::RankImprovement { .. }) => (
                format!("hạng {}", format_vn_rounded(v, 4)),
                format!("rank {}", format_en_rounded(v, 4)),
            ),
            (Some(u), _) => {
                let q = Quantity::scaled(v, spec.result_scale(), u);
                (q.to_string(), q.to_string_en())
            }
            (None, _) => (format_vn_rounded(v, 10), format_en_rounded(v, 10)),
        },
    }
}

fn explain(
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
    period: Period,
    t_vi: &str,
    t_en: &str,
    opts: &EvaluationOptions,
) -> Explanation {
    let st_vi = a.status.label_vi();
    let st_en = a.status.label_en();
    let ratio_vi = a
        .ratio
        .map(|r| format!(", {}% kế hoạch", format_vn_rounded(r, opts.ratio_digits)))
        .unwrap_or_default();
    let ratio_en = a
        .ratio
        .map(|r| format!(", {}% of plan", format_en_rounded(r, opts.ratio_digits)))
        .unwrap_or_default();
    match a.status {
        Status::NotApplicable => {
            return Explanation {
                vi: "Không áp dụng cho đơn vị này.".into(),
                en: "Not applicable to this unit.".into(),
            }
        }
        Status::NoData => {
            return Explanation {
                vi: format!("Chưa có số liệu {} (chỉ tiêu: {t_vi}).", period.label_vi()),
                en: format!(
                    "No data reported for {} (target: {t_en}).",
                    period.label_en()
                ),
            }
        }
        _ => {}
    }
    match spec {
        TargetSpec::Qualitative {} => Explanation {
            vi: format!("Hội đồng đánh giá: {st_vi}."),
            en: format!("Judged by the council: {st_en}."),
        },
        TargetSpec::CompositeDecrease { components } => {
            let mut vi = Vec::new();
            let mut en = Vec::new();
            for c in components {
                match obs.components.iter().find(|x| x.component == c.id) {
                    Some(ComponentResult {
                        value: Some(v),
                        baseline: Some(b),
                        ..
                    }) => {
                        let (w_vi, w_en) = if v < b {
                            ("giảm", "down")
                        } else if v == b {
                            ("không đổi", "unchanged")
                        } else {
                            ("tăng", "up")
                        };
                        vi.push(format!(
                            "{} {} → {} ({w_vi})",
                            c.name,
                            format_vn_rounded(*b, 10),
                            format_vn_rounded(*v, 10)
                        ));
                        en.push(format!(
                            "{} {} → {} ({w_en})",
                            c.id,
                            format_en_rounded(*b, 10),
                            format_en_rounded(*v, 10)
                        ));
                    }
                    _ => {
                        vi.push(format!("{}: chưa có số liệu", c.name));
                        en.push(format!("{}: no data", c.id));
                    }
                }
            }
            let fell = a.achieved.unwrap_or_default();
            Explanation {
                vi: format!(
                    "Giảm {}/{} tiêu chí so với cùng kỳ: {}: {st_vi}.",
                    fell,
                    components.len(),
                    vi.join("; ")
                ),
                en: format!(
                    "{} of {} components fell versus the same period last year: {}: {st_en}.",
                    fell,
                    components.len(),
                    en.join("; ")
                ),
            }
        }
        TargetSpec::Reduction { unit, .. } => {
            let r = obs.value.unwrap_or_default();
            let b = obs.baseline.unwrap_or_default();
            let ach = a.achieved.unwrap_or_default();
            let (u_vi, u_en) = match unit {
                ReductionUnit::PercentagePoints => (" điểm %", " percentage points"),
                ReductionUnit::PercentOfBaseline => ("% so với kỳ gốc", "% of the baseline"),
                ReductionUnit::Absolute => ("", ""),
            };
            let lvl = |v: Decimal| {
                if matches!(unit, ReductionUnit::Absolute) {
                    format_vn_rounded(v, 10)
                } else {
                    format!("{}%", format_vn_rounded(v, 10))
                }
            };
            let lvl_en = |v: Decimal| {
                if matches!(unit, ReductionUnit::Absolute) {
                    format_en_rounded(v, 10)
                } else {
                    format!("{}%", format_en_rounded(v, 10))
                }
            };
            Explanation {
                vi: format!(
                    "Giảm {}{u_vi} (từ {} xuống {}) so với chỉ tiêu {t_vi}: {st_vi}{ratio_vi}.",
                    format_vn_rounded(ach, 4),
                    lvl(b),
                    lvl(r)
                ),
                en: format!(
                    "Down {}{u_en} (from {} to {}) against a target of {t_en}: {st_en}{ratio_en}.",
                    format_en_rounded(ach, 4),
                    lvl_en(b),
                    lvl_en(r)
                ),
            }
        }
        TargetSpec::RankImprovement {
            index,
            baseline_year,
            ..
        } => {
            let r = obs.value.unwrap_or_default();
            let b = obs.baseline.unwrap_or_default();
            let g = a.achieved.unwrap_or_default();
            let (w_vi, w_en) = if g >= Decimal::ZERO {
                ("tăng", "up")
            } else {
                ("giảm", "down")
            };
            Explanation {
                vi: format!("{index}: hạng {} (năm {baseline_year}) → hạng {}, {w_vi} {} bậc so với chỉ tiêu tăng {} bậc: {st_vi}{ratio_vi}.",
                    format_vn_rounded(b, 0), format_vn_rounded(r, 0), format_vn_rounded(g.abs(), 0), a.threshold.unwrap_or_default()),
                en: format!("{index}: rank {} ({baseline_year}) → rank {}, {w_en} {} places against a target of {}: {st_en}{ratio_en}.",
                    format_en_rounded(b, 0), format_en_rounded(r, 0), format_en_rounded(g.abs(), 0), a.threshold.unwrap_or_default()),
            }
        }
        _ => {
            let r = obs.value.unwrap_or_default();
            let (r_vi, r_en) = show(spec, r);
            let prefix_vi = format!("Kết quả {}", period.label_vi());
            let prefix_en = format!("Result for {}", period.label_en());
            let mut vi = format!("{prefix_vi}: {r_vi} so với chỉ tiêu {t_vi}: {st_vi}{ratio_vi}");
            let mut en =
                format!("{prefix_en}: {r_en} against a target of {t_en}: {st_en}{ratio_en}");
            if a.pro_rata {
                let th = a.threshold.unwrap_or_default();
                let (th_vi, th_en) = show(spec, th);
                vi = format!("{prefix_vi}: {r_vi}{ratio_vi} năm (chỉ tiêu {t_vi}); mốc tiến độ {} tháng là {th_vi}: {st_vi}", period.months(), ratio_vi = ratio_vi.replacen(", ", " = ", 1));
                en = format!("{prefix_en}: {r_en}{ratio_en} for the year (target {t_en}); the {}-month pro-rata bar is {th_en}: {st_en}", period.months(), ratio_en = ratio_en.replacen(", ", " = ", 1));
            }
            if let TargetSpec::Reference {
                value: None,
                reference,
                ..
            } = spec
            {
                let th = a.threshold.unwrap_or_default();
                let (th_vi, th_en) = show(spec, th);
                vi.push_str(&format!(" ({reference} = {th_vi})"));
                en.push_str(&format!(" ({reference} = {th_en})"));
            }
            if let TargetSpec::Ceiling { .. } = spec {
                let conv = match opts.ceiling_ratio {
                    CeilingRatio::Inverse => ("chỉ tiêu ÷ kết quả", "target ÷ result"),
                    CeilingRatio::Complement => (
                        "100 + (chỉ tiêu − kết quả) ÷ chỉ tiêu",
                        "100 + (target − result) ÷ target",
                    ),
                };
                if a.ratio.is_some() {
                    vi.push_str(&format!(" (tỷ lệ tính theo {})", conv.0));
                    en.push_str(&format!(" (ratio as {})", conv.1));
                } else {
                    vi.push_str(" (không tính được % kế hoạch: mẫu số bằng 0)");
                    en.push_str(" (% of plan undefined: zero divisor)");
                }
            }
            vi.push('.');
            en.push('.');
            Explanation { vi, en }
        }
    }
}

#[cfg(test)]
mod tests;
