//! The columnar path: Arrow tables in, Arrow tables out, through the core's compiled engine
//! (`thidua_core::engine`). Data crosses the boundary by the Arrow PyCapsule interface
//! (`__arrow_c_stream__` / `__arrow_c_array__`, via pyo3-arrow): pyarrow tables and record
//! batches, polars DataFrames, DuckDB results and anything else that speaks it are read without
//! a copy; the work runs with the GIL released. `thidua/_engine.py` adds pandas in and
//! pandas / polars out.

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use thidua_core::engine::arrow::{concat, ArrowOutput, ArrowResults};
use thidua_core::engine::{CompiledDirective, PackedResults, ResultSource};

use crate::directive::PyDirective;
use crate::error::{guard, guard_detached, internal_err};
use crate::evaluation::options_arg;
use crate::results::PyResultSet;

/// The rows and the summary of a batch evaluation as two pyarrow Tables.
fn tables<'py>(
    py: Python<'py>,
    (rows, summary): (RecordBatch, RecordBatch),
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let table = |b: RecordBatch| -> PyResult<Bound<'py, PyAny>> {
        let schema = b.schema();
        PyTable::try_new(vec![b], schema)?.into_pyarrow(py)
    };
    Ok((table(rows)?, table(summary)?))
}

/// The record batches of an Arrow input as one batch (no copy when there is one).
pub(crate) fn one_batch(
    mut batches: Vec<RecordBatch>,
    schema: SchemaRef,
) -> thidua_core::Result<RecordBatch> {
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => Ok(batches
            .pop()
            .unwrap_or_else(|| RecordBatch::new_empty(schema))),
        _ => concat(&batches),
    }
}

/// Evaluates `rows` and writes the rows and the summary as two record batches.
fn batch_tables<S: ResultSource + ?Sized>(
    compiled: &CompiledDirective,
    rows: &S,
    explanations: bool,
    headlines: bool,
) -> thidua_core::Result<(RecordBatch, RecordBatch)> {
    let b = compiled.evaluate(rows)?;
    Ok((
        b.to_record_batch(&ArrowOutput::default().with_explanations(explanations))?,
        b.summary_record_batch(headlines)?,
    ))
}

/// A directive compiled once for evaluating many rows: every target becomes an integer kernel
/// (see ``docs/evaluation.md``, "The compiled engine"). ``evaluate_arrow`` gives exactly the
/// answers of ``thidua.evaluate`` as Arrow columns, without building text unless asked.
/// Pickles (the directive and options travel; the compiled form is rebuilt), so it can be sent
/// to Dask workers.
#[pyclass(module = "thidua._thidua", name = "CompiledDirective", frozen)]
pub struct PyCompiledDirective {
    pub(crate) inner: CompiledDirective,
    directive: Arc<thidua_core::Directive>,
}

#[pymethods]
impl PyCompiledDirective {
    #[new]
    #[pyo3(signature = (directive, options = None))]
    fn new(
        directive: &Bound<'_, PyDirective>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let opts = options_arg(options)?;
        let d = directive.get().inner.clone();
        let inner = guard(|| CompiledDirective::new(&d, &opts))?;
        Ok(PyCompiledDirective {
            inner,
            directive: d,
        })
    }

    /// Number of targets (rows per unit and period).
    #[getter]
    fn target_count(&self) -> usize {
        self.inner.target_count()
    }

    /// Target ids in directive order.
    #[getter]
    fn target_ids(&self) -> Vec<String> {
        self.inner.target_ids().map(str::to_string).collect()
    }

