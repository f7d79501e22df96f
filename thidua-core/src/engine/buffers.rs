//! Results from flat column buffers — what a binding hands over when it has turned whole
//! columns (NumPy arrays, pandas Series, lists) into bytes with vectorised operations, without
//! Arrow. The core owns every rule of a cell here, as on the JSON and Arrow paths: text is a
//! plain decimal by [`crate::decimal::parse`], a float is its shortest round-trip decimal
//! ([`crate::decimal::from_f64`]), an integer is exact, a missing cell (not valid, or a float
//! NaN) is an absent field, ±infinity is an `invalid_number` error; enums and scale words are
//! read by their serde names and aliases; a count by its type (`u32`); a date in ISO form.
//!
//! ```
//! use thidua_core::engine::buffers::{read_buffers, ColumnBuffer};
//! // Two rows: "unit" and "target" as UTF-8 text with offsets, "period" fixed-width UCS-4,
//! // "value" as float64 with the second row missing.
//! let offsets = |o: &[i64]| o.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
//! let (uo, to) = (offsets(&[0, 1, 2]), offsets(&[0, 1, 2]));
//! let period: Vec<u8> = "2024".chars().chain("2024".chars()).flat_map(|c| (c as u32).to_le_bytes()).collect();
//! let value: Vec<u8> = [0.1f64, 0.0].iter().flat_map(|x| x.to_le_bytes()).collect();
//! let columns = [
//!     ("unit", ColumnBuffer::Utf8 { offsets: &uo, data: b"AB", valid: None }),
//!     ("target", ColumnBuffer::Utf8 { offsets: &to, data: b"11", valid: None }),
//!     ("period", ColumnBuffer::Utf32 { data: &period, width: 4, valid: None }),
//!     ("value", ColumnBuffer::F64 { data: &value, valid: Some(&[1, 0]) }),
//! ];
//! let rows = read_buffers(2, &columns, false)?;
//! assert_eq!(rows[0].value.unwrap().to_string(), "0.1");
//! assert_eq!((rows[1].unit.as_str(), rows[1].value), ("B", None));
//! # Ok::<(), thidua_core::Error>(())
//! ```

use std::borrow::Cow;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::cells::{cell, in_cell, RESULT_COLUMNS as FIELDS};
use crate::error::{Error, Location, Result};
use crate::results::{Judgement, Period, Provenance, ResultEntry};
use crate::{decimal, Scale};

/// One column of `n` rows as flat little-endian buffers. `valid` is `None` (every row present)
/// or one byte per row (0 = missing).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ColumnBuffer<'a> {
    /// Arrow-style text: `offsets` holds `n + 1` little-endian `i64`, `data` the UTF-8 bytes.
    Utf8 {
        /// `n + 1` offsets into `data`.
        offsets: &'a [u8],
        /// The UTF-8 text of every row, one after the other.
        data: &'a [u8],
        /// One byte per row (0 = missing), or `None`.
        valid: Option<&'a [u8]>,
    },
    /// Fixed-width UCS-4 text (NumPy's `<U{width}`): `width` code points a row, NUL-padded.
    Utf32 {
        /// `n × width` little-endian `u32` code points.
        data: &'a [u8],
        /// Code points a row.
        width: usize,
        /// One byte per row (0 = missing), or `None`.
        valid: Option<&'a [u8]>,
    },
    /// Little-endian `f64` (a NaN is a missing cell).
    F64 {
        /// `n × 8` bytes.
        data: &'a [u8],
        /// One byte per row (0 = missing), or `None`.
        valid: Option<&'a [u8]>,
    },
    /// Little-endian `i64`.
    I64 {
        /// `n × 8` bytes.
        data: &'a [u8],
        /// One byte per row (0 = missing), or `None`.
        valid: Option<&'a [u8]>,
    },
    /// One byte a row (0 is false).
    Bool {
        /// `n` bytes.
        data: &'a [u8],
        /// One byte per row (0 = missing), or `None`.
        valid: Option<&'a [u8]>,
    },
    /// Every row missing.
    Null,
}

/// One cell as the buffer holds it.
enum Cell<'a> {
    Str(Cow<'a, str>),
    F64(f64),
    I64(i64),
    Bool(bool),
}

fn word8(b: &[u8], i: usize) -> [u8; 8] {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i * 8..i * 8 + 8]);
    w
}

