//! Differential tests: the engine against the row-wise reference
//! ([`evaluate_rowwise`](crate::evaluate::evaluate_rowwise)), on random directives, options and
//! results, and on every shared vector. Outputs are compared as JSON, so that every decimal's
//! scale ("1.50" vs "1.5") counts; errors by code and message.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{json, Value};

use super::CompiledDirective;
use crate::{Directive, EvaluationOptions, ResultSet, TargetTable};

fn both(
    d: &Directive,
    r: &ResultSet,
    o: &EvaluationOptions,
) -> (Result<Value, String>, Result<Value, String>) {
    both_with(d, &TargetTable::default(), r, o)
}

fn both_with(
    d: &Directive,
    table: &TargetTable,
    r: &ResultSet,
    o: &EvaluationOptions,
) -> (Result<Value, String>, Result<Value, String>) {
    let show = |e: crate::Error| format!("{}: {e}", e.code());
    let reference = crate::evaluate::evaluate_rowwise_with_targets(d, table, r, o)
        .map(|e| serde_json::to_value(e).unwrap())
        .map_err(show);
    let engine = CompiledDirective::with_targets(d, table, o)
        .and_then(|c| c.evaluate(r))
        .map(|b| serde_json::to_value(b.to_evaluation()).unwrap())
        .map_err(show);
    (reference, engine)
}

fn dec(m: i64, s: u32) -> String {
    rust_decimal::Decimal::new(m, s).to_string()
}

/// A decimal: mostly ordinary (a few digits, scale 0–3), sometimes beyond the kernels' `i64`.
fn decimal() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (-2_000i64..20_000, 0u32..4).prop_map(|(m, s)| dec(m, s)),
        1 => (0u32..4).prop_map(|s| dec(i64::MAX / 3, s)),
        1 => Just("79228162514264337593543950.335".to_string()),
        // The ends of the decimal range: every difference with them may overflow.
        1 => prop_oneof![Just("-79228162514264337593543950335".to_string()), Just("79228162514264337593543950335".to_string())],
        1 => (0i64..200).prop_map(|m| dec(m, 0)),
        1 => (0u32..4).prop_map(|s| dec(0, s)),
        1 => (0u32..4).prop_map(|s| format!("-{}", dec(0, s))),
    ]
}

fn positive() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1i64..20_000, 0u32..3).prop_map(|(m, s)| dec(m, s)),
        1 => Just("0".to_string()),
        1 => Just("123456789012345678901.5".to_string()),
    ]
}

fn cmp_hi() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("at_least"), Just("above")]
}

fn spec() -> impl Strategy<Value = Value> {
    let scale = prop_oneof![Just("one"), Just("million"), Just("billion")];
    prop_oneof![
        (cmp_hi(), 0i64..100, 0u32..2).prop_map(|(c, m, s)| json!({"kind": "rate", "comparator": c, "value": dec(m, s)})),
        (cmp_hi(), positive()).prop_map(|(c, v)| json!({"kind": "growth_rate", "comparator": c, "value": v})),
        (cmp_hi(), 1i64..100).prop_map(|(c, v)| json!({"kind": "threshold_share", "comparator": c, "value": v.to_string()})),
        (cmp_hi(), positive(), any::<bool>()).prop_map(|(c, v, f)| json!({"kind": "count", "comparator": c,
            "value": v, "noun": "doanh nghiệp", "measure": if f { "flow" } else { "level" }})),
        (cmp_hi(), positive(), any::<bool>(), scale.clone()).prop_map(|(c, v, f, s)| json!({"kind": "amount", "comparator": c,
            "value": {"value": v, "scale": s, "unit": "đồng"}, "measure": if f { "flow" } else { "level" }})),
        (cmp_hi(), positive()).prop_map(|(c, v)| json!({"kind": "per_capita", "comparator": c,
            "value": {"value": v, "scale": "million", "unit": "đồng"}, "per": "1"})),
        (prop_oneof![Just("at_most"), Just("below")], positive()).prop_map(|(c, v)| json!({"kind": "ceiling",
            "comparator": c, "value": {"value": v, "unit": "%"}})),
        (cmp_hi(), 0i64..50, prop::option::of(0i64..10), prop_oneof![Just("percentage_points"), Just("absolute"), Just("percent_of_baseline")])
            .prop_map(|(c, lo, hi, u)| {
                let mut s = json!({"kind": "reduction", "comparator": c, "value": dec(lo, 1), "unit": u});
                if let Some(h) = hi { s["value_high"] = json!(dec(lo + h, 1)); }
                s
            }),
        (0i64..5_000, 0i64..500, any::<bool>()).prop_map(|(lo, w, ex)| json!({"kind": "range",
            "low": {"value": dec(lo, 2), "unit": "%"}, "high": {"value": dec(lo + w, 2), "unit": "%"},
            "above_high": if ex { "exceeded" } else { "not_met" }})),
        (0u32..8).prop_map(|p| json!({"kind": "rank_improvement", "index": "PCI", "places": p, "baseline_year": 2023})),
        Just(json!({"kind": "composite_decrease", "components": [{"id": "a", "name": "số vụ"}, {"id": "b", "name": "người chết"}]})),
        Just(json!({"kind": "qualitative"})),
        (prop_oneof![Just("at_least"), Just("above"), Just("at_most"), Just("below")], prop::option::of(positive()), any::<bool>())
            .prop_map(|(c, v, f)| {
                let mut s = json!({"kind": "reference", "comparator": c, "reference": "dự toán", "unit": "đồng",
                    "scale": "billion", "measure": if f { "flow" } else { "level" }});
                if let Some(v) = v { s["value"] = json!(v); }
                s
            }),
    ]
}

