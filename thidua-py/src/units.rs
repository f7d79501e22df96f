//! Each unit's own targets (`TargetTable`), the reported-result phrase reader
//! (`read_result`) and the warnings of an evaluation. Conversion only: every rule is in
//! `thidua_core::unit_targets`, `thidua_core::reported` and `thidua_core::evaluate`.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString, PyType};
use thidua_core::{Error, TargetTable, UnitTarget};

use crate::convert::{py_to_json_at, to_py_json, Seg};
use crate::directive::{read_path, write_path};
use crate::error::{guard, located_err};
use crate::json_block::{json_block, JsonBacked};

/// Each unit's own targets (chỉ tiêu giao, đăng ký thi đua): one row per unit × target ×
/// level, overriding the directive's figure for that unit. Row fields: ``unit``, ``target``
/// (required), ``level`` (``"assigned"`` — the default —, ``"pledged"``, or a plan level id of
/// the target), ``year``, ``value``, ``value_high``, ``comparator``, ``scale``, ``value_unit``
/// (``"tỷ đồng"``, ``"triệu USD"``: a scale word sets the scale), ``spec`` (a whole target of
/// another kind), ``not_applicable``, ``source``, ``note``. Pass it to ``evaluate(...,
/// targets=table)`` or as ``"targets"`` in a ``score`` input.
///
/// ``TargetTable(records)`` is ``TargetTable.from_records(records)``;
/// ``TargetTable.from_dataframe(df)`` reads a long DataFrame (missing cells — ``None``,
/// ``NaN``, ``pd.NA`` — are absent fields).
#[pyclass(module = "thidua._thidua", name = "TargetTable", frozen, eq)]
#[derive(PartialEq)]
pub struct PyTargetTable {
    pub inner: Arc<TargetTable>,
}

impl JsonBacked for PyTargetTable {
    type Core = TargetTable;
    fn core(&self) -> &TargetTable {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        Ok(PyTargetTable {
            inner: Arc::new(TargetTable::from_json(text)?),
        })
    }
}

json_block!(
    PyTargetTable,
    "a target table (``{\"entries\": [...]}`` or a bare array of rows)"
);

/// Whether a cell of a DataFrame row is missing (None, NaN, pd.NA, NaT).
fn missing(v: &Bound<'_, PyAny>, isna: &Bound<'_, PyAny>) -> PyResult<bool> {
    if v.is_none() {
        return Ok(true);
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(f.value().is_nan());
    }
    if v.is_instance_of::<PyString>()
        || v.is_instance_of::<PyDict>()
        || v.is_instance_of::<PyList>()
    {
        return Ok(false);
    }
    // pd.NA, NaT, numpy NaN scalars
    Ok(isna.call1((v,))?.extract::<bool>().unwrap_or(false))
}

fn rows(records: &Bound<'_, PyAny>, isna: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<UnitTarget>> {
    if records.is_instance_of::<PyString>()
        || records.is_instance_of::<PyBytes>()
        || records.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "records must be an iterable of dicts (one per row), found {}",
            records.get_type().name()?
        )));
    }
    let py = records.py();
    let mut out = Vec::new();
    for (i, r) in records.try_iter()?.enumerate() {
        let r = r?;
        let Ok(d) = r.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "entries[{i}]: each record must be a dict, found {}",
                r.get_type().name()?
            )));
        };
        let clean = PyDict::new(py);
        for (k, v) in d.iter() {
            if let Some(isna) = isna {
                if missing(&v, isna)? {
                    continue;
                }
            }
            clean.set_item(k, v)?;
        }
        let loc = [Seg::Key("entries".into()), Seg::Index(i)];
        let v = py_to_json_at(clean.as_any(), &format!("entries[{i}]"), &loc)?;
        let row: UnitTarget = serde_json::from_value(v).map_err(|e| {
            located_err(
                Error::Json {
                    what: "target table".into(),
                    message: format!("entries[{i}]: {e}"),
                    location: Default::default(),
                },
                &loc,
            )
        })?;
        out.push(row);
    }
    Ok(out)
}

#[pymethods]
impl PyTargetTable {
    #[new]
    #[pyo3(signature = (entries = None, *, description = None))]
    fn new(entries: Option<&Bound<'_, PyAny>>, description: Option<String>) -> PyResult<Self> {
        let entries = match entries {
            Some(e) => rows(e, None)?,
            None => Vec::new(),
        };
        Ok(PyTargetTable {
            inner: Arc::new(TargetTable {
                description,
                entries,
            }),
        })
    }

