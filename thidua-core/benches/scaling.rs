//! How the time grows with the input, for every loop over units, targets, items, rows and
//! rankings (#9): each case is run at n and 10 n and the ratio of the times is printed (linear
//! is ≈ 10×, n log n a little more, quadratic ≈ 100×). Each size is timed as the minimum of
//! five runs (the least disturbed by other work on the machine). A benchmark, not a test: the
//! project has no timed tests (`cargo bench -p thidua-core --bench scaling`; the figures are
//! in docs/benchmarks.md).

use std::time::{Duration, Instant};

use thidua_core::scoring::score_json;
use thidua_core::{evaluate, EvaluationOptions, ResultSet};

#[path = "common/growth.rs"]
mod growth;
use growth::{directive, ids, rows_json, score_input};

fn min_time(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Prints the time of `f(n)`, of `f(10 n)` and their ratio.
fn linear(what: &str, n: usize, mut f: impl FnMut(usize)) {
    f(n); // warm up
    let small = min_time(5, || f(n));
    let large = min_time(5, || f(10 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    println!(
        "{what}: {n} → {small:?}, {} → {large:?}, ×{ratio:.1}",
        10 * n
    );
}

fn evaluation_is_linear_in_units() {
    let d = directive(19, 1);
    let ids = ids(&d);
    let opts = EvaluationOptions::default();
    linear("evaluate × units", 300, |n| {
        let rs = ResultSet::from_json(&rows_json(n, &ids)).unwrap();
        assert_eq!(evaluate(&d, &rs, &opts).unwrap().units.len(), n);
    });
    linear("row-wise evaluate × units", 300, |n| {
        let rs = ResultSet::from_json(&rows_json(n, &ids)).unwrap();
        let e = thidua_core::evaluate::evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units.len(), n);
    });
}

fn item_statuses_and_validation_are_linear_in_items() {
    let opts = EvaluationOptions::default();
    linear("evaluate × items", 500, |n| {
        let d = directive(n, 2);
        let rs = ResultSet::from_json(&rows_json(1, &["1.0".to_string()])).unwrap();
        let e = thidua_core::evaluate::evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
        let e = evaluate(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
    });
}

fn scoring_ranking_and_report_are_linear_in_units() {
    linear("score × units in one cluster", 1_000, |n| {
        let r = score_json(&score_input(n)).unwrap();
        assert_eq!(r.units.len(), n);
        assert!(r.render_vi().len() > n);
    });
}

fn parsing_is_linear_in_text() {
    let unit =
        "(1) Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm; Hôm qua : 2.432; 0291 2210 677; (((( ;;;; ";
    linear("parse × repeated clauses", 500, |n| {
        std::hint::black_box(thidua_core::parse::parse_directive(&unit.repeat(n)));
    });
    linear("parse × '(1) …' items", 2_000, |n| {
        std::hint::black_box(thidua_core::parse::parse_directive(
            &"(1) Tăng trưởng đạt 8%. ".repeat(n),
        ));
    });
}

fn main() {
    // `cargo test --benches` runs a bench binary too; keep that quick.
    if std::env::args().any(|a| a == "--bench") {
        evaluation_is_linear_in_units();
        item_statuses_and_validation_are_linear_in_items();
        scoring_ranking_and_report_are_linear_in_units();
        parsing_is_linear_in_text();
    }
}