fn directive() -> impl Strategy<Value = Value> {
    prop::collection::vec((spec(), 0usize..3), 1..7).prop_map(|specs| {
        let items: Vec<Value> = specs
            .iter()
            .enumerate()
            .map(|(i, (s, _))| {
                json!({"number": i + 1, "text": "…", "targets": [{"id": format!("{}", i + 1), "name": format!("Chỉ tiêu {}", i + 1), "spec": s}]})
            })
            .collect();
        json!({"kind": "plan", "issuer": {"name": "UBND huyện X"}, "coverage": {"year": 2024, "until_year": 2025},
               "title": "t", "items": items})
    })
}

fn row(targets: usize) -> impl Strategy<Value = Value> {
    (
        0usize..4,
        prop_oneof![20 => 0usize..targets, 1 => Just(targets)],
        prop_oneof![
            24 => Just("2024"), 4 => Just("2024-H1"), 4 => Just("2025-Q3"), 4 => Just("2024-9M"),
            4 => Just("2024-M02"), 1 => Just("2026")
        ],
        prop::option::of(decimal()),
        prop::option::of(decimal()),
        (0u8..120, any::<bool>(), prop_oneof![12 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)]),
        (0u8..64, decimal(), 0u8..6),
    )
        .prop_map(move |(u, t, p, v, b, (extra, est, comp), (more, x, k))| {
            let mut r = json!({"unit": format!("Xã {u}"), "target": if t == targets { "99".to_string() } else { (t + 1).to_string() }, "period": p});
            if let Some(v) = v { r["value"] = json!(v); }
            if let Some(b) = b { r["baseline"] = json!(b); }
            if est { r["provenance"] = json!("estimate"); }
            match comp {
                1 => r["component"] = json!("a"),
                2 => r["component"] = json!("b"),
                _ => {}
            }
            match extra {
                0 => r["scale"] = json!("million"),
                1 => r["scale"] = json!("billion"),
                2 => r["value_unit"] = json!("USD"),
                3 => r["value_unit"] = json!("đồng"),
                4 => { r["out_of"] = json!(63); r["baseline_out_of"] = json!(63); }
                5 => r["out_of"] = json!(34),
                6 => r["judgement"] = json!("met"),
                7 => r["not_applicable"] = json!(true),
                8 => { r["not_applicable"] = json!(true); r.as_object_mut().unwrap().remove("value"); }
                9 => { r["judgement"] = json!("exceeded"); r.as_object_mut().unwrap().remove("value"); }
                _ => {}
            }
            // The other result forms and fields (`ResultEntry`'s every field), each alone or
            // beside a value: a range, a qualifier, a share of plan (± its level), a change, a
            // reported wording, a date, a source, a note, a preliminary figure.
            let k = k as usize;
            let drop_value = |r: &mut Value| { r.as_object_mut().unwrap().remove("value"); };
            match more {
                0 | 1 => r["value_high"] = json!(x),
                2 | 3 => r["qualifier"] = json!(["about", "over", "under", "nearly", "at_least", "at_most"][k]),
                4 => { drop_value(&mut r); r["share_of_plan"] = json!(x); }
                5 => { drop_value(&mut r); r["share_of_plan"] = json!(x); r["plan_level"] = json!(["dự toán", "Trung ương giao", "HĐND giao", "x", "", "kế hoạch"][k]); }
                6 => { drop_value(&mut r); r["share_of_plan"] = json!(x); r["qualifier"] = json!("over"); }
                7 | 8 => { drop_value(&mut r); r["change"] = json!(x);
                    r["change_unit"] = json!(["percentage_points", "percent", "absolute"][k % 3]);
                    if k >= 3 { r["change_from"] = json!(["previous_year", "same_period"][k % 2]); } }
                9 => r["change_unit"] = json!("percent"),
                10 | 11 => { drop_value(&mut r); r["reported"] = json!(["hơn 290", "ước đạt 6,5%", "đạt 102,6% kế hoạch", "giảm 1,2 điểm %", "6,6-6,8%", "vượt kế hoạch"][k]); }
                12 => r["reported"] = json!("khoảng 10"),
                13 => r["date"] = json!(["2024-12-15", "2025-03-31", "2025-01-01", "2024-06-30", "2025-12-31", "2024-02-29"][k]),
                14 => { r["date"] = json!("2025-03-31"); r["provenance"] = json!(["official", "preliminary", "estimate"][k % 3]); }
                15 => r["source"] = json!(["Báo cáo số 12/BC-UBND", "họp báo"][k % 2]),
                16 => r["note"] = json!(["số liệu sơ bộ", ""][k % 2]),
                17 => { drop_value(&mut r); r["judgement"] = json!("met"); r["source"] = json!("Báo cáo"); }
                18 => r["provenance"] = json!("preliminary"),
                _ => {}
            }
            r
        })
}