    /// From an iterable of dicts (one per row; keys as in the JSON form).
    #[classmethod]
    #[pyo3(signature = (records, *, description = None))]
    fn from_records(
        _cls: &Bound<'_, PyType>,
        records: &Bound<'_, PyAny>,
        description: Option<String>,
    ) -> PyResult<Self> {
        Ok(PyTargetTable {
            inner: Arc::new(TargetTable {
                description,
                entries: rows(records, None)?,
            }),
        })
    }

    /// From a long pandas DataFrame (one row per unit × target × level). ``columns`` renames
    /// columns (``{"don_vi": "unit", "chi_tieu": "target", "muc": "value"}``); a missing cell is
    /// an absent field.
    #[classmethod]
    #[pyo3(signature = (df, *, columns = None, description = None))]
    fn from_dataframe(
        _cls: &Bound<'_, PyType>,
        df: &Bound<'_, PyAny>,
        columns: Option<&Bound<'_, PyDict>>,
        description: Option<String>,
    ) -> PyResult<Self> {
        let py = df.py();
        let pd = py.import("pandas")?;
        let isna = pd.getattr("isna")?;
        let df = match columns {
            Some(map) => df.call_method(
                "rename",
                (),
                Some(&[("columns", map)].into_py_dict_bound(py)?),
            )?,
            None => df.clone(),
        };
        let records = df.call_method1("to_dict", ("records",))?;
        Ok(PyTargetTable {
            inner: Arc::new(TargetTable {
                description,
                entries: rows(&records, Some(&isna))?,
            }),
        })
    }

    /// Reads a JSON file (``str`` or ``os.PathLike``).
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = read_path(path)?;
        Ok(PyTargetTable {
            inner: Arc::new(guard(|| TargetTable::from_json(&text))?),
        })
    }

    /// Writes the JSON to a file.
    fn save(&self, path: &Bound<'_, PyAny>) -> PyResult<()> {
        write_path(path, &(self.inner.to_json() + "\n"))
    }

    /// One dict per row (absent fields left out; decimals as strings, as in JSON).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner.entries)
    }

    /// A pandas DataFrame, one row per table row (decimals as strings, as in JSON; absent
    /// fields as ``None``). ``TargetTable.from_dataframe`` reads it back.
    fn to_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas")?;
        let records = to_py_json(py, &self.inner.entries)?;
        let cols = [
            "unit",
            "target",
            "level",
            "year",
            "value",
            "value_high",
            "comparator",
            "scale",
            "value_unit",
            "spec",
            "not_applicable",
            "source",
            "note",
        ];
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", cols.to_vec())?;
        pd.getattr("DataFrame")?.call((records,), Some(&kwargs))
    }

    /// Free-text description, or ``None``.
    #[getter]
    fn description(&self) -> Option<String> {
        self.inner.description.clone()
    }

    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }

    fn __repr__(&self) -> String {
        let mut units: Vec<&str> = self.inner.entries.iter().map(|e| e.unit.as_str()).collect();
        units.sort_unstable();
        units.dedup();
        format!(
            "<TargetTable rows={} units={}>",
            self.inner.entries.len(),
            units.len()
        )
    }
}

trait IntoPyDictBound {
    fn into_py_dict_bound<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>>;
}

impl IntoPyDictBound for [(&str, &Bound<'_, PyDict>); 1] {
    fn into_py_dict_bound<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v)?;
        }
        Ok(d)
    }
}

