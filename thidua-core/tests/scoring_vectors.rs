//! Runs the shared scoring vectors (`tests/vectors/scoring/*.json`, kind `score`) and the
//! worked example of `docs/examples/clusters-kon-tum-2024/`.
//!
//! Every vector's hand-written `checks` are verified, then the full output is compared with
//! the blessed `expect`. `THIDUA_BLESS=1 cargo test -p thidua-core --test scoring_vectors`
//! rewrites `expect` (and the example's `report.txt`); the checks still run first.

use std::path::{Path, PathBuf};

use serde_json::Value;
use thidua_core::scoring::{resolve_input_paths, score, ScoreInput, ScoreReport};
use thidua_core::{Error, Result};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn bless() -> bool {
    std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1")
}

fn run_input(input: Value) -> Result<ScoreReport> {
    let base = root();
    let v = resolve_input_paths(input, &mut |p: &str| {
        std::fs::read_to_string(base.join(p)).map_err(|e| Error::invalid_input(p, e.to_string()))
    })?;
    let input: ScoreInput =
        serde_json::from_value(v).map_err(|e| Error::json("score input", &e))?;
    score(&input)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        other => other.to_string(),
    }
}

/// Verifies one hand-written check against the report; returns a message on failure.
fn check(report: &ScoreReport, c: &Value) -> std::result::Result<(), String> {
    let out = serde_json::to_value(report).map_err(|e| e.to_string())?;
    if let Some(award) = c.get("award").and_then(Value::as_str) {
        let a = report
            .awards
            .iter()
            .find(|a| a.award == award)
            .ok_or(format!("no award {award}"))?;
        if let Some(want) = c.get("proposals") {
            let got: Vec<&str> = a.proposals.iter().map(|p| p.unit.as_str()).collect();
            let want: Vec<String> = want.as_array().into_iter().flatten().map(s).collect();
            if got != want {
                return Err(format!("award {award}: proposals {got:?}, want {want:?}"));
            }
        }
        if let Some(want) = c.get("near_misses") {
            let got: Vec<&str> = a.near_misses.iter().map(|p| p.unit.as_str()).collect();
            let want: Vec<String> = want.as_array().into_iter().flatten().map(s).collect();
            if got != want {
                return Err(format!("award {award}: near misses {got:?}, want {want:?}"));
            }
        }
        if let Some(want) = c.get("note_vi_contains").and_then(Value::as_str) {
            let note = a.note.as_ref().map(|n| n.vi.as_str()).unwrap_or("");
            if !note.contains(want) {
                return Err(format!("award {award}: note {note:?} lacks {want:?}"));
            }
        }
        return Ok(());
    }
    if let Some(group) = c.get("group").and_then(Value::as_str) {
        let g = report
            .groups
            .iter()
            .find(|g| g.group == group)
            .ok_or(format!("no group {group}"))?;
        if let Some(want) = c.get("ranking") {
            let got: Vec<(u32, &str)> = g
                .ranking
                .iter()
                .map(|r| (r.rank, r.unit.as_str()))
                .collect();
            let want: Vec<(u32, String)> = want
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| (p[0].as_u64().unwrap_or(0) as u32, s(&p[1])))
                .collect();
            let got_cmp: Vec<(u32, String)> =
                got.iter().map(|(r, u)| (*r, u.to_string())).collect();
            if got_cmp != want {
                return Err(format!("group {group}: ranking {got:?}, want {want:?}"));
            }
        }
        if let Some(want) = c.get("not_ranked") {
            let got: Vec<&str> = g.not_ranked.iter().map(|n| n.unit.as_str()).collect();
            let want: Vec<String> = want.as_array().into_iter().flatten().map(s).collect();
            if got != want {
                return Err(format!("group {group}: not ranked {got:?}, want {want:?}"));
            }
        }
        return Ok(());
    }
    let unit = c
        .get("unit")
        .and_then(Value::as_str)
        .ok_or("a check needs unit, group or award")?;
    let u = report.unit(unit).ok_or(format!("no unit {unit}"))?;
    let stage = c.get("stage").map(s);
    let card = match &stage {
        Some(st) => u
            .scorecards
            .iter()
            .find(|k| k.stage.as_str() == st)
            .ok_or(format!("{unit}: no scorecard for {st}"))?,
        None => u
            .final_card()
            .ok_or(format!("{unit}: no final scorecard"))?,
    };
    let _ = out;
    if let Some(crit) = c.get("criterion").and_then(Value::as_str) {
        let cs = card
            .criteria
            .iter()
            .find(|k| k.criterion == crit)
            .ok_or(format!("{unit}: no criterion {crit}"))?;
        if let Some(p) = c.get("points") {
            let got = cs.points.map(|d| d.to_string());
            let want = if p.is_null() { None } else { Some(s(p)) };
            if got != want {
                return Err(format!("{unit} {crit}: points {got:?}, want {want:?}"));
            }
        }
        if let Some(e) = c.get("explanation_vi").and_then(Value::as_str) {
            if cs.explanation.vi != e {
                return Err(format!(
                    "{unit} {crit}: explanation {:?}, want {e:?}",
                    cs.explanation.vi
                ));
            }
        }
        if let Some(e) = c.get("explanation_en").and_then(Value::as_str) {
            if cs.explanation.en != e {
                return Err(format!(
                    "{unit} {crit}: explanation {:?}, want {e:?}",
                    cs.explanation.en
                ));
            }
        }
    }
    let dec = |k: &str| c.get(k).map(s);
    for (k, got) in [
        ("total", Some(card.total.to_string())),
        ("criteria_total", Some(card.criteria_total.to_string())),
        ("bonus_total", Some(card.bonus_total.to_string())),
        ("penalty_total", Some(card.penalty_total.to_string())),
    ] {
        if let Some(want) = dec(k) {
            if got.as_deref() != Some(want.as_str()) {
                return Err(format!("{unit}: {k} {got:?}, want {want:?}"));
            }
        }
    }
    if let Some(want) = c.get("section") {
        let id = s(&want[0]);
        let got = card.section_subtotal(&id).map(|d| d.to_string());
        if got.as_deref() != Some(s(&want[1]).as_str()) {
            return Err(format!("{unit}: section {id} {got:?}, want {}", want[1]));
        }
    }
    if let Some(want) = c.get("rank") {
        let w = if want.is_null() {
            None
        } else {
            want.as_u64().map(|x| x as u32)
        };
        if u.rank != w {
            return Err(format!("{unit}: rank {:?}, want {w:?}", u.rank));
        }
    }
    if let Some(want) = c.get("tied").and_then(Value::as_bool) {
        if u.tied != want {
            return Err(format!("{unit}: tied {}, want {want}", u.tied));
        }
    }
    if let Some(want) = c.get("band") {
        let got = u.band.as_ref().map(|b| b.band.clone());
        let w = if want.is_null() { None } else { Some(s(want)) };
        if got != w {
            return Err(format!("{unit}: band {got:?}, want {w:?}"));
        }
    }
    if let Some(want) = c.get("eligible").and_then(Value::as_bool) {
        if card.eligible != want {
            return Err(format!("{unit}: eligible {}, want {want}", card.eligible));
        }
    }
    if let Some(want) = c.get("change") {
        let got = u
            .comparison
            .iter()
            .find(|r| r.item == "total")
            .and_then(|r| r.change)
            .map(|d| d.to_string());
        let w = if want.is_null() { None } else { Some(s(want)) };
        if got != w {
            return Err(format!("{unit}: change of total {got:?}, want {w:?}"));
        }
    }
    Ok(())
}

