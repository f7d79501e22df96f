//! `EvaluationOptions`, `evaluate`, `Evaluation` and its views (`UnitEvaluation`,
//! `TargetEvaluation`, `Summary`), with tables and HTML for notebooks.

use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple, PyType};
use rust_decimal::prelude::ToPrimitive;
use thidua_core::number::format_vn_rounded;
use thidua_core::{
    Evaluation, EvaluationOptions, Period, Status, Summary, TargetEvaluation, UnitEvaluation,
};

use crate::convert::{opt_decimal_to_py, py_to_json, to_py_json};
use crate::directive::{serde_name, PyDirective};
use crate::error::{guard, guard_detached};
use crate::frame::{frame, Col, Columns, DecimalMode, Names, Out, Text};
use crate::json_block::{immutable_copy, json_block, JsonBacked};
use crate::results::PyResultSet;

/// The conventions of an evaluation (all keyword arguments, each with the core's default):
///
/// * ``ceiling_ratio``: ``"inverse"`` (target ÷ result × 100) or ``"complement"``
///   (100 + (target − result) ÷ target × 100) — % of plan for ceilings;
/// * ``range_basis``: ``"lower"``, ``"upper"`` or ``"midpoint"`` — the bound a range's % of
///   plan is taken against;
/// * ``in_year_flows``: ``"pro_rata"`` (compare in-year flows with target × months ÷ 12) or
///   ``"annual_target"``;
/// * ``headline_basis``: ``"items"`` (numbered items, as reports count) or ``"targets"``;
/// * ``ratio_digits``: decimals kept in % of plan (0–10, default 2).
#[pyclass(
    module = "thidua._thidua",
    name = "EvaluationOptions",
    frozen,
    eq,
    hash
)]
#[derive(PartialEq, Eq, Hash, Clone)]
pub struct PyEvaluationOptions {
    pub inner: EvaluationOptions,
}

#[pymethods]
impl PyEvaluationOptions {
    #[new]
    #[pyo3(signature = (*, ceiling_ratio = "inverse", range_basis = "lower", in_year_flows = "pro_rata", headline_basis = "items", ratio_digits = None))]
    fn new(
        ceiling_ratio: &str,
        range_basis: &str,
        in_year_flows: &str,
        headline_basis: &str,
        ratio_digits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // `None` (the default) is 2; out-of-range values (negative, huge) are refused by the
        // core's reader below, never an OverflowError.
        let ratio_digits: i64 = match ratio_digits {
            None => 2,
            Some(r)
                if r.is_instance_of::<PyBool>() || !r.is_instance_of::<pyo3::types::PyInt>() =>
            {
                return Err(PyTypeError::new_err(format!(
                    "ratio_digits must be an int, found {}",
                    r.get_type().name()?
                )))
            }
            Some(r) => r.extract().unwrap_or(i64::MAX),
        };
        let json = serde_json::json!({
            "ceiling_ratio": ceiling_ratio,
            "range_basis": range_basis,
            "in_year_flows": in_year_flows,
            "headline_basis": headline_basis,
            "ratio_digits": ratio_digits,
        })
        .to_string();
        Ok(PyEvaluationOptions {
            inner: guard(|| EvaluationOptions::from_json(&json))?,
        })
    }

    /// Reads options from a dict (missing keys take their defaults).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyEvaluationOptions {
            inner: options_from_dict(data)?,
        })
    }

    /// ``"inverse"`` or ``"complement"``.
    #[getter]
    fn ceiling_ratio(&self) -> String {
        serde_name(&self.inner.ceiling_ratio)
    }

    /// ``"lower"``, ``"upper"`` or ``"midpoint"``.
    #[getter]
    fn range_basis(&self) -> String {
        serde_name(&self.inner.range_basis)
    }

    /// ``"pro_rata"`` or ``"annual_target"``.
    #[getter]
    fn in_year_flows(&self) -> String {
        serde_name(&self.inner.in_year_flows)
    }

    /// ``"items"`` or ``"targets"``.
    #[getter]
    fn headline_basis(&self) -> String {
        serde_name(&self.inner.headline_basis)
    }

    /// Decimals kept in % of plan.
    #[getter]
    fn ratio_digits(&self) -> u32 {
        self.inner.ratio_digits
    }

    fn __repr__(&self) -> String {
        format!(
            "EvaluationOptions(ceiling_ratio={:?}, range_basis={:?}, in_year_flows={:?}, headline_basis={:?}, ratio_digits={})",
            self.ceiling_ratio(),
            self.range_basis(),
            self.in_year_flows(),
            self.headline_basis(),
            self.inner.ratio_digits
        )
    }
}