fn options() -> impl Strategy<Value = EvaluationOptions> {
    (any::<bool>(), 0u8..3, any::<bool>(), any::<bool>(), 0u32..5).prop_map(|(c, r, f, h, d)| {
        serde_json::from_value(json!({
            "ceiling_ratio": if c { "inverse" } else { "complement" },
            "range_basis": (["lower", "upper", "midpoint"][r as usize]),
            "in_year_flows": if f { "pro_rata" } else { "annual_target" },
            "headline_basis": if h { "items" } else { "targets" },
            "ratio_digits": d,
        }))
        .unwrap()
    })
}

/// The fields a plain row has none of, besides those filtered one by one.
const PLAIN_ONLY_ABSENT: &[&str] = &[
    "value_high",
    "qualifier",
    "share_of_plan",
    "plan_level",
    "change",
    "change_unit",
    "change_from",
    "reported",
    "date",
    "source",
    "note",
];

pub(super) fn case() -> impl Strategy<Value = (Value, Vec<Value>, EvaluationOptions)> {
    directive().prop_flat_map(|d| {
        let n = d["items"].as_array().unwrap().len();
        (Just(d), prop::collection::vec(row(n), 0..16), options())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// On random directives, options and rows (every kind, every row shape, numbers beyond
    /// the kernels, errors of every sort): the engine's answer is the row-wise answer.
    #[test]
    fn engine_equals_rowwise((d, rows, o) in case()) {
        let Ok(d) = Directive::from_json(&d.to_string()) else { return Ok(()); };
        let Ok(r) = ResultSet::from_json(&Value::Array(rows).to_string()) else { return Ok(()); };
        let (a, b) = both(&d, &r, &o);
        prop_assert_eq!(a, b);
    }

    /// Only plain, valid rows: no errors, so every number is compared.
    #[test]
    fn engine_equals_rowwise_on_plain_rows((d, rows, o) in case()) {
        let Ok(d) = Directive::from_json(&d.to_string()) else { return Ok(()); };
        let rows: Vec<Value> = rows.into_iter().filter(|r| {
            r.get("scale").is_none() && r.get("value_unit").is_none() && r.get("judgement").is_none()
                && r.get("component").is_none() && r["target"] != "99" && r["period"] != "2026"
                && PLAIN_ONLY_ABSENT.iter().all(|k| r.get(k).is_none())
        }).collect();
        let Ok(r) = ResultSet::from_json(&Value::Array(rows).to_string()) else { return Ok(()); };
        let (a, b) = both(&d, &r, &o);
        prop_assert_eq!(a, b);
    }
}

pub(super) fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            vector_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// Every shared evaluation vector, through both paths.
#[test]
fn every_vector_through_both_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let resolve = |v: &Value| match v {
        Value::String(p) => std::fs::read_to_string(root.join(p)).unwrap(),
        other => other.to_string(),
    };
    let mut files = Vec::new();
    vector_files(&root.join("tests/vectors/evaluate"), &mut files);
    assert!(files.len() >= 10, "vectors not found");
    let mut compared = 0;
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let input = &v["input"];
        let (Ok(d), Ok(r)) = (
            Directive::from_json(&resolve(&input["directive"])),
            ResultSet::from_json(&resolve(&input["results"])),
        ) else {
            continue;
        };
        let o = match input.get("options") {
            Some(o) => match EvaluationOptions::from_json(&o.to_string()) {
                Ok(o) => o,
                Err(_) => continue,
            },
            None => EvaluationOptions::default(),
        };
        let table = match input.get("targets") {
            Some(t) => match TargetTable::from_json(&resolve(t)) {
                Ok(t) => t,
                Err(_) => continue,
            },
            None => TargetTable::default(),
        };
        let (a, b) = both_with(&d, &table, &r, &o);
        assert_eq!(a, b, "{}", f.display());
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} vectors compared");
}

