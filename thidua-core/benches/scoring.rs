//! Scoring and ranking throughput: 100,000 units × 30 criteria.
//!
//! The input is built in memory: an [`Evaluation`] of 100,000 units against 30 synthetic
//! rate targets (statuses and % of plan varied by unit), a scheme of 30 criteria in three
//! sections (proportional, step table, linear on % of plan and all-or-nothing rules, an
//! exceeding bonus, two tie-breakers, four bands and three award rules), and a roster of
//! 1,000 clusters of 100 units. The timed call is [`thidua_core::scoring::score`]: 3,000,000
//! criterion scores with bilingual explanations, subtotals, bonuses, bands, ranking inside
//! every cluster and award proposals.
//!
//! `score/one group of 100k units x 30 criteria` is the same input with every unit in **one**
//! cluster: ranking, bands and award proposals over a group of 10⁵ units (`O(n log n)`; the
//! difference with the clustered run is what one big group costs).
//!
//! Run: `cargo bench -p thidua-core --bench scoring -- --measurement-time 5`. Numbers:
//! `docs/benchmarks.md`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;
use std::hint::black_box;
use thidua_core::scoring::{score, ScoreInput};
use thidua_core::{Decimal, Evaluation, EvaluationOptions, HeadlineBasis, Status, Summary};

const UNITS: usize = 100_000;
const CRITERIA: usize = 30;
const CLUSTER: usize = 100;

/// The evaluation, built as its JSON (the output types cannot be written as literals outside
/// the crate: they grow) and read once.
fn evaluation() -> Evaluation {
    let units: Vec<serde_json::Value> = (0..UNITS)
        .map(|u| {
            let statuses: Vec<Status> = (0..CRITERIA).map(|t| status(ratio(u, t))).collect();
            let targets: Vec<serde_json::Value> = (0..CRITERIA)
                .map(|t| {
                    let r = ratio(u, t);
                    json!({
                        "target": format!("{}", t + 1), "item": t + 1, "parent": null,
                        "name": format!("Chỉ tiêu {}", t + 1), "kind": "rate",
                        "direction": "higher_is_better", "measure": "level",
                        "target_text": "từ 50% trở lên", "status": status(r),
                        "ratio": r.to_string(), "gap": null,
                        "result": (r / Decimal::TWO).to_string(), "baseline": null,
                        "achieved": (r / Decimal::TWO).to_string(), "threshold": "50",
                        "pro_rata": false, "provenance": null,
                        "explanation": {"vi": "", "en": ""},
                    })
                })
                .collect();
            let summary = Summary::from_statuses(HeadlineBasis::Targets, statuses);
            json!({
                "unit": format!("Đơn vị {u:06}"), "period": "2024", "targets": targets,
                "items": [], "summary": summary,
            })
        })
        .collect();
    serde_json::from_value(json!({
        "directive": "bench", "options": EvaluationOptions::default(), "units": units,
    }))
    .expect("the bench evaluation reads back")
}

/// % of plan between 80,00 and 119,99, varied by unit and target.
fn ratio(u: usize, t: usize) -> Decimal {
    Decimal::new(8_000 + ((u * 7 + t * 131) % 4_000) as i64, 2)
}

fn status(ratio: Decimal) -> Status {
    if ratio > Decimal::ONE_HUNDRED {
        Status::Exceeded
    } else if ratio == Decimal::ONE_HUNDRED {
        Status::Met
    } else {
        Status::NotMet
    }
}

fn scheme() -> serde_json::Value {
    let rule = |i: usize| match i % 4 {
        0 => json!({"kind": "proportional", "full_at": "100"}),
        1 => {
            json!({"kind": "steps", "steps": [{"at_least": "85", "points": "10"}, {"at_least": "95", "points": "20"}, {"at_least": "100", "points": "30"}]})
        }
        2 => json!({"kind": "linear", "on": "ratio", "from": "80", "to": "105"}),
        _ => json!({"kind": "all_or_nothing"}),
    };
    let sections: Vec<serde_json::Value> = (0..3)
        .map(|s| {
            let criteria: Vec<serde_json::Value> = (0..10)
                .map(|k| {
                    let i = s * 10 + k;
                    json!({"id": format!("C{}", i + 1), "name": format!("Tiêu chí {}", i + 1), "max": "30",
                        "targets": [format!("{}", i + 1)], "rule": rule(i)})
                })
                .collect();
            json!({"id": format!("S{s}"), "name": format!("Phần {s}"), "criteria": criteria})
        })
        .collect();
    json!({"name": "bench", "scale": "950", "rounding": {"digits": 3, "mode": "half_away_from_zero"},
        "missing_result": "zero", "sections": sections,
        "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "3"}, "max_total": "50"},
        "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "S0"}],
        "classification": {"basis": "total", "bands": [
            {"id": "xs", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "outstanding", "min_total": "800", "min_criterion_percent": "50"},
            {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "good", "min_total": "700", "min_criterion_percent": "30"},
            {"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed", "min_total": "600"},
            {"id": "kht", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "not completed"}]},
        "awards": [
            {"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "provincial flag", "select": {"kind": "group_leaders", "places": 1}, "near_miss_within": "5"},
            {"id": "co_cp", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}},
            {"id": "bk", "label_vi": "Bằng khen", "label_en": "certificate of merit", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "xs"}]})
}

fn input(cluster: usize) -> ScoreInput {
    let roster: Vec<serde_json::Value> = (0..UNITS)
        .map(|u| json!({"unit": format!("Đơn vị {u:06}"), "group": format!("Cụm {:04}", u / cluster), "kind": "cluster"}))
        .collect();
    let mut input: ScoreInput =
        serde_json::from_value(json!({"scheme": scheme(), "roster": roster,
        "stages": [{"stage": "board_appraisal"}]}))
        .unwrap();
    input.stages[0].evaluation = Some(evaluation());
    input
}

fn bench(c: &mut Criterion) {
    let clustered = input(CLUSTER);
    if std::env::var("THIDUA_BENCH_PHASES").is_ok() {
        for _ in 0..2 {
            let t = std::time::Instant::now();
            let r = score(&clustered).unwrap();
            eprintln!("score: {:?} ({} units)", t.elapsed(), r.units.len());
            let t = std::time::Instant::now();
            drop(r);
            eprintln!("drop: {:?}", t.elapsed());
        }
    }
    let mut g = c.benchmark_group("scoring");
    g.sample_size(10);
    g.throughput(Throughput::Elements((UNITS * CRITERIA) as u64));
    g.bench_function("score/100k units x 30 criteria", |b| {
        b.iter(|| {
            let r = score(black_box(&clustered)).unwrap();
            black_box(r.units.len())
        })
    });
    drop(clustered);
    let one = input(UNITS);
    g.bench_function("score/one group of 100k units x 30 criteria", |b| {
        b.iter(|| {
            let r = score(black_box(&one)).unwrap();
            assert_eq!(r.groups.len(), 1);
            black_box(r.units.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