impl JsonBacked for PyEvaluationOptions {
    type Core = EvaluationOptions;
    fn core(&self) -> &EvaluationOptions {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, thidua_core::Error> {
        Ok(PyEvaluationOptions {
            inner: EvaluationOptions::from_json(text)?,
        })
    }
    /// Compact, as before (options are one line).
    fn text(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| crate::error::internal_err(format!("to_json: {e}")))
    }
}

json_block!(
    PyEvaluationOptions,
    "evaluation options (missing fields take their defaults)"
);

fn options_from_dict(data: &Bound<'_, PyAny>) -> PyResult<EvaluationOptions> {
    if !data.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "options must be a dict, found {}",
            data.get_type().name()?
        )));
    }
    let json = py_to_json(data, "options")?.to_string();
    guard(|| EvaluationOptions::from_json(&json))
}

pub(crate) fn options_arg(options: Option<&Bound<'_, PyAny>>) -> PyResult<EvaluationOptions> {
    match options {
        None => Ok(EvaluationOptions::default()),
        Some(o) if o.is_none() => Ok(EvaluationOptions::default()),
        Some(o) => {
            if let Ok(p) = o.cast::<PyEvaluationOptions>() {
                return Ok(p.get().inner);
            }
            if o.is_instance_of::<PyDict>() {
                return options_from_dict(o);
            }
            Err(PyTypeError::new_err(
                "options must be an EvaluationOptions, a dict or None",
            ))
        }
    }
}

/// Evaluates ``results`` against ``directive``: for every (unit, period) in the results,
/// every target of the directive gets a status (vượt / đạt / không đạt / chưa có số liệu /
/// không áp dụng), % of plan, gap and a one-line explanation. ``options`` is an
/// ``EvaluationOptions``, a dict of its fields, or ``None`` for the defaults. The work runs
/// in Rust with the GIL released. Raises a ``ThiduaError`` subclass (e.g.
/// ``UnknownTargetError``) naming the offending row.
///
/// ``targets`` (a ``TargetTable``, or its records) judges each unit against its own assigned
/// and pledged figures (see ``TargetTable``); without it every unit is judged against the
/// directive's figures.
#[pyfunction(name = "evaluate")]
#[pyo3(signature = (directive, results, options = None, *, targets = None))]
pub fn py_evaluate(
    py: Python<'_>,
    directive: &Bound<'_, PyDirective>,
    results: &Bound<'_, PyResultSet>,
    options: Option<&Bound<'_, PyAny>>,
    targets: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyEvaluation> {
    let opts = options_arg(options)?;
    let t = crate::units::targets_arg(targets)?;
    let d = directive.get().inner.clone();
    let r = results.get().inner.clone();
    let e = guard_detached(py, move || {
        thidua_core::evaluate_with_targets(&d, &t, &r, &opts)
    })?;
    Ok(PyEvaluation { inner: Arc::new(e) })
}

/// The result of ``evaluate``: one ``UnitEvaluation`` per (unit, period), in order of first
/// appearance in the results. Tables: ``to_dataframe()`` (one row per unit × period × target)
/// and ``summary_dataframe()`` (one row per unit × period, with the headline "đạt và vượt
/// X/Y chỉ tiêu"). In Jupyter it renders as an HTML table with Vietnamese status labels.
#[pyclass(module = "thidua._thidua", name = "Evaluation", frozen, eq)]
#[derive(PartialEq)]
pub struct PyEvaluation {
    pub inner: Arc<Evaluation>,
}

const ROW_COLUMNS: &[&str] = &[
    "unit",
    "period",
    "target",
    "item",
    "parent",
    "name",
    "kind",
    "direction",
    "measure",
    "target_text",
    "status",
    "status_vi",
    "ratio",
    "gap",
    "result",
    "baseline",
    "achieved",
    "threshold",
    "pro_rata",
    "provenance",
    "explanation_vi",
    "explanation_en",
];

const SUMMARY_COLUMNS: &[&str] = &[
    "unit",
    "period",
    "basis",
    "total",
    "met_or_exceeded",
    "exceeded",
    "met",
    "not_met",
    "no_data",
    "not_applicable",
    "headline_vi",
    "headline_en",
];

/// Every status, in order of merit (for `STATUS_LABELS_VI`).
pub const STATUSES: [Status; 6] = [
    Status::Exceeded,
    Status::Met,
    Status::BasicallyMet,
    Status::NotMet,
    Status::NoData,
    Status::NotApplicable,
];

/// The serde name of a status (`"not_met"`), without going through serde per row.
pub fn status_name(s: Status) -> &'static str {
    s.as_str()
}

#[pymethods]
impl PyEvaluation {
    /// The directive's label (``"Chỉ thị 08/CT-UBND"``).
    #[getter]
    fn directive(&self) -> String {
        self.inner.directive.clone()
    }

    /// The options used.
    #[getter]
    fn options(&self) -> PyEvaluationOptions {
        PyEvaluationOptions {
            inner: self.inner.options,
        }
    }

