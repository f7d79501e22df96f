//! Exact decimals from input: the one rule every path uses (JSON strings and numbers, Python
//! `str`/`int`/`float`/`Decimal`, pandas columns, JavaScript strings and numbers).
//!
//! | input | value | rule |
//! |---|---|---|
//! | `"12.5"`, `"+3"`, `"-0.25"` | 12.5, 3, −0.25 | sign, digits, `.` and decimals; the scale is kept (`"52.50"` stays `52.50`) |
//! | `" 12 "` | 12 | surrounding white space is ignored |
//! | `"1e5"`, `"2.5E-3"` | 100000, 0.0025 | an exponent is applied exactly |
//! | `"-0"` | 0 | a negative zero is zero |
//! | `"0.1234567890123456789012345678"` | itself | 28 decimals fit |
//! | `"9.9999999999999999999999999999"` | error | 29 significant digits do not fit: never rounded to 10 |
//! | `"1e-29"` | error | below the smallest step (10⁻²⁸): never 0 |
//! | `"1e29"` | error | beyond ±79 228 162 514 264 337 593 543 950 335 |
//! | `"12,5"` | error | a comma is ambiguous here (Vietnamese decimal comma or English thousands): write `12.5`, or read Vietnamese text with [`crate::number::parse_vn`] |
//! | `"NaN"`, `"Infinity"`, `""` | error | not a number |
//!
//! A value is **exact or refused** ([`Error::InvalidNumber`]): a decimal holds up to 28
//! significant digits always (29 below 7.9 × 10²⁸), with at most 28 decimals; trailing zeros
//! beyond that are dropped (the value is unchanged), any other digit is an error — never a
//! silent rounding.
//!
//! A binary float (a JSON number with a fraction, a Python `float`, a JavaScript `number`) is
//! read by [`from_f64`]: its shortest round-trip decimal form (what `repr()` in Python and
//! `String(x)` in JavaScript print: `0.1` is 0.1, not 0.1000000000000000055…), then the rule
//! above; NaN and ±∞ are refused. Integers are exact at any size ([`from_i128`]; JSON
//! integers beyond 64 bits are refused by [`crate::json::check`], which sees their digits).
//!
//! Every `Decimal` field of the library's serde types is read by [`deserialize`] (or
//! [`deserialize_option`]), so a value given in JSON, as a Python dict or as a JavaScript
//! object meets exactly these rules.
//!
//! ```
//! use thidua_core::decimal;
//! assert_eq!(decimal::parse("52.50")?.to_string(), "52.50");
//! assert_eq!(decimal::parse("1e5")?.to_string(), "100000");
//! assert!(decimal::parse("9.9999999999999999999999999999").is_err());
//! assert_eq!(decimal::from_f64(0.1)?.to_string(), "0.1");
//! assert!(decimal::from_f64(f64::NAN).is_err());
//! # Ok::<(), thidua_core::Error>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};

use crate::error::{Error, Result};

/// The most significant digits a decimal always holds exactly.
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// The most decimals (digits after the point) a decimal holds.
pub const MAX_SCALE: u32 = 28;

/// The most digits an exponent may have (`1e999999` is refused before any work).
const MAX_EXPONENT_DIGITS: usize = 6;

