//! The limits on input and output sizes (giới hạn), checked before the work they bound.
//!
//! No input can make the library exhaust the stack, the memory or the time: each of these
//! limits is checked **before** the allocation or the loop it protects, and exceeding one is
//! an [`Error::LimitExceeded`](crate::Error::LimitExceeded) (code `limit_exceeded`) whose
//! [`Limit`] says which, with its maximum and the location. `docs/limits.md` lists them with
//! what each language raises.
//!
//! | limit | maximum | checked |
//! |---|---|---|
//! | [`Limit::InputSize`] | [`MAX_INPUT_BYTES`] bytes of JSON text | before parsing |
//! | [`Limit::NestingDepth`] | [`MAX_NESTING_DEPTH`] levels of `[`/`{` | before parsing (a scan) |
//! | [`Limit::SubTargetDepth`] | [`MAX_SUB_TARGET_DEPTH`] levels of "trong đó" | while reading (any deserializer) and in `Directive::validate` |
//! | [`Limit::Targets`] | [`MAX_TARGETS`] targets in a directive | in `Directive::validate` |
//! | [`Limit::Rows`] | [`MAX_ROWS`] rows in a result set | before evaluating |
//! | [`Limit::Cells`] | [`MAX_CELLS`] evaluated (unit, period) × target cells | before evaluating |
//! | [`Limit::OutputSize`] | [`MAX_OUTPUT_BYTES`] bytes of JSON output | while writing |
//!
//! serde_json's own recursion limit (128) stays as a second guard; ours is met first.
//!
//! ```
//! use thidua_core::{Directive, limits::{Limit, MAX_NESTING_DEPTH}};
//! let deep = "[".repeat(MAX_NESTING_DEPTH + 1);
//! let e = Directive::from_json(&deep).unwrap_err();
//! assert_eq!(e.code(), "limit_exceeded");
//! assert!(matches!(e, thidua_core::Error::LimitExceeded { limit: Limit::NestingDepth, .. }));
//! ```

use serde::Serialize;

/// The most bytes of JSON text read as one document (128 MiB).
pub const MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;

/// The deepest nesting of JSON arrays and objects (a directive needs about 10 plus 2 per level
/// of sub-targets).
pub const MAX_NESTING_DEPTH: usize = 96;

/// The deepest nesting of "trong đó" sub-targets under a target (real directives use 1 or 2).
pub const MAX_SUB_TARGET_DEPTH: usize = 16;

/// The most targets (sub-targets included) in one directive (real directives have 10 to 60).
pub const MAX_TARGETS: usize = 10_000;

/// The most rows in one result set.
pub const MAX_ROWS: usize = 5_000_000;

/// The most (unit, period) × target cells one evaluation produces (its output grows with
/// them: about 1 kB each).
pub const MAX_CELLS: usize = 2_000_000;

/// The most bytes of JSON one output is written into (512 MiB, under the longest string a
/// JavaScript engine accepts).
pub const MAX_OUTPUT_BYTES: usize = 512 * 1024 * 1024;

/// Which limit was exceeded.
///
/// ```
/// use thidua_core::limits::Limit;
/// assert_eq!(Limit::Cells.as_str(), "cells");
/// assert_eq!(Limit::Cells.max(), thidua_core::limits::MAX_CELLS as u64);
/// assert_eq!(Limit::ALL.len(), 7);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    serde::Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Limit {
    /// [`MAX_INPUT_BYTES`].
    InputSize,
    /// [`MAX_NESTING_DEPTH`].
    NestingDepth,
    /// [`MAX_SUB_TARGET_DEPTH`].
    SubTargetDepth,
    /// [`MAX_TARGETS`].
    Targets,
    /// [`MAX_ROWS`].
    Rows,
    /// [`MAX_CELLS`].
    Cells,
    /// [`MAX_OUTPUT_BYTES`].
    OutputSize,
}

impl Limit {
    /// The maximum allowed.
    pub fn max(self) -> u64 {
        (match self {
            Limit::InputSize => MAX_INPUT_BYTES,
            Limit::NestingDepth => MAX_NESTING_DEPTH,
            Limit::SubTargetDepth => MAX_SUB_TARGET_DEPTH,
            Limit::Targets => MAX_TARGETS,
            Limit::Rows => MAX_ROWS,
            Limit::Cells => MAX_CELLS,
            Limit::OutputSize => MAX_OUTPUT_BYTES,
        }) as u64
    }

    /// What is counted, in words ("levels of nesting").
    pub fn what(self) -> &'static str {
        match self {
            Limit::InputSize => "bytes of input",
            Limit::NestingDepth => "levels of nesting",
            Limit::SubTargetDepth => "levels of sub-targets",
            Limit::Targets => "targets",
            Limit::Rows => "result rows",
            Limit::Cells => "evaluated unit × target cells",
            Limit::OutputSize => "bytes of output",
        }
    }

    /// The error for this limit, at `location`.
    pub(crate) fn exceeded(self, location: crate::Location) -> crate::Error {
        crate::Error::LimitExceeded {
            limit: self,
            max: self.max(),
            location,
        }
    }
}