    /// One ``UnitEvaluation`` per (unit, period).
    #[getter]
    fn units(&self) -> Vec<PyUnitEvaluation> {
        (0..self.inner.units.len())
            .map(|i| PyUnitEvaluation {
                eval: self.inner.clone(),
                index: i,
            })
            .collect()
    }

    /// The evaluation of one unit; ``period`` may be omitted when the unit has one period.
    /// Raises ``KeyError`` when there is none.
    #[pyo3(signature = (unit, period = None))]
    fn unit(
        &self,
        unit: &Bound<'_, PyAny>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyUnitEvaluation> {
        let not_found = || PyKeyError::new_err(unit.clone().unbind());
        let Some(unit) = crate::convert::key_arg(unit, "unit")? else {
            return Err(not_found());
        };
        let unit = unit.as_str();
        let want: Option<Period> = match period {
            None => None,
            Some(p) if p.is_none() => None,
            Some(p) => {
                let text =
                    if p.is_instance_of::<pyo3::types::PyInt>() && !p.is_instance_of::<PyBool>() {
                        match p.extract::<i64>() {
                            Ok(y) => y.to_string(),
                            Err(_) => "an integer too large to be a year".to_string(),
                        }
                    } else {
                        crate::convert::text_arg(p, "period")?
                    };
                Some(guard(|| text.parse::<Period>())?)
            }
        };
        let found: Vec<usize> = self
            .inner
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.unit == unit && want.is_none_or(|p| u.period == p))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [i] => Ok(PyUnitEvaluation {
                eval: self.inner.clone(),
                index: *i,
            }),
            [] => Err(PyKeyError::new_err(match want {
                Some(p) => format!("{unit} {p}"),
                None => unit.to_string(),
            })),
            _ => Err(PyKeyError::new_err(format!(
                "{unit} has several periods: give period=..."
            ))),
        }
    }

    /// ``{column: list}``, one entry per unit × period × target (see ``to_dataframe``).
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_columns<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyDict>> {
        rows_columns(py, &self.inner.units, DecimalMode::parse(decimals)?)
    }

    /// A pandas DataFrame with one row per unit × period × target and the columns ``unit``,
    /// ``period``, ``target``, ``item``, ``parent``, ``name``, ``kind``, ``direction``,
    /// ``measure``, ``target_text``, ``status``, ``status_vi``, ``ratio`` (% of plan),
    /// ``gap``, ``result``, ``baseline``, ``achieved``, ``threshold``, ``pro_rata``,
    /// ``provenance``, ``explanation_vi``, ``explanation_en``. ``decimals``: ``"decimal"``
    /// (exact ``Decimal`` objects, the default), ``"float"`` or ``"str"``.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_dataframe<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        rows_frame(py, &self.inner.units, DecimalMode::parse(decimals)?)
    }

    /// ``{column: list}``, one entry per unit × period (see ``summary_dataframe``).
    fn summary_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        summary_columns(py, &self.inner.units)
    }

    /// A pandas DataFrame with one row per unit × period: ``unit``, ``period``, ``basis``,
    /// ``total``, ``met_or_exceeded``, ``exceeded``, ``met``, ``not_met``, ``no_data``,
    /// ``not_applicable``, ``headline_vi``, ``headline_en``.
    fn summary_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        summary_frame(py, &self.inner.units)
    }

    fn __len__(&self) -> usize {
        self.inner.units.len()
    }

    fn __repr__(&self) -> String {
        let w = &self.inner.warnings;
        let mut s = format!(
            "<Evaluation {:?} units={} rows={} warnings={}>",
            self.inner.directive,
            self.inner.units.len(),
            self.inner
                .units
                .iter()
                .map(|u| u.targets.len())
                .sum::<usize>(),
            w.len()
        );
        // The first warnings, one per line, so that they are not missed in a notebook.
        for x in w.iter().take(5) {
            s.push_str(&format!("\n  ! {}: {}", x.code.as_str(), x.message_en));
        }
        if w.len() > 5 {
            s.push_str(&format!(
                "\n  ! … {} more (Evaluation.warnings)",
                w.len() - 5
            ));
        }
        s
    }

    /// Warnings: valid but suspicious input (a value 10³ times away from its target, a short
    /// unit, a row without provenance among others that have one, an approximate figure whose
    /// status the wording leaves open…). A list of dicts with ``code``, ``row``, ``unit``,
    /// ``target``, ``period``, ``message_vi``, ``message_en``.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_py_json(py, &self.inner.warnings)
    }

    /// HTML table for Jupyter: the targets of a single unit, or one headline per unit.
    fn _repr_html_(&self) -> String {
        if self.inner.units.len() == 1 {
            return unit_html(&self.inner.units[0]);
        }
        evaluation_html(&self.inner)
    }
}

