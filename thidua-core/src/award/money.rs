//! Reward money (tiền thưởng): a multiple of the base salary (lương cơ sở) in force on the
//! date of the decision, rounded as the rule set declares (Nghị định 98/2023/NĐ-CP: "làm tròn
//! số lên hàng chục nghìn đồng"). Exact decimals throughout.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn, format_vn_rounded};

use super::rules::{Applicable, BaseSalary, LegalRef, QuotaRounding, SubjectKind};

/// The money of one award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Money {
    /// Multiple of the base salary.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub multiple: Decimal,
    /// The base salary (đồng per month) in force on the date.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub base_salary: Decimal,
    /// multiple × base salary, exact.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub exact: Decimal,
    /// The amount paid, after the declared rounding (đồng).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub amount: Decimal,
    /// The computation: "8 × 2.340.000 = 18.720.000 đồng".
    pub explanation: Explanation,
    /// Source of the multiple.
    pub source: LegalRef,
    /// Source of the base salary.
    pub base_salary_source: LegalRef,
    /// Source of the rounding, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding_source: Option<LegalRef>,
}

fn round_to(x: Decimal, step: Decimal, mode: QuotaRounding) -> Option<Decimal> {
    let q = x.checked_div(step)?;
    let r = match mode {
        QuotaRounding::Up => q.ceil(),
        QuotaRounding::Down => q.floor(),
        QuotaRounding::Nearest => {
            q.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        }
    };
    r.checked_mul(step)
}

/// "đồng" amount in Vietnamese style (2.340.000).
pub(crate) fn dong_vi(d: Decimal) -> String {
    format_vn(d.normalize())
}

/// English style (2,340,000).
pub(crate) fn dong_en(d: Decimal) -> String {
    format_en_rounded(d, 0)
}

/// The money of `title` for a subject kind, or `None` when no rule set in force gives a
/// multiple for it.
pub(crate) fn reward(
    app: &Applicable<'_>,
    base: &BaseSalary,
    title: &str,
    kind: SubjectKind,
) -> Result<Option<Money>> {
    let Some((_, m)) = app.money_for(title, kind) else {
        return Ok(None);
    };
    let exact = m
        .multiple
        .checked_mul(base.amount)
        .ok_or_else(|| Error::overflow(format!("money of {title:?}"), "multiple × base salary"))?;
    let rounding = app.money_rounding();
    let amount = match rounding {
        Some(r) => round_to(exact, r.to, r.mode)
            .ok_or_else(|| Error::overflow(format!("money of {title:?}"), "rounding"))?,
        None => exact,
    };
    let mult_vi = format_vn_rounded(m.multiple, 4);
    let mult_en = format_en_rounded(m.multiple, 4);
    let (rv, re) = match (rounding, amount == exact) {
        (Some(_), true) | (None, _) => (String::new(), String::new()),
        (Some(r), false) => {
            let (mv, me) = match r.mode {
                QuotaRounding::Up => ("làm tròn lên", "rounded up"),
                QuotaRounding::Down => ("làm tròn xuống", "rounded down"),
                QuotaRounding::Nearest => ("làm tròn", "rounded"),
            };
            (
                format!(
                    " → {} đồng ({mv} đến {} đồng)",
                    dong_vi(amount),
                    dong_vi(r.to)
                ),
                format!(
                    " → {} dong ({me} to {} dong)",
                    dong_en(amount),
                    dong_en(r.to)
                ),
            )
        }
    };
    Ok(Some(Money {
        multiple: m.multiple,
        base_salary: base.amount,
        exact,
        amount,
        explanation: Explanation {
            vi: format!(
                "{mult_vi} × {} = {} đồng{rv}",
                dong_vi(base.amount),
                dong_vi(exact)
            ),
            en: format!(
                "{mult_en} × {} = {} dong{re}",
                dong_en(base.amount),
                dong_en(exact)
            ),
        },
        source: m.source.clone(),
        base_salary_source: base.source.clone(),
        rounding_source: rounding.map(|r| r.source.clone()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_to_tens_of_thousands() {
        let step = Decimal::from(10_000);
        let x: Decimal = "702000".parse().unwrap(); // 0,3 × 2.340.000
        assert_eq!(
            round_to(x, step, QuotaRounding::Up).unwrap(),
            Decimal::from(710_000)
        );
        assert_eq!(
            round_to(x, step, QuotaRounding::Down).unwrap(),
            Decimal::from(700_000)
        );
        assert_eq!(
            round_to(Decimal::from(705_000), step, QuotaRounding::Nearest).unwrap(),
            Decimal::from(710_000)
        );
        assert_eq!(
            round_to(Decimal::from(18_720_000), step, QuotaRounding::Up).unwrap(),
            Decimal::from(18_720_000)
        );
    }
}
