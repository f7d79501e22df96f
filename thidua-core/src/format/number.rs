//! Numbers as text: the Vietnamese way (decimal comma, thousands dot: `3.500`, `39,6`) and the
//! English way (`3,500`, `39.6`), keeping the decimal's scale, rounded for display, or fixed to
//! a number of decimals. Every number shown in an explanation, a scorecard or a report is
//! written by one of these functions. (Reading numbers is [`crate::number::parse_vn`].)

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

/// The most decimals a number is rounded or fixed to for display (the scale of a decimal).
pub const MAX_DIGITS: u32 = 28;

/// Checks a number of decimals asked for by a caller (`format_vn_rounded(x, digits)` in a
/// binding): 0 to [`MAX_DIGITS`], else an [`Error::InvalidInput`](crate::Error::InvalidInput)
/// at `digits` — never clamped.
///
/// ```
/// use thidua_core::format::number::check_digits;
/// assert_eq!(check_digits(2)?, 2);
/// assert_eq!(check_digits(29).unwrap_err().code(), "invalid_input");
/// assert!(check_digits(-1).is_err());
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn check_digits(digits: i64) -> crate::Result<u32> {
    match u32::try_from(digits) {
        Ok(d) if d <= MAX_DIGITS => Ok(d),
        _ => Err(crate::Error::invalid_input(
            crate::Location::new().field("digits"),
            format!("at most {MAX_DIGITS} decimals, found {digits}"),
        )),
    }
}

/// Formats a decimal the Vietnamese way, keeping its scale (`3500` → `"3.500"`,
/// `39.6` → `"39,6"`, `94.10` → `"94,10"`).
///
/// ```
/// use thidua_core::number::format_vn;
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(format_vn(Decimal::from(3500)), "3.500");
/// assert_eq!(format_vn(Decimal::from_str("1234567.89")?), "1.234.567,89");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn format_vn(d: Decimal) -> String {
    let mut out = String::new();
    push_vn(&mut out, d);
    out
}