/// Reads a plain decimal exactly (see the [module](self) for the rule).
pub fn parse(text: &str) -> Result<Decimal> {
    let err = |reason: &str| Error::invalid_number(text, reason);
    let s = text.trim();
    if s.is_empty() {
        return Err(err("no digits"));
    }
    let (negative, body) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(k) => (&body[..k], Some(&body[k + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !digits_ok(int_part)
        || !digits_ok(frac_part)
    {
        let lower = s.to_ascii_lowercase();
        if lower.contains("nan") || lower.contains("inf") {
            return Err(err("not a number (NaN and infinities have no exact value)"));
        }
        if s.contains(',') {
            return Err(err(
                "a comma is ambiguous in a plain decimal (decimal comma or thousands separator): write 12.5, or read Vietnamese text (\"12,5\", \"3.500\") as a Vietnamese number",
            ));
        }
        return Err(err(
            "expected a decimal such as \"12.5\", \"-3\" or \"1e5\" (digits, an optional '.' and decimals, an optional exponent)",
        ));
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits_ok(digits) {
                return Err(err("expected digits after the exponent 'e'"));
            }
            if digits.len() > MAX_EXPONENT_DIGITS {
                return Err(err("the exponent is out of range"));
            }
            e.parse().map_err(|_| err("the exponent is out of range"))?
        }
    };
    // The digits without leading zeros, and the scale they are read with.
    let all = int_part.bytes().chain(frac_part.bytes());
    let mut digits: Vec<u8> = all.skip_while(|&b| b == b'0').collect();
    let mut scale = frac_part.len() as i64 - exp;
    if digits.is_empty() {
        return Ok(Decimal::new(0, scale.clamp(0, i64::from(MAX_SCALE)) as u32));
    }
    // Trailing zeros the decimal cannot hold are dropped: the value is unchanged.
    while digits.last() == Some(&b'0')
        && (scale > i64::from(MAX_SCALE) || digits.len() > MAX_SIGNIFICANT_DIGITS + 1)
    {
        digits.pop();
        scale -= 1;
    }
    if scale > i64::from(MAX_SCALE) {
        // Digits at 10⁻²⁸ or above: too many digits for one decimal; none: too small.
        if digits.len() as i64 > scale - i64::from(MAX_SCALE) {
            return Err(err(
                "more than 28 significant digits: a decimal cannot hold it exactly (it is never rounded)",
            ));
        }
        return Err(err(
            "too small to hold exactly: a decimal has at most 28 decimals (10⁻²⁸)",
        ));
    }
    if scale < 0 {
        if digits.len() as i64 - scale > (MAX_SIGNIFICANT_DIGITS + 1) as i64 {
            return Err(err("too large: beyond ±7.9 × 10²⁸"));
        }
        digits.extend(std::iter::repeat_n(b'0', (-scale) as usize));
        scale = 0;
    }
    if digits.len() > MAX_SIGNIFICANT_DIGITS + 1 {
        return Err(err(
            "more than 28 significant digits: a decimal cannot hold it exactly (it is never rounded)",
        ));
    }
    let mut m: i128 = 0;
    for d in &digits {
        m = m * 10 + i128::from(d - b'0');
    }
    let mut v = Decimal::try_from_i128_with_scale(m, scale as u32).map_err(|_| {
        if scale == 0 {
            err("too large: beyond ±7.9 × 10²⁸")
        } else {
            err("more than 28 significant digits: a decimal cannot hold it exactly (it is never rounded)")
        }
    })?;
    v.set_sign_negative(negative);
    Ok(v)
}

/// Reads a binary float exactly as its shortest round-trip decimal form (`0.1` → 0.1,
/// `1e20` → 100000000000000000000); NaN and ±∞ are refused.
///
/// ```
/// use thidua_core::decimal::from_f64;
/// assert_eq!(from_f64(10.12)?.to_string(), "10.12");
/// assert_eq!(from_f64(-0.0)?.to_string(), "0");
/// assert_eq!(from_f64(0.1 + 0.2)?.to_string(), "0.30000000000000004");
/// assert!(from_f64(f64::INFINITY).is_err());
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn from_f64(v: f64) -> Result<Decimal> {
    if v.is_nan() {
        return Err(Error::invalid_number(
            "NaN",
            "not a number (NaN has no exact value)",
        ));
    }
    if v.is_infinite() {
        return Err(Error::invalid_number(
            if v > 0.0 { "inf" } else { "-inf" },
            "an infinity has no exact value",
        ));
    }
    if let Some(d) = shortest_small(v) {
        return Ok(d);
    }
    // `{:e}` is the shortest representation that reads back as `v`.
    parse(&format!("{v:e}"))
}

/// The shortest round-trip decimal of a finite `v` with `|v| < 2^53` and at most 15
/// decimals, without formatting (the columnar paths read millions of floats): the fewest
/// decimals `s` at which the integer `m` nearest to `v × 10^s` reads back as `v`
/// (`m ÷ 10^s` is one correctly rounded division) while `m ± 1` do not — then `m × 10^-s` is
/// the one shortest representation, what `{:e}` writes. `None`: not decided here.
#[inline]
fn shortest_small(v: f64) -> Option<Decimal> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if v == 0.0 {
        return Some(Decimal::ZERO);
    }
    if v.abs() >= LIMIT {
        return None;
    }
    for (s, &p) in POW10.iter().enumerate() {
        let x = v * p;
        if x.abs() >= LIMIT {
            return None;
        }
        let m = x.round();
        if m / p == v {
            if (m - 1.0) / p != v && (m + 1.0) / p != v {
                return Some(Decimal::new(m as i64, s as u32));
            }
            return None;
        }
    }
    None
}

/// Reads an integer exactly (refused beyond ±7.9 × 10²⁸).
///
/// ```
/// assert_eq!(thidua_core::decimal::from_i128(158892879641967529999)?.to_string(), "158892879641967529999");
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn from_i128(v: i128) -> Result<Decimal> {
    Decimal::try_from_i128_with_scale(v, 0)
        .map_err(|_| Error::invalid_number(&v.to_string(), "too large: beyond ±7.9 × 10²⁸"))
}

use crate::json::refuse;

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal as a string (\"12.5\") or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Decimal, E> {
        parse(v).map_err(refuse)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> std::result::Result<Decimal, E> {
        from_i128(v).map_err(refuse)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> std::result::Result<Decimal, E> {
        i128::try_from(v)
            .map_err(|_| Error::invalid_number(&v.to_string(), "too large: beyond ±7.9 × 10²⁸"))
            .and_then(from_i128)
            .map_err(refuse)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Decimal, E> {
        from_f64(v).map_err(refuse)
    }
}

/// Deserializes a `Decimal` by the rule of this module (for `#[serde(deserialize_with)]`).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// Deserializes an `Option<Decimal>` (`null` is `None`) by the rule of this module.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Decimal>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal as a string (\"12.5\"), a number or null")
        }
        fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            deserialize(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

/// Deserializes a `Vec<Decimal>` by the rule of this module.
pub fn deserialize_vec<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Decimal>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Exact(#[serde(deserialize_with = "deserialize")] Decimal);
    let v: Vec<Exact> = serde::Deserialize::deserialize(d)?;
    Ok(v.into_iter().map(|x| x.0).collect())
}

/// Deserializes a `Vec<Option<Decimal>>` (`null` is `None`) by the rule of this module.
pub fn deserialize_vec_option<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Option<Decimal>>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Exact(#[serde(deserialize_with = "deserialize_option")] Option<Decimal>);
    let v: Vec<Exact> = serde::Deserialize::deserialize(d)?;
    Ok(v.into_iter().map(|x| x.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str) -> String {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).to_string()
    }

    fn refused(s: &str) -> String {
        let e = parse(s).unwrap_err();
        assert_eq!(e.code(), "invalid_number", "{s}");
        e.to_string()
    }

    #[test]
    fn the_edges() {
        assert_eq!(ok("12.5"), "12.5");
        assert_eq!(ok("52.50"), "52.50");
        assert_eq!(ok(" 12 "), "12");
        assert_eq!(ok("+3"), "3");
        assert_eq!(ok("-0"), "0");
        assert_eq!(ok("-0.00"), "0.00");
        assert_eq!(ok("1e5"), "100000");
        assert_eq!(ok("2.5E-3"), "0.0025");
        assert_eq!(ok(".5"), "0.5");
        assert_eq!(ok("5."), "5");
        assert_eq!(
            ok("0.1234567890123456789012345678"),
            "0.1234567890123456789012345678"
        );
        assert_eq!(
            ok("79228162514264337593543950335"),
            "79228162514264337593543950335"
        );
        assert_eq!(
            ok("1.0000000000000000000000000000000"),
            "1.0000000000000000000000000000"
        );
        assert_eq!(ok("1e-28"), "0.0000000000000000000000000001");
        assert_eq!(ok("100e-30"), "0.0000000000000000000000000001");
        assert!(refused("9.9999999999999999999999999999").contains("28 significant digits"));
        assert!(refused("123456789012345678901234567890123").contains("significant digits"));
        assert!(refused("1e-29").contains("too small"));
        assert!(refused("0.00000000000000000000000000001").contains("too small"));
        assert!(refused("9.99999999999999999999999999999999").contains("significant digits"));
        assert!(refused("1.00000000000000000000000000001").contains("significant digits"));
        assert!(refused("1e29").contains("too large"));
        assert!(refused("79228162514264337593543950336").contains("too large"));
        assert!(refused("12,5").contains("comma"));
        assert!(refused("NaN").contains("not a number"));
        assert!(refused("Infinity").contains("not a number"));
        assert!(refused("-inf").contains("not a number"));
        for bad in [
            "", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1 000", "١٢",
        ] {
            refused(bad);
        }
        assert!(refused("1e9999999").contains("exponent"));
    }

    #[test]
    fn floats_are_read_by_their_shortest_form() {
        assert_eq!(from_f64(0.1).unwrap().to_string(), "0.1");
        assert_eq!(from_f64(1e20).unwrap().to_string(), "100000000000000000000");
        assert_eq!(from_f64(-0.0).unwrap().to_string(), "0");
        assert_eq!(from_f64(5e-324).unwrap_err().code(), "invalid_number");
        assert_eq!(from_f64(1e300).unwrap_err().code(), "invalid_number");
        assert!(from_f64(f64::NEG_INFINITY).is_err());
    }

    #[test]
    fn serde_uses_the_rule() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(deserialize_with = "deserialize")]
            v: Decimal,
            #[serde(default, deserialize_with = "deserialize_option")]
            o: Option<Decimal>,
        }
        let t: T = serde_json::from_str(r#"{"v": "52.50", "o": null}"#).unwrap();
        assert_eq!((t.v.to_string(), t.o), ("52.50".into(), None));
        let t: T = serde_json::from_str(r#"{"v": 12, "o": 0.25}"#).unwrap();
        assert_eq!((t.v, t.o), (Decimal::from(12), Some(Decimal::new(25, 2))));
        let t: T = serde_json::from_str(r#"{"v": 1}"#).unwrap();
        assert_eq!(t.o, None);
        let e = serde_json::from_str::<T>(r#"{"v": "9.9999999999999999999999999999"}"#)
            .err()
            .unwrap();
        assert!(e.to_string().contains("significant digits"), "{e}");
    }

    proptest! {
        #[test]
        fn exact_round_trip(m in any::<i64>(), scale in 0u32..=28) {
            let v = Decimal::new(m, scale);
            let back = parse(&v.to_string()).unwrap();
            prop_assert_eq!(back, v);
            prop_assert_eq!(back.scale(), v.scale());
        }

        #[test]
        fn agrees_with_rust_decimal_where_that_is_exact(s in "[+-]?[0-9]{1,20}(\\.[0-9]{1,8})?") {
            let a = parse(&s).unwrap();
            let b: Decimal = s.parse().unwrap();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn floats_round_trip(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
            if let Ok(d) = from_f64(f) {
                let back: f64 = d.to_string().parse().unwrap();
                prop_assert_eq!(back, f);
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = parse(&s);
        }
    }
}