impl<'a> ColumnBuffer<'a> {
    /// Checks that the buffers hold `n` rows (column `name`).
    fn check(&self, n: usize, name: &str) -> Result<()> {
        let bad = |what: &str| Error::InvalidInput {
            location: format!("column {name:?}").into(),
            reason: format!("malformed column buffer: {what}"),
        };
        let valid_ok = |v: &Option<&[u8]>| !matches!(v, Some(v) if v.len() != n);
        let ok = match self {
            ColumnBuffer::Utf8 { offsets, valid, .. } => {
                offsets.len() == (n + 1) * 8 && valid_ok(valid)
            }
            ColumnBuffer::Utf32 { data, width, valid } => {
                data.len() == n * width * 4 && valid_ok(valid)
            }
            ColumnBuffer::F64 { data, valid } | ColumnBuffer::I64 { data, valid } => {
                data.len() == n * 8 && valid_ok(valid)
            }
            ColumnBuffer::Bool { data, valid } => data.len() == n && valid_ok(valid),
            ColumnBuffer::Null => true,
        };
        if ok {
            return Ok(());
        }
        Err(bad(match self {
            ColumnBuffer::Utf8 { .. } => "text offsets",
            ColumnBuffer::Utf32 { .. } => "fixed-width text",
            ColumnBuffer::F64 { .. } | ColumnBuffer::I64 { .. } => "numbers",
            ColumnBuffer::Bool { .. } | ColumnBuffer::Null => "booleans",
        }))
    }

    /// Cell `i` (column `name`), `None` when missing.
    fn get(&self, i: usize, name: &str) -> Result<Option<Cell<'a>>> {
        let present = |v: &Option<&[u8]>| !matches!(v, Some(v) if v[i] == 0);
        let malformed = |reason: &str| Error::InvalidInput {
            location: format!("rows[{i}], column {name:?}").into(),
            reason: reason.into(),
        };
        Ok(match self {
            ColumnBuffer::Null => None,
            ColumnBuffer::Utf8 { valid, .. }
            | ColumnBuffer::Utf32 { valid, .. }
            | ColumnBuffer::F64 { valid, .. }
            | ColumnBuffer::I64 { valid, .. }
            | ColumnBuffer::Bool { valid, .. }
                if !present(valid) =>
            {
                None
            }
            ColumnBuffer::Utf8 { offsets, data, .. } => {
                let a = i64::from_le_bytes(word8(offsets, i));
                let b = i64::from_le_bytes(word8(offsets, i + 1));
                let (a, b) = match (usize::try_from(a), usize::try_from(b)) {
                    (Ok(a), Ok(b)) if a <= b && b <= data.len() => (a, b),
                    _ => return Err(malformed("malformed text offsets")),
                };
                let s = std::str::from_utf8(&data[a..b])
                    .map_err(|_| malformed("text is not valid UTF-8"))?;
                Some(Cell::Str(Cow::Borrowed(s)))
            }
            ColumnBuffer::Utf32 { data, width, .. } => {
                let bytes = &data[i * width * 4..(i + 1) * width * 4];
                let mut s = String::with_capacity(*width);
                for ch in bytes.chunks_exact(4) {
                    let u = u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
                    if u == 0 {
                        break;
                    }
                    s.push(
                        char::from_u32(u)
                            .ok_or_else(|| malformed("text has an invalid character"))?,
                    );
                }
                Some(Cell::Str(Cow::Owned(s)))
            }
            ColumnBuffer::F64 { data, .. } => {
                let f = f64::from_le_bytes(word8(data, i));
                (!f.is_nan()).then_some(Cell::F64(f))
            }
            ColumnBuffer::I64 { data, .. } => Some(Cell::I64(i64::from_le_bytes(word8(data, i)))),
            ColumnBuffer::Bool { data, .. } => Some(Cell::Bool(data[i] != 0)),
        })
    }
}

/// An `invalid_input` error at cell `i` of `col`.
fn input_err(i: usize, col: &str, reason: impl Into<String>) -> Error {
    Error::invalid_input(cell(i, col), reason)
}

/// A text cell: text, or an integer's digits; a float or a boolean is refused.
fn text(c: Cell<'_>, i: usize, col: &str) -> Result<String> {
    match c {
        Cell::Str(s) => Ok(s.into_owned()),
        Cell::I64(v) => Ok(v.to_string()),
        Cell::F64(f) => Err(input_err(
            i,
            col,
            format!("expected text, found the number {f} (give ids and names as text)"),
        )),
        Cell::Bool(b) => Err(input_err(i, col, format!("expected text, found {b}"))),
    }
}

