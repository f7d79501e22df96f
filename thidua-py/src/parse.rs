//! `parse_directive` and `ParseResult`: the core's reading of directive text.
//!
//! The core reports byte ranges into the UTF-8 input; Python slices strings by code point, so
//! the binding converts every range to `str` indices (`text[d.start:d.end]` is the span). The
//! JSON form (`to_json`, `to_dict`) stays the core's, with byte offsets.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use thidua_core::parse::{
    parse_directive as core_parse, Diagnostic, ParseOutput, DIAGNOSTIC_CODES,
};

use crate::convert::to_py_json;
use crate::directive::{serde_name, PyDirective};
use crate::error::{guard, guard_detached};
use crate::frame::{dataframe, Columns, DecimalMode, Out};
use crate::json_block::{immutable_copy, json_block, JsonBacked};

/// Reads a directive from its Vietnamese text (a web page or PDF turned into text). Never
/// fails: returns a ``ParseResult`` with the directive draft and diagnostics. Runs with the
/// GIL released.
#[pyfunction]
pub fn parse_directive(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyParseResult> {
    let owned = crate::convert::text_arg(text, "text")?;
    let (out, text) = guard_detached(py, move || Ok((core_parse(&owned), owned)))?;
    Ok(PyParseResult {
        inner: Arc::new(out),
        chars: Arc::new(char_index(&text)),
    })
}

/// Byte offset → code-point index for each char boundary (and the end).
fn char_index(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn to_char(chars: &[usize], byte: usize) -> usize {
    match chars.binary_search(&byte) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

/// The result of ``parse_directive``: the directive draft, diagnostics and the span of
/// each numbered item. The draft may not be a valid directive (missing title, a rate above
/// 100 %…); ``to_directive()`` validates.
#[pyclass(module = "thidua._thidua", name = "ParseResult", frozen)]
pub struct PyParseResult {
    inner: Arc<ParseOutput>,
    chars: Arc<Vec<usize>>,
}

#[pymethods]
impl PyParseResult {
    /// The directive draft, as parsed (not validated).
    #[getter]
    fn directive(&self) -> PyDirective {
        PyDirective {
            inner: Arc::new(self.inner.directive.clone()),
        }
    }

    /// The draft as a validated ``Directive``; raises a ``ThiduaError`` when it is not valid.
    fn to_directive(&self) -> PyResult<PyDirective> {
        let d = self.inner.directive.clone();
        guard(|| d.validate())?;
        Ok(PyDirective { inner: Arc::new(d) })
    }

    /// The diagnostics, in input order.
    #[getter]
    fn diagnostics(&self) -> Vec<PyDiagnostic> {
        self.inner
            .diagnostics
            .iter()
            .map(|d| PyDiagnostic {
                start: self.pos(d.start),
                end: self.pos(d.end),
                diag: d.clone(),
            })
            .collect()
    }

    /// ``(item number, start, end)`` for each numbered item, as ``str`` indices.
    #[getter]
    fn item_spans(&self) -> Vec<(u32, usize, usize)> {
        self.inner
            .item_spans
            .iter()
            .map(|s| (s.number, self.pos(s.start), self.pos(s.end)))
            .collect()
    }

    /// A pandas DataFrame of the diagnostics: ``severity``, ``code``, ``message``,
    /// ``start``, ``end`` (``str`` indices).
    fn diagnostics_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::Decimal)?;
        let mut cols = Columns::new(
            &["severity", "code", "message", "start", "end"],
            self.inner.diagnostics.len(),
        );
        for d in &self.inner.diagnostics {
            cols.push(vec![
                out.s(&serde_name(&d.severity)),
                out.s(&d.code),
                out.text(&d.message),
                self.pos(d.start).into_pyobject(py)?.into_any(),
                self.pos(d.end).into_pyobject(py)?.into_any(),
            ]);
        }
        dataframe(py, cols.into_dict(py)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<ParseResult {:?} items={} diagnostics={}>",
            self.inner.directive.label(),
            self.inner.directive.items.len(),
            self.inner.diagnostics.len()
        )
    }

    /// Rebuilds a result from its JSON and the ``str`` index of each UTF-8 byte offset (for
    /// pickle).
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, json: &str, chars: Vec<usize>) -> PyResult<Self> {
        let out: ParseOutput = crate::convert::from_json_as(json, "parse output")?;
        if chars.windows(2).any(|w| w[0] >= w[1]) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "malformed pickled state",
            ));
        }
        Ok(PyParseResult {
            inner: Arc::new(out),
            chars: Arc::new(chars),
        })
    }

    /// Pickles with the character index, so that ``str`` positions survive.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let f = slf.get_type().getattr("_from_state")?;
        let text = serde_json::to_string(&*me.inner)
            .map_err(|e| crate::error::internal_err(format!("pickle: {e}")))?;
        let args = (text, me.chars.to_vec()).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }
}

