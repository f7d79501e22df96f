//! Awards as the law defines them (`thidua_core::award`): the award history, the rule sets,
//! eligibility (`check_awards`) and the whole pipeline (`decide_awards`). Conversion only:
//! every rule lives in the core.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value};
use thidua_core::award::{
    check_json, decide_json, resolve_input_paths, AwardReport, EligibilityReport, History, RuleSet,
};
use thidua_core::Error;

use crate::convert::{py_to_json, to_py_json};
use crate::error::{guard, guard_detached};
use crate::frame::{dataframe, Columns, DecimalMode, Out};
use crate::json_block::{json_block, JsonBacked};

/// An award history (hồ sơ thi đua, khen thưởng): subjects (individuals and collectives),
/// the titles they received per year (title, level, decision number, date and issuer), task
/// ratings, events (initiatives, discipline, investigations, complaints) and collectives'
/// member summaries. Validated on load (duplicates, unknown subjects, years); titles are
/// checked against the rule sets when it is used.
///
/// Build it from JSON (``from_json``), from dicts or DataFrames (``from_records``), and get it
/// back as DataFrames (``to_dataframes``).
#[pyclass(module = "thidua._thidua", name = "AwardHistory", frozen, eq)]
#[derive(PartialEq)]
pub struct PyAwardHistory {
    inner: Arc<History>,
}

impl JsonBacked for PyAwardHistory {
    type Core = History;
    fn core(&self) -> &History {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        Ok(PyAwardHistory {
            inner: Arc::new(History::from_json(text)?),
        })
    }
}

json_block!(PyAwardHistory, "an award history");

const TABLES: [&str; 5] = ["subjects", "titles", "ratings", "events", "members"];

/// Rows of one table (a list of dicts, or a pandas DataFrame) as JSON records. In a DataFrame
/// a missing cell (NaN, None, NaT) is an absent field; `decision_number`, `decision_date`,
/// `decision_issuer` columns make the nested `decision`; `titles.<id>` columns of member
/// summaries make the `titles` counts; a whole float (2021.0, what pandas makes of an int
/// column with missing cells) is read as the int, since every number of a history is whole.
fn records(obj: &Bound<'_, PyAny>, table: &str) -> PyResult<Value> {
    let py = obj.py();
    let rows: Bound<'_, PyAny> = if obj.is_instance_of::<PyList>() {
        obj.clone()
    } else if obj.hasattr("to_dict")? && obj.hasattr("columns")? {
        // pandas: missing cells as None, values as Python objects.
        let notna = obj.call_method0("notna")?;
        let as_obj = obj.call_method1("astype", ("object",))?;
        let cleaned = as_obj.call_method1("where", (notna, py.None()))?;
        let kw = PyDict::new(py);
        kw.set_item("orient", "records")?;
        cleaned.call_method("to_dict", (), Some(&kw))?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{table} must be a list of dicts or a pandas DataFrame, found {}",
            obj.get_type().name()?
        )));
    };
    let list = rows.cast::<PyList>()?;
    let datetime = py.import("datetime")?.getattr("datetime")?;
    let mut out = Vec::with_capacity(list.len());
    for (i, row) in list.iter().enumerate() {
        let d = row
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err(format!("{table}[{i}] must be a dict")))?;
        // Plain Python values: numpy scalars through .item(), timestamps through .date().
        let clean = PyDict::new(py);
        for (k, v) in d.iter() {
            if v.is_none() {
                continue;
            }
            let v = if v.is_instance(&datetime)? {
                v.call_method0("date")?
            } else if !v.is_instance_of::<PyString>() && v.hasattr("item")? && v.hasattr("dtype")? {
                v.call_method0("item")?
            } else {
                v
            };
            // Every number of a history table is a whole number (years, counts): pandas makes
            // an int column with missing cells float (2021.0); read it back as the int.
            let v = match v.cast::<pyo3::types::PyFloat>() {
                Ok(f)
                    if f.value().is_finite()
                        && f.value().fract() == 0.0
                        && f.value().abs() < 1e15 =>
                {
                    (f.value() as i64).into_pyobject(py)?.into_any()
                }
                _ => v,
            };
            clean.set_item(k, v)?;
        }
        let mut m = match py_to_json(clean.as_any(), &format!("{table}[{i}]"))? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let mut decision = Map::new();
        for (k, nk) in [
            ("decision_number", "number"),
            ("decision_date", "date"),
            ("decision_issuer", "issuer"),
        ] {
            if let Some(v) = m.remove(k) {
                decision.insert(nk.into(), v);
            }
        }
        if !decision.is_empty() {
            m.insert("decision".into(), Value::Object(decision));
        }
        let keys: Vec<String> = m
            .keys()
            .filter(|k| k.starts_with("titles."))
            .cloned()
            .collect();
        if !keys.is_empty() {
            let mut titles = Map::new();
            for k in keys {
                if let Some(v) = m.remove(&k) {
                    titles.insert(k["titles.".len()..].to_string(), v);
                }
            }
            m.insert("titles".into(), Value::Object(titles));
        }
        out.push(Value::Object(m));
    }
    Ok(Value::Array(out))
}