impl JsonBacked for PyEvaluation {
    type Core = Evaluation;
    fn core(&self) -> &Evaluation {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, thidua_core::Error> {
        let e: Evaluation = serde_json::from_str(text).map_err(|e| thidua_core::Error::Json {
            what: "evaluation".into(),
            message: e.to_string(),
            location: Default::default(),
        })?;
        Ok(PyEvaluation { inner: Arc::new(e) })
    }
}

json_block!(
    PyEvaluation,
    "an evaluation (the same JSON as the core's and the test vectors' ``expect``)"
);

fn rows_columns<'py>(
    py: Python<'py>,
    units: &[UnitEvaluation],
    mode: DecimalMode,
) -> PyResult<Bound<'py, PyDict>> {
    let n = units.iter().map(|u| u.targets.len()).sum();
    let mut out = Out::new(py, mode)?;
    let mut cols = Columns::new(ROW_COLUMNS, n);
    for u in units {
        let unit = out.s(&u.unit);
        let period = out.s(&u.period.to_string());
        for t in &u.targets {
            let row = vec![
                unit.clone(),
                period.clone(),
                out.s(&t.target),
                t.item.into_pyobject(py)?.into_any(),
                out.opt_s(t.parent.as_deref()),
                out.s(&t.name),
                out.s(t.kind.as_str()),
                out.s(&serde_name(&t.direction)),
                out.s(&serde_name(&t.measure)),
                out.s(&t.target_text),
                out.s(status_name(t.status)),
                out.s(t.status.label_vi()),
                out.dec(t.ratio)?,
                out.dec(t.gap)?,
                out.dec(t.result)?,
                out.dec(t.baseline)?,
                out.dec(t.achieved)?,
                out.dec(t.threshold)?,
                PyBool::new(py, t.pro_rata).to_owned().into_any(),
                match t.provenance {
                    Some(p) => out.s(&serde_name(&p)),
                    None => out.none(),
                },
                out.text(&t.explanation.vi),
                out.text(&t.explanation.en),
            ];
            cols.push(row);
        }
    }
    cols.into_dict(py)
}

fn summary_columns<'py>(py: Python<'py>, units: &[UnitEvaluation]) -> PyResult<Bound<'py, PyDict>> {
    let mut out = Out::new(py, DecimalMode::Decimal)?;
    let mut cols = Columns::new(SUMMARY_COLUMNS, units.len());
    for u in units {
        let s = &u.summary;
        let int = |v: u32| -> PyResult<Bound<'py, PyAny>> { Ok(v.into_pyobject(py)?.into_any()) };
        cols.push(vec![
            out.s(&u.unit),
            out.s(&u.period.to_string()),
            out.s(&serde_name(&s.basis)),
            int(s.total)?,
            int(s.met_or_exceeded)?,
            int(s.exceeded)?,
            int(s.met)?,
            int(s.not_met)?,
            int(s.no_data)?,
            int(s.not_applicable)?,
            out.text(&s.headline_vi),
            out.text(&s.headline_en),
        ]);
    }
    cols.into_dict(py)
}

