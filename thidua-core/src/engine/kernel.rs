//! The compiled kernels: one per target, with its constants pre-scaled to fixed-point
//! integers, and the integer arithmetic that reproduces [`assess`](crate::assess) exactly.
//!
//! A kernel answers only when every step fits in `i64` at the common scale of its operands;
//! otherwise it returns `None` and the caller runs the row-wise [`assess`](crate::assess) on
//! `Decimal`s for that row. The integer steps are the very formulas of the row-wise code (a
//! comparison at a common scale is exact; a difference keeps the larger scale, as
//! `rust_decimal` does; % of plan is the `exact_pct` integer division with its half-away
//! rounding), so a kernel's answer and the row-wise answer are the same value with the same
//! scale — the differential tests check it.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::evaluate::{CeilingRatio, EvaluationOptions, InYearFlows, RangeBasis, Status};
use crate::model::{AboveRange, Comparator, Direction, Measure, ReductionUnit, TargetSpec};
use crate::quantity::rescale;

const POW10: [i64; 19] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
    10_000_000_000_000_000,
    100_000_000_000_000_000,
    1_000_000_000_000_000_000,
];

/// 10⁰ … 10³⁸ (every power of ten `u128` holds).
const POW10_U128: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

#[inline(always)]
fn p10(e: u32) -> Option<i64> {
    POW10.get(e as usize).copied()
}

/// A fixed-point number: `m × 10^-s`, the mantissa and scale of a `Decimal` that fits `i64`.
/// (`pub` in this private module only for [`ResultSource::fixed_numbers`](super::ResultSource),
/// which no other crate can name.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fx {
    pub m: i64,
    pub s: u32,
}

impl Fx {
    pub const ZERO: Fx = Fx { m: 0, s: 0 };
    pub const ONE: Fx = Fx { m: 1, s: 0 };
    pub const HUNDRED: Fx = Fx { m: 100, s: 0 };

    #[inline]
    pub fn of(d: Decimal) -> Option<Fx> {
        let u = d.unpack();
        if u.hi != 0 || u.mid >= 0x8000_0000 {
            return None;
        }
        let m = (i64::from(u.mid) << 32) | i64::from(u.lo);
        if m == 0 && u.negative {
            return None; // a negative zero keeps its sign in `rust_decimal`: the row-wise path
        }
        Some(Fx {
            m: if u.negative { -m } else { m },
            s: u.scale,
        })
    }

    /// The exact decimal (the scale kept).
    pub fn dec(self) -> Decimal {
        Decimal::new(self.m, self.s)
    }

    #[inline(always)]
    fn at(self, s: u32) -> Option<i64> {
        if self.s == s {
            Some(self.m)
        } else {
            self.m.checked_mul(p10(s - self.s)?)
        }
    }
}

/// Exact comparison at the common scale.
#[inline(always)]
pub(crate) fn cmp(a: Fx, b: Fx) -> Option<Ordering> {
    let s = a.s.max(b.s);
    Some(a.at(s)?.cmp(&b.at(s)?))
}

/// `a − b` exactly as `rust_decimal` writes it: `0 − b` is `−b` and `a − 0` is `a` (each
/// keeping its own scale), otherwise the difference at the larger scale. A zero difference
/// of a negative `a` is a negative zero there, which `Fx` does not hold: `None` (the row-wise
/// path then answers).
#[inline(always)]
pub(crate) fn sub(a: Fx, b: Fx) -> Option<Fx> {
    if a.m == 0 {
        return Some(Fx { m: -b.m, s: b.s });
    }
    if b.m == 0 {
        return Some(a);
    }
    let s = a.s.max(b.s);
    let m = a.at(s)?.checked_sub(b.at(s)?)?;
    if m == 0 && a.m < 0 {
        return None;
    }
    Some(Fx { m, s })
}

