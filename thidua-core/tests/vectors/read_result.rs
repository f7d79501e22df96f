//! Kind `read_result`: `reported::read_result` on one reported text; output the `ReadOutput`
//! JSON.

use serde_json::Value;
use thidua_core::Error;

use crate::runner::{Produced, Vector};

pub fn run(v: &Vector) -> Result<Produced, Error> {
    let text = v.input()["text"]
        .as_str()
        .ok_or_else(|| Error::invalid_input("input.text", "a read_result vector needs a text"))?;
    let output = serde_json::to_value(thidua_core::reported::read_result(text))
        .expect("a reading serialises");
    let mut p = Produced::checked(output, v, check);
    // Every span is a slice of the input.
    for d in p.output["diagnostics"].as_array().into_iter().flatten() {
        let (a, b) = (
            d["start"].as_u64().unwrap_or(u64::MAX) as usize,
            d["end"].as_u64().unwrap_or(u64::MAX) as usize,
        );
        if text.get(a..b).is_none() {
            p.failures.push(format!(
                "diagnostic span {a}..{b} is no slice of the input: {d}"
            ));
        }
    }
    Ok(p)
}

/// `{"pointer": …, "equals": …}` and `{"diagnostic": code}` (`tests/vectors/README.md`).
fn check(out: &Value, c: &Value) -> Result<(), String> {
    let mut known = false;
    if let Some(p) = c.get("pointer").and_then(Value::as_str) {
        known = true;
        let got = out.pointer(p).unwrap_or(&Value::Null);
        if got != &c["equals"] {
            return Err(format!("{p} is {got}, want {}", c["equals"]));
        }
    }
    if let Some(code) = c.get("diagnostic").and_then(Value::as_str) {
        known = true;
        let diags = out["diagnostics"].as_array().map_or(&[][..], Vec::as_slice);
        if !diags.iter().any(|d| d["code"] == code) {
            return Err(format!("no diagnostic {code} among {}", out["diagnostics"]));
        }
    }
    if known {
        Ok(())
    } else {
        Err("unknown check".to_string())
    }
}
