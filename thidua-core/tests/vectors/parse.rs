//! Kind `parse`: `parse::parse_directive` on a text exactly as read (no trimming, no newline
//! conversion); output the `ParseOutput` JSON. Parsing never fails.

use serde_json::Value;
use thidua_core::parse::parse_directive;
use thidua_core::Error;

use crate::runner::{root, Produced, Vector};

fn input_text(v: &Vector) -> Result<String, Error> {
    let input = v.input();
    if let Some(t) = input["text"].as_str() {
        return Ok(t.to_string());
    }
    let p = input["text_path"].as_str().ok_or_else(|| {
        Error::invalid_input("input", "a parse vector needs \"text\" or \"text_path\"")
    })?;
    std::fs::read_to_string(root().join(p)).map_err(|e| Error::invalid_input(p, e.to_string()))
}

pub fn run(v: &Vector) -> Result<Produced, Error> {
    let text = input_text(v)?;
    let output = serde_json::to_value(parse_directive(&text)).expect("a parse output serialises");
    Ok(Produced::checked(output, v, |out, c| {
        match check(c, out, &text) {
            Some(m) => Err(m),
            None => Ok(()),
        }
    }))
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
                && c.get("text").is_none_or(|t| {
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
