//! `score` and `ScoreReport`: the core's scoring (thang điểm, scorecards, ranking inside
//! clusters and blocs, bands, award proposals) through its JSON entry point.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};
use thidua_core::number::format_vn_fixed;
use thidua_core::scoring::{resolve_input_paths, score_json, ScoreReport};
use thidua_core::Error;

use crate::convert::{py_to_json, to_py_json};
use crate::directive::serde_name;
use crate::error::{guard, guard_detached};
use crate::frame::{dataframe, Columns, DecimalMode, Out};
use crate::json_block::{json_block, JsonBacked};

/// Scores units against a scoring scheme: every roster unit in every stage given (tự chấm,
/// cụm thẩm định, Ban Thi đua thẩm định), ranked inside its cluster or bloc, classified and
/// proposed for awards.
///
/// ``input`` is the core's score input (``docs/scoring.md``) as a dict or JSON text, with the
/// keys ``scheme``, ``roster``, ``stages`` and optionally ``directive``, ``options``,
/// ``period``. In a dict, a ``Directive``, ``ResultSet``, ``Evaluation`` or
/// ``EvaluationOptions`` may stand where the JSON is expected. With ``base_dir``, a string
/// where a document is expected (``"scheme": "scheme-1000.json"``) is read as a file relative
/// to ``base_dir``, confined to it: relative paths only (no absolute path, no ``..``, no link
/// leading out), regular UTF-8 files of at most 64 MiB; anything else raises
/// ``InvalidInputError``. Without ``base_dir`` no file is ever read. Runs with the GIL released.
#[pyfunction]
#[pyo3(signature = (input, *, base_dir = None))]
pub fn score(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    base_dir: Option<PathBuf>,
) -> PyResult<PyScoreReport> {
    let value: serde_json::Value =
        if input.is_instance_of::<PyString>() || input.is_instance_of::<pyo3::types::PyBytes>() {
            let text = crate::convert::text_arg(input, "input")?;
            guard(|| {
                serde_json::from_str(&text).map_err(|e| Error::Json {
                    what: "score input".into(),
                    message: e.to_string(),
                    location: Default::default(),
                })
            })?
        } else if input.is_instance_of::<pyo3::types::PyDict>() {
            py_to_json(input, "input")?
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "input must be a dict or JSON text, found {}",
                input.get_type().name()?
            )));
        };
    let report = guard_detached(py, move || {
        // The core's one confined reader (thidua_core::files::BaseDir).
        let value = match base_dir {
            Some(base) => {
                let base = thidua_core::files::BaseDir::new(base)?;
                resolve_input_paths(value, &mut |p: &str| base.read(p))?
            }
            None => value,
        };
        score_json(&value.to_string())
    })?;
    Ok(PyScoreReport {
        inner: Arc::new(report),
    })
}

/// The output of ``score``: scorecards per unit and stage, rankings per cluster or bloc,
/// bands and award proposals, each number with a one-line reason. Tables:
/// ``to_dataframe()`` (one row per unit), ``scorecards_dataframe()`` (one row per unit ×
/// stage × criterion), ``rankings_dataframe()``, ``awards_dataframe()``. In Jupyter it renders
/// as the rankings in HTML; ``render_vi()`` gives the Vietnamese text report.
#[pyclass(module = "thidua._thidua", name = "ScoreReport", frozen, eq)]
#[derive(PartialEq)]
pub struct PyScoreReport {
    pub(crate) inner: Arc<ScoreReport>,
}

const UNIT_COLUMNS: &[&str] = &[
    "unit",
    "group",
    "kind",
    "total",
    "rank",
    "tied",
    "eligible",
    "band",
    "band_vi",
    "band_reason_vi",
];
const CARD_COLUMNS: &[&str] = &[
    "unit",
    "group",
    "stage",
    "section",
    "criterion",
    "name",
    "max",
    "points",
    "weighted",
    "explanation_vi",
    "explanation_en",
];
const RANK_COLUMNS: &[&str] = &[
    "group",
    "kind",
    "rank",
    "unit",
    "total",
    "band",
    "tied",
    "decided_by_vi",
];
const AWARD_COLUMNS: &[&str] = &[
    "award",
    "label_vi",
    "proposed",
    "unit",
    "group",
    "total",
    "reason_vi",
    "reason_en",
];

