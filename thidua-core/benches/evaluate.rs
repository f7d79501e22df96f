//! Evaluation throughput on the Kon Tum 2024 seed directive (08/CT-UBND, 19 targets).
//!
//! * `assess/1M` — the text-free fast path ([`thidua_core::assess`]): 1,000,000 observations
//!   spread round-robin over the directive's numeric targets.
//! * `evaluate/1M rows` — the full [`thidua_core::evaluate`] on a result set of 1,000,000 rows
//!   (52,632 units × 19 targets, rounded up), with grouping, validation, item statuses,
//!   headlines and bilingual explanations for every target.
//!
//! * `engine/1M rows` — [`thidua_core::engine::CompiledDirective::evaluate`] on the same
//!   result set: the compiled, text-free batch path (grouping, checks, statuses, % of plan,
//!   gaps, item statuses; no explanation or headline text).
//!
//! Run: `cargo bench -p thidua-core --bench evaluate`. Numbers: `docs/benchmarks.md`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use thidua_core::engine::CompiledDirective;
use thidua_core::{
    assess, evaluate, AssessContext, Directive, EvaluationOptions, Observation, Period,
};

#[path = "common/fixture.rs"]
mod fixture;
use fixture::observation;

const N: usize = 1_000_000;

fn directive() -> Directive {
    Directive::from_json(include_str!("../../docs/examples/002_kon-tum-2024.json")).unwrap()
}

fn bench(c: &mut Criterion) {
    let d = directive();
    let specs = fixture::specs(&d);
    let obs: Vec<Observation> = (0..N)
        .map(|i| observation(&specs[i % specs.len()].1, i))
        .collect();
    let opts = EvaluationOptions::default();
    let ctx = AssessContext::new(Period::year(2024), &opts);

    let mut g = c.benchmark_group("assess");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("1M", |b| {
        b.iter(|| {
            let mut met = 0usize;
            for (i, o) in obs.iter().enumerate() {
                let (_, spec) = &specs[i % specs.len()];
                let a = assess(spec, o, &ctx).unwrap();
                met += usize::from(a.status.is_met_or_exceeded());
            }
            black_box(met)
        })
    });
    g.finish();

    let rs = fixture::result_set(&d, N);
    let compiled = CompiledDirective::new(&d, &opts).unwrap();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rs.entries.len() as u64));
    g.bench_function("1M rows", |b| {
        b.iter_batched(
            || (),
            |_| black_box(compiled.evaluate(&rs).unwrap().rows()),
            BatchSize::PerIteration,
        )
    });
    g.finish();

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
