//! One definition for the names of every option-like enum: the snake_case name used in JSON
//! (serde), in tables and in the bindings is also its `as_str`, `Display` and `FromStr`, and
//! `ALL` lists every value in declaration order.
//!
//! Each enum derives `strum::IntoStaticStr` and `strum::VariantArray` with the same
//! `snake_case` rule as serde; [`str_enum!`] adds the methods, and a test checks for every
//! value that the serde name and `as_str` agree (so the bindings can list values from `ALL`).
//!
//! ```
//! use thidua_core::{Status, TargetKind};
//! assert_eq!(Status::NotMet.as_str(), "not_met");
//! assert_eq!("not_met".parse::<Status>()?, Status::NotMet);
//! assert_eq!(TargetKind::ALL.len(), 13);
//! assert_eq!(TargetKind::PerCapita.to_string(), "per_capita");
//! let e = "vượt".parse::<Status>().unwrap_err();
//! assert!(e.to_string().contains("expected one of exceeded, met"), "{e}");
//! # Ok::<(), thidua_core::Error>(())
//! ```

/// Adds `ALL`, `as_str`, `Display` and `FromStr` to fieldless enums deriving
/// `strum::IntoStaticStr` and `strum::VariantArray`; the string is a label for messages.
macro_rules! str_enum {
    ($($t:ty => $what:literal),* $(,)?) => {
        $(
            impl $t {
                /// Every value, in declaration order.
                pub const ALL: &'static [$t] = <$t as strum::VariantArray>::VARIANTS;

                /// The name used in JSON and tables (`snake_case`).
                pub fn as_str(self) -> &'static str {
                    self.into()
                }
            }

            impl std::fmt::Display for $t {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl std::str::FromStr for $t {
                type Err = crate::Error;
                /// Reads the name used in JSON; anything else is an
                /// [`Error::InvalidInput`](crate::Error::InvalidInput) listing the names.
                fn from_str(s: &str) -> crate::Result<$t> {
                    <$t>::ALL
                        .iter()
                        .copied()
                        .find(|v| v.as_str() == s)
                        .ok_or_else(|| {
                            crate::Error::invalid_input(
                                crate::Location::new(),
                                format!(
                                    "unknown {} {:?}: expected one of {}",
                                    $what,
                                    crate::error::excerpt(s),
                                    <$t>::ALL
                                        .iter()
                                        .map(|v| v.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            )
                        })
                }
            }
        )*

        #[cfg(test)]
        mod tests {
            use super::*;

            fn check<T>(all: &[T])
            where
                T: Copy + std::fmt::Debug + PartialEq + serde::Serialize
                    + serde::de::DeserializeOwned + std::str::FromStr + std::fmt::Display,
                <T as std::str::FromStr>::Err: std::fmt::Debug,
            {
                assert!(!all.is_empty());
                for v in all {
                    let name = v.to_string();
                    assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(name), "{v:?}");
                    let back: T = serde_json::from_value(serde_json::json!(name)).unwrap();
                    assert_eq!(back, *v);
                    assert_eq!(name.parse::<T>().unwrap(), *v);
                }
            }

            #[test]
            fn serde_names_are_the_names() {
                $( check(<$t>::ALL); )*
            }
        }
    };
}

use crate::evaluate::{CeilingRatio, HeadlineBasis, InYearFlows, RangeBasis, Status};
use crate::limits::Limit;
use crate::model::{
    AboveRange, Comparator, Direction, DocumentKind, Measure, ReductionUnit, TargetKind,
};
use crate::quantity::{Currency, Scale};
use crate::results::{Judgement, Provenance};
use crate::scoring::{
    BandBasis, CapRounding, Combine, GroupKind, LinearBasis, MissingResult, RoundingMode, Stage,
    TiesAtCap,
};

str_enum! {
    Status => "status",
    TargetKind => "target kind",
    Comparator => "comparator",
    Direction => "direction",
    Measure => "measure",
    AboveRange => "above-range rule",
    ReductionUnit => "reduction unit",
    DocumentKind => "document kind",
    CeilingRatio => "ceiling ratio",
    RangeBasis => "range basis",
    InYearFlows => "in-year flow rule",
    HeadlineBasis => "headline basis",
    Provenance => "provenance",
    Judgement => "judgement",
    Scale => "scale",
    Currency => "currency",
    Stage => "stage",
    GroupKind => "group kind",
    RoundingMode => "rounding mode",
    MissingResult => "missing-result policy",
    Combine => "combine rule",
    LinearBasis => "linear basis",
    BandBasis => "band basis",
    CapRounding => "cap rounding",
    TiesAtCap => "ties-at-cap rule",
    Limit => "limit",
}
