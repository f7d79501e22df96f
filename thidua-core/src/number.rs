//! Vietnamese numbers: decimal comma, thousands dot (`"3.500"` = 3500, `"39,6"` = 39.6).
//!
//! | text | value | note |
//! |---|---|---|
//! | `3.500` | 3500 | a dot is **always** a thousands separator and must be followed by exactly three digits |
//! | `39,6` | 39.6 | a comma is the decimal separator |
//! | `1.234.567,89` | 1234567.89 | |
//! | `08` | 8 | leading zeros are common ("08 xã", "05 bậc") and accepted |
//! | `-1,5` / `−1,5` | −1.5 | ASCII hyphen-minus or U+2212 |
//! | `3.5` | error | ambiguous: not a Vietnamese number (use `3,5`) |
//!
//! Formatting is the inverse: [`format_vn`] keeps the decimal's own scale, so
//! `parse_vn(&format_vn(d)) == d` with the same scale; [`format_vn_rounded`] rounds for display
//! (half away from zero, the convention of Vietnamese reports).

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

use crate::error::{Error, Result};

/// Parses a number written the Vietnamese way.
///
/// ```
/// use thidua_core::number::parse_vn;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_vn("3.500").unwrap(), Decimal::from(3500));
/// assert_eq!(parse_vn("39,6").unwrap().to_string(), "39.6");
/// assert_eq!(parse_vn("08").unwrap(), Decimal::from(8));
/// assert!(parse_vn("3.5").is_err());
/// ```
pub fn parse_vn(input: &str) -> Result<Decimal> {
    let err = |reason: &str| Error::InvalidNumber {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let s = input.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = if let Some(rest) = s.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = s.strip_prefix('\u{2212}') {
        (true, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest)
    } else {
        (false, s)
    };
    if body.is_empty() {
        return Err(err("no digits"));
    }
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() {
        return Err(err("no digits before the decimal comma"));
    }
    let mut digits = String::with_capacity(body.len());
    for (i, group) in int_part.split('.').enumerate() {
        if group.is_empty() || !group.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(
                "expected digits, '.' as thousands separator and ',' as decimal separator",
            ));
        }
        if i > 0 && group.len() != 3 {
            return Err(err(
                "a '.' must be followed by exactly three digits (thousands separator); write decimals with ','",
            ));
        }
        if i == 0 && int_part.contains('.') && group.len() > 3 {
            return Err(err("the first thousands group has more than three digits"));
        }
        digits.push_str(group);
    }
    let mut scale = 0u32;
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("expected digits after the decimal comma"));
        }
        scale = u32::try_from(f.len()).map_err(|_| err("too many decimals"))?;
        digits.push_str(f);
    }
    if scale > 28 {
        return Err(err("more than 28 decimal places"));
    }
    let mantissa: i128 = digits
        .trim_start_matches('0')
        .parse::<i128>()
        .or_else(|e| {
            if digits.bytes().all(|b| b == b'0') {
                Ok(0)
            } else {
                Err(e)
            }
        })
        .map_err(|_| err("too many digits for an exact decimal"))?;
    let mut d = Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| err("too many digits for an exact decimal"))?;
    if negative {
        d.set_sign_negative(true);
    }
    Ok(d)
}

/// Formats a decimal the Vietnamese way, keeping its scale (`3500` → `"3.500"`,
/// `39.6` → `"39,6"`, `94.10` → `"94,10"`).
///
/// ```
/// use thidua_core::number::format_vn;
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(format_vn(Decimal::from(3500)), "3.500");
/// assert_eq!(format_vn(Decimal::from_str("1234567.89").unwrap()), "1.234.567,89");
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
/// assert_eq!(format_vn_rounded(Decimal::from_str("105.125").unwrap(), 2), "105,13");
/// assert_eq!(format_vn_rounded(Decimal::from_str("100.00").unwrap(), 2), "100");
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
/// assert_eq!(format_vn_fixed(Decimal::from_str("9.52").unwrap(), 3), "9,520");
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
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_seed_numbers() {
        assert_eq!(parse_vn("3.500").unwrap(), d("3500"));
        assert_eq!(parse_vn("4.600").unwrap(), d("4600"));
        assert_eq!(parse_vn("39,6").unwrap(), d("39.6"));
        assert_eq!(parse_vn("94,15").unwrap(), d("94.15"));
        assert_eq!(parse_vn("08").unwrap(), d("8"));
        assert_eq!(parse_vn("1,5").unwrap(), d("1.5"));
        assert_eq!(parse_vn("−2,5").unwrap(), d("-2.5"));
        assert_eq!(parse_vn(" 481.223 ").unwrap(), d("481223"));
        assert_eq!(parse_vn("0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_vn("000,50").unwrap(), d("0.50"));
    }

    #[test]
    fn refuses_ambiguous_or_broken() {
        for bad in [
            "", "-", "3.5", "3.50", "1234.567", ",5", "5,", "1,2,3", "a", "1..000", "3 500",
            "1.000,",
        ] {
            assert!(parse_vn(bad).is_err(), "{bad:?} should fail");
        }
        let long = "9".repeat(40);
        assert_eq!(parse_vn(&long).unwrap_err().code(), "invalid_number");
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

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = parse_vn(&s);
        }
    }
}
