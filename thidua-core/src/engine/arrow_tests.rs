//! The Arrow path against the row-wise reference: the same random cases and vectors as
//! `tests.rs`, fed as a `RecordBatch` (values as exact decimal128 where one scale fits, else
//! as text), and the output batch against the evaluation's rows.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, Float64Array, RecordBatch,
    StringArray, UInt32Array,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use super::arrow::{ArrowOutput, ArrowResults};
use super::tests::case;
use super::CompiledDirective;
use crate::evaluate::evaluate_rowwise;
use crate::{Directive, EvaluationOptions, ResultEntry, ResultSet};

fn text(v: impl Iterator<Item = Option<String>>) -> ArrayRef {
    Arc::new(StringArray::from(v.collect::<Vec<_>>()))
}

fn numbers(v: &[Option<Decimal>], as_decimal128: bool) -> ArrayRef {
    let s = v.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
    let fits = v.iter().flatten().all(|d| {
        10i128
            .checked_pow(s - d.scale())
            .and_then(|p| d.mantissa().checked_mul(p))
            .is_some_and(|m| m.unsigned_abs() < 10u128.pow(38))
    });
    if as_decimal128 && fits {
        let a: Decimal128Array = v
            .iter()
            .map(|d| d.map(|d| d.mantissa() * 10i128.pow(s - d.scale())))
            .collect();
        Arc::new(a.with_precision_and_scale(38, s as i8).unwrap())
    } else {
        text(v.iter().map(|d| d.map(|d| d.to_string())))
    }
}

pub(super) fn batch(e: &[ResultEntry], as_decimal128: bool) -> RecordBatch {
    let s = |f: &dyn Fn(&ResultEntry) -> Option<String>| text(e.iter().map(f));
    let cols: Vec<(&str, ArrayRef)> = vec![
        ("unit", s(&|r| Some(r.unit.clone()))),
        ("target", s(&|r| Some(r.target.clone()))),
        ("component", s(&|r| r.component.clone())),
        ("period", s(&|r| Some(r.period.to_string()))),
        (
            "value",
            numbers(
                &e.iter().map(|r| r.value).collect::<Vec<_>>(),
                as_decimal128,
            ),
        ),
        (
            "baseline",
            numbers(
                &e.iter().map(|r| r.baseline).collect::<Vec<_>>(),
                as_decimal128,
            ),
        ),
        ("scale", s(&|r| r.scale.map(|x| json_str(&x)))),
        (
            "value_unit",
            s(&|r| r.value_unit.as_ref().map(|u| u.to_string())),
        ),
        (
            "out_of",
            Arc::new(UInt32Array::from(
                e.iter().map(|r| r.out_of).collect::<Vec<_>>(),
            )),
        ),
        (
            "baseline_out_of",
            Arc::new(UInt32Array::from(
                e.iter().map(|r| r.baseline_out_of).collect::<Vec<_>>(),
            )),
        ),
        ("judgement", s(&|r| r.judgement.map(|x| json_str(&x)))),
        (
            "not_applicable",
            Arc::new(BooleanArray::from(
                e.iter().map(|r| r.not_applicable).collect::<Vec<_>>(),
            )),
        ),
        ("provenance", s(&|r| r.provenance.map(|p| json_str(&p)))),
        ("note", s(&|r| r.note.clone())),
    ];
    RecordBatch::try_from_iter(cols).unwrap()
}

