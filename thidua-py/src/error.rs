//! Error mapping: the core's [`thidua_core::Error`] → `thidua.ThiduaError` subclasses.
//!
//! `ThiduaError` derives from `ValueError`; there is one subclass per core error code, named
//! by the code in CamelCase plus `Error` (`unknown_target` → `UnknownTargetError`, `json` →
//! `JsonError`), prefixed with `Thidua` where that would shadow a builtin (`overflow` →
//! `ThiduaOverflowError`). The classes are built from [`thidua_core::Error::CODES`] when the module is
//! imported, so a new core code gets its class without a change here. Each raised error
//! carries the core's message (`str(err)`), `err.code` and `err.data` (the error's fields as
//! a dict). A panic inside the core (which the core promises never happens) is caught and
//! raised as the base `ThiduaError` with code `"internal"`, never as a `PanicException`.

use std::ffi::CString;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use thidua_core::Error;

use crate::convert::json_to_py;

struct Classes {
    base: Py<PyType>,
    by_code: Vec<(&'static str, String, Py<PyType>)>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// `"unknown_target"` → `"UnknownTargetError"`; a name that is a Python builtin
/// (`"overflow"` → `OverflowError`) gets the prefix `Thidua` (`ThiduaOverflowError`).
pub fn class_name(py: Python<'_>, code: &str) -> PyResult<String> {
    let mut out = String::with_capacity(code.len() + 5);
    for part in code.split('_').filter(|p| !p.is_empty()) {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            out.extend(c.to_uppercase());
            out.push_str(cs.as_str());
        }
    }
    out.push_str("Error");
    if py.import("builtins")?.hasattr(out.as_str())? {
        out.insert_str(0, "Thidua");
    }
    Ok(out)
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let value_error = py.get_type::<PyValueError>();
        let base_doc = CString::new(
            "Base class of every error raised by thidua (a ValueError).\n\n\
             Attributes: ``code`` (the core's stable error code, e.g. \"unknown_target\"), \
             ``data`` (the error's fields as a dict, e.g. {\"code\": ..., \"target\": ..., \"location\": ...}).",
        )
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        // Class attributes are set after creation: `PyErr::new_type` drops a `dict` argument
        // before the type is built.
        let base = PyErr::new_type(py, c"thidua.ThiduaError", Some(&base_doc), Some(&value_error), None)?;
        base.bind(py).setattr("code", "internal")?;
        base.bind(py).setattr("data", py.None())?;
        let mut by_code = Vec::new();
        for &code in Error::CODES {
            let name = class_name(py, code)?;
            let qual = CString::new(format!("thidua.{name}")).map_err(|e| PyValueError::new_err(e.to_string()))?;
            let doc = CString::new(format!(
                "The core's \"{code}\" error (a ThiduaError, so a ValueError). ``err.code == \"{code}\"``."
            ))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let cls = PyErr::new_type(py, &qual, Some(&doc), Some(base.bind(py)), None)?;
            cls.bind(py).setattr("code", code)?;
            by_code.push((code, name, cls));
        }
        Ok(Classes { base, by_code })
    })
}

/// Adds `ThiduaError` and its subclasses to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("ThiduaError", c.base.bind(py))?;
    for (_, name, cls) in &c.by_code {
        m.add(name.as_str(), cls.bind(py))?;
    }
    m.add("ERROR_CODES", Error::CODES.to_vec())?;
    let by_code = PyDict::new(py);
    for (code, _, cls) in &c.by_code {
        by_code.set_item(*code, cls.bind(py))?;
    }
    m.add("ERROR_CLASSES", by_code)?;
    Ok(())
}

fn raise(
    py: Python<'_>,
    cls: &Bound<'_, PyType>,
    message: String,
    code: &str,
    data: Bound<'_, PyAny>,
) -> PyErr {
    match cls.call1((message,)) {
        Ok(inst) => {
            if let Err(e) = inst
                .setattr("code", code)
                .and_then(|_| inst.setattr("data", data))
            {
                return e;
            }
            PyErr::from_value(inst)
        }
        Err(e) => {
            let _ = py;
            e
        }
    }
}

/// The Python exception for a core error.
pub fn core_err(e: Error) -> PyErr {
    Python::attach(|py| {
        let c = match classes(py) {
            Ok(c) => c,
            Err(err) => return err,
        };
        let code = e.code();
        let cls = c
            .by_code
            .iter()
            .find(|(k, _, _)| *k == code)
            .map(|(_, _, cls)| cls.bind(py).clone())
            .unwrap_or_else(|| c.base.bind(py).clone());
        let data = match json_to_py(py, &e.to_json_value()) {
            Ok(d) => d,
            Err(err) => return err,
        };
        raise(py, &cls, e.to_string(), code, data)
    })
}

/// A `ThiduaError` with code `"internal"` (used only for a caught panic).
pub fn internal_err(message: String) -> PyErr {
    Python::attach(|py| {
        let c = match classes(py) {
            Ok(c) => c,
            Err(err) => return err,
        };
        let data = PyDict::new(py);
        let _ = data.set_item("code", "internal");
        let _ = data.set_item("message", &message);
        raise(
            py,
            c.base.bind(py),
            format!("internal error in thidua (please report): {message}"),
            "internal",
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
