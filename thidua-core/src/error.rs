//! Typed errors (lỗi) of the whole library.
//!
//! Every error says **what** went wrong and **where** (a path into the input such as
//! `results[12] (unit "Sa Thầy", target "7")` or `items[5].targets[0]`). Each variant has a
//! stable machine-readable [`Error::code`] that the Python and JavaScript bindings expose
//! unchanged (`thidua.UnknownTargetError`, `err.code === "unknown_target"`).

use serde::Serialize;

/// Result alias used throughout the crate.
///
/// ```
/// fn load(json: &str) -> thidua_core::Result<thidua_core::Directive> {
///     thidua_core::Directive::from_json(json)
/// }
/// assert_eq!(load("{}").unwrap_err().code(), "json");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error the library can return. No input can make the library panic; it returns one
/// of these instead.
///
/// ```
/// use thidua_core::{Directive, Error};
/// let err = Directive::from_json("{ not json").unwrap_err();
/// assert_eq!(err.code(), "json");
/// assert!(err.to_string().contains("line 1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid JSON, or does not have the documented shape.
    #[error("invalid JSON in {what}: {message}")]
    Json {
        /// What was being read (`directive`, `result set`, `scoring scheme`…).
        what: String,
        /// serde_json's message, with line and column.
        message: String,
    },
    /// A Vietnamese (or plain) number could not be read.
    #[error("invalid number {input:?}: {reason}")]
    InvalidNumber {
        /// The text that was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// A unit or scale could not be read, or two quantities have incompatible units
    /// (đồng vs USD, % vs a count).
    #[error("unit mismatch at {location}: expected {expected}, found {found}")]
    UnitMismatch {
        /// Where the mismatch was found.
        location: String,
        /// The unit required there.
        expected: String,
        /// The unit that was given.
        found: String,
    },
    /// A result (or scheme) names a target id that the directive does not have.
    #[error("unknown target {target:?} at {location}")]
    UnknownTarget {
        /// The id that was not found.
        target: String,
        /// Where it was named.
        location: String,
    },
    /// Two targets (or criteria, units…) share one id.
    #[error("duplicate id {id:?} at {location}")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where the second occurrence is.
        location: String,
    },
    /// A directive or target is not meaningful (zero or negative value where a ratio needs a
    /// positive one, a comparator that contradicts the target kind, an empty range…).
    #[error("invalid directive at {location}: {reason}")]
    InvalidDirective {
        /// Path into the directive.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// A reported result is not usable for its target (wrong shape for the kind, a rank below
    /// 1, a judgement on a numeric target…).
    #[error("invalid result at {location}: {reason}")]
    InvalidResult {
        /// Path into the result set.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// The target kind needs a baseline (reductions, rank improvements, composite decreases)
    /// and the result has none.
    #[error("missing baseline at {location}: target {target:?} ({kind}) needs the baseline value")]
    MissingBaseline {
        /// The target id.
        target: String,
        /// The target kind.
        kind: String,
        /// Path into the result set.
        location: String,
    },
    /// A reporting period could not be read, or lies outside the directive's period.
    #[error("invalid period at {location}: {reason}")]
    InvalidPeriod {
        /// Where.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// Arithmetic left the range of exact decimals (about ±7.9 × 10²⁸).
    #[error("arithmetic overflow at {location} while computing {operation}")]
    Overflow {
        /// Where.
        location: String,
        /// What was being computed.
        operation: String,
    },
    /// Ranks measured on different scales (e.g. out of 63 provinces vs out of 34) were compared.
    #[error("ranks not comparable at {location}: {reason}")]
    IncomparableRanks {
        /// Where.
        location: String,
        /// Why.
        reason: String,
    },
    /// A scoring scheme is not valid.
    #[error("invalid scoring scheme at {location}: {reason}")]
    InvalidScheme {
        /// Path into the scheme.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// Input that is valid on its own but cannot be used with the rest (e.g. a council score
    /// above the criterion's maximum, a unit with no cluster).
    #[error("invalid input at {location}: {reason}")]
    InvalidInput {
        /// Where.
        location: String,
        /// What is wrong.
        reason: String,
    },
}

impl Error {
    /// The stable, machine-readable code of this error (`"unknown_target"`, `"json"`…).
    ///
    /// ```
    /// # use thidua_core::Error;
    /// let e = Error::Overflow { location: "x".into(), operation: "ratio".into() };
    /// assert_eq!(e.code(), "overflow");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "json",
            Error::InvalidNumber { .. } => "invalid_number",
            Error::UnitMismatch { .. } => "unit_mismatch",
            Error::UnknownTarget { .. } => "unknown_target",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::InvalidDirective { .. } => "invalid_directive",
            Error::InvalidResult { .. } => "invalid_result",
            Error::MissingBaseline { .. } => "missing_baseline",
            Error::InvalidPeriod { .. } => "invalid_period",
            Error::Overflow { .. } => "overflow",
            Error::IncomparableRanks { .. } => "incomparable_ranks",
            Error::InvalidScheme { .. } => "invalid_scheme",
            Error::InvalidInput { .. } => "invalid_input",
        }
    }

    /// All error codes, in a stable order (for bindings that build one exception class per
    /// code).
    pub const CODES: &'static [&'static str] = &[
        "json",
        "invalid_number",
        "unit_mismatch",
        "unknown_target",
        "duplicate_id",
        "invalid_directive",
        "invalid_result",
        "missing_baseline",
        "invalid_period",
        "overflow",
        "incomparable_ranks",
        "invalid_scheme",
        "invalid_input",
    ];

    /// The error's fields as JSON (`{"code": "unknown_target", "target": "99", …}`), used by
    /// the bindings for `err.data`.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Builds a [`Error::Json`] from a serde_json error.
    pub(crate) fn json(what: &str, e: &serde_json::Error) -> Error {
        Error::Json {
            what: what.to_string(),
            message: e.to_string(),
        }
    }

    /// Fills in the location of an error raised where it was not known (an empty
    /// `location`), so that hot paths build location strings only when an error happens.
    pub(crate) fn at(mut self, loc: impl FnOnce() -> String) -> Error {
        match &mut self {
            Error::UnitMismatch { location, .. }
            | Error::UnknownTarget { location, .. }
            | Error::DuplicateId { location, .. }
            | Error::InvalidDirective { location, .. }
            | Error::InvalidResult { location, .. }
            | Error::MissingBaseline { location, .. }
            | Error::InvalidPeriod { location, .. }
            | Error::Overflow { location, .. }
            | Error::IncomparableRanks { location, .. }
            | Error::InvalidScheme { location, .. }
            | Error::InvalidInput { location, .. } => {
                if location.is_empty() {
                    *location = loc();
                } else if let Some(rest) = location.strip_prefix(", ") {
                    *location = format!("{}, {rest}", loc());
                }
            }
            Error::Json { .. } | Error::InvalidNumber { .. } => {}
        }
        self
    }

    pub(crate) fn overflow(location: impl Into<String>, operation: impl Into<String>) -> Error {
        Error::Overflow {
            location: location.into(),
            operation: operation.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let samples = [
            Error::Json {
                what: "x".into(),
                message: "m".into(),
            },
            Error::InvalidNumber {
                input: "x".into(),
                reason: "r".into(),
            },
        ];
        for s in samples {
            assert!(Error::CODES.contains(&s.code()));
            assert_eq!(s.to_json_value()["code"], s.code());
        }
    }
}
