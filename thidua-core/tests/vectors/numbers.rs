//! The shared number-helper cases of `tests/helpers/numbers.json` (see its README): the
//! core's functions behind `to_decimal_exact`, `format_vn`, `format_vn_rounded`,
//! `format_vn_fixed`, `parse_vn` and `period_label_vi`, which the Python and JavaScript runners
//! check against the same `expect` (`{"ok": text}` or `{"error": code}`).

use rust_decimal::Decimal;
use serde_json::{json, Value};
use thidua_core::format::number::{check_digits, format_vn, format_vn_fixed, format_vn_rounded};
use thidua_core::{decimal, number, Period, Result};

use crate::runner::{bless, root};

fn path() -> std::path::PathBuf {
    root().join("tests/helpers/numbers.json")
}

/// The input as the language's own value: `str` a string, `int` an integer (digits), `float` a
/// binary64 (`"NaN"`, `"Infinity"`, `"-Infinity"` for the non-finite ones).
fn value(input: &Value) -> Result<Decimal> {
    if let Some(s) = input.get("str").and_then(Value::as_str) {
        return decimal::parse(s);
    }
    if let Some(s) = input.get("int").and_then(Value::as_str) {
        return match s.parse::<i128>() {
            Ok(i) => decimal::from_i128(i),
            // beyond 128 bits: as the bindings do, the core's refusal
            Err(_) => decimal::parse(s),
        };
    }
    let f = match &input["float"] {
        Value::String(s) if s == "NaN" => f64::NAN,
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        v => v.as_f64().expect("a float input"),
    };
    decimal::from_f64(f)
}

fn run_case(case: &Value) -> Result<String> {
    let digits = |default: i64| {
        check_digits(
            case.get("digits")
                .and_then(Value::as_i64)
                .unwrap_or(default),
        )
    };
    let text = || case["input"]["str"].as_str().expect("a str input");
    Ok(match case["fn"].as_str().unwrap() {
        "to_decimal_exact" => value(&case["input"])?.to_string(),
        "format_vn" => format_vn(value(&case["input"])?),
        "format_vn_rounded" => {
            let d = value(&case["input"])?;
            format_vn_rounded(d, digits(2)?)
        }
        "format_vn_fixed" => {
            let d = value(&case["input"])?;
            format_vn_fixed(d, digits(3)?)
        }
        "parse_vn" => number::parse_vn(text())?.to_string(),
        "period_label_vi" => text().parse::<Period>()?.label_vi(),
        other => panic!("unknown helper {other}"),
    })
}

pub fn run() {
    let text = std::fs::read_to_string(path()).expect("tests/helpers/numbers.json");
    let mut doc: Value = serde_json::from_str(&text).expect("numbers.json is JSON");
    let cases = doc["cases"].as_array_mut().expect("numbers.json has cases");
    assert!(
        cases.len() >= 100,
        "expected at least 100 cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut changed = false;
    for (i, c) in cases.iter_mut().enumerate() {
        let got = match run_case(c) {
            Ok(s) => json!({ "ok": s }),
            Err(e) => json!({ "error": e.code() }),
        };
        if got == c["expect"] {
            continue;
        }
        if bless() {
            c["expect"] = got;
            changed = true;
        } else {
            failures.push(format!(
                "tests/helpers/numbers.json: cases[{i}] {} {}: expect {}, output {got}",
                c["fn"], c["input"], c["expect"]
            ));
        }
    }
    if changed {
        let mut out = serde_json::to_string_pretty(&doc).expect("the cases serialise");
        out.push('\n');
        std::fs::write(path(), out).expect("write tests/helpers/numbers.json");
        eprintln!("blessed tests/helpers/numbers.json: review it with `git diff tests/helpers`");
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}\n(after review: THIDUA_BLESS=1 cargo test -p thidua-core --test vectors)",
        failures.len(),
        failures.join("\n")
    );
}
