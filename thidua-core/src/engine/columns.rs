//! Results as plain columns — dictionary-encoded text and numeric slices, without Arrow: what
//! a binding hands over from typed arrays (JavaScript `Float64Array`, `Uint32Array`), or a Rust
//! program from its own vectors.

use std::borrow::Cow;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::float::decimal_from_f64;
use super::ResultSource;
use crate::error::{Error, Result};
use crate::quantity::Scale;
use crate::results::{Period, Provenance, ResultEntry};

/// A text column as a dictionary: the distinct values and, per row, the index of its value.
///
/// ```
/// use thidua_core::engine::Dictionary;
/// let units = ["Xã A", "Xã B"];
/// let d = Dictionary::new(&units, &[0, 0, 1])?;
/// assert_eq!((d.len(), d.get(2)), (3, "Xã B"));
/// # Ok::<(), thidua_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Dictionary<'a> {
    values: Vec<&'a str>,
    index: &'a [u32],
}

impl<'a> Dictionary<'a> {
    /// The column whose row `i` is `values[index[i]]`; an index beyond `values` is an
    /// `invalid_input` error naming the row.
    pub fn new<S: AsRef<str>>(values: &'a [S], index: &'a [u32]) -> Result<Dictionary<'a>> {
        let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        if let Some(i) = index.iter().position(|&k| k as usize >= values.len()) {
            return Err(Error::InvalidInput {
                location: format!("index[{i}]").into(),
                reason: format!(
                    "index {} is beyond the {} values of the dictionary",
                    index[i],
                    values.len()
                ),
            });
        }
        Ok(Dictionary { values, index })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The value of row `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &'a str {
        self.values[self.index[i] as usize]
    }
}

/// A numeric column.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Numbers<'a> {
    /// No such column.
    Absent,
    /// Binary floats, each read as the decimal of its shortest representation (`0.1` is
    /// `0.1`); NaN is a missing value, ±∞ an `invalid_number` error.
    F64(&'a [f64]),
    /// Exact decimals.
    Decimal(&'a [Option<Decimal>]),
    /// Decimal text, one UTF-8 buffer and `len + 1` byte offsets (row `i` is
    /// `text[offsets[i]..offsets[i + 1]]`); an empty or blank value is missing. Plain decimals
    /// only ("39.6", "-2", "1e3").
    Text {
        /// The text of every row, one after the other.
        text: &'a str,
        /// Where each row begins, and where the last ends.
        offsets: &'a [u32],
    },
}

impl Numbers<'_> {
    fn check(&self, n: usize, name: &str) -> Result<()> {
        let bad = |reason: String| Error::InvalidInput {
            location: super::column_location(name),
            reason,
        };
        let len = match self {
            Numbers::Absent => return Ok(()),
            Numbers::F64(v) => v.len(),
            Numbers::Decimal(v) => v.len(),
            Numbers::Text { text, offsets } => {
                if offsets.windows(2).any(|w| w[0] > w[1])
                    || offsets.last().is_some_and(|&e| e as usize > text.len())
                {
                    return Err(bad("offsets must rise and stay within the text".into()));
                }
                if let Some(&o) = offsets
                    .iter()
                    .find(|&&o| !text.is_char_boundary(o as usize))
                {
                    return Err(bad(format!("offset {o} is inside a character")));
                }
                offsets.len().saturating_sub(1)
            }
        };
        if len != n {
            return Err(bad(format!("{len} values for {n} rows")));
        }
        Ok(())
    }

    #[inline]
    fn get(&self, i: usize, name: &'static str) -> Result<Option<Decimal>> {
        let at = |e: Error| e.in_field(name).at_index(i).in_field("results");
        match self {
            Numbers::Absent => Ok(None),
            Numbers::F64(v) => {
                let f = v[i];
                if f.is_nan() {
                    Ok(None)
                } else {
                    decimal_from_f64(f).map(Some).map_err(at)
                }
            }
            Numbers::Decimal(v) => Ok(v[i]),
            Numbers::Text { text, offsets } => {
                let s = text[offsets[i] as usize..offsets[i + 1] as usize].trim();
                if s.is_empty() {
                    Ok(None)
                } else {
                    crate::decimal::parse(s).map(Some).map_err(at)
                }
            }
        }
    }
}

/// Results as plain columns, read in place by the engine: `unit`, `target` and `period` as
/// [`Dictionary`] columns, `value` and `baseline` as [`Numbers`], and optionally each row's
/// provenance. Every row is a plain row (no component, scale, unit or judgement): results
/// that need those go through [`ResultSet`](crate::ResultSet) or Arrow.
///
/// ```
/// use thidua_core::engine::{ColumnResults, CompiledDirective, Dictionary, Numbers};
/// use thidua_core::{Directive, EvaluationOptions, Status};
/// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
/// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
/// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
/// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
/// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
/// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
/// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
/// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
/// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
/// let c = CompiledDirective::new(&d, &EvaluationOptions::default())?;
/// let (units, targets, periods) = (["Xã A", "Xã B"], ["1", "2"], ["2024"]);
/// let src = ColumnResults::new(
///     Dictionary::new(&units, &[0, 0, 1])?,
///     Dictionary::new(&targets, &[0, 1, 0])?,
///     Dictionary::new(&periods, &[0, 0, 0])?,
/// )?
/// .with_values(Numbers::F64(&[10.12, 63.7, 9.5]))?;
/// let b = c.evaluate(&src)?;
/// assert_eq!(b.groups(), 2);
/// assert_eq!(b.ratio().get(0).ok_or("not found")?.to_string(), "101.20"); // 10.12 read as 10.12, exactly
/// assert_eq!(b.status()[5], Status::NotMet);                 // Xã B, target 1: 9.5 < 10
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ColumnResults<'a> {
    unit: Dictionary<'a>,
    target: Dictionary<'a>,
    period: Dictionary<'a>,
    /// The periods of the period dictionary, parsed once (`Err` text for a bad one).
    periods: Vec<std::result::Result<Period, Error>>,
    value: Numbers<'a>,
    baseline: Numbers<'a>,
    provenance: Option<&'a [Option<Provenance>]>,
}