const SUBJECT_COLUMNS: &[&str] = &["id", "kind", "name", "gender", "records_from"];
const TITLE_COLUMNS: &[&str] = &[
    "subject",
    "year",
    "title",
    "level",
    "thematic",
    "decision_number",
    "decision_date",
    "decision_issuer",
];
const RATING_COLUMNS: &[&str] = &["subject", "year", "rating"];
const EVENT_COLUMNS: &[&str] = &["subject", "year", "event", "level", "note"];

fn name_of<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

#[pymethods]
impl PyAwardHistory {
    /// Builds a history from tables: each of ``subjects``, ``titles``, ``ratings``,
    /// ``events``, ``members`` is a list of dicts or a pandas DataFrame (columns as the JSON
    /// fields; a decision as ``decision_number``, ``decision_date``, ``decision_issuer``; a
    /// member summary's title counts as ``titles.<title id>`` columns). Validated like JSON.
    #[classmethod]
    #[pyo3(signature = (*, subjects, titles = None, ratings = None, events = None, members = None))]
    fn from_records(
        _cls: &Bound<'_, pyo3::types::PyType>,
        subjects: &Bound<'_, PyAny>,
        titles: Option<&Bound<'_, PyAny>>,
        ratings: Option<&Bound<'_, PyAny>>,
        events: Option<&Bound<'_, PyAny>>,
        members: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        let given = [Some(subjects), titles, ratings, events, members];
        for (name, t) in TABLES.iter().zip(given) {
            if let Some(t) = t {
                m.insert((*name).to_string(), records(t, name)?);
            }
        }
        let text = Value::Object(m).to_string();
        guard(|| PyAwardHistory::read(&text))
    }

    /// The history as DataFrames, one per table: ``{"subjects": …, "titles": …, "ratings":
    /// …, "events": …}`` (decisions flattened into ``decision_*`` columns).
    fn to_dataframes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let h = &*self.inner;
        let mut out = Out::new(py, DecimalMode::parse("decimal")?)?;
        let tables = PyDict::new(py);
        let mut c = Columns::new(SUBJECT_COLUMNS, h.subjects.len());
        for s in &h.subjects {
            c.push(vec![
                out.s(&s.id),
                out.s(s.kind.as_str()),
                out.opt_s(s.name.as_deref()),
                out.opt_s(s.gender.as_ref().map(name_of).as_deref()),
                match s.records_from {
                    Some(y) => y.into_pyobject(py)?.into_any(),
                    None => out.none(),
                },
            ]);
        }
        tables.set_item("subjects", dataframe(py, c.into_dict(py)?)?)?;
        let mut c = Columns::new(TITLE_COLUMNS, h.titles.len());
        for t in &h.titles {
            c.push(vec![
                out.s(&t.subject),
                t.year.into_pyobject(py)?.into_any(),
                out.s(&t.title),
                out.opt_s(t.level.as_ref().map(name_of).as_deref()),
                pyo3::types::PyBool::new(py, t.thematic)
                    .to_owned()
                    .into_any(),
                out.opt_s(t.decision.as_ref().map(|d| d.number.as_str())),
                match &t.decision {
                    Some(d) => crate::convert::date_to_py(py, d.date)?,
                    None => out.none(),
                },
                out.opt_s(t.decision.as_ref().map(|d| d.issuer.as_str())),
            ]);
        }
        tables.set_item("titles", dataframe(py, c.into_dict(py)?)?)?;
        let mut c = Columns::new(RATING_COLUMNS, h.ratings.len());
        for r in &h.ratings {
            c.push(vec![
                out.s(&r.subject),
                r.year.into_pyobject(py)?.into_any(),
                out.s(&name_of(&r.rating)),
            ]);
        }
        tables.set_item("ratings", dataframe(py, c.into_dict(py)?)?)?;
        let mut c = Columns::new(EVENT_COLUMNS, h.events.len());
        for e in &h.events {
            c.push(vec![
                out.s(&e.subject),
                e.year.into_pyobject(py)?.into_any(),
                out.s(&name_of(&e.event)),
                out.opt_s(e.level.as_ref().map(name_of).as_deref()),
                out.opt_s(e.note.as_deref()),
            ]);
        }
        tables.set_item("events", dataframe(py, c.into_dict(py)?)?)?;
        Ok(tables)
    }

    /// Number of subjects.
    fn __len__(&self) -> usize {
        self.inner.subjects.len()
    }

    fn __repr__(&self) -> String {
        let h = &*self.inner;
        format!(
            "<AwardHistory subjects={} titles={} ratings={} events={} members={}>",
            h.subjects.len(),
            h.titles.len(),
            h.ratings.len(),
            h.events.len(),
            h.members.len()
        )
    }
}

