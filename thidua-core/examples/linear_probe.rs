//! Growth of the work with the input, counted, not timed (#9): `.ci/linear.sh` runs this probe
//! under Valgrind's callgrind for one case at n and at 10 n and checks that the instructions
//! executed grow less than 15× (linear is ≈ 10×, n log n a little more, quadratic ≈ 100×).
//! Instruction counts do not depend on the load of the machine, so the check is deterministic
//! where a timed test would flake; `benches/scaling.rs` is the timing view of the same loops.
//!
//! ```text
//! linear_probe --list        one line per case: name, n, what it runs
//! linear_probe CASE N        builds the case's input of size N, runs it once
//! ```
//!
//! The input is built, and every case is run once on a tiny input (lazy tables, first
//! allocations), outside [`probe::probe_measured_region`]; the script counts only the
//! instructions inside that function (`--toggle-collect`), so building the input is not in
//! the figure. Every case checks the size of its output, so a case cannot silently do less
//! work. The command line and the measured region are the harness `examples/common/probe.rs`,
//! shared with the wasm probe.

use std::process::ExitCode;
use std::sync::Arc;

use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
use serde_json::{json, Value};
use thidua_core::engine::arrow::{ArrowOutput, ArrowResults};
use thidua_core::engine::CompiledDirective;
use thidua_core::evaluate::evaluate_rowwise;
use thidua_core::sheet::{read_results, write_results, ReadOptions, ResultLayout};
use thidua_core::{
    evaluate, evaluate_with_targets, Directive, EvaluationOptions, ResultSet, TargetTable,
};

#[path = "../benches/common/growth.rs"]
mod growth;
#[path = "common/probe.rs"]
mod probe;
use growth::{directive, directive_json, ids, rows_json, score_input};
use probe::Case;

const CASES: &[Case] = &[
    Case {
        name: "evaluate_units",
        n: 40,
        what: "evaluate (compiled engine), 19 targets × n units",
        prepare: evaluate_units,
    },
    Case {
        name: "evaluate_rowwise_units",
        n: 30,
        what: "evaluate_rowwise, 19 targets × n units",
        prepare: evaluate_rowwise_units,
    },
    Case {
        name: "evaluate_arrow_units",
        n: 40,
        what: "engine on an Arrow RecordBatch in and out, 19 targets × n units",
        prepare: evaluate_arrow_units,
    },
    Case {
        name: "item_many_targets",
        n: 200,
        what: "one item with n targets, one unit (item statuses), engine and row-wise",
        prepare: item_many_targets,
    },
    Case {
        name: "directive_many_items",
        n: 300,
        what: "Directive::from_json (with validation), n items × 2 targets",
        prepare: directive_many_items,
    },
    Case {
        name: "items_engine",
        n: 300,
        what: "evaluate (engine), n items × 2 targets, one unit (item statuses)",
        prepare: items_engine,
    },
    Case {
        name: "items_rowwise",
        n: 300,
        what: "evaluate_rowwise, n items × 2 targets, one unit (item statuses)",
        prepare: items_rowwise,
    },
    Case {
        name: "results_json",
        n: 500,
        what: "ResultSet::from_json, n rows",
        prepare: results_json,
    },
    Case {
        name: "parse_text",
        n: 40,
        what: "parse_directive, n lines with \"(k)\" targets and diagnostics",
        prepare: parse_text,
    },
    Case {
        name: "score_rank_group",
        n: 200,
        what: "score_json + report text, n tied units in one cluster (rank_group)",
        prepare: score_rank_group,
    },
    Case {
        name: "compiled_score_group",
        n: 100,
        what: "CompiledScheme::score (kernels, bands, ranks), n units in one cluster, 19 targets",
        prepare: compiled_score_group,
    },
    Case {
        name: "compiled_score_groups",
        n: 100,
        what: "CompiledScheme::score, n units in n / 2 clusters and blocs, 19 targets",
        prepare: compiled_score_groups,
    },
    Case {
        name: "packed_results_json",
        n: 500,
        what: "engine::PackedResults::from_json, n rows",
        prepare: packed_results_json,
    },
    Case {
        name: "awards_decide",
        n: 50,
        what: "award::decide_json, n candidates with history, votes, quotas and money",
        prepare: awards_decide,
    },
    Case {
        name: "unit_targets",
        n: 200,
        what: "evaluate_with_targets, one unit with its own figure for each of n targets",
        prepare: unit_targets,
    },
    Case {
        name: "sheet_write_results",
        n: 40,
        what: "sheet::write_results (xlsx, long layout), n rows of a directive of n targets",
        prepare: sheet_write_results,
    },
    Case {
        name: "sheet_csv_results",
        n: 200,
        what: "sheet::read_results, CSV of n rows matched to a directive of n targets",
        prepare: sheet_csv_results,
    },
];

