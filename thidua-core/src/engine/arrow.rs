//! Apache Arrow in and out (cargo feature `arrow`): results as a `RecordBatch`, the
//! evaluation as a `RecordBatch`.
//!
//! **Input** ([`ArrowResults`]): one column per [`ResultEntry`] field, by its JSON name
//! ([`RESULT_COLUMNS`]) — `unit`, `target`, `period` (required) and any of the others; a
//! `status` column is read as `provenance` (the JSON alias). Every cell is read by the rule
//! the JSON path uses for that field, and a bad cell gives the JSON path's error for the
//! same field, with the same code at the same structured [`Location`]
//! (`results[3].qualifier`; a column-wide error, such as a wrong Arrow type, says
//! `column "qualifier"`):
//!
//! | columns | Arrow types | read as |
//! |---|---|---|
//! | `unit`, `target`, `component`, `period`, `plan_level`, `reported`, `source`, `note` | text¹; `target` and `period` also integers (`1`, `2024`) | the text (`period` by [`Period`]'s rule) |
//! | `value`, `value_high`, `baseline`, `share_of_plan`, `change` | `decimal128` (exact, read without a copy), integers, floats², or decimal text (the [`crate::decimal`] rule) | a decimal |
//! | `qualifier`, `change_unit`, `change_from`, `judgement`, `provenance`, `scale` | text¹: the snake_case name (`"over"`, `"percentage_points"`, `"same_period"`, `"met"`, `"estimate"`, `"million"`) | the enum, by serde, as in JSON |
//! | `value_unit` | text¹ (`"triệu USD"`) | a unit phrase |
//! | `out_of`, `baseline_out_of` | integers, or floats holding whole numbers | a count |
//! | `not_applicable` | booleans | the mark |
//! | `date` | `date32`, `date64`, a timestamp without a time zone (or in UTC) at midnight, or ISO text (`"2025-03-15"`) | a calendar date |
//!
//! ¹ `Utf8`, `LargeUtf8`, `Utf8View` or a dictionary of them (pandas and polars
//! categoricals). ² A float is read as the decimal of its shortest representation (`0.1` →
//! `0.1`); NaN is a missing cell, ±∞ an error. A null cell is an absent field (a null
//! `period` is the JSON path's "missing field" error), and so is an empty text in
//! a column of enum names, units, dates or numbers (a blank spreadsheet cell; `value_unit` by
//! [`crate::results::deserialize_value_unit`], the rule of every path). A count that is not a
//! `u32` is the JSON path's error for it. An error about a whole column is located at
//! `results.<column>` ([`super::column_location`]). The
//! reported wording (`reported`) is plain text, as [`ResultEntry::reported`] is in JSON: a
//! row holding only it is read by [`crate::reported::read_result`] against the target.
//!
//! Nothing is converted row by row into objects: the engine reads the buffers in place. A row
//! with only `value`, `baseline` and `provenance` besides its keys (and a `scale` equal to the
//! target's) takes the integer kernels; any other row (a range, a qualifier, a share of plan, a
//! change, a date, a reported wording, a source or a note…) is taken whole and evaluated by
//! the row-wise rules, so the answer is always that of [`crate::evaluate()`].
//!
//! **Output** ([`BatchEvaluation::to_record_batch`]): one row per unit × period × target, in
//! the order of [`Evaluation::rows`](crate::Evaluation::rows):
//!
//! | column | type |
//! |---|---|
//! | `unit`, `period` | dictionary (int32 → utf8), one entry per unit / period |
//! | `target`, `item`, `name`, `kind`, `target_text` | dictionary (int32 → utf8, distinct values) / uint32 — the target's |
//! | `status` | dictionary (int8 → utf8): `exceeded`, `met`, `not_met`, `no_data`, `not_applicable` |
//! | `ratio` | decimal128(38, `ratio_digits`) |
//! | `gap`, `result`, `baseline`, `achieved`, `threshold` | decimal128(38, s), `s` the largest scale in the column |
//! | `pro_rata` | bool |
//! | `provenance` | dictionary (int8 → utf8): `official`, `estimate`, `preliminary`; null without a result row |
//! | `explanation_vi`, `explanation_en` | utf8, only with [`ArrowOutput::explanations`] |
//!
//! The decimals keep their value exactly; a column has one scale, so `1.5` in a column of
//! scale 2 reads `1.50` (same value). A value that cannot be written at the column's scale
//! in 38 digits is an `overflow` error naming the column.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
//! use thidua_core::engine::arrow::{ArrowOutput, ArrowResults};
//! use thidua_core::engine::CompiledDirective;
//! use thidua_core::{Directive, EvaluationOptions};
//! // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
//! // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
//! // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
//! # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
//! # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
//! # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
//! # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
//! # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
//! # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
//! let c = CompiledDirective::new(&d, &EvaluationOptions::default())?;
//! let input = RecordBatch::try_from_iter([
//!     ("unit", Arc::new(StringArray::from(vec!["A", "A"])) as ArrayRef),
//!     ("target", Arc::new(StringArray::from(vec!["1", "2"])) as ArrayRef),
//!     ("period", Arc::new(StringArray::from(vec!["2024", "2024"])) as ArrayRef),
//!     ("value", Arc::new(Decimal128Array::from(vec![1012, 6370]).with_precision_and_scale(10, 2)?) as ArrayRef),
//! ])?;
//! let b = c.evaluate(&ArrowResults::new(&input)?)?;
//! let out = b.to_record_batch(&ArrowOutput::default())?;
//! assert_eq!(out.num_rows(), 5);
//! let ratio = out.column_by_name("ratio").ok_or("not found")?.as_any().downcast_ref::<Decimal128Array>().ok_or("not found")?;
//! assert_eq!(ratio.value_as_string(0), "101.20");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type,
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, Int32Array, Int8Array,
    RecordBatch, StringArray, UInt32Array,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use rust_decimal::Decimal;

use super::bytes::same_bytes;
use super::column::bits;
use super::float::decimal_from_f64;
use super::kernel::Fx;
use super::source::fixed;
use super::{BatchEvaluation, DecimalColumn, ResultSource};
use crate::error::{Error, Location, Result};
use crate::evaluate::Status;
use crate::quantity::Scale;
use crate::results::{
    ChangeFrom, ChangeUnit, Judgement, Period, Provenance, Qualifier, ResultEntry,
};