/// [`cmp`]`(a, b)` and [`sub`]`(a, b)` at once, the operands brought to their common scale
/// once; `None` when either would be `None`.
#[inline(always)]
pub(crate) fn cmp_sub(a: Fx, b: Fx) -> Option<(Ordering, Fx)> {
    let s = a.s.max(b.s);
    let (x, y) = (a.at(s)?, b.at(s)?);
    let d = if a.m == 0 {
        Fx { m: -b.m, s: b.s }
    } else if b.m == 0 {
        a
    } else {
        let m = x.checked_sub(y)?;
        if m == 0 && a.m < 0 {
            return None;
        }
        Fx { m, s }
    };
    Some((x.cmp(&y), d))
}

/// `round_half_away(a ÷ b × 100, digits)` as the mantissa at scale `digits`; `Some(None)`
/// when `b` is zero (undefined), `None` when it does not fit `i64` (the caller then uses the
/// row-wise path). The same integer formula as the row-wise `exact_pct_i64`.
#[inline(always)]
pub(crate) fn pct(a: Fx, b: Fx, digits: u32) -> Option<Option<i64>> {
    if b.m == 0 {
        return Some(None);
    }
    let num = a.m.checked_mul(p10(2 + digits + b.s)?)?;
    let den = b.m.checked_mul(p10(a.s)?)?;
    Some(Some(div_half_away(num, den)))
}

/// `num ÷ den` rounded half away from zero (`den` ≠ 0, and not `i64::MIN ÷ −1`: both come
/// from mantissas below 2⁶³ in magnitude).
#[inline(always)]
fn div_half_away(num: i64, den: i64) -> i64 {
    let (mut q, r) = (num / den, num % den);
    if r != 0 && r.unsigned_abs() * 2 >= den.unsigned_abs() {
        q += if (num < 0) != (den < 0) { -1 } else { 1 };
    }
    q
}

/// A [`Kernel::Higher`] prepared for the rows of one scale (a decimal128 column's, or values
/// written with as many decimals): its constants brought to that scale once, so that a row
/// costs one multiplication to the common scale, a comparison, a subtraction and one division
/// for the % of plan — the very integers [`Kernel::assess`] computes, so the same answer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prepared {
    /// The common scale of the row and the threshold.
    s: u32,
    /// 10^(s − row scale).
    lift: i64,
    /// The threshold, and its mantissa at `s`.
    t: Fx,
    t_at_s: i64,
    /// The status by `Ordering` (less, equal, greater) of the row against the threshold.
    status: [Status; 3],
    /// The % of plan as `row × ratio.0 ÷ ratio.1`, rounded; `None` for a zero threshold.
    ratio: Option<(i64, i64)>,
    /// 100 at the row scale (the bound of a rate), `None` beyond `i64`.
    hundred: Option<i64>,
    /// Whether the target is a flow with pro-rata thresholds (then only full-year rows
    /// take this kernel).
    pro_rata: bool,
}

impl Prepared {
    /// `kernel` prepared for rows of scale `row_scale`; `None` where the general path must
    /// decide (another kernel, a constant that does not fit at that scale).
    pub fn new(kernel: &Kernel, row_scale: u32, digits: u32) -> Option<Prepared> {
        let Kernel::Higher { cmp, t, pro_rata } = kernel else {
            return None;
        };
        let t = t.fx;
        let s = row_scale.max(t.s);
        let ratio = if t.m == 0 {
            None
        } else {
            Some((p10(2 + digits + t.s)?, t.m.checked_mul(p10(row_scale)?)?))
        };
        let of = |ord: Ordering| status_from(cmp.holds_ordering(ord), ord == Ordering::Greater);
        Some(Prepared {
            s,
            lift: p10(s - row_scale)?,
            t,
            t_at_s: t.at(s)?,
            status: [
                of(Ordering::Less),
                of(Ordering::Equal),
                of(Ordering::Greater),
            ],
            ratio,
            hundred: p10(row_scale).and_then(|p| p.checked_mul(100)),
            pro_rata: pro_rata.is_some(),
        })
    }

    /// The threshold.
    #[inline(always)]
    pub fn threshold(&self) -> Fx {
        self.t
    }

    /// Whether a row of a period of `months` months takes this kernel.
    #[inline(always)]
    pub fn applies(&self, months: u8) -> bool {
        !self.pro_rata || months >= 12
    }