/// A number cell by the core's one rule ([`decimal`]); a refusal is located at the row's
/// field, `results[i].value`, as on the JSON and record paths.
fn number(c: Cell<'_>, i: usize, col: &str) -> Result<Decimal> {
    let at = |e: Error| {
        let field = FIELDS
            .iter()
            .find(|f| **f == col)
            .copied()
            .unwrap_or("value");
        e.in_field(field)
            .at_index(i)
            .in_field("results")
            .with_context(|| format!("column {col:?}"))
    };
    match c {
        Cell::Str(s) => decimal::parse(&s).map_err(at),
        Cell::I64(v) => Ok(Decimal::from(v)),
        Cell::F64(f) => decimal::from_f64(f).map_err(at),
        Cell::Bool(b) => Err(input_err(i, col, format!("expected a number, found {b}"))),
    }
}

/// A count (`out_of`, `baseline_out_of`): a whole number (an integer, a float holding one, or
/// its digits as text), else the JSON path's very error at the cell (the shared count rule).
fn whole(c: Cell<'_>, i: usize, col: &str) -> Result<u32> {
    let v = match c {
        Cell::I64(v) => serde_json::Value::from(v),
        Cell::F64(f) => match super::cells::whole_f64(f) {
            Some(n) => return Ok(n),
            None => serde_json::Value::from(f),
        },
        Cell::Str(s) => match s.trim().parse::<i64>() {
            Ok(v) => serde_json::Value::from(v),
            Err(_) => serde_json::Value::String(s.into_owned()),
        },
        Cell::Bool(b) => serde_json::Value::Bool(b),
    };
    super::cells::count(v, i, col)
}

/// A boolean cell: a boolean, 0 or 1, or `true`/`True`/`false`/`False`.
fn flag(c: Cell<'_>, i: usize, col: &str) -> Result<bool> {
    match c {
        Cell::Bool(b) => Ok(b),
        Cell::I64(0) => Ok(false),
        Cell::I64(1) => Ok(true),
        Cell::Str(s) if s == "true" || s == "True" => Ok(true),
        Cell::Str(s) if s == "false" || s == "False" => Ok(false),
        _ => Err(input_err(i, col, "expected a boolean")),
    }
}

/// A cell of an enum field by the core's serde rule (its names, the scale words as aliases),
/// with the record path's error at `results[i].col`.
fn named<T: serde::de::DeserializeOwned>(c: Cell<'_>, i: usize, col: &str) -> Result<T> {
    let s = text(c, i, col)?;
    crate::json::from_value(serde_json::Value::String(s), "result set")
        .map_err(|e| in_cell(e, i, col))
}

/// A date cell: the JSON path's rule and error (an ISO date), at `results[i].date`; a
/// timestamp with a time of day ("2025-03-15T09:00") is the Arrow reader's error for it.
fn date(c: Cell<'_>, i: usize, col: &str) -> Result<chrono::NaiveDate> {
    let t = text(c, i, col)?;
    if let Some((day, _)) = t.trim().split_once('T') {
        if chrono::NaiveDate::from_str(day).is_ok() {
            return Err(super::cells::time_of_day(&t, i, col));
        }
    }
    let v = serde_json::Value::String(t.trim().to_string());
    crate::json::from_value::<chrono::NaiveDate>(v, "result set")
        .map_err(|e| in_cell(e, i, col).with_context(|| format!("{col} {t:?}")))
}

/// Which column feeds which field of [`FIELDS`], after the `status` alias; an unknown column
/// is an error unless `ignore_extra`, and `unit`, `target`, `period` are required.
fn plan(names: &[&str], ignore_extra: bool) -> Result<Vec<Option<usize>>> {
    let mut map: Vec<Option<usize>> = vec![None; FIELDS.len()];
    let mut extra = Vec::new();
    for (j, &name) in names.iter().enumerate() {
        let field = super::cells::RESULT_COLUMN_ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map_or(name, |(_, field)| *field);
        match FIELDS.iter().position(|f| *f == field) {
            Some(f) => {
                if map[f].is_some() {
                    return Err(Error::InvalidInput {
                        location: format!("column {name:?}").into(),
                        reason: "given twice (`status` is an alias of `provenance`)".into(),
                    });
                }
                map[f] = Some(j);
            }
            None => extra.push(name),
        }
    }
    if !extra.is_empty() && !ignore_extra {
        return Err(Error::InvalidInput {
            location: super::column_location(extra[0]),
            reason: format!(
                "unknown column(s) {} (expected {}; pass ignore_extra=True to skip them, or columns={{...}} to rename)",
                extra.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>().join(", "),
                FIELDS.join(", ")
            ),
        });
    }
    for req in super::cells::REQUIRED_COLUMNS {
        let f = FIELDS.iter().position(|x| *x == req).unwrap_or(0);
        if map[f].is_none() {
            return Err(Error::InvalidInput {
                location: super::column_location(req),
                reason: format!("the column {req:?} is required"),
            });
        }
    }
    Ok(map)
}

