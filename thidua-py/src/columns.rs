//! The batch path: whole columns → [`ResultSet`], read by the core with the GIL released.
//!
//! `thidua/_columns.py` turns each column (NumPy, pandas, pyarrow, list) into a flat buffer
//! layout with vectorised operations; this module only hands those buffers to the core
//! ([`thidua_core::engine::buffers`]), which owns every rule of a cell (what is a value, what
//! is absent, decimals, scale words, enum names, dates, counts) and its errors.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use thidua_core::engine::buffers::{read_buffers, ColumnBuffer};
use thidua_core::ResultSet;

/// The columns a result set understands: the core's list (every field of `ResultEntry`).
pub use thidua_core::engine::RESULT_COLUMNS as FIELDS;

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

/// The core's view of a layout's buffers (borrowing the Python bytes).
fn buffer<'a>(py: Python<'a>, l: &'a Layout) -> PyResult<ColumnBuffer<'a>> {
    let b = |i: usize| -> Option<&'a [u8]> { l.bytes.get(i).map(|x| x.as_bytes(py)) };
    let need = |i: usize| {
        b(i).ok_or_else(|| PyValueError::new_err(format!("column {:?}: malformed layout", l.name)))
    };
    Ok(match l.tag.as_str() {
        "null" => ColumnBuffer::Null,
        "utf8" => ColumnBuffer::Utf8 {
            offsets: need(0)?,
            data: need(1)?,
            valid: b(2),
        },
        "utf32" => ColumnBuffer::Utf32 {
            data: need(0)?,
            width: l.width,
            valid: b(1),
        },
        "f64" => ColumnBuffer::F64 {
            data: need(0)?,
            valid: b(1),
        },
        "i64" => ColumnBuffer::I64 {
            data: need(0)?,
            valid: b(1),
        },
        "bool" => ColumnBuffer::Bool {
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

/// Builds the result set from the columns: the core reads them with the GIL released.
pub fn build(
    py: Python<'_>,
    n: usize,
    layouts: &[Layout],
    ignore_extra: bool,
    directive: Option<String>,
    description: Option<String>,
) -> PyResult<ResultSet> {
    let mut columns = Vec::with_capacity(layouts.len());
    for l in layouts {
        columns.push((l.name.as_str(), buffer(py, l)?));
    }
    let entries =
        crate::error::guard_detached(py, move || read_buffers(n, &columns, ignore_extra))?;
    Ok(ResultSet {
        directive,
        description,
        entries,
    })
}