/// The target table argument of ``evaluate``: a ``TargetTable``, records, or ``None``.
pub fn targets_arg(targets: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<TargetTable>> {
    match targets {
        None => Ok(Arc::new(TargetTable::default())),
        Some(t) if t.is_none() => Ok(Arc::new(TargetTable::default())),
        Some(t) => {
            if let Ok(p) = t.cast::<PyTargetTable>() {
                return Ok(p.get().inner.clone());
            }
            Ok(Arc::new(TargetTable {
                description: None,
                entries: rows(t, None)?,
            }))
        }
    }
}

/// The output of ``read_result``: what a reported-result phrase says. ``reading`` and
/// ``diagnostics`` are dicts whose ``start``/``end`` are **character** offsets into ``text``
/// (``text[start:end]`` is the piece); ``to_json()`` / ``to_dict()`` are the core's JSON, with
/// UTF-8 byte offsets (as in the shared test vectors).
#[pyclass(module = "thidua._thidua", name = "ReadResult", frozen)]
pub struct PyReadResult {
    text: String,
    out: thidua_core::reported::ReadOutput,
}

/// The JSON of `v` with every `start`/`end` turned from a UTF-8 byte offset into a
/// code-point index of `text`.
fn char_offsets<T: serde::Serialize>(text: &str, v: &T) -> PyResult<serde_json::Value> {
    fn fix(v: &mut serde_json::Value, text: &str) {
        match v {
            serde_json::Value::Object(m) => {
                for k in ["start", "end"] {
                    if let Some(b) = m.get(k).and_then(serde_json::Value::as_u64) {
                        let c = text
                            .get(..b as usize)
                            .map(|s| s.chars().count())
                            .unwrap_or(b as usize);
                        m.insert(k.into(), serde_json::Value::from(c as u64));
                    }
                }
                for (_, x) in m.iter_mut() {
                    fix(x, text);
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| fix(x, text)),
            _ => {}
        }
    }
    let mut j = serde_json::to_value(v)
        .map_err(|e| crate::error::internal_err(format!("read_result: {e}")))?;
    fix(&mut j, text);
    Ok(j)
}

#[pymethods]
impl PyReadResult {
    /// The phrase that was read.
    #[getter]
    fn text(&self) -> String {
        self.text.clone()
    }

    /// What was read: ``value``, ``shares``, ``changes``, ``excesses``, ``verdict``,
    /// ``stated_plan``, ``earlier``, ``remaining``, ``equivalents``, ``balance``,
    /// ``provenance`` (offsets in characters).
    #[getter]
    fn reading<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &char_offsets(&self.text, &self.out.reading)?)
    }

    /// What was read where, and what could not be read (offsets in characters).
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &char_offsets(&self.text, &self.out.diagnostics)?)
    }

    /// Whether the phrase holds a result (a figure, a share, a change or a verdict).
    #[getter]
    fn ok(&self) -> bool {
        self.out.reading.has_result()
    }

    /// The core's JSON (UTF-8 byte offsets).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.out)
            .map_err(|e| crate::error::internal_err(format!("read_result: {e}")))
    }

    /// The core's JSON as Python objects (UTF-8 byte offsets; decimals as strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.out)
    }

    /// Pickles as the call that reads the same text again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let py = slf.py();
        let f = py.import("thidua._thidua")?.getattr("read_result")?;
        let args = pyo3::types::PyTuple::new(py, [slf.get().text.clone()])?;
        pyo3::types::PyTuple::new(py, [f, args.into_any()])
    }

    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }

    fn __repr__(&self) -> String {
        let r = &self.out.reading;
        let mut parts = Vec::new();
        if let Some(v) = &r.value {
            parts.push(format!("value={}", v.value));
        }
        if let Some(s) = r.shares.first() {
            parts.push(format!("share_of_plan={}", s.share));
        }
        if let Some(c) = r.changes.first() {
            parts.push(format!("change={}", c.change));
        }
        if let Some(v) = &r.verdict {
            parts.push(format!("verdict={:?}", v.verdict));
        }
        if let Some(p) = r.provenance {
            parts.push(format!("provenance={}", p.label_en()));
        }
        format!(
            "<ReadResult {:?} {} diagnostics={}>",
            self.text,
            parts.join(" "),
            self.out.diagnostics.len()
        )
    }
}

/// Reads a reported-result phrase as provinces write it ("ước đạt 6,5%", "hơn 290 triệu
/// USD", "đạt 102,6% kế hoạch", "giảm 1,2 điểm %", "vượt kế hoạch", "đạt 3,88% (số đã báo cáo
/// là 4,39%)") into a ``ReadResult``. Never raises for a ``str``: what cannot be read is a
/// diagnostic. The same reading is applied by ``evaluate`` to a row that carries only
/// ``reported``.
#[pyfunction]
pub fn read_result(text: &str) -> PyReadResult {
    PyReadResult {
        text: text.to_string(),
        out: thidua_core::reported::read_result(text),
    }
}