use super::cells::{cell, in_cell};
pub use super::cells::{RESULT_COLUMNS, RESULT_COLUMN_ALIASES};

fn bad_column(name: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        location: super::column_location(name),
        reason: reason.into(),
    }
}

/// A text column, read in place.
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    /// A dictionary: keys (validity included) into a text column.
    Dict {
        keys: Vec<Option<u32>>,
        values: Box<Text<'a>>,
    },
    /// Integers written as text once (`target` 1, `period` 2024): offsets into `data`.
    Owned {
        data: String,
        offsets: Vec<u32>,
        valid: Option<NullBuffer>,
    },
    Absent,
}

fn dict_keys<K: ArrowDictionaryKeyType>(d: &DictionaryArray<K>) -> Vec<Option<u32>> {
    d.keys()
        .iter()
        .map(|k| k.and_then(num_traits_u32))
        .collect()
}

fn num_traits_u32<T: arrow_buffer::ArrowNativeType>(k: T) -> Option<u32> {
    k.to_usize().and_then(|k| u32::try_from(k).ok())
}

impl<'a> Text<'a> {
    fn of(name: &str, a: &'a dyn Array) -> Result<Text<'a>> {
        Ok(match a.data_type() {
            DataType::Utf8 => Text::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Text::Large(a.as_string::<i64>()),
            DataType::Utf8View => Text::View(a.as_string_view()),
            DataType::Null => Text::Absent,
            DataType::Dictionary(k, _) => {
                macro_rules! dict {
                    ($kt:ty) => {{
                        let d = a.as_dictionary::<$kt>();
                        Text::Dict {
                            keys: dict_keys(d),
                            values: Box::new(Text::of(name, d.values().as_ref())?),
                        }
                    }};
                }
                match **k {
                    DataType::Int8 => dict!(Int8Type),
                    DataType::Int16 => dict!(Int16Type),
                    DataType::Int32 => dict!(Int32Type),
                    DataType::Int64 => dict!(Int64Type),
                    DataType::UInt8 => dict!(UInt8Type),
                    DataType::UInt16 => dict!(UInt16Type),
                    DataType::UInt32 => dict!(UInt32Type),
                    DataType::UInt64 => dict!(UInt64Type),
                    _ => return Err(bad_column(name, "unsupported dictionary key type")),
                }
            }
            t if t.is_integer() => {
                let mut data = String::new();
                let mut offsets = Vec::with_capacity(a.len() + 1);
                offsets.push(0u32);
                use std::fmt::Write;
                for i in 0..a.len() {
                    if a.is_valid(i) {
                        let v = int_at(a, i).unwrap_or_default();
                        let _ = write!(data, "{v}");
                    }
                    offsets.push(u32::try_from(data.len()).map_err(|_| {
                        bad_column(name, "too much text for one column")
                    })?);
                }
                Text::Owned {
                    data,
                    offsets,
                    valid: a.logical_nulls(),
                }
            }
            other => {
                return Err(bad_column(
                    name,
                    format!("expected text (utf8, large_utf8, utf8_view or a dictionary of them), found {other}"),
                ))
            }
        })
    }

    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            // The common case first, inlined; the others (and the recursion of a dictionary)
            // out of line.
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Absent => None,
            _ => self.get_other(i),
        }
    }

    #[inline(never)]
    fn get_other(&self, i: usize) -> Option<&str> {
        match self {
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Text::View(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Dict { keys, values } => keys[i].and_then(|k| values.get(k as usize)),
            Text::Owned {
                data,
                offsets,
                valid,
            } => {
                if valid.as_ref().is_some_and(|v| v.is_null(i)) {
                    return None;
                }
                Some(&data[offsets[i] as usize..offsets[i + 1] as usize])
            }
            Text::Absent => None,
        }
    }
}

fn int_at(a: &dyn Array, i: usize) -> Option<i128> {
    macro_rules! p {
        ($t:ty) => {
            a.as_primitive_opt::<$t>().map(|x| x.value(i) as i128)
        };
    }
    p!(Int64Type)
        .or_else(|| p!(Int32Type))
        .or_else(|| p!(Int16Type))
        .or_else(|| p!(Int8Type))
        .or_else(|| p!(UInt64Type))
        .or_else(|| p!(UInt32Type))
        .or_else(|| p!(UInt16Type))
        .or_else(|| p!(UInt8Type))
}