#[pymethods]
impl PyScoreReport {
    /// The report as Vietnamese text.
    fn render_vi(&self) -> String {
        self.inner.render_vi()
    }

    /// Every unit's scorecard as Vietnamese text.
    fn render_scorecards_vi(&self) -> String {
        self.inner.render_scorecards_vi()
    }

    /// Scheme name.
    #[getter]
    fn scheme(&self) -> String {
        self.inner.scheme.clone()
    }

    /// The stages given, in order (``"self_assessment"``, ``"cluster_review"``,
    /// ``"board_appraisal"``).
    #[getter]
    fn stages(&self) -> Vec<String> {
        self.inner
            .stages
            .iter()
            .map(|s| s.as_str().to_string())
            .collect()
    }

    /// The period scored, or ``None``.
    #[getter]
    fn period(&self) -> Option<String> {
        self.inner.period.map(|p| p.to_string())
    }

    /// One unit's score (its JSON form: scorecards per stage, comparison, rank, band).
    /// Raises ``KeyError`` for a unit not on the roster.
    fn unit<'py>(&self, py: Python<'py>, unit: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let key = crate::convert::key_arg(unit, "unit")?;
        let u = key
            .and_then(|k| self.inner.unit(&k))
            .ok_or_else(|| PyKeyError::new_err(unit.clone().unbind()))?;
        to_py_json(py, u)
    }

    /// One row per roster unit (final stage): ``unit``, ``group``, ``kind``, ``total``,
    /// ``rank``, ``tied``, ``eligible``, ``band``, ``band_vi``, ``band_reason_vi``.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_dataframe<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse(decimals)?)?;
        let mut cols = Columns::new(UNIT_COLUMNS, self.inner.units.len());
        for u in &self.inner.units {
            let card = u.final_card();
            cols.push(vec![
                out.s(&u.unit),
                out.s(&u.group),
                out.s(&serde_name(&u.kind)),
                out.dec(card.map(|c| c.total))?,
                match u.rank {
                    Some(r) => r.into_pyobject(py)?.into_any(),
                    None => out.none(),
                },
                PyBool::new(py, u.tied).to_owned().into_any(),
                PyBool::new(py, card.is_some_and(|c| c.eligible))
                    .to_owned()
                    .into_any(),
                out.opt_s(u.band.as_ref().map(|b| b.band.as_str())),
                out.opt_s(u.band.as_ref().map(|b| b.label_vi.as_str())),
                out.opt_s(u.band.as_ref().map(|b| b.reason.vi.as_str())),
            ]);
        }
        dataframe(py, cols.into_dict(py)?)
    }

    /// One row per unit × stage × criterion: points, weighted points and the reason.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn scorecards_dataframe<'py>(
        &self,
        py: Python<'py>,
        decimals: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse(decimals)?)?;
        let mut cols = Columns::new(CARD_COLUMNS, 0);
        for u in &self.inner.units {
            for card in &u.scorecards {
                for c in &card.criteria {
                    cols.push(vec![
                        out.s(&u.unit),
                        out.s(&u.group),
                        out.s(card.stage.as_str()),
                        out.s(&c.section),
                        out.s(&c.criterion),
                        out.s(&c.name),
                        out.dec(Some(c.max))?,
                        out.dec(c.points)?,
                        out.dec(c.weighted)?,
                        out.text(&c.explanation.vi),
                        out.text(&c.explanation.en),
                    ]);
                }
            }
        }
        dataframe(py, cols.into_dict(py)?)
    }

    /// One row per ranked unit of each cluster or bloc, best first.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn rankings_dataframe<'py>(
        &self,
        py: Python<'py>,
        decimals: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse(decimals)?)?;
        let mut cols = Columns::new(RANK_COLUMNS, 0);
        for g in &self.inner.groups {
            for r in &g.ranking {
                cols.push(vec![
                    out.s(&g.group),
                    out.s(&serde_name(&g.kind)),
                    r.rank.into_pyobject(py)?.into_any(),
                    out.s(&r.unit),
                    out.dec(Some(r.total))?,
                    out.s(&r.band),
                    PyBool::new(py, r.tied).to_owned().into_any(),
                    out.opt_s(r.decided_by.as_ref().map(|e| e.vi.as_str())),
                ]);
            }
        }
        dataframe(py, cols.into_dict(py)?)
    }

    /// One row per award proposal (``proposed=True``) or near miss (``proposed=False``).
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn awards_dataframe<'py>(
        &self,
        py: Python<'py>,
        decimals: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse(decimals)?)?;
        let mut cols = Columns::new(AWARD_COLUMNS, 0);
        for a in &self.inner.awards {
            for (proposed, list) in [(true, &a.proposals), (false, &a.near_misses)] {
                for p in list {
                    cols.push(vec![
                        out.s(&a.award),
                        out.s(&a.label_vi),
                        PyBool::new(py, proposed).to_owned().into_any(),
                        out.s(&p.unit),
                        out.s(&p.group),
                        out.dec(Some(p.total))?,
                        out.text(&p.reason.vi),
                        out.text(&p.reason.en),
                    ]);
                }
            }
        }
        dataframe(py, cols.into_dict(py)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<ScoreReport {:?} units={} groups={} awards={}>",
            self.inner.scheme,
            self.inner.units.len(),
            self.inner.groups.len(),
            self.inner.awards.len()
        )
    }

    /// HTML for Jupyter: each cluster's or bloc's ranking with totals and bands.
    fn _repr_html_(&self) -> String {
        let r = &*self.inner;
        let mut h = format!(
            "<div class=\"thidua-score\"><p><b>{}</b></p>",
            esc(&r.scheme)
        );
        for g in &r.groups {
            h.push_str(&format!(
                "<p><b>{}</b></p><table><thead><tr><th>Hạng</th><th>Đơn vị</th><th>Tổng điểm</th><th>Xếp loại</th></tr></thead><tbody>",
                esc(&g.group)
            ));
            for e in &g.ranking {
                let label = r
                    .unit(&e.unit)
                    .and_then(|u| u.band.as_ref())
                    .map(|b| b.label_vi.clone())
                    .unwrap_or_else(|| e.band.clone());
                h.push_str(&format!(
                    "<tr><td>{}{}</td><td>{}</td><td style=\"text-align:right\">{}</td><td>{}</td></tr>",
                    e.rank,
                    if e.tied { " (đồng hạng)" } else { "" },
                    esc(&e.unit),
                    esc(&format_vn_fixed(e.total, r.digits)),
                    esc(&label)
                ));
            }
            for n in &g.not_ranked {
                h.push_str(&format!(
                    "<tr><td>—</td><td>{}</td><td colspan=\"2\">{}</td></tr>",
                    esc(&n.unit),
                    esc(&n.reason.vi)
                ));
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</div>");
        h
    }
}

impl JsonBacked for PyScoreReport {
    type Core = ScoreReport;
    fn core(&self) -> &ScoreReport {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        let r: ScoreReport = serde_json::from_str(text).map_err(|e| Error::Json {
            what: "score report".into(),
            message: e.to_string(),
            location: Default::default(),
        })?;
        Ok(PyScoreReport { inner: Arc::new(r) })
    }
}

json_block!(
    PyScoreReport,
    "a score report (the same JSON as the core's and the test vectors' ``expect``)"
);

/// The JSON value of a binding object standing inside a dict given to `score`.
pub fn object_json(obj: &Bound<'_, PyAny>) -> Option<serde_json::Value> {
    if let Ok(d) = obj.cast::<crate::directive::PyDirective>() {
        return serde_json::to_value(&*d.get().inner).ok();
    }
    if let Ok(r) = obj.cast::<crate::results::PyResultSet>() {
        return serde_json::to_value(&*r.get().inner).ok();
    }
    if let Ok(e) = obj.cast::<crate::evaluation::PyEvaluation>() {
        return serde_json::to_value(&*e.get().inner).ok();
    }
    if let Ok(o) = obj.cast::<crate::evaluation::PyEvaluationOptions>() {
        return serde_json::to_value(o.get().inner).ok();
    }
    crate::awards::object_json(obj)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