    /// Whether `v` (at the prepared scale) lies in `0..=100`: [`in_percent_range`].
    #[inline(always)]
    pub fn in_percent_range(&self, v: Fx) -> bool {
        self.hundred.is_some_and(|h| v.m >= 0 && v.m <= h)
    }

    /// [`Kernel::assess`] of a value at the prepared scale, and whether it is 10³ times or
    /// more apart from the threshold ([`thousand_apart`]); `None` when the row must go the
    /// row-wise way.
    #[inline(always)]
    pub fn assess(&self, rf: Fx) -> Option<(Fast, bool)> {
        let x = rf.m.checked_mul(self.lift)?;
        let y = self.t_at_s;
        let ord = x.cmp(&y);
        let gap = if rf.m == 0 {
            Fx {
                m: -self.t.m,
                s: self.t.s,
            }
        } else if self.t.m == 0 {
            rf
        } else {
            let m = x.checked_sub(y)?;
            if m == 0 && rf.m < 0 {
                return None;
            }
            Fx { m, s: self.s }
        };
        let ratio = match self.ratio {
            Some((up, den)) => Some(div_half_away(rf.m.checked_mul(up)?, den)),
            None => None,
        };
        // `thousand_apart(rf, t)`: both at the common scale, where they fit `i64`.
        let far = rf.m != 0 && self.t.m != 0 && {
            let (a, b) = (u128::from(x.unsigned_abs()), u128::from(y.unsigned_abs()));
            let (big, small) = if a > b { (a, b) } else { (b, a) };
            big >= small * 1000
        };
        let fast = Fast {
            status: self.status[(ord as i8 + 1) as usize],
            ratio,
            gap: Some(gap),
            achieved: Some(rf),
            threshold: Some(self.t),
            pro_rata: false,
        };
        Some((fast, far))
    }
}

#[inline(always)]
fn status_from(cond: bool, strictly_better: bool) -> Status {
    if !cond {
        Status::NotMet
    } else if strictly_better {
        Status::Exceeded
    } else {
        Status::Met
    }
}

/// A threshold, in fixed point (exactly the `Decimal` the row-wise path reports).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Threshold {
    pub fx: Fx,
}

impl Threshold {
    fn of(d: Decimal) -> Option<Threshold> {
        Some(Threshold { fx: Fx::of(d)? })
    }
}

/// One target's compiled evaluation.
#[derive(Debug, Clone)]
pub(crate) enum Kernel {
    /// Rates, growth rates, per-capita values, counts, amounts, threshold shares, references
    /// with a known value and a higher-is-better comparator.
    Higher {
        cmp: Comparator,
        t: Threshold,
        /// The pro-rata thresholds `t × months ÷ 12` for months 1..=11 (index months − 1),
        /// when the target is a flow and in-year flows are pro rata; `None` where the
        /// row-wise arithmetic overflows (the row-wise path then reports it).
        pro_rata: Option<Box<[Option<Threshold>; 11]>>,
    },
    /// Ceilings and lower-is-better references, with the inverse ratio convention.
    Ceiling { cmp: Comparator, t: Threshold },
    /// Reductions in percentage points or absolute units.
    Reduction {
        cmp: Comparator,
        lo: Threshold,
        hi: Fx,
        basis: Fx,
    },
    /// Ranges (open or band).
    Range {
        lo: Threshold,
        hi: Fx,
        basis: Fx,
        above: AboveRange,
    },
    /// Rank improvement.
    Rank { places: Threshold },
    /// Not on the fast path: every row goes through the row-wise [`assess`](crate::assess)
    /// (composite decreases, qualitative targets, references without a value, reductions in
    /// % of the baseline, the complement ceiling ratio, constants beyond `i64`).
    RowWise,
}

/// The range basis as the row-wise path computes it; `None` (no kernel: the row-wise path
/// then reports the overflow) when it overflows or does not fit `i64`.
fn basis_of(lo: Decimal, hi: Decimal, b: RangeBasis) -> Option<Fx> {
    Fx::of(crate::evaluate::assess::range_basis(lo, hi, b).ok()?)
}

