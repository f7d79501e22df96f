//! The native half of the JavaScript-versus-native evaluation benchmark
//! (`node thidua-wasm/bench/evaluate.mjs` runs it; numbers in `docs/benchmarks.md`).
//!
//! Writes the fixture — the Kon Tum 2024 seed directive and a result set of `N` rows built
//! exactly as in `thidua-core/benches/evaluate.rs` (units × 19 targets, values jittered around
//! each target) — to `OUT` as JSON, then times, best of `REPEAT` runs:
//! * `core`: `thidua_core::evaluate` on already-parsed values;
//! * `json`: the binding's own path, JSON text in and out (`thidua_wasm::api::evaluate`), which
//!   is what the `.wasm` runs for `evaluate(directiveText, resultsText)`.
//!
//! Usage: `cargo run --release -p thidua-wasm --example bench_native -- N OUT [REPEAT]`;
//! prints one JSON line.

use std::time::Instant;

use thidua_core::{evaluate, Directive, EvaluationOptions};

// The very fixture of thidua-core's evaluation benchmark.
#[path = "../../thidua-core/benches/common/fixture.rs"]
mod fixture;

fn best_of<T>(repeat: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..repeat.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(200_000);
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "fixture.json".into());
    let repeat: usize = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(3);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let directive_text = std::fs::read_to_string(root.join("docs/examples/002_kon-tum-2024.json"))?;
    let d = Directive::from_json(&directive_text)?;
    let rs = fixture::result_set(&d, n);
    let results_text = serde_json::to_string(&rs)?;
    std::fs::write(&out, &results_text)?;
    let opts = EvaluationOptions::default();
    let core = best_of(repeat, || evaluate(&d, &rs, &opts).map(|e| e.units.len()));
    let json = best_of(repeat, || {
        thidua_wasm::api::evaluate(&directive_text, &results_text, None).map(|s| s.len())
    });
    println!(
        "{{\"rows\": {}, \"core_s\": {core:.4}, \"json_s\": {json:.4}}}",
        rs.entries.len()
    );
    Ok(())
}
