//! Workbooks and CSV in and out (the core's `sheet` module, feature `xlsx`): a thin binding
//! that converts arguments and maps errors.
//!
//! * ``ResultSet.from_excel(source, sheet=None, *, directive=None, …)`` — a path or bytes of
//!   an xlsx / xls / ods / CSV file; warnings become Python ``UserWarning``s with the cell,
//!   error diagnostics raise ``InvalidInputError`` whose ``loc`` names the cell.
//! * ``TargetTable.from_excel(source, sheet=None, *, directive=None, …)`` — a per-unit target
//!   table (assigned / pledged figures) as the core's ``TargetTable``, each row's ``source``
//!   its cell.
//! * ``thidua.inspect_excel(source, …)`` — the same reading without raising: the result set,
//!   every diagnostic and how each table was read, as dicts.
//! * ``ResultSet.to_excel``, ``Evaluation.to_excel``, ``ScoreReport.to_excel``,
//!   ``Directive.excel_template`` — write to a path, or return the bytes when no path is given.

use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyMemoryView, PyType};
use thidua_core::sheet::{
    self, EvaluationSheets, ReadOptions, ResultLayout, Severity, TemplateOptions,
};
use thidua_core::{Directive, Error};

use crate::convert::{json_to_py, py_to_json};
use crate::directive::PyDirective;
use crate::error::guard;
use crate::evaluation::PyEvaluation;
use crate::results::PyResultSet;
use crate::scoring::PyScoreReport;
use crate::units::PyTargetTable;

fn source_bytes(source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = source.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = source.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if source.is_instance_of::<PyMemoryView>() {
        let b: Vec<u8> = source.call_method0("tobytes")?.extract()?;
        return Ok(b);
    }
    let p: std::path::PathBuf = source.extract()?;
    Ok(std::fs::read(&p)?)
}

fn output(
    py: Python<'_>,
    path: Option<&Bound<'_, PyAny>>,
    bytes: Vec<u8>,
) -> PyResult<Option<Py<PyAny>>> {
    match path {
        Some(p) if !p.is_none() => {
            let p: std::path::PathBuf = p.extract()?;
            std::fs::write(&p, &bytes)?;
            Ok(None)
        }
        _ => Ok(Some(PyBytes::new(py, &bytes).into_any().unbind())),
    }
}

#[allow(clippy::too_many_arguments)]
fn options(
    sheet: Option<String>,
    unit: Option<String>,
    period: Option<String>,
    columns: Option<&Bound<'_, PyDict>>,
    header_row: Option<u32>,
    legacy_encoding: &str,
    number_style: &str,
) -> PyResult<ReadOptions> {
    let mut v = serde_json::json!({
        "sheet": sheet, "unit": unit, "period": period, "header_row": header_row,
        "legacy_encoding": legacy_encoding, "number_style": number_style,
    });
    if let Some(c) = columns {
        v["columns"] = py_to_json(c.as_any(), "columns")?;
    }
    guard(|| {
        serde_json::from_value(v).map_err(|e| Error::InvalidInput {
            location: "options".into(),
            reason: e.to_string(),
        })
    })
}

fn directive_of(d: Option<&Bound<'_, PyDirective>>) -> Option<Directive> {
    d.map(|d| (*d.get().inner).clone())
}

fn diagnostics_py<'py>(
    py: Python<'py>,
    r: &sheet::Read<thidua_core::ResultSet>,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(&r.diagnostics).unwrap_or_default();
    let v = v
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .zip(&r.diagnostics)
        .map(|(mut j, d)| {
            j["location"] = serde_json::Value::String(d.location());
            j
        })
        .collect::<Vec<_>>();
    json_to_py(py, &serde_json::Value::Array(v))
}

#[allow(clippy::too_many_arguments)]
fn read<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    sheet: Option<String>,
    directive: Option<&Bound<'py, PyDirective>>,
    unit: Option<String>,
    period: Option<String>,
    columns: Option<&Bound<'py, PyDict>>,
    header_row: Option<u32>,
    legacy_encoding: &str,
    number_style: &str,
) -> PyResult<sheet::Read<thidua_core::ResultSet>> {
    let bytes = source_bytes(source)?;
    let opts = options(
        sheet,
        unit,
        period,
        columns,
        header_row,
        legacy_encoding,
        number_style,
    )?;
    let d = directive_of(directive);
    py.detach(|| guard(|| sheet::read_results(&bytes, d.as_ref(), &opts)))
}

