//! Runs every `tests/vectors/parse/*.json` vector (format: `tests/vectors/README.md`, section
//! `parse`): the hand-written `checks` must hold on the parser's output, and the output must
//! equal the blessed `expect`. `THIDUA_BLESS=1 cargo test -p thidua-core --test parse_vectors`
//! rewrites `expect` (the checks still have to pass).

use std::path::{Path, PathBuf};

use serde_json::Value;
use thidua_core::parse::parse_directive;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn input_text(v: &Value, name: &str) -> String {
    let input = &v["input"];
    if let Some(t) = input["text"].as_str() {
        return t.to_string();
    }
    let p = input["text_path"]
        .as_str()
        .unwrap_or_else(|| panic!("{name}: input needs \"text\" or \"text_path\""));
    std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{name}: {p}: {e}"))
}

/// Finds a target by id anywhere in `directive.items[*].targets` (sub-targets included).
fn find_target<'a>(out: &'a Value, id: &str) -> Option<&'a Value> {
    fn walk<'a>(t: &'a Value, id: &str) -> Option<&'a Value> {
        if t["id"] == id {
            return Some(t);
        }
        t["sub_targets"]
            .as_array()?
            .iter()
            .find_map(|s| walk(s, id))
    }
    out["directive"]["items"]
        .as_array()?
        .iter()
        .flat_map(|i| i["targets"].as_array().into_iter().flatten())
        .find_map(|t| walk(t, id))
}

/// Checks one hand-written fact; returns a message when it does not hold.
fn check(c: &Value, out: &Value, text: &str) -> Option<String> {
    if let Some(n) = c.get("items") {
        let got = out["directive"]["items"].as_array().map_or(0, |a| a.len());
        return (Some(got as u64) != n.as_u64()).then(|| format!("{got} items, expected {n}"));
    }
    if let Some(ptr) = c["pointer"].as_str() {
        let got = out.pointer(ptr).unwrap_or(&Value::Null);
        return (got != &c["equals"]).then(|| format!("{ptr} = {got}, expected {}", c["equals"]));
    }
    if let Some(code) = c["diagnostic"].as_str() {
        let diags = out["diagnostics"].as_array()?;
        let found = diags.iter().any(|d| {
            d["code"] == code
                && c.get("text").map_or(true, |t| {
                    let (s, e) = (
                        d["start"].as_u64().unwrap_or(0) as usize,
                        d["end"].as_u64().unwrap_or(0) as usize,
                    );
                    text.get(s..e).map(Value::from).as_ref() == Some(t)
                })
        });
        return (!found).then(|| format!("no diagnostic {c}"));
    }
    if let Some(id) = c["target"].as_str() {
        let Some(t) = find_target(out, id) else {
            return Some(format!("no target {id:?}"));
        };
        let spec = &t["spec"];
        for (key, got) in [
            ("kind", &spec["kind"]),
            ("comparator", &spec["comparator"]),
            ("per", &spec["per"]),
            ("name", &t["name"]),
        ] {
            if let Some(want) = c.get(key) {
                if got != want {
                    return Some(format!("target {id}: {key} = {got}, expected {want}"));
                }
            }
        }
        // value / unit / scale: of the spec itself, of its quantity, or of the range's low end.
        let q = if spec["value"].is_object() {
            &spec["value"]
        } else if spec["low"].is_object() {
            &spec["low"]
        } else {
            spec
        };
        for key in ["value", "unit", "scale"] {
            if let Some(want) = c.get(key) {
                let got = &q[key];
                if got != want {
                    return Some(format!("target {id}: {key} = {got}, expected {want}"));
                }
            }
        }
        return None;
    }
    Some(format!("unknown check {c}"))
}

#[test]
fn parse_vectors() {
    let dir = root().join("tests/vectors/parse");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 9,
        "expected the seed and invented vectors, found {}",
        files.len()
    );
    let bless = std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let raw = std::fs::read_to_string(f).unwrap();
        let mut v: Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["kind"], "parse", "{name}");
        let text = input_text(&v, &name);
        let out = serde_json::to_value(parse_directive(&text)).unwrap();
        let checks = v["checks"].as_array().cloned().unwrap_or_default();
        assert!(
            !checks.is_empty(),
            "{name}: a vector needs hand-written checks"
        );
        for c in &checks {
            if let Some(msg) = check(c, &out, &text) {
                failures.push(format!("{name}: {msg}"));
            }
        }
        if bless {
            v["expect"] = out;
            std::fs::write(f, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
        } else if v["expect"] != out {
            failures.push(format!(
                "{name}: output differs from the blessed expect (re-bless with THIDUA_BLESS=1 after review)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
