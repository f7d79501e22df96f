//! Conversions between Python objects and the core's types: exact decimals, dates, and
//! JSON-shaped values. No domain logic lives here.
//!
//! Number rule (documented in `thidua/__init__.py` and `docs/python.md`):
//! * `int` → exact;
//! * `str` → a plain decimal (`"10.5"`, `"-3"`, `"1e3"`); Vietnamese text goes through
//!   `parse_vn` instead;
//! * `decimal.Decimal` → exact, keeping its scale (`Decimal("52.50")` stays `52.50`);
//! * `float` → the decimal of its shortest round-trip representation (`0.1` → `0.1`, as
//!   `repr(0.1)` shows it), never the binary expansion;
//! * NaN and ±infinity (float or Decimal) raise `InvalidNumberError`.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use thidua_core::Error;

use crate::error::core_err;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal`.
pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE.import(py, "datetime", "date")
}

fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME.import(py, "datetime", "datetime")
}

fn invalid_number(input: &str, reason: &str) -> Error {
    Error::InvalidNumber {
        input: input.to_string(),
        reason: reason.to_string(),
        location: Default::default(),
    }
}

/// Parses a plain decimal string (`"10.5"`, `"-3"`, `"1.5e3"`, `"1E+3"`). Not Vietnamese
/// notation: a comma is refused.
pub fn parse_plain(s: &str) -> Result<Decimal, Error> {
    let t = s.trim();
    if t.is_empty() {
        return Err(invalid_number(s, "empty"));
    }
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if body.starts_with("nan") || body.starts_with("inf") || body.starts_with("snan") {
        return Err(invalid_number(
            s,
            "NaN and infinities are not numbers a result can have",
        ));
    }
    if t.contains(',') {
        return Err(invalid_number(
            s,
            "a plain decimal uses '.' for decimals; for Vietnamese notation (\"39,6\", \"3.500\") use thidua.parse_vn",
        ));
    }
    if lower.contains('e') {
        return Decimal::from_scientific(t).map_err(|e| invalid_number(s, &e.to_string()));
    }
    Decimal::from_str(t).map_err(|e| invalid_number(s, &e.to_string()))
}

/// The decimal of `f`'s shortest round-trip representation.
pub fn decimal_from_f64(f: f64) -> Result<Decimal, Error> {
    if !f.is_finite() {
        return Err(invalid_number(
            &f.to_string(),
            "NaN and infinities are not numbers a result can have",
        ));
    }
    // Rust's `Display` for f64 prints the shortest representation that round-trips, without
    // an exponent, which is the same digits as Python's `repr`.
    let s = f.to_string();
    Decimal::from_str(&s).map_err(|_| {
        invalid_number(
            &s,
            "out of the range of exact decimals (28 significant digits)",
        )
    })
}

/// A Python number (`int`, `str`, `decimal.Decimal`, `float`) as an exact decimal.
pub fn to_decimal(obj: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(
            "expected a number (int, str, decimal.Decimal or float), found bool",
        ));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Decimal::from(i));
        }
        let s = obj.str()?.to_string();
        return parse_plain(&s).map_err(core_err);
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return decimal_from_f64(f).map_err(core_err);
    }
    if obj.is_instance_of::<PyString>() {
        let s: String = obj.extract()?;
        return parse_plain(&s).map_err(core_err);
    }
    if obj.is_instance(decimal_type(py)?)? {
        let s = obj.str()?.to_string();
        return parse_plain(&s).map_err(core_err);
    }
    Err(PyTypeError::new_err(format!(
        "expected a number (int, str, decimal.Decimal or float), found {}",
        obj.get_type().name()?
    )))
}

/// An exact decimal as `decimal.Decimal` (same digits and scale).
pub fn decimal_to_py<'py>(py: Python<'py>, d: Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((d.to_string(),))
}

/// An optional decimal as `decimal.Decimal` or `None`.
pub fn opt_decimal_to_py<'py>(py: Python<'py>, d: Option<Decimal>) -> PyResult<Bound<'py, PyAny>> {
    match d {
        Some(d) => decimal_to_py(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

/// A date as `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    date_type(py)?.call1((d.year(), d.month(), d.day()))
}

/// An optional date as `datetime.date` or `None`.
pub fn opt_date_to_py<'py>(py: Python<'py>, d: Option<NaiveDate>) -> PyResult<Bound<'py, PyAny>> {
    match d {
        Some(d) => date_to_py(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

/// A Python object (dict, list, str, int, float, bool, None, Decimal, date, or one of the
/// binding's `Directive`, `ResultSet`, `Evaluation`, `EvaluationOptions`) as a JSON value.
/// Decimals and floats become decimal strings (floats by the shortest-repr rule), dates ISO
/// strings. `path` names the position for error messages.
pub fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Some(v) = crate::scoring::object_json(obj) {
        return Ok(v);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Ok(Value::String(obj.str()?.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        let d = decimal_from_f64(f).map_err(|e| core_err(at(e, path)))?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance(decimal_type(py)?)? {
        let s = obj.str()?.to_string();
        let d = parse_plain(&s).map_err(|e| core_err(at(e, path)))?;
        return Ok(Value::String(d.to_string()));
    }
    if obj.is_instance(datetime_type(py)?)? {
        return Err(PyTypeError::new_err(format!(
            "{path}: expected a datetime.date, found a datetime.datetime (use .date())"
        )));
    }
    if obj.is_instance(date_type(py)?)? {
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{path}: dictionary keys must be str, found {:?}",
                    k.to_string()
                ))
            })?;
            let child = format!("{path}.{key}");
            let val = py_to_json(&v, &child)?;
            m.insert(key, val);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            out.push(py_to_json(&v?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    Err(PyTypeError::new_err(format!(
        "{path}: cannot convert a {} to JSON (expected dict, list, str, int, float, bool, None, decimal.Decimal or datetime.date)",
        obj.get_type().name()?
    )))
}

fn at(e: Error, path: &str) -> Error {
    match e {
        Error::InvalidNumber { input, reason, .. } => Error::InvalidNumber {
            input,
            reason: format!("{reason} (at {path})"),
            location: Default::default(),
        },
        other => other,
    }
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(json_to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Reads a core output type back from JSON (`Evaluation`, `ScoreReport`, `ParseOutput`…), with
/// the core's `json` error naming `what`.
pub fn from_json_as<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> PyResult<T> {
    crate::error::guard(|| {
        serde_json::from_str(json).map_err(|e| thidua_core::Error::Json {
            what: what.into(),
            message: e.to_string(),
            location: Default::default(),
        })
    })
}

/// A serializable core value as plain Python objects.
pub fn to_py_json<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).map_err(|e| {
        core_err(Error::Json {
            what: "output".into(),
            message: e.to_string(),
            location: Default::default(),
        })
    })?;
    json_to_py(py, &value)
}

/// The JSON text of a `str` argument, or of a dict/list converted by [`py_to_json`].
pub fn json_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let v = py_to_json(obj, what)?;
    Ok(v.to_string())
}