/// The DataFrame of `rows_columns`, built column-wise (see [`frame`]): same columns, dtypes
/// and values as `pandas.DataFrame(rows_columns(...))`.
fn rows_frame<'py>(
    py: Python<'py>,
    units: &[UnitEvaluation],
    mode: DecimalMode,
) -> PyResult<Bound<'py, PyAny>> {
    let n: usize = units.iter().map(|u| u.targets.len()).sum();
    let mut out = Out::new(py, mode)?;
    // Exact byte sizes of the text columns, so that no column is copied while it grows.
    let rows = || units.iter().flat_map(|u| &u.targets);
    let bytes = |f: &dyn Fn(&TargetEvaluation) -> usize| rows().map(f).sum::<usize>();
    let text = |b: usize| Text::with_capacity(n, b);
    let mut unit = text(units.iter().map(|u| u.unit.len() * u.targets.len()).sum());
    let mut period = text(n * 8);
    let mut target = text(bytes(&|t| t.target.len()));
    let mut parent = text(bytes(&|t| t.parent.as_ref().map_or(0, |p| p.len())));
    let mut name = text(bytes(&|t| t.name.len()));
    let mut kind = text(bytes(&|t| t.kind.as_str().len()));
    let (mut direction, mut measure, mut provenance) = (text(n * 8), text(n * 8), text(n * 8));
    let mut target_text = text(bytes(&|t| t.target_text.len()));
    let mut status = text(bytes(&|t| status_name(t.status).len()));
    let mut status_vi = text(bytes(&|t| t.status.label_vi().len()));
    let mut explanation_vi = text(bytes(&|t| t.explanation.vi.len()));
    let mut explanation_en = text(bytes(&|t| t.explanation.en.len()));
    let mut item = Vec::with_capacity(n);
    let mut pro_rata = Vec::with_capacity(n);
    // ratio, gap, result, baseline, achieved, threshold
    let mut decs: [Vec<Bound<'py, PyAny>>; 6] = Default::default();
    let mut floats: [Vec<f64>; 6] = Default::default();
    let mut strs: [Text; 6] = Default::default();
    for i in 0..6 {
        match mode {
            DecimalMode::Decimal => decs[i].reserve(n),
            DecimalMode::Float => floats[i].reserve(n),
            DecimalMode::Str => strs[i] = text(n * 8),
        }
    }
    let (mut directions, mut measures, mut provenances) =
        (Names::new(), Names::new(), Names::new());
    let mut period_text = String::new();
    for u in units {
        period_text.clear();
        {
            use std::fmt::Write;
            let _ = write!(period_text, "{}", u.period);
        }
        for t in &u.targets {
            unit.push(&u.unit);
            period.push(&period_text);
            target.push(&t.target);
            item.push(i64::from(t.item));
            parent.push_opt(t.parent.as_deref());
            name.push(&t.name);
            kind.push(t.kind.as_str());
            direction.push(directions.get(t.direction));
            measure.push(measures.get(t.measure));
            target_text.push(&t.target_text);
            status.push(status_name(t.status));
            status_vi.push(t.status.label_vi());
            let values = [
                t.ratio,
                t.gap,
                t.result,
                t.baseline,
                t.achieved,
                t.threshold,
            ];
            for (i, v) in values.into_iter().enumerate() {
                match mode {
                    DecimalMode::Decimal => decs[i].push(out.dec(v)?),
                    DecimalMode::Float => {
                        floats[i].push(v.and_then(|d| d.to_f64()).unwrap_or(f64::NAN))
                    }
                    DecimalMode::Str => match v {
                        Some(d) => strs[i].push_display(&d),
                        None => strs[i].push_opt(None),
                    },
                }
            }
            pro_rata.push(t.pro_rata);
            provenance.push_opt(t.provenance.map(|p| provenances.get(p)));
            explanation_vi.push(&t.explanation.vi);
            explanation_en.push(&t.explanation.en);
        }
    }
    let mut cols = vec![
        Col::Text(unit),
        Col::Text(period),
        Col::Text(target),
        Col::Int(item),
        Col::Text(parent),
        Col::Text(name),
        Col::Text(kind),
        Col::Text(direction),
        Col::Text(measure),
        Col::Text(target_text),
        Col::Text(status),
        Col::Text(status_vi),
    ];
    let (decs, floats, strs) = (decs.into_iter(), floats.into_iter(), strs.into_iter());
    match mode {
        DecimalMode::Decimal => cols.extend(decs.map(Col::Obj)),
        DecimalMode::Float => cols.extend(floats.map(Col::Float)),
        DecimalMode::Str => cols.extend(strs.map(Col::Text)),
    }
    cols.extend([
        Col::Bool(pro_rata),
        Col::Text(provenance),
        Col::Text(explanation_vi),
        Col::Text(explanation_en),
    ]);
    frame(py, ROW_COLUMNS, cols)
}

/// The DataFrame of `summary_columns`, built column-wise (see [`frame`]).
fn summary_frame<'py>(py: Python<'py>, units: &[UnitEvaluation]) -> PyResult<Bound<'py, PyAny>> {
    let n = units.len();
    let text = || Text::with_capacity(n, n * 16);
    let (mut unit, mut period, mut basis, mut headline_vi, mut headline_en) =
        (text(), text(), text(), text(), text());
    let mut ints: [Vec<i64>; 7] = Default::default();
    let mut bases = Names::new();
    for u in units {
        let s = &u.summary;
        unit.push(&u.unit);
        period.push_display(&u.period);
        basis.push(bases.get(s.basis));
        let values = [
            s.total,
            s.met_or_exceeded,
            s.exceeded,
            s.met,
            s.not_met,
            s.no_data,
            s.not_applicable,
        ];
        for (c, v) in ints.iter_mut().zip(values) {
            c.push(i64::from(v));
        }
        headline_vi.push(&s.headline_vi);
        headline_en.push(&s.headline_en);
    }
    let mut cols = vec![Col::Text(unit), Col::Text(period), Col::Text(basis)];
    cols.extend(ints.into_iter().map(Col::Int));
    cols.extend([Col::Text(headline_vi), Col::Text(headline_en)]);
    frame(py, SUMMARY_COLUMNS, cols)
}

/// The evaluation of every target for one unit and period.
#[pyclass(module = "thidua._thidua", name = "UnitEvaluation", frozen)]
pub struct PyUnitEvaluation {
    eval: Arc<Evaluation>,
    index: usize,
}

