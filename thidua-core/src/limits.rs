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
//! | [`Limit::Targets`] | [`MAX_TARGETS`] targets in a directive (sub-targets included), in one list, and items | while reading (any deserializer) and in `Directive::validate` |
//! | [`Limit::Rows`] | [`MAX_ROWS`] rows in a result set | while reading (any deserializer) and before evaluating |
//! | [`Limit::Cells`] | [`MAX_CELLS`] evaluated (unit, period) × target cells | before evaluating |
//! | [`Limit::OutputSize`] | [`MAX_OUTPUT_BYTES`] bytes of JSON output | while writing |
//! | [`Limit::FileSize`] | [`MAX_FILE_BYTES`] bytes of a file named in input | before reading ([`crate::files`]) |
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

/// The most bytes of a file that input refers to and that is read through
/// [`BaseDir`](crate::files::BaseDir) (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Which limit was exceeded.
///
/// ```
/// use thidua_core::limits::Limit;
/// assert_eq!(Limit::Cells.as_str(), "cells");
/// assert_eq!(Limit::Cells.max(), thidua_core::limits::MAX_CELLS as u64);
/// assert_eq!(Limit::ALL.len(), 8);
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
    /// [`MAX_FILE_BYTES`].
    FileSize,
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
            Limit::FileSize => MAX_FILE_BYTES,
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
            Limit::FileSize => "bytes in a file named in the input",
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

/// Deserializers for the lists whose length is a limit, counting while they are read (so that
/// the refusal comes before the rest of the list is allocated), whatever the deserializer (JSON
/// text, a JSON value, a Python object, a JavaScript value). Used through
/// `#[serde(deserialize_with)]` on `Directive::items`, `TargetItem::targets`,
/// `Target::sub_targets` and `ResultSet::entries`.
pub(crate) mod de {
    use std::cell::Cell;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

    use super::{Limit, MAX_ROWS, MAX_TARGETS};

    thread_local! {
        /// Targets (sub-targets included) read so far in the directive being read on this
        /// thread; `None` when no directive's `items` are being read.
        static TARGETS_READ: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Puts back the count of an enclosing read, also when reading unwinds.
    struct Restore(Option<usize>);

    impl Drop for Restore {
        fn drop(&mut self) {
            TARGETS_READ.with(|c| c.set(self.0));
        }
    }

    #[derive(Clone, Copy)]
    enum Count {
        /// Result rows, at most [`MAX_ROWS`].
        Rows,
        /// Target items, at most [`MAX_TARGETS`] (an item states at least one target).
        Items,
        /// Targets: at most [`MAX_TARGETS`] in one list, and in a whole directive.
        Targets,
    }

    struct Capped<T> {
        count: Count,
        marker: PhantomData<T>,
    }

    fn refuse<E: serde::de::Error>(limit: Limit) -> E {
        crate::json::refuse(limit.exceeded(crate::Location::new()))
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Capped<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let (limit, max) = match self.count {
                Count::Rows => (Limit::Rows, MAX_ROWS),
                Count::Items | Count::Targets => (Limit::Targets, MAX_TARGETS),
            };
            // Never trust a length announced by the input beyond a small reservation.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(x) = seq.next_element::<T>()? {
                if out.len() >= max {
                    return Err(refuse(limit));
                }
                if let Count::Targets = self.count {
                    let total = TARGETS_READ.with(|c| {
                        let n = c.get().map(|n| n + 1);
                        c.set(n);
                        n
                    });
                    if total.is_some_and(|n| n > MAX_TARGETS) {
                        return Err(refuse(limit));
                    }
                }
                out.push(x);
            }
            Ok(out)
        }
    }

    fn capped<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
        count: Count,
    ) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(Capped {
            count,
            marker: PhantomData,
        })
    }

    /// `Directive::items`: at most [`MAX_TARGETS`] items, and [`MAX_TARGETS`] targets in all
    /// of them (sub-targets included).
    pub(crate) fn items<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        let _restore = Restore(TARGETS_READ.with(|c| c.replace(Some(0))));
        capped(d, Count::Items)
    }

    /// A list of targets (`TargetItem::targets`, `Target::sub_targets`), counted against
    /// [`MAX_TARGETS`] in the list and in the directive being read.
    pub(crate) fn targets<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        capped(d, Count::Targets)
    }

    /// `ResultSet::entries`: at most [`MAX_ROWS`] rows.
    pub(crate) fn rows<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        capped(d, Count::Rows)
    }
}
