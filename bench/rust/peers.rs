//! The Rust runner of the `bench/` harness: thidua-core beside what a Rust user would write
//! instead — naive `f64` and `rust_decimal` — on the SAME rows and the SAME rule, measured in
//! one process in alternating rounds (A B A B…), so that the ratios hold on a noisy machine.
//! (Peers adapted from the project's bench-peers material; see `bench/README.md`.)
//!
//! `cargo run --release -p thidua-core --features arrow --example bench_peers -- MODE …`:
//!
//!   write N OUTDIR      the fixture (`bench/fixtures/MANIFEST.md`): Kon Tum 2024, 19 targets,
//!                       values jittered around each target (thidua-core/benches/common/fixture.rs)
//!                       -> OUTDIR/results_N.csv, OUTDIR/results_N.json, OUTDIR/rules.csv
//!   bench CSV ROUNDS    in-process rounds of: the engine on an Arrow RecordBatch (decimal128
//!                       columns), the engine on a ResultSet, `assess` per row, the f64 peer and
//!                       the rust_decimal peer; full `evaluate` every few rounds. One JSON line.
//!   score CSV ROUNDS GROUP  `scoring::score` + ranking + bands vs f64 / rust_decimal peers
//!   pipeline CSV ROUNDS GROUP  evaluate + score + rank per row: the engine and
//!                       `CompiledScheme::score` vs the f64 / rust_decimal evaluate + score
//!   profile PATH CSV N  one path N times for callgrind: engine, engine-output,
//!                       engine-resultset, engine-score (evaluate + score + rank)
//!   e2e WHICH CSV       whole process (for /usr/bin/time -v): thidua | thidua-engine | f64 | dec
//!
//! The common rule (every one of the 19 targets is expressible in it, year periods only):
//!   achieved = value                       (rate, growth rate, per capita, count, amount,
//!                                           threshold share)
//!            = baseline - value            (reduction in percentage points, rank improvement)
//!   met      = achieved >= lo  (or > lo for "above")
//!   status   = not_met if !met; exceeded if achieved > hi; else met   (hi = lo except the
//!              3-4 point range of target 8)
//!   ratio    = round_half_away_from_zero(achieved / lo * 100, 2)
//!   gap      = achieved - lo

// The peers are written as a user would write them, not to the project's lint bar.
#![allow(
    clippy::needless_range_loop,
    clippy::too_many_lines,
    clippy::type_complexity
)]

use std::cmp::Ordering;
use std::hint::black_box;
use std::io::Write;
use std::str::FromStr;
use std::time::Instant;

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;
use thidua_core::{
    assess, evaluate, AssessContext, Comparator, Directive, EvaluationOptions, Observation, Period,
    ResultEntry, ResultSet, Status, TargetSpec,
};

#[path = "../../thidua-core/benches/common/fixture.rs"]
mod fixture;

const DIRECTIVE: &str = include_str!("../../docs/examples/002_kon-tum-2024.json");

use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
use std::sync::Arc;
use thidua_core::engine::arrow::{ArrowOutput, ArrowResults};
use thidua_core::engine::CompiledDirective;

/// The rows as an Arrow batch: text columns and exact decimal128 numbers.
fn record_batch(rs: &ResultSet) -> RecordBatch {
    let dec = |v: Vec<Option<Decimal>>| -> ArrayRef {
        let s = v.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
        let a: Decimal128Array = v
            .iter()
            .map(|d| d.map(|d| d.mantissa() * 10i128.pow(s - d.scale())))
            .collect();
        Arc::new(a.with_precision_and_scale(38, s as i8).unwrap())
    };
    let e = &rs.entries;
    RecordBatch::try_from_iter([
        (
            "unit",
            Arc::new(StringArray::from_iter_values(
                e.iter().map(|r| r.unit.as_str()),
            )) as ArrayRef,
        ),
        (
            "target",
            Arc::new(StringArray::from_iter_values(
                e.iter().map(|r| r.target.as_str()),
            )) as ArrayRef,
        ),
        (
            "period",
            Arc::new(StringArray::from_iter_values(
                e.iter().map(|r| r.period.to_string()),
            )) as ArrayRef,
        ),
        ("value", dec(e.iter().map(|r| r.value).collect())),
        ("baseline", dec(e.iter().map(|r| r.baseline).collect())),
    ])
    .unwrap()
}

#[derive(Clone, Copy)]
struct Rule {
    decrease: bool,
    strict: bool,
    lo: Decimal,
    hi: Decimal,
}

fn rule_of(spec: &TargetSpec) -> Rule {
    let hb = |c: &Comparator, v: Decimal| Rule {
        decrease: false,
        strict: *c == Comparator::Above,
        lo: v,
        hi: v,
    };
    match spec {
        TargetSpec::Rate { comparator, value }
        | TargetSpec::GrowthRate { comparator, value }
        | TargetSpec::ThresholdShare {
            comparator, value, ..
        }
        | TargetSpec::Count {
            comparator, value, ..
        } => hb(comparator, *value),
        TargetSpec::PerCapita {
            comparator, value, ..
        }
        | TargetSpec::Amount {
            comparator, value, ..
        } => hb(comparator, value.value),
        TargetSpec::Reduction {
            comparator,
            value,
            value_high,
            ..
        } => Rule {
            decrease: true,
            strict: *comparator == Comparator::Above,
            lo: *value,
            hi: value_high.unwrap_or(*value),
        },
        TargetSpec::RankImprovement { places, .. } => Rule {
            decrease: true,
            strict: false,
            lo: Decimal::from(*places),
            hi: Decimal::from(*places),
        },
        other => panic!("kind {} not in the peer rule", other.kind()),
    }
}