/// A numeric column, read in place.
enum Num<'a> {
    Dec {
        values: &'a [i128],
        scale: i8,
        nulls: Option<&'a NullBuffer>,
    },
    F64(&'a arrow_array::Float64Array),
    F32(&'a arrow_array::Float32Array),
    Int(&'a dyn Array),
    Text(Text<'a>),
    Absent,
}

impl<'a> Num<'a> {
    fn of(name: &str, a: &'a dyn Array) -> Result<Num<'a>> {
        Ok(match a.data_type() {
            DataType::Decimal128(_, _) => {
                let d: &Decimal128Array = a.as_primitive::<Decimal128Type>();
                Num::Dec {
                    values: d.values(),
                    scale: d.scale(),
                    nulls: d.nulls(),
                }
            }
            DataType::Float64 => Num::F64(a.as_primitive::<Float64Type>()),
            DataType::Float32 => Num::F32(a.as_primitive::<Float32Type>()),
            t if t.is_integer() => Num::Int(a),
            DataType::Null => Num::Absent,
            _ => Num::Text(Text::of(name, a).map_err(|_| {
                bad_column(
                    name,
                    format!(
                        "expected numbers (decimal128, integers, floats) or decimal text, found {}",
                        a.data_type()
                    ),
                )
            })?),
        })
    }

    #[inline]
    fn get(&self, i: usize, name: &str) -> Result<Option<Decimal>> {
        match self {
            Num::Dec {
                values,
                scale,
                nulls,
            } => {
                if nulls.is_some_and(|n| n.is_null(i)) {
                    return Ok(None);
                }
                let v = values[i];
                let d = if *scale >= 0 {
                    decimal_of_i128(v, *scale as u32)
                } else {
                    Decimal::try_from_i128_with_scale(v, 0).ok().and_then(|d| {
                        d.checked_mul(Decimal::from(
                            10i64.checked_pow(u32::from(scale.unsigned_abs()))?,
                        ))
                    })
                };
                d.map(Some).ok_or_else(|| {
                    let e = Error::invalid_number(
                        &format!("{v}e{}", -i32::from(*scale)),
                        "beyond the range of exact decimals (28 digits)",
                    );
                    in_cell(e, i, name)
                })
            }
            Num::F64(a) => {
                if a.is_null(i) || a.value(i).is_nan() {
                    return Ok(None);
                }
                decimal_from_f64(a.value(i))
                    .map(Some)
                    .map_err(|e| in_cell(e, i, name))
            }
            Num::F32(a) => {
                if a.is_null(i) || a.value(i).is_nan() {
                    return Ok(None);
                }
                // The shortest decimal of the f32 itself ("0.1f32" is 0.1), by the decimal rule.
                crate::decimal::parse(&a.value(i).to_string())
                    .map(Some)
                    .map_err(|e| in_cell(e, i, name))
            }
            Num::Int(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                crate::decimal::from_i128(int_at(*a, i).unwrap_or_default())
                    .map(Some)
                    .map_err(|e| in_cell(e, i, name))
            }
            Num::Text(t) => match t.get(i) {
                None => Ok(None),
                Some(s) if s.trim().is_empty() => Ok(None),
                // The package's one rule for decimal text, as in JSON.
                Some(s) => crate::decimal::parse(s)
                    .map(Some)
                    .map_err(|e| in_cell(e, i, name)),
            },
            Num::Absent => Ok(None),
        }
    }
}

impl Num<'_> {
    /// Cell `i` as a fixed-point number (`Some(None)` when missing, `None` when it does not
    /// fit), as [`get`](Num::get) then [`fixed`] give it: a decimal128 value of up to 28
    /// decimals whose mantissa fits `i64` is read as it is, without a `Decimal` between.
    #[inline(always)]
    fn fixed(&self, i: usize, name: &str) -> Result<Option<Option<Fx>>> {
        if let Num::Dec {
            values,
            scale,
            nulls,
        } = self
        {
            if (0..=28).contains(scale) {
                if nulls.is_some_and(|n| n.is_null(i)) {
                    return Ok(Some(None));
                }
                let v = values[i];
                if v.unsigned_abs() < 1 << 63 {
                    return Ok(Some(Some(Fx {
                        m: v as i64,
                        s: *scale as u32,
                    })));
                }
            }
        }
        Ok(fixed(self.get(i, name)?))
    }
}

/// `m × 10^-s` as a `Decimal`: the mantissa as it is when it fits 96 bits, else with its
/// trailing zeros dropped (a decimal128 column of scale 2 holds `7.9·10²⁸` as `…00`, which is
/// the same value); `None` beyond the range of `Decimal`.
#[inline]
fn decimal_of_i128(mut m: i128, mut s: u32) -> Option<Decimal> {
    loop {
        if let Ok(d) = Decimal::try_from_i128_with_scale(m, s) {
            return Some(d);
        }
        if s == 0 || m % 10 != 0 {
            return None;
        }
        m /= 10;
        s -= 1;
    }
}

/// A boolean column (`not_applicable`).
enum Flag<'a> {
    Bool(&'a BooleanArray),
    Absent,
}

/// An integer column (`out_of`, `baseline_out_of`).
enum Count<'a> {
    Int(&'a dyn Array),
    F64(&'a arrow_array::Float64Array),
    Absent,
}

impl<'a> Flag<'a> {
    /// The `not_applicable` column: booleans, or absent (missing or all null).
    fn of(a: Option<&'a dyn Array>) -> Result<Flag<'a>> {
        Ok(match a {
            None => Flag::Absent,
            Some(a) if *a.data_type() == DataType::Boolean => Flag::Bool(a.as_boolean()),
            Some(a) if *a.data_type() == DataType::Null => Flag::Absent,
            Some(a) => {
                return Err(bad_column(
                    "not_applicable",
                    format!("expected booleans, found {}", a.data_type()),
                ))
            }
        })
    }
}

impl<'a> Count<'a> {
    /// Count column `name`: integers or floats, or absent (missing or all null).
    fn of(name: &str, a: Option<&'a dyn Array>) -> Result<Count<'a>> {
        Ok(match a {
            None => Count::Absent,
            Some(a) if a.data_type().is_integer() => Count::Int(a),
            Some(a) if *a.data_type() == DataType::Float64 => {
                Count::F64(a.as_primitive::<Float64Type>())
            }
            Some(a) if *a.data_type() == DataType::Null => Count::Absent,
            Some(a) => {
                return Err(bad_column(
                    name,
                    format!("expected integers, found {}", a.data_type()),
                ))
            }
        })
    }
}

impl Count<'_> {
    fn is_null(&self, i: usize) -> bool {
        match self {
            Count::Int(a) => a.is_null(i),
            Count::F64(a) => a.is_null(i) || a.value(i).is_nan(),
            Count::Absent => true,
        }
    }
}

/// A date column (`date`): `date32` / `date64` (pyarrow and polars dates), a timestamp without
/// a time zone or in UTC at midnight (a pandas `datetime64[ns]` column of days), or ISO text
/// (`"2025-03-15"`, read by the same rule as JSON).
enum Dates<'a> {
    Date32(&'a arrow_array::Date32Array),
    Date64(&'a arrow_array::Date64Array),
    Stamp(&'a dyn Array, TimeUnit),
    Text(Text<'a>),
    Absent,
}

impl<'a> Dates<'a> {
    fn of(name: &str, a: &'a dyn Array) -> Result<Dates<'a>> {
        Ok(match a.data_type() {
            DataType::Date32 => Dates::Date32(a.as_primitive::<Date32Type>()),
            DataType::Date64 => Dates::Date64(a.as_primitive::<Date64Type>()),
            DataType::Timestamp(unit, tz) => {
                if let Some(tz) = tz
                    .as_deref()
                    .filter(|z| !matches!(*z, "UTC" | "+00:00" | "Z"))
                {
                    return Err(bad_column(
                        name,
                        format!(
                            "a timestamp in the time zone {tz:?}: give the date of the figure \
                             (a date column, ISO text \"2025-03-15\", or a timestamp without a \
                             time zone)"
                        ),
                    ));
                }
                Dates::Stamp(a, *unit)
            }
            DataType::Null => Dates::Absent,
            _ => Dates::Text(Text::of(name, a).map_err(|_| {
                bad_column(
                    name,
                    format!(
                        "expected dates (date32, date64, a timestamp at midnight) or ISO text \
                         (\"2025-03-15\"), found {}",
                        a.data_type()
                    ),
                )
            })?),
        })
    }

    fn is_null(&self, i: usize) -> bool {
        match self {
            Dates::Date32(a) => a.is_null(i),
            Dates::Date64(a) => a.is_null(i),
            Dates::Stamp(a, _) => a.is_null(i),
            Dates::Text(t) => t.get(i).is_none(),
            Dates::Absent => true,
        }
    }

    fn get(&self, i: usize, name: &str) -> Result<Option<chrono::NaiveDate>> {
        use arrow_array::temporal_conversions as tc;
        if self.is_null(i) {
            return Ok(None);
        }
        let (at, raw) = match self {
            Dates::Date32(a) => (tc::date32_to_datetime(a.value(i)), a.value(i).to_string()),
            Dates::Date64(a) => (tc::date64_to_datetime(a.value(i)), a.value(i).to_string()),
            Dates::Stamp(a, unit) => {
                let v = a
                    .as_primitive_opt::<TimestampSecondType>()
                    .map(|x| x.value(i))
                    .or_else(|| {
                        a.as_primitive_opt::<TimestampMillisecondType>()
                            .map(|x| x.value(i))
                    })
                    .or_else(|| {
                        a.as_primitive_opt::<TimestampMicrosecondType>()
                            .map(|x| x.value(i))
                    })
                    .or_else(|| {
                        a.as_primitive_opt::<TimestampNanosecondType>()
                            .map(|x| x.value(i))
                    })
                    .unwrap_or_default();
                let at = match unit {
                    TimeUnit::Second => tc::timestamp_s_to_datetime(v),
                    TimeUnit::Millisecond => tc::timestamp_ms_to_datetime(v),
                    TimeUnit::Microsecond => tc::timestamp_us_to_datetime(v),
                    TimeUnit::Nanosecond => tc::timestamp_ns_to_datetime(v),
                };
                (at, v.to_string())
            }
            // The JSON path's rule: serde's reading of a `NaiveDate`.
            Dates::Text(t) => return parse_text(t, i, name),
            Dates::Absent => return Ok(None),
        };
        let bad = |reason: String| Error::invalid_input(cell(i, name), reason);
        let at = at.ok_or_else(|| bad(format!("{raw}: beyond the range of dates")))?;
        if at.time() != chrono::NaiveTime::MIN {
            return Err(super::cells::time_of_day(at, i, name));
        }
        Ok(Some(at.date()))
    }
}

/// A text cell read by the serde rule of the JSON path (the field's own type: an enum by its
/// snake_case name, a date in ISO form); empty text is an absent field.
fn parse_text<T>(t: &Text<'_>, i: usize, name: &str) -> Result<Option<T>>
where
    T: serde::de::DeserializeOwned,
{
    match t.get(i) {
        None | Some("") => Ok(None),
        Some(s) => {
            // The text itself as the deserializer (no `String`, no JSON value per cell).
            let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s);
            match T::deserialize(de) {
                Ok(x) => Ok(Some(x)),
                // Only on the error path: the JSON path's reader, for its very error (same
                // code, same message) at the cell's path.
                Err(_) => Err(
                    match crate::json::from_value::<T>(
                        serde_json::Value::String(s.to_string()),
                        "result set",
                    ) {
                        // serde's message may not quote the text (chrono's does not): the
                        // context does, as `Period`'s own (`date "15/03/2025"`).
                        Err(e) => in_cell(e, i, name)
                            .with_context(|| format!("{name} {:?}", crate::error::excerpt(s))),
                        Ok(_) => Error::invalid_input(cell(i, name), "cannot be read"),
                    },
                ),
            }
        }
    }
}

/// Refuses a column of `batch` that is neither a result column nor an alias of one.
fn check_known(batch: &RecordBatch) -> Result<()> {
    let known =
        |n: &str| RESULT_COLUMNS.contains(&n) || RESULT_COLUMN_ALIASES.iter().any(|(a, _)| *a == n);
    for f in batch.schema().fields() {
        if !known(f.name()) {
            return Err(bad_column(
                f.name(),
                format!(
                    "unknown column (the columns are {}, and `status` for \
                     `provenance`; pass ignore_extra to skip others)",
                    RESULT_COLUMNS.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// A null in required column `name` (read as `t`) is a missing field: the JSON path's error at
/// the first such row.
fn first_missing(name: &str, a: &dyn Array, t: &Text<'_>, len: usize) -> Result<()> {
    if a.logical_nulls().is_some_and(|n| n.null_count() > 0) {
        if let Some(i) = (0..len).find(|&i| t.get(i).is_none()) {
            return Err(in_cell(
                Error::json_at(
                    "result set",
                    format!("missing field `{name}`"),
                    Location::new(),
                ),
                i,
                name,
            ));
        }
    }
    Ok(())
}

/// The periods, parsed once per distinct text (consecutive rows usually share one), and each
/// row's index into them (`None` where the text is no period: the row's reading says why).
fn parse_periods(period: &Text<'_>, len: usize) -> (Vec<Option<Period>>, Vec<u32>) {
    let mut periods: Vec<Option<Period>> = Vec::new();
    let mut texts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut period_key = vec![0u32; len];
    fn key<'t>(
        s: &'t str,
        texts: &mut std::collections::HashMap<&'t str, u32>,
        periods: &mut Vec<Option<Period>>,
    ) -> u32 {
        *texts.entry(s).or_insert_with(|| {
            periods.push(Period::from_str(s).ok());
            (periods.len() - 1) as u32
        })
    }
    match period {
        // The common case, read from the buffers: a run of rows with the same text (the same
        // bytes as the row before) takes the key of the run.
        Text::Utf8(a) if a.null_count() == 0 => {
            let (offsets, data) = (a.value_offsets(), a.value_data());
            let mut prev: (&[u8], u32) = (&[], u32::MAX);
            for (i, k) in period_key.iter_mut().enumerate() {
                let b = &data[offsets[i] as usize..offsets[i + 1] as usize];
                if !same_bytes(b, prev.0) || prev.1 == u32::MAX {
                    prev = (b, key(a.value(i), &mut texts, &mut periods));
                }
                *k = prev.1;
            }
        }
        _ => {
            let mut prev: Option<(&str, u32)> = None;
            for (i, k) in period_key.iter_mut().enumerate() {
                let s = period.get(i).unwrap_or("");
                *k = match prev {
                    Some((p, k)) if p == s => k,
                    _ => {
                        let k = key(s, &mut texts, &mut periods);
                        prev = Some((s, k));
                        k
                    }
                };
            }
        }
    }
    (periods, period_key)
}

/// The name `provenance` is read by: `status` is read as `provenance` (the serde alias); both
/// at once is refused, as JSON refuses a row with both.
fn provenance_name(
    provenance: Option<&dyn Array>,
    status: Option<&dyn Array>,
) -> Result<&'static str> {
    match (provenance, status) {
        (Some(_), Some(_)) => Err(bad_column(
            "status",
            "`status` is another name for `provenance`: give one of the two columns",
        )),
        (None, Some(_)) => Ok("status"),
        _ => Ok("provenance"),
    }
}

/// Results as Arrow columns, read in place by the engine (see the [module
/// documentation](self)).
pub struct ArrowResults<'a> {
    len: usize,
    unit: Text<'a>,
    target: Text<'a>,
    component: Text<'a>,
    period: Text<'a>,
    /// Parsed periods, one per distinct period text.
    periods: Vec<Option<Period>>,
    period_key: Vec<u32>,
    value: Num<'a>,
    value_high: Num<'a>,
    qualifier: Text<'a>,
    baseline: Num<'a>,
    share_of_plan: Num<'a>,
    plan_level: Text<'a>,
    change: Num<'a>,
    change_unit: Text<'a>,
    change_from: Text<'a>,
    scale: Text<'a>,
    value_unit: Text<'a>,
    out_of: Count<'a>,
    baseline_out_of: Count<'a>,
    judgement: Text<'a>,
    not_applicable: Flag<'a>,
    provenance: Text<'a>,
    /// The name `provenance` was given by (`provenance` or its alias `status`).
    provenance_name: &'static str,
    date: Dates<'a>,
    reported: Text<'a>,
    source: Text<'a>,
    note: Text<'a>,
    /// Whether any row may leave the fast path for a reason other than its numbers.
    any_extra: bool,
}

/// The columns the fast path reads itself; a value in any other [`RESULT_COLUMNS`] entry
/// (`scale` too, although it may equal the target's) may take its row off the fast path.
const FAST_COLUMNS: &[&str] = &[
    "unit",
    "target",
    "period",
    "value",
    "baseline",
    "provenance",
];

impl<'a> ArrowResults<'a> {
    /// Reads `batch`; an unknown column is an error.
    pub fn new(batch: &'a RecordBatch) -> Result<ArrowResults<'a>> {
        Self::with_options(batch, false)
    }

    /// Reads `batch`, ignoring unknown columns when `ignore_extra`.
    pub fn with_options(batch: &'a RecordBatch, ignore_extra: bool) -> Result<ArrowResults<'a>> {
        if !ignore_extra {
            check_known(batch)?;
        }
        let col = |name: &str| batch.column_by_name(name).map(|a| a.as_ref());
        let need = |name: &str| {
            col(name)
                .ok_or_else(|| bad_column(name, "missing (unit, target and period are required)"))
        };
        let text = |name: &str| match col(name) {
            Some(a) => Text::of(name, a),
            None => Ok(Text::Absent),
        };
        let num = |name: &str| match col(name) {
            Some(a) => Num::of(name, a),
            None => Ok(Num::Absent),
        };
        let count = |name: &str| Count::of(name, col(name));
        let unit = Text::of("unit", need("unit")?)?;
        let target = Text::of("target", need("target")?)?;
        let period = Text::of("period", need("period")?)?;
        let len = batch.num_rows();
        // A null unit or target is a missing field: the JSON path's error at the first such
        // row (a null period is found when the row is read, by the same error).
        for (name, t) in [("unit", &unit), ("target", &target)] {
            first_missing(name, need(name)?, t, len)?;
        }
        let (periods, period_key) = parse_periods(&period, len);
        let not_applicable = Flag::of(col("not_applicable"))?;
        let provenance_name = provenance_name(col("provenance"), col("status"))?;
        let date = match col("date") {
            Some(a) => Dates::of("date", a)?,
            None => Dates::Absent,
        };
        let any_extra = RESULT_COLUMNS
            .iter()
            .filter(|c| !FAST_COLUMNS.contains(c))
            .any(|c| col(c).is_some_and(|a| a.null_count() < a.len()));
        Ok(ArrowResults {
            len,
            component: text("component")?,
            value: num("value")?,
            value_high: num("value_high")?,
            qualifier: text("qualifier")?,
            baseline: num("baseline")?,
            share_of_plan: num("share_of_plan")?,
            plan_level: text("plan_level")?,
            change: num("change")?,
            change_unit: text("change_unit")?,
            change_from: text("change_from")?,
            scale: text("scale")?,
            value_unit: text("value_unit")?,
            out_of: count("out_of")?,
            baseline_out_of: count("baseline_out_of")?,
            judgement: text("judgement")?,
            not_applicable,
            provenance: text(provenance_name)?,
            provenance_name,
            date,
            reported: text("reported")?,
            source: text("source")?,
            note: text("note")?,
            unit,
            target,
            period,
            periods,
            period_key,
            any_extra,
        })
    }

    /// A count cell (`out_of`, `baseline_out_of`) by the field's type, a `u32`, and on a bad
    /// one the JSON path's very error (`json`, serde's message) at `results[i].name`.
    fn count_at(c: &Count<'_>, i: usize, name: &str) -> Result<Option<u32>> {
        let number = match c {
            Count::Absent => return Ok(None),
            Count::Int(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                let v = int_at(*a, i).unwrap_or_default();
                if let Ok(n) = u32::try_from(v) {
                    return Ok(Some(n));
                }
                i64::try_from(v)
                    .map(serde_json::Value::from)
                    .or_else(|_| u64::try_from(v).map(serde_json::Value::from))
                    .unwrap_or_else(|_| serde_json::Value::from(v as f64))
            }
            Count::F64(a) => {
                if a.is_null(i) || a.value(i).is_nan() {
                    return Ok(None);
                }
                let v = a.value(i);
                if let Some(n) = super::cells::whole_f64(v) {
                    return Ok(Some(n));
                }
                // ±∞ is no JSON number: serde's message for it is the same type error.
                serde_json::Value::from(v)
            }
        };
        match super::cells::count(number, i, name) {
            Err(e) => Err(e),
            Ok(_) => Err(Error::invalid_input(cell(i, name), "cannot be read")),
        }
    }

    /// The provenance of row `i` from its column (out of line: the column is usually absent).
    #[inline(never)]
    fn provenance_at(&self, i: usize) -> Result<Option<Provenance>> {
        self.parsed(&self.provenance, i, self.provenance_name)
    }

    fn parsed<T>(&self, t: &Text<'_>, i: usize, name: &str) -> Result<Option<T>>
    where
        T: serde::de::DeserializeOwned,
    {
        parse_text(t, i, name)
    }

    /// Whether every column that takes a row off the fast path is empty in row `i`.
    fn extras_absent(&self, i: usize) -> bool {
        let num_absent = |n: &Num<'_>, name: &str| matches!(n.get(i, name), Ok(None));
        self.component.get(i).is_none()
            && self.value_unit.get(i).is_none()
            && self.judgement.get(i).is_none()
            && !self.not_applicable(i).unwrap_or(true)
            && self.out_of.is_null(i)
            && self.baseline_out_of.is_null(i)
            && self.qualifier.get(i).is_none()
            && self.plan_level.get(i).is_none()
            && self.change_unit.get(i).is_none()
            && self.change_from.get(i).is_none()
            && self.reported.get(i).is_none()
            && self.source.get(i).is_none()
            && self.note.get(i).is_none()
            && self.date.is_null(i)
            && num_absent(&self.value_high, "value_high")
            && num_absent(&self.share_of_plan, "share_of_plan")
            && num_absent(&self.change, "change")
    }
}

impl ResultSource for ArrowResults<'_> {
    fn rows(&self) -> usize {
        self.len
    }
    #[inline]
    fn unit(&self, i: usize) -> &str {
        self.unit.get(i).unwrap_or("")
    }
    #[inline]
    fn target(&self, i: usize) -> &str {
        self.target.get(i).unwrap_or("")
    }
    #[inline]
    fn component(&self, i: usize) -> Option<&str> {
        self.component.get(i)
    }
    #[inline]
    fn period(&self, i: usize) -> Result<Period> {
        match self.periods[self.period_key[i] as usize] {
            Some(p) => Ok(p),
            None => {
                // A null cell is a missing field: the JSON path's error (`json`, "missing
                // field `period`") at the same path, `results[i].period`.
                let e = match self.period.get(i) {
                    None => Error::json_at("result set", "missing field `period`", Location::new()),
                    Some(s) => Period::from_str(s).err().unwrap_or(Error::InvalidPeriod {
                        location: Location::new(),
                        reason: "cannot be read".into(),
                    }),
                };
                Err(in_cell(e, i, "period"))
            }
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
    #[inline(always)]
    fn fixed_numbers(&self, i: usize) -> Result<Option<(Option<Fx>, Option<Fx>)>> {
        let v = self.value.fixed(i, "value")?;
        let b = self.baseline.fixed(i, "baseline")?;
        Ok(v.zip(b))
    }
    #[inline(always)]
    fn provenance(&self, i: usize) -> Result<Option<Provenance>> {
        if matches!(self.provenance, Text::Absent) {
            return Ok(None);
        }
        self.provenance_at(i)
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(match &self.not_applicable {
            Flag::Bool(a) => a.is_valid(i) && a.value(i),
            Flag::Absent => false,
        })
    }
    #[inline]
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        if !self.any_extra {
            return true;
        }
        self.extras_absent(i)
            && match self.scale.get(i) {
                None => true,
                Some(s) => {
                    self.parsed::<Scale>(&self.scale, i, "scale").ok().flatten()
                        == Some(target_scale)
                        && !s.is_empty()
                }
            }
    }
    /// Text columns keep each value's decimals; a decimal128, float or integer column does not
    /// (its scale is the column's).
    fn decimals_as_written(&self) -> bool {
        matches!(self.value, Num::Text(_) | Num::Absent)
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        Ok(Cow::Owned(ResultEntry {
            unit: self.unit(i).to_string(),
            target: self.target(i).to_string(),
            component: self.component(i).map(str::to_string),
            period: self.period(i)?,
            value: self.value(i)?,
            value_high: self.value_high.get(i, "value_high")?,
            qualifier: self.parsed::<Qualifier>(&self.qualifier, i, "qualifier")?,
            baseline: self.baseline(i)?,
            share_of_plan: self.share_of_plan.get(i, "share_of_plan")?,
            plan_level: self.plan_level.get(i).map(str::to_string),
            change: self.change.get(i, "change")?,
            change_unit: self.parsed::<ChangeUnit>(&self.change_unit, i, "change_unit")?,
            change_from: self.parsed::<ChangeFrom>(&self.change_from, i, "change_from")?,
            scale: self.parsed(&self.scale, i, "scale")?,
            // The core's rule for the field (an empty string is absent) and the JSON path's
            // error.
            value_unit: match self.value_unit.get(i) {
                None => None,
                Some(s) => crate::results::deserialize_value_unit(serde_json::Value::from(s))
                    .map_err(|e| {
                        in_cell(Error::json("result set", &e), i, "value_unit")
                            .with_context(|| format!("value_unit {:?}", crate::error::excerpt(s)))
                    })?,
            },
            out_of: Self::count_at(&self.out_of, i, "out_of")?,
            baseline_out_of: Self::count_at(&self.baseline_out_of, i, "baseline_out_of")?,
            judgement: self.parsed::<Judgement>(&self.judgement, i, "judgement")?,
            not_applicable: self.not_applicable(i)?,
            provenance: self.provenance(i)?,
            date: self.date.get(i, "date")?,
            reported: self.reported.get(i).map(str::to_string),
            source: self.source.get(i).map(str::to_string),
            note: self.note.get(i).map(str::to_string),
        }))
    }
}

/// What [`BatchEvaluation::to_record_batch`] writes besides the numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArrowOutput {
    /// Add `explanation_vi` and `explanation_en` (built for every row: the slow part).
    pub explanations: bool,
}

impl ArrowOutput {
    /// With the explanation columns.
    pub fn with_explanations(mut self, yes: bool) -> Self {
        self.explanations = yes;
        self
    }
}

const STATUS_NAMES: [&str; 6] = [
    "exceeded",
    "met",
    "not_met",
    "no_data",
    "not_applicable",
    "basically_met",
];

fn status_code(s: Status) -> i8 {
    match s {
        Status::Exceeded => 0,
        Status::Met => 1,
        Status::NotMet => 2,
        Status::NoData => 3,
        Status::NotApplicable => 4,
        Status::BasicallyMet => 5,
    }
}

/// The output's `provenance` dictionary (the serde names), indexed by [`provenance_code`].
const PROVENANCE_NAMES: [&str; 3] = ["official", "estimate", "preliminary"];

fn provenance_code(p: Provenance) -> i8 {
    match p {
        Provenance::Official => 0,
        Provenance::Estimate => 1,
        Provenance::Preliminary => 2,
    }
}

fn dict(keys: Int32Array, values: Vec<&str>) -> Result<ArrayRef> {
    DictionaryArray::<Int32Type>::try_new(keys, Arc::new(StringArray::from(values)))
        .map(|d| Arc::new(d) as ArrayRef)
        .map_err(|e| Error::InvalidInput {
            location: "output".into(),
            reason: e.to_string(),
        })
}

/// `pattern` (one value per target) repeated for each of `groups` groups: a per-target
/// column, without a division per row.
fn tiled<T: Copy>(pattern: &[T], groups: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(pattern.len() * groups);
    for _ in 0..groups {
        v.extend_from_slice(pattern);
    }
    v
}

/// Each group's key repeated for its `nt` rows.
fn per_group(keys: &[i32], nt: usize) -> Int32Array {
    let mut v = Vec::with_capacity(keys.len() * nt);
    for &k in keys {
        v.resize(v.len() + nt, k);
    }
    Int32Array::from(v)
}

/// A per-target text column: a dictionary of its distinct values (pandas needs them unique),
/// keyed through the target of each row.
fn per_target<'a>(nt: usize, groups: usize, f: impl Fn(usize) -> &'a str) -> Result<ArrayRef> {
    let mut values: Vec<&str> = Vec::new();
    let of: Vec<i32> = (0..nt)
        .map(|t| {
            let v = f(t);
            let k = values.iter().position(|x| *x == v).unwrap_or_else(|| {
                values.push(v);
                values.len() - 1
            });
            k as i32
        })
        .collect();
    dict(Int32Array::from(tiled(&of, groups)), values)
}

/// A decimal column at one scale (the largest of its values, or `scale` when given): the
/// fixed-point mantissas lifted to it in one pass.
fn decimals(name: &str, v: &DecimalColumn, scale: Option<u32>) -> Result<ArrayRef> {
    let s = scale.unwrap_or_else(|| v.max_scale());
    let Some(out) = v.mantissas_at(s) else {
        return Err(Error::overflow(
            format!("column {name:?}"),
            format!("decimal128(38, {s})"),
        ));
    };
    Decimal128Array::try_new(ScalarBuffer::from(out), v.validity())
        .and_then(|a| a.with_precision_and_scale(38, s as i8))
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| Error::InvalidInput {
            location: format!("column {name:?}").into(),
            reason: e.to_string(),
        })
}

/// The columns of an output batch, in order, with their fields.
#[derive(Default)]
struct OutColumns {
    fields: Vec<Field>,
    cols: Vec<ArrayRef>,
}

impl OutColumns {
    /// Appends column `name`.
    fn add(&mut self, name: &str, a: ArrayRef, nullable: bool) {
        self.fields
            .push(Field::new(name, a.data_type().clone(), nullable));
        self.cols.push(a);
    }
}

impl BatchEvaluation {
    /// The evaluation as an Arrow `RecordBatch` (columns in the [module
    /// documentation](self)).
    pub fn to_record_batch(&self, output: &ArrowOutput) -> Result<RecordBatch> {
        let status = self.status_column()?;
        let provenance = self.provenance_column()?;
        let mut out = OutColumns::default();
        self.key_columns(&mut out)?;
        out.add("status", status, false);
        self.number_columns(&mut out)?;
        out.add("provenance", provenance, true);
        if output.explanations {
            let n = self.rows();
            let (mut vi, mut en) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for r in 0..n {
                let e = self.explanation(r);
                vi.push(e.vi);
                en.push(e.en);
            }
            out.add("explanation_vi", Arc::new(StringArray::from(vi)), false);
            out.add("explanation_en", Arc::new(StringArray::from(en)), false);
        }
        RecordBatch::try_new(Arc::new(Schema::new(out.fields)), out.cols).map_err(|e| {
            Error::InvalidInput {
                location: "output".into(),
                reason: e.to_string(),
            }
        })
    }

    /// The `status` column: a dictionary of the status names.
    fn status_column(&self) -> Result<ArrayRef> {
        let status = DictionaryArray::<Int8Type>::try_new(
            Int8Array::from_iter_values(self.status().iter().map(|s| status_code(*s))),
            Arc::new(StringArray::from(STATUS_NAMES.to_vec())),
        )
        .map_err(|e| Error::InvalidInput {
            location: "output".into(),
            reason: format!("column status: {e}"),
        })?;
        Ok(Arc::new(status))
    }

    /// The `provenance` column: a dictionary of the provenance names, null where none.
    fn provenance_column(&self) -> Result<ArrayRef> {
        let p = self.provenance();
        let codes = p.iter().map(|p| p.map_or(0, provenance_code));
        let nulls = Some(NullBuffer::new(bits(p, Option::is_some))).filter(|b| b.null_count() > 0);
        let provenance = DictionaryArray::<Int8Type>::try_new(
            Int8Array::new(ScalarBuffer::from_iter(codes), nulls),
            Arc::new(StringArray::from(PROVENANCE_NAMES.to_vec())),
        )
        .map_err(|e| Error::InvalidInput {
            location: "output".into(),
            reason: format!("column provenance: {e}"),
        })?;
        Ok(Arc::new(provenance))
    }

    /// The columns that say which row this is: `unit`, `period` (one dictionary entry each,
    /// in order of first appearance), `target`, `item`, `name`, `kind`, `target_text` (keyed
    /// by the target of each row). The units come numbered from the evaluation; only the
    /// periods are looked up, once a group.
    fn key_columns(&self, out: &mut OutColumns) -> Result<()> {
        let c = &self.compiled().inner;
        let nt = c.targets.len();
        let (units, groups) = self.group_keys();
        let ng = groups.len();
        debug_assert_eq!(ng * nt, self.rows());
        let mut unit_key = vec![-1i32; units.len()];
        let mut unit_names: Vec<&str> = Vec::new();
        let mut period_names: Vec<String> = Vec::new();
        let mut period_index = std::collections::HashMap::new();
        let mut last_period: Option<(Period, i32)> = None;
        let mut gkeys_u = Vec::with_capacity(ng);
        let mut gkeys_p = Vec::with_capacity(ng);
        for &(u, p) in groups {
            let k = &mut unit_key[u as usize];
            if *k < 0 {
                unit_names.push(units[u as usize]);
                *k = (unit_names.len() - 1) as i32;
            }
            gkeys_u.push(*k);
            let pk = match last_period {
                Some((q, k)) if q == p => k,
                _ => {
                    let k = *period_index.entry(p).or_insert_with(|| {
                        period_names.push(p.to_string());
                        (period_names.len() - 1) as i32
                    });
                    last_period = Some((p, k));
                    k
                }
            };
            gkeys_p.push(pk);
        }
        out.add("unit", dict(per_group(&gkeys_u, nt), unit_names)?, false);
        let periods = period_names.iter().map(String::as_str).collect();
        out.add("period", dict(per_group(&gkeys_p, nt), periods)?, false);
        let tkeys: Vec<i32> = (0..nt as i32).collect();
        let ids = c.targets.iter().map(|t| t.id.as_str()).collect();
        out.add(
            "target",
            dict(Int32Array::from(tiled(&tkeys, ng)), ids)?,
            false,
        );
        let items: Vec<u32> = c.targets.iter().map(|t| t.item).collect();
        out.add(
            "item",
            Arc::new(UInt32Array::from(tiled(&items, ng))),
            false,
        );
        let name = per_target(nt, ng, |t| c.targets[t].name.as_str())?;
        out.add("name", name, false);
        let kind = per_target(nt, ng, |t| c.targets[t].kind.as_str())?;
        out.add("kind", kind, false);
        let text = per_target(nt, ng, |t| c.targets[t].text_vi.as_str())?;
        out.add("target_text", text, false);
        Ok(())
    }

    /// The numbers of each row: `ratio` (at the options' digits), `gap`, `result`,
    /// `baseline`, `achieved`, `threshold` (decimals), `pro_rata`.
    fn number_columns(&self, out: &mut OutColumns) -> Result<()> {
        let digits = self.compiled().inner.opts.ratio_digits;
        out.add(
            "ratio",
            decimals("ratio", self.ratio(), Some(digits))?,
            true,
        );
        out.add("gap", decimals("gap", self.gap(), None)?, true);
        out.add("result", decimals("result", self.result(), None)?, true);
        let baseline = decimals("baseline", self.baseline(), None)?;
        out.add("baseline", baseline, true);
        let achieved = decimals("achieved", self.achieved(), None)?;
        out.add("achieved", achieved, true);
        let threshold = decimals("threshold", self.threshold(), None)?;
        out.add("threshold", threshold, true);
        let pr = self.pro_rata();
        let pro_rata = BooleanArray::new(bits(pr, |&b| b), None);
        out.add("pro_rata", Arc::new(pro_rata), false);
        Ok(())
    }

    /// One row per unit and period: `unit`, `period`, the counts of the headline (`total`,
    /// `met_or_exceeded`, `exceeded`, `met`, `not_met`, `no_data`, `not_applicable`, uint32),
    /// and with `headlines` the sentences `headline_vi`, `headline_en`.
    pub fn summary_record_batch(&self, headlines: bool) -> Result<RecordBatch> {
        let g = self.groups();
        let sums: Vec<_> = (0..g).map(|i| self.summary(i)).collect();
        let mut fields = Vec::new();
        let mut cols: Vec<ArrayRef> = Vec::new();
        let mut add = |name: &str, a: ArrayRef| {
            fields.push(Field::new(name, a.data_type().clone(), false));
            cols.push(a);
        };
        add(
            "unit",
            Arc::new(StringArray::from_iter_values(
                (0..g).map(|i| self.group(i).0),
            )),
        );
        add(
            "period",
            Arc::new(StringArray::from_iter_values(
                (0..g).map(|i| self.group(i).1.to_string()),
            )),
        );
        macro_rules! count {
            ($f:ident) => {
                add(
                    stringify!($f),
                    Arc::new(UInt32Array::from_iter_values(sums.iter().map(|s| s.$f))),
                )
            };
        }
        count!(total);
        count!(met_or_exceeded);
        count!(exceeded);
        count!(met);
        count!(not_met);
        count!(no_data);
        count!(not_applicable);
        if headlines {
            add(
                "headline_vi",
                Arc::new(StringArray::from_iter_values(
                    sums.iter().map(|s| s.headline_vi.as_str()),
                )),
            );
            add(
                "headline_en",
                Arc::new(StringArray::from_iter_values(
                    sums.iter().map(|s| s.headline_en.as_str()),
                )),
            );
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(|e| Error::InvalidInput {
            location: "summary output".into(),
            reason: e.to_string(),
        })
    }
}

/// Concatenates several batches of one schema into one (for sources in chunks).
pub fn concat(batches: &[RecordBatch]) -> Result<RecordBatch> {
    let Some(first) = batches.first() else {
        return Err(Error::InvalidInput {
            location: "results".into(),
            reason: "no record batch".into(),
        });
    };
    arrow_select::concat::concat_batches(&first.schema(), batches).map_err(|e| {
        Error::InvalidInput {
            location: "results".into(),
            reason: e.to_string(),
        }
    })
}
