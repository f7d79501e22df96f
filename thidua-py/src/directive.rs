//! `Directive`, `TargetItem` and `Target`: wrappers around the core's model.

use std::sync::Arc;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use thidua_core::{Directive, Target};

use crate::convert::{json_text, opt_date_to_py, to_py_json};
use crate::error::guard;
use crate::json_block::{immutable_copy, json_block, JsonBacked};

/// The serde name of a unit-like enum value (`"growth_rate"`, `"higher_is_better"`).
pub fn serde_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub fn read_path(path: &Bound<'_, PyAny>) -> PyResult<String> {
    let p: std::path::PathBuf = path.extract()?;
    Ok(std::fs::read_to_string(&p)?)
}

pub fn write_path(path: &Bound<'_, PyAny>, text: &str) -> PyResult<()> {
    let p: std::path::PathBuf = path.extract()?;
    std::fs::write(&p, text)?;
    Ok(())
}

/// A directive (Chỉ thị, Kế hoạch, Chương trình…) launching an emulation movement, with its
/// numbered target items.
///
/// Build one with ``Directive.from_json(text)``, ``Directive.load(path)`` or
/// ``Directive.from_dict(d)``; the JSON format is the core's (see
/// ``docs/schema/directive.schema.json``). Directives compare equal when their content is
/// equal, and pickle (as JSON).
#[pyclass(module = "thidua._thidua", name = "Directive", frozen, eq)]
#[derive(PartialEq)]
pub struct PyDirective {
    pub inner: Arc<Directive>,
}

#[pymethods]
impl PyDirective {
    /// Reads a directive from a dict (the JSON form as Python objects, e.g. ``json.load``'s
    /// output; ``Decimal`` and ``datetime.date`` values are accepted where JSON has strings) and
    /// validates it. Nesting deeper than 128 levels and cycles raise ``InvalidInputError``
    /// with the path in ``err.loc``.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_text(data, "directive")?;
        let d = guard(|| Directive::from_json(&text))?;
        Ok(PyDirective { inner: Arc::new(d) })
    }

    /// Reads a directive from a JSON file (``str`` or ``os.PathLike``).
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = crate::directive::read_path(path)?;
        let d = guard(|| Directive::from_json(&text))?;
        Ok(PyDirective { inner: Arc::new(d) })
    }

    /// Writes the directive as pretty JSON to a file.
    fn save(&self, path: &Bound<'_, PyAny>) -> PyResult<()> {
        write_path(path, &(guard(|| self.inner.to_json())? + "\n"))
    }

    /// Kind of document: ``"directive"``, ``"plan"``, ``"programme"``, ``"official_letter"``…
    #[getter]
    fn kind(&self) -> String {
        serde_name(&self.inner.kind)
    }

    /// Document number as written (``"08/CT-UBND"``), or ``None``.
    #[getter]
    fn number(&self) -> Option<String> {
        self.inner.number.clone()
    }

    /// The issuing body as written (``"Chủ tịch UBND tỉnh Kon Tum"``).
    #[getter]
    fn issuer(&self) -> String {
        self.inner.issuer.name.clone()
    }

    /// The issuer's province or locality, or ``None``.
    #[getter]
    fn locality(&self) -> Option<String> {
        self.inner.issuer.locality.clone()
    }

    /// Date of issue (``datetime.date``) or ``None``.
    #[getter]
    fn issued<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.inner.issued)
    }

    /// Date of publication of the source (``datetime.date``) or ``None``.
    #[getter]
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.inner.published)
    }

    /// First year covered.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.coverage.year
    }

    /// Last year covered when several, else ``None``.
    #[getter]
    fn until_year(&self) -> Option<i32> {
        self.inner.coverage.until_year
    }

    /// Title (trích yếu).
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// Theme or slogan (chủ đề), or ``None``.
    #[getter]
    fn theme(&self) -> Option<String> {
        self.inner.theme.clone()
    }

    /// Short label: ``"Chỉ thị 08/CT-UBND"``.
    #[getter]
    fn label(&self) -> String {
        self.inner.label()
    }

    /// Number of targets, sub-targets included.
    #[getter]
    fn target_count(&self) -> usize {
        self.inner.target_count()
    }

    /// The numbered items "(n) …" in order.
    #[getter]
    fn items(&self) -> Vec<PyTargetItem> {
        (0..self.inner.items.len())
            .map(|i| PyTargetItem {
                directive: self.inner.clone(),
                index: i,
            })
            .collect()
    }

    /// Every target in document order, "trong đó" sub-targets right after their parent.
    #[getter]
    fn targets(&self) -> Vec<PyTarget> {
        self.inner
            .targets()
            .map(|r| PyTarget::new(r.target, r.item, r.parent))
            .collect()
    }

    /// The target with this id, or ``None``.
    fn target(&self, id: &Bound<'_, PyAny>) -> PyResult<Option<PyTarget>> {
        let Some(id) = crate::convert::key_arg(id, "id")? else {
            return Ok(None);
        };
        Ok(self
            .inner
            .targets()
            .find(|r| r.target.id == id)
            .map(|r| PyTarget::new(r.target, r.item, r.parent)))
    }

    /// The ids of all targets, in document order.
    fn target_ids(&self) -> Vec<String> {
        self.inner.targets().map(|r| r.target.id.clone()).collect()
    }

    fn __getitem__(&self, id: &Bound<'_, PyAny>) -> PyResult<PyTarget> {
        self.target(id)?
            .ok_or_else(|| PyKeyError::new_err(id.clone().unbind()))
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(match crate::convert::key_arg(id, "id")? {
            Some(id) => self.inner.target(&id).is_some(),
            None => false,
        })
    }

    fn __len__(&self) -> usize {
        self.inner.target_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Directive {:?} year={} items={} targets={}>",
            self.inner.label(),
            self.inner.coverage.year,
            self.inner.items.len(),
            self.inner.target_count()
        )
    }
}

