//! Conversions between Python objects and the core's types: exact decimals, dates, and
//! JSON-shaped values. No domain logic lives here.
//!
//! Numbers follow the core's one rule (`thidua_core::decimal`, documented in
//! `docs/python.md`); this module only picks the core function for each Python type:
//! * `int` → [`decimal::from_i128`] (exact, or refused beyond ±7.9 × 10²⁸);
//! * `str` and `decimal.Decimal` (its `str()`: digits and scale) → [`decimal::parse`]
//!   (`"10.5"`, `"-3"`, `"1e3"`; more than 28 significant digits, NaN, ±∞ and a comma are
//!   refused); Vietnamese text goes through `parse_vn` instead;
//! * `float` → [`decimal::from_f64`] (its shortest round-trip form, `0.1` → `0.1`).

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PySequence, PyString, PyTuple,
    PyType,
};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use thidua_core::{decimal, Error, Location};

use crate::error::{core_err, internal_err, located_err};

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

/// A Python number (`int`, `str`, `decimal.Decimal`, `float`) as an exact decimal.
pub fn to_decimal(obj: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(
            "expected a number (int, str, decimal.Decimal or float), found bool",
        ));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return int_to_decimal(i).map_err(core_err);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return decimal::from_f64(f.value()).map_err(core_err);
    }
    if obj.is_instance_of::<PyString>() {
        let s = text_arg(obj, "number")?;
        return decimal::parse(&s).map_err(core_err);
    }
    if obj.is_instance(decimal_type(py)?)? {
        // `str(Decimal)` is its digits and scale (`52.50`, `1E+3`, `NaN`, `-Infinity`): the
        // core's rule reads (or refuses) it like any decimal string.
        let s = obj.str()?.to_cow()?.into_owned();
        return decimal::parse(&s).map_err(core_err);
    }
    Err(PyTypeError::new_err(format!(
        "expected a number (int, str, decimal.Decimal or float), found {}",
        obj.get_type().name()?
    )))
}

/// A Python `int` of any size by the core's rule ([`decimal::from_i128`]): exact, or refused
/// beyond ±7.9 × 10²⁸. An int beyond 128 bits is out of that range whatever its digits, so it
/// is refused without ever being formatted (Python refuses `str()` beyond 4,300 digits).
pub fn int_to_decimal(i: &Bound<'_, PyInt>) -> Result<Decimal, Error> {
    match i.extract::<i128>() {
        Ok(v) => decimal::from_i128(v),
        Err(_) => {
            let bits: u64 = i
                .call_method0("bit_length")
                .and_then(|b| b.extract())
                .unwrap_or(u64::MAX);
            let negative = i.lt(0i32).unwrap_or(false);
            // The core's refusal, for the nearest integer it can be asked about.
            let reason = match decimal::from_i128(if negative { i128::MIN } else { i128::MAX }) {
                Err(Error::InvalidNumber { reason, .. }) => reason,
                _ => "too large".to_string(),
            };
            Err(Error::invalid_number(
                &format!("an integer of {bits} bits"),
                reason,
            ))
        }
    }
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

/// The deepest nesting of containers (dicts, lists, tuples) accepted from Python objects: the
/// core's limit for JSON text and values ([`thidua_core::limits::MAX_NESTING_DEPTH`], 96, the
/// same as the JavaScript package's), so that a dict is refused exactly where its
/// `json.dumps` would be.
pub const MAX_DEPTH: usize = thidua_core::limits::MAX_NESTING_DEPTH;

/// One step of a path into the input: a dict key or a list index (`err.loc` in Python).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A dict key.
    Key(String),
    /// A list or tuple index.
    Index(usize),
}

/// `root.items[0].targets` for messages; a long path is shortened in the middle (the full path
/// is in `err.loc`).
pub fn path_text(root: &str, segs: &[Seg]) -> String {
    const KEEP: usize = 4;
    let mut out = root.to_string();
    let push = |out: &mut String, s: &Seg| match s {
        Seg::Key(k) => {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&cap(k, 40));
        }
        Seg::Index(i) => out.push_str(&format!("[{i}]")),
    };
    if segs.len() > 2 * KEEP + 1 {
        for s in &segs[..KEEP] {
            push(&mut out, s);
        }
        out.push_str(&format!(" …({} more)… ", segs.len() - 2 * KEEP));
        for s in &segs[segs.len() - KEEP..] {
            push(&mut out, s);
        }
    } else {
        for s in segs {
            push(&mut out, s);
        }
    }
    out
}

