//! Where the engine reads result rows from: a [`ResultSet`], or columns (Arrow, with the
//! `arrow` feature) — anything that implements [`ResultSource`].

use std::borrow::Cow;

use rust_decimal::Decimal;

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
    /// Estimate or official.
    fn provenance(&self, i: usize) -> Result<Provenance>;
    /// Whether the row is marked not applicable.
    fn not_applicable(&self, i: usize) -> Result<bool>;
    /// Whether row `i` has nothing but unit, target, period, value, baseline, provenance and
    /// a note (no component, no `scale` other than `target_scale`, no `value_unit`, ranks
    /// totals, judgement or not-applicable mark): such a row is on the engine's fast path.
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool;
    /// Row `i` whole, for the row-wise path and for error locations.
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>>;
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
    fn provenance(&self, i: usize) -> Result<Provenance> {
        Ok(self.entries[i].provenance)
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(self.entries[i].not_applicable)
    }
    #[inline]
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        let e = &self.entries[i];
        e.component.is_none()
            && e.scale.map_or(true, |s| s == target_scale)
            && e.value_unit.is_none()
            && e.out_of.is_none()
            && e.baseline_out_of.is_none()
            && e.judgement.is_none()
            && !e.not_applicable
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
    fn provenance(&self, i: usize) -> Result<Provenance> {
        Ok(self[i].provenance)
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(self[i].not_applicable)
    }
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        let e = &self[i];
        e.component.is_none()
            && e.scale.map_or(true, |s| s == target_scale)
            && e.value_unit.is_none()
            && e.out_of.is_none()
            && e.baseline_out_of.is_none()
            && e.judgement.is_none()
            && !e.not_applicable
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        Ok(Cow::Borrowed(&self[i]))
    }
}