/// The 1,200 generated cases of `tests/differential/` (the cases every binding runs) give
/// the same answer through the engine and through the row-wise path.
#[test]
fn differential_cases_through_both_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let Ok(text) = std::fs::read_to_string(root.join("tests/differential/cases.jsonl")) else {
        panic!("tests/differential/cases.jsonl not found");
    };
    let mut compared = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let c: Value = serde_json::from_str(line).unwrap();
        let d = match &c["directive"] {
            Value::String(p) => std::fs::read_to_string(root.join(p)).unwrap(),
            other => other.to_string(),
        };
        let d = Directive::from_json(&d).unwrap();
        let r = ResultSet::from_json(&c["results"].to_string()).unwrap();
        let o = match c.get("options") {
            Some(o) if !o.is_null() => EvaluationOptions::from_json(&o.to_string()).unwrap(),
            _ => EvaluationOptions::default(),
        };
        let (a, b) = both_with(&d, &TargetTable::default(), &r, &o);
        assert_eq!(a, b, "case {}", c["id"]);
        compared += 1;
    }
    assert!(compared >= 1000, "only {compared} cases compared");
}

/// The Kon Tum 2024 bench rows go through the kernels, not the row-wise rules.
#[test]
fn kon_tum_rows_take_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let d = Directive::from_json(
        &std::fs::read_to_string(root.join("docs/examples/002_kon-tum-2024.json")).unwrap(),
    )
    .unwrap();
    let c = CompiledDirective::new(&d, &EvaluationOptions::default()).unwrap();
    assert!(c.row_wise_targets().is_empty());
    let mut rows = Vec::new();
    for u in 0..30 {
        for (k, id) in c.target_ids().enumerate() {
            let mut r = json!({"unit": format!("Đơn vị {u}"), "target": id, "period": "2024", "value": dec(((u * 19 + k) % 200) as i64 + 4000, 2)});
            if matches!(
                d.target(id).unwrap().spec,
                crate::TargetSpec::Reduction { .. } | crate::TargetSpec::RankImprovement { .. }
            ) {
                r["value"] = json!(format!("{}", 40 - (u % 10)));
                r["baseline"] = json!("45");
            }
            rows.push(r);
        }
    }
    let r = ResultSet::from_json(&Value::Array(rows).to_string()).unwrap();
    let b = c.evaluate(&r).unwrap();
    assert_eq!(b.rows(), 30 * 19);
    assert_eq!(b.row_wise_rows(), 0);
    let (x, y) = both(&d, &r, &EvaluationOptions::default());
    assert_eq!(x, y);
}