/// Reads `n` rows from `columns` (each a name and its buffers) into result entries, by the
/// core's rules for every cell (see the [module documentation](self)). `status` is read as
/// `provenance`; an unknown column is an error unless `ignore_extra`.
pub fn read_buffers(
    n: usize,
    columns: &[(&str, ColumnBuffer<'_>)],
    ignore_extra: bool,
) -> Result<Vec<ResultEntry>> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let map = plan(&names, ignore_extra)?;
    let mut get = Vec::with_capacity(FIELDS.len());
    for m in &map {
        get.push(match m {
            Some(j) => {
                let (name, b) = &columns[*j];
                b.check(n, name)?;
                Some((*name, *b))
            }
            None => None,
        });
    }
    let cols = Cols { get };
    let mut entries = Vec::with_capacity(n);
    for i in 0..n {
        entries.push(cols.entry(i)?);
    }
    Ok(entries)
}

// Field indices into FIELDS.
const UNIT: usize = 0;
const TARGET: usize = 1;
const COMPONENT: usize = 2;
const PERIOD: usize = 3;
const VALUE: usize = 4;
const BASELINE: usize = 5;
const SCALE: usize = 6;
const VALUE_UNIT: usize = 7;
const OUT_OF: usize = 8;
const BASELINE_OUT_OF: usize = 9;
const JUDGEMENT: usize = 10;
const NOT_APPLICABLE: usize = 11;
const PROVENANCE: usize = 12;
const NOTE: usize = 13;
const VALUE_HIGH: usize = 14;
const QUALIFIER: usize = 15;
const SHARE_OF_PLAN: usize = 16;
const PLAN_LEVEL: usize = 17;
const CHANGE: usize = 18;
const CHANGE_UNIT: usize = 19;
const CHANGE_FROM: usize = 20;
const DATE: usize = 21;
const REPORTED: usize = 22;
const SOURCE: usize = 23;

/// The checked columns, by field of [`FIELDS`] (`None`: no such column).
struct Cols<'a> {
    get: Vec<Option<(&'a str, ColumnBuffer<'a>)>>,
}

impl<'a> Cols<'a> {
    /// Cell `i` of field `f` with the name its column was given, `None` when missing.
    fn cell(&self, f: usize, i: usize) -> Result<Option<(Cell<'a>, &'a str)>> {
        match &self.get[f] {
            None => Ok(None),
            Some((name, r)) => Ok(r.get(i, name)?.map(|c| (c, *name))),
        }
    }

