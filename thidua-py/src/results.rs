//! `ResultSet`: reported results, from JSON, records, columns or a DataFrame.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyType};
use thidua_core::{Error, ResultEntry, ResultSet, Segment};

use crate::columns;
use crate::convert::{py_to_json_at, Seg};
use crate::directive::{read_path, serde_name, write_path};
use crate::error::{core_err, guard};
use crate::frame::{dataframe, Columns, DecimalMode, Out};
use crate::json_block::{json_block, JsonBacked};

/// Reported results (kết quả thực hiện): one row per unit × target × period (× component).
///
/// Rows have the fields ``unit``, ``target``, ``period`` (required), and ``value``,
/// ``baseline``, ``component``, ``scale``, ``value_unit``, ``out_of``, ``baseline_out_of``,
/// ``judgement``, ``not_applicable``, ``provenance`` (``"official"`` or ``"estimate"``; the
/// column may be called ``status``) and ``note``. Numbers follow the package's rule: ``int``,
/// ``decimal.Decimal`` and plain decimal ``str`` are exact, a ``float`` is read as its shortest
/// repr; NaN and infinities raise ``InvalidNumberError`` (in columns, a missing cell — ``None``,
/// ``NaN``, ``pd.NA`` — means the field is absent).
///
/// ``ResultSet(records)`` is the same as ``ResultSet.from_records(records)``.
#[pyclass(module = "thidua._thidua", name = "ResultSet", frozen, eq)]
#[derive(PartialEq)]
pub struct PyResultSet {
    pub inner: Arc<ResultSet>,
}

fn from_records(
    records: &Bound<'_, PyAny>,
    directive: Option<String>,
    description: Option<String>,
) -> PyResult<ResultSet> {
    let mut entries = Vec::new();
    each_record(records, |e| {
        entries.push(e);
        Ok(())
    })?;
    Ok(ResultSet {
        directive,
        description,
        entries,
    })
}

/// Reads an iterable of dicts one row at a time, each by the core's rules for a row
/// (`thidua_core::json::from_value` into a `ResultEntry`), and hands each to `sink`.
pub(crate) fn each_record(
    records: &Bound<'_, PyAny>,
    mut sink: impl FnMut(ResultEntry) -> Result<(), Error>,
) -> PyResult<()> {
    if records.is_instance_of::<PyString>()
        || records.is_instance_of::<PyBytes>()
        || records.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "records must be an iterable of dicts (one per row), found {}",
            records.get_type().name()?
        )));
    }
    for (i, r) in records.try_iter()?.enumerate() {
        let r = r?;
        if !r.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!(
                "results[{i}]: each record must be a dict, found {}",
                r.get_type().name()?
            )));
        }
        // The rows of a result set are `results[i]` on every path (the core's convention for
        // JSON text, evaluation errors and columns alike).
        let loc = [Seg::Key("results".into()), Seg::Index(i)];
        let v = py_to_json_at(&r, &format!("results[{i}]"), &loc)?;
        let e: ResultEntry = thidua_core::json::from_value(v, "result set")
            .map_err(|e| core_err(e.under([Segment::from("results"), Segment::Index(i)])))?;
        sink(e).map_err(core_err)?;
    }
    Ok(())
}

fn from_column_map(
    columns: &Bound<'_, PyAny>,
    ignore_extra: bool,
    directive: Option<String>,
    description: Option<String>,
) -> PyResult<ResultSet> {
    let py = columns.py();
    let helper = py.import("thidua._columns")?;
    let enc = helper.call_method1("encode_columns", (columns,))?;
    let n: usize = enc.get_item(0)?.extract()?;
    let layouts_dict = enc.get_item(1)?;
    let layouts = columns::layouts(layouts_dict.cast::<PyDict>()?)?;
    columns::build(py, n, &layouts, ignore_extra, directive, description)
}

#[pymethods]
impl PyResultSet {
    #[new]
    #[pyo3(signature = (entries = None, *, directive = None, description = None))]
    fn new(
        entries: Option<&Bound<'_, PyAny>>,
        directive: Option<String>,
        description: Option<String>,
    ) -> PyResult<Self> {
        let rs = match entries {
            Some(e) => from_records(e, directive, description)?,
            None => ResultSet {
                directive,
                description,
                entries: Vec::new(),
            },
        };
        Ok(PyResultSet {
            inner: Arc::new(rs),
        })
    }

