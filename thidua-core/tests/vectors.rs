//! Runs every `evaluate` vector under `tests/vectors/` (see `tests/vectors/README.md`).
//!
//! Each vector's hand-written `checks` are verified, and the full output must equal `expect`.
//! `THIDUA_BLESS=1 cargo test -p thidua-core --test vectors` rewrites `expect` from the current
//! implementation — after the `checks` have passed — for review in the diff.

use std::path::{Path, PathBuf};

use serde_json::Value;
use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet};

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
    let e = evaluate(&directive, &results, &options)?;
    Ok(serde_json::to_value(&e).unwrap())
}

fn check(name: &str, out: &Value, c: &Value) {
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
        for field in [
            "status",
            "ratio",
            "gap",
            "threshold",
            "achieved",
            "pro_rata",
        ] {
            if let Some(want) = c.get(field) {
                assert_eq!(&te[field], want, "{name}: {unit} target {t} field {field}");
            }
        }
    }
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