/// Writes a decimal with its own scale: `thousands` between groups of three integer digits,
/// `point` before the decimals, `-` for a negative non-zero value. Digits come straight from
/// the mantissa (no intermediate string).
fn push_sep(out: &mut String, d: Decimal, thousands: u8, point: u8) {
    // Reversed digits of |mantissa| (at most 29), padded with zeros so that at least one
    // integer digit precedes the `scale` decimals (at most 28).
    let mut digits = [b'0'; 32];
    let mut n = 0usize;
    let mut v = d.mantissa().unsigned_abs();
    while v > u128::from(u64::MAX) && n < digits.len() {
        digits[n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
    }
    let mut w = v as u64;
    while w > 0 && n < digits.len() {
        digits[n] = b'0' + (w % 10) as u8;
        w /= 10;
        n += 1;
    }
    let scale = (d.scale() as usize).min(digits.len() - 1);
    n = n.max(scale + 1);
    let int_len = n - scale;
    let mut buf = [0u8; 64];
    let mut k = 0usize;
    if d.is_sign_negative() && !d.is_zero() {
        buf[k] = b'-';
        k += 1;
    }
    for i in 0..int_len {
        if i > 0 && (int_len - i) % 3 == 0 {
            buf[k] = thousands;
            k += 1;
        }
        buf[k] = digits[n - 1 - i];
        k += 1;
    }
    if scale > 0 {
        buf[k] = point;
        k += 1;
        for i in (0..scale).rev() {
            buf[k] = digits[i];
            k += 1;
        }
    }
    // Only ASCII bytes were written.
    if let Ok(s) = std::str::from_utf8(&buf[..k]) {
        out.push_str(s);
    }
}

/// Appends [`format_vn`] of `d` to `out`.
pub fn push_vn(out: &mut String, d: Decimal) {
    push_sep(out, d, b'.', b',');
}

/// Appends the English counterpart of [`format_vn`] (`1,234.5`) to `out`.
pub fn push_en(out: &mut String, d: Decimal) {
    push_sep(out, d, b',', b'.');
}

fn rounded(d: Decimal, digits: u32) -> Decimal {
    d.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn fixed(d: Decimal, digits: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(digits);
    r
}

/// Appends [`format_vn_rounded`] of `d` to `out`.
pub fn push_vn_rounded(out: &mut String, d: Decimal, digits: u32) {
    push_vn(out, rounded(d, digits));
}

/// Appends [`format_en_rounded`] of `d` to `out`.
pub fn push_en_rounded(out: &mut String, d: Decimal, digits: u32) {
    push_en(out, rounded(d, digits));
}

/// Appends [`format_vn_fixed`] of `d` to `out`.
pub fn push_vn_fixed(out: &mut String, d: Decimal, digits: u32) {
    push_vn(out, fixed(d, digits));
}

/// Appends [`format_en_fixed`] of `d` to `out`.
pub fn push_en_fixed(out: &mut String, d: Decimal, digits: u32) {
    push_en(out, fixed(d, digits));
}

/// Rounds to `digits` decimal places (half away from zero), drops trailing zeros, and formats
/// the Vietnamese way. Used for every number shown in explanations and scorecards.
///
/// ```
/// use thidua_core::number::format_vn_rounded;
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(format_vn_rounded(Decimal::from_str("105.125")?, 2), "105,13");
/// assert_eq!(format_vn_rounded(Decimal::from_str("100.00")?, 2), "100");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn format_vn_rounded(d: Decimal, digits: u32) -> String {
    format_vn(rounded(d, digits))
}

/// Rounds to exactly `digits` decimal places (half away from zero), keeping trailing zeros
/// (`9.52` with 3 digits → `"9,520"`), the way published scores are printed.
///
/// ```
/// use thidua_core::number::format_vn_fixed;
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(format_vn_fixed(Decimal::from_str("9.52")?, 3), "9,520");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn format_vn_fixed(d: Decimal, digits: u32) -> String {
    format_vn(fixed(d, digits))
}

/// Formats with a dot decimal separator for English text, rounded like
/// [`format_vn_rounded`] (`105.13`, `3,500`).
///
/// ```
/// use thidua_core::number::format_en_rounded;
/// use rust_decimal::Decimal;
/// assert_eq!(format_en_rounded(Decimal::from(3500), 2), "3,500");
/// ```
pub fn format_en_rounded(d: Decimal, digits: u32) -> String {
    let mut out = String::new();
    push_en_rounded(&mut out, d, digits);
    out
}

/// English counterpart of [`format_vn_fixed`]: exactly `digits` decimals, dot decimal
/// separator, comma thousands separator (`9.52` with 3 digits → `"9.520"`).
///
/// ```
/// use thidua_core::number::format_en_fixed;
/// use rust_decimal::Decimal;
/// assert_eq!(format_en_fixed(Decimal::new(9552, 1), 3), "955.200");
/// ```
pub fn format_en_fixed(d: Decimal, digits: u32) -> String {
    let mut out = String::new();
    push_en_fixed(&mut out, d, digits);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::parse_vn;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(format_vn(d("3500")), "3.500");
        assert_eq!(format_vn(d("39.6")), "39,6");
        assert_eq!(format_vn(d("-1234.5")), "-1.234,5");
        assert_eq!(format_vn(d("100")), "100");
        assert_eq!(format_vn(d("1000000")), "1.000.000");
        assert_eq!(format_vn_rounded(d("125.5"), 0), "126");
        assert_eq!(format_vn_rounded(d("-0.005"), 2), "-0,01");
        assert_eq!(format_vn_fixed(d("9.5"), 3), "9,500");
        assert_eq!(format_en_rounded(d("1234.567"), 2), "1,234.57");
    }

    /// The previous implementation (via `Display`), kept as the reference for the fast one.
    fn reference_vn(d: Decimal) -> String {
        let s = d.abs().to_string();
        let (int_part, frac_part) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s.as_str(), None),
        };
        let mut out = String::new();
        if d.is_sign_negative() && !d.is_zero() {
            out.push('-');
        }
        let len = int_part.len();
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (len - i) % 3 == 0 {
                out.push('.');
            }
            out.push(ch);
        }
        if let Some(f) = frac_part {
            out.push(',');
            out.push_str(f);
        }
        out
    }

    fn reference_en(d: Decimal) -> String {
        reference_vn(d)
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                other => other,
            })
            .collect()
    }

    #[test]
    fn fast_formatting_matches_reference_at_the_edges() {
        let mut cases = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(-0, 5),
            Decimal::new(5, 28),
            Decimal::new(-5, 28),
            Decimal::new(1, 0),
            Decimal::new(999, 0),
            Decimal::new(1000, 0),
            Decimal::new(123456, 3),
        ];
        let mut neg_zero = Decimal::new(0, 3);
        neg_zero.set_sign_negative(true);
        cases.push(neg_zero);
        for v in cases {
            assert_eq!(format_vn(v), reference_vn(v), "{v:?}");
            let mut en = String::new();
            push_en(&mut en, v);
            assert_eq!(en, reference_en(v), "{v:?}");
            for digits in [0, 2, 3, 10, 28] {
                assert_eq!(
                    format_vn_fixed(v, digits),
                    reference_vn({
                        let mut r = v
                            .round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
                        r.rescale(digits);
                        r
                    })
                );
            }
        }
    }

    proptest! {
        #[test]
        fn fast_formatting_matches_reference(lo in any::<u64>(), hi in any::<u32>(), neg in any::<bool>(), scale in 0u32..=28, digits in 0u32..=28) {
            let v = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, neg, scale);
            prop_assert_eq!(format_vn(v), reference_vn(v));
            let mut en = String::new();
            push_en(&mut en, v);
            prop_assert_eq!(en, reference_en(v));
            let r = v.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(format_vn_rounded(v, digits), reference_vn(r.normalize()));
            prop_assert_eq!(format_en_rounded(v, digits), reference_en(r.normalize()));
            let mut f = r;
            f.rescale(digits);
            prop_assert_eq!(format_vn_fixed(v, digits), reference_vn(f));
            prop_assert_eq!(format_en_fixed(v, digits), reference_en(f));
        }

        #[test]
        fn format_then_parse_is_identity(m in any::<i64>(), scale in 0u32..12) {
            let v = Decimal::new(m, scale);
            let back = parse_vn(&format_vn(v)).unwrap();
            prop_assert_eq!(back, v);
            prop_assert_eq!(back.scale(), v.scale());
        }

    }
}