/// An award rule set (bộ tiêu chuẩn khen thưởng): titles, eligibility rules made of clauses
/// with their legal sources and verification, blocking conditions, votes, quotas and money,
/// dated. ``AwardRuleSet.builtin("vn-nd98-2023")`` gives a shipped one.
#[pyclass(module = "thidua._thidua", name = "AwardRuleSet", frozen, eq)]
#[derive(PartialEq)]
pub struct PyAwardRuleSet {
    inner: Arc<RuleSet>,
}

impl JsonBacked for PyAwardRuleSet {
    type Core = RuleSet;
    fn core(&self) -> &RuleSet {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        Ok(PyAwardRuleSet {
            inner: Arc::new(RuleSet::from_json(text)?),
        })
    }
}

json_block!(PyAwardRuleSet, "an award rule set");

#[pymethods]
impl PyAwardRuleSet {
    /// A rule set shipped with the library: ``"vn-nd98-2023"``, ``"vn-nd152-2025"`` or
    /// ``"example-province"`` (illustrative). Raises ``KeyError`` for another id.
    #[staticmethod]
    fn builtin(id: &str) -> PyResult<Self> {
        RuleSet::builtin(id)
            .map(|r| PyAwardRuleSet { inner: Arc::new(r) })
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(id.to_string()))
    }

    /// The ids of the shipped rule sets.
    #[staticmethod]
    fn builtin_ids() -> Vec<&'static str> {
        RuleSet::builtin_ids()
    }

    /// The id.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// Whether it is an illustrative example.
    #[getter]
    fn example(&self) -> bool {
        self.inner.example
    }

    /// First day in force.
    #[getter]
    fn valid_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::date_to_py(py, self.inner.valid_from)
    }

    /// Last day in force, or ``None``.
    #[getter]
    fn valid_until<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::opt_date_to_py(py, self.inner.valid_until)
    }

    fn __repr__(&self) -> String {
        format!(
            "<AwardRuleSet {:?} {} – {}{}>",
            self.inner.id,
            self.inner.valid_from,
            self.inner
                .valid_until
                .map_or("…".to_string(), |u| u.to_string()),
            if self.inner.example { " (example)" } else { "" }
        )
    }
}

/// The JSON value of an award binding object standing inside an input dict.
pub fn object_json(obj: &Bound<'_, PyAny>) -> Option<Value> {
    if let Ok(h) = obj.cast::<PyAwardHistory>() {
        return serde_json::to_value(&*h.get().inner).ok();
    }
    if let Ok(r) = obj.cast::<PyAwardRuleSet>() {
        return serde_json::to_value(&*r.get().inner).ok();
    }
    if obj.cast::<crate::scoring::PyScoreReport>().is_ok() {
        let text: String = obj.call_method0("to_json").ok()?.extract().ok()?;
        return serde_json::from_str(&text).ok();
    }
    None
}

fn input_value(input: &Bound<'_, PyAny>) -> PyResult<Value> {
    if input.is_instance_of::<PyString>() || input.is_instance_of::<pyo3::types::PyBytes>() {
        let text = crate::convert::text_arg(input, "input")?;
        guard(|| serde_json::from_str(&text).map_err(|e| Error::json("award input", &e)))
    } else if input.is_instance_of::<PyDict>() {
        py_to_json(input, "input")
    } else {
        Err(PyTypeError::new_err(format!(
            "input must be a dict or JSON text, found {}",
            input.get_type().name()?
        )))
    }
}

/// The input with the documents it names read from `base_dir`, confined to it by the core's
/// one reader (thidua_core::files::BaseDir: relative paths only, no `..`, no link out, regular
/// UTF-8 files of at most 64 MiB, never a FIFO or a device).
fn resolved(value: Value, base_dir: Option<PathBuf>) -> Result<String, Error> {
    let value = match base_dir {
        Some(base) => {
            let base = thidua_core::files::BaseDir::new(base)?;
            resolve_input_paths(value, &mut |p: &str| base.read(p))?
        }
        None => value,
    };
    Ok(value.to_string())
}