fn warn_all<T>(py: Python<'_>, r: &sheet::Read<T>) -> PyResult<()> {
    for d in r.of(Severity::Warning) {
        PyErr::warn(
            py,
            &py.get_type::<PyUserWarning>(),
            &std::ffi::CString::new(d.to_string()).unwrap_or_default(),
            1,
        )?;
    }
    Ok(())
}

#[pymethods]
impl PyTargetTable {
    /// Reads a per-unit target table (giao chỉ tiêu, đăng ký thi đua) from a workbook (xlsx,
    /// xls, ods) or CSV file: a path, or the file's bytes. Units as columns, or "Kế hoạch" /
    /// "Đăng ký" columns; with ``directive``, rows are matched to its targets by number or
    /// name. Cells as written ("7,5-8,0", "trên 60", "từ 9,5% trở lên", "không áp dụng") are
    /// read by the core; each row's ``source`` is its cell. Warnings are issued as
    /// ``UserWarning``; an error diagnostic raises ``InvalidInputError`` naming the cell.
    #[classmethod]
    #[pyo3(signature = (source, sheet=None, *, directive=None, columns=None, header_row=None, legacy_encoding="auto", number_style="auto"))]
    #[allow(clippy::too_many_arguments)]
    fn from_excel(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<String>,
        directive: Option<&Bound<'_, PyDirective>>,
        columns: Option<&Bound<'_, PyDict>>,
        header_row: Option<u32>,
        legacy_encoding: &str,
        number_style: &str,
    ) -> PyResult<PyTargetTable> {
        let bytes = source_bytes(source)?;
        let opts = options(
            sheet,
            None,
            None,
            columns,
            header_row,
            legacy_encoding,
            number_style,
        )?;
        let d = directive_of(directive);
        let r = py.detach(|| guard(|| sheet::read_unit_targets(&bytes, d.as_ref(), &opts)))?;
        warn_all(py, &r)?;
        let t = guard(|| r.into_result())?;
        Ok(PyTargetTable {
            inner: std::sync::Arc::new(t),
        })
    }
}

#[pymethods]
impl PyResultSet {
    /// Reads results from a workbook (xlsx, xls, ods) or CSV file: a path, or the file's
    /// bytes. ``sheet`` reads one sheet (default: every sheet holding a table); with
    /// ``directive``, rows are matched to its targets by number or name. ``unit`` and
    /// ``period`` fill in what a one-unit report does not say; ``columns`` maps roles to
    /// columns (``{"value": "E", "name": "Chỉ tiêu chủ yếu"}``). Warnings are issued as
    /// ``UserWarning`` with their cell; an error diagnostic raises ``InvalidInputError``
    /// naming the cell (``'Kết quả'!C7``). See ``docs/spreadsheets.md``.
    #[classmethod]
    #[pyo3(signature = (source, sheet=None, *, directive=None, unit=None, period=None, columns=None, header_row=None, legacy_encoding="auto", number_style="auto"))]
    #[allow(clippy::too_many_arguments)]
    fn from_excel(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<String>,
        directive: Option<&Bound<'_, PyDirective>>,
        unit: Option<String>,
        period: Option<String>,
        columns: Option<&Bound<'_, PyDict>>,
        header_row: Option<u32>,
        legacy_encoding: &str,
        number_style: &str,
    ) -> PyResult<PyResultSet> {
        let r = read(
            py,
            source,
            sheet,
            directive,
            unit,
            period,
            columns,
            header_row,
            legacy_encoding,
            number_style,
        )?;
        for d in r.of(Severity::Warning) {
            PyErr::warn(
                py,
                &py.get_type::<PyUserWarning>(),
                &std::ffi::CString::new(d.to_string()).unwrap_or_default(),
                1,
            )?;
        }
        let rs = guard(|| r.into_result())?;
        Ok(PyResultSet {
            inner: std::sync::Arc::new(rs),
        })
    }

