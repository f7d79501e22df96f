//! `thidua._thidua`: the Python extension module of the `thidua` package.
//!
//! A thin binding: every rule lives in `thidua-core`; this crate converts values
//! ([`convert`], [`columns`], [`frame`]) and maps errors ([`error`]).
#![forbid(unsafe_code)]

mod awards;
mod columns;
mod compiled_scheme;
mod convert;
mod directive;
mod engine;
mod error;
mod evaluation;
mod frame;
mod json_block;
mod parse;
mod results;
mod scoring;
mod sheet;
mod units;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use thidua_core::number;

use crate::convert::{decimal_to_py, to_decimal};
use crate::error::guard;

/// Parses a number written the Vietnamese way (decimal comma, thousands dot) into a
/// ``Decimal``: ``parse_vn("3.500") == Decimal("3500")``, ``parse_vn("39,6") ==
/// Decimal("39.6")``. Ambiguous text such as ``"3.5"`` raises ``InvalidNumberError``.
#[pyfunction]
fn parse_vn<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = convert::text_arg(text, "text")?;
    let d = guard(|| number::parse_vn(&text))?;
    decimal_to_py(py, d)
}

/// Formats a number the Vietnamese way, keeping its scale: ``format_vn(3500) == "3.500"``,
/// ``format_vn(Decimal("94.10")) == "94,10"``. Accepts ``int``, ``Decimal``, plain decimal
/// ``str`` and ``float`` (read as its shortest repr).
#[pyfunction]
fn format_vn(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(number::format_vn(to_decimal(value)?))
}

/// Rounds to ``digits`` decimals (half away from zero), drops trailing zeros and formats the
/// Vietnamese way: ``format_vn_rounded(Decimal("105.125"), 2) == "105,13"``.
#[pyfunction]
#[pyo3(signature = (value, digits = None))]
fn format_vn_rounded(
    value: &Bound<'_, PyAny>,
    digits: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    Ok(number::format_vn_rounded(
        to_decimal(value)?,
        digits_arg(digits, 2)?,
    ))
}

/// A `digits` argument: an int, checked by the core's digits limit
/// (`thidua_core::format::number::check_digits`: 0..=28, `InvalidInputError` outside, never
/// clamped); a non-int is a `TypeError`.
fn digits_arg(digits: Option<&Bound<'_, PyAny>>, default: u32) -> PyResult<u32> {
    let Some(digits) = digits else {
        return Ok(default);
    };
    if digits.is_instance_of::<pyo3::types::PyBool>()
        || !digits.is_instance_of::<pyo3::types::PyInt>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "digits must be an int, found {}",
            digits.get_type().name()?
        )));
    }
    // The core's one digits limit (0..=28, never clamped); an int beyond 64 bits is out of it.
    let d = digits.extract::<i64>().unwrap_or(i64::MAX);
    thidua_core::format::number::check_digits(d).map_err(error::core_err)
}

/// Rounds to exactly ``digits`` decimals, keeping trailing zeros, as published scores are
/// printed: ``format_vn_fixed(Decimal("9.52"), 3) == "9,520"``.
#[pyfunction]
#[pyo3(signature = (value, digits = None))]
fn format_vn_fixed(
    value: &Bound<'_, PyAny>,
    digits: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    Ok(number::format_vn_fixed(
        to_decimal(value)?,
        digits_arg(digits, 3)?,
    ))
}

/// Converts a number to an exact ``Decimal`` by the package's input rule: ``int`` and
/// ``Decimal`` exactly, ``str`` as a plain decimal (``"10.5"``), ``float`` by its shortest
/// repr (``0.1`` → ``Decimal("0.1")``); NaN and infinities raise ``InvalidNumberError``.
#[pyfunction]
fn to_decimal_exact<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let d = to_decimal(value)?;
    decimal_to_py(py, d)
}

/// The Vietnamese label of a period: ``period_label_vi("2024-H1") == "6 tháng đầu năm 2024"``.
#[pyfunction]
fn period_label_vi(period: &Bound<'_, PyAny>) -> PyResult<String> {
    let period = convert::text_arg(period, "period")?;
    Ok(guard(|| period.parse::<thidua_core::Period>())?.label_vi())
}

/// A JSON Schema generated from the core's types: ``"directive"``, ``"result-set"`` or
/// ``"evaluation"``. Returned as a dict.
#[pyfunction]
fn json_schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let file = format!("{name}.schema.json");
    let text = thidua_core::schema::all()
        .into_iter()
        .find(|(f, _)| *f == file)
        .map(|(_, s)| s)
        .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))?;
    let v: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    convert::json_to_py(py, &v)
}

/// The compiled core of the `thidua` package (import `thidua`, not this module).
#[pymodule]
fn _thidua(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<directive::PyDirective>()?;
    m.add_class::<directive::PyTargetItem>()?;
    m.add_class::<directive::PyTarget>()?;
    m.add_class::<results::PyResultSet>()?;
    m.add_class::<evaluation::PyEvaluationOptions>()?;
    m.add_class::<evaluation::PyEvaluation>()?;
    m.add_class::<evaluation::PyUnitEvaluation>()?;
    m.add_class::<evaluation::PyTargetEvaluation>()?;
    m.add_class::<evaluation::PySummary>()?;
    m.add_function(wrap_pyfunction!(evaluation::py_evaluate, m)?)?;
    m.add_class::<units::PyTargetTable>()?;
    m.add_class::<units::PyReadResult>()?;
    m.add_function(wrap_pyfunction!(units::read_result, m)?)?;
    m.add_class::<engine::PyCompiledDirective>()?;
    m.add_class::<compiled_scheme::PyCompiledScheme>()?;
    m.add_class::<scoring::PyScoreReport>()?;
    m.add_function(wrap_pyfunction!(scoring::score, m)?)?;
    m.add_function(wrap_pyfunction!(sheet::inspect_excel, m)?)?;
    awards::register(m)?;
    m.add_class::<parse::PyParseResult>()?;
    m.add_class::<parse::PyDiagnostic>()?;
    m.add_function(wrap_pyfunction!(parse::parse_directive, m)?)?;
    let codes = PyDict::new(py);
    for (c, s) in parse::diagnostic_codes() {
        codes.set_item(c, s)?;
    }
    m.add("DIAGNOSTIC_CODES", codes)?;
    m.add_function(wrap_pyfunction!(parse_vn, m)?)?;
    m.add_function(wrap_pyfunction!(format_vn, m)?)?;
    m.add_function(wrap_pyfunction!(format_vn_rounded, m)?)?;
    m.add_function(wrap_pyfunction!(format_vn_fixed, m)?)?;
    m.add_function(wrap_pyfunction!(to_decimal_exact, m)?)?;
    m.add_function(wrap_pyfunction!(period_label_vi, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    let labels = PyDict::new(py);
    for s in evaluation::STATUSES {
        labels.set_item(evaluation::status_name(s), s.label_vi())?;
    }
    m.add("STATUS_LABELS_VI", labels)?;
    m.add("RESULT_COLUMNS", columns::FIELDS.to_vec())?;
    Ok(())
}
