//! What the engine's tests share (`tests.rs`, `arrow_tests.rs`): the random directives, options
//! and rows, the shared vectors, the example directive, and outputs and errors as JSON for
//! comparing one path with another.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::{Directive, EvaluationOptions, ResultSet, TargetTable};

/// The repository's root (the shared vectors and the examples are read from it).
pub(super) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Kon Tum 2024 example directive (`docs/examples/002_kon-tum-2024.json`).
pub(super) fn kon_tum() -> Directive {
    let text = std::fs::read_to_string(root().join("docs/examples/002_kon-tum-2024.json"));
    Directive::from_json(&text.unwrap()).unwrap()
}

/// An error as the comparisons see it: its code and its message.
pub(super) fn show(e: crate::Error) -> String {
    format!("{}: {e}", e.code())
}

/// An output as JSON (every decimal's scale counts), or its error as [`show`] gives it.
pub(super) fn as_json<T: serde::Serialize>(r: crate::Result<T>) -> Result<Value, String> {
    r.map(|x| serde_json::to_value(x).unwrap()).map_err(show)
}

/// A random case read as the library reads it; `None` when the directive or the rows are
/// refused (a case that tests nothing).
pub(super) fn parse_case(d: &Value, rows: Vec<Value>) -> Option<(Directive, ResultSet)> {
    let d = Directive::from_json(&d.to_string()).ok()?;
    let r = ResultSet::from_json(&Value::Array(rows).to_string()).ok()?;
    Some((d, r))
}

/// One shared evaluation vector (`tests/vectors/evaluate`) whose inputs the library reads.
pub(super) struct EvaluateVector {
    pub path: PathBuf,
    pub directive: Directive,
    pub results: ResultSet,
    pub options: EvaluationOptions,
    /// The per-unit targets, when the vector has them (`Err` when they are refused).
    pub targets: Option<crate::Result<TargetTable>>,
}

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// Every shared evaluation vector whose directive, results and options are read without
/// error, in file order.
pub(super) fn evaluate_vectors() -> Vec<EvaluateVector> {
    let root = root();
    let resolve = |v: &Value| match v {
        Value::String(p) => std::fs::read_to_string(root.join(p)).unwrap(),
        other => other.to_string(),
    };
    let mut files = Vec::new();
    vector_files(&root.join("tests/vectors/evaluate"), &mut files);
    assert!(files.len() >= 10, "vectors not found");
    let mut out = Vec::new();
    for path in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = &v["input"];
        let (Ok(directive), Ok(results)) = (
            Directive::from_json(&resolve(&input["directive"])),
            ResultSet::from_json(&resolve(&input["results"])),
        ) else {
            continue;
        };
        let options = match input.get("options") {
            Some(o) => match EvaluationOptions::from_json(&o.to_string()) {
                Ok(o) => o,
                Err(_) => continue,
            },
            None => EvaluationOptions::default(),
        };
        let targets = input
            .get("targets")
            .map(|t| TargetTable::from_json(&resolve(t)));
        out.push(EvaluateVector {
            path,
            directive,
            results,
            options,
            targets,
        });
    }
    out
}

pub(super) fn dec(m: i64, s: u32) -> String {
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
pub(super) const PLAIN_ONLY_ABSENT: &[&str] = &[
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