fn directive() -> Directive {
    Directive::from_json(DIRECTIVE).unwrap()
}

fn write(n: usize, dir: &str) {
    let d = directive();
    let rs = fixture::result_set(&d, n);
    let mut csv =
        std::io::BufWriter::new(std::fs::File::create(format!("{dir}/results_{n}.csv")).unwrap());
    writeln!(csv, "unit,target,period,value,baseline").unwrap();
    for e in &rs.entries {
        writeln!(
            csv,
            "{},{},{},{},{}",
            e.unit,
            e.target,
            e.period,
            e.value.map(|v| v.to_string()).unwrap_or_default(),
            e.baseline.map(|v| v.to_string()).unwrap_or_default()
        )
        .unwrap();
    }
    std::fs::write(
        format!("{dir}/results_{n}.json"),
        serde_json::to_string(&rs).unwrap(),
    )
    .unwrap();
    let mut rules = std::fs::File::create(format!("{dir}/rules.csv")).unwrap();
    writeln!(rules, "target,kind,mode,cmp,lo,hi").unwrap();
    for (id, spec) in fixture::specs(&d) {
        let r = rule_of(&spec);
        writeln!(
            rules,
            "{id},{},{},{},{},{}",
            spec.kind(),
            if r.decrease { "decrease" } else { "value" },
            if r.strict { ">" } else { ">=" },
            r.lo,
            r.hi
        )
        .unwrap();
    }
    eprintln!("wrote {} rows", rs.entries.len());
}

struct Rows {
    rs: ResultSet,
    tidx: Vec<usize>,
    obs: Vec<Observation>,
    f: Vec<(usize, f64, f64)>,
    d: Vec<(usize, Decimal, Decimal)>,
    parse_s: f64,
}

fn read(csv: &str, d: &Directive) -> Rows {
    let text = std::fs::read_to_string(csv).unwrap();
    let specs = fixture::specs(d);
    let idx = |t: &str| specs.iter().position(|(id, _)| id == t).unwrap();
    let t0 = Instant::now();
    let mut entries = Vec::new();
    for l in text.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        let dec = |s: &str| (!s.is_empty()).then(|| Decimal::from_str(s).unwrap());
        let mut e = ResultEntry::value(
            c[0].to_string(),
            c[1].to_string(),
            Period::from_str(c[2]).unwrap(),
            dec(c[3]).unwrap(),
        );
        e.baseline = dec(c[4]);
        entries.push(e);
    }
    let parse_s = t0.elapsed().as_secs_f64();
    let rs = ResultSet {
        directive: None,
        description: None,
        entries,
    };
    let tidx: Vec<usize> = rs.entries.iter().map(|e| idx(&e.target)).collect();
    let obs = rs
        .entries
        .iter()
        .map(|e| {
            let mut o = Observation::none();
            o.value = e.value;
            o.baseline = e.baseline;
            o
        })
        .collect();
    // The peers parse the same text themselves (f64 / rust_decimal).
    let mut f = Vec::new();
    let mut dd = Vec::new();
    for l in text.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        let t = idx(c[1]);
        let fv: f64 = c[3].parse().unwrap();
        let fb: f64 = if c[4].is_empty() {
            f64::NAN
        } else {
            c[4].parse().unwrap()
        };
        f.push((t, fv, fb));
        let dv = Decimal::from_str(c[3]).unwrap();
        let db = if c[4].is_empty() {
            Decimal::ZERO
        } else {
            Decimal::from_str(c[4]).unwrap()
        };
        dd.push((t, dv, db));
    }
    Rows {
        rs,
        tidx,
        obs,
        f,
        d: dd,
        parse_s,
    }
}

fn code(s: Status) -> u8 {
    match s {
        Status::Exceeded => 2,
        Status::Met => 1,
        Status::NotMet => 0,
        _ => 9,
    }
}

/// thidua: the text-free fast path, output kept (status, ratio, gap).
fn run_assess(
    specs: &[(String, TargetSpec)],
    rows: &Rows,
    opts: &EvaluationOptions,
    out: &mut Vec<(Status, Option<Decimal>, Option<Decimal>)>,
) {
    out.clear();
    for (o, &t) in rows.obs.iter().zip(&rows.tidx) {
        let (id, spec) = &specs[t];
        let _ = id;
        let a = assess(spec, o, &AssessContext::new(Period::year(2024), opts)).unwrap();
        out.push((a.status, a.ratio, a.gap));
    }
}

struct RuleF {
    decrease: bool,
    strict: bool,
    lo: f64,
    hi: f64,
}

/// Naive f64 peer: what a user writes with floats.
fn run_f64(rules: &[RuleF], rows: &[(usize, f64, f64)], out: &mut Vec<(u8, f64, f64)>) {
    out.clear();
    for &(t, v, b) in rows {
        let r = &rules[t];
        let ach = if r.decrease { b - v } else { v };
        let met = if r.strict { ach > r.lo } else { ach >= r.lo };
        let st = if !met {
            0
        } else if ach > r.hi {
            2
        } else {
            1
        };
        let ratio = (ach / r.lo * 100.0 * 100.0).round() / 100.0;
        out.push((st, ratio, ach - r.lo));
    }
}

