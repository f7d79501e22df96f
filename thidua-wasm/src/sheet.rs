//! Workbooks and CSV in and out (the core's `sheet` module, feature `xlsx`): raw functions
//! on bytes and JSON text; `js/sheet.js` is their public face (`readExcel`, `resultsFromExcel`,
//! `evaluationToExcel`, `scoreReportToExcel`, `resultsToExcel`, `excelTemplate`).

use serde::Serialize;
use thidua_core::scoring::ScoreReport;
use thidua_core::sheet::{
    self, Diagnostic, EvaluationSheets, ReadOptions, ResultLayout, TableInfo, TemplateOptions,
};
use thidua_core::{Error, Evaluation, ResultSet};
use wasm_bindgen::prelude::*;

use crate::api::{self, to_json, Failure};

fn bad(what: &str, e: impl std::fmt::Display) -> Failure {
    Failure::Core(Error::invalid_input(what, e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(json: Option<&str>, what: &str) -> api::Result<Option<T>> {
    match json {
        None => Ok(None),
        Some(t) => serde_json::from_str(t).map(Some).map_err(|e| bad(what, e)),
    }
}

#[derive(Serialize)]
struct Located<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    location: String,
}

#[derive(Serialize)]
struct ReadOut<'a> {
    results: &'a ResultSet,
    diagnostics: Vec<Located<'a>>,
    tables: &'a [TableInfo],
}

/// Reads a workbook or CSV file's bytes: `{"results", "diagnostics", "tables"}` as JSON.
pub fn read_excel(
    bytes: &[u8],
    directive: Option<&str>,
    options: Option<&str>,
) -> api::Result<String> {
    let d = directive.map(api::directive).transpose()?;
    let opts: ReadOptions = parse(options, "options")?.unwrap_or_default();
    let r = sheet::read_results(bytes, d.as_ref(), &opts)?;
    let out = ReadOut {
        results: &r.value,
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| Located {
                diagnostic: d,
                location: d.location(),
            })
            .collect(),
        tables: &r.tables,
    };
    to_json(&out, "workbook reading")
}

#[derive(Serialize)]
struct TargetsOut<'a> {
    targets: &'a thidua_core::TargetTable,
    diagnostics: Vec<Located<'a>>,
    tables: &'a [TableInfo],
}

/// Reads a per-unit target table (giao chỉ tiêu, đăng ký thi đua) from a workbook's or CSV
/// file's bytes: `{"targets", "diagnostics", "tables"}` as JSON (the core's reader,
/// `sheet::read_unit_targets`).
pub fn read_targets_excel(
    bytes: &[u8],
    directive: Option<&str>,
    options: Option<&str>,
) -> api::Result<String> {
    let d = directive.map(api::directive).transpose()?;
    let opts: ReadOptions = parse(options, "options")?.unwrap_or_default();
    let r = sheet::read_unit_targets(bytes, d.as_ref(), &opts)?;
    let out = TargetsOut {
        targets: &r.value,
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| Located {
                diagnostic: d,
                location: d.location(),
            })
            .collect(),
        tables: &r.tables,
    };
    to_json(&out, "workbook reading")
}

/// The scorecard workbook of an evaluation (JSON).
pub fn evaluation_to_excel(
    evaluation: &str,
    directive: Option<&str>,
    per_unit: bool,
) -> api::Result<Vec<u8>> {
    let e: Evaluation = serde_json::from_str(evaluation)
        .map_err(|e| Failure::Core(Error::json("evaluation", &e)))?;
    let d = directive.map(api::directive).transpose()?;
    let mode = if per_unit {
        EvaluationSheets::PerUnit
    } else {
        EvaluationSheets::OneTable
    };
    Ok(sheet::write_evaluation(&e, d.as_ref(), mode)?)
}

/// The ranking workbook of a score report (JSON).
pub fn score_report_to_excel(report: &str, directive: Option<&str>) -> api::Result<Vec<u8>> {
    let r: ScoreReport =
        serde_json::from_str(report).map_err(|e| Failure::Core(Error::json("score report", &e)))?;
    let d = directive.map(api::directive).transpose()?;
    Ok(sheet::write_score_report(&r, d.as_ref())?)
}