impl JsonBacked for PyParseResult {
    type Core = ParseOutput;
    fn core(&self) -> &ParseOutput {
        &self.inner
    }
    /// From JSON alone the original text is not known: ranges then count UTF-8 bytes.
    fn read(text: &str) -> Result<Self, thidua_core::Error> {
        let out: ParseOutput =
            serde_json::from_str(text).map_err(|e| thidua_core::Error::Json {
                what: "parse output".into(),
                message: e.to_string(),
                location: Default::default(),
            })?;
        Ok(PyParseResult {
            inner: Arc::new(out),
            chars: Arc::new(Vec::new()),
        })
    }
}

json_block!(
    PyParseResult,
    "a parse result (the core's JSON, with UTF-8 byte offsets; positions read back from JSON count bytes, as the text is not known)",
    custom_reduce
);

impl PyParseResult {
    fn pos(&self, byte: usize) -> usize {
        if self.chars.is_empty() {
            byte
        } else {
            to_char(&self.chars, byte)
        }
    }
}

/// One diagnostic of ``parse_directive``: severity (``"info"``, ``"warning"``, ``"error"``),
/// a stable code, a message, and the span ``text[start:end]`` it is about.
#[pyclass(module = "thidua._thidua", name = "Diagnostic", frozen, eq)]
#[derive(PartialEq)]
pub struct PyDiagnostic {
    diag: Diagnostic,
    /// `str` indices of the span.
    start: usize,
    end: usize,
}

immutable_copy!(PyDiagnostic);

#[pymethods]
impl PyDiagnostic {
    /// ``"info"``, ``"warning"`` or ``"error"``.
    #[getter]
    fn severity(&self) -> String {
        serde_name(&self.diag.severity)
    }

    /// Stable code (``"partial_target"``, ``"missing_year"``…).
    #[getter]
    fn code(&self) -> String {
        self.diag.code.clone()
    }

    /// Message.
    #[getter]
    fn message(&self) -> String {
        self.diag.message.clone()
    }

    /// Start of the span, as a ``str`` index into the parsed text.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// End of the span (exclusive), as a ``str`` index.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The diagnostic's JSON form (the core's, with UTF-8 byte offsets) as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.diag)
    }

    /// Rebuilds a diagnostic from its JSON and ``str`` span (for pickle).
    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        json: &str,
        start: usize,
        end: usize,
    ) -> PyResult<Self> {
        Ok(PyDiagnostic {
            diag: crate::convert::from_json_as(json, "diagnostic")?,
            start,
            end,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let f = slf.get_type().getattr("_from_state")?;
        let text = serde_json::to_string(&me.diag)
            .map_err(|e| crate::error::internal_err(format!("pickle: {e}")))?;
        let args = (text, me.start, me.end).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }

    fn __repr__(&self) -> String {
        let d = &self.diag;
        format!(
            "<Diagnostic {} {} [{}:{}]: {}>",
            serde_name(&d.severity),
            d.code,
            self.start,
            self.end,
            d.message
        )
    }
}

/// `{code: severity}` of every diagnostic the parser can report.
pub fn diagnostic_codes() -> Vec<(&'static str, String)> {
    DIAGNOSTIC_CODES
        .iter()
        .map(|(c, s)| (*c, serde_name(s)))
        .collect()
}
