//! The batch path: whole columns → [`ResultSet`], decoded in Rust with the GIL released.
//!
//! `thidua/_columns.py` turns each column (NumPy, pandas, pyarrow, list) into a flat buffer
//! layout with vectorised operations; this module reads those buffers and builds the rows.
//! The value rules are the ones of [`crate::convert`]: text is a plain decimal, a float is its
//! shortest round-trip decimal, an int is exact; a missing cell (`None`, `NaN`, `NA`) is an
//! absent field; ±infinity is an `InvalidNumberError`.

use std::borrow::Cow;
use std::str::FromStr;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use rust_decimal::Decimal;
use thidua_core::{
    decimal, Error, Judgement, Period, Provenance, ResultEntry, ResultSet, Scale, Segment,
};

/// The columns a result set understands: the core's list (every field of `ResultEntry`).
pub use thidua_core::engine::arrow::RESULT_COLUMNS as FIELDS;

/// One decoded column, borrowing the Python bytes.
enum Raw<'a> {
    Utf8 {
        offsets: &'a [u8],
        data: &'a [u8],
        valid: Option<&'a [u8]>,
    },
    Utf32 {
        data: &'a [u8],
        width: usize,
        valid: Option<&'a [u8]>,
    },
    F64 {
        data: &'a [u8],
        valid: Option<&'a [u8]>,
    },
    I64 {
        data: &'a [u8],
        valid: Option<&'a [u8]>,
    },
    Bool {
        data: &'a [u8],
        valid: Option<&'a [u8]>,
    },
    Null,
}

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

impl<'a> Raw<'a> {
    fn check(&self, n: usize, name: &str) -> Result<(), Error> {
        let bad = |what: &str| Error::InvalidInput {
            location: format!("column {name:?}").into(),
            reason: format!("malformed column buffer: {what}"),
        };
        let valid_ok = |v: &Option<&[u8]>| v.is_none_or(|v| v.len() == n);
        match self {
            Raw::Utf8 { offsets, valid, .. } => {
                if offsets.len() != (n + 1) * 8 || !valid_ok(valid) {
                    return Err(bad("text offsets"));
                }
            }
            Raw::Utf32 { data, width, valid } => {
                if data.len() != n * width * 4 || !valid_ok(valid) {
                    return Err(bad("fixed-width text"));
                }
            }
            Raw::F64 { data, valid } | Raw::I64 { data, valid } => {
                if data.len() != n * 8 || !valid_ok(valid) {
                    return Err(bad("numbers"));
                }
            }
            Raw::Bool { data, valid } => {
                if data.len() != n || !valid_ok(valid) {
                    return Err(bad("booleans"));
                }
            }
            Raw::Null => {}
        }
        Ok(())
    }

    fn get(&self, i: usize, name: &str) -> Result<Option<Cell<'a>>, Error> {
        let present = |v: &Option<&[u8]>| v.is_none_or(|v| v[i] != 0);
        Ok(match self {
            Raw::Null => None,
            Raw::Utf8 {
                offsets,
                data,
                valid,
            } => {
                if !present(valid) {
                    return Ok(None);
                }
                let a = i64::from_le_bytes(word8(offsets, i));
                let b = i64::from_le_bytes(word8(offsets, i + 1));
                let (a, b) = match (usize::try_from(a), usize::try_from(b)) {
                    (Ok(a), Ok(b)) if a <= b && b <= data.len() => (a, b),
                    _ => {
                        return Err(Error::InvalidInput {
                            location: format!("rows[{i}], column {name:?}").into(),
                            reason: "malformed text offsets".into(),
                        })
                    }
                };
                let s = std::str::from_utf8(&data[a..b]).map_err(|_| Error::InvalidInput {
                    location: format!("rows[{i}], column {name:?}").into(),
                    reason: "text is not valid UTF-8".into(),
                })?;
                Some(Cell::Str(Cow::Borrowed(s)))
            }
            Raw::Utf32 { data, width, valid } => {
                if !present(valid) {
                    return Ok(None);
                }
                let bytes = &data[i * width * 4..(i + 1) * width * 4];
                let mut s = String::with_capacity(*width);
                for ch in bytes.chunks_exact(4) {
                    let u = u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
                    if u == 0 {
                        break;
                    }
                    s.push(char::from_u32(u).ok_or_else(|| Error::InvalidInput {
                        location: format!("rows[{i}], column {name:?}").into(),
                        reason: "text has an invalid character".into(),
                    })?);
                }
                Some(Cell::Str(Cow::Owned(s)))
            }
            Raw::F64 { data, valid } => {
                if !present(valid) {
                    return Ok(None);
                }
                let f = f64::from_le_bytes(word8(data, i));
                if f.is_nan() {
                    None
                } else {
                    Some(Cell::F64(f))
                }
            }
            Raw::I64 { data, valid } => {
                if !present(valid) {
                    return Ok(None);
                }
                Some(Cell::I64(i64::from_le_bytes(word8(data, i))))
            }
            Raw::Bool { data, valid } => {
                if !present(valid) {
                    return Ok(None);
                }
                Some(Cell::Bool(data[i] != 0))
            }
        })
    }
}

