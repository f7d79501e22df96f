//! Column output: Rust values → Python lists (one per column), ready for
//! `pandas.DataFrame(dict)`. Repeated strings and decimals share one Python object.

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::convert::decimal_type;

/// How decimals are written into columns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DecimalMode {
    /// `decimal.Decimal` objects (exact; the default).
    Decimal,
    /// `float` (for plotting; not exact).
    Float,
    /// Decimal strings (`"52.50"`), exactly as in JSON.
    Str,
}

impl DecimalMode {
    pub fn parse(s: &str) -> PyResult<DecimalMode> {
        match s {
            "decimal" => Ok(DecimalMode::Decimal),
            "float" => Ok(DecimalMode::Float),
            "str" => Ok(DecimalMode::Str),
            other => Err(PyValueError::new_err(format!(
                "decimals must be \"decimal\", \"float\" or \"str\", found {other:?}"
            ))),
        }
    }
}

/// Builds Python objects for column cells, sharing repeated ones.
pub struct Out<'py> {
    py: Python<'py>,
    mode: DecimalMode,
    decimal: Bound<'py, PyAny>,
    decimals: HashMap<[u8; 16], Bound<'py, PyAny>>,
    strings: HashMap<String, Bound<'py, PyAny>>,
    none: Bound<'py, PyAny>,
    nan: Bound<'py, PyAny>,
}

impl<'py> Out<'py> {
    pub fn new(py: Python<'py>, mode: DecimalMode) -> PyResult<Out<'py>> {
        Ok(Out {
            py,
            mode,
            decimal: decimal_type(py)?.clone().into_any(),
            decimals: HashMap::new(),
            strings: HashMap::new(),
            none: py.None().into_bound(py),
            nan: PyFloat::new(py, f64::NAN).into_any(),
        })
    }

    /// A decimal cell (`None` stays `None`, or NaN in float mode).
    pub fn dec(&mut self, d: Option<Decimal>) -> PyResult<Bound<'py, PyAny>> {
        let Some(d) = d else {
            return Ok(if self.mode == DecimalMode::Float {
                self.nan.clone()
            } else {
                self.none.clone()
            });
        };
        let key = d.serialize();
        if let Some(o) = self.decimals.get(&key) {
            return Ok(o.clone());
        }
        let o = match self.mode {
            DecimalMode::Decimal => self.decimal.call1((d.to_string(),))?,
            DecimalMode::Float => PyFloat::new(self.py, d.to_f64().unwrap_or(f64::NAN)).into_any(),
            DecimalMode::Str => PyString::new(self.py, &d.to_string()).into_any(),
        };
        if self.decimals.len() < 1 << 16 {
            self.decimals.insert(key, o.clone());
        }
        Ok(o)
    }

    /// A repeated string cell (ids, names, kinds, statuses).
    pub fn s(&mut self, s: &str) -> Bound<'py, PyAny> {
        if let Some(o) = self.strings.get(s) {
            return o.clone();
        }
        let o = PyString::new(self.py, s).into_any();
        if self.strings.len() < 1 << 16 {
            self.strings.insert(s.to_string(), o.clone());
        }
        o
    }

    /// An optional repeated string.
    pub fn opt_s(&mut self, s: Option<&str>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => self.s(s),
            None => self.none.clone(),
        }
    }

    /// A unique string cell (explanations).
    pub fn text(&self, s: &str) -> Bound<'py, PyAny> {
        PyString::new(self.py, s).into_any()
    }

    /// `None`.
    pub fn none(&self) -> Bound<'py, PyAny> {
        self.none.clone()
    }
}

/// Named columns under construction.
pub struct Columns<'py> {
    names: Vec<&'static str>,
    cells: Vec<Vec<Bound<'py, PyAny>>>,
}

impl<'py> Columns<'py> {
    pub fn new(names: &[&'static str], rows: usize) -> Columns<'py> {
        Columns {
            names: names.to_vec(),
            cells: names.iter().map(|_| Vec::with_capacity(rows)).collect(),
        }
    }

    /// Appends one row (cells in column order).
    pub fn push(&mut self, row: Vec<Bound<'py, PyAny>>) {
        for (c, v) in self.cells.iter_mut().zip(row) {
            c.push(v);
        }
    }

    /// `{name: list}` in column order.
    pub fn into_dict(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (n, c) in self.names.into_iter().zip(self.cells) {
            d.set_item(n, PyList::new(py, c)?)?;
        }
        Ok(d)
    }
}

/// `pandas.DataFrame(columns)` (pandas imported only here).
pub fn dataframe<'py>(py: Python<'py>, columns: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    let pd = py.import("pandas").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "pandas is needed for DataFrames (pip install pandas): {e}"
        ))
    })?;
    pd.getattr("DataFrame")?.call1((columns,))
}
