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
//! `compiled/…` is the columnar path on the same scheme, statuses and % of plan: a directive
//! of 19 rate targets (≥ 50 %; 10⁵ units × 19 = 1.9 M rows, within the 2 M cells of one
//! evaluation), results at half the % of plan (so the engine computes the same
//! % of plan) as typed columns, [`CompiledDirective::evaluate`] and [`CompiledScheme::score`]
//! (criterion points, totals, bands, ranks; no text, no awards) — evaluate + score + rank per
//! row, the score step alone, and one group of 10⁵ units.
//!
//! Run: `cargo bench -p thidua-core --bench scoring -- --measurement-time 5`. Numbers:
//! `docs/benchmarks.md`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;
use std::hint::black_box;
use thidua_core::engine::{ColumnResults, CompiledDirective, Dictionary, Numbers};
use thidua_core::scoring::{score, CompiledScheme, RosterEntry, Scheme, ScoreInput};
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
    scheme_of(CRITERIA)
}

/// The scheme over `n` criteria (sections of 10): scale 30 n + 50 of bonus.
fn scheme_of(n: usize) -> serde_json::Value {
    let rule = |i: usize| match i % 4 {
        0 => json!({"kind": "proportional", "full_at": "100"}),
        1 => {
            json!({"kind": "steps", "steps": [{"at_least": "85", "points": "10"}, {"at_least": "95", "points": "20"}, {"at_least": "100", "points": "30"}]})
        }
        2 => json!({"kind": "linear", "on": "ratio", "from": "80", "to": "105"}),
        _ => json!({"kind": "all_or_nothing"}),
    };
    let sections: Vec<serde_json::Value> = (0..n.div_ceil(10))
        .map(|s| {
            let criteria: Vec<serde_json::Value> = (0..10.min(n - s * 10))
                .map(|k| {
                    let i = s * 10 + k;
                    json!({"id": format!("C{}", i + 1), "name": format!("Tiêu chí {}", i + 1), "max": "30",
                        "targets": [format!("{}", i + 1)], "rule": rule(i)})
                })
                .collect();
            json!({"id": format!("S{s}"), "name": format!("Phần {s}"), "criteria": criteria})
        })
        .collect();
    let scale = 30 * n + 50;
    let bar = |permille: usize| format!("{}", 30 * n * permille / 1000);
    json!({"name": "bench", "scale": scale.to_string(), "rounding": {"digits": 3, "mode": "half_away_from_zero"},
        "missing_result": "zero", "sections": sections,
        "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "3"}, "max_total": "50"},
        "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "S0"}],
        "classification": {"basis": "total", "bands": [
            {"id": "xs", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "outstanding", "min_total": bar(889), "min_criterion_percent": "50"},
            {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "good", "min_total": bar(778), "min_criterion_percent": "30"},
            {"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed", "min_total": bar(667)},
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

/// Criteria (and targets) of the compiled path: 100,000 units × 19 targets = 1.9 M rows, the
/// most one evaluation takes (`limits::MAX_CELLS`, 2 M) with 10⁵ units.
const COMPILED_CRITERIA: usize = 19;

/// The directive of the compiled path: 19 rate targets "từ 50% trở lên".
fn directive() -> thidua_core::Directive {
    let items: Vec<serde_json::Value> = (0..COMPILED_CRITERIA)
        .map(|t| {
            json!({"number": t + 1, "text": format!("Chỉ tiêu {}", t + 1), "targets": [{"id": format!("{}", t + 1),
                "name": format!("Chỉ tiêu {}", t + 1), "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}}]})
        })
        .collect();
    thidua_core::Directive::from_json(
        &json!({"kind": "directive", "issuer": {"name": "UBND tỉnh X"}, "coverage": {"year": 2024},
            "title": "bench", "items": items})
        .to_string(),
    )
    .expect("the bench directive reads")
}

/// The columns of the compiled path: every unit × target, the value half its % of plan.
struct Columns {
    units: Vec<String>,
    unit_index: Vec<u32>,
    targets: Vec<String>,
    target_index: Vec<u32>,
    period_index: Vec<u32>,
    values: Vec<Option<Decimal>>,
}

fn columns() -> Columns {
    let n = UNITS * COMPILED_CRITERIA;
    let mut c = Columns {
        units: (0..UNITS).map(|u| format!("Đơn vị {u:06}")).collect(),
        unit_index: Vec::with_capacity(n),
        targets: (0..COMPILED_CRITERIA)
            .map(|t| format!("{}", t + 1))
            .collect(),
        target_index: Vec::with_capacity(n),
        period_index: vec![0; n],
        values: Vec::with_capacity(n),
    };
    for u in 0..UNITS {
        for t in 0..COMPILED_CRITERIA {
            c.unit_index.push(u as u32);
            c.target_index.push(t as u32);
            c.values.push(Some(ratio(u, t) / Decimal::TWO));
        }
    }
    c
}

fn roster(cluster: usize) -> Vec<RosterEntry> {
    let r: Vec<serde_json::Value> = (0..UNITS)
        .map(|u| json!({"unit": format!("Đơn vị {u:06}"), "group": format!("Cụm {:04}", u / cluster), "kind": "cluster"}))
        .collect();
    serde_json::from_value(json!(r)).unwrap()
}

/// The compiled path: evaluate + score + rank, the score step alone, one group of 10⁵ units.
fn bench_compiled(c: &mut Criterion) {
    let d = directive();
    let compiled = CompiledDirective::new(&d, &thidua_core::EvaluationOptions::default()).unwrap();
    let scheme = Scheme::from_json(&scheme_of(COMPILED_CRITERIA).to_string()).unwrap();
    let cs = CompiledScheme::new(&scheme, &compiled).unwrap();
    let cols = columns();
    let period = ["2024"];
    let src = || {
        ColumnResults::new(
            Dictionary::new(&cols.units, &cols.unit_index).unwrap(),
            Dictionary::new(&cols.targets, &cols.target_index).unwrap(),
            Dictionary::new(&period, &cols.period_index).unwrap(),
        )
        .unwrap()
        .with_values(Numbers::Decimal(&cols.values))
        .unwrap()
    };
    let clustered = roster(CLUSTER);
    let one = roster(UNITS);
    let batch = compiled.evaluate(&src()).unwrap();
    let s = cs.score(&batch, &clustered).unwrap();
    assert_eq!(s.row_wise_units(), 0, "every unit through the kernels");
    let mut g = c.benchmark_group("scoring");
    g.sample_size(10);
    g.throughput(Throughput::Elements((UNITS * CRITERIA) as u64));
    g.bench_function(
        "compiled/evaluate + score + rank, 100k units x 30 criteria",
        |b| {
            b.iter(|| {
                let batch = compiled.evaluate(black_box(&src())).unwrap();
                black_box(cs.score(&batch, &clustered).unwrap().len())
            })
        },
    );
    g.bench_function("compiled/score + rank, 100k units x 19 criteria", |b| {
        b.iter(|| black_box(cs.score(black_box(&batch), &clustered).unwrap().len()))
    });
    g.bench_function(
        "compiled/score + rank, one group of 100k units x 19 criteria",
        |b| {
            b.iter(|| {
                let s = cs.score(black_box(&batch), &one).unwrap();
                assert_eq!(s.rank(0).map(|r| r >= 1), Some(true));
                black_box(s.len())
            })
        },
    );
    g.finish();
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

criterion_group!(benches, bench_compiled, bench);
criterion_main!(benches);