/// A result at the end of the decimal range against a band or a rank target: the gap
/// overflows, which is an `overflow` error naming the row in both paths, never a panic.
#[test]
fn extreme_results_overflow_with_a_typed_error() {
    let d = Directive::from_json(&json!({"kind": "plan", "issuer": {"name": "UBND huyện X"},
        "coverage": {"year": 2024}, "title": "t", "items": [
        {"number": 1, "text": "…", "targets": [{"id": "1", "name": "Tỷ lệ", "spec": {"kind": "range",
            "low": {"value": "1", "unit": "%"}, "high": {"value": "2", "unit": "%"}, "above_high": "not_met"}}]},
        {"number": 2, "text": "…", "targets": [{"id": "2", "name": "PCI", "spec": {"kind": "rank_improvement",
            "index": "PCI", "places": 5, "baseline_year": 2023}}]}]}).to_string()).unwrap();
    let min = "-79228162514264337593543950335";
    let max = "79228162514264337593543950335";
    for (t, v, b) in [("1", min, None), ("1", max, None), ("2", max, Some("1"))] {
        let mut row = json!({"unit": "Xã A", "target": t, "period": "2024", "value": v});
        if let Some(b) = b {
            row["baseline"] = json!(b);
        }
        let r = ResultSet::from_json(&json!([row]).to_string()).unwrap();
        let o = EvaluationOptions::default();
        let (a, e) = both(&d, &r, &o);
        assert_eq!(a, e);
        let msg = a.unwrap_err();
        assert!(msg.starts_with("overflow: "), "{t} {v}: {msg}");
        assert!(msg.contains("results[0]"), "{msg}");
    }
    // A midpoint of two bounds near the end of the range: an error, not a panic.
    let d = Directive::from_json(&json!({"kind": "plan", "issuer": {"name": "UBND huyện X"},
        "coverage": {"year": 2024}, "title": "t", "items": [
        {"number": 1, "text": "…", "targets": [{"id": "1", "name": "Tỷ lệ", "spec": {"kind": "range",
            "low": {"value": "79228162514264337593543950000", "unit": "%"}, "high": {"value": max, "unit": "%"}, "above_high": "not_met"}}]}]}).to_string());
    if let Ok(d) = d {
        let o: EvaluationOptions =
            serde_json::from_value(json!({"range_basis": "midpoint"})).unwrap();
        let r = ResultSet::from_json(
            r#"[{"unit": "Xã A", "target": "1", "period": "2024", "value": "5"}]"#,
        )
        .unwrap();
        let (a, e) = both(&d, &r, &o);
        assert_eq!(a, e);
        assert!(a.unwrap_err().starts_with("overflow: "));
    }
}