fn vector_files() -> Vec<PathBuf> {
    let dir = root().join("tests/vectors/scoring");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

#[test]
fn scoring_vectors() {
    let files = vector_files();
    assert!(
        files.len() >= 5,
        "expected the scoring vectors under tests/vectors/scoring, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["kind"], "score", "{name}: kind must be \"score\"");
        let result = run_input(v["input"].clone());
        if let Some(err) = v.get("expect_error") {
            match result {
                Ok(_) => failures.push(format!("{name}: expected an error, got a report")),
                Err(e) => {
                    if e.code() != err["code"] {
                        failures.push(format!(
                            "{name}: error code {} ({e}), want {}",
                            e.code(),
                            err["code"]
                        ));
                    }
                    if let Some(m) = err.get("message_contains").and_then(Value::as_str) {
                        if !e.to_string().contains(m) {
                            failures.push(format!("{name}: error {e} lacks {m:?}"));
                        }
                    }
                }
            }
            continue;
        }
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let checks = v
            .get("checks")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if checks.is_empty() {
            failures.push(format!("{name}: no hand-written checks"));
        }
        for c in &checks {
            if let Err(m) = check(&report, c) {
                failures.push(format!("{name}: check {c}: {m}"));
            }
        }
        let out = serde_json::to_value(&report).unwrap();
        if bless() {
            v["expect"] = out;
            std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
        } else if v.get("expect") != Some(&out) {
            failures.push(format!("{name}: output differs from the blessed `expect` (re-bless with THIDUA_BLESS=1 after review)"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn worked_example_report_is_up_to_date() {
    let dir = root().join("docs/examples/clusters-kon-tum-2024");
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
    let report = run_input(input).unwrap();
    let text = format!("{}\n{}", report.render_vi(), report.render_scorecards_vi());
    let path = dir.join("report.txt");
    if bless() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        text, want,
        "docs/examples/clusters-kon-tum-2024/report.txt is stale: re-bless with THIDUA_BLESS=1"
    );
    // Facts of the example, checked by hand.
    assert_eq!(report.groups.len(), 2);
    assert!(text.contains("Cờ thi đua của UBND tỉnh"));
}
