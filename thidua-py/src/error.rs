//! Error mapping: the core's [`thidua_core::Error`] → `thidua.ThiduaError` subclasses.
//!
//! The exception classes are declared statically in Python (`thidua/_errors.py`, generated from
//! [`thidua_core::Error::CODES`] by `thidua-py/tools/gen_types.py`; CI fails on drift):
//! `ThiduaError(ValueError)` and one subclass per core error code, named by the code in
//! CamelCase plus `Error` (`unknown_target` → `UnknownTargetError`), prefixed with `Thidua`
//! where that would shadow a builtin (`overflow` → `ThiduaOverflowError`). Each raised error
//! carries the core's message (`str(err)`), `err.code`, `err.loc` (a tuple of keys and indices,
//! pydantic style) and `err.data` (the error's fields as a dict). A panic inside the core
//! (which the core promises never happens) is caught and raised as the base `ThiduaError` with
//! code `"internal"`, never as a `PanicException`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use thidua_core::error::Segment;
use thidua_core::Error;

use crate::convert::Seg;

struct Classes {
    base: Py<PyType>,
    by_code: Py<PyDict>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let m = py.import("thidua._errors")?;
        Ok(Classes {
            base: m.getattr("ThiduaError")?.cast_into::<PyType>()?.unbind(),
            by_code: m.getattr("ERROR_CLASSES")?.cast_into::<PyDict>()?.unbind(),
        })
    })
}

/// Adds `ThiduaError`, its subclasses, `ERROR_CODES` and `ERROR_CLASSES` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let errors = py.import("thidua._errors")?;
    for name in errors.getattr("__all__")?.try_iter()? {
        let name = name?;
        let name: String = name.extract()?;
        m.add(name.as_str(), errors.getattr(name.as_str())?)?;
    }
    m.add("ERROR_CODES", Error::CODES.to_vec())?;
    Ok(())
}

/// A `loc` tuple from path segments.
pub fn loc_tuple<'py>(py: Python<'py>, loc: &[Seg]) -> PyResult<Bound<'py, PyTuple>> {
    let items: Vec<Bound<'py, PyAny>> = loc
        .iter()
        .map(|s| match s {
            Seg::Key(k) => Ok(k.into_pyobject(py)?.into_any()),
            Seg::Index(i) => Ok(i.into_pyobject(py)?.into_any()),
        })
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, items)
}

fn raise(
    py: Python<'_>,
    code: &str,
    message: String,
    loc: &[Seg],
    data: Bound<'_, PyAny>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let c = classes(py)?;
        let cls = match c.by_code.bind(py).get_item(code)? {
            Some(cls) => cls,
            None => c.base.bind(py).clone().into_any(),
        };
        let kwargs = PyDict::new(py);
        kwargs.set_item("loc", loc_tuple(py, loc)?)?;
        kwargs.set_item("data", data)?;
        kwargs.set_item("code", code)?;
        let inst = cls.call((message,), Some(&kwargs))?;
        Ok(PyErr::from_value(inst))
    };
    build().unwrap_or_else(|e| e)
}

/// The Python exception for a core error: `err.loc` is the core's structured location
/// ([`thidua_core::Location::segments`]: `("results", 3, "value")`).
pub fn core_err(e: Error) -> PyErr {
    let loc: Vec<Seg> = e
        .location()
        .segments()
        .iter()
        .map(|s| match s {
            Segment::Index(i) => Seg::Index(*i),
            other => Seg::Key(other.to_string()),
        })
        .collect();
    located_err(e, &loc)
}

/// The Python exception for a core error whose place in the input the binding knows (`loc`:
/// a path into a Python object, with its keys as they are, which a message shortens).
pub fn located_err(e: Error, loc: &[Seg]) -> PyErr {
    Python::attach(|py| {
        let data = match pythonize::pythonize(py, &e.to_json_value()) {
            Ok(d) => d,
            Err(err) => return PyErr::from(err),
        };
        raise(py, e.code(), e.to_string(), loc, data)
    })
}

/// A `ThiduaError` with code `"internal"` (used only for a caught panic).
pub fn internal_err(message: String) -> PyErr {
    Python::attach(|py| {
        let data = PyDict::new(py);
        let _ = data.set_item("code", "internal");
        let _ = data.set_item("message", &message);
        raise(
            py,
            "internal",
            format!("internal error in thidua (please report): {message}"),
            &[],
            data.into_any(),
        )
    })
}

/// Runs `f` (core work, no Python access), turning a panic into a `ThiduaError`.
pub fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(core_err(e)),
        Err(payload) => Err(internal_err(panic_message(&payload))),
    }
}

/// Like [`guard`], with the GIL released while `f` runs.
pub fn guard_detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Error> + Send,
) -> PyResult<T> {
    let r = py.detach(move || catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_message(&p)));
    match r {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(core_err(e)),
        Err(msg) => Err(internal_err(msg)),
    }
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}
