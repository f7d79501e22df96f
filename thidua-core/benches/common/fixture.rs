//! The evaluation benchmark fixture, shared by `thidua-core/benches/evaluate.rs` and the native
//! half of the JavaScript benchmark (`thidua-wasm/bench/native.rs`, via `#[path]`), so that both
//! measure exactly the same rows: the Kon Tum 2024 seed directive (08/CT-UBND, 19 targets) and
//! values jittered around each target so that every status occurs.

use thidua_core::{Decimal, Directive, Observation, Period, ResultEntry, ResultSet, TargetSpec};

/// A plausible observation for a target, varied by `i` so statuses differ.
pub fn observation(spec: &TargetSpec, i: usize) -> Observation {
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

/// The directive's targets as (id, spec), in document order.
pub fn specs(d: &Directive) -> Vec<(String, TargetSpec)> {
    d.targets()
        .map(|t| (t.target.id.clone(), t.target.spec.clone()))
        .collect()
}

/// A year-end result set of at least `n` rows: `ceil(n / targets)` units × every target.
pub fn result_set(d: &Directive, n: usize) -> ResultSet {
    let specs = specs(d);
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
    ResultSet {
        directive: None,
        description: None,
        entries,
    }
}