impl Kernel {
    /// Compiles a target. Never fails: what cannot be compiled is [`Kernel::RowWise`].
    pub fn compile(spec: &TargetSpec, opts: &EvaluationOptions) -> Kernel {
        Self::try_compile(spec, opts).unwrap_or(Kernel::RowWise)
    }

    fn higher(
        cmp: Comparator,
        t: Decimal,
        measure: Measure,
        opts: &EvaluationOptions,
    ) -> Option<Kernel> {
        let pro_rata = (measure == Measure::Flow && opts.in_year_flows == InYearFlows::ProRata)
            .then(|| {
                Box::new(std::array::from_fn(|k| {
                    let months = Decimal::from(k as u32 + 1);
                    t.checked_mul(months)
                        .and_then(|x| x.checked_div(Decimal::from(12)))
                        .and_then(Threshold::of)
                }))
            });
        Some(Kernel::Higher {
            cmp,
            t: Threshold::of(t)?,
            pro_rata,
        })
    }

    fn ceiling(cmp: Comparator, t: Decimal, opts: &EvaluationOptions) -> Option<Kernel> {
        match opts.ceiling_ratio {
            CeilingRatio::Inverse => Some(Kernel::Ceiling {
                cmp,
                t: Threshold::of(t)?,
            }),
            CeilingRatio::Complement => None,
        }
    }

    fn try_compile(spec: &TargetSpec, opts: &EvaluationOptions) -> Option<Kernel> {
        match spec {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::GrowthRate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => Self::higher(*comparator, *value, Measure::Level, opts),
            TargetSpec::Count {
                comparator,
                value,
                measure,
                ..
            } => Self::higher(*comparator, *value, *measure, opts),
            TargetSpec::PerCapita {
                comparator, value, ..
            } => Self::higher(*comparator, value.value, Measure::Level, opts),
            TargetSpec::Amount {
                comparator,
                value,
                measure,
            } => Self::higher(*comparator, value.value, *measure, opts),
            TargetSpec::Ceiling { comparator, value } => {
                Self::ceiling(*comparator, value.value, opts)
            }
            TargetSpec::Reference {
                comparator,
                value: Some(t),
                measure,
                ..
            } => {
                if comparator.direction() == Direction::HigherIsBetter {
                    // A reference ≤ 0 is an error of every valued row: the row-wise path says so.
                    if *t <= Decimal::ZERO {
                        return None;
                    }
                    Self::higher(*comparator, *t, *measure, opts)
                } else {
                    Self::ceiling(*comparator, *t, opts)
                }
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                unit: ReductionUnit::PercentagePoints | ReductionUnit::Absolute,
                ..
            } => {
                let hi = value_high.unwrap_or(*value);
                Some(Kernel::Reduction {
                    cmp: *comparator,
                    lo: Threshold::of(*value)?,
                    hi: Fx::of(hi)?,
                    basis: basis_of(*value, hi, opts.range_basis)?,
                })
            }
            TargetSpec::Range {
                low,
                high,
                above_high,
            } => {
                let hi = rescale(high.value, high.scale, low.scale, "").ok()?;
                Some(Kernel::Range {
                    lo: Threshold::of(low.value)?,
                    hi: Fx::of(hi)?,
                    basis: basis_of(low.value, hi, opts.range_basis)?,
                    above: *above_high,
                })
            }
            TargetSpec::RankImprovement { places, .. } => Some(Kernel::Rank {
                places: Threshold::of(Decimal::from(*places))?,
            }),
            _ => None,
        }
    }