impl PyUnitEvaluation {
    fn get(&self) -> &UnitEvaluation {
        &self.eval.units[self.index]
    }
}

/// The JSON of an evaluation holding only unit `index` of `e` (the state a view pickles).
fn one_unit_json(e: &Evaluation, index: usize) -> PyResult<String> {
    serde_json::to_string(&serde_json::json!({
        "directive": e.directive,
        "options": e.options,
        "units": [&e.units[index]],
    }))
    .map_err(|err| crate::error::internal_err(format!("pickle: {err}")))
}

/// Reads the state written by [`one_unit_json`], checking the target index.
fn one_unit_eval(json: &str, target: Option<usize>) -> PyResult<Arc<Evaluation>> {
    let e: Evaluation = crate::convert::from_json_as(json, "evaluation")?;
    let ok = match (e.units.first(), target) {
        (Some(u), Some(t)) => t < u.targets.len(),
        (Some(_), None) => true,
        (None, _) => false,
    };
    if !ok || e.units.len() != 1 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "malformed pickled state",
        ));
    }
    Ok(Arc::new(e))
}

immutable_copy!(PyUnitEvaluation);
immutable_copy!(PyTargetEvaluation);
immutable_copy!(PySummary);

#[pymethods]
impl PyUnitEvaluation {
    /// Rebuilds a unit's evaluation from its pickled state.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        Ok(PyUnitEvaluation {
            eval: one_unit_eval(state, None)?,
            index: 0,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let f = slf.get_type().getattr("_from_state")?;
        let args = (one_unit_json(&me.eval, me.index)?,).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }
}

#[pymethods]
impl PyTargetEvaluation {
    /// Rebuilds a target's evaluation from its pickled state.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str, target: usize) -> PyResult<Self> {
        Ok(PyTargetEvaluation {
            eval: one_unit_eval(state, Some(target))?,
            unit: 0,
            target,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let f = slf.get_type().getattr("_from_state")?;
        let args = (one_unit_json(&me.eval, me.unit)?, me.target).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }
}

#[pymethods]
impl PySummary {
    /// Rebuilds a summary from its JSON (for pickle).
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        Ok(PySummary {
            inner: crate::convert::from_json_as(state, "summary")?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let f = slf.get_type().getattr("_from_state")?;
        let text = serde_json::to_string(&slf.get().inner)
            .map_err(|e| crate::error::internal_err(format!("pickle: {e}")))?;
        let args = (text,).into_pyobject(py)?;
        PyTuple::new(py, [f, args.into_any()])
    }
}

#[pymethods]
impl PyUnitEvaluation {
    /// The reporting unit.
    #[getter]
    fn unit(&self) -> String {
        self.get().unit.clone()
    }

    /// The period (``"2024"``, ``"2024-H1"``…).
    #[getter]
    fn period(&self) -> String {
        self.get().period.to_string()
    }

    /// The period in Vietnamese (``"6 tháng đầu năm 2024"``).
    #[getter]
    fn period_vi(&self) -> String {
        self.get().period.label_vi()
    }

    /// One ``TargetEvaluation`` per target, in directive order.
    #[getter]
    fn targets(&self) -> Vec<PyTargetEvaluation> {
        (0..self.get().targets.len())
            .map(|t| PyTargetEvaluation {
                eval: self.eval.clone(),
                unit: self.index,
                target: t,
            })
            .collect()
    }

    /// The evaluation of one target. Raises ``KeyError`` for an unknown id.
    fn target(&self, id: &Bound<'_, PyAny>) -> PyResult<PyTargetEvaluation> {
        let key = crate::convert::key_arg(id, "id")?;
        self.get()
            .targets
            .iter()
            .position(|t| key.as_deref() == Some(t.target.as_str()))
            .map(|t| PyTargetEvaluation {
                eval: self.eval.clone(),
                unit: self.index,
                target: t,
            })
            .ok_or_else(|| PyKeyError::new_err(id.clone().unbind()))
    }

    /// ``(item number, status)`` for each numbered item.
    #[getter]
    fn items(&self) -> Vec<(u32, String)> {
        self.get()
            .items
            .iter()
            .map(|i| (i.number, status_name(i.status).to_string()))
            .collect()
    }

    /// Counts and the headline.
    #[getter]
    fn summary(&self) -> PySummary {
        PySummary {
            inner: self.get().summary.clone(),
        }
    }

    /// A plain-text scorecard in Vietnamese.
    fn scorecard_vi(&self) -> String {
        self.get().scorecard_vi()
    }

    /// ``{column: list}`` for this unit (same columns as ``Evaluation.to_dataframe``).
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_columns<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyDict>> {
        rows_columns(
            py,
            std::slice::from_ref(self.get()),
            DecimalMode::parse(decimals)?,
        )
    }

