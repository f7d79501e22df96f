//! A bounded-time, structure-aware mutation fuzzer for the JSON inputs, on stable Rust (the
//! coverage-guided `cargo fuzz` targets are `thidua-core/fuzz/fuzz_targets/{directive,
//! results,score,award}.rs`).
//!
//! Seeds are the inputs of the shared vectors and the examples (every file they name read in
//! through the core's confined reader). Each input is mutated as JSON — a value replaced by a
//! hostile one (NaN and infinities as text, `1e400`, 29 to 40 digits, integers beyond 64 bits,
//! `-0`, empty, 10,000-character and deeply nested values, wrong types), a key removed, an
//! element repeated, two values swapped — or as text (cut, a byte changed). Every input must
//! give a result or a typed error, within 5 s, with a message that does not echo the input
//! whole; nothing may panic.
//!
//! * `cargo test -p thidua-core --test json_fuzz` — a short run (a few hundred inputs).
//! * `THIDUA_FUZZ_SECS=45 cargo test -p thidua-core --test json_fuzz -- --ignored` — the timed
//!   run of `.ci/fuzz.sh` (the script bounds the time); `THIDUA_FUZZ_SEED` fixes the seed. A
//!   failing input is written to `target/json-fuzz-failure.json`.
mod common;
use common::fuzz::Rng;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use thidua_core::files::BaseDir;
use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[derive(Clone, Copy, Debug)]
enum Entry {
    Directive,
    Results,
    Score,
    Award,
}

const ENTRIES: [Entry; 4] = [Entry::Directive, Entry::Results, Entry::Score, Entry::Award];

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

/// The seeds of each entry point, from the vectors' inputs and the examples.
fn seeds() -> Vec<(Entry, Value)> {
    let base = BaseDir::new(root()).unwrap();
    let read = |p: &str| -> Value { serde_json::from_str(&base.read(p).unwrap()).unwrap() };
    let mut out = Vec::new();
    for stem in ["002_kon-tum-2024", "004_ha-giang-2024"] {
        out.push((
            Entry::Directive,
            read(&format!("docs/examples/{stem}.json")),
        ));
        out.push((
            Entry::Results,
            read(&format!("docs/examples/results/{stem}.illustrative.json")),
        ));
    }
    let mut files = Vec::new();
    vector_files(&root().join("tests/vectors"), &mut files);
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let input = v["input"].clone();
        match v["kind"].as_str() {
            Some("evaluate") => {
                if input["directive"].is_object() {
                    out.push((Entry::Directive, input["directive"].clone()));
                }
                if input["results"].is_object() || input["results"].is_array() {
                    out.push((Entry::Results, input["results"].clone()));
                }
            }
            Some("score") => {
                let r =
                    thidua_core::scoring::resolve_input_paths(input, &mut |p: &str| base.read(p));
                out.extend(r.ok().map(|v| (Entry::Score, v)));
            }
            Some("award") => {
                let r = thidua_core::award::resolve_input_paths(input, &mut |p: &str| base.read(p));
                out.extend(r.ok().map(|v| (Entry::Award, v)));
            }
            _ => {}
        }
    }
    for e in ENTRIES {
        assert!(
            out.iter()
                .any(|(x, _)| std::mem::discriminant(x) == std::mem::discriminant(&e)),
            "no seed for {e:?}"
        );
    }
    out
}

/// A hostile or unusual value.
fn hostile(rng: &mut Rng) -> Value {
    let deep = |n: usize| -> Value {
        serde_json::from_str(&format!("{}{}", "[".repeat(n), "]".repeat(n))).unwrap()
    };
    match rng.below(24) {
        0 => Value::from("NaN"),
        1 => Value::from("Infinity"),
        2 => Value::from("-inf"),
        3 => Value::from("1e400"),
        4 => Value::from("9.9999999999999999999999999999"),
        5 => Value::from("1234567890123456789012345678901234567890"),
        6 => serde_json::from_str("18446744073709551615").unwrap(),
        7 => Value::from(i64::MIN),
        8 => Value::from(1e300),
        9 => Value::from("-0"),
        10 => Value::from(""),
        11 => Value::from("x".repeat(10_000)),
        12 => Value::from(" 12 "),
        13 => Value::from("12,5"),
        14 => Value::from("+3"),
        15 => Value::from("1e-29"),
        16 => Value::Null,
        17 => Value::Bool(true),
        18 => Value::Array(Vec::new()),
        19 => Value::Object(Default::default()),
        20 => deep(40),
        21 => Value::from(0),
        22 => Value::from("2024-H3"),
        _ => Value::from("３,５ tỷ"),
    }
}

/// Every value in `v` as a JSON pointer (at most `cap` of them).
fn pointers(v: &Value, cap: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), v)];
    while let Some((p, x)) = stack.pop() {
        if out.len() >= cap {
            break;
        }
        match x {
            Value::Array(a) => {
                for (i, y) in a.iter().enumerate() {
                    stack.push((format!("{p}/{i}"), y));
                }
            }
            Value::Object(o) => {
                for (k, y) in o {
                    let k = k.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{p}/{k}"), y));
                }
            }
            _ => {}
        }
        out.push(p);
    }
    out
}

