//! The compiled, columnar scoring path (`thidua_core::scoring::CompiledScheme`): a scheme
//! compiled once against a `CompiledDirective`, then results → batch evaluation → criterion
//! points, totals, bands and ranks as Arrow columns, with the GIL released. Conversion only:
//! every rule (which units the kernels take, the row-wise fallback, the errors) is the core's.
//! `thidua/_engine.py` adds pandas in and pandas / polars out (`score_table`).

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use thidua_core::engine::arrow::{ArrowOutput, ArrowResults};
use thidua_core::engine::{BatchEvaluation, CompiledDirective, PackedResults};
use thidua_core::scoring::{CompiledScheme, RosterEntry, Scheme, StageInput};
use thidua_core::{Error, Period, ResultSet};

use crate::convert::{json_text, py_to_json};
use crate::engine::{one_batch, PyCompiledDirective};
use crate::error::{guard, guard_detached, internal_err};
use crate::results::PyResultSet;

/// Result rows as the binding received them, read into a form the engine takes (with the GIL
/// held); the evaluation itself runs without it.
enum Rows {
    Arrow(Vec<RecordBatch>, SchemaRef, bool),
    Set(Arc<ResultSet>),
    Json(String),
    Records(Box<PackedResults>),
}

impl Rows {
    /// A `ResultSet`, JSON text (`str` / `bytes`), a list or tuple of records, or anything
    /// with the Arrow PyCapsule interface — as `evaluate_results`, `evaluate_json`,
    /// `evaluate_records` and `evaluate_arrow` read them.
    fn read(results: &Bound<'_, PyAny>, ignore_extra: bool) -> PyResult<Rows> {
        if let Ok(set) = results.cast::<PyResultSet>() {
            return Ok(Rows::Set(set.get().inner.clone()));
        }
        if results.is_instance_of::<PyString>() || results.is_instance_of::<PyBytes>() {
            return Ok(Rows::Json(crate::convert::text_arg(results, "json")?));
        }
        if results.is_instance_of::<PyList>() || results.is_instance_of::<PyTuple>() {
            let mut rows = PackedResults::new();
            crate::results::each_record(results, |e| rows.push(e))?;
            return Ok(Rows::Records(Box::new(rows)));
        }
        let table: AnyRecordBatch =
            results.extract().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                "results must be an Arrow table (anything with __arrow_c_stream__), a ResultSet, \
                 JSON text or a list of records, found {}",
                results.get_type().name().map_or_else(|_| "?".into(), |n| n.to_string())
            ))
            })?;
        let (batches, schema) = table
            .into_table()
            .map_err(|e| internal_err(format!("reading the Arrow input: {e}")))?
            .into_inner();
        Ok(Rows::Arrow(batches, schema, ignore_extra))
    }

    /// The batch evaluation of these rows on `compiled`.
    fn evaluate(self, compiled: &CompiledDirective) -> thidua_core::Result<BatchEvaluation> {
        match self {
            Rows::Arrow(batches, schema, ignore_extra) => {
                let batch = one_batch(batches, schema)?;
                compiled.evaluate(&ArrowResults::with_options(&batch, ignore_extra)?)
            }
            Rows::Set(set) => compiled.evaluate(&*set),
            Rows::Json(text) => compiled.evaluate(&PackedResults::from_json(&text)?),
            Rows::Records(rows) => compiled.evaluate(&*rows),
        }
    }
}

/// A pyarrow Table of one record batch.
fn table(py: Python<'_>, b: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let schema = b.schema();
    PyTable::try_new(vec![b], schema)?.into_pyarrow(py)
}

/// A JSON argument read as the core's `T` (its errors located under `field`).
fn json_arg<T: serde::de::DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    field: &'static str,
) -> PyResult<T> {
    let v = py_to_json(obj, field)?;
    guard(|| thidua_core::json::from_value(v, field).map_err(|e| e.in_field(field)))
}

/// A scoring scheme (thang điểm) compiled once for the batches of a
/// :class:`CompiledDirective`: every criterion's rule becomes an integer kernel (see
/// ``docs/scoring.md``, §13). ``score`` evaluates a table of results and scores, classifies
/// and ranks every roster unit — exactly the numbers of :func:`thidua.score` for the same
/// results as a single stage, with the same errors — as Arrow columns. A scheme the compiled
/// path cannot take raises ``InvalidSchemeError`` ("not covered by the compiled scoring
/// path: …"); :meth:`uncovered` lists why. Pickles (the scheme and the compiled directive
/// travel).
#[pyclass(module = "thidua._thidua", name = "CompiledScheme", frozen)]
pub struct PyCompiledScheme {
    inner: CompiledScheme,
    /// The directive's compiled form (the same shared value as `directive`'s: a batch must be
    /// evaluated by the scheme's own compiled directive).
    compiled: CompiledDirective,
    directive: Py<PyCompiledDirective>,
}

#[pymethods]
impl PyCompiledScheme {
    /// Compiles ``scheme`` (a dict or JSON text, the ``scheme`` of :func:`thidua.score`'s
    /// input) for ``directive``: the scheme is validated, its targets checked against the
    /// directive, and refused when the compiled path does not cover it.
    #[new]
    fn new(
        scheme: &Bound<'_, PyAny>,
        directive: &Bound<'_, PyCompiledDirective>,
    ) -> PyResult<Self> {
        let text = json_text(scheme, "scheme")?;
        let compiled = directive.get().inner.clone();
        let inner = guard(|| CompiledScheme::new(&Scheme::from_json(&text)?, &compiled))?;
        Ok(PyCompiledScheme {
            inner,
            compiled,
            directive: directive.clone().unbind(),
        })
    }

