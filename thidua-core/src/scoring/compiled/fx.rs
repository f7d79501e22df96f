//! Fixed-point helpers of the compiled scoring path: powers of ten, exact rescaling, and
//! division rounded by a scheme's [`RoundingMode`] — integer arithmetic only.

use rust_decimal::Decimal;

use crate::scoring::RoundingMode;

const fn pows() -> [i128; 39] {
    let mut a = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        a[i] = a[i - 1] * 10;
        i += 1;
    }
    a
}

/// 10⁰ … 10³⁸.
const P10: [i128; 39] = pows();

/// Below this magnitude a mantissa fits `rust_decimal`'s 96 bits (≈ 7.9 × 10²⁸), so that the
/// `Decimal` arithmetic of the row-wise path on the same numbers is exact.
pub(super) const EXACT: i128 = 10i128.pow(28);

/// 10^k, when it fits.
#[inline]
pub(super) fn p10(k: u32) -> Option<i128> {
    P10.get(k as usize).copied()
}

/// A mantissa at scale `from` rewritten at scale `to` (≥ `from`), when it fits.
#[inline]
pub(super) fn at_scale(m: i128, from: u32, to: u32) -> Option<i128> {
    if to < from {
        return None;
    }
    m.checked_mul(p10(to - from)?)
}

/// `d` as a mantissa at scale `s`, exactly (`None` when `d` has more significant decimals than
/// `s`, or the mantissa does not fit).
pub(super) fn dec_at(d: Decimal, s: u32) -> Option<i128> {
    let d = if d.scale() > s { d.normalize() } else { d };
    at_scale(d.mantissa(), d.scale(), s)
}

/// The number of decimal digits of `|x|` (1 for 0).
pub(super) fn digits(x: i128) -> u32 {
    let x = x.unsigned_abs();
    let mut d = 1;
    while d < 39 && x >= P10[d as usize] as u128 {
        d += 1;
    }
    d
}

/// `a × b`, when it fits: one 64 × 64 → 128-bit product when both fit `i64` (it cannot
/// overflow then), else the checked 128-bit product.
#[inline(always)]
pub(super) fn mul(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => Some(i128::from(x) * i128::from(y)),
        _ => a.checked_mul(b),
    }
}

/// `n ÷ d` (`d` > 0) rounded to an integer by `mode`, as `Rounding::apply` rounds (the
/// `i64` case inlined, the wide one out of line).
#[inline(always)]
pub(super) fn round_div(n: i128, d: i128, mode: RoundingMode) -> i128 {
    if let (Ok(n), Ok(d)) = (i64::try_from(n), i64::try_from(d)) {
        return i128::from(round_div64(n, d, mode));
    }
    round_div128(n, d, mode)
}

#[inline(never)]
fn round_div128(n: i128, d: i128, mode: RoundingMode) -> i128 {
    let (q, r) = (n / d, n % d);
    if r == 0 {
        return q;
    }
    let away = q + n.signum();
    let (r, rest) = (r.unsigned_abs(), (d - r.abs()).unsigned_abs());
    if rounds_away(mode, r.cmp(&rest), q % 2 == 0) {
        away
    } else {
        q
    }
}

#[inline(always)]
fn round_div64(n: i64, d: i64, mode: RoundingMode) -> i64 {
    let (q, r) = (n / d, n % d);
    if r == 0 {
        return q;
    }
    let away = q + n.signum();
    let (r, rest) = (r.unsigned_abs(), (d - r.abs()).unsigned_abs());
    if rounds_away(mode, r.cmp(&rest), q % 2 == 0) {
        away
    } else {
        q
    }
}

/// Whether a quotient with a remainder goes away from zero under `mode`: `half` compares the
/// remainder with what is left to the next multiple, `even` says the truncated quotient is even.
#[inline]
fn rounds_away(mode: RoundingMode, half: std::cmp::Ordering, even: bool) -> bool {
    match mode {
        RoundingMode::Down => false,
        RoundingMode::Up => true,
        RoundingMode::HalfAwayFromZero => half != std::cmp::Ordering::Less,
        RoundingMode::HalfEven => match half {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => !even,
        },
    }
}

/// The greatest common divisor of `|a|` and `|b|`.
pub(super) fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(i128::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Rounding;
    use proptest::prelude::*;

    proptest! {
        /// `round_div` is `Rounding::apply` of the exact quotient, in every mode.
        #[test]
        fn round_div_is_rounding_apply(n in -10_000_000i64..10_000_000, d in 1i64..5_000, k in 0u32..4, wide in any::<bool>()) {
            for mode in [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven, RoundingMode::Down, RoundingMode::Up] {
                // n / (d·10^k) rounded to 0 digits, against the exact decimal n / 10^k ÷ d
                // only where that quotient is an exact decimal (d a power of 2 and 5 times 1).
                let dd = i128::from(d) * p10(k).unwrap();
                let scale = if wide { i128::from(i64::MAX) * 4 } else { 1 };
                let got = round_div(i128::from(n) * scale, dd * scale, mode);
                let exact = Decimal::from_i128_with_scale(i128::from(n), k) / Decimal::from(d);
                if exact * Decimal::from(d) == Decimal::from_i128_with_scale(i128::from(n), k) {
                    let want = Rounding { digits: 0, mode }.apply(exact);
                    prop_assert_eq!(Decimal::from_i128_with_scale(got, 0), want, "{} / {} {:?}", n, dd, mode);
                }
            }
        }
    }

    #[test]
    fn digits_and_scales() {
        assert_eq!(
            (digits(0), digits(9), digits(10), digits(-12345)),
            (1, 1, 2, 5)
        );
        assert_eq!(dec_at(Decimal::new(600, 1), 0), Some(60));
        assert_eq!(dec_at(Decimal::new(605, 1), 0), None);
        assert_eq!(at_scale(7, 2, 1), None);
        assert_eq!(gcd(12, -18), 6);
        let big = i128::from(i64::MAX) * 4;
        assert_eq!(mul(-3, 7), Some(-21));
        assert_eq!(
            mul(i128::from(i64::MIN), i128::from(i64::MIN)),
            Some(1 << 126)
        );
        assert_eq!(mul(big, 1 << 60), Some(big << 60));
        assert_eq!(mul(big, big << 60), None);
    }
}