fn parent_and_key(ptr: &str) -> Option<(&str, String)> {
    let (parent, key) = ptr.rsplit_once('/')?;
    Some((parent, key.replace("~1", "/").replace("~0", "~")))
}

/// One JSON-level mutation of `v`.
fn mutate_value(rng: &mut Rng, v: &mut Value) {
    let ptrs = pointers(v, 20_000);
    let at = ptrs[rng.below(ptrs.len())].clone();
    match rng.below(5) {
        0 | 1 => {
            if let Some(x) = v.pointer_mut(&at) {
                *x = hostile(rng);
            }
        }
        2 => {
            // Remove a key or an element.
            if let Some((parent, key)) = parent_and_key(&at) {
                match v.pointer_mut(parent) {
                    Some(Value::Object(o)) => {
                        o.remove(&key);
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        3 => {
            // Repeat an element (duplicates, many rows).
            if let Some((parent, key)) = parent_and_key(&at) {
                if let Some(Value::Array(a)) = v.pointer_mut(parent) {
                    if let Ok(i) = key.parse::<usize>() {
                        if i < a.len() {
                            let x = a[i].clone();
                            let n = 1 + rng.below(50);
                            for _ in 0..n {
                                a.push(x.clone());
                            }
                        }
                    }
                }
            }
        }
        _ => {
            // Put a copy of another value here (a value of another field's type).
            let other = ptrs[rng.below(ptrs.len())].clone();
            if !other.starts_with(&at) {
                if let Some(x) = v.pointer(&other).cloned() {
                    if let Some(y) = v.pointer_mut(&at) {
                        *y = x;
                    }
                }
            }
        }
    }
}

/// The input as text, sometimes cut or with one byte changed.
fn mutate_text(rng: &mut Rng, text: String) -> String {
    let boundary = |s: &str, mut i: usize| {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match rng.below(10) {
        0 => {
            let cut = boundary(&text, rng.below(text.len() + 1));
            text[..cut].to_string()
        }
        1 => {
            let mut s = text;
            let at = boundary(&s, rng.below(s.len() + 1));
            let c = b"{}[]\",:0-e.\\"[rng.below(12)] as char;
            s.insert(at, c);
            s
        }
        _ => text,
    }
}

fn run_one(entry: Entry, text: &str, directive: &Directive) -> Result<(), thidua_core::Error> {
    match entry {
        Entry::Directive => {
            let d = Directive::from_json(text)?;
            let again = Directive::from_json(&d.to_json()?)?;
            assert_eq!(d, again, "a written directive reads back unchanged");
        }
        Entry::Results => {
            let r = ResultSet::from_json(text)?;
            let e = evaluate(directive, &r, &EvaluationOptions::default())?;
            thidua_core::json::to_string(&e)?;
        }
        Entry::Score => {
            let r = thidua_core::scoring::score_json(text)?;
            let _ = r.render_vi();
            thidua_core::json::to_string(&r)?;
        }
        Entry::Award => {
            let _ = thidua_core::award::check_json(text);
            let r = thidua_core::award::decide_json(text)?;
            let _ = r.render_vi();
            thidua_core::json::to_string(&r)?;
        }
    }
    Ok(())
}

fn run(budget: Duration, max_inputs: usize, seed: u64) -> usize {
    let seeds = seeds();
    let directive = Directive::from_json(
        &BaseDir::new(root())
            .unwrap()
            .read("docs/examples/002_kon-tum-2024.json")
            .unwrap(),
    )
    .unwrap();
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let mut n = 0;
    while n < max_inputs && start.elapsed() < budget {
        let (entry, base) = &seeds[rng.below(seeds.len())];
        let mut v = base.clone();
        for _ in 0..1 + rng.below(4) {
            mutate_value(&mut rng, &mut v);
        }
        let text = mutate_text(&mut rng, v.to_string());
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| run_one(*entry, &text, &directive));
        let elapsed = t.elapsed();
        let failure = match &result {
            Err(_) => Some("panicked".to_string()),
            Ok(_) if elapsed > Duration::from_secs(5) => Some(format!("took {elapsed:?}")),
            Ok(Err(e)) if e.to_string().chars().count() > 4_000 => Some(format!(
                "a message of {} characters",
                e.to_string().chars().count()
            )),
            Ok(_) => None,
        };
        if let Some(why) = failure {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/json-fuzz-failure.json"
            );
            let _ = std::fs::write(path, &text);
            panic!("{entry:?} input #{n} (seed {seed}) {why}; written to {path}");
        }
        n += 1;
    }
    n
}

#[test]
fn short_fuzz_run() {
    let n = run(Duration::from_secs(30), 300, 0x150d_2024);
    assert!(n > 0);
}

#[test]
#[ignore = "timed run for .ci/fuzz.sh"]
fn timed_fuzz_run() {
    let (budget, seed) = common::fuzz::timed_run_settings();
    let secs = budget.as_secs();
    let n = run(budget, usize::MAX, seed);
    println!("fuzzed {n} JSON inputs in {secs} s (seed {seed}): no panic, typed errors only");
}