    /// Targets whose every row is evaluated row-wise (no integer kernel for their kind).
    #[getter]
    fn row_wise_targets(&self) -> Vec<String> {
        self.inner
            .row_wise_targets()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Evaluates an Arrow table of results (anything with ``__arrow_c_stream__`` or
    /// ``__arrow_c_array__``: a pyarrow Table or RecordBatch, a polars DataFrame…) and returns
    /// ``(rows, summary)`` as two pyarrow Tables: one row per unit × period × target
    /// (decimal128 numbers, dictionary-encoded text, status codes), and one row per unit ×
    /// period with the headline counts. ``explanations=True`` adds ``explanation_vi`` /
    /// ``explanation_en``, ``headlines=True`` the headline sentences; ``ignore_extra`` skips
    /// unknown columns. Raises the same ``ThiduaError`` as ``thidua.evaluate`` would, naming
    /// the row.
    #[pyo3(signature = (results, *, explanations = false, headlines = false, ignore_extra = false))]
    fn evaluate_arrow<'py>(
        &self,
        py: Python<'py>,
        results: AnyRecordBatch,
        explanations: bool,
        headlines: bool,
        ignore_extra: bool,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let (batches, schema) = results
            .into_table()
            .map_err(|e| internal_err(format!("reading the Arrow input: {e}")))?
            .into_inner();
        let compiled = self.inner.clone();
        let (rows, summary) = guard_detached(py, move || {
            let batch = one_batch(batches, schema)?;
            let src = ArrowResults::with_options(&batch, ignore_extra)?;
            let b = compiled.evaluate(&src)?;
            let rows =
                b.to_record_batch(&ArrowOutput::default().with_explanations(explanations))?;
            let summary = b.summary_record_batch(headlines)?;
            Ok((rows, summary))
        })?;
        tables(py, (rows, summary))
    }

    /// Evaluates a :class:`ResultSet` (read from records, JSON, a DataFrame or columns) on the
    /// compiled engine and returns ``(rows, summary)`` as two pyarrow Tables, exactly as
    /// ``evaluate_arrow`` does for an Arrow table: no ``Evaluation`` object and no text per row
    /// unless asked, so the records and JSON inputs need no more memory than their rows.
    #[pyo3(signature = (results, *, explanations = false, headlines = false))]
    fn evaluate_results<'py>(
        &self,
        py: Python<'py>,
        results: &Bound<'py, PyResultSet>,
        explanations: bool,
        headlines: bool,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let set = results.get().inner.clone();
        let compiled = self.inner.clone();
        let out = guard_detached(py, move || {
            batch_tables(&compiled, &*set, explanations, headlines)
        })?;
        tables(py, out)
    }

    /// Evaluates result rows given as JSON text (``str`` or UTF-8 ``bytes``: a bare array of
    /// rows or ``{"entries": [...]}``,
    /// as ``ResultSet.from_json`` reads them, with the same errors) on the compiled engine and
    /// returns ``(rows, summary)`` as ``evaluate_results`` does. The rows are read straight into
    /// columns (about 60 bytes a row; no ``ResultSet`` is built), with the GIL released.
    #[pyo3(signature = (json, *, explanations = false, headlines = false))]
    fn evaluate_json<'py>(
        &self,
        py: Python<'py>,
        json: &Bound<'py, PyAny>,
        explanations: bool,
        headlines: bool,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let json = crate::convert::text_arg(json, "json")?;
        let compiled = self.inner.clone();
        let out = guard_detached(py, move || {
            let rows = PackedResults::from_json(&json)?;
            batch_tables(&compiled, &rows, explanations, headlines)
        })?;
        tables(py, out)
    }

    /// Evaluates result rows given as an iterable of dicts (keys as in the JSON form, read as
    /// ``ResultSet.from_records`` reads them, with the same errors) on the compiled engine; the
    /// rows are read one at a time straight into columns (no ``ResultSet`` is built).
    #[pyo3(signature = (records, *, explanations = false, headlines = false))]
    fn evaluate_records<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        explanations: bool,
        headlines: bool,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let mut rows = PackedResults::new();
        crate::results::each_record(records, |e| rows.push(e))?;
        let compiled = self.inner.clone();
        let out = guard_detached(py, move || {
            batch_tables(&compiled, &rows, explanations, headlines)
        })?;
        tables(py, out)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        let cls = py.import("thidua._thidua")?.getattr("CompiledDirective")?;
        let d = Bound::new(
            py,
            PyDirective {
                inner: me.directive.clone(),
            },
        )?;
        let opts = crate::evaluation::PyEvaluationOptions {
            inner: *me.inner.options(),
        };
        let args = (d, Bound::new(py, opts)?);
        Ok((cls, args).into_pyobject(py)?.into_any())
    }

    fn __repr__(&self) -> String {
        format!(
            "CompiledDirective({} targets, {} row-wise)",
            self.inner.target_count(),
            self.inner.row_wise_targets().len()
        )
    }
}
