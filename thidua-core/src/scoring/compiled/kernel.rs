//! The criterion kernels of one batch: each rule's constants at the batch's fixed-point
//! scales, and the exact fraction `N ÷ den` of one piece (one target of a criterion).

use rust_decimal::Decimal;

use super::fx::{at_scale, dec_at, digits, gcd, mul, p10, EXACT};
use super::SchemeInner;
use crate::engine::{BatchEvaluation, DecimalColumn};
use crate::evaluate::Status;
use crate::scoring::scheme::{LinearBasis, Rule};
use crate::scoring::RoundingMode;

/// A criterion's rule at the batch's scales; a piece's points are `N ÷ den` of its [`Kern`].
#[derive(Debug)]
pub(super) enum PieceK {
    /// `full_at` at the ratio scale; `N = m × x` between 0 and `full_at`.
    Proportional { full_at: i128 },
    /// `accept_ratio_at_least` at the ratio scale.
    AllOrNothing { accept: Option<i128> },
    /// `at_least` at the ratio scale; points and `below` as numerators.
    Steps {
        at_least: Vec<i128>,
        points: Vec<i128>,
        below: i128,
    },
    /// The council's points, at the denominator's scale.
    Council { scale: u32 },
    /// Bounds at the ratio (or value) scale; `N = m × (x − from) × sign(to − from)`.
    Linear {
        on_value: bool,
        from: i128,
        to: i128,
        rising: bool,
    },
}

/// One criterion's kernel in one batch.
#[derive(Debug)]
pub(super) struct Kern {
    pub piece: PieceK,
    /// The denominator of every piece (> 0).
    pub den: i128,
    /// The numerator of the maximum.
    pub full: i128,
    /// The maximum's mantissa (at its own scale).
    pub m: i128,
    /// A numerator is an exact decimal of few enough digits for the row-wise mean iff it is a
    /// multiple of this.
    pub den_exact: i128,
    /// Whether one division `N ÷ den`, done by `Decimal` to its 28 digits and then rounded, is
    /// the exact quotient rounded (its error is far below the distance to a rounding
    /// boundary): a bound on `den`, the digits and the maximum.
    pub single_ok: bool,
    /// Whether a mean of exact pieces can be rounded from the exact quotient likewise.
    pub mean_ok: bool,
    /// `(W, 10^ws)` of a weight other than 1.
    pub weight: Option<(i128, i128)>,
}

/// The exceeding-plan bonus at the batch's scales: per target `(x − 100) × ppp`, capped, at
/// scale `scale`.
#[derive(Debug)]
pub(super) struct BonusK {
    pub hundred: i128,
    pub ppp: i128,
    pub cap: Option<i128>,
    pub scale: u32,
}

/// Everything the kernels of one batch share.
#[derive(Debug)]
pub(super) struct Prepared {
    pub kern: Vec<Kern>,
    /// The fixed-point scale of ratios, and of compared values.
    pub s_ratio: u32,
    pub s_value: u32,
    pub digits: u32,
    /// 10^digits.
    pub unit: i128,
    pub mode: RoundingMode,
    pub bonus: Option<BonusK>,
}

/// The exact-range budget of the rounding argument (see [`Kern::single_ok`]): the error of a
/// 28-digit `Decimal` quotient, at most ~10^(E − 26) for a value below 10^E, stays below
/// `1 ÷ (2 × 10^digits × den)` when `digits + digits(den) + E ≤ 22`, four orders to spare.
const BUDGET: i64 = 22;

/// A decimal value at the fixed-point scale `s`: `None` missing, `Some(None)` beyond `i128`.
#[inline]
pub(super) fn at(col: &DecimalColumn, row: usize, s: u32) -> Option<Option<i128>> {
    let (m, sc) = col.parts(row)?;
    Some(if sc == s { Some(m) } else { at_scale(m, sc, s) })
}

/// The scale of every ratio constant of the scheme (and 0 for the bonus's 100 %).
fn ratio_scales(inner: &SchemeInner) -> u32 {
    let mut s = 0;
    for c in &inner.criteria {
        let mut see = |d: Decimal| s = s.max(d.scale());
        match &c.rule {
            Rule::Proportional { full_at } => see(*full_at),
            Rule::AllOrNothing {
                accept_ratio_at_least: Some(a),
            } => see(*a),
            Rule::Steps { steps, .. } => steps.iter().for_each(|st| see(st.at_least)),
            Rule::Linear {
                on: LinearBasis::Ratio,
                from,
                to,
            } => {
                see(*from);
                see(*to);
            }
            _ => {}
        }
    }
    s
}

