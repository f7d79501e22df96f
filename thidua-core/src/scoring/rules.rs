//! The rules that turn one target's evaluation into points, with their explanations.
//!
//! Every function here returns **unrounded** points within `0..=max`; rounding happens once
//! per criterion in the scorecard (see `docs/scoring.md`, "Rounding").

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::evaluate::{Status, TargetEvaluation};
use crate::number::{format_en_rounded, format_vn_rounded, push_en_rounded, push_vn_rounded};

use super::scheme::{LinearBasis, Rule, Step};

/// Points of one target under a rule, with the "why" before the arrow.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// Scored: unrounded points and the reason ("đạt 95,2 % kế hoạch").
    Scored {
        raw: Decimal,
        vi: String,
        en: String,
    },
    /// No result (no data or not applicable): the missing-result policy decides.
    Missing { vi: String, en: String },
}

/// Appends a percentage the Vietnamese way (`"95,2 %"`).
pub(crate) fn push_pct_vi(out: &mut String, r: Decimal) {
    push_vn_rounded(out, r, 2);
    out.push_str(" %");
}

/// Appends a percentage the English way (`"95.2%"`).
pub(crate) fn push_pct_en(out: &mut String, r: Decimal) {
    push_en_rounded(out, r, 2);
    out.push('%');
}

pub(crate) fn pct_vi(r: Decimal) -> String {
    let mut s = String::with_capacity(12);
    push_pct_vi(&mut s, r);
    s
}

pub(crate) fn pct_en(r: Decimal) -> String {
    let mut s = String::with_capacity(12);
    push_pct_en(&mut s, r);
    s
}

/// A new string: `head`, the percentage, `tail` (Vietnamese numbers).
fn with_pct_vi(head: &str, r: Decimal, tail: &str) -> String {
    let mut s = String::with_capacity(head.len() + tail.len() + 48);
    s.push_str(head);
    push_pct_vi(&mut s, r);
    s.push_str(tail);
    s
}

/// A new string: `head`, the percentage, `tail` (English numbers).
fn with_pct_en(head: &str, r: Decimal, tail: &str) -> String {
    let mut s = String::with_capacity(head.len() + tail.len() + 48);
    s.push_str(head);
    push_pct_en(&mut s, r);
    s.push_str(tail);
    s
}

fn ovf(loc: &str, op: &str) -> Error {
    Error::overflow(loc, op)
}

/// `max × num ÷ den`, with checked arithmetic (multiplying first keeps exact values exact).
fn share(max: Decimal, num: Decimal, den: Decimal, loc: &str) -> Result<Decimal> {
    max.checked_mul(num)
        .and_then(|x| x.checked_div(den))
        .ok_or_else(|| ovf(loc, "criterion points"))
}

/// Proportional points: `max × min(ratio, full_at) ÷ full_at`, 0 for a ratio ≤ 0.
pub(crate) fn proportional(
    max: Decimal,
    full_at: Decimal,
    ratio: Decimal,
    loc: &str,
) -> Result<Decimal> {
    if ratio <= Decimal::ZERO {
        Ok(Decimal::ZERO)
    } else if ratio >= full_at {
        Ok(max)
    } else {
        share(max, ratio, full_at, loc)
    }
}

/// The step reached by `ratio` (index), or `None` below the first step.
pub(crate) fn step_reached(steps: &[Step], ratio: Decimal) -> Option<usize> {
    steps.iter().rposition(|s| ratio >= s.at_least)
}

/// Linear points: 0 at `from`, `max` at `to`, clamped (either order of bounds).
pub(crate) fn linear(
    max: Decimal,
    from: Decimal,
    to: Decimal,
    x: Decimal,
    loc: &str,
) -> Result<Decimal> {
    let rising = to > from;
    let (at_zero, at_full) = if rising {
        (x <= from, x >= to)
    } else {
        (x >= from, x <= to)
    };
    if at_zero {
        Ok(Decimal::ZERO)
    } else if at_full {
        Ok(max)
    } else {
        let num = x
            .checked_sub(from)
            .ok_or_else(|| ovf(loc, "linear points"))?;
        let den = to
            .checked_sub(from)
            .ok_or_else(|| ovf(loc, "linear points"))?;
        share(max, num, den, loc)
    }
}