fn main() -> ExitCode {
    probe::main(CASES)
}

fn evaluate_units(n: usize) -> Box<dyn Fn()> {
    let d = directive(19, 1);
    let rs = ResultSet::from_json(&rows_json(n, &ids(&d))).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate(&d, &rs, &opts).unwrap();
        assert_eq!(e.units.len(), n);
    })
}

fn evaluate_rowwise_units(n: usize) -> Box<dyn Fn()> {
    let d = directive(19, 1);
    let rs = ResultSet::from_json(&rows_json(n, &ids(&d))).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units.len(), n);
    })
}

fn evaluate_arrow_units(n: usize) -> Box<dyn Fn()> {
    let d = directive(19, 1);
    let ids = ids(&d);
    let (mut unit, mut target, mut value) = (Vec::new(), Vec::new(), Vec::new());
    for u in 0..n {
        for (k, id) in ids.iter().enumerate() {
            unit.push(format!("Xã {u:05}"));
            target.push(id.clone());
            value.push(4000 + ((u + k) % 2000) as i128);
        }
    }
    let rows = unit.len();
    let batch = RecordBatch::try_from_iter([
        ("unit", Arc::new(StringArray::from(unit)) as ArrayRef),
        ("target", Arc::new(StringArray::from(target)) as ArrayRef),
        (
            "period",
            Arc::new(StringArray::from(vec!["2024"; rows])) as ArrayRef,
        ),
        (
            "value",
            Arc::new(
                Decimal128Array::from(value)
                    .with_precision_and_scale(10, 2)
                    .unwrap(),
            ) as ArrayRef,
        ),
    ])
    .unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let c = CompiledDirective::new(&d, &opts).unwrap();
        let b = c.evaluate(&ArrowResults::new(&batch).unwrap()).unwrap();
        let out = b.to_record_batch(&ArrowOutput::default()).unwrap();
        assert_eq!(out.num_rows(), rows);
    })
}

fn item_many_targets(n: usize) -> Box<dyn Fn()> {
    let d = directive(1, n);
    let rs = ResultSet::from_json(&rows_json(1, &ids(&d))).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].targets.len(), n);
        assert_eq!(e.units[0].items.len(), 1);
        let e = evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].targets.len(), n);
    })
}

fn directive_many_items(n: usize) -> Box<dyn Fn()> {
    let text = directive_json(n, 2);
    Box::new(move || {
        let d = Directive::from_json(&text).unwrap();
        assert_eq!(d.items.len(), n);
    })
}

/// Many items: each case isolates one path, so that a loop over items × targets cannot hide
/// behind the per-target work of another.
fn items_engine(n: usize) -> Box<dyn Fn()> {
    let d = directive(n, 2);
    let rs = ResultSet::from_json(&rows_json(1, &["1.0".to_string()])).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
    })
}

fn items_rowwise(n: usize) -> Box<dyn Fn()> {
    let d = directive(n, 2);
    let rs = ResultSet::from_json(&rows_json(1, &["1.0".to_string()])).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate_rowwise(&d, &rs, &opts).unwrap();
        assert_eq!(e.units[0].items.len(), n);
    })
}

fn results_json(n: usize) -> Box<dyn Fn()> {
    let ids: Vec<String> = (1..=19).map(|k| k.to_string()).collect();
    let units = n.div_ceil(ids.len());
    let text = rows_json(units, &ids);
    Box::new(move || {
        let rs = ResultSet::from_json(&text).unwrap();
        assert_eq!(rs.entries.len(), units * ids.len());
    })
}

