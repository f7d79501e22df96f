//! A binary float as the exact decimal of its shortest round-trip representation — the
//! package's rule for float input (`0.1` is `0.1`, never `0.1000000000000000055…`).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

const POW10F: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

fn invalid(text: String, reason: &str) -> Error {
    Error::InvalidNumber {
        location: crate::error::Location::new(),
        input: text,
        reason: reason.to_string(),
    }
}

/// The decimal that Rust's `Display` (and Python's `repr`) writes for `f`, the shortest that
/// reads back as `f`. NaN and infinities are errors.
///
/// Fast path: for `|f| < 2^53` it looks for the fewest decimals `s ≤ 15` at which the integer
/// `m` nearest to `f × 10^s` reads back as `f` (`m ÷ 10^s` is one correctly rounded division)
/// while `m − 1` and `m + 1` do not — then `m × 10^-s` is the one shortest representation, and
/// so what `Display` prints. Anything else goes through `Display` itself.
pub(crate) fn decimal_from_f64(f: f64) -> Result<Decimal> {
    if !f.is_finite() {
        return Err(invalid(
            f.to_string(),
            "NaN and infinities are not numbers a result can have",
        ));
    }
    if f == 0.0 {
        return Ok(Decimal::ZERO);
    }
    if f.abs() < 9_007_199_254_740_992.0 {
        for (s, &p) in POW10F.iter().enumerate() {
            let x = f * p;
            if x.abs() >= 9_007_199_254_740_992.0 {
                break;
            }
            let m = x.round();
            if m / p == f {
                if (m - 1.0) / p != f && (m + 1.0) / p != f {
                    return Ok(Decimal::new(m as i64, s as u32));
                }
                break;
            }
        }
    }
    let text = f.to_string();
    Decimal::from_str(&text).map_err(|_| {
        invalid(
            text,
            "out of the range of exact decimals (28 significant digits)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn display(f: f64) -> Decimal {
        Decimal::from_str(&f.to_string()).unwrap()
    }

    #[test]
    fn short_decimals_and_edges() {
        for f in [
            0.1,
            0.2,
            0.3,
            1.005,
            63.7,
            -2.415,
            4600.0,
            1e15,
            123456.789,
            5e-324,
            1e-7,
            0.1 + 0.2,
        ] {
            let d = decimal_from_f64(f).unwrap();
            assert_eq!(d.to_string(), display(f).to_string(), "{f}");
        }
        assert_eq!(decimal_from_f64(-0.0).unwrap(), Decimal::ZERO);
        assert_eq!(
            decimal_from_f64(f64::NAN).unwrap_err().code(),
            "invalid_number"
        );
        assert_eq!(
            decimal_from_f64(f64::INFINITY).unwrap_err().code(),
            "invalid_number"
        );
    }

    proptest! {
        #[test]
        fn same_digits_and_scale_as_display_for_short_decimals(m in -10_000_000_000i64..10_000_000_000, s in 0u32..10) {
            let f = (m as f64) / 10f64.powi(s as i32);
            let d = decimal_from_f64(f).unwrap();
            prop_assert_eq!(d.to_string(), display(f).to_string());
        }

        #[test]
        fn same_digits_and_scale_as_display_for_any_bits(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            if f.is_finite() {
                match (decimal_from_f64(f), Decimal::from_str(&f.to_string())) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                    (Err(_), Err(_)) => {}
                    (a, b) => prop_assert!(false, "{f}: {a:?} vs {b:?}"),
                }
            }
        }
    }
}