    /// Assesses a plain row (value and baseline only, already in the target's scale, as
    /// fixed-point numbers): the same numbers as the row-wise [`assess`](crate::assess), or
    /// `None` when the row must go the row-wise way (an error to report, a number beyond
    /// `i64`). A missing value is [`Status::NoData`] with no numbers. (Inlined into the
    /// engine's loop, so that its answer is written to the columns without a copy.)
    #[inline(always)]
    pub fn assess(
        &self,
        value: Option<Fx>,
        baseline: Option<Fx>,
        months: u8,
        digits: u32,
    ) -> Option<Fast> {
        if matches!(self, Kernel::RowWise) {
            return None;
        }
        let Some(rf) = value else {
            return Some(Fast::bare(Status::NoData));
        };
        match self {
            Kernel::Higher {
                cmp: c,
                t,
                pro_rata,
            } => {
                let th = match pro_rata {
                    Some(p) if months < 12 => (*p.get(usize::from(months).checked_sub(1)?)?)?,
                    _ => *t,
                };
                let (ord, gap) = cmp_sub(rf, th.fx)?;
                Some(Fast {
                    status: status_from(c.holds_ordering(ord), ord == Ordering::Greater),
                    ratio: pct(rf, t.fx, digits)?,
                    gap: Some(gap),
                    achieved: Some(rf),
                    threshold: Some(th.fx),
                    pro_rata: pro_rata.is_some() && months < 12,
                })
            }
            Kernel::Ceiling { cmp: c, t } => {
                let (reverse, gap) = cmp_sub(t.fx, rf)?;
                let ord = reverse.reverse();
                Some(Fast {
                    status: status_from(c.holds_ordering(ord), ord == Ordering::Less),
                    ratio: pct(t.fx, rf, digits)?,
                    gap: Some(gap),
                    achieved: Some(rf),
                    threshold: Some(t.fx),
                    pro_rata: false,
                })
            }
            Kernel::Reduction {
                cmp: c,
                lo,
                hi,
                basis,
            } => {
                let b = baseline?;
                let diff = sub(b, rf)?;
                let (ord, gap) = cmp_sub(diff, lo.fx)?;
                Some(Fast {
                    status: status_from(
                        c.holds_ordering(ord),
                        cmp(diff, *hi)? == Ordering::Greater,
                    ),
                    ratio: pct(diff, *basis, digits)?,
                    gap: Some(gap),
                    achieved: Some(diff),
                    threshold: Some(lo.fx),
                    pro_rata: false,
                })
            }
            Kernel::Range {
                lo,
                hi,
                basis,
                above,
            } => {
                let (status, gap) = if cmp(rf, lo.fx)? == Ordering::Less {
                    (Status::NotMet, sub(rf, lo.fx)?)
                } else if cmp(rf, *hi)? != Ordering::Greater {
                    (Status::Met, Fx::ZERO)
                } else {
                    match above {
                        AboveRange::Exceeded => (Status::Exceeded, sub(rf, *hi)?),
                        AboveRange::NotMet => (Status::NotMet, sub(*hi, rf)?),
                    }
                };
                Some(Fast {
                    status,
                    ratio: pct(rf, *basis, digits)?,
                    gap: Some(gap),
                    achieved: Some(rf),
                    threshold: Some(lo.fx),
                    pro_rata: false,
                })
            }
            Kernel::Rank { places } => {
                let b = baseline?;
                for v in [rf, b] {
                    // whole and ≥ 1, else the row-wise path reports the error
                    if cmp(v, Fx::ONE)? == Ordering::Less || v.m % p10(v.s)? != 0 {
                        return None;
                    }
                }
                let gained = sub(b, rf)?;
                let (ord, gap) = cmp_sub(gained, places.fx)?;
                Some(Fast {
                    status: status_from(ord != Ordering::Less, ord == Ordering::Greater),
                    ratio: pct(gained, places.fx, digits)?,
                    gap: Some(gap),
                    achieved: Some(gained),
                    threshold: Some(places.fx),
                    pro_rata: false,
                })
            }
            Kernel::RowWise => None,
        }
    }
}

/// A kernel's answer, in fixed point (the `Assessment` of the row-wise path, number for
/// number: `Decimal::new(m, s)` of each is the row-wise `Decimal`, scale included).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fast {
    pub status: Status,
    /// The mantissa of the % of plan at scale `ratio_digits`.
    pub ratio: Option<i64>,
    pub gap: Option<Fx>,
    pub achieved: Option<Fx>,
    pub threshold: Option<Fx>,
    pub pro_rata: bool,
}

impl Fast {
    #[inline]
    pub fn bare(status: Status) -> Fast {
        Fast {
            status,
            ratio: None,
            gap: None,
            achieved: None,
            threshold: None,
            pro_rata: false,
        }
    }
}

