//! The one implementation of the JSON-backed methods that every top-level class has
//! (`from_json`, `to_json`, `to_dict`, `__reduce__`, `__copy__`, `__deepcopy__`), and of
//! `__copy__`/`__deepcopy__` for the view classes. Each class says how the core reads and
//! writes it ([`JsonBacked`]); [`json_block!`] writes the Python methods.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use serde::Serialize;
use thidua_core::Error;

use crate::error::internal_err;

/// A binding class backed by one serialisable core value.
pub trait JsonBacked: Sized {
    /// The core value.
    type Core: Serialize;
    /// The core value of this object.
    fn core(&self) -> &Self::Core;
    /// Reads the object from JSON text with the core's reader (and its validation).
    fn read(text: &str) -> Result<Self, Error>;
    /// The JSON text of `to_json` (pretty, as the core writes it).
    fn text(&self) -> PyResult<String> {
        serde_json::to_string_pretty(self.core()).map_err(|e| internal_err(format!("to_json: {e}")))
    }
}

/// `(type(obj).from_json, (compact JSON,))`: pickles and copies through the core's JSON.
pub fn reduce<'py, T>(slf: &Bound<'py, T>) -> PyResult<Bound<'py, PyTuple>>
where
    T: JsonBacked + pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
{
    let py = slf.py();
    let f = slf.as_any().get_type().getattr("from_json")?;
    let text = serde_json::to_string(slf.get().core())
        .map_err(|e| internal_err(format!("pickle: {e}")))?;
    let args = PyTuple::new(py, [PyString::new(py, &text)])?;
    PyTuple::new(py, [f, args.into_any()])
}

/// Writes `from_json`, `to_json`, `to_dict`, `__copy__`, `__deepcopy__` and (unless
/// `custom_reduce`) `__reduce__` for a [`JsonBacked`] class. `$what` names the class in the
/// docstrings ("a directive").
macro_rules! json_block {
    ($ty:ident, $what:literal) => {
        json_block!(@methods $ty, $what, {
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                $crate::json_block::reduce(slf)
            }
        });
    };
    ($ty:ident, $what:literal, custom_reduce) => {
        json_block!(@methods $ty, $what, {});
    };
    (@methods $ty:ident, $what:literal, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            #[doc = concat!("Reads ", $what, " from its JSON text (``str``, or UTF-8 ``bytes``), as the core reads it.")]
            #[classmethod]
            fn from_json(
                _cls: &Bound<'_, pyo3::types::PyType>,
                json: &Bound<'_, PyAny>,
            ) -> PyResult<Self> {
                let text = $crate::convert::text_arg(json, "json")?;
                $crate::error::guard(|| <$ty as $crate::json_block::JsonBacked>::read(&text))
            }

            #[doc = concat!("The JSON text of ", $what, " (pretty, the core's format).")]
            fn to_json(&self) -> PyResult<String> {
                <$ty as $crate::json_block::JsonBacked>::text(self)
            }

            #[doc = concat!("The JSON form of ", $what, " as Python objects (decimals as strings, as in JSON).")]
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                $crate::convert::to_py_json(py, <$ty as $crate::json_block::JsonBacked>::core(self))
            }

            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
                slf
            }

            $($extra)*
        }
    };
}

/// `__copy__` and `__deepcopy__` for an immutable (frozen) class: the object itself.
macro_rules! immutable_copy {
    ($ty:ident) => {
        #[pymethods]
        impl $ty {
            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(
                slf: Bound<'py, Self>,
                _memo: &Bound<'py, PyAny>,
            ) -> Bound<'py, Self> {
                slf
            }
        }
    };
}

pub(crate) use {immutable_copy, json_block};