    /// A pandas DataFrame for this unit (same columns as ``Evaluation.to_dataframe``).
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_dataframe<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        rows_frame(
            py,
            std::slice::from_ref(self.get()),
            DecimalMode::parse(decimals)?,
        )
    }

    /// The JSON form as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, self.get())
    }

    fn __repr__(&self) -> String {
        let u = self.get();
        format!(
            "<UnitEvaluation {:?} {}: {}>",
            u.unit, u.period, u.summary.headline_vi
        )
    }

    /// HTML table for Jupyter, with Vietnamese status labels.
    fn _repr_html_(&self) -> String {
        unit_html(self.get())
    }
}

/// The evaluation of one target for one unit and period.
#[pyclass(module = "thidua._thidua", name = "TargetEvaluation", frozen)]
pub struct PyTargetEvaluation {
    eval: Arc<Evaluation>,
    unit: usize,
    target: usize,
}

impl PyTargetEvaluation {
    fn get(&self) -> &TargetEvaluation {
        &self.eval.units[self.unit].targets[self.target]
    }
}

#[pymethods]
impl PyTargetEvaluation {
    /// Target id.
    #[getter]
    fn target(&self) -> String {
        self.get().target.clone()
    }

    /// Item number "(n)".
    #[getter]
    fn item(&self) -> u32 {
        self.get().item
    }

    /// Parent id for a "trong đó" sub-target, else ``None``.
    #[getter]
    fn parent(&self) -> Option<String> {
        self.get().parent.clone()
    }

    /// Target name.
    #[getter]
    fn name(&self) -> String {
        self.get().name.clone()
    }

    /// Target kind (``"rate"``, ``"ceiling"``…).
    #[getter]
    fn kind(&self) -> String {
        self.get().kind.as_str().to_string()
    }

    /// The target in words (``"từ 10% trở lên"``).
    #[getter]
    fn target_text(&self) -> String {
        self.get().target_text.clone()
    }

    /// ``"exceeded"``, ``"met"``, ``"not_met"``, ``"no_data"`` or ``"not_applicable"``.
    #[getter]
    fn status(&self) -> String {
        status_name(self.get().status).to_string()
    }

    /// The status in Vietnamese: ``"vượt"``, ``"đạt"``, ``"không đạt"``, ``"chưa có số liệu"``,
    /// ``"không áp dụng"``.
    #[getter]
    fn status_vi(&self) -> String {
        self.get().status.label_vi().to_string()
    }

    /// % of plan (``Decimal``, rounded to ``ratio_digits``) or ``None`` where undefined.
    #[getter]
    fn ratio<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().ratio)
    }

    /// Signed gap (positive = better than the target), ``Decimal`` or ``None``.
    #[getter]
    fn gap<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().gap)
    }

    /// The result value (in the target's scale), ``Decimal`` or ``None``.
    #[getter]
    fn result<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().result)
    }

    /// The baseline, ``Decimal`` or ``None``.
    #[getter]
    fn baseline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().baseline)
    }

    /// What was compared with the threshold (the result, a decrease, places gained…).
    #[getter]
    fn achieved<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().achieved)
    }

    /// The threshold compared with (the target value or its pro-rata share).
    #[getter]
    fn threshold<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_decimal_to_py(py, self.get().threshold)
    }

    /// Whether the in-year pro-rata rule applied.
    #[getter]
    fn pro_rata(&self) -> bool {
        self.get().pro_rata
    }

    /// ``"official"``, ``"estimate"`` or ``None`` (no result).
    #[getter]
    fn provenance(&self) -> Option<String> {
        self.get().provenance.map(|p| serde_name(&p))
    }

    /// One-line explanation in Vietnamese.
    #[getter]
    fn explanation_vi(&self) -> String {
        self.get().explanation.vi.clone()
    }

    /// One-line explanation in English.
    #[getter]
    fn explanation_en(&self) -> String {
        self.get().explanation.en.clone()
    }

    /// The JSON form as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, self.get())
    }

    fn __repr__(&self) -> String {
        let t = self.get();
        format!(
            "<TargetEvaluation {:?} {}: {}>",
            t.target,
            t.status.label_vi(),
            t.explanation.vi
        )
    }
}

/// Counts and the headline "đạt và vượt X/Y chỉ tiêu" of one unit and period.
#[pyclass(module = "thidua._thidua", name = "Summary", frozen, eq)]
#[derive(PartialEq)]
pub struct PySummary {
    inner: Summary,
}