/// Whether a result and its threshold are 10³ times or more apart (the `likely_scale_mistake`
/// test of the row-wise path, on fixed-point numbers): `|big| ≥ 1000 × |small|`, neither
/// zero. When the comparison does not fit `i128` the answer is `true`, which sends the row the
/// row-wise way, where the `Decimal` test decides.
#[inline]
pub(crate) fn thousand_apart(r: Fx, th: Fx) -> bool {
    if r.m == 0 || th.m == 0 {
        return false;
    }
    if r.s == th.s {
        // The common case: no rescaling, and 1000 × an `i64` fits `u128`.
        let (a, b) = (
            u128::from(r.m.unsigned_abs()),
            u128::from(th.m.unsigned_abs()),
        );
        let (big, small) = if a > b { (a, b) } else { (b, a) };
        return big >= small * 1000;
    }
    let s = r.s.max(th.s);
    let at = |f: Fx| {
        POW10_U128
            .get((s - f.s) as usize)
            .and_then(|&p| u128::from(f.m.unsigned_abs()).checked_mul(p))
    };
    let (Some(a), Some(b)) = (at(r), at(th)) else {
        return true;
    };
    let (big, small) = if a > b { (a, b) } else { (b, a) };
    small.checked_mul(1000).is_none_or(|x| big >= x)
}

/// Whether `v` lies in `0..=100` (the bound of a rate or a share); `None` when unsure (the
/// row-wise path decides).
#[inline]
pub(crate) fn in_percent_range(f: Fx) -> Option<bool> {
    Some(f.m >= 0 && cmp(f, Fx::HUNDRED)? != Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn fixed_point_matches_decimal() {
        for (a, b) in [
            ("1.5", "1.50"),
            ("-3", "2.25"),
            ("0.1", "0"),
            ("10", "9.999"),
            ("0.000", "84.88"),
            ("84.88", "0.000"),
            ("0.0", "0.000"),
        ] {
            let (fa, fb) = (Fx::of(d(a)).unwrap(), Fx::of(d(b)).unwrap());
            assert_eq!(cmp(fa, fb), Some(d(a).cmp(&d(b))));
            let diff = sub(fa, fb).unwrap().dec();
            assert_eq!(diff.to_string(), (d(a) - d(b)).to_string());
        }
        assert_eq!(Fx::of(Decimal::MAX), None);
        assert_eq!(Fx::of(d("-7.25")), Some(Fx { m: -725, s: 2 }));
    }

    /// `sub` writes every difference as `rust_decimal` does, scale and sign of zero included.
    #[test]
    fn sub_matches_rust_decimal_exhaustively() {
        let mut vals = Vec::new();
        for m in [
            -1_000_000_007i64,
            -150,
            -15,
            -1,
            0,
            1,
            15,
            150,
            4_294_967_296,
            1_000_000_007,
        ] {
            for s in 0..4 {
                vals.push(Decimal::new(m, s));
            }
        }
        for a in &vals {
            for b in &vals {
                let (fa, fb) = (Fx::of(*a).unwrap(), Fx::of(*b).unwrap());
                // The fused form answers exactly as the two steps do.
                assert_eq!(cmp_sub(fa, fb), cmp(fa, fb).zip(sub(fa, fb)), "{a} vs {b}");
                let want = (*a - *b).to_string();
                if let Some(d) = sub(Fx::of(*a).unwrap(), Fx::of(*b).unwrap()) {
                    assert_eq!(d.dec().to_string(), want, "{a} - {b}");
                    assert_eq!(
                        serde_json::to_string(&d.dec()).unwrap(),
                        serde_json::to_string(&(*a - *b)).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn pct_rounds_half_away_from_zero() {
        let f = |s: &str| Fx::of(d(s)).unwrap();
        assert_eq!(pct(f("1"), f("8"), 1), Some(Some(125))); // 12.5
        assert_eq!(pct(f("1"), f("3"), 2), Some(Some(3333)));
        assert_eq!(pct(f("-1"), f("8"), 0), Some(Some(-13))); // −12.5 → −13
        assert_eq!(pct(f("1"), f("0.00"), 2), Some(None));
    }
}
