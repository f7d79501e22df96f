//! The rules that turn one target's evaluation into points, with their explanations.
//!
//! Every function here returns **unrounded** points within `0..=max`; rounding happens once
//! per criterion in the scorecard (see `docs/scoring.md`, "Rounding").

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::evaluate::{Status, TargetEvaluation};
use crate::number::{push_en_rounded, push_vn_rounded};

use super::scheme::{LinearBasis, Rule, Step};

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
        location: format!("{loc}, target {:?}", t.target).into(),
        reason: format!(
            "the {rule} rule needs % of plan, which is undefined for this target ({}, status {}); use all_or_nothing, or linear on value",
            t.kind,
            t.status.label_en()
        ),
    })
}

/// Applies `rule` to one target's evaluation, appending the "why" before the arrow to `vi`
/// and `en` ("đạt 95,2 % kế hoạch"). Returns the unrounded points, or `None` when the target
/// has no result (no data or not applicable: the missing-result policy decides). `loc` names
/// the criterion for errors; on an error the text appended so far is meaningless.
pub(crate) fn target_piece(
    rule: &Rule,
    max: Decimal,
    t: &TargetEvaluation,
    loc: &str,
    vi: &mut String,
    en: &mut String,
) -> Result<Option<Decimal>> {
    match t.status {
        Status::NoData => {
            vi.push_str("chưa có số liệu");
            en.push_str("no data");
            return Ok(None);
        }
        Status::NotApplicable => {
            vi.push_str("không áp dụng");
            en.push_str("not applicable");
            return Ok(None);
        }
        _ => {}
    }
    match rule {
        Rule::Proportional { full_at } => {
            proportional_piece(*full_at, max, t, loc, vi, en).map(Some)
        }
        Rule::AllOrNothing {
            accept_ratio_at_least,
        } => Ok(Some(all_or_nothing_piece(
            *accept_ratio_at_least,
            max,
            t,
            vi,
            en,
        ))),
        Rule::Steps { steps, below } => steps_piece(steps, *below, t, loc, vi, en).map(Some),
        Rule::Linear { on, from, to } => {
            let x = linear_input(*on, (*from, *to), t, loc, vi, en)?;
            Ok(Some(linear(max, *from, *to, x, loc)?))
        }
        Rule::Council {} => Err(Error::InvalidScheme {
            location: loc.into(),
            reason: "a council criterion cannot be tied to a target".into(),
        }),
    }
}

/// The proportional rule: max × % of plan ÷ `full_at`, with "đạt r% kế hoạch" and the cap
/// when the ratio is above `full_at`.
fn proportional_piece(
    full_at: Decimal,
    max: Decimal,
    t: &TargetEvaluation,
    loc: &str,
    vi: &mut String,
    en: &mut String,
) -> Result<Decimal> {
    let r = need_ratio(t, "proportional", loc)?;
    let raw = proportional(max, full_at, r, loc)?;
    vi.push_str("đạt ");
    push_pct_vi(vi, r);
    vi.push_str(" kế hoạch");
    push_pct_en(en, r);
    en.push_str(" of plan");
    if r > full_at {
        vi.push_str(" (tính tối đa ");
        push_pct_vi(vi, full_at);
        vi.push(')');
        en.push_str(" (counted up to ");
        push_pct_en(en, full_at);
        en.push(')');
    }
    Ok(raw)
}

/// The all-or-nothing rule: max when met or exceeded, or when the % of plan reaches the
/// accepted ratio ("cơ bản đạt"); else 0.
fn all_or_nothing_piece(
    accept_ratio_at_least: Option<Decimal>,
    max: Decimal,
    t: &TargetEvaluation,
    vi: &mut String,
    en: &mut String,
) -> Decimal {
    vi.push_str(t.status.label_vi());
    en.push_str(t.status.label_en());
    if t.status.is_met_or_exceeded() {
        return max;
    }
    match (accept_ratio_at_least, t.ratio) {
        (Some(a), Some(r)) if r >= a => {
            vi.push_str(" nhưng đạt ");
            push_pct_vi(vi, r);
            vi.push_str(" kế hoạch, từ mức chấp nhận ");
            push_pct_vi(vi, a);
            vi.push_str(" (cơ bản đạt)");
            en.push_str(" but ");
            push_pct_en(en, r);
            en.push_str(" of plan, at least the accepted ");
            push_pct_en(en, a);
            en.push_str(" (basically met)");
            max
        }
        _ => Decimal::ZERO,
    }
}

/// The steps rule: the points of the highest step the % of plan reaches, else `below`.
fn steps_piece(
    steps: &[Step],
    below: Decimal,
    t: &TargetEvaluation,
    loc: &str,
    vi: &mut String,
    en: &mut String,
) -> Result<Decimal> {
    let r = need_ratio(t, "steps", loc)?;
    vi.push_str("đạt ");
    push_pct_vi(vi, r);
    push_pct_en(en, r);
    Ok(match step_reached(steps, r) {
        Some(k) => {
            let s = &steps[k];
            vi.push_str(" kế hoạch, mức từ ");
            push_pct_vi(vi, s.at_least);
            en.push_str(" of plan, step from ");
            push_pct_en(en, s.at_least);
            s.points
        }
        None => {
            let first = steps.first().map(|s| s.at_least).unwrap_or_default();
            vi.push_str(" kế hoạch, dưới mức thấp nhất ");
            push_pct_vi(vi, first);
            en.push_str(" of plan, below the lowest step ");
            push_pct_en(en, first);
            below
        }
    })
}