#[pymethods]
impl PySummary {
    /// What was counted: ``"items"`` or ``"targets"``.
    #[getter]
    fn basis(&self) -> String {
        serde_name(&self.inner.basis)
    }
    /// Y: everything counted except "not applicable".
    #[getter]
    fn total(&self) -> u32 {
        self.inner.total
    }
    /// X: met or exceeded.
    #[getter]
    fn met_or_exceeded(&self) -> u32 {
        self.inner.met_or_exceeded
    }
    /// Exceeded (vượt).
    #[getter]
    fn exceeded(&self) -> u32 {
        self.inner.exceeded
    }
    /// Met (đạt).
    #[getter]
    fn met(&self) -> u32 {
        self.inner.met
    }
    /// Not met (không đạt).
    #[getter]
    fn not_met(&self) -> u32 {
        self.inner.not_met
    }
    /// No data (chưa có số liệu).
    #[getter]
    fn no_data(&self) -> u32 {
        self.inner.no_data
    }
    /// Not applicable (không áp dụng), not in ``total``.
    #[getter]
    fn not_applicable(&self) -> u32 {
        self.inner.not_applicable
    }
    /// ``"đạt và vượt 12/14 chỉ tiêu (vượt 8, đạt 4, không đạt 1, chưa có số liệu 1)"``.
    #[getter]
    fn headline_vi(&self) -> String {
        self.inner.headline_vi.clone()
    }
    /// ``"12 of 14 targets met or exceeded (…)"``.
    #[getter]
    fn headline_en(&self) -> String {
        self.inner.headline_en.clone()
    }
    /// The JSON form as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("<Summary {}>", self.inner.headline_vi)
    }
}

// ---- HTML (notebooks) ----

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn status_style(s: Status) -> &'static str {
    match s {
        Status::Exceeded => "color:#0a6b2b;font-weight:bold",
        Status::Met => "color:#0a6b2b",
        Status::BasicallyMet => "color:#8a6d00",
        Status::NotMet => "color:#b00020;font-weight:bold",
        Status::NoData => "color:#777",
        Status::NotApplicable => "color:#777;font-style:italic",
        _ => "color:#777",
    }
}

const HTML_MAX_ROWS: usize = 200;

fn unit_html(u: &UnitEvaluation) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<div class=\"thidua-unit\"><p><b>{}</b> — {}</p>",
        esc(&u.unit),
        esc(&u.period.label_vi())
    ));
    h.push_str("<table><thead><tr><th>Chỉ tiêu</th><th>Tên</th><th>Kế hoạch</th><th>Kết quả</th><th>% kế hoạch</th><th>Đánh giá</th></tr></thead><tbody>");
    for t in &u.targets {
        let id = if t.parent.is_some() {
            format!("&nbsp;&nbsp;trong đó {}", esc(&t.target))
        } else {
            esc(&t.target)
        };
        let result = t
            .result
            .map(|r| format_vn_rounded(r, 4))
            .unwrap_or_else(|| "—".into());
        let ratio = t
            .ratio
            .map(|r| format!("{}%", format_vn_rounded(r, 2)))
            .unwrap_or_else(|| "—".into());
        h.push_str(&format!(
            "<tr><td>{id}</td><td>{}</td><td>{}</td><td style=\"text-align:right\">{}</td><td style=\"text-align:right\">{}</td><td style=\"{}\" title=\"{}\">{}</td></tr>",
            esc(&t.name),
            esc(&t.target_text),
            esc(&result),
            esc(&ratio),
            status_style(t.status),
            esc(&t.explanation.vi),
            esc(t.status.label_vi())
        ));
    }
    h.push_str(&format!(
        "</tbody></table><p><b>{}</b></p></div>",
        esc(&u.summary.headline_vi)
    ));
    h
}

fn evaluation_html(e: &Evaluation) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<div class=\"thidua-evaluation\"><p><b>{}</b> — {} đơn vị/kỳ</p>",
        esc(&e.directive),
        e.units.len()
    ));
    h.push_str("<table><thead><tr><th>Đơn vị</th><th>Kỳ</th><th>vượt</th><th>đạt</th><th>không đạt</th><th>chưa có số liệu</th><th>Kết quả chung</th></tr></thead><tbody>");
    for u in e.units.iter().take(HTML_MAX_ROWS) {
        let s = &u.summary;
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td style=\"{}\">{}</td><td style=\"{}\">{}</td><td style=\"{}\">{}</td><td style=\"{}\">{}</td><td>{}</td></tr>",
            esc(&u.unit),
            esc(&u.period.label_vi()),
            status_style(Status::Exceeded),
            s.exceeded,
            status_style(Status::Met),
            s.met,
            status_style(Status::NotMet),
            s.not_met,
            status_style(Status::NoData),
            s.no_data,
            esc(&s.headline_vi)
        ));
    }
    h.push_str("</tbody></table>");
    if e.units.len() > HTML_MAX_ROWS {
        h.push_str(&format!(
            "<p>… và {} đơn vị/kỳ khác (xem <code>summary_dataframe()</code>).</p>",
            e.units.len() - HTML_MAX_ROWS
        ));
    }
    h.push_str("</div>");
    h
}