/// Checks award proposals against the law, clause by clause: the scoring's proposals (from
/// ``score`` or ``score_report`` in the input, mapped by ``award_titles``) and direct
/// ``candidates``, under the rules in force on ``date``. Returns an ``EligibilityReport``.
///
/// ``input`` is the core's award input (``docs/awards.md``) as a dict or JSON text; in a dict
/// an ``AwardHistory``, ``AwardRuleSet`` or ``ScoreReport`` may stand where its JSON is
/// expected. With ``base_dir``, strings standing for documents (``"history":
/// "history.json"``, rule sets ending in ``.json``) are read as files relative to it,
/// confined to it: relative paths only (no absolute path, no ``..``, no link leading out),
/// regular UTF-8 files of at most 64 MiB; anything else raises ``InvalidInputError`` (a larger
/// file ``LimitExceededError``). Without ``base_dir`` no file is ever read.
#[pyfunction]
#[pyo3(signature = (input, *, base_dir = None))]
pub fn check_awards(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    base_dir: Option<PathBuf>,
) -> PyResult<PyEligibilityReport> {
    let value = input_value(input)?;
    let r = guard_detached(py, move || check_json(&resolved(value, base_dir)?))?;
    Ok(PyEligibilityReport { inner: Arc::new(r) })
}

/// The award pipeline in one call: proposals → eligibility under the rules in force on
/// ``date`` → the council's vote (counted against all members, with the quorum) → quotas
/// (declared rounding and preferences; remaining ties left to the council) → the final list
/// with the money of each award and the total. Same input as ``check_awards``. Runs with the
/// GIL released.
#[pyfunction]
#[pyo3(signature = (input, *, base_dir = None))]
pub fn decide_awards(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    base_dir: Option<PathBuf>,
) -> PyResult<PyAwardReport> {
    let value = input_value(input)?;
    let r = guard_detached(py, move || decide_json(&resolved(value, base_dir)?))?;
    Ok(PyAwardReport { inner: Arc::new(r) })
}

/// The output of ``check_awards``: one eligibility per proposal (every clause met, not met,
/// missing data or for the council, with its legal source), and each subject's closest next
/// title.
#[pyclass(module = "thidua._thidua", name = "EligibilityReport", frozen, eq)]
#[derive(PartialEq)]
pub struct PyEligibilityReport {
    inner: Arc<EligibilityReport>,
}

impl JsonBacked for PyEligibilityReport {
    type Core = EligibilityReport;
    fn core(&self) -> &EligibilityReport {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        let r: EligibilityReport =
            serde_json::from_str(text).map_err(|e| Error::json("eligibility report", &e))?;
        Ok(PyEligibilityReport { inner: Arc::new(r) })
    }
}

json_block!(PyEligibilityReport, "an eligibility report");

const ELIG_COLUMNS: &[&str] = &[
    "subject",
    "subject_kind",
    "title",
    "label_vi",
    "status",
    "summary_vi",
    "summary_en",
];

#[pymethods]
impl PyEligibilityReport {
    /// One row per proposal: ``subject``, ``subject_kind``, ``title``, ``label_vi``,
    /// ``status``, ``summary_vi``, ``summary_en``.
    fn to_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse("decimal")?)?;
        let mut c = Columns::new(ELIG_COLUMNS, self.inner.eligibility.len());
        for e in &self.inner.eligibility {
            c.push(vec![
                out.s(&e.subject),
                out.s(e.subject_kind.as_str()),
                out.s(&e.title),
                out.s(&e.label_vi),
                out.s(&name_of(&e.status)),
                out.text(&e.summary.vi),
                out.text(&e.summary.en),
            ]);
        }
        dataframe(py, c.into_dict(py)?)
    }

    /// Each subject's closest next title, as dicts.
    fn closest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner.closest)
    }

    fn __len__(&self) -> usize {
        self.inner.eligibility.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<EligibilityReport {} proposals, {}>",
            self.inner.eligibility.len(),
            self.inner.date
        )
    }
}

/// The output of ``decide_awards``: one decision per proposal (eligibility, votes, quota
/// places, final status, reason, money), the quotas, the totals, the closest next titles and
/// the warnings. ``render_vi()`` prints the decision in Vietnamese.
#[pyclass(module = "thidua._thidua", name = "AwardReport", frozen, eq)]
#[derive(PartialEq)]
pub struct PyAwardReport {
    inner: Arc<AwardReport>,
}