fn value_scales(inner: &SchemeInner) -> u32 {
    let mut s = 0;
    for c in &inner.criteria {
        if let Rule::Linear {
            on: LinearBasis::Value,
            from,
            to,
        } = &c.rule
        {
            s = s.max(from.scale()).max(to.scale());
        }
    }
    s
}

impl Prepared {
    /// The kernels of `inner` for `batch`; `None` when the batch's scales leave the range the
    /// kernels are exact in (then every unit is scored row-wise).
    /// `council_scale[c]` is the largest scale of the council points given for criterion `c`.
    pub(super) fn new(
        inner: &SchemeInner,
        batch: &BatchEvaluation,
        council_scale: &[u32],
    ) -> Option<Prepared> {
        let r = inner.scheme.rounding;
        let s_ratio = batch.ratio().max_scale().max(ratio_scales(inner));
        let s_value = batch.achieved().max_scale().max(value_scales(inner));
        let mut kern = Vec::with_capacity(inner.criteria.len());
        for (c, cs) in inner.criteria.iter().zip(council_scale) {
            kern.push(Kern::new(c, s_ratio, s_value, r.digits, *cs)?);
        }
        let bonus = match &inner.scheme.bonus.exceeding {
            None => None,
            Some(e) => {
                let scale = (s_ratio + e.points_per_percent.scale())
                    .max(e.cap_per_target.map_or(0, |c| c.scale()));
                if scale > 28 {
                    return None;
                }
                let pps = e.points_per_percent.scale();
                Some(BonusK {
                    hundred: at_scale(100, 0, s_ratio)?,
                    ppp: at_scale(e.points_per_percent.mantissa(), pps, scale - s_ratio)?,
                    cap: match e.cap_per_target {
                        Some(c) => Some(dec_at(c, scale)?),
                        None => None,
                    },
                    scale,
                })
            }
        };
        Some(Prepared {
            kern,
            s_ratio,
            s_value,
            digits: r.digits,
            unit: p10(r.digits)?,
            mode: r.mode,
            bonus,
        })
    }
}

impl Kern {
    fn new(c: &super::Crit, s_ratio: u32, s_value: u32, d: u32, cs: u32) -> Option<Kern> {
        let (m, a) = (c.max.mantissa(), c.max.scale());
        let ten_a = p10(a)?;
        let (piece, den, full) = match &c.rule {
            Rule::Proportional { full_at } => {
                let f = dec_at(*full_at, s_ratio)?;
                (
                    PieceK::Proportional { full_at: f },
                    f.checked_mul(ten_a)?,
                    m.checked_mul(f)?,
                )
            }
            Rule::AllOrNothing {
                accept_ratio_at_least,
            } => {
                let accept = match accept_ratio_at_least {
                    Some(x) => Some(dec_at(*x, s_ratio)?),
                    None => None,
                };
                (PieceK::AllOrNothing { accept }, ten_a, m)
            }
            Rule::Steps { steps, below } => {
                let ps = steps
                    .iter()
                    .map(|s| s.points.scale())
                    .chain([below.scale(), a])
                    .max()
                    .unwrap_or(0);
                let mut at_least = Vec::with_capacity(steps.len());
                let mut points = Vec::with_capacity(steps.len());
                for s in steps {
                    at_least.push(dec_at(s.at_least, s_ratio)?);
                    points.push(dec_at(s.points, ps)?);
                }
                let below = dec_at(*below, ps)?;
                let den = p10(ps)?;
                (
                    PieceK::Steps {
                        at_least,
                        points,
                        below,
                    },
                    den,
                    dec_at(c.max, ps)?,
                )
            }
            Rule::Linear { on, from, to } => {
                let on_value = *on == LinearBasis::Value;
                let s = if on_value { s_value } else { s_ratio };
                if a + s > 28 {
                    return None;
                }
                let (f, t) = (dec_at(*from, s)?, dec_at(*to, s)?);
                let span = t.checked_sub(f)?.checked_abs()?;
                (
                    PieceK::Linear {
                        on_value,
                        from: f,
                        to: t,
                        rising: t > f,
                    },
                    ten_a.checked_mul(span)?,
                    m.checked_mul(span)?,
                )
            }
            Rule::Council {} => {
                let scale = cs.max(a);
                if scale > 28 {
                    return None;
                }
                (
                    PieceK::Council { scale },
                    p10(scale)?,
                    dec_at(c.max, scale)?,
                )
            }
        };
        if matches!(piece, PieceK::Proportional { .. }) && a + s_ratio > 28 {
            return None;
        }
        let e = i64::from(digits(dec_at(c.max.ceil(), 0)?));
        let d = i64::from(d);
        let single_ok = d + i64::from(digits(den)) + e <= BUDGET;
        let k = BUDGET - d - e - i64::from(digits(c.targets.len() as i128));
        let (mean_ok, den_exact) = match u32::try_from(k).ok().and_then(p10) {
            Some(pk) => (true, den / gcd(den, pk)),
            None => (false, den),
        };
        let weight = if c.weight == Decimal::ONE {
            None
        } else {
            Some((c.weight.mantissa(), p10(c.weight.scale())?))
        };
        Some(Kern {
            piece,
            den,
            full,
            m,
            den_exact,
            single_ok,
            mean_ok,
            weight,
        })
    }