    /// What in ``scheme`` (a dict or JSON text) the compiled path does not cover, as a list of
    /// ``{"location": ..., "reason": ...}`` (empty: it compiles). An invalid scheme raises the
    /// error :func:`thidua.score` would.
    #[staticmethod]
    fn uncovered<'py>(py: Python<'py>, scheme: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let text = json_text(scheme, "scheme")?;
        let s = guard(|| Scheme::from_json(&text))?;
        let out = PyList::empty(py);
        for u in CompiledScheme::uncovered(&s) {
            let d = PyDict::new(py);
            d.set_item("location", u.location())?;
            d.set_item("reason", u.reason())?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// The compiled directive the scheme was compiled for.
    #[getter]
    fn directive(&self, py: Python<'_>) -> Py<PyCompiledDirective> {
        self.directive.clone_ref(py)
    }

    /// Criterion ids in scheme order (the ``points_<id>`` columns of ``score``).
    #[getter]
    fn criterion_ids(&self) -> Vec<String> {
        let s = self.inner.scheme();
        s.criteria().map(|(_, c)| c.id.clone()).collect()
    }

    /// The scheme's decimals (``rounding.digits``): the scale of every score column.
    #[getter]
    fn digits(&self) -> u32 {
        self.inner.scheme().rounding.digits
    }

    /// The scheme's JSON text (pretty, the core's format).
    fn scheme_json(&self) -> PyResult<String> {
        guard(|| self.inner.scheme().to_json())
    }

    /// Evaluates ``results`` on the compiled directive and scores every unit of ``roster``
    /// (a list of ``{"unit", "group", "kind"}``) as one stage: returns ``(scores, rows)``,
    /// ``scores`` a pyarrow Table with one row per roster unit in roster order — ``unit``,
    /// ``group``, ``total``, ``criteria_total`` (decimal128 at the scheme's digits), ``band``
    /// (null when not eligible), ``rank`` (null when not ranked), ``tied`` and, with
    /// ``points=True``, ``points_<criterion>`` —, ``rows`` the evaluation rows (as
    /// ``CompiledDirective.evaluate_arrow`` gives them) with ``evaluation=True``, else
    /// ``None``.
    ///
    /// ``results`` is a pyarrow Table / RecordBatch (anything with ``__arrow_c_stream__``),
    /// a :class:`ResultSet`, JSON text or a list of records, read as the ``evaluate_*``
    /// methods read them. ``stage`` is one stage's ``council_points``, ``bonuses`` and
    /// ``penalties`` with its ``stage`` name (a stage of :func:`thidua.score`'s input without
    /// ``evaluation`` or ``results``); ``period`` is required when the results hold several
    /// periods. Runs with the GIL released.
    #[pyo3(signature = (results, roster, *, stage = None, period = None, points = true,
        evaluation = false, explanations = false, ignore_extra = false))]
    #[allow(clippy::too_many_arguments)]
    fn score<'py>(
        &self,
        py: Python<'py>,
        results: &Bound<'py, PyAny>,
        roster: &Bound<'py, PyAny>,
        stage: Option<&Bound<'py, PyAny>>,
        period: Option<&Bound<'py, PyAny>>,
        points: bool,
        evaluation: bool,
        explanations: bool,
        ignore_extra: bool,
    ) -> PyResult<(Bound<'py, PyAny>, Option<Bound<'py, PyAny>>)> {
        let rows = Rows::read(results, ignore_extra)?;
        let roster: Vec<RosterEntry> = json_arg(roster, "roster")?;
        let stage: Option<StageInput> = stage.map(|s| json_arg(s, "stage")).transpose()?;
        let period = match period {
            Some(p) => {
                let text = crate::convert::text_arg(p, "period")?;
                Some(guard(|| text.parse::<Period>())?)
            }
            None => None,
        };
        let (cs, compiled) = (self.inner.clone(), self.compiled.clone());
        let (scores, rows) = guard_detached(py, move || {
            let batch = rows.evaluate(&compiled)?;
            let scores = cs.score_stage(&batch, &roster, stage.as_ref(), period)?;
            let rows = match evaluation {
                true => Some(
                    batch
                        .to_record_batch(&ArrowOutput::default().with_explanations(explanations))?,
                ),
                false => None,
            };
            Ok::<_, Error>((scores.to_record_batch(points)?, rows))
        })?;
        Ok((table(py, scores)?, rows.map(|r| table(py, r)).transpose()?))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        let cls = py.import("thidua._thidua")?.getattr("CompiledScheme")?;
        let text = guard(|| me.inner.scheme().to_json())?;
        let args = (text, me.directive.clone_ref(py));
        Ok((cls, args).into_pyobject(py)?.into_any())
    }

    fn __repr__(&self) -> String {
        format!(
            "CompiledScheme({:?}, {} criteria)",
            self.inner.scheme().name,
            self.inner.scheme().criteria().count()
        )
    }
}