impl<'a> ColumnResults<'a> {
    /// The key columns; they must have the same number of rows.
    pub fn new(
        unit: Dictionary<'a>,
        target: Dictionary<'a>,
        period: Dictionary<'a>,
    ) -> Result<ColumnResults<'a>> {
        let n = unit.len();
        for (name, len) in [("target", target.len()), ("period", period.len())] {
            if len != n {
                return Err(Error::InvalidInput {
                    location: super::column_location(name),
                    reason: format!("{len} rows where the unit column has {n}"),
                });
            }
        }
        let periods = period.values.iter().map(|s| Period::from_str(s)).collect();
        Ok(ColumnResults {
            unit,
            target,
            period,
            periods,
            value: Numbers::Absent,
            baseline: Numbers::Absent,
            provenance: None,
        })
    }

    /// With the result values.
    pub fn with_values(mut self, v: Numbers<'a>) -> Result<Self> {
        v.check(self.unit.len(), "value")?;
        self.value = v;
        Ok(self)
    }

    /// With the baselines (reductions, ranks).
    pub fn with_baselines(mut self, v: Numbers<'a>) -> Result<Self> {
        v.check(self.unit.len(), "baseline")?;
        self.baseline = v;
        Ok(self)
    }

    /// With the provenance each row states (`None`: the row does not say, read as official;
    /// when some rows say and others do not, the evaluation warns).
    pub fn with_provenance(mut self, p: &'a [Option<Provenance>]) -> Result<Self> {
        if p.len() != self.unit.len() {
            return Err(Error::InvalidInput {
                location: super::column_location("provenance"),
                reason: format!("{} values for {} rows", p.len(), self.unit.len()),
            });
        }
        self.provenance = Some(p);
        Ok(self)
    }
}

impl ResultSource for ColumnResults<'_> {
    fn rows(&self) -> usize {
        self.unit.len()
    }
    #[inline]
    fn unit(&self, i: usize) -> &str {
        self.unit.get(i)
    }
    #[inline]
    fn target(&self, i: usize) -> &str {
        self.target.get(i)
    }
    fn component(&self, _: usize) -> Option<&str> {
        None
    }
    #[inline]
    fn period(&self, i: usize) -> Result<Period> {
        match &self.periods[self.period.index[i] as usize] {
            Ok(p) => Ok(*p),
            // At the cell, `results[i].period`, as the JSON path gives it.
            Err(e) => Err(e.clone().in_field("period").at_index(i).in_field("results")),
        }
    }
    #[inline]
    fn value(&self, i: usize) -> Result<Option<Decimal>> {
        self.value.get(i, "value")
    }
    #[inline]
    fn baseline(&self, i: usize) -> Result<Option<Decimal>> {
        self.baseline.get(i, "baseline")
    }
    #[inline]
    fn provenance(&self, i: usize) -> Result<Option<Provenance>> {
        Ok(self.provenance.and_then(|p| p[i]))
    }
    fn has_result(&self, i: usize) -> Result<bool> {
        Ok(self.value(i)?.is_some())
    }
    fn not_applicable(&self, _: usize) -> Result<bool> {
        Ok(false)
    }
    #[inline]
    fn is_plain(&self, _: usize, _: Scale) -> bool {
        true
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        let mut e = ResultEntry::new(
            self.unit(i).to_string(),
            self.target(i).to_string(),
            self.period(i)?,
        );
        e.value = self.value(i)?;
        e.baseline = self.baseline(i)?;
        e.provenance = self.provenance(i)?;
        Ok(Cow::Owned(e))
    }
}
