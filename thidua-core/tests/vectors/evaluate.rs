//! Kind `evaluate`: `evaluate_with_targets` on a directive, results, options and a target
//! table; output the `Evaluation` JSON.

use serde_json::Value;
use thidua_core::{
    evaluate_with_targets, Directive, Error, EvaluationOptions, ResultSet, TargetTable,
};

use crate::runner::{root, Produced, Vector};

/// A string is a path relative to the repository root; anything else is inline JSON.
fn resolve(v: &Value) -> Result<String, Error> {
    match v {
        Value::String(path) => std::fs::read_to_string(root().join(path))
            .map_err(|e| Error::invalid_input(path.as_str(), e.to_string())),
        other => Ok(other.to_string()),
    }
}

/// The `results` of a vector's input as written in the file (a `Value` would read a JSON
/// integer beyond 64 bits through a binary float).
fn raw_results(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Vector<'a> {
        #[serde(borrow)]
        input: Input<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Input<'a> {
        #[serde(borrow)]
        results: Option<&'a serde_json::value::RawValue>,
    }
    let v: Vector<'_> = serde_json::from_str(text).ok()?;
    let raw = v.input.results?.get();
    (!raw.starts_with('"')).then(|| raw.to_string())
}

pub fn run(v: &Vector) -> Result<Produced, Error> {
    let input = v.input();
    let directive = Directive::from_json(&resolve(&input["directive"])?)?;
    let results = match raw_results(&v.text) {
        Some(raw) => ResultSet::from_json(&raw)?,
        None => ResultSet::from_json(&resolve(&input["results"])?)?,
    };
    let options = match input.get("options") {
        Some(o) => EvaluationOptions::from_json(&o.to_string())?,
        None => EvaluationOptions::default(),
    };
    let targets = match input.get("targets") {
        Some(t) => TargetTable::from_json(&resolve(t)?)?,
        None => TargetTable::default(),
    };
    let e = evaluate_with_targets(&directive, &targets, &results, &options)?;
    let output = serde_json::to_value(&e).expect("an evaluation serialises");
    Ok(Produced::checked(output, v, check))
}

fn array<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array()
        .ok_or(format!("the output has no array {what}"))
}

/// One hand-written check (`tests/vectors/README.md`, kind `evaluate`).
fn check(out: &Value, c: &Value) -> Result<(), String> {
    if let Some(code) = c.get("warning") {
        let hit = array(&out["warnings"], "warnings")?.iter().any(|w| {
            &w["code"] == code
                && c.get("unit").is_none_or(|u| &w["unit"] == u)
                && c.get("target").is_none_or(|t| &w["target"] == t)
        });
        return if hit {
            Ok(())
        } else {
            Err(format!("no such warning among {}", out["warnings"]))
        };
    }
    if let Some(n) = c.get("warnings") {
        let got = array(&out["warnings"], "warnings")?.len() as u64;
        return if Some(got) == n.as_u64() {
            Ok(())
        } else {
            Err(format!("{got} warnings, want {n}: {}", out["warnings"]))
        };
    }
    let unit = c["unit"]
        .as_str()
        .ok_or("a check needs warning, warnings or unit")?;
    let period = c["period"].as_str().unwrap_or("2024");
    let u = array(&out["units"], "units")?
        .iter()
        .find(|u| u["unit"] == unit && u["period"] == period)
        .ok_or(format!("no unit {unit} / {period}"))?;
    if let Some(h) = c.get("headline_vi") {
        let got = &u["summary"]["headline_vi"];
        if got != h {
            return Err(format!("headline of {unit}: {got}, want {h}"));
        }
    }
    let Some(t) = c.get("target") else {
        return Ok(());
    };
    let te = array(&u["targets"], "targets")?
        .iter()
        .find(|x| &x["target"] == t)
        .ok_or(format!("{unit}: no target {t}"))?;
    // Every other field of the check is a field of the target evaluation ("status", "ratio",
    // "level", "form", "literal_status", "status_changed", …), except the level and text
    // checks below.
    for (field, want) in c.as_object().into_iter().flatten() {
        match field.as_str() {
            "unit" | "period" | "target" | "explanation_vi_contains" | "level_status" => {}
            f if &te[f] != want => {
                return Err(format!("{unit} target {t}: {f} is {}, want {want}", te[f]))
            }
            _ => {}
        }
    }
    if let Some(want) = c.get("explanation_vi_contains").and_then(Value::as_str) {
        let got = te["explanation"]["vi"].as_str().unwrap_or("");
        if !got.contains(want) {
            return Err(format!("{unit} target {t}: {got:?} lacks {want:?}"));
        }
    }
    if let Some(ls) = c.get("level_status").and_then(Value::as_object) {
        for (lv, want) in ls {
            let got = array(&te["levels"], "levels")?
                .iter()
                .find(|l| &l["level"] == lv)
                .ok_or(format!("{unit} target {t}: no level {lv}"))?;
            if &got["status"] != want {
                return Err(format!(
                    "{unit} target {t} level {lv}: status {}, want {want}",
                    got["status"]
                ));
            }
        }
    }
    Ok(())
}