    /// Cell `i` of field `f` read by `read`, `None` when missing.
    fn read<T>(
        &self,
        f: usize,
        i: usize,
        read: impl FnOnce(Cell<'a>, usize, &str) -> Result<T>,
    ) -> Result<Option<T>> {
        self.cell(f, i)?
            .map(|(c, name)| read(c, i, name))
            .transpose()
    }

    /// A required text field (`unit`, `target`, `period`) of row `i`.
    fn required(&self, f: usize, i: usize) -> Result<String> {
        match self.cell(f, i)? {
            Some((c, name)) => text(c, i, name),
            // No such column: the Arrow path's error for a missing required column.
            None if self.get[f].is_none() => Err(Error::invalid_input(
                super::column_location(FIELDS[f]),
                "missing (unit, target and period are required)",
            )),
            // A null cell: the JSON path's error for a missing field, at the field's path.
            None => Err(in_cell(
                Error::json_at(
                    "result set",
                    format!("missing field `{}`", FIELDS[f]),
                    Location::new(),
                ),
                i,
                FIELDS[f],
            )),
        }
    }

    /// The `value_unit` of row `i`: the core's rule for the field (an empty string is an
    /// absent unit).
    fn value_unit(&self, i: usize) -> Result<Option<crate::quantity::Unit>> {
        match self.cell(VALUE_UNIT, i)? {
            None => Ok(None),
            Some((c, name)) => {
                let s = text(c, i, name)?;
                crate::results::deserialize_value_unit(serde_json::Value::String(s))
                    .map_err(|e| in_cell(Error::json("result set", &e), i, name))
            }
        }
    }

    /// Row `i` as a result entry, its fields read in a fixed order (the first bad cell is the
    /// error).
    fn entry(&self, i: usize) -> Result<ResultEntry> {
        let unit = self.required(UNIT, i)?;
        let target = self.required(TARGET, i)?;
        let period_text = self.required(PERIOD, i)?;
        let period = Period::from_str(&period_text).map_err(|e| in_cell(e, i, FIELDS[PERIOD]))?;
        let scale: Option<Scale> = self.read(SCALE, i, named)?;
        let value_unit = self.value_unit(i)?;
        let judgement: Option<Judgement> = self.read(JUDGEMENT, i, named)?;
        let provenance: Option<Provenance> = self.read(PROVENANCE, i, named)?;
        let date = self.read(DATE, i, date)?;
        let not_applicable = self.read(NOT_APPLICABLE, i, flag)?.unwrap_or(false);
        let mut e = ResultEntry::new(unit, target, period);
        e.component = self.read(COMPONENT, i, text)?;
        e.value = self.read(VALUE, i, number)?;
        e.baseline = self.read(BASELINE, i, number)?;
        e.scale = scale;
        e.value_unit = value_unit;
        e.out_of = self.read(OUT_OF, i, whole)?;
        e.baseline_out_of = self.read(BASELINE_OUT_OF, i, whole)?;
        e.judgement = judgement;
        e.not_applicable = not_applicable;
        e.provenance = provenance;
        e.note = self.read(NOTE, i, text)?;
        e.value_high = self.read(VALUE_HIGH, i, number)?;
        e.qualifier = self.read(QUALIFIER, i, named)?;
        e.share_of_plan = self.read(SHARE_OF_PLAN, i, number)?;
        e.plan_level = self.read(PLAN_LEVEL, i, text)?;
        e.change = self.read(CHANGE, i, number)?;
        e.change_unit = self.read(CHANGE_UNIT, i, named)?;
        e.change_from = self.read(CHANGE_FROM, i, named)?;
        e.date = date;
        e.reported = self.read(REPORTED, i, text)?;
        e.source = self.read(SOURCE, i, text)?;
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Owned buffers of a text column (UTF-8 with offsets; `None` cells missing).
    struct TextCol {
        offsets: Vec<u8>,
        data: Vec<u8>,
        valid: Vec<u8>,
    }

    fn texts(cells: &[Option<&str>]) -> TextCol {
        let (mut offsets, mut data, mut valid) = (0i64.to_le_bytes().to_vec(), vec![], vec![]);
        for c in cells {
            data.extend_from_slice(c.unwrap_or("").as_bytes());
            offsets.extend_from_slice(&(data.len() as i64).to_le_bytes());
            valid.push(u8::from(c.is_some()));
        }
        TextCol {
            offsets,
            data,
            valid,
        }
    }

    impl TextCol {
        fn buffer(&self) -> ColumnBuffer<'_> {
            ColumnBuffer::Utf8 {
                offsets: &self.offsets,
                data: &self.data,
                valid: Some(&self.valid),
            }
        }
    }

    fn f64s(v: &[f64]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    /// One row (unit A, target 1, period 2024) with the extra columns `more`.
    fn one(more: &[(&str, ColumnBuffer<'_>)], ignore_extra: bool) -> Result<ResultEntry> {
        let (u, t, p) = (
            texts(&[Some("A")]),
            texts(&[Some("1")]),
            texts(&[Some("2024")]),
        );
        let mut cols = vec![
            ("unit", u.buffer()),
            ("target", t.buffer()),
            ("period", p.buffer()),
        ];
        cols.extend_from_slice(more);
        read_buffers(1, &cols, ignore_extra).map(|mut v| v.remove(0))
    }

    fn err(more: &[(&str, ColumnBuffer<'_>)]) -> (String, String, String) {
        let e = one(more, false).unwrap_err();
        (e.code().to_string(), e.location().path(), e.to_string())
    }

    #[test]
    fn values_absent_cells_and_aliases() {
        let v = f64s(&[0.1]);
        let e = one(
            &[(
                "value",
                ColumnBuffer::F64 {
                    data: &v,
                    valid: None,
                },
            )],
            false,
        )
        .unwrap();
        assert_eq!(e.value.unwrap().to_string(), "0.1");
        let nan = f64s(&[f64::NAN]);
        let e = one(
            &[(
                "value",
                ColumnBuffer::F64 {
                    data: &nan,
                    valid: None,
                },
            )],
            false,
        )
        .unwrap();
        assert_eq!(e.value, None);
        let ints: Vec<u8> = 7i64.to_le_bytes().to_vec();
        let e = one(
            &[(
                "component",
                ColumnBuffer::I64 {
                    data: &ints,
                    valid: None,
                },
            )],
            false,
        );
        assert_eq!(e.unwrap().component.as_deref(), Some("7"));
        let (st, sc, vu) = (
            texts(&[Some("estimate")]),
            texts(&[Some("tỷ")]),
            texts(&[Some("")]),
        );
        let more = [
            ("status", st.buffer()),
            ("scale", sc.buffer()),
            ("value_unit", vu.buffer()),
        ];
        let e = one(&more, false).unwrap();
        assert_eq!(e.provenance, Some(Provenance::Estimate));
        assert_eq!(e.scale, Some(Scale::Billion));
        assert_eq!(e.value_unit, None);
        let na = texts(&[Some("True")]);
        assert!(
            one(&[("not_applicable", na.buffer())], false)
                .unwrap()
                .not_applicable
        );
        let extra = texts(&[Some("x")]);
        assert!(one(&[("region", extra.buffer())], true).is_ok());
        assert_eq!(
            one(&[("source", ColumnBuffer::Null)], false)
                .unwrap()
                .source,
            None
        );
    }

    #[test]
    fn every_refusal_names_its_cell() {
        let inf = f64s(&[f64::INFINITY]);
        let (code, at, _) = err(&[(
            "value",
            ColumnBuffer::F64 {
                data: &inf,
                valid: None,
            },
        )]);
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("invalid_number", "results[0].value")
        );
        let digits = texts(&[Some("123456789012345678901234567890123")]);
        assert_eq!(
            err(&[("baseline", digits.buffer())]).1,
            "results[0].baseline"
        );
        let id = f64s(&[7.1]);
        let (code, at, msg) = err(&[(
            "component",
            ColumnBuffer::F64 {
                data: &id,
                valid: None,
            },
        )]);
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("invalid_input", "results[0].component")
        );
        assert!(msg.contains("expected text, found the number 7.1"), "{msg}");
        let half = f64s(&[1.5]);
        let (code, at, _) = err(&[(
            "out_of",
            ColumnBuffer::F64 {
                data: &half,
                valid: None,
            },
        )]);
        assert_eq!((code.as_str(), at.as_str()), ("json", "results[0].out_of"));
        let day = texts(&[Some("2025-03-15T09:00")]);
        let (_, at, msg) = err(&[("date", day.buffer())]);
        assert_eq!(at, "results[0].date");
        assert!(msg.contains("has a time of day"), "{msg}");
        let (st, pr) = (texts(&[Some("estimate")]), texts(&[Some("official")]));
        let (_, _, msg) = err(&[("status", st.buffer()), ("provenance", pr.buffer())]);
        assert!(msg.contains("given twice"), "{msg}");
        let extra = texts(&[Some("x")]);
        let (_, at, msg) = err(&[("region", extra.buffer())]);
        assert!(
            at.contains("region") && msg.contains("unknown column(s) \"region\""),
            "{msg}"
        );
        let short = f64s(&[1.0, 2.0]);
        let (_, _, msg) = err(&[(
            "value",
            ColumnBuffer::F64 {
                data: &short,
                valid: None,
            },
        )]);
        assert!(msg.contains("malformed column buffer: numbers"), "{msg}");
    }

    #[test]
    fn required_columns_and_cells() {
        let (t, p) = (texts(&[Some("1")]), texts(&[Some("2024")]));
        let e = read_buffers(1, &[("target", t.buffer()), ("period", p.buffer())], false);
        assert!(e
            .unwrap_err()
            .to_string()
            .contains("the column \"unit\" is required"));
        let u = texts(&[None]);
        let cols = [
            ("unit", u.buffer()),
            ("target", t.buffer()),
            ("period", p.buffer()),
        ];
        let e = read_buffers(1, &cols, false).unwrap_err();
        assert_eq!(
            (e.code(), e.location().path()),
            ("json", "results[0].unit".to_string())
        );
        assert!(e.to_string().contains("missing field `unit`"), "{e}");
    }
}