    /// Reads a JSON file (``str`` or ``os.PathLike``).
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = read_path(path)?;
        Ok(PyResultSet {
            inner: Arc::new(guard(|| ResultSet::from_json(&text))?),
        })
    }

    /// From an iterable of dicts (one per row; keys as in the JSON form).
    #[classmethod]
    #[pyo3(signature = (records, *, directive = None, description = None))]
    fn from_records(
        _cls: &Bound<'_, PyType>,
        records: &Bound<'_, PyAny>,
        directive: Option<String>,
        description: Option<String>,
    ) -> PyResult<Self> {
        Ok(PyResultSet {
            inner: Arc::new(from_records(records, directive, description)?),
        })
    }

    /// The batch path: from whole columns (a mapping of column name → NumPy array, pandas
    /// Series, pyarrow Array/ChunkedArray or list). Columns are encoded with vectorised
    /// operations and the rows are built in Rust with the GIL released. Unknown columns are
    /// an error unless ``ignore_extra=True``.
    #[classmethod]
    #[pyo3(signature = (columns, *, ignore_extra = false, directive = None, description = None))]
    fn from_columns(
        _cls: &Bound<'_, PyType>,
        columns: &Bound<'_, PyAny>,
        ignore_extra: bool,
        directive: Option<String>,
        description: Option<String>,
    ) -> PyResult<Self> {
        Ok(PyResultSet {
            inner: Arc::new(from_column_map(
                columns,
                ignore_extra,
                directive,
                description,
            )?),
        })
    }

    /// From a long pandas DataFrame (one row per unit × target × period), through the batch
    /// path. ``columns`` renames columns (``{"don_vi": "unit", "chi_tieu": "target"}``);
    /// unknown columns are an error unless ``ignore_extra=True``.
    #[classmethod]
    #[pyo3(signature = (df, *, columns = None, ignore_extra = false, directive = None, description = None))]
    fn from_dataframe(
        _cls: &Bound<'_, PyType>,
        df: &Bound<'_, PyAny>,
        columns: Option<&Bound<'_, PyDict>>,
        ignore_extra: bool,
        directive: Option<String>,
        description: Option<String>,
    ) -> PyResult<Self> {
        let py = df.py();
        let helper = py.import("thidua._columns")?;
        let cols = helper.call_method1("frame_columns", (df,))?;
        let cols = cols.cast::<PyDict>()?;
        let renamed = PyDict::new(py);
        for (k, v) in cols.iter() {
            let name = match columns {
                Some(map) => match map.get_item(&k)? {
                    Some(new) => new,
                    None => k,
                },
                None => k,
            };
            renamed.set_item(name, v)?;
        }
        Ok(PyResultSet {
            inner: Arc::new(from_column_map(
                renamed.as_any(),
                ignore_extra,
                directive,
                description,
            )?),
        })
    }

    /// All rows of several result sets, in order (``directive``/``description`` of the first).
    #[classmethod]
    fn concat(_cls: &Bound<'_, PyType>, sets: Vec<PyRef<'_, PyResultSet>>) -> Self {
        let mut out = ResultSet::default();
        for (i, s) in sets.iter().enumerate() {
            if i == 0 {
                out.directive = s.inner.directive.clone();
                out.description = s.inner.description.clone();
            }
            out.entries.extend(s.inner.entries.iter().cloned());
        }
        PyResultSet {
            inner: Arc::new(out),
        }
    }

    /// Writes the JSON to a file.
    fn save(&self, path: &Bound<'_, PyAny>) -> PyResult<()> {
        write_path(path, &(guard(|| self.inner.to_json())? + "\n"))
    }

    /// One dict per row with every field (absent ones ``None``), numbers as ``Decimal``.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let cols = self.columns(py, DecimalMode::Decimal)?;
        let mut out = Vec::with_capacity(self.inner.entries.len());
        for i in 0..self.inner.entries.len() {
            let d = PyDict::new(py);
            for (k, v) in cols.iter() {
                d.set_item(&k, v.get_item(i)?)?;
            }
            out.push(d);
        }
        Ok(out)
    }

    /// ``{column: list}`` with one entry per row (see ``to_dataframe``).
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_columns<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyDict>> {
        self.columns(py, DecimalMode::parse(decimals)?)
    }

    /// A long pandas DataFrame, one row per result row, with the columns ``unit``,
    /// ``target``, ``component``, ``period``, ``value``, ``baseline``, ``scale``,
    /// ``value_unit``, ``out_of``, ``baseline_out_of``, ``judgement``, ``not_applicable``,
    /// ``provenance``, ``note``. ``decimals`` is ``"decimal"`` (exact ``Decimal`` objects),
    /// ``"float"`` or ``"str"``. ``ResultSet.from_dataframe`` reads it back unchanged.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_dataframe<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        let cols = self.columns(py, DecimalMode::parse(decimals)?)?;
        dataframe(py, cols)
    }

    /// The directive the results answer (its number), or ``None``.
    #[getter]
    fn directive(&self) -> Option<String> {
        self.inner.directive.clone()
    }

    /// Free-text description, or ``None``.
    #[getter]
    fn description(&self) -> Option<String> {
        self.inner.description.clone()
    }

    /// The distinct units, in order of first appearance.
    #[getter]
    fn units(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.inner
            .entries
            .iter()
            .filter(|e| seen.insert(e.unit.as_str()))
            .map(|e| e.unit.clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ResultSet rows={} units={}>",
            self.inner.entries.len(),
            self.units().len()
        )
    }
}

