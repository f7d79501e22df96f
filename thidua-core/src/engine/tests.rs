//! Differential tests: the engine against the row-wise reference
//! ([`evaluate_rowwise`](crate::evaluate::evaluate_rowwise)), on random directives, options and
//! results, and on every shared vector. Outputs are compared as JSON, so that every decimal's
//! scale ("1.50" vs "1.5") counts; errors by code and message.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::test_support::{
    as_json, case, dec, evaluate_vectors, kon_tum, parse_case, root, show, PLAIN_ONLY_ABSENT,
};
use super::{CompiledDirective, PackedResults};
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
    let reference = as_json(crate::evaluate::evaluate_rowwise_with_targets(
        d, table, r, o,
    ));
    let engine = as_json(
        CompiledDirective::with_targets(d, table, o)
            .and_then(|c| c.evaluate(r))
            .map(|b| b.to_evaluation()),
    );
    // The same rows packed into columns give the same answer and the same errors.
    let packed: crate::Result<PackedResults> = r.entries.iter().cloned().collect();
    let via_packed = as_json(packed.and_then(|p| {
        CompiledDirective::with_targets(d, table, o)
            .and_then(|c| c.evaluate(&p))
            .map(|b| b.to_evaluation())
    }));
    assert_eq!(via_packed, engine, "PackedResults against the ResultSet");
    (reference, engine)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// On random directives, options and rows (every kind, every row shape, numbers beyond
    /// the kernels, errors of every sort): the engine's answer is the row-wise answer.
    #[test]
    fn engine_equals_rowwise((d, rows, o) in case()) {
        let Some((d, r)) = parse_case(&d, rows) else { return Ok(()); };
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

/// Every shared evaluation vector, through both paths.
#[test]
fn every_vector_through_both_paths() {
    let mut compared = 0;
    for v in evaluate_vectors() {
        let table = match v.targets {
            Some(Ok(t)) => t,
            Some(Err(_)) => continue,
            None => TargetTable::default(),
        };
        let (a, b) = both_with(&v.directive, &table, &v.results, &v.options);
        assert_eq!(a, b, "{}", v.path.display());
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} vectors compared");
}

/// The 1,200 generated cases of `tests/differential/` (the cases every binding runs) give
/// the same answer through the engine and through the row-wise path.
#[test]
fn differential_cases_through_both_paths() {
    let root = root();
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
    let d = kon_tum();
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
    as_json(
        CompiledDirective::new(d, o)
            .and_then(|c| c.evaluate(&src))
            .map(|b| b.to_evaluation()),
    )
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
        let reference = as_json(crate::evaluate::evaluate_rowwise(&d, &r, &o));
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
    let d = kon_tum();
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
