//! Evaluation throughput on the Kon Tum 2024 seed directive (08/CT-UBND, 19 targets).
//!
//! * `assess/1M` — the text-free fast path ([`thidua_core::assess`]): 1,000,000 observations
//!   spread round-robin over the directive's numeric targets.
//! * `evaluate/1M rows` — the full [`thidua_core::evaluate`] on a result set of 1,000,000 rows
//!   (52,632 units × 19 targets, rounded up), with grouping, validation, item statuses,
//!   headlines and bilingual explanations for every target.
//!
//! Run: `cargo bench -p thidua-core --bench evaluate`. Numbers: `docs/benchmarks.md`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use thidua_core::{
    assess, evaluate, Decimal, Directive, EvaluationOptions, Observation, Period, ResultEntry,
    ResultSet, TargetSpec,
};

const N: usize = 1_000_000;

fn directive() -> Directive {
    Directive::from_json(include_str!("../../docs/examples/002_kon-tum-2024.json")).unwrap()
}

/// A plausible observation for a target, varied by `i` so statuses differ.
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

fn bench(c: &mut Criterion) {
    let d = directive();
    let specs: Vec<(String, TargetSpec)> = d
        .targets()
        .iter()
        .map(|t| (t.target.id.clone(), t.target.spec.clone()))
        .collect();
    let obs: Vec<Observation> = (0..N)
        .map(|i| observation(&specs[i % specs.len()].1, i))
        .collect();
    let opts = EvaluationOptions::default();

    let mut g = c.benchmark_group("assess");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("1M", |b| {
        b.iter(|| {
            let mut met = 0usize;
            for (i, o) in obs.iter().enumerate() {
                let (id, spec) = &specs[i % specs.len()];
                let a = assess(spec, o, 12, &opts, id, "bench").unwrap();
                met += usize::from(a.status.is_met_or_exceeded());
            }
            black_box(met)
        })
    });
    g.finish();

    let units = N.div_ceil(specs.len());
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
    let mut g = c.benchmark_group("evaluate");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rs.entries.len() as u64));
    g.bench_function("1M rows", |b| {
        b.iter_batched(
            || (),
            |_| black_box(evaluate(&d, &rs, &opts).unwrap().units.len()),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