/// `s` cut to `max` characters with "…" (messages never echo a whole huge input).
pub fn cap(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// Converts Python objects to JSON values: iterative in effect (the recursion is bounded by
/// [`MAX_DEPTH`]), with cycle detection and the path of every node for errors.
struct Walker<'a> {
    root: &'a str,
    /// Path of the node being converted, after `prefix`.
    segs: Vec<Seg>,
    /// Leading path of `err.loc` (e.g. `("entries", 3)` for one record of a result set).
    prefix: &'a [Seg],
    /// Addresses of the containers on the current path (cycle detection).
    open: Vec<usize>,
}

impl Walker<'_> {
    fn loc(&self) -> Vec<Seg> {
        let mut l = self.prefix.to_vec();
        l.extend(self.segs.iter().cloned());
        l
    }

    fn where_(&self) -> String {
        path_text(self.root, &self.segs)
    }

    fn input_err(&self, reason: String) -> PyErr {
        located_err(
            Error::InvalidInput {
                location: self.where_().into(),
                reason,
            },
            &self.loc(),
        )
    }

    /// A number the core's rule refused, located at the node being converted.
    fn core_number_err(&self, e: Error) -> PyErr {
        let e = match e {
            Error::InvalidNumber { input, reason, .. } => Error::InvalidNumber {
                input,
                reason,
                location: Location::new().with_context(self.where_()),
            },
            other => other,
        };
        located_err(e, &self.loc())
    }

    fn type_err(&self, what: String) -> PyErr {
        PyTypeError::new_err(format!("{}: {what}", self.where_()))
    }

    fn text(&self, s: &Bound<'_, PyString>) -> PyResult<String> {
        match s.to_cow() {
            Ok(t) => Ok(t.into_owned()),
            Err(_) => Err(self.input_err(
                "text is not valid Unicode (it holds a lone surrogate, e.g. from bytes decoded with errors='surrogateescape')".into(),
            )),
        }
    }

    fn enter(&mut self, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
        let addr = obj.as_ptr() as usize;
        if self.open.contains(&addr) {
            return Err(self.input_err(format!(
                "this {what} contains itself (a cycle); the input must be a tree of dicts and lists"
            )));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(self.input_err(format!(
                "nested deeper than {MAX_DEPTH} levels of dicts and lists"
            )));
        }
        self.open.push(addr);
        Ok(())
    }

    fn value(&mut self, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Value::String(self.text(s)?));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                return Ok(Value::from(v));
            }
            if let Ok(v) = i.extract::<u64>() {
                return Ok(Value::from(v));
            }
            // Beyond 64 bits (which a JSON number cannot hold exactly): the core's rule for an
            // int decides, and an exact value travels as its digits (a decimal string, which
            // the core reads exactly).
            return match int_to_decimal(i) {
                Ok(d) => Ok(Value::String(d.to_string())),
                Err(e) => Err(self.core_number_err(e)),
            };
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let v = f.value();
            // The core's f64 rule decides (NaN and ±∞ refused here, at the path); a finite
            // float stays a JSON number, which the core reads by the same rule.
            if let Err(e) = decimal::from_f64(v) {
                if !v.is_finite() {
                    return Err(self.core_number_err(e));
                }
            }
            return match serde_json::Number::from_f64(v) {
                Some(n) => Ok(Value::Number(n)),
                None => {
                    Err(self.core_number_err(Error::invalid_number(&v.to_string(), "not a number")))
                }
            };
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            self.enter(obj, "dict")?;
            let mut m = Map::new();
            // A snapshot of the items, so that nothing can change the dict under the walk.
            for kv in d.items().iter() {
                let (k, v) = (kv.get_item(0)?, kv.get_item(1)?);
                let key = match k.cast::<PyString>() {
                    Ok(s) => self.text(s)?,
                    Err(_) => {
                        return Err(self.type_err(format!(
                            "dictionary keys must be str, found {} {}",
                            k.get_type().name()?,
                            cap(&k.repr()?.to_string_lossy(), 40)
                        )))
                    }
                };
                self.segs.push(Seg::Key(key));
                let val = self.value(&v);
                let Some(Seg::Key(key)) = self.segs.pop() else {
                    unreachable!("the walker pops what it pushed")
                };
                m.insert(key, val?);
            }
            self.open.pop();
            return Ok(Value::Object(m));
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            self.enter(obj, "list")?;
            // A snapshot (a tuple) of the items.
            let items = obj.cast::<PySequence>()?.to_tuple()?;
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                self.segs.push(Seg::Index(i));
                let val = self.value(&v);
                self.segs.pop();
                out.push(val?);
            }
            self.open.pop();
            return Ok(Value::Array(out));
        }
        if let Some(v) = crate::scoring::object_json(obj) {
            return Ok(v);
        }
        if obj.is_instance(decimal_type(py)?)? {
            // The Decimal's own digits and scale (`Decimal("52.50")` stays "52.50"), read by
            // the core's decimal rule like any decimal string; NaN and ±∞ refused at the path.
            let s = obj.str()?.to_cow()?.into_owned();
            return match decimal::parse(&s) {
                Ok(_) => Ok(Value::String(s)),
                Err(e) => Err(self.core_number_err(e)),
            };
        }
        if obj.is_instance(datetime_type(py)?)? {
            return Err(self.type_err(
                "expected a datetime.date, found a datetime.datetime (use .date())".into(),
            ));
        }
        if obj.is_instance(date_type(py)?)? {
            return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
        }
        Err(self.type_err(format!(
            "cannot convert a {} to JSON (expected dict, list, tuple, str, int, float, bool, None, decimal.Decimal or datetime.date)",
            obj.get_type().name()?
        )))
    }
}