impl JsonBacked for PyDirective {
    type Core = Directive;
    fn core(&self) -> &Directive {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, thidua_core::Error> {
        Ok(PyDirective {
            inner: Arc::new(Directive::from_json(text)?),
        })
    }
}

json_block!(
    PyDirective,
    "a directive (validated: unique ids, sensible values)"
);

/// A numbered item "(n) …" of a directive: its number, its verbatim text and its targets.
#[pyclass(module = "thidua._thidua", name = "TargetItem", frozen)]
pub struct PyTargetItem {
    directive: Arc<Directive>,
    index: usize,
}

immutable_copy!(PyTargetItem);

#[pymethods]
impl PyTargetItem {
    /// Rebuilds an item from its directive's JSON and its index (for pickle).
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, directive: &str, index: usize) -> PyResult<Self> {
        let d = guard(|| Directive::from_json(directive))?;
        if index >= d.items.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "item index out of range",
            ));
        }
        Ok(PyTargetItem {
            directive: Arc::new(d),
            index,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let text = serde_json::to_string(&*me.directive)
            .map_err(|e| crate::error::internal_err(format!("pickle: {e}")))?;
        let f = slf.get_type().getattr("_from_state")?;
        let args = (text, me.index).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }

    /// The number as printed (1 for "(1)").
    #[getter]
    fn number(&self) -> u32 {
        self.directive.items[self.index].number
    }

    /// The item's text as written in the source.
    #[getter]
    fn text(&self) -> String {
        self.directive.items[self.index].text.clone()
    }

    /// The item's targets (top level; sub-targets hang from them).
    #[getter]
    fn targets(&self) -> Vec<PyTarget> {
        let item = &self.directive.items[self.index];
        item.targets
            .iter()
            .map(|t| PyTarget::new(t, item.number, None))
            .collect()
    }

    fn __repr__(&self) -> String {
        let item = &self.directive.items[self.index];
        format!(
            "<TargetItem ({}) targets={:?}>",
            item.number,
            item.targets
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// One target (chỉ tiêu) of a directive, with its kind and parameters.
#[pyclass(module = "thidua._thidua", name = "Target", frozen, eq)]
#[derive(PartialEq)]
pub struct PyTarget {
    target: Target,
    item: u32,
    parent: Option<String>,
}

impl PyTarget {
    fn new(t: &Target, item: u32, parent: Option<&str>) -> PyTarget {
        PyTarget {
            target: t.clone(),
            item,
            parent: parent.map(str::to_string),
        }
    }
}

immutable_copy!(PyTarget);

#[pymethods]
impl PyTarget {
    /// Rebuilds a target from its JSON, item number and parent id (for pickle).
    #[classmethod]
    #[pyo3(signature = (target, item, parent = None))]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        target: &str,
        item: u32,
        parent: Option<String>,
    ) -> PyResult<Self> {
        let t: Target = crate::convert::from_json_as(target, "target")?;
        Ok(PyTarget {
            target: t,
            item,
            parent,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let text = serde_json::to_string(&me.target)
            .map_err(|e| crate::error::internal_err(format!("pickle: {e}")))?;
        let f = slf.get_type().getattr("_from_state")?;
        let args = (text, me.item, me.parent.clone()).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }

    /// The id results refer to (``"1"``, ``"11a"``, ``"7.1"``).
    #[getter]
    fn id(&self) -> String {
        self.target.id.clone()
    }

    /// Name as written.
    #[getter]
    fn name(&self) -> String {
        self.target.name.clone()
    }

    /// English name, or ``None``.
    #[getter]
    fn name_en(&self) -> Option<String> {
        self.target.name_en.clone()
    }

    /// Kind: ``"rate"``, ``"growth_rate"``, ``"per_capita"``, ``"count"``, ``"amount"``,
    /// ``"ceiling"``, ``"reduction"``, ``"range"``, ``"rank_improvement"``,
    /// ``"composite_decrease"``, ``"threshold_share"``, ``"qualitative"``, ``"reference"``.
    #[getter]
    fn kind(&self) -> String {
        self.target.spec.kind().as_str().to_string()
    }

    /// Which way is better (``"higher_is_better"``, ``"lower_is_better"``…).
    #[getter]
    fn direction(&self) -> String {
        serde_name(&self.target.spec.direction())
    }

    /// ``"flow"`` (accumulates over the year) or ``"level"``.
    #[getter]
    fn measure(&self) -> String {
        serde_name(&self.target.spec.measure())
    }

    /// Whether results for this target need a ``baseline``.
    #[getter]
    fn needs_baseline(&self) -> bool {
        self.target.spec.needs_baseline()
    }

    /// The item number "(n)" the target belongs to.
    #[getter]
    fn item(&self) -> u32 {
        self.item
    }

    /// The parent target's id for a "trong đó" sub-target, else ``None``.
    #[getter]
    fn parent(&self) -> Option<String> {
        self.parent.clone()
    }

    /// The kind and its parameters in JSON form (decimals as strings).
    #[getter]
    fn spec<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.target.spec)
    }

    /// The target in words, Vietnamese (``"từ 10% trở lên"``).
    #[getter]
    fn text_vi(&self) -> String {
        self.target.spec.describe_vi()
    }

    /// The target in words, English (``"at least 10%"``).
    #[getter]
    fn text_en(&self) -> String {
        self.target.spec.describe_en()
    }

    /// "Trong đó" sub-targets.
    #[getter]
    fn sub_targets(&self) -> Vec<PyTarget> {
        self.target
            .sub_targets
            .iter()
            .map(|t| PyTarget::new(t, self.item, Some(&self.target.id)))
            .collect()
    }

    /// The target's JSON form as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.target)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Target {:?} {} {:?}: {}>",
            self.target.id,
            self.target.spec.kind().as_str(),
            self.target.name,
            self.target.spec.describe_vi()
        )
    }
}
