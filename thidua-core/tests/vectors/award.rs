//! Kind `award`: the award pipeline (`award::decide`) on an `AwardInput` (paths inside it
//! resolved from the repository root); output the `AwardReport` JSON, which must read back.

use serde_json::Value;
use thidua_core::award::{decide, resolve_input_paths, AwardInput, AwardReport};
use thidua_core::{Error, Result};

use crate::runner::{root, Produced, Vector};

/// Resolves the input's paths and decides (also the worked example's runner).
pub fn run_input(input: Value) -> Result<AwardReport> {
    let base = root();
    let v = resolve_input_paths(input, &mut |p: &str| {
        std::fs::read_to_string(base.join(p)).map_err(|e| Error::invalid_input(p, e.to_string()))
    })?;
    let input: AwardInput =
        serde_json::from_value(v).map_err(|e| Error::json("award input", &e))?;
    decide(&input)
}

pub fn run(v: &Vector) -> Result<Produced> {
    let report = run_input(v.input().clone())?;
    let output = serde_json::to_value(&report).expect("an award report serialises");
    let mut p = Produced::checked(output, v, |out, c| check(&report, out, c));
    match serde_json::from_value::<AwardReport>(p.output.clone()) {
        Ok(back) if back == report => {}
        _ => p
            .failures
            .push("the report does not read back from its JSON".to_string()),
    }
    Ok(p)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        other => other.to_string(),
    }
}

fn contains(field: &str, got: &str, c: &Value, key: &str) -> std::result::Result<(), String> {
    if let Some(want) = c.get(key).and_then(Value::as_str) {
        if !got.contains(want) {
            return Err(format!("{field} {got:?} lacks {want:?}"));
        }
    }
    Ok(())
}

/// Verifies one hand-written check against the report (see tests/vectors/README.md).
fn check(r: &AwardReport, out: &Value, c: &Value) -> std::result::Result<(), String> {
    if let Some(d) = c.get("decision") {
        let (subject, title) = (s(&d[0]), s(&d[1]));
        let dec = r
            .decision(&subject, &title)
            .ok_or(format!("no decision on {subject} / {title}"))?;
        let dv = serde_json::to_value(dec).map_err(|e| e.to_string())?;
        if let Some(w) = c.get("status") {
            if &dv["status"] != w {
                return Err(format!(
                    "{subject} / {title}: status {}, want {w}",
                    dv["status"]
                ));
            }
        }
        if let Some(w) = c.get("eligibility") {
            if &dv["eligibility"]["status"] != w {
                return Err(format!(
                    "{subject} / {title}: eligibility {}, want {w}",
                    dv["eligibility"]["status"]
                ));
            }
        }
        if let Some(w) = c.get("money") {
            let got = dec
                .money
                .as_ref()
                .map(|m| Value::String(m.amount.to_string()));
            if got.as_ref().unwrap_or(&Value::Null) != w {
                return Err(format!("{subject} / {title}: money {got:?}, want {w}"));
            }
        }
        contains("reason", &dec.reason.vi, c, "reason_vi_contains")?;
        contains("reason", &dec.reason.en, c, "reason_en_contains")?;
        let lacking: Vec<&str> = dec
            .eligibility
            .lacking
            .iter()
            .map(|l| l.vi.as_str())
            .collect();
        contains("lacking", &lacking.join(" | "), c, "lacking_vi_contains")?;
        if let Some(cl) = c.get("clause") {
            let (rule, clause) = (s(&cl[0]), s(&cl[1]));
            let x = dec
                .eligibility
                .clauses
                .iter()
                .find(|x| x.rule == rule && x.clause == clause)
                .ok_or(format!("{subject} / {title}: no clause {rule}/{clause}"))?;
            let xv = serde_json::to_value(x).map_err(|e| e.to_string())?;
            if let Some(w) = c.get("outcome") {
                if &xv["outcome"] != w {
                    return Err(format!(
                        "{subject} / {title} {rule}/{clause}: outcome {}, want {w}",
                        xv["outcome"]
                    ));
                }
            }
            let expl = x
                .result
                .as_ref()
                .map(|r| r.explanation.vi.clone())
                .unwrap_or_default();
            contains("clause explanation", &expl, c, "explanation_vi_contains")?;
        }
        if let Some(w) = c.get("votes_passed") {
            let got: Vec<bool> = dec.votes.iter().map(|v| v.passed).collect();
            if Value::from(got.clone()) != *w {
                return Err(format!(
                    "{subject} / {title}: votes passed {got:?}, want {w}"
                ));
            }
        }
        return Ok(());
    }
    if let Some(t) = c.get("totals") {
        for (k, w) in t.as_object().into_iter().flatten() {
            if &out["totals"][k] != w {
                return Err(format!("totals.{k}: {}, want {w}", out["totals"][k]));
            }
        }
        return Ok(());
    }
    if let Some(q) = c.get("quota").and_then(Value::as_str) {
        let x = r
            .quotas
            .iter()
            .find(|x| x.quota == q)
            .ok_or(format!("no quota {q}"))?;
        if let Some(w) = c.get("cap") {
            if *w != x.cap {
                return Err(format!("quota {q}: cap {}, want {w}", x.cap));
            }
        }
        if let Some(w) = c.get("tied") {
            if Value::from(x.tied.clone()) != *w {
                return Err(format!("quota {q}: tied {:?}, want {w}", x.tied));
            }
        }
        contains("quota note", &x.note.vi, c, "note_vi_contains")?;
        return Ok(());
    }
    if let Some(subject) = c.get("closest").and_then(Value::as_str) {
        let x = r.closest.iter().find(|x| x.subject == subject);
        match (x, c.get("title")) {
            (None, Some(Value::Null)) => return Ok(()),
            (None, _) => return Err(format!("no closest title for {subject}")),
            (Some(x), Some(w)) if *w != x.title.as_str() => {
                return Err(format!("{subject}: closest {}, want {w}", x.title))
            }
            (Some(x), _) => contains("closest", &x.summary.vi, c, "summary_vi_contains")?,
        }
        return Ok(());
    }
    if let Some(w) = c.get("warning_vi_contains").and_then(Value::as_str) {
        if !r.warnings.iter().any(|x| x.vi.contains(w)) {
            return Err(format!("no warning contains {w:?}"));
        }
        return Ok(());
    }
    if let Some(w) = c.get("rule_sets") {
        let got: Vec<String> = r.rule_sets.iter().map(|x| x.id.clone()).collect();
        if Value::from(got.clone()) != *w {
            return Err(format!("rule sets {got:?}, want {w}"));
        }
        return Ok(());
    }
    if let Some(w) = c.get("base_salary") {
        let got = r.base_salary.as_ref().map(|b| b.amount.to_string());
        if got.map(Value::String).unwrap_or(Value::Null) != *w {
            return Err(format!("base salary, want {w}"));
        }
        return Ok(());
    }
    Err(format!("unknown check {c}"))
}