/// A Python object (dict, list, tuple, str, int, float, bool, None, Decimal, date, or one of
/// the binding's `Directive`, `ResultSet`, `Evaluation`, `EvaluationOptions`) as the JSON value
/// it stands for: what `json.loads` of the same JSON text gives is converted to exactly that
/// JSON; a `Decimal` becomes its decimal string (scale kept), a date its ISO string, an int
/// beyond 64 bits its digits. Refused, with a typed error naming the path (`err.loc`): nesting
/// deeper than [`MAX_DEPTH`], cycles, NaN and infinities (`InvalidNumberError`), lone
/// surrogates, ints of 2⁹⁶ and above; other types and non-`str` keys raise `TypeError`.
/// `root` names the input in messages (`"directive"`).
pub fn py_to_json(obj: &Bound<'_, PyAny>, root: &str) -> PyResult<Value> {
    py_to_json_at(obj, root, &[])
}

/// [`py_to_json`] for a part of a larger input whose path is `prefix`.
pub fn py_to_json_at(obj: &Bound<'_, PyAny>, root: &str, prefix: &[Seg]) -> PyResult<Value> {
    Walker {
        root,
        segs: Vec::new(),
        prefix,
        open: Vec::new(),
    }
    .value(obj)
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    to_py_json(py, v)
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

/// A serializable core value as plain Python objects (dict, list, str, int, bool, None;
/// decimals stay strings, as in JSON), by pythonize.
pub fn to_py_json<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(|e| internal_err(format!("output conversion: {e}")))
}

/// The text of a `str` argument (or UTF-8 `bytes`/`bytearray`, as `json.loads` takes them).
/// Text with a lone surrogate or bytes that are not UTF-8 raise `InvalidInputError` naming the
/// position; any other type raises `TypeError`.
pub fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(t) => Ok(t.into_owned()),
            Err(_) => {
                let chars: Vec<u32> = s
                    .call_method1("encode", ("utf-32-le", "surrogatepass"))?
                    .extract::<Vec<u8>>()?
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                let at = chars
                    .iter()
                    .position(|c| (0xD800..0xE000).contains(c))
                    .unwrap_or(0);
                Err(core_err(Error::InvalidInput {
                    location: format!("{what}, character {at}").into(),
                    reason: "text is not valid Unicode (a lone surrogate)".into(),
                }))
            }
        };
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        let b: Vec<u8> = obj.extract()?;
        return String::from_utf8(b).map_err(|e| {
            core_err(Error::InvalidInput {
                location: format!("{what}, byte {}", e.utf8_error().valid_up_to()).into(),
                reason: "bytes are not valid UTF-8".into(),
            })
        });
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected str (or UTF-8 bytes), found {}",
        obj.get_type().name()?
    )))
}

/// A lookup key (a target id, a unit name): `Some(text)`, or `None` for a `str` no key can be
/// (one with a lone surrogate), so that the lookup reports "not found"; `TypeError` for a
/// non-`str`.
pub fn key_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<String>> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow().ok().map(|c| c.into_owned())),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, found {}",
            obj.get_type().name()?
        ))),
    }
}

/// The JSON text of a `str`/`bytes` argument, or of a dict/list converted by [`py_to_json`].
pub fn json_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return text_arg(obj, what);
    }
    let v = py_to_json(obj, what)?;
    Ok(v.to_string())
}