/// A result set (JSON) as a workbook, `layout` "long" or "wide".
pub fn results_to_excel(
    results: &str,
    directive: Option<&str>,
    layout: &str,
) -> api::Result<Vec<u8>> {
    let rs = api::results(results)?;
    let d = directive.map(api::directive).transpose()?;
    let layout = match layout {
        "long" | "" => ResultLayout::Long,
        "wide" => ResultLayout::Wide,
        other => {
            return Err(bad(
                "layout",
                format!("expected \"long\" or \"wide\", found {other:?}"),
            ))
        }
    };
    Ok(sheet::write_results(&rs, d.as_ref(), layout)?)
}

/// A data-entry template for a directive; `options` is `{"units", "period", "estimate"}`.
pub fn excel_template(directive: &str, options: Option<&str>) -> api::Result<Vec<u8>> {
    let d = api::directive(directive)?;
    let opts: TemplateOptions = parse(options, "template options")?.unwrap_or_default();
    Ok(sheet::write_template(&d, &opts)?)
}

fn js<T>(r: api::Result<T>) -> Result<T, JsValue> {
    r.map_err(|f| JsValue::from_str(&f.to_json()))
}

/// Raw: reads a workbook or CSV file (bytes); JSON `{results, diagnostics, tables}`.
#[wasm_bindgen(js_name = readExcel)]
pub fn read_excel_js(
    bytes: &[u8],
    directive: Option<String>,
    options: Option<String>,
) -> Result<String, JsValue> {
    js(read_excel(bytes, directive.as_deref(), options.as_deref()))
}

/// Raw: reads a per-unit target table from a workbook or CSV file (bytes); JSON
/// `{targets, diagnostics, tables}`.
#[wasm_bindgen(js_name = readTargetsExcel)]
pub fn read_targets_excel_js(
    bytes: &[u8],
    directive: Option<String>,
    options: Option<String>,
) -> Result<String, JsValue> {
    js(read_targets_excel(
        bytes,
        directive.as_deref(),
        options.as_deref(),
    ))
}

/// Raw: the scorecard workbook of an evaluation.
#[wasm_bindgen(js_name = evaluationToExcel)]
pub fn evaluation_to_excel_js(
    evaluation: &str,
    directive: Option<String>,
    per_unit: bool,
) -> Result<Vec<u8>, JsValue> {
    js(evaluation_to_excel(
        evaluation,
        directive.as_deref(),
        per_unit,
    ))
}

/// Raw: the ranking workbook of a score report.
#[wasm_bindgen(js_name = scoreReportToExcel)]
pub fn score_report_to_excel_js(
    report: &str,
    directive: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    js(score_report_to_excel(report, directive.as_deref()))
}

/// Raw: a result set as a workbook.
#[wasm_bindgen(js_name = resultsToExcel)]
pub fn results_to_excel_js(
    results: &str,
    directive: Option<String>,
    layout: &str,
) -> Result<Vec<u8>, JsValue> {
    js(results_to_excel(results, directive.as_deref(), layout))
}

/// Raw: a data-entry template.
#[wasm_bindgen(js_name = excelTemplate)]
pub fn excel_template_js(directive: &str, options: Option<String>) -> Result<Vec<u8>, JsValue> {
    js(excel_template(directive, options.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KT: &str = include_str!("../../docs/examples/002_kon-tum-2024.json");

    #[test]
    fn template_reads_back() {
        let t = excel_template(KT, Some(r#"{"units": ["Huyện A"], "period": "2024-H1"}"#)).unwrap();
        let out: serde_json::Value =
            serde_json::from_str(&read_excel(&t, Some(KT), None).unwrap()).unwrap();
        assert_eq!(out["tables"][0]["units"][0], "Huyện A");
        assert_eq!(out["results"]["entries"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn diagnostics_carry_the_cell() {
        let csv = "TT;Chỉ tiêu;KH;TH năm 2024\n;Số con mèo;1;2\n";
        let out: serde_json::Value = serde_json::from_str(
            &read_excel(csv.as_bytes(), Some(KT), Some(r#"{"unit": "X"}"#)).unwrap(),
        )
        .unwrap();
        let d = out["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "no_target_match")
            .unwrap();
        assert_eq!(d["location"], "CSV!B2");
        assert_eq!(
            excel_template(KT, Some("{\"nope\": 1}"))
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    proptest! {
        #[test]
        fn no_bytes_panic(b in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = read_excel(&b, None, None);
            let mut z = b"PK\x03\x04".to_vec();
            z.extend(&b);
            let _ = read_excel(&z, Some(KT), None);
        }
    }
}
