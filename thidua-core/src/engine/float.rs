//! A binary float as the exact decimal of its shortest round-trip representation — the
//! package's rule for float input (`0.1` is `0.1`, never `0.1000000000000000055…`), as the
//! engine's readers use it.

use rust_decimal::Decimal;

use crate::error::Result;

/// The package's one rule for float input, [`crate::decimal::from_f64`] (with its fast path
/// for ordinary figures); the tests below hold it to Rust's shortest representation.
#[inline]
pub(crate) fn decimal_from_f64(f: f64) -> Result<Decimal> {
    crate::decimal::from_f64(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

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
            1e-7,
            0.1 + 0.2,
        ] {
            let d = decimal_from_f64(f).unwrap();
            assert_eq!(d.to_string(), display(f).to_string(), "{f}");
        }
        assert_eq!(decimal_from_f64(-0.0).unwrap(), Decimal::ZERO);
        // Below 10⁻²⁸ no decimal holds the float exactly: refused, never rounded to 0.
        assert_eq!(
            decimal_from_f64(5e-324).unwrap_err().code(),
            "invalid_number"
        );
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

        /// The fast path gives what the formatting path gives, for every finite float:
        /// the same digits and scale, or the same refusal.
        #[test]
        fn same_answer_as_the_formatting_rule_for_any_bits(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            if f.is_finite() {
                match (decimal_from_f64(f), crate::decimal::parse(&format!("{f:e}"))) {
                    (Ok(a), Ok(b)) => prop_assert_eq!((a.to_string(), a.scale()), (b.to_string(), b.scale())),
                    (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
                    (a, b) => prop_assert!(false, "{f}: {a:?} vs {b:?}"),
                }
            }
        }

        /// Floats of a few digits, the fast path's domain, against the formatting rule.
        #[test]
        fn same_answer_as_the_formatting_rule_for_short_decimals(m in -10_000_000_000_000i64..10_000_000_000_000, s in 0u32..16) {
            let f = (m as f64) / 10f64.powi(s as i32);
            let a = decimal_from_f64(f).unwrap();
            let b = crate::decimal::parse(&format!("{f:e}")).unwrap();
            prop_assert_eq!((a.to_string(), a.scale()), (b.to_string(), b.scale()));
        }
    }
}
