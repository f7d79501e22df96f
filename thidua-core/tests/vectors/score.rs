//! Kind `score`: `scoring::score` on a `ScoreInput` (paths inside it resolved from the
//! repository root); output the `ScoreReport` JSON.

use serde_json::Value;
use thidua_core::scoring::{resolve_input_paths, score, ScoreInput, ScoreReport};
use thidua_core::{Error, Result};

use crate::runner::{root, Produced, Vector};

/// Resolves the input's paths and scores it (also the worked example's runner).
pub fn run_input(input: Value) -> Result<ScoreReport> {
    let base = root();
    let v = resolve_input_paths(input, &mut |p: &str| {
        std::fs::read_to_string(base.join(p)).map_err(|e| Error::invalid_input(p, e.to_string()))
    })?;
    let input: ScoreInput =
        serde_json::from_value(v).map_err(|e| Error::json("score input", &e))?;
    score(&input)
}

pub fn run(v: &Vector) -> Result<Produced> {
    let report = run_input(v.input().clone())?;
    let output = serde_json::to_value(&report).expect("a score report serialises");
    Ok(Produced::checked(output, v, |_, c| check(&report, c)))
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        other => other.to_string(),
    }
}

/// Verifies one hand-written check against the report; returns a message on failure.
fn check(report: &ScoreReport, c: &Value) -> std::result::Result<(), String> {
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