fn need_ratio(t: &TargetEvaluation, rule: &str, loc: &str) -> Result<Decimal> {
    t.ratio.ok_or_else(|| Error::InvalidInput {
        location: format!("{loc}, target {:?}", t.target),
        reason: format!(
            "the {rule} rule needs % of plan, which is undefined for this target ({}, status {}); use all_or_nothing, or linear on value",
            t.kind,
            t.status.label_en()
        ),
    })
}

/// Applies `rule` to one target's evaluation. `loc` names the criterion for errors.
pub(crate) fn target_piece(
    rule: &Rule,
    max: Decimal,
    t: &TargetEvaluation,
    loc: &str,
) -> Result<Piece> {
    match t.status {
        Status::NoData => {
            return Ok(Piece::Missing {
                vi: "chưa có số liệu".into(),
                en: "no data".into(),
            })
        }
        Status::NotApplicable => {
            return Ok(Piece::Missing {
                vi: "không áp dụng".into(),
                en: "not applicable".into(),
            })
        }
        _ => {}
    }
    match rule {
        Rule::Proportional { full_at } => {
            let r = need_ratio(t, "proportional", loc)?;
            let raw = proportional(max, *full_at, r, loc)?;
            let mut vi = with_pct_vi("đạt ", r, " kế hoạch");
            let mut en = with_pct_en("", r, " of plan");
            if r > *full_at {
                vi.push_str(" (tính tối đa ");
                push_pct_vi(&mut vi, *full_at);
                vi.push(')');
                en.push_str(" (counted up to ");
                push_pct_en(&mut en, *full_at);
                en.push(')');
            }
            Ok(Piece::Scored { raw, vi, en })
        }
        Rule::AllOrNothing {
            accept_ratio_at_least,
        } => {
            let st_vi = t.status.label_vi();
            let st_en = t.status.label_en();
            if t.status.is_met_or_exceeded() {
                return Ok(Piece::Scored {
                    raw: max,
                    vi: st_vi.to_string(),
                    en: st_en.to_string(),
                });
            }
            match (accept_ratio_at_least, t.ratio) {
                (Some(a), Some(r)) if r >= *a => Ok(Piece::Scored {
                    raw: max,
                    vi: format!(
                        "{st_vi} nhưng đạt {} kế hoạch, từ mức chấp nhận {} (cơ bản đạt)",
                        pct_vi(r),
                        pct_vi(*a)
                    ),
                    en: format!(
                        "{st_en} but {} of plan, at least the accepted {} (basically met)",
                        pct_en(r),
                        pct_en(*a)
                    ),
                }),
                _ => Ok(Piece::Scored {
                    raw: Decimal::ZERO,
                    vi: st_vi.to_string(),
                    en: st_en.to_string(),
                }),
            }
        }
        Rule::Steps { steps, below } => {
            let r = need_ratio(t, "steps", loc)?;
            Ok(match step_reached(steps, r) {
                Some(k) => {
                    let s = &steps[k];
                    let mut vi = with_pct_vi("đạt ", r, " kế hoạch, mức từ ");
                    push_pct_vi(&mut vi, s.at_least);
                    let mut en = with_pct_en("", r, " of plan, step from ");
                    push_pct_en(&mut en, s.at_least);
                    Piece::Scored {
                        raw: s.points,
                        vi,
                        en,
                    }
                }
                None => {
                    let first = steps.first().map(|s| s.at_least).unwrap_or_default();
                    Piece::Scored {
                        raw: *below,
                        vi: format!(
                            "đạt {} kế hoạch, dưới mức thấp nhất {}",
                            pct_vi(r),
                            pct_vi(first)
                        ),
                        en: format!(
                            "{} of plan, below the lowest step {}",
                            pct_en(r),
                            pct_en(first)
                        ),
                    }
                }
            })
        }
        Rule::Linear { on, from, to } => {
            let (x, vi, en) = match on {
                LinearBasis::Ratio => {
                    let r = need_ratio(t, "linear", loc)?;
                    let mut vi = with_pct_vi("đạt ", r, " kế hoạch (0 điểm tại ");
                    push_pct_vi(&mut vi, *from);
                    vi.push_str(", tối đa tại ");
                    push_pct_vi(&mut vi, *to);
                    vi.push(')');
                    let mut en = with_pct_en("", r, " of plan (0 points at ");
                    push_pct_en(&mut en, *from);
                    en.push_str(", full at ");
                    push_pct_en(&mut en, *to);
                    en.push(')');
                    (r, vi, en)
                }
                LinearBasis::Value => {
                    let v = t.achieved.ok_or_else(|| Error::InvalidInput {
                        location: format!("{loc}, target {:?}", t.target),
                        reason: format!("the linear rule on value needs a compared value, which this target ({}) does not have", t.kind),
                    })?;
                    (
                        v,
                        format!(
                            "giá trị {} (0 điểm tại {}, tối đa tại {})",
                            format_vn_rounded(v, 4),
                            format_vn_rounded(*from, 4),
                            format_vn_rounded(*to, 4)
                        ),
                        format!(
                            "value {} (0 points at {}, full at {})",
                            format_en_rounded(v, 4),
                            format_en_rounded(*from, 4),
                            format_en_rounded(*to, 4)
                        ),
                    )
                }
            };
            Ok(Piece::Scored {
                raw: linear(max, *from, *to, x, loc)?,
                vi,
                en,
            })
        }
        Rule::Council {} => Err(Error::InvalidScheme {
            location: loc.to_string(),
            reason: "a council criterion cannot be tied to a target".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn proportional_caps_and_floors() {
        assert_eq!(
            proportional(d("10"), d("100"), d("95.2"), "x").unwrap(),
            d("9.52")
        );
        assert_eq!(
            proportional(d("10"), d("100"), d("130"), "x").unwrap(),
            d("10")
        );
        assert_eq!(
            proportional(d("10"), d("100"), d("-5"), "x").unwrap(),
            d("0")
        );
        assert_eq!(
            proportional(d("10"), d("120"), d("60"), "x").unwrap(),
            d("5")
        );
    }

    #[test]
    fn steps_pick_the_highest_reached() {
        let steps = vec![
            Step {
                at_least: d("80"),
                points: d("5"),
            },
            Step {
                at_least: d("90"),
                points: d("8"),
            },
            Step {
                at_least: d("100"),
                points: d("10"),
            },
        ];
        assert_eq!(step_reached(&steps, d("79.99")), None);
        assert_eq!(step_reached(&steps, d("80")), Some(0));
        assert_eq!(step_reached(&steps, d("99.99")), Some(1));
        assert_eq!(step_reached(&steps, d("250")), Some(2));
    }

    #[test]
    fn linear_both_directions() {
        assert_eq!(
            linear(d("10"), d("80"), d("100"), d("90"), "x").unwrap(),
            d("5")
        );
        assert_eq!(
            linear(d("10"), d("80"), d("100"), d("70"), "x").unwrap(),
            d("0")
        );
        assert_eq!(
            linear(d("10"), d("80"), d("100"), d("101"), "x").unwrap(),
            d("10")
        );
        // lower is better: 0 points at 2 %, full at 1 %
        assert_eq!(
            linear(d("10"), d("2"), d("1"), d("1.25"), "x").unwrap(),
            d("7.5")
        );
        assert_eq!(
            linear(d("10"), d("2"), d("1"), d("3"), "x").unwrap(),
            d("0")
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let big = Decimal::MAX;
        assert_eq!(
            linear(big, d("-1"), big, d("0"), "x").unwrap_err().code(),
            "overflow"
        );
    }
}