/// Plain rows as [`ColumnResults`](super::ColumnResults): dictionary-encoded keys, values as
/// decimals, or as one text buffer with offsets.
fn through_columns(
    d: &Directive,
    r: &ResultSet,
    o: &EvaluationOptions,
    as_text: bool,
) -> Result<Value, String> {
    use super::{ColumnResults, Dictionary, Numbers};
    let show = |e: crate::Error| format!("{}: {e}", e.code());
    let dict = |f: &dyn Fn(&crate::ResultEntry) -> String| {
        let mut names: Vec<String> = Vec::new();
        let index: Vec<u32> = r
            .entries
            .iter()
            .map(|e| {
                let v = f(e);
                (match names.iter().position(|n| *n == v) {
                    Some(k) => k,
                    None => {
                        names.push(v);
                        names.len() - 1
                    }
                }) as u32
            })
            .collect();
        (names, index)
    };
    let (un, ui) = dict(&|e| e.unit.clone());
    let (tn, ti) = dict(&|e| e.target.clone());
    let (pn, pi) = dict(&|e| e.period.to_string());
    let values: Vec<_> = r.entries.iter().map(|e| e.value).collect();
    let baselines: Vec<_> = r.entries.iter().map(|e| e.baseline).collect();
    let prov: Vec<_> = r.entries.iter().map(|e| e.provenance).collect();
    let text = |v: &[Option<rust_decimal::Decimal>]| {
        let mut t = String::new();
        let mut offsets = vec![0u32];
        for x in v {
            if let Some(x) = x {
                t.push_str(&x.to_string());
            }
            offsets.push(t.len() as u32);
        }
        (t, offsets)
    };
    let (vt, vo) = text(&values);
    let (bt, bo) = text(&baselines);
    fn num<'a>(
        as_text: bool,
        dec: &'a [Option<rust_decimal::Decimal>],
        t: &'a str,
        o: &'a [u32],
    ) -> Numbers<'a> {
        if as_text {
            Numbers::Text {
                text: t,
                offsets: o,
            }
        } else {
            Numbers::Decimal(dec)
        }
    }
    let src = ColumnResults::new(
        Dictionary::new(&un, &ui).map_err(show)?,
        Dictionary::new(&tn, &ti).map_err(show)?,
        Dictionary::new(&pn, &pi).map_err(show)?,
    )
    .and_then(|c| c.with_values(num(as_text, &values, &vt, &vo)))
    .and_then(|c| c.with_baselines(num(as_text, &baselines, &bt, &bo)))
    .and_then(|c| c.with_provenance(&prov))
    .map_err(show)?;
    CompiledDirective::new(d, o)
        .and_then(|c| c.evaluate(&src))
        .map(|b| serde_json::to_value(b.to_evaluation()).unwrap())
        .map_err(show)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Plain rows through [`ColumnResults`] (the columns a binding hands over from typed
    /// arrays): the row-wise answer, errors included.
    #[test]
    fn column_results_equal_rowwise((d, rows, o) in case(), as_text in any::<bool>()) {
        let Ok(d) = Directive::from_json(&d.to_string()) else { return Ok(()); };
        let rows: Vec<Value> = rows.into_iter().filter(|r| {
            r.get("scale").is_none() && r.get("value_unit").is_none() && r.get("judgement").is_none()
                && r.get("component").is_none() && r.get("out_of").is_none()
                && r.get("not_applicable").is_none()
                && PLAIN_ONLY_ABSENT.iter().all(|k| r.get(k).is_none())
        }).collect();
        let Ok(r) = ResultSet::from_json(&Value::Array(rows).to_string()) else { return Ok(()); };
        let reference = crate::evaluate::evaluate_rowwise(&d, &r, &o)
            .map(|e| serde_json::to_value(e).unwrap())
            .map_err(|e| format!("{}: {e}", e.code()));
        prop_assert_eq!(reference, through_columns(&d, &r, &o, as_text));
    }
}

#[test]
fn column_results_refuse_bad_columns() {
    use super::{ColumnResults, Dictionary, Numbers};
    let names = ["A"];
    assert_eq!(
        Dictionary::new(&names, &[0, 1]).unwrap_err().code(),
        "invalid_input"
    );
    let k = Dictionary::new(&names, &[0, 0]).unwrap();
    let c = ColumnResults::new(k.clone(), k.clone(), k.clone()).unwrap();
    let e = c.clone().with_values(Numbers::F64(&[1.0])).unwrap_err();
    assert!(e.to_string().contains("1 values for 2 rows"), "{e}");
    let e = c
        .clone()
        .with_values(Numbers::Text {
            text: "1.52",
            offsets: &[0, 3, 2],
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let e = c
        .with_values(Numbers::Text {
            text: "đ1",
            offsets: &[0, 1, 3],
        })
        .unwrap_err();
    assert!(e.to_string().contains("inside a character"), "{e}");
    // A float that no decimal holds: an error naming the row and the column.
    let d =
        Directive::from_json(include_str!("../../../docs/examples/002_kon-tum-2024.json")).unwrap();
    let c = CompiledDirective::new(&d, &EvaluationOptions::default()).unwrap();
    let (u, t, p) = (["X"], ["1"], ["2024"]);
    let src = ColumnResults::new(
        Dictionary::new(&u, &[0]).unwrap(),
        Dictionary::new(&t, &[0]).unwrap(),
        Dictionary::new(&p, &[0]).unwrap(),
    )
    .unwrap()
    .with_values(Numbers::F64(&[f64::INFINITY]))
    .unwrap();
    let e = c.evaluate(&src).unwrap_err();
    assert_eq!(e.code(), "invalid_number");
    assert_eq!(e.location().path(), "results[0].value");
}
