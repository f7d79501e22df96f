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

use thidua_core::{
    evaluate, Decimal, Directive, EvaluationOptions, Observation, Period, ResultEntry, ResultSet,
    TargetSpec,
};

/// A plausible observation for a target, varied by `i` (as in thidua-core/benches/evaluate.rs).
fn observation(spec: &TargetSpec, i: usize) -> Observation {
    let jitter = Decimal::new((i % 200) as i64 - 100, 2); // −1.00 … +0.99
    match spec {
        TargetSpec::Reduction { value, .. } => {
            Observation::with_baseline(Decimal::from(15) - *value + jitter, Decimal::from(15))
        }
        TargetSpec::RankImprovement { .. } => {
            Observation::with_baseline(Decimal::from(40 - (i % 10) as i64), Decimal::from(45))
        }
        TargetSpec::Rate { value, .. } | TargetSpec::ThresholdShare { value, .. } => {
            Observation::value((*value + jitter).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED))
        }
        TargetSpec::GrowthRate { value, .. } | TargetSpec::Count { value, .. } => {
            Observation::value(*value + jitter)
        }
        TargetSpec::PerCapita { value, .. }
        | TargetSpec::Amount { value, .. }
        | TargetSpec::Ceiling { value, .. } => Observation::value(value.value + jitter),
        _ => Observation::value(Decimal::ONE),
    }
}

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
    let specs: Vec<(String, TargetSpec)> = d
        .targets()
        .iter()
        .map(|t| (t.target.id.clone(), t.target.spec.clone()))
        .collect();
    let units = n.div_ceil(specs.len());
    let mut entries = Vec::with_capacity(units * specs.len());
    for u in 0..units {
        let unit = format!("Đơn vị {u}");
        for (k, (id, spec)) in specs.iter().enumerate() {
            let o = observation(spec, u * specs.len() + k);
            let mut e = ResultEntry::value(
                unit.clone(),
                id.clone(),
                Period::year(2024),
                o.value.unwrap_or_default(),
            );
            e.baseline = o.baseline;
            entries.push(e);
        }
    }
    let rs = ResultSet {
        directive: None,
        description: None,
        entries,
    };
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