impl JsonBacked for PyAwardReport {
    type Core = AwardReport;
    fn core(&self) -> &AwardReport {
        &self.inner
    }
    fn read(text: &str) -> Result<Self, Error> {
        let r: AwardReport =
            serde_json::from_str(text).map_err(|e| Error::json("award report", &e))?;
        Ok(PyAwardReport { inner: Arc::new(r) })
    }
}

json_block!(
    PyAwardReport,
    "an award report (the same JSON as the core's and the test vectors' ``expect``)"
);

const DECISION_COLUMNS: &[&str] = &[
    "subject",
    "name",
    "subject_kind",
    "title",
    "label_vi",
    "status",
    "eligibility",
    "yes_percent",
    "money",
    "reason_vi",
    "reason_en",
];
const CLAUSE_COLUMNS: &[&str] = &[
    "subject",
    "title",
    "rule_set",
    "rule",
    "clause",
    "outcome",
    "text_vi",
    "explanation_vi",
    "source",
    "verified",
];

#[pymethods]
impl PyAwardReport {
    /// The decision as Vietnamese text.
    fn render_vi(&self) -> String {
        self.inner.render_vi()
    }

    /// One row per proposal: ``subject``, ``name``, ``subject_kind``, ``title``,
    /// ``label_vi``, ``status``, ``eligibility``, ``yes_percent`` (of all members, the first
    /// vote rule's), ``money`` (đồng, ``Decimal``), ``reason_vi``, ``reason_en``.
    #[pyo3(signature = (*, decimals = "decimal"))]
    fn to_dataframe<'py>(&self, py: Python<'py>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse(decimals)?)?;
        let mut c = Columns::new(DECISION_COLUMNS, self.inner.decisions.len());
        for d in &self.inner.decisions {
            c.push(vec![
                out.s(&d.subject),
                out.s(&d.name),
                out.s(d.subject_kind.as_str()),
                out.s(&d.title),
                out.s(&d.label_vi),
                out.s(&name_of(&d.status)),
                out.s(&name_of(&d.eligibility.status)),
                out.dec(d.votes.first().map(|v| v.yes_percent))?,
                out.dec(d.money.as_ref().map(|m| m.amount))?,
                out.text(&d.reason.vi),
                out.text(&d.reason.en),
            ]);
        }
        dataframe(py, c.into_dict(py)?)
    }

    /// One row per proposal × clause: the outcome, the clause, the reason and its legal
    /// source (``verified`` says whether that source was read).
    fn clauses_dataframe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut out = Out::new(py, DecimalMode::parse("decimal")?)?;
        let mut c = Columns::new(CLAUSE_COLUMNS, 0);
        for d in &self.inner.decisions {
            for x in &d.eligibility.clauses {
                c.push(vec![
                    out.s(&d.subject),
                    out.s(&d.title),
                    out.s(&x.rule_set),
                    out.s(&x.rule),
                    out.s(&x.clause),
                    out.s(&name_of(&x.outcome)),
                    out.text(&x.text.vi),
                    out.text(x.result.as_ref().map_or("", |r| r.explanation.vi.as_str())),
                    out.text(&x.source.cite()),
                    pyo3::types::PyBool::new(py, x.source.is_verified())
                        .to_owned()
                        .into_any(),
                ]);
            }
        }
        dataframe(py, c.into_dict(py)?)
    }

    /// The decisions on the final list, as dicts.
    fn approved<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v: Vec<_> = self.inner.approved().collect();
        to_py_json(py, &v)
    }

    /// One decision (its JSON form) by subject and title; ``KeyError`` when there is none.
    fn decision<'py>(
        &self,
        py: Python<'py>,
        subject: &str,
        title: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = self
            .inner
            .decision(subject, title)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(format!("{subject} / {title}")))?;
        to_py_json(py, d)
    }

    /// Approved awards and their money: ``{"approved": 4, "amount": Decimal("16380000"),
    /// …}`` (decimals as strings, as in JSON).
    #[getter]
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner.totals)
    }

    /// The total reward money of the approved awards (đồng).
    #[getter]
    fn total_amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::decimal_to_py(py, self.inner.totals.amount)
    }

    fn __len__(&self) -> usize {
        self.inner.decisions.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<AwardReport {} proposals, {} approved, {} đồng>",
            self.inner.decisions.len(),
            self.inner.totals.approved,
            self.inner.totals.amount
        )
    }
}

/// Registers the award classes and functions (called from the module init).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAwardHistory>()?;
    m.add_class::<PyAwardRuleSet>()?;
    m.add_class::<PyEligibilityReport>()?;
    m.add_class::<PyAwardReport>()?;
    m.add_function(wrap_pyfunction!(check_awards, m)?)?;
    m.add_function(wrap_pyfunction!(decide_awards, m)?)?;
    Ok(())
}