/// A directive text of `n` lines: a heading, then numbered targets of several kinds, with
/// figures the parser must classify and fragments that give diagnostics.
fn parse_text(n: usize) -> Box<dyn Fn()> {
    let mut text =
        String::from("KẾ HOẠCH\nPhát động phong trào thi đua năm 2024\nCác chỉ tiêu chủ yếu:\n");
    for i in 1..=n {
        let line = match i % 4 {
            0 => format!("({i}) Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm;\n"),
            1 => format!(
                "({i}) Tốc độ tăng trưởng GRDP đạt từ {}% trở lên;\n",
                i % 9 + 1
            ),
            2 => format!(
                "({i}) Thu ngân sách trên {} tỷ đồng; Hôm qua : 2.432; 0291 2210 677;\n",
                100 + i
            ),
            _ => format!("({i}) Phấn đấu hoàn thành các nhiệm vụ (((( ;;;; khác 😀.\n"),
        };
        text.push_str(&line);
    }
    Box::new(move || {
        let out = thidua_core::parse::parse_directive(&text);
        let d = &out.directive;
        assert!(
            d.items.len() >= n / 2,
            "{} items for {n} lines",
            d.items.len()
        );
        assert!(
            out.diagnostics.len() >= n / 4,
            "{} diagnostics for {n} lines",
            out.diagnostics.len()
        );
        for g in &out.diagnostics {
            assert!(text.get(g.start..g.end).is_some());
        }
    })
}

/// Every unit in one cluster with the same total: the worst case for ranking and for the
/// tie-breaker explanations.
fn score_rank_group(n: usize) -> Box<dyn Fn()> {
    let input = score_input(n);
    Box::new(move || {
        let r = thidua_core::scoring::score_json(&input).unwrap();
        assert_eq!(r.units.len(), n);
        assert!(r.render_vi().len() > n);
    })
}

/// The batch of `n` units × 19 targets and a scheme of one proportional criterion per target
/// (bands, a tie-breaker), compiled outside the measured region; `group` names each unit's
/// cluster or bloc.
fn compiled_score(n: usize, group: fn(usize) -> (String, &'static str)) -> Box<dyn Fn()> {
    let d = directive(19, 1);
    let ids = ids(&d);
    let rs = ResultSet::from_json(&rows_json(n, &ids)).unwrap();
    let criteria: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            json!({"id": format!("C{k}"), "name": format!("Tiêu chí {k}"), "max": "10",
                "targets": [id], "rule": {"kind": "proportional", "full_at": "100"}})
        })
        .collect();
    let scheme = thidua_core::scoring::Scheme::from_json(
        &json!({"name": "x", "scale": "190", "rounding": {"digits": 2, "mode": "half_even"},
            "missing_result": "zero", "sections": [{"id": "A", "name": "A", "criteria": criteria}],
            "tie_breakers": [{"kind": "targets_met_or_exceeded"}],
            "classification": {"basis": "total", "bands": [
                {"id": "tot", "label_vi": "Tốt", "label_en": "good", "min_total": "170",
                    "min_criterion_percent": "80"},
                {"id": "ht", "label_vi": "Hoàn thành", "label_en": "done"}]}})
        .to_string(),
    )
    .unwrap();
    let roster: Vec<thidua_core::scoring::RosterEntry> = serde_json::from_value(Value::Array(
        (0..n)
            .map(|u| {
                let (g, kind) = group(u);
                json!({"unit": format!("Xã {u:05}"), "group": g, "kind": kind})
            })
            .collect(),
    ))
    .unwrap();
    let c = CompiledDirective::new(&d, &EvaluationOptions::default()).unwrap();
    let batch = c.evaluate(&rs).unwrap();
    let cs = thidua_core::scoring::CompiledScheme::new(&scheme, &c).unwrap();
    Box::new(move || {
        let s = cs.score(&batch, &roster).unwrap();
        assert_eq!(s.len(), n);
        assert_eq!(s.row_wise_units(), 0);
        assert!((0..n).all(|u| s.rank(u).is_some()));
    })
}

/// Every unit in one cluster: one sort of n keys.
fn compiled_score_group(n: usize) -> Box<dyn Fn()> {
    compiled_score(n, |_| ("Cụm 1".into(), "cluster"))
}

/// Two units a group, clusters and blocs: n / 2 groups.
fn compiled_score_groups(n: usize) -> Box<dyn Fn()> {
    compiled_score(n, |u| match u % 4 {
        0 | 1 => (format!("Cụm {}", u / 2), "cluster"),
        _ => (format!("Khối {}", u / 2), "bloc"),
    })
}