/// Naive rust_decimal peer: the same rule with exact decimals.
fn run_dec(
    rules: &[Rule],
    rows: &[(usize, Decimal, Decimal)],
    out: &mut Vec<(u8, Decimal, Decimal)>,
) {
    out.clear();
    for &(t, v, b) in rows {
        let r = &rules[t];
        let ach = if r.decrease { b - v } else { v };
        let ord = ach.cmp(&r.lo);
        let met = if r.strict {
            ord == Ordering::Greater
        } else {
            ord != Ordering::Less
        };
        let st = if !met {
            0
        } else if ach > r.hi {
            2
        } else {
            1
        };
        let ratio = (ach * Decimal::ONE_HUNDRED / r.lo)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        out.push((st, ratio, ach - r.lo));
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn timed(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

fn bench(csv: &str, rounds: usize, eval_every: usize) {
    let d = directive();
    let specs = fixture::specs(&d);
    let rules: Vec<Rule> = specs.iter().map(|(_, s)| rule_of(s)).collect();
    let rules_f: Vec<RuleF> = rules
        .iter()
        .map(|r| RuleF {
            decrease: r.decrease,
            strict: r.strict,
            lo: r.lo.to_f64().unwrap(),
            hi: r.hi.to_f64().unwrap(),
        })
        .collect();
    let rows = read(csv, &d);
    let n = rows.obs.len();
    let opts = EvaluationOptions::default();
    let mut oa = Vec::with_capacity(n);
    let mut of = Vec::with_capacity(n);
    let mut od = Vec::with_capacity(n);
    // warm-up
    run_assess(&specs, &rows, &opts, &mut oa);
    run_f64(&rules_f, &rows.f, &mut of);
    run_dec(&rules, &rows.d, &mut od);
    // correctness: peers vs thidua
    let (mut st_f, mut ra_f, mut st_d, mut ra_d, mut gap_d) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for i in 0..n {
        let (s, r, g) = oa[i];
        let r = r.unwrap();
        if code(s) != of[i].0 {
            st_f += 1
        }
        if (r.to_f64().unwrap() - of[i].1).abs() > 1e-9 {
            ra_f += 1
        }
        if code(s) != od[i].0 {
            st_d += 1
        }
        if r != od[i].1 {
            ra_d += 1
        }
        if g.unwrap() != od[i].2 {
            gap_d += 1
        }
    }
    let compiled = CompiledDirective::new(&d, &opts).unwrap();
    let batch = record_batch(&rows.rs);
    // correctness: the engine gives the row-wise statuses and % of plan on every row
    {
        let b = compiled
            .evaluate(&ArrowResults::new(&batch).unwrap())
            .unwrap();
        assert_eq!(b.rows(), n);
        assert_eq!(b.row_wise_rows(), 0, "every bench row is on the fast path");
        for i in 0..n {
            assert_eq!(
                (b.status()[i], b.ratio().get(i)),
                (oa[i].0, oa[i].1),
                "row {i}"
            );
        }
    }
    let (mut ta, mut tf, mut td, mut te, mut tea, mut ter) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut r_af, mut r_ad, mut r_ef, mut r_ed) = (vec![], vec![], vec![], vec![]);
    let (mut r_eaf, mut r_ead, mut r_erf) = (vec![], vec![], vec![]);
    let mut units = 0;
    for round in 0..rounds {
        // rotate the order inside a round so that no path always runs first
        let mut t = [0f64; 5];
        for k in 0..5 {
            match (k + round) % 5 {
                0 => t[0] = timed(|| run_assess(&specs, &rows, &opts, &mut oa)),
                1 => t[1] = timed(|| run_f64(&rules_f, &rows.f, &mut of)),
                2 => t[2] = timed(|| run_dec(&rules, &rows.d, &mut od)),
                3 => {
                    t[3] = timed(|| {
                        let src = ArrowResults::new(&batch).unwrap();
                        black_box(compiled.evaluate(&src).unwrap().rows());
                    })
                }
                _ => {
                    t[4] = timed(|| {
                        black_box(compiled.evaluate(&rows.rs).unwrap().rows());
                    })
                }
            }
        }
        black_box((&oa, &of, &od));
        ta.push(t[0]);
        tf.push(t[1]);
        td.push(t[2]);
        tea.push(t[3]);
        ter.push(t[4]);
        r_af.push(t[0] / t[1]);
        r_ad.push(t[0] / t[2]);
        r_eaf.push(t[3] / t[1]);
        r_ead.push(t[3] / t[2]);
        r_erf.push(t[4] / t[1]);
        if round % eval_every == 0 {
            let tt = Instant::now();
            let e = evaluate(&d, &rows.rs, &opts).unwrap();
            let s = tt.elapsed().as_secs_f64();
            units = e.units.len();
            drop(e);
            te.push(s);
            r_ef.push(s / t[1]);
            r_ed.push(s / t[2]);
        }
    }
    let ns = |v: &mut Vec<f64>| median(v) / n as f64 * 1e9;
    let best = |v: &Vec<f64>| v.iter().cloned().fold(f64::INFINITY, f64::min) / n as f64 * 1e9;
    println!(
        "{{\"rows\": {n}, \"units\": {units}, \"rounds\": {rounds}, \"evaluate_runs\": {}, \
\"parse_csv_to_resultset_ns\": {:.1}, \
\"assess_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \
\"f64_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \
\"rust_decimal_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \
\"evaluate_ns\": {{\"median\": {:.1}, \"best\": {:.1}}}, \
\"engine_arrow_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \"engine_resultset_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \
\"ratio_engine_arrow_over_f64_median\": {:.2}, \"ratio_engine_arrow_over_decimal_median\": {:.2}, \"ratio_engine_resultset_over_f64_median\": {:.2}, \
\"ratio_assess_over_f64_median\": {:.2}, \"ratio_assess_over_decimal_median\": {:.2}, \
\"ratio_evaluate_over_f64_median\": {:.1}, \"ratio_evaluate_over_decimal_median\": {:.1}, \
\"mismatch_vs_thidua\": {{\"f64_status\": {st_f}, \"f64_ratio\": {ra_f}, \"dec_status\": {st_d}, \"dec_ratio\": {ra_d}, \"dec_gap\": {gap_d}}}}}",
        te.len(),
        rows.parse_s / n as f64 * 1e9,
        ns(&mut ta.clone()), best(&ta),
        ns(&mut tf.clone()), best(&tf),
        ns(&mut td.clone()), best(&td),
        ns(&mut te.clone()), best(&te),
        ns(&mut tea.clone()), best(&tea),
        ns(&mut ter.clone()), best(&ter),
        median(&mut r_eaf), median(&mut r_ead), median(&mut r_erf),
        median(&mut r_af), median(&mut r_ad), median(&mut r_ef), median(&mut r_ed),
    );
}

/// Scoring + ranking: the gen.py rule on thidua's own % of plan. Each of the 19 targets is a
/// criterion, max 2.4, `proportional` with full_at 120: points = 2.4 × min(ratio,120) ÷ 120 =
/// clamp(ratio/100, 0, 1.2) × weight 2, rounded 2 dp half away from zero; total = sum;
/// standard competition ranking inside groups of GROUP_SIZE consecutive units (clusters); bands at 41 / 39.5 / 38 points.
/// thidua: `scoring::score` on the Evaluation; peers: the same arithmetic on the ratios column.
fn score_bench(csv: &str, rounds: usize, group: usize) {
    use serde_json::json;
    use thidua_core::scoring::{score, ScoreInput};
    let d = directive();
    let rows = read(csv, &d);
    let opts = EvaluationOptions::default();
    let ev = evaluate(&d, &rows.rs, &opts).unwrap();
    let specs = fixture::specs(&d);
    let k = specs.len();
    let crit: Vec<serde_json::Value> = specs
        .iter()
        .map(|(id, _)| {
            json!({"id": format!("C{id}"), "name": format!("Chỉ tiêu {id}"), "max": "2.4",
            "targets": [id], "rule": {"kind": "proportional", "full_at": "120"}})
        })
        .collect();
    let scheme = json!({"name": "b3", "scale": "45.6", "rounding": {"digits": 2, "mode": "half_away_from_zero"},
        "missing_result": "zero", "sections": [{"id": "A", "name": "Chỉ tiêu", "criteria": crit}],
        "classification": {"basis": "total", "bands": [
            {"id": "xs", "label_vi": "Xuất sắc", "label_en": "excellent", "min_total": "41"},
            {"id": "tot", "label_vi": "Tốt", "label_en": "good", "min_total": "39.5"},
            {"id": "ht", "label_vi": "Hoàn thành", "label_en": "pass", "min_total": "38"},
            {"id": "kht", "label_vi": "Không hoàn thành", "label_en": "fail"}]}});
    let roster: Vec<serde_json::Value> = ev
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| json!({"unit": u.unit, "group": format!("Cụm {:05}", i / group), "kind": "cluster"}))
        .collect();
    let mut input: ScoreInput = serde_json::from_value(
        json!({"scheme": scheme, "roster": roster, "stages": [{"stage": "board_appraisal"}]}),
    )
    .unwrap();
    let n_units = ev.units.len();
    let ratios_d: Vec<Decimal> = ev
        .units
        .iter()
        .flat_map(|u| u.targets.iter().map(|t| t.ratio.unwrap()))
        .collect();
    let ratios_f: Vec<f64> = ratios_d.iter().map(|r| r.to_f64().unwrap()).collect();
    input.stages[0].evaluation = Some(ev);
    let band_f = |x: f64| {
        if x >= 41.0 {
            0u8
        } else if x >= 39.5 {
            1
        } else if x >= 38.0 {
            2
        } else {
            3
        }
    };
    let peer_f = |out: &mut Vec<(f64, u32, u8)>| {
        let mut tot = vec![0f64; n_units];
        for (i, &r) in ratios_f.iter().enumerate() {
            let p = r.clamp(0.0, 120.0) / 50.0;
            tot[i / k] += (p * 100.0).round() / 100.0;
        }
        out.clear();
        out.resize(n_units, (0.0, 0, 0));
        let mut idx: Vec<usize> = Vec::with_capacity(group);
        for g0 in (0..n_units).step_by(group) {
            idx.clear();
            idx.extend(g0..(g0 + group).min(n_units));
            idx.sort_by(|&a, &b| tot[b].partial_cmp(&tot[a]).unwrap().then(a.cmp(&b)));
            let mut rank = 0u32;
            for (pos, &u) in idx.iter().enumerate() {
                if pos == 0 || tot[u] != tot[idx[pos - 1]] {
                    rank = pos as u32 + 1
                }
                out[u] = (tot[u], rank, band_f(tot[u]));
            }
        }
    };
    let (b42, b40, b38, c120, c50) = (
        Decimal::from(41),
        Decimal::new(395, 1),
        Decimal::from(38),
        Decimal::from(120),
        Decimal::from(50),
    );
    let peer_d = |out: &mut Vec<(Decimal, u32, u8)>| {
        let mut tot = vec![Decimal::ZERO; n_units];
        for (i, &r) in ratios_d.iter().enumerate() {
            let p = r.clamp(Decimal::ZERO, c120) / c50;
            tot[i / k] += p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        }
        out.clear();
        out.resize(n_units, (Decimal::ZERO, 0, 0));
        let mut idx: Vec<usize> = Vec::with_capacity(group);
        for g0 in (0..n_units).step_by(group) {
            idx.clear();
            idx.extend(g0..(g0 + group).min(n_units));
            idx.sort_by(|&a, &b| tot[b].cmp(&tot[a]).then(a.cmp(&b)));
            let mut rank = 0u32;
            for (pos, &u) in idx.iter().enumerate() {
                if pos == 0 || tot[u] != tot[idx[pos - 1]] {
                    rank = pos as u32 + 1
                }
                let t = tot[u];
                out[u] = (
                    t,
                    rank,
                    if t >= b42 {
                        0
                    } else if t >= b40 {
                        1
                    } else if t >= b38 {
                        2
                    } else {
                        3
                    },
                );
            }
        }
    };
    let mut of = Vec::new();
    let mut od = Vec::new();
    peer_f(&mut of);
    peer_d(&mut od);
    let rep = score(&input).unwrap();
    let bands = ["xs", "tot", "ht", "kht"];
    let (mut mt, mut mr, mut mb, mut ft, mut fr) = (0, 0, 0, 0, 0);
    let mut hist = [0usize; 4];
    let unit_no = |name: &str| -> usize { name.trim_start_matches("Đơn vị ").parse().unwrap() };
    for u in rep.units.iter() {
        let i = unit_no(&u.unit); // report order is not input order
        let total = u.final_card().unwrap().total;
        let band = u.band.as_ref().unwrap().band.as_str();
        if total != od[i].0 {
            mt += 1
        }
        if u.rank != Some(od[i].1) {
            mr += 1
        }
        if band != bands[od[i].2 as usize] {
            mb += 1
        }
        if (total.to_f64().unwrap() - of[i].0).abs() > 1e-9 {
            ft += 1
        }
        if u.rank != Some(of[i].1) {
            fr += 1
        }
        hist[od[i].2 as usize] += 1;
    }
    drop(rep);
    let (mut ts, mut tf, mut td, mut rf, mut rd) = (vec![], vec![], vec![], vec![], vec![]);
    for round in 0..rounds {
        let mut t = [0f64; 3];
        for j in 0..3 {
            match (j + round) % 3 {
                0 => {
                    t[0] = timed(|| {
                        let r = score(&input).unwrap();
                        black_box(r.units.len());
                        drop(r);
                    })
                }
                1 => t[1] = timed(|| peer_f(&mut of)),
                _ => t[2] = timed(|| peer_d(&mut od)),
            }
        }
        ts.push(t[0]);
        tf.push(t[1]);
        td.push(t[2]);
        rf.push(t[0] / t[1]);
        rd.push(t[0] / t[2]);
    }
    let n = ratios_f.len() as f64;
    println!(
        "{{\"criterion_scores\": {}, \"units\": {n_units}, \"group_size\": {group}, \"rounds\": {rounds}, \"band_hist_xs_tot_ht_kht\": {:?}, \
\"thidua_score_ns_per_criterion\": {{\"median\": {:.1}, \"best\": {:.1}}}, \"thidua_score_s_median\": {:.3}, \
\"f64_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \"rust_decimal_ns\": {{\"median\": {:.2}, \"best\": {:.2}}}, \
\"ratio_over_f64_median\": {:.1}, \"ratio_over_decimal_median\": {:.1}, \
\"mismatch_vs_thidua\": {{\"dec_total\": {mt}, \"dec_rank\": {mr}, \"dec_band\": {mb}, \"f64_total\": {ft}, \"f64_rank\": {fr}}}}}",
        n as usize, hist,
        median(&mut ts.clone()) / n * 1e9, ts.iter().cloned().fold(f64::INFINITY, f64::min) / n * 1e9,
        median(&mut ts.clone()),
        median(&mut tf.clone()) / n * 1e9, tf.iter().cloned().fold(f64::INFINITY, f64::min) / n * 1e9,
        median(&mut td.clone()) / n * 1e9, td.iter().cloned().fold(f64::INFINITY, f64::min) / n * 1e9,
        median(&mut rf), median(&mut rd),
    );
}

/// The scheme of `score`: each target a criterion, max 2.4, proportional with full_at 120,
/// 2 digits half away from zero, bands at 41 / 39.5 / 38 points.
fn score_scheme(specs: &[(String, TargetSpec)]) -> serde_json::Value {
    use serde_json::json;
    let crit: Vec<serde_json::Value> = specs
        .iter()
        .map(|(id, _)| {
            json!({"id": format!("C{id}"), "name": format!("Chỉ tiêu {id}"), "max": "2.4",
            "targets": [id], "rule": {"kind": "proportional", "full_at": "120"}})
        })
        .collect();
    json!({"name": "b3", "scale": "45.6", "rounding": {"digits": 2, "mode": "half_away_from_zero"},
        "missing_result": "zero", "sections": [{"id": "A", "name": "Chỉ tiêu", "criteria": crit}],
        "classification": {"basis": "total", "bands": [
            {"id": "xs", "label_vi": "Xuất sắc", "label_en": "excellent", "min_total": "41"},
            {"id": "tot", "label_vi": "Tốt", "label_en": "good", "min_total": "39.5"},
            {"id": "ht", "label_vi": "Hoàn thành", "label_en": "pass", "min_total": "38"},
            {"id": "kht", "label_vi": "Không hoàn thành", "label_en": "fail"}]}})
}

/// evaluate + score + rank per row. thidua: the engine on an Arrow batch (`ArrowResults::new`
/// included) then `CompiledScheme::score` (criterion points, totals, bands, ranks inside
/// groups of GROUP consecutive units); also the score step alone. Peers: the f64 and
/// rust_decimal evaluate of `bench` followed by the scoring arithmetic of `score` on their own
/// % of plan. Alternating rounds; one JSON line. The compiled scores are checked against
/// `scoring::score` (the row-wise path) on the same evaluation once, before timing.
fn pipeline(csv: &str, rounds: usize, group: usize) {
    use thidua_core::scoring::{score, CompiledScheme, RosterEntry, Scheme, ScoreInput};
    let d = directive();
    let specs = fixture::specs(&d);
    let k = specs.len();
    let rules: Vec<Rule> = specs.iter().map(|(_, s)| rule_of(s)).collect();
    let rules_f: Vec<RuleF> = rules
        .iter()
        .map(|r| RuleF {
            decrease: r.decrease,
            strict: r.strict,
            lo: r.lo.to_f64().unwrap(),
            hi: r.hi.to_f64().unwrap(),
        })
        .collect();
    let rows = read(csv, &d);
    let n = rows.f.len();
    let opts = EvaluationOptions::default();
    let compiled = CompiledDirective::new(&d, &opts).unwrap();
    let rb = record_batch(&rows.rs);
    let scheme = Scheme::from_json(&score_scheme(&specs).to_string()).unwrap();
    let cs = CompiledScheme::new(&scheme, &compiled).unwrap();
    let batch = compiled.evaluate(&ArrowResults::new(&rb).unwrap()).unwrap();
    let n_units = batch.groups();
    let roster: Vec<RosterEntry> = serde_json::from_value(serde_json::Value::Array(
        (0..n_units)
            .map(|g| serde_json::json!({"unit": batch.group(g).0, "group": format!("Cụm {:05}", g / group), "kind": "cluster"}))
            .collect(),
    ))
    .unwrap();
    let scores = cs.score(&batch, &roster).unwrap();
    // The row-wise answer on the same evaluation: totals (value and scale), bands, ranks, ties.
    let input: ScoreInput =
        serde_json::from_value(serde_json::json!({"scheme": scheme, "roster": roster,
        "stages": [{"stage": "board_appraisal", "evaluation": batch.to_evaluation()}]}))
        .unwrap();
    let rep = score(&input).unwrap();
    let mut differ = 0usize;
    for (u, r) in roster.iter().enumerate() {
        let x = rep.unit(&r.unit).unwrap();
        let t = x.final_card().unwrap().total;
        let same = scores.total(u) == Some(t)
            && scores.total(u).map(|v| v.scale()) == Some(t.scale())
            && scores.rank(u) == x.rank
            && scores.tied(u) == x.tied
            && scores.band(u) == x.band.as_ref().map(|b| b.band.as_str());
        differ += usize::from(!same);
    }
    drop(rep);
    drop(input);
    let band_f = |x: f64| {
        if x >= 41.0 {
            0u8
        } else if x >= 39.5 {
            1
        } else if x >= 38.0 {
            2
        } else {
            3
        }
    };
    let mut of = Vec::with_capacity(n);
    let mut od = Vec::with_capacity(n);
    let mut sf: Vec<(f64, u32, u8)> = Vec::new();
    let mut sd: Vec<(Decimal, u32, u8)> = Vec::new();
    let (c120, c50) = (Decimal::from(120), Decimal::from(50));
    let (b41, b395, b38) = (Decimal::from(41), Decimal::new(395, 1), Decimal::from(38));
    let peer_f = |of: &mut Vec<(u8, f64, f64)>, out: &mut Vec<(f64, u32, u8)>| {
        run_f64(&rules_f, &rows.f, of);
        let mut tot = vec![0f64; n_units];
        for (i, x) in of.iter().enumerate() {
            let p = x.1.clamp(0.0, 120.0) / 50.0;
            tot[i / k] += (p * 100.0).round() / 100.0;
        }
        out.clear();
        out.resize(n_units, (0.0, 0, 0));
        let mut idx: Vec<usize> = Vec::with_capacity(group);
        for g0 in (0..n_units).step_by(group) {
            idx.clear();
            idx.extend(g0..(g0 + group).min(n_units));
            idx.sort_by(|&a, &b| tot[b].partial_cmp(&tot[a]).unwrap().then(a.cmp(&b)));
            let mut rank = 0u32;
            for (pos, &u) in idx.iter().enumerate() {
                if pos == 0 || tot[u] != tot[idx[pos - 1]] {
                    rank = pos as u32 + 1
                }
                out[u] = (tot[u], rank, band_f(tot[u]));
            }
        }
    };
    let peer_d = |od: &mut Vec<(u8, Decimal, Decimal)>, out: &mut Vec<(Decimal, u32, u8)>| {
        run_dec(&rules, &rows.d, od);
        let mut tot = vec![Decimal::ZERO; n_units];
        for (i, x) in od.iter().enumerate() {
            let p = x.1.clamp(Decimal::ZERO, c120) / c50;
            tot[i / k] += p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        }
        out.clear();
        out.resize(n_units, (Decimal::ZERO, 0, 0));
        let mut idx: Vec<usize> = Vec::with_capacity(group);
        for g0 in (0..n_units).step_by(group) {
            idx.clear();
            idx.extend(g0..(g0 + group).min(n_units));
            idx.sort_by(|&a, &b| tot[b].cmp(&tot[a]).then(a.cmp(&b)));
            let mut rank = 0u32;
            for (pos, &u) in idx.iter().enumerate() {
                if pos == 0 || tot[u] != tot[idx[pos - 1]] {
                    rank = pos as u32 + 1
                }
                let t = tot[u];
                let b = if t >= b41 {
                    0
                } else if t >= b395 {
                    1
                } else if t >= b38 {
                    2
                } else {
                    3
                };
                out[u] = (t, rank, b);
            }
        }
    };
    peer_f(&mut of, &mut sf);
    peer_d(&mut od, &mut sd);
    let (mut rank_f, mut rank_d) = (0usize, 0usize);
    for u in 0..n_units {
        rank_f += usize::from(scores.rank(u) != Some(sf[u].1));
        rank_d += usize::from(scores.rank(u) != Some(sd[u].1) || scores.total(u) != Some(sd[u].0));
    }
    let (mut tp, mut ts, mut tf, mut td, mut rf, mut rd) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for round in 0..rounds {
        let mut t = [0f64; 4];
        for j in 0..4 {
            match (j + round) % 4 {
                0 => {
                    t[0] = timed(|| {
                        let src = ArrowResults::new(&rb).unwrap();
                        let b = compiled.evaluate(&src).unwrap();
                        black_box(cs.score(&b, &roster).unwrap().len());
                    })
                }
                1 => {
                    t[1] = timed(|| {
                        black_box(cs.score(&batch, &roster).unwrap().len());
                    })
                }
                2 => t[2] = timed(|| peer_f(&mut of, &mut sf)),
                _ => t[3] = timed(|| peer_d(&mut od, &mut sd)),
            }
        }
        tp.push(t[0]);
        ts.push(t[1]);
        tf.push(t[2]);
        td.push(t[3]);
        rf.push(t[0] / t[2]);
        rd.push(t[0] / t[3]);
    }
    let ns = |v: &mut Vec<f64>| median(v) / n as f64 * 1e9;
    println!(
        "{{\"rows\": {n}, \"units\": {n_units}, \"group_size\": {group}, \"rounds\": {rounds}, \"row_wise_units\": {}, \"differ_from_scoring_score\": {differ}, \
\"pipeline_ns_per_row\": {:.1}, \"score_only_ns_per_row\": {:.1}, \"f64_pipeline_ns_per_row\": {:.1}, \"rust_decimal_pipeline_ns_per_row\": {:.1}, \
\"ratio_over_f64_median\": {:.2}, \"ratio_over_decimal_median\": {:.2}, \"rank_mismatch_f64\": {rank_f}, \"total_or_rank_mismatch_decimal\": {rank_d}}}",
        scores.row_wise_units(),
        ns(&mut tp), ns(&mut ts), ns(&mut tf), ns(&mut td), median(&mut rf), median(&mut rd),
    );
}

/// Whole process for whole-process timing: read the CSV, evaluate, print a checksum.
fn e2e(which: &str, csv: &str) {
    let d = directive();
    let specs = fixture::specs(&d);
    let rules: Vec<Rule> = specs.iter().map(|(_, s)| rule_of(s)).collect();
    let text = std::fs::read_to_string(csv).unwrap();
    let idx = |t: &str| specs.iter().position(|(id, _)| id == t).unwrap();
    let opts = EvaluationOptions::default();
    match which {
        "thidua-engine" => {
            let rs = ResultSet::from_json(
                &std::fs::read_to_string(csv.replace(".csv", ".json")).unwrap(),
            )
            .unwrap();
            let c = CompiledDirective::new(&d, &opts).unwrap();
            let b = c.evaluate(&rs).unwrap();
            let met = b.status().iter().filter(|s| s.is_met_or_exceeded()).count();
            println!("rows {} met {met}", b.rows());
        }
        "thidua" | "thidua-assess" => {
            let mut entries = Vec::new();
            for l in text.lines().skip(1) {
                let c: Vec<&str> = l.split(',').collect();
                let mut e = ResultEntry::value(
                    c[0].to_string(),
                    c[1].to_string(),
                    Period::from_str(c[2]).unwrap(),
                    Decimal::from_str(c[3]).unwrap(),
                );
                e.baseline = (!c[4].is_empty()).then(|| Decimal::from_str(c[4]).unwrap());
                entries.push(e);
            }
            if which == "thidua" {
                let rs = ResultSet {
                    directive: None,
                    description: None,
                    entries,
                };
                let e = evaluate(&d, &rs, &opts).unwrap();
                let met: usize = e
                    .units
                    .iter()
                    .map(|u| u.summary.met_or_exceeded as usize)
                    .sum();
                println!("units {} met_items {met}", e.units.len());
            } else {
                let mut met = 0usize;
                for e in &entries {
                    let t = idx(&e.target);
                    let mut o = Observation::none();
                    o.value = e.value;
                    o.baseline = e.baseline;
                    let a = assess(
                        &specs[t].1,
                        &o,
                        &AssessContext::new(Period::year(2024), &opts),
                    )
                    .unwrap();
                    met += usize::from(a.status.is_met_or_exceeded());
                }
                println!("met {met}");
            }
        }
        "f64" => {
            let mut met = 0usize;
            for l in text.lines().skip(1) {
                let c: Vec<&str> = l.split(',').collect();
                let r = &rules[idx(c[1])];
                let v: f64 = c[3].parse().unwrap();
                let ach = if r.decrease {
                    c[4].parse::<f64>().unwrap() - v
                } else {
                    v
                };
                let (lo, hi) = (r.lo.to_f64().unwrap(), r.hi.to_f64().unwrap());
                let ok = if r.strict { ach > lo } else { ach >= lo };
                let st = if !ok {
                    0u8
                } else if ach > hi {
                    2
                } else {
                    1
                };
                met += usize::from(st > 0);
                black_box((st, (ach / lo * 100.0 * 100.0).round() / 100.0, ach - lo));
            }
            println!("met {met}");
        }
        _ => {
            let mut met = 0usize;
            for l in text.lines().skip(1) {
                let c: Vec<&str> = l.split(',').collect();
                let r = &rules[idx(c[1])];
                let v = Decimal::from_str(c[3]).unwrap();
                let ach = if r.decrease {
                    Decimal::from_str(c[4]).unwrap() - v
                } else {
                    v
                };
                let ok = if r.strict { ach > r.lo } else { ach >= r.lo };
                let st = if !ok {
                    0u8
                } else if ach > r.hi {
                    2
                } else {
                    1
                };
                met += usize::from(st > 0);
                black_box((
                    st,
                    (ach * Decimal::ONE_HUNDRED / r.lo)
                        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
                    ach - r.lo,
                ));
            }
            println!("met {met}");
        }
    }
}

/// For profilers (perf, callgrind): one path, `repeat` times, nothing else timed.
fn profile(which: &str, csv: &str, repeat: usize) {
    let d = directive();
    let rows = read(csv, &d);
    let opts = EvaluationOptions::default();
    let compiled = CompiledDirective::new(&d, &opts).unwrap();
    let batch = record_batch(&rows.rs);
    let json = if which.starts_with("json") {
        serde_json::to_string(&rows.rs).unwrap()
    } else {
        String::new()
    };
    // For `engine-score`: the scheme of `score` and a roster of clusters of 100 units.
    let scoring = (which == "engine-score").then(|| {
        let specs = fixture::specs(&d);
        let scheme =
            thidua_core::scoring::Scheme::from_json(&score_scheme(&specs).to_string()).unwrap();
        let cs = thidua_core::scoring::CompiledScheme::new(&scheme, &compiled).unwrap();
        let b = compiled.evaluate(&rows.rs).unwrap();
        let roster: Vec<thidua_core::scoring::RosterEntry> = (0..b.groups())
            .map(|g| {
                serde_json::from_value(serde_json::json!({"unit": b.group(g).0,
                    "group": format!("Cụm {:05}", g / 100), "kind": "cluster"}))
                .unwrap()
            })
            .collect();
        (cs, roster)
    });
    let t = Instant::now();
    for _ in 0..repeat {
        match which {
            "engine" => {
                let src = ArrowResults::new(&batch).unwrap();
                black_box(compiled.evaluate(&src).unwrap().rows());
            }
            "engine-output" => {
                let src = ArrowResults::new(&batch).unwrap();
                let b = compiled.evaluate(&src).unwrap();
                black_box(
                    b.to_record_batch(&ArrowOutput::default())
                        .unwrap()
                        .num_rows(),
                );
            }
            "engine-resultset" => {
                black_box(compiled.evaluate(&rows.rs).unwrap().rows());
            }
            // JSON text in: read into a ResultSet, or packed into columns, then the engine.
            "json-resultset" => {
                let rs = ResultSet::from_json(&json).unwrap();
                black_box(compiled.evaluate(&rs).unwrap().rows());
            }
            "json-packed" => {
                let p = thidua_core::engine::PackedResults::from_json(&json).unwrap();
                black_box(compiled.evaluate(&p).unwrap().rows());
            }
            "engine-score" => {
                let (cs, roster) = scoring.as_ref().unwrap();
                let src = ArrowResults::new(&batch).unwrap();
                let b = compiled.evaluate(&src).unwrap();
                black_box(cs.score(&b, roster).unwrap().len());
            }
            other => panic!("unknown path {other}"),
        }
    }
    eprintln!(
        "{which}: {:.1} ns/row",
        t.elapsed().as_secs_f64() / (repeat * rows.rs.entries.len()) as f64 * 1e9
    );
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    match a.get(1).map(String::as_str) {
        Some("write") => write(a[2].parse().unwrap(), &a[3]),
        Some("bench") => bench(
            &a[2],
            a.get(3).map(|s| s.parse().unwrap()).unwrap_or(15),
            a.get(4).map(|s| s.parse().unwrap()).unwrap_or(3),
        ),
        Some("e2e") => e2e(&a[2], &a[3]),
        Some("profile") => profile(&a[2], &a[3], a.get(4).map(|x| x.parse().unwrap()).unwrap_or(5)),
        Some("pipeline") => pipeline(
            &a[2],
            a.get(3).map(|s| s.parse().unwrap()).unwrap_or(5),
            a.get(4).map(|s| s.parse().unwrap()).unwrap_or(100),
        ),
        Some("score") => score_bench(
            &a[2],
            a.get(3).map(|s| s.parse().unwrap()).unwrap_or(5),
            a.get(4).map(|s| s.parse().unwrap()).unwrap_or(100),
        ),
        _ => eprintln!("usage: b3_peers write N DIR | bench CSV [ROUNDS] [EVAL_EVERY] | score CSV [ROUNDS] [GROUP_SIZE] | e2e WHICH CSV"),
    }
}
