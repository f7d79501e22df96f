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
//! Formatting (in [`crate::format`], re-exported here) is the inverse: [`format_vn`] keeps the decimal's own scale, so
//! `parse_vn(&format_vn(d)) == d` with the same scale; [`format_vn_rounded`] rounds for display
//! (half away from zero, the convention of Vietnamese reports).

use rust_decimal::prelude::*;

use crate::error::{Error, Result};

/// Parses a number written the Vietnamese way.
///
/// ```
/// use thidua_core::number::parse_vn;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_vn("3.500")?, Decimal::from(3500));
/// assert_eq!(parse_vn("39,6")?.to_string(), "39.6");
/// assert_eq!(parse_vn("08")?, Decimal::from(8));
/// assert!(parse_vn("3.5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_vn(input: &str) -> Result<Decimal> {
    let err = |reason: &str| Error::invalid_number(input, reason);
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

pub use crate::format::number::{
    format_en_fixed, format_en_rounded, format_vn, format_vn_fixed, format_vn_rounded, push_en,
    push_en_fixed, push_en_rounded, push_vn, push_vn_fixed, push_vn_rounded,
};
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

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = parse_vn(&s);
        }
    }
}