/// What the linear rule is applied to (the % of plan, or the compared value), with its
/// text and the rule's span ("0 điểm tại from, tối đa tại to").
fn linear_input(
    on: LinearBasis,
    (from, to): (Decimal, Decimal),
    t: &TargetEvaluation,
    loc: &str,
    vi: &mut String,
    en: &mut String,
) -> Result<Decimal> {
    Ok(match on {
        LinearBasis::Ratio => {
            let r = need_ratio(t, "linear", loc)?;
            vi.push_str("đạt ");
            push_pct_vi(vi, r);
            vi.push_str(" kế hoạch (0 điểm tại ");
            push_pct_vi(vi, from);
            vi.push_str(", tối đa tại ");
            push_pct_vi(vi, to);
            vi.push(')');
            push_pct_en(en, r);
            en.push_str(" of plan (0 points at ");
            push_pct_en(en, from);
            en.push_str(", full at ");
            push_pct_en(en, to);
            en.push(')');
            r
        }
        LinearBasis::Value => {
            let v = t.achieved.ok_or_else(|| Error::InvalidInput {
                location: format!("{loc}, target {:?}", t.target).into(),
                reason: format!("the linear rule on value needs a compared value, which this target ({}) does not have", t.kind),
            })?;
            vi.push_str("giá trị ");
            push_vn_rounded(vi, v, 4);
            vi.push_str(" (0 điểm tại ");
            push_vn_rounded(vi, from, 4);
            vi.push_str(", tối đa tại ");
            push_vn_rounded(vi, to, 4);
            vi.push(')');
            en.push_str("value ");
            push_en_rounded(en, v, 4);
            en.push_str(" (0 points at ");
            push_en_rounded(en, from, 4);
            en.push_str(", full at ");
            push_en_rounded(en, to, 4);
            en.push(')');
            v
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `target_piece` of `rule` (JSON) on a qualitative target with `status`: the text and
    /// points, or the error's code and message.
    fn piece(rule: serde_json::Value, status: Status) -> String {
        let rule: Rule = serde_json::from_value(rule).unwrap();
        let spec = crate::model::TargetSpec::Qualitative {};
        let mut t = TargetEvaluation::new("5", 1, "t", &spec);
        t.status = status;
        let (mut vi, mut en) = (String::new(), String::new());
        match target_piece(&rule, d("10"), &t, "criterion \"A1\"", &mut vi, &mut en) {
            Ok(p) => format!("{p:?} | {vi} | {en}"),
            Err(e) => format!("{} | {e}", e.code()),
        }
    }

    /// Pins the errors of a rule that cannot apply to a target (no % of plan, no compared
    /// value, a council rule) and the texts of missing pieces, word for word.
    #[test]
    fn target_piece_errors_and_missing_texts_are_pinned() {
        use serde_json::json;
        let got = [
            piece(
                json!({"kind": "proportional", "full_at": "100"}),
                Status::Met,
            ),
            piece(
                json!({"kind": "steps", "steps": [{"at_least": "90", "points": "5"}]}),
                Status::Met,
            ),
            piece(
                json!({"kind": "linear", "on": "ratio", "from": "80", "to": "100"}),
                Status::Met,
            ),
            piece(
                json!({"kind": "linear", "on": "value", "from": "1", "to": "5"}),
                Status::Met,
            ),
            piece(json!({"kind": "council"}), Status::Met),
            piece(json!({"kind": "all_or_nothing"}), Status::Met),
            piece(json!({"kind": "all_or_nothing"}), Status::NotMet),
            piece(
                json!({"kind": "proportional", "full_at": "100"}),
                Status::NoData,
            ),
            piece(json!({"kind": "council"}), Status::NotApplicable),
        ];
        let want = [
            "invalid_input | invalid input at criterion \"A1\", target \"5\": the proportional rule needs % of plan, which is undefined for this target (qualitative, status met); use all_or_nothing, or linear on value",
            "invalid_input | invalid input at criterion \"A1\", target \"5\": the steps rule needs % of plan, which is undefined for this target (qualitative, status met); use all_or_nothing, or linear on value",
            "invalid_input | invalid input at criterion \"A1\", target \"5\": the linear rule needs % of plan, which is undefined for this target (qualitative, status met); use all_or_nothing, or linear on value",
            "invalid_input | invalid input at criterion \"A1\", target \"5\": the linear rule on value needs a compared value, which this target (qualitative) does not have",
            "invalid_scheme | invalid scoring scheme at criterion \"A1\": a council criterion cannot be tied to a target",
            "Some(10) | đạt | met",
            "Some(0) | không đạt | not met",
            "None | chưa có số liệu | no data",
            "None | không áp dụng | not applicable",
        ];
        assert_eq!(got, want);
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