    /// Writes the result set as a workbook: ``layout="long"`` (one row per entry, every
    /// field a column; reads back to the same rows) or ``"wide"`` (targets × units, needs
    /// ``directive``). Returns the bytes when ``path`` is ``None``.
    #[pyo3(signature = (path=None, *, directive=None, layout="long"))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        directive: Option<&Bound<'_, PyDirective>>,
        layout: &str,
    ) -> PyResult<Option<Py<PyAny>>> {
        let layout = match layout {
            "long" => ResultLayout::Long,
            "wide" => ResultLayout::Wide,
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "layout must be 'long' or 'wide', not {other:?}"
                )))
            }
        };
        let d = directive_of(directive);
        let bytes = guard(|| sheet::write_results(&self.inner, d.as_ref(), layout))?;
        output(py, path, bytes)
    }
}

/// Reads a workbook or CSV file like ``ResultSet.from_excel`` but never raises for its
/// content: returns ``{"results": ResultSet, "diagnostics": [...], "tables": [...]}`` with
/// every diagnostic (severity, code, message, location such as ``'Kết quả'!C7``) and how each
/// table was read (layout, header rows, column roles, units, period).
#[pyfunction]
#[pyo3(signature = (source, sheet=None, *, directive=None, unit=None, period=None, columns=None, header_row=None, legacy_encoding="auto", number_style="auto"))]
#[allow(clippy::too_many_arguments)]
pub fn inspect_excel<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    sheet: Option<String>,
    directive: Option<&Bound<'py, PyDirective>>,
    unit: Option<String>,
    period: Option<String>,
    columns: Option<&Bound<'py, PyDict>>,
    header_row: Option<u32>,
    legacy_encoding: &str,
    number_style: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let r = read(
        py,
        source,
        sheet,
        directive,
        unit,
        period,
        columns,
        header_row,
        legacy_encoding,
        number_style,
    )?;
    let out = PyDict::new(py);
    out.set_item("diagnostics", diagnostics_py(py, &r)?)?;
    out.set_item(
        "tables",
        json_to_py(py, &serde_json::to_value(&r.tables).unwrap_or_default())?,
    )?;
    out.set_item(
        "results",
        PyResultSet {
            inner: std::sync::Arc::new(r.value),
        },
    )?;
    Ok(out)
}

#[pymethods]
impl PyEvaluation {
    /// Writes the scorecard workbook: each target's plan, result, % of plan, coloured status
    /// and explanation, then each unit's headline; ``directive`` adds the title block (number
    /// and date) and units of measure; ``per_unit=True`` writes one sheet per unit. Returns
    /// the bytes when ``path`` is ``None``.
    #[pyo3(signature = (path=None, *, directive=None, per_unit=false))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        directive: Option<&Bound<'_, PyDirective>>,
        per_unit: bool,
    ) -> PyResult<Option<Py<PyAny>>> {
        let d = directive_of(directive);
        let mode = if per_unit {
            EvaluationSheets::PerUnit
        } else {
            EvaluationSheets::OneTable
        };
        let bytes = guard(|| sheet::write_evaluation(&self.inner, d.as_ref(), mode))?;
        output(py, path, bytes)
    }
}

#[pymethods]
impl PyScoreReport {
    /// Writes the ranking workbook: per cluster or bloc the rank, each stage's total (tự chấm,
    /// cụm thẩm định, Ban TĐKT thẩm định), the change, the band and the award proposals; the
    /// award proposals and near misses with their reasons; each unit's criteria. Returns the
    /// bytes when ``path`` is ``None``.
    #[pyo3(signature = (path=None, *, directive=None))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        directive: Option<&Bound<'_, PyDirective>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        let d = directive_of(directive);
        let bytes = guard(|| sheet::write_score_report(&self.inner, d.as_ref()))?;
        output(py, path, bytes)
    }
}

#[pymethods]
impl PyDirective {
    /// Writes a data-entry workbook: targets as rows, one column per unit, validated input
    /// cells; filled in, it reads back with ``ResultSet.from_excel`` without any mapping.
    /// Returns the bytes when ``path`` is ``None``.
    #[pyo3(signature = (path=None, *, units=None, period=None, estimate=false))]
    fn excel_template(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        units: Option<Vec<String>>,
        period: Option<String>,
        estimate: bool,
    ) -> PyResult<Option<Py<PyAny>>> {
        let period = match period {
            Some(p) => Some(guard(|| p.parse::<thidua_core::Period>())?),
            None => None,
        };
        let opts = TemplateOptions {
            units: units.unwrap_or_default(),
            period,
            estimate,
        };
        let bytes = guard(|| sheet::write_template(&self.inner, &opts))?;
        output(py, path, bytes)
    }
}