/// The Python objects behind a layout, kept alive while the Rust side reads them.
pub struct Layout {
    name: String,
    tag: String,
    bytes: Vec<Py<PyBytes>>,
    width: usize,
}

/// Reads the layouts produced by `thidua._columns.encode_columns`.
pub fn layouts(encoded: &Bound<'_, PyDict>) -> PyResult<Vec<Layout>> {
    let mut out = Vec::new();
    for (k, v) in encoded.iter() {
        let name: String = k.extract()?;
        let t = v.cast::<PyTuple>()?;
        let tag: String = t.get_item(0)?.extract()?;
        let mut bytes = Vec::new();
        let mut width = 0usize;
        for (j, item) in t.iter().enumerate().skip(1) {
            if let Ok(b) = item.cast::<PyBytes>() {
                bytes.push(b.clone().unbind());
            } else if item.is_none() {
                // every row present
            } else if tag == "utf32" && j == 2 {
                width = item.extract()?;
            } else {
                return Err(PyTypeError::new_err(format!(
                    "column {name:?}: malformed layout"
                )));
            }
        }
        out.push(Layout {
            name,
            tag,
            bytes,
            width,
        });
    }
    Ok(out)
}

fn raw<'a>(py: Python<'a>, l: &'a Layout) -> PyResult<Raw<'a>> {
    let b = |i: usize| -> Option<&'a [u8]> { l.bytes.get(i).map(|x| x.as_bytes(py)) };
    let need = |i: usize| {
        b(i).ok_or_else(|| PyValueError::new_err(format!("column {:?}: malformed layout", l.name)))
    };
    Ok(match l.tag.as_str() {
        "null" => Raw::Null,
        "utf8" => Raw::Utf8 {
            offsets: need(0)?,
            data: need(1)?,
            valid: b(2),
        },
        "utf32" => Raw::Utf32 {
            data: need(0)?,
            width: l.width,
            valid: b(1),
        },
        "f64" => Raw::F64 {
            data: need(0)?,
            valid: b(1),
        },
        "i64" => Raw::I64 {
            data: need(0)?,
            valid: b(1),
        },
        "bool" => Raw::Bool {
            data: need(0)?,
            valid: b(1),
        },
        other => {
            return Err(PyValueError::new_err(format!(
                "column {:?}: unknown layout {other:?}",
                l.name
            )))
        }
    })
}

struct Cols<'a> {
    get: Vec<Option<(&'a str, Raw<'a>)>>,
}

impl<'a> Cols<'a> {
    fn cell(&self, f: usize, i: usize) -> Result<Option<(Cell<'a>, &'a str)>, Error> {
        match &self.get[f] {
            None => Ok(None),
            Some((name, r)) => Ok(r.get(i, name)?.map(|c| (c, *name))),
        }
    }
}

/// Cell `i` of column `col`: `results[i].col`, the path the JSON path gives the same field.
fn cell_at(i: usize, col: &str) -> [Segment; 3] {
    [
        Segment::from("results"),
        Segment::Index(i),
        Segment::from(col.to_string()),
    ]
}

fn input_err(i: usize, col: &str, reason: impl Into<String>) -> Error {
    Error::invalid_input(thidua_core::Location::new(), reason).under(cell_at(i, col))
}