fn packed_results_json(n: usize) -> Box<dyn Fn()> {
    let ids: Vec<String> = (1..=19).map(|k| k.to_string()).collect();
    let units = n.div_ceil(ids.len());
    let text = rows_json(units, &ids);
    Box::new(move || {
        let rows = thidua_core::engine::PackedResults::from_json(&text).unwrap();
        assert_eq!(rows.units(), units);
        assert_eq!(rows.whole_rows(), 0);
    })
}

/// `n` individuals, each proposed for the provincial emulation fighter title, with three
/// years of grassroots titles, an initiative and a ballot.
fn awards_decide(n: usize) -> Box<dyn Fn()> {
    let id = |i: usize| format!("cb{i:05}");
    let subjects: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": id(i), "kind": "individual", "name": format!("Cán bộ {i}"),
            "gender": if i % 2 == 0 { "male" } else { "female" }, "records_from": 2020})
        })
        .collect();
    let events: Vec<Value> = (0..n)
        .map(
            |i| json!({"event": "initiative", "level": "province", "subject": id(i), "year": 2024}),
        )
        .collect();
    let titles: Vec<Value> = (0..n)
        .flat_map(|i| {
            (2022..=2024).map(move |y| {
                json!({"subject": format!("cb{i:05}"), "title": "chien_si_thi_dua_co_so", "year": y})
            })
        })
        .collect();
    let candidates: Vec<Value> = (0..n)
        .map(|i| json!({"subject": id(i), "title": "chien_si_thi_dua_tinh"}))
        .collect();
    let ballots: Vec<Value> = (0..n)
        .map(|i| json!({"subject": id(i), "title": "chien_si_thi_dua_tinh", "yes": 10 + i % 12}))
        .collect();
    let input = json!({
        "date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
        "council": {"members": 21, "present": 21},
        "history": {"subjects": subjects, "events": events, "titles": titles},
        "candidates": candidates, "ballots": ballots
    })
    .to_string();
    Box::new(move || {
        let r = thidua_core::award::decide_json(&input).unwrap();
        assert_eq!(r.decisions.len(), n);
    })
}

/// A results sheet as CSV, one row per target of a directive of `n` targets, matched by
/// number.
fn sheet_csv_results(n: usize) -> Box<dyn Fn()> {
    let d = directive(n, 1);
    let mut csv = String::from("TT;Chỉ tiêu;ĐVT;Kế hoạch;Ước thực hiện năm 2024\n");
    for i in 1..=n {
        csv.push_str(&format!(
            "{i};Tỷ lệ số {i}.0;%;50;{},{}\n",
            40 + i % 20,
            i % 10
        ));
    }
    let opts = ReadOptions {
        unit: Some("Huyện X".into()),
        ..ReadOptions::default()
    };
    Box::new(move || {
        let r = read_results(csv.as_bytes(), Some(&d), &opts).unwrap();
        assert_eq!(r.value.entries.len(), n, "{:?}", r.diagnostics.first());
    })
}

/// A per-unit target table: one unit's own figure for each of the `n` targets.
fn unit_targets(n: usize) -> Box<dyn Fn()> {
    let d = directive(n, 1);
    let ids = ids(&d);
    let rows: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| json!({"unit": "Xã 00000", "target": id, "value": format!("{}", 45 + k % 10)}))
        .collect();
    let table = TargetTable::from_json(&json!({ "entries": rows }).to_string()).unwrap();
    let rs = ResultSet::from_json(&rows_json(1, &ids)).unwrap();
    let opts = EvaluationOptions::default();
    Box::new(move || {
        let e = evaluate_with_targets(&d, &table, &rs, &opts).unwrap();
        assert_eq!(e.units[0].targets.len(), n);
    })
}

fn sheet_write_results(n: usize) -> Box<dyn Fn()> {
    let d = directive(n, 1);
    let rs = ResultSet::from_json(&rows_json(1, &ids(&d))).unwrap();
    Box::new(move || {
        let bytes = write_results(&rs, Some(&d), ResultLayout::Long).unwrap();
        assert!(bytes.len() > n);
    })
}