fn json_str<T: serde::Serialize>(x: &T) -> String {
    match serde_json::to_value(x).unwrap() {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn compare(
    d: &Directive,
    r: &ResultSet,
    o: &EvaluationOptions,
    as_decimal128: bool,
) -> (Result<Value, String>, Result<Value, String>) {
    let show = |e: crate::Error| format!("{}: {e}", e.code());
    let b = batch(&r.entries, as_decimal128);
    // A decimal128 value column has the column's scale, not the writing's (the three-decimal
    // warning is for values as written): the reference is told the same.
    let as_written = !matches!(
        b.column_by_name("value").unwrap().data_type(),
        arrow_schema::DataType::Decimal128(..)
    );
    let reference = crate::evaluate::rowwise(d, &Default::default(), r, o, as_written)
        .map(|e| serde_json::to_value(e).unwrap())
        .map_err(show);
    let engine = CompiledDirective::new(d, o)
        .and_then(|c| c.evaluate(&ArrowResults::new(&b)?))
        .map(|b| serde_json::to_value(b.to_evaluation()).unwrap())
        .map_err(show);
    (reference, engine)
}

/// Decimal values compared by value: a decimal128 column has one scale, so the engine reads
/// `1.5` as `1.50`; everything else must be identical.
fn by_value(v: Result<Value, String>) -> Result<Value, String> {
    fn walk(v: &mut Value) {
        match v {
            Value::String(s) => {
                if let Ok(d) = s.parse::<Decimal>() {
                    if s.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                    {
                        *s = d.normalize().to_string();
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    v.map(|mut v| {
        walk(&mut v);
        // A warning may quote a value as written ("1.000" is read with a decimal point): with
        // the column's scale the writing differs, so warnings are compared without their text.
        if let Some(w) = v.get_mut("warnings").and_then(Value::as_array_mut) {
            for w in w {
                if let Some(o) = w.as_object_mut() {
                    o.remove("message_vi");
                    o.remove("message_en");
                }
            }
        }
        v
    })
    .map_err(|e| {
        e.split(' ')
            .map(|w| {
                let core = w.trim_matches(|c: char| "(),;:".contains(c));
                match core.parse::<Decimal>() {
                    Ok(d) if core.contains('.') => w.replace(core, &d.normalize().to_string()),
                    _ => w.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Values as text columns: every decimal keeps its own scale, so outputs are identical.
    #[test]
    fn arrow_text_columns_equal_rowwise((d, rows, o) in case()) {
        let Ok(d) = Directive::from_json(&d.to_string()) else { return Ok(()); };
        let Ok(r) = ResultSet::from_json(&Value::Array(rows).to_string()) else { return Ok(()); };
        let (a, b) = compare(&d, &r, &o, false);
        prop_assert_eq!(a, b);
    }

    /// Values as decimal128 columns: identical up to the column's common scale.
    #[test]
    fn arrow_decimal_columns_equal_rowwise((d, rows, o) in case()) {
        let Ok(d) = Directive::from_json(&d.to_string()) else { return Ok(()); };
        let Ok(r) = ResultSet::from_json(&Value::Array(rows).to_string()) else { return Ok(()); };
        let (a, b) = compare(&d, &r, &o, true);
        prop_assert_eq!(by_value(a), by_value(b));
    }
}

#[test]
fn output_batch_holds_the_evaluation_rows() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let d = Directive::from_json(
        &std::fs::read_to_string(root.join("docs/examples/002_kon-tum-2024.json")).unwrap(),
    )
    .unwrap();
    let r = ResultSet::from_json(
        r#"[
      {"unit": "A", "target": "1", "period": "2024", "value": "10.5"},
      {"unit": "A", "target": "3", "period": "2024-H1", "value": "2415", "provenance": "estimate"},
      {"unit": "B", "target": "8", "period": "2024", "value": "11.95", "baseline": "15.53"}]"#,
    )
    .unwrap();
    let o = EvaluationOptions::default();
    let b = CompiledDirective::new(&d, &o)
        .unwrap()
        .evaluate(&r)
        .unwrap();
    let rb = b
        .to_record_batch(&ArrowOutput::default().with_explanations(true))
        .unwrap();
    let ev = evaluate_rowwise(&d, &r, &o).unwrap();
    let rows = ev.rows();
    assert_eq!(rb.num_rows(), rows.len());
    let col = |n: &str| rb.column_by_name(n).unwrap().clone();
    let dict_str = |n: &str, i: usize| {
        let c = col(n);
        let d: &DictionaryArray<Int32Type> = c.as_dictionary();
        let k = d.keys().value(i) as usize;
        d.values().as_string::<i32>().value(k).to_string()
    };
    let ratio = col("ratio");
    let ratio = ratio.as_primitive::<arrow_array::types::Decimal128Type>();
    let gap = col("gap");
    let gap = gap.as_primitive::<arrow_array::types::Decimal128Type>();
    let status = col("status");
    let status = status.as_dictionary::<arrow_array::types::Int8Type>();
    let expl = col("explanation_vi");
    let expl = expl.as_string::<i32>();
    for (i, row) in rows.enumerate() {
        assert_eq!(dict_str("unit", i), row.unit);
        assert_eq!(dict_str("period", i), row.period.to_string());
        assert_eq!(dict_str("target", i), row.evaluation.target);
        let st = status
            .values()
            .as_string::<i32>()
            .value(status.keys().value(i) as usize)
            .to_string();
        assert_eq!(st, json_str(&row.evaluation.status));
        let as_dec = |a: &Decimal128Array| {
            (!a.is_null(i))
                .then(|| Decimal::from_i128_with_scale(a.value(i), a.scale() as u32).normalize())
        };
        assert_eq!(as_dec(ratio), row.evaluation.ratio.map(|x| x.normalize()));
        assert_eq!(as_dec(gap), row.evaluation.gap.map(|x| x.normalize()));
        assert_eq!(expl.value(i), row.evaluation.explanation.vi);
    }
    assert_eq!(ratio.scale(), 2);
    let s = b.summary_record_batch(true).unwrap();
    assert_eq!(s.num_rows(), ev.units.len());
    assert_eq!(
        s.column_by_name("headline_vi")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        ev.units[0].summary.headline_vi
    );
}

#[test]
fn floats_ints_and_dictionaries_are_read_exactly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let d = Directive::from_json(
        &std::fs::read_to_string(root.join("docs/examples/002_kon-tum-2024.json")).unwrap(),
    )
    .unwrap();
    let units: DictionaryArray<Int32Type> = vec!["Xã A", "Xã A", "Xã B"].into_iter().collect();
    let b = RecordBatch::try_from_iter([
        ("unit", Arc::new(units) as ArrayRef),
        (
            "target",
            Arc::new(arrow_array::Int64Array::from(vec![1, 2, 1])) as ArrayRef,
        ),
        (
            "period",
            Arc::new(arrow_array::Int64Array::from(vec![2024, 2024, 2024])) as ArrayRef,
        ),
        (
            "value",
            Arc::new(Float64Array::from(vec![Some(10.1), Some(63.7), None])) as ArrayRef,
        ),
    ])
    .unwrap();
    let c = CompiledDirective::new(&d, &EvaluationOptions::default()).unwrap();
    let e = c.evaluate(&ArrowResults::new(&b).unwrap()).unwrap();
    assert_eq!(e.groups(), 2);
    assert_eq!(e.result().get(0).unwrap().to_string(), "10.1"); // not 10.0999999999999996447…
    assert_eq!(e.ratio().get(0).unwrap().to_string(), "101.00");
    assert_eq!(e.status()[1], crate::Status::NotMet);
    assert_eq!(e.status()[19], crate::Status::NoData); // Xã B, target 1: NaN is no value
                                                       // An unknown column is refused unless asked to skip it.
    let extra = RecordBatch::try_from_iter([
        ("unit", Arc::new(StringArray::from(vec!["A"])) as ArrayRef),
        ("target", Arc::new(StringArray::from(vec!["1"])) as ArrayRef),
        (
            "period",
            Arc::new(StringArray::from(vec!["2024"])) as ArrayRef,
        ),
        (
            "colour",
            Arc::new(StringArray::from(vec!["red"])) as ArrayRef,
        ),
    ])
    .unwrap();
    assert_eq!(
        ArrowResults::new(&extra).err().unwrap().code(),
        "invalid_input"
    );
    assert!(ArrowResults::with_options(&extra, true).is_ok());
    // A bad period names its row.
    let bad = RecordBatch::try_from_iter([
        (
            "unit",
            Arc::new(StringArray::from(vec!["A", "A"])) as ArrayRef,
        ),
        (
            "target",
            Arc::new(StringArray::from(vec!["1", "2"])) as ArrayRef,
        ),
        (
            "period",
            Arc::new(StringArray::from(vec!["2024", "2024-X"])) as ArrayRef,
        ),
    ])
    .unwrap();
    let err = c.evaluate(&ArrowResults::new(&bad).unwrap()).unwrap_err();
    assert_eq!(err.code(), "invalid_period");
    assert!(err.to_string().contains("results[1]"), "{err}");
    // ±∞ is an error, not a value.
    let inf = RecordBatch::try_from_iter([
        ("unit", Arc::new(StringArray::from(vec!["A"])) as ArrayRef),
        ("target", Arc::new(StringArray::from(vec!["1"])) as ArrayRef),
        (
            "period",
            Arc::new(StringArray::from(vec!["2024"])) as ArrayRef,
        ),
        (
            "value",
            Arc::new(Float64Array::from(vec![f64::INFINITY])) as ArrayRef,
        ),
    ])
    .unwrap();
    assert_eq!(
        c.evaluate(&ArrowResults::new(&inf).unwrap())
            .unwrap_err()
            .code(),
        "invalid_number"
    );
}

#[test]
fn result_fields_it_cannot_read_are_refused_not_dropped() {
    let col = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as ArrayRef;
    for name in super::arrow::UNREAD_RESULT_COLUMNS {
        let b = RecordBatch::try_from_iter([
            ("unit", col(&["A"])),
            ("target", col(&["1"])),
            ("period", col(&["2024"])),
            ("value", col(&["1"])),
            (*name, col(&["x"])),
        ])
        .unwrap();
        for ignore_extra in [false, true] {
            let e = ArrowResults::with_options(&b, ignore_extra)
                .err()
                .unwrap_or_else(|| panic!("{name} was accepted"));
            assert_eq!(e.code(), "invalid_input");
            assert!(e.to_string().contains(name), "{e}");
        }
    }
}

/// The three-decimal thousands-dot warning ("13.000" may be a Vietnamese 13.000 = 13000) is for
/// values as written: a text column keeps each value's decimals, a decimal128 column has its
/// own common scale (`13` in a column of scale 3 is `13.000`) and gets only the 10³-apart test.
#[test]
fn three_decimals_warn_only_when_written() {
    let d = Directive::from_json(
        r#"{"title":"t","kind":"plan","issuer":{"name":"UBND huyện X"},
        "coverage":{"year":2024,"until_year":2025},
        "items":[{"number":1,"text":"…","targets":[{"id":"1","name":"Chỉ tiêu 1",
        "spec":{"kind":"amount","comparator":"at_least","measure":"flow",
        "value":{"value":"1249","unit":"đồng","scale":"one"}}}]}]}"#,
    )
    .unwrap();
    let r = ResultSet::from_json(
        r#"[{"unit":"Xã 0","target":"1","period":"2024","value":"13.000","value_unit":"đồng"},
        {"unit":"Xã 1","target":"1","period":"2024","value":"13","value_unit":"đồng"},
        {"unit":"Xã 1","target":"1","period":"2024-H1","value":"0.000","value_unit":"đồng"}]"#,
    )
    .unwrap();
    let o = EvaluationOptions::default();
    let scale_warnings = |as_decimal128: bool| {
        let b = batch(&r.entries, as_decimal128);
        let e = CompiledDirective::new(&d, &o)
            .unwrap()
            .evaluate(&ArrowResults::new(&b).unwrap())
            .unwrap()
            .to_evaluation();
        e.warnings
            .iter()
            .filter(|w| w.code == crate::WarningCode::LikelyScaleMistake)
            .map(|w| w.unit.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let rowwise = evaluate_rowwise(&d, &r, &o).unwrap();
    let rw: Vec<_> = rowwise
        .warnings
        .iter()
        .filter(|w| w.code == crate::WarningCode::LikelyScaleMistake)
        .map(|w| w.unit.clone().unwrap_or_default())
        .collect();
    assert_eq!(rw, ["Xã 0"]);
    assert_eq!(scale_warnings(false), rw);
    assert_eq!(scale_warnings(true), Vec::<String>::new());
}