fn text(c: Cell<'_>, i: usize, col: &str) -> Result<String, Error> {
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

fn number(c: Cell<'_>, i: usize, col: &str) -> Result<Decimal, Error> {
    // The core's one rule (thidua_core::decimal); a refusal is located at the row's field,
    // `results[i].value`, as on the JSON and record paths.
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
/// its digits as text), else the core's reading of the field's type (a `u32`) gives the JSON
/// path's very error at the cell.
fn whole(c: Cell<'_>, i: usize, col: &str) -> Result<u32, Error> {
    let v = match c {
        Cell::I64(v) => serde_json::Value::from(v),
        Cell::F64(f) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => {
            return Ok(f as u32)
        }
        Cell::F64(f) => serde_json::Value::from(f),
        Cell::Str(s) => match s.trim().parse::<i64>() {
            Ok(v) => serde_json::Value::from(v),
            Err(_) => serde_json::Value::String(s.into_owned()),
        },
        Cell::Bool(b) => serde_json::Value::Bool(b),
    };
    thidua_core::json::from_value::<u32>(v, "result set").map_err(|e| e.under(cell_at(i, col)))
}

fn flag(c: Cell<'_>, i: usize, col: &str) -> Result<bool, Error> {
    match c {
        Cell::Bool(b) => Ok(b),
        Cell::I64(0) => Ok(false),
        Cell::I64(1) => Ok(true),
        Cell::Str(s) if s == "true" || s == "True" => Ok(true),
        Cell::Str(s) if s == "false" || s == "False" => Ok(false),
        _ => Err(input_err(i, col, "expected a boolean")),
    }
}

fn named<T: serde::de::DeserializeOwned>(c: Cell<'_>, i: usize, col: &str) -> Result<T, Error> {
    let s = text(c, i, col)?;
    // The core's serde rule and error, located as on the record path (`results[i].scale`).
    thidua_core::json::from_value(serde_json::Value::String(s), "result set").map_err(|e| {
        e.under([
            Segment::from("results"),
            Segment::Index(i),
            Segment::from(col.to_string()),
        ])
    })
}

/// Which column feeds which field, after renaming and the `status` alias.
pub fn plan(layouts: &[Layout], ignore_extra: bool) -> Result<Vec<Option<usize>>, Error> {
    let mut map: Vec<Option<usize>> = vec![None; FIELDS.len()];
    let mut extra = Vec::new();
    for (j, l) in layouts.iter().enumerate() {
        let field = if l.name == "status" {
            "provenance"
        } else {
            l.name.as_str()
        };
        match FIELDS.iter().position(|f| *f == field) {
            Some(f) => {
                if map[f].is_some() {
                    return Err(Error::InvalidInput {
                        location: format!("column {:?}", l.name).into(),
                        reason: "given twice (`status` is an alias of `provenance`)".into(),
                    });
                }
                map[f] = Some(j);
            }
            None => extra.push(l.name.clone()),
        }
    }
    if !extra.is_empty() && !ignore_extra {
        return Err(Error::InvalidInput {
            location: thidua_core::engine::column_location(&extra[0]),
            reason: format!(
                "unknown column(s) {} (expected {}; pass ignore_extra=True to skip them, or columns={{...}} to rename)",
                extra.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>().join(", "),
                FIELDS.join(", ")
            ),
        });
    }
    for req in ["unit", "target", "period"] {
        let f = FIELDS.iter().position(|x| *x == req).unwrap_or(0);
        if map[f].is_none() {
            return Err(Error::InvalidInput {
                location: thidua_core::engine::column_location(req),
                reason: format!("the column {req:?} is required"),
            });
        }
    }
    Ok(map)
}

/// Builds the result set from the columns, with the GIL released during the row loop.
pub fn build(
    py: Python<'_>,
    n: usize,
    layouts: &[Layout],
    ignore_extra: bool,
    directive: Option<String>,
    description: Option<String>,
) -> PyResult<ResultSet> {
    let map = crate::error::guard(|| plan(layouts, ignore_extra))?;
    let mut raws: Vec<Option<(&str, Raw<'_>)>> = Vec::with_capacity(FIELDS.len());
    for m in &map {
        raws.push(match m {
            Some(j) => {
                let l = &layouts[*j];
                let r = raw(py, l)?;
                crate::error::guard(|| r.check(n, &l.name))?;
                Some((l.name.as_str(), r))
            }
            None => None,
        });
    }
    let cols = Cols { get: raws };
    crate::error::guard_detached(py, move || rows(n, &cols, directive, description))
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

fn rows(
    n: usize,
    cols: &Cols<'_>,
    directive: Option<String>,
    description: Option<String>,
) -> Result<ResultSet, Error> {
    let mut entries = Vec::with_capacity(n);
    for i in 0..n {
        let req = |f: usize| -> Result<String, Error> {
            match cols.cell(f, i)? {
                Some((c, name)) => text(c, i, name),
                // No such column: the Arrow path's error for a missing required column.
                None if cols.get[f].is_none() => Err(Error::invalid_input(
                    thidua_core::engine::column_location(FIELDS[f]),
                    "missing (unit, target and period are required)",
                )),
                // A null cell: the JSON path's error for a missing field, at the field's path.
                None => Err(Error::json_at(
                    "result set",
                    format!("missing field `{}`", FIELDS[f]),
                    thidua_core::Location::new(),
                )
                .under(cell_at(i, FIELDS[f]))),
            }
        };
        let unit = req(UNIT)?;
        let target = req(TARGET)?;
        let period_text = req(PERIOD)?;
        let period =
            Period::from_str(&period_text).map_err(|e| e.under(cell_at(i, FIELDS[PERIOD])))?;
        let opt_text = |f: usize| -> Result<Option<String>, Error> {
            cols.cell(f, i)?
                .map(|(c, name)| text(c, i, name))
                .transpose()
        };
        let opt_num = |f: usize| -> Result<Option<Decimal>, Error> {
            cols.cell(f, i)?
                .map(|(c, name)| number(c, i, name))
                .transpose()
        };
        let opt_whole = |f: usize| -> Result<Option<u32>, Error> {
            cols.cell(f, i)?
                .map(|(c, name)| whole(c, i, name))
                .transpose()
        };
        // The core's serde rule (its names and the scale words as aliases), as for JSON and
        // records.
        let scale: Option<Scale> = cols
            .cell(SCALE, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        let value_unit = match cols.cell(VALUE_UNIT, i)? {
            None => None,
            // The core's rule for the field: an empty string is an absent unit.
            Some((c, name)) => {
                let s = text(c, i, name)?;
                thidua_core::results::deserialize_value_unit(serde_json::Value::String(s))
                    .map_err(|e| Error::json("result set", &e).under(cell_at(i, name)))?
            }
        };
        let judgement: Option<Judgement> = cols
            .cell(JUDGEMENT, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        let provenance: Option<Provenance> = cols
            .cell(PROVENANCE, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        let date = match cols.cell(DATE, i)? {
            None => None,
            Some((c, name)) => {
                // The JSON path's rule and error (an ISO date), at `results[i].date`.
                let t = text(c, i, name)?;
                // A datetime64 with a time of day comes as "2025-03-15T09:00": the error of
                // the Arrow reader for a timestamp that is not at midnight.
                if let Some((day, _)) = t.trim().split_once('T') {
                    if chrono::NaiveDate::from_str(day).is_ok() {
                        return Err(input_err(
                            i,
                            name,
                            format!(
                                "{t} has a time of day: a figure's date is a calendar day (a \
                                 date column, or a timestamp at midnight)"
                            ),
                        ));
                    }
                }
                let v = serde_json::Value::String(t.trim().to_string());
                Some(
                    thidua_core::json::from_value::<chrono::NaiveDate>(v, "result set").map_err(
                        |e| {
                            e.under(cell_at(i, name))
                                .with_context(|| format!("{name} {t:?}"))
                        },
                    )?,
                )
            }
        };
        let not_applicable = cols
            .cell(NOT_APPLICABLE, i)?
            .map(|(c, name)| flag(c, i, name))
            .transpose()?
            .unwrap_or(false);
        let mut e = ResultEntry::new(unit, target, period);
        e.component = opt_text(COMPONENT)?;
        e.value = opt_num(VALUE)?;
        e.baseline = opt_num(BASELINE)?;
        e.scale = scale;
        e.value_unit = value_unit;
        e.out_of = opt_whole(OUT_OF)?;
        e.baseline_out_of = opt_whole(BASELINE_OUT_OF)?;
        e.judgement = judgement;
        e.not_applicable = not_applicable;
        e.provenance = provenance;
        e.note = opt_text(NOTE)?;
        e.value_high = opt_num(VALUE_HIGH)?;
        e.qualifier = cols
            .cell(QUALIFIER, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        e.share_of_plan = opt_num(SHARE_OF_PLAN)?;
        e.plan_level = opt_text(PLAN_LEVEL)?;
        e.change = opt_num(CHANGE)?;
        e.change_unit = cols
            .cell(CHANGE_UNIT, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        e.change_from = cols
            .cell(CHANGE_FROM, i)?
            .map(|(c, name)| named(c, i, name))
            .transpose()?;
        e.date = date;
        e.reported = opt_text(REPORTED)?;
        e.source = opt_text(SOURCE)?;
        entries.push(e);
    }
    Ok(ResultSet {
        directive,
        description,
        entries,
    })
}
