//! Where the engine reads result rows from: a [`ResultSet`], or columns (Arrow, with the
//! `arrow` feature) — anything that implements [`ResultSource`].

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::kernel::Fx;
use crate::error::Result;
use crate::quantity::Scale;
use crate::results::{Period, Provenance, ResultEntry, ResultSet};

/// A table of result rows the engine can read, one [`ResultEntry`]'s worth per row, without
/// building the rows. The engine reads the key columns of every row and the numbers of the
/// rows on its fast path ([`is_plain`](ResultSource::is_plain)); any other row is taken whole
/// with [`entry`](ResultSource::entry) and evaluated by the row-wise rules.
///
/// ```
/// use thidua_core::engine::ResultSource;
/// use thidua_core::ResultSet;
/// let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// assert_eq!((r.rows(), r.unit(0), r.value(0)?.map(|v| v.to_string())), (1, "Xã A", Some("60".into())));
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub trait ResultSource {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// The unit of row `i`.
    fn unit(&self, i: usize) -> &str;
    /// The target id of row `i`.
    fn target(&self, i: usize) -> &str;
    /// The component id of row `i` (composite targets).
    fn component(&self, i: usize) -> Option<&str>;
    /// The period of row `i` (an error names the row when the source holds text).
    fn period(&self, i: usize) -> Result<Period>;
    /// The value of row `i`, in the row's own scale.
    fn value(&self, i: usize) -> Result<Option<Decimal>>;
    /// The baseline of row `i`, in the row's own scale.
    fn baseline(&self, i: usize) -> Result<Option<Decimal>>;
    /// The provenance row `i` states (ước, sơ bộ, chính thức), if any.
    fn provenance(&self, i: usize) -> Result<Option<Provenance>>;
    /// Whether the row is marked not applicable.
    fn not_applicable(&self, i: usize) -> Result<bool>;
    /// Whether row `i` carries a result: a value, a share of plan, a change, a judgement or a
    /// reported wording (used for the warning about rows without provenance).
    fn has_result(&self, i: usize) -> Result<bool> {
        let e = self.entry(i)?;
        Ok(e.has_result() || e.reported.is_some())
    }
    /// Whether row `i` has nothing but unit, target, period, value, baseline and provenance
    /// (no component, no `scale` other than `target_scale`, no `value_unit`, rank totals,
    /// judgement, not-applicable mark, range, qualifier, share of plan, change, reported
    /// wording, date, source or note): such a row is on the engine's fast path.
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool;
    /// Row `i` whole, for the row-wise path and for error locations.
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>>;
    /// Whether a value's decimals are as the source wrote them (`true`, the default: text and
    /// decimal strings, where `"3.500"` has three decimals and may be a Vietnamese thousands
    /// dot) or a typed column's common scale (`false`: a decimal128 column of scale 3 holds
    /// `13` as `13.000`, which says nothing about how it was written). Only values as written
    /// get the three-decimal `likely_scale_mistake` warning; the 10³-apart test applies to all.
    fn decimals_as_written(&self) -> bool {
        true
    }
    /// The value and baseline of row `i` as the fixed-point numbers of the engine's kernels
    /// (each `None` when missing), or `Ok(None)` when one does not fit them (the row then goes
    /// the row-wise way); errors as [`value`](Self::value) then [`baseline`](Self::baseline)
    /// give them. The engine's own sources read their buffers without a `Decimal` between;
    /// this default reads the two `Decimal`s. (Not a method to implement: its type is the
    /// engine's.)
    #[doc(hidden)]
    #[inline]
    fn fixed_numbers(&self, i: usize) -> Result<Option<(Option<Fx>, Option<Fx>)>> {
        Ok(fixed_pair(self.value(i)?, self.baseline(i)?))
    }
}

/// Two decimals as fixed-point numbers, or `None` when one does not fit.
#[inline]
pub(crate) fn fixed_pair(
    value: Option<Decimal>,
    baseline: Option<Decimal>,
) -> Option<(Option<Fx>, Option<Fx>)> {
    Some((fixed(value)?, fixed(baseline)?))
}

/// A decimal as a fixed-point number (`Some(None)` when missing, `None` when it does not fit).
#[inline]
pub(crate) fn fixed(d: Option<Decimal>) -> Option<Option<Fx>> {
    match d {
        None => Some(None),
        Some(d) => Fx::of(d).map(Some),
    }
}

impl ResultSource for ResultSet {
    fn rows(&self) -> usize {
        self.entries.len()
    }
    fn unit(&self, i: usize) -> &str {
        &self.entries[i].unit
    }
    fn target(&self, i: usize) -> &str {
        &self.entries[i].target
    }
    fn component(&self, i: usize) -> Option<&str> {
        self.entries[i].component.as_deref()
    }
    fn period(&self, i: usize) -> Result<Period> {
        Ok(self.entries[i].period)
    }
    fn value(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self.entries[i].value)
    }
    fn baseline(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self.entries[i].baseline)
    }
    fn provenance(&self, i: usize) -> Result<Option<Provenance>> {
        Ok(self.entries[i].provenance)
    }
    fn has_result(&self, i: usize) -> Result<bool> {
        let e = &self.entries[i];
        Ok(e.has_result() || e.reported.is_some())
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(self.entries[i].not_applicable)
    }
    #[inline]
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        plain(&self.entries[i], target_scale)
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        Ok(Cow::Borrowed(&self.entries[i]))
    }
}

impl ResultSource for [ResultEntry] {
    fn rows(&self) -> usize {
        self.len()
    }
    fn unit(&self, i: usize) -> &str {
        &self[i].unit
    }
    fn target(&self, i: usize) -> &str {
        &self[i].target
    }
    fn component(&self, i: usize) -> Option<&str> {
        self[i].component.as_deref()
    }
    fn period(&self, i: usize) -> Result<Period> {
        Ok(self[i].period)
    }
    fn value(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self[i].value)
    }
    fn baseline(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self[i].baseline)
    }
    fn provenance(&self, i: usize) -> Result<Option<Provenance>> {
        Ok(self[i].provenance)
    }
    fn has_result(&self, i: usize) -> Result<bool> {
        let e = &self[i];
        Ok(e.has_result() || e.reported.is_some())
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(self[i].not_applicable)
    }
    #[inline]
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        plain(&self[i], target_scale)
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        Ok(Cow::Borrowed(&self[i]))
    }
}

/// Whether a row is on the fast path (see [`ResultSource::is_plain`]).
#[inline]
pub(crate) fn plain(e: &ResultEntry, target_scale: Scale) -> bool {
    e.component.is_none()
        && e.scale.is_none_or(|s| s == target_scale)
        && e.value_unit.is_none()
        && e.out_of.is_none()
        && e.baseline_out_of.is_none()
        && e.judgement.is_none()
        && !e.not_applicable
        && e.value_high.is_none()
        && e.qualifier.is_none()
        && e.share_of_plan.is_none()
        && e.plan_level.is_none()
        && e.change.is_none()
        && e.change_unit.is_none()
        && e.change_from.is_none()
        && e.reported.is_none()
        && e.date.is_none()
        && e.source.is_none()
        && e.note.is_none()
}