impl JsonBacked for PyResultSet {
    type Core = ResultSet;
    fn core(&self) -> &ResultSet {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        Ok(PyResultSet {
            inner: Arc::new(ResultSet::from_json(text)?),
        })
    }
}

json_block!(
    PyResultSet,
    "a result set (``{\"entries\": [...]}`` or a bare array of rows)"
);

impl PyResultSet {
    fn columns<'py>(&self, py: Python<'py>, mode: DecimalMode) -> PyResult<Bound<'py, PyDict>> {
        let rows = &self.inner.entries;
        let mut out = Out::new(py, mode)?;
        let mut cols = Columns::new(columns::FIELDS, rows.len());
        for r in rows {
            let period = r.period.to_string();
            let row = vec![
                out.s(&r.unit),
                out.s(&r.target),
                out.opt_s(r.component.as_deref()),
                out.s(&period),
                out.dec(r.value)?,
                out.dec(r.baseline)?,
                match r.scale {
                    Some(s) => out.s(&serde_name(&s)),
                    None => out.none(),
                },
                match &r.value_unit {
                    Some(u) => out.s(&serde_name(u)),
                    None => out.none(),
                },
                opt_int(py, r.out_of)?,
                opt_int(py, r.baseline_out_of)?,
                match r.judgement {
                    Some(j) => out.s(&serde_name(&j)),
                    None => out.none(),
                },
                pyo3::types::PyBool::new(py, r.not_applicable)
                    .to_owned()
                    .into_any(),
                match r.provenance {
                    Some(p) => out.s(&serde_name(&p)),
                    None => out.none(),
                },
                out.opt_s(r.note.as_deref()),
                out.dec(r.value_high)?,
                match r.qualifier {
                    Some(q) => out.s(&serde_name(&q)),
                    None => out.none(),
                },
                out.dec(r.share_of_plan)?,
                out.opt_s(r.plan_level.as_deref()),
                out.dec(r.change)?,
                match r.change_unit {
                    Some(c) => out.s(&serde_name(&c)),
                    None => out.none(),
                },
                match r.change_from {
                    Some(c) => out.s(&serde_name(&c)),
                    None => out.none(),
                },
                match r.date {
                    Some(d) => out.s(&d.to_string()),
                    None => out.none(),
                },
                out.opt_s(r.reported.as_deref()),
                out.opt_s(r.source.as_deref()),
            ];
            cols.push(row);
        }
        cols.into_dict(py)
    }
}

fn opt_int(py: Python<'_>, v: Option<u32>) -> PyResult<Bound<'_, PyAny>> {
    Ok(match v {
        Some(v) => v.into_pyobject(py)?.into_any(),
        None => py.None().into_bound(py),
    })
}