    /// One piece's numerator, and whether it is a share (a quotient `Decimal` may round);
    /// `None` when the row-wise rules must decide (no % of plan or compared value — their
    /// error —, or numbers beyond the exact range). `x` is the ratio at the ratio scale, or the
    /// compared value at the value scale for a linear rule on value.
    #[inline]
    pub(super) fn piece(&self, status: Status, x: Option<Option<i128>>) -> Option<(i128, bool)> {
        match &self.piece {
            PieceK::Council { .. } => None,
            PieceK::AllOrNothing { accept } => {
                if status.is_met_or_exceeded() {
                    return Some((self.full, false));
                }
                match (accept, x) {
                    (Some(_), Some(None)) => None,
                    (Some(a), Some(Some(r))) if r >= *a => Some((self.full, false)),
                    _ => Some((0, false)),
                }
            }
            PieceK::Proportional { full_at } => {
                let x = x??;
                if x <= 0 {
                    Some((0, false))
                } else if x >= *full_at {
                    Some((self.full, false))
                } else {
                    let n = mul(self.m, x)?;
                    (n.abs() < EXACT).then_some((n, true))
                }
            }
            PieceK::Steps {
                at_least,
                points,
                below,
            } => {
                let x = x??;
                let k = at_least.iter().rposition(|a| x >= *a);
                Some((k.map_or(*below, |k| points[k]), false))
            }
            PieceK::Linear {
                from, to, rising, ..
            } => {
                let x = x??;
                let (zero, full) = if *rising {
                    (x <= *from, x >= *to)
                } else {
                    (x >= *from, x <= *to)
                };
                if zero {
                    Some((0, false))
                } else if full {
                    Some((self.full, false))
                } else {
                    let dx = x.checked_sub(*from)?;
                    let n = mul(self.m, dx)?;
                    if dx.abs() >= EXACT || n.abs() >= EXACT {
                        return None;
                    }
                    Some((if *rising { n } else { -n }, true))
                }
            }
        }
    }

    /// The numerator of council points `p` (exact: its scale is within the denominator's).
    #[inline]
    pub(super) fn council(&self, p: Decimal) -> Option<i128> {
        match self.piece {
            PieceK::Council { scale } => dec_at(p, scale),
            _ => None,
        }
    }

    /// Whether a linear rule reads the compared value (else the ratio).
    #[inline]
    pub(super) fn on_value(&self) -> bool {
        matches!(self.piece, PieceK::Linear { on_value: true, .. })
    }

    /// Whether the rule reads the ratio or value at all (all or nothing only with a tolerance).
    #[inline]
    pub(super) fn reads(&self) -> bool {
        !matches!(
            self.piece,
            PieceK::AllOrNothing { accept: None } | PieceK::Council { .. }
        )
    }
}
