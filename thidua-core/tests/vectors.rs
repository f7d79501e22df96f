//! Runs every `evaluate` and `read_result` vector under `tests/vectors/` (see
//! `tests/vectors/README.md`).
//!
//! Each vector's hand-written `checks` are verified, and the full output must equal `expect`.
//! `THIDUA_BLESS=1 cargo test -p thidua-core --test vectors` rewrites `expect` from the current
//! implementation — after the `checks` have passed — for review in the diff.

use std::path::{Path, PathBuf};

use serde_json::Value;
use thidua_core::{evaluate_with_targets, Directive, EvaluationOptions, ResultSet, TargetTable};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            vector_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// A string is a path relative to the repository root; anything else is inline JSON.
fn resolve(v: &Value) -> String {
    match v {
        Value::String(path) => std::fs::read_to_string(repo_root().join(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}")),
        other => other.to_string(),
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

fn run_evaluate(input: &Value, raw: Option<String>) -> Result<Value, thidua_core::Error> {
    let directive = Directive::from_json(&resolve(&input["directive"]))?;
    let results = ResultSet::from_json(&raw.unwrap_or_else(|| resolve(&input["results"])))?;
    let options = match input.get("options") {
        Some(o) => EvaluationOptions::from_json(&o.to_string())?,
        None => EvaluationOptions::default(),
    };
    let targets = match input.get("targets") {
        Some(t) => TargetTable::from_json(&resolve(t))?,
        None => TargetTable::default(),
    };
    let e = evaluate_with_targets(&directive, &targets, &results, &options)?;
    Ok(serde_json::to_value(&e).unwrap())
}

fn check(name: &str, out: &Value, c: &Value) {
    if let Some(code) = c.get("warning") {
        let hit = out["warnings"].as_array().unwrap().iter().any(|w| {
            &w["code"] == code
                && c.get("unit").map_or(true, |u| &w["unit"] == u)
                && c.get("target").map_or(true, |t| &w["target"] == t)
        });
        assert!(
            hit,
            "{name}: no warning {code} for {c}: {}",
            out["warnings"]
        );
        return;
    }
    if let Some(n) = c.get("warnings") {
        assert_eq!(
            out["warnings"].as_array().unwrap().len() as u64,
            n.as_u64().unwrap(),
            "{name}: number of warnings: {}",
            out["warnings"]
        );
        return;
    }
    let unit = c["unit"].as_str().unwrap();
    let period = c["period"].as_str().unwrap_or("2024");
    let u = out["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit && u["period"] == period)
        .unwrap_or_else(|| panic!("{name}: no unit {unit} / {period}"));
    if let Some(h) = c.get("headline_vi") {
        assert_eq!(
            &u["summary"]["headline_vi"], h,
            "{name}: headline of {unit}"
        );
    }
    if let Some(t) = c.get("target") {
        let te = u["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| &x["target"] == t)
            .unwrap_or_else(|| panic!("{name}: no target {t}"));
        // Every other field of the check is a field of the target evaluation ("status",
        // "ratio", "level", "form", "literal_status", "status_changed", …), except the
        // level and text checks below.
        for (field, want) in c.as_object().unwrap() {
            match field.as_str() {
                "unit" | "period" | "target" | "explanation_vi_contains" | "level_status" => {}
                f => assert_eq!(&te[f], want, "{name}: {unit} target {t} field {f}"),
            }
        }
        if let Some(want) = c.get("explanation_vi_contains").and_then(Value::as_str) {
            let got = te["explanation"]["vi"].as_str().unwrap();
            assert!(
                got.contains(want),
                "{name}: {unit} target {t}: {got:?} lacks {want:?}"
            );
        }
        if let Some(ls) = c.get("level_status").and_then(Value::as_object) {
            for (lv, want) in ls {
                let got = te["levels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| &l["level"] == lv)
                    .unwrap_or_else(|| panic!("{name}: {unit} target {t}: no level {lv}"));
                assert_eq!(&got["status"], want, "{name}: {unit} target {t} level {lv}");
            }
        }
    }
}

fn pointer_check(name: &str, out: &Value, c: &Value) {
    if let Some(p) = c.get("pointer").and_then(Value::as_str) {
        let got = out.pointer(p).unwrap_or(&Value::Null);
        assert_eq!(got, &c["equals"], "{name}: {p}");
    }
    if let Some(code) = c.get("diagnostic").and_then(Value::as_str) {
        assert!(
            out["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == code),
            "{name}: no diagnostic {code}: {}",
            out["diagnostics"]
        );
    }
}

#[test]
fn read_result_vectors() {
    let mut files = Vec::new();
    vector_files(&repo_root().join("tests/vectors"), &mut files);
    let bless = std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1");
    let mut ran = 0;
    for f in files {
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        if v["kind"] != "read_result" {
            continue;
        }
        let name = v["name"].as_str().unwrap_or("?").to_string();
        let text = v["input"]["text"].as_str().unwrap();
        let out = serde_json::to_value(thidua_core::reported::read_result(text)).unwrap();
        for c in v["checks"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            pointer_check(&name, &out, c);
        }
        // Every span is a slice of the input.
        for d in out["diagnostics"].as_array().unwrap() {
            let (a, b) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            assert!(text.get(a..b).is_some(), "{name}: span {a}..{b}");
        }
        if bless {
            v["expect"] = out;
            std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
        } else {
            assert_eq!(out, v["expect"], "{name}: output differs from `expect`");
        }
        ran += 1;
    }
    assert!(
        ran >= 10,
        "expected at least 10 read_result vectors, ran {ran}"
    );
}

#[test]
fn evaluate_vectors() {
    let mut files = Vec::new();
    vector_files(&repo_root().join("tests/vectors"), &mut files);
    let bless = std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1");
    let mut ran = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let mut v: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        if v["kind"] != "evaluate" {
            continue;
        }
        let name = v["name"].as_str().unwrap_or("?").to_string();
        let got = run_evaluate(&v["input"], raw_results(&text));
        match (&got, v.get("expect_error")) {
            (Err(e), Some(want)) => {
                assert_eq!(e.code(), want["code"].as_str().unwrap(), "{name}: {e}");
                if let Some(m) = want.get("message_contains").and_then(Value::as_str) {
                    assert!(e.to_string().contains(m), "{name}: {e:?} lacks {m:?}");
                }
            }
            (Err(e), None) => panic!("{name}: unexpected error {e}"),
            (Ok(_), Some(_)) => panic!("{name}: expected an error"),
            (Ok(out), None) => {
                for c in v["checks"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
                    check(&name, out, c);
                }
                if bless {
                    v["expect"] = out.clone();
                    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
                } else {
                    assert_eq!(
                        out, &v["expect"],
                        "{name}: output differs from `expect` (re-bless after review?)"
                    );
                }
            }
        }
        ran += 1;
    }
    assert!(ran >= 5, "expected at least 5 evaluate vectors, ran {ran}");
}
