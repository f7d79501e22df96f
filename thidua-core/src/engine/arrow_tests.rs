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

use super::arrow::{ArrowOutput, ArrowResults, RESULT_COLUMNS};
use super::test_support::{as_json, case, evaluate_vectors, kon_tum, parse_case};
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

/// The rows as a batch with every field of `ResultEntry` as a column: with `typed`, the
/// numbers as decimal128 (where one scale fits), the date as date32 and the enum names as
/// dictionaries (pandas / polars categoricals); else all as text.
pub(super) fn batch(e: &[ResultEntry], typed: bool) -> RecordBatch {
    let as_decimal128 = typed;
    let s = |f: &dyn Fn(&ResultEntry) -> Option<String>| text(e.iter().map(f));
    let names = |f: &dyn Fn(&ResultEntry) -> Option<String>| -> ArrayRef {
        if typed {
            let v: Vec<Option<String>> = e.iter().map(f).collect();
            let d: DictionaryArray<Int32Type> = v.iter().map(|x| x.as_deref()).collect();
            Arc::new(d)
        } else {
            text(e.iter().map(f))
        }
    };
    let num = |f: &dyn Fn(&ResultEntry) -> Option<Decimal>| {
        numbers(&e.iter().map(f).collect::<Vec<_>>(), as_decimal128)
    };
    let dates: ArrayRef = if typed {
        Arc::new(arrow_array::Date32Array::from(
            e.iter()
                .map(|r| {
                    r.date.map(|d| {
                        (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
                    })
                })
                .collect::<Vec<_>>(),
        ))
    } else {
        s(&|r| r.date.map(|d| d.to_string()))
    };
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
        ("provenance", names(&|r| r.provenance.map(|p| json_str(&p)))),
        ("note", s(&|r| r.note.clone())),
        ("value_high", num(&|r| r.value_high)),
        ("qualifier", names(&|r| r.qualifier.map(|x| json_str(&x)))),
        ("share_of_plan", num(&|r| r.share_of_plan)),
        ("plan_level", s(&|r| r.plan_level.clone())),
        ("change", num(&|r| r.change)),
        (
            "change_unit",
            names(&|r| r.change_unit.map(|x| json_str(&x))),
        ),
        (
            "change_from",
            names(&|r| r.change_from.map(|x| json_str(&x))),
        ),
        ("date", dates),
        ("reported", s(&|r| r.reported.clone())),
        ("source", s(&|r| r.source.clone())),
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
    let b = batch(&r.entries, as_decimal128);
    // A decimal128 value column has the column's scale, not the writing's (the three-decimal
    // warning is for values as written): the reference is told the same.
    let as_written = !matches!(
        b.column_by_name("value").unwrap().data_type(),
        arrow_schema::DataType::Decimal128(..)
    );
    let reference = as_json(crate::evaluate::rowwise(
        d,
        &Default::default(),
        r,
        o,
        as_written,
    ));
    let engine = as_json(
        CompiledDirective::new(d, o)
            .and_then(|c| c.evaluate(&ArrowResults::new(&b)?))
            .map(|b| b.to_evaluation()),
    );
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
        let Some((d, r)) = parse_case(&d, rows) else { return Ok(()); };
        let (a, b) = compare(&d, &r, &o, false);
        prop_assert_eq!(a, b);
    }

    /// Values as decimal128 columns: identical up to the column's common scale.
    #[test]
    fn arrow_decimal_columns_equal_rowwise((d, rows, o) in case()) {
        let Some((d, r)) = parse_case(&d, rows) else { return Ok(()); };
        let (a, b) = compare(&d, &r, &o, true);
        prop_assert_eq!(by_value(a), by_value(b));
    }
}

/// Every shared evaluation vector (without per-unit targets) through Arrow, as text columns
/// and as typed ones: the row-wise answer — every field of the rows is a column.
#[test]
fn every_vector_through_arrow() {
    let mut compared = 0;
    for v in evaluate_vectors() {
        if v.targets.is_some() {
            continue; // per-unit targets: `ArrowResults` holds results only
        }
        let (d, r, o) = (&v.directive, &v.results, &v.options);
        let (a, b) = compare(d, r, o, false);
        assert_eq!(a, b, "{} (text columns)", v.path.display());
        let (a, b) = compare(d, r, o, true);
        assert_eq!(
            by_value(a),
            by_value(b),
            "{} (typed columns)",
            v.path.display()
        );
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} vectors compared");
}

#[test]
fn output_batch_holds_the_evaluation_rows() {
    let d = kon_tum();
    let r = ResultSet::from_json(
        r#"[
      {"unit": "A", "target": "1", "period": "2024", "value": "10.5"},
      {"unit": "A", "target": "3", "period": "2024-H1", "value": "2415", "provenance": "estimate"},
      {"unit": "B", "target": "8", "period": "2024", "value": "11.95", "baseline": "15.53"},
      {"unit": "B", "target": "2", "period": "2024", "value": "63.9", "provenance": "preliminary"}]"#,
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
        let p = col("provenance");
        let p = p.as_dictionary::<arrow_array::types::Int8Type>();
        let got = (!p.is_null(i)).then(|| {
            p.values()
                .as_string::<i32>()
                .value(p.keys().value(i) as usize)
                .to_string()
        });
        let want = serde_json::to_value(row.evaluation).unwrap()["provenance"].clone();
        assert_eq!(
            got.map(Value::String).unwrap_or(Value::Null),
            want,
            "row {i}"
        );
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
    let d = kon_tum();
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

/// `RESULT_COLUMNS` is `ResultEntry`'s every field (by its JSON name): none is left unread.
#[test]
fn the_columns_are_every_field_of_a_result() {
    let full: ResultEntry = serde_json::from_str(FULL_ROW).unwrap();
    let mut fields: Vec<String> = match serde_json::to_value(&full).unwrap() {
        Value::Object(o) => o.keys().cloned().collect(),
        _ => unreachable!(),
    };
    fields.sort();
    let mut cols: Vec<String> = RESULT_COLUMNS.iter().map(|c| c.to_string()).collect();
    cols.sort();
    assert_eq!(fields, cols);
}

/// A row with every field set (each to a value that is not the default).
const FULL_ROW: &str = r#"{"unit": "Xã A", "target": "3", "component": "a", "period": "2024-H1",
    "value": "6.6", "value_high": "6.8", "qualifier": "over", "baseline": "5.25",
    "share_of_plan": "102.6", "plan_level": "dự toán Trung ương giao", "change": "-1.2",
    "change_unit": "percentage_points", "change_from": "same_period", "scale": "million",
    "value_unit": "triệu đồng", "out_of": 63, "baseline_out_of": 34, "judgement": "met",
    "not_applicable": true, "provenance": "preliminary", "date": "2025-03-15",
    "reported": "ước đạt hơn 6,6%", "source": "Báo cáo số 12/BC-UBND", "note": "ghi chú"}"#;

fn one_row(cols: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(cols).unwrap()
}

fn str_col(v: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(v.to_vec()))
}

/// Every field through Arrow, as text and as typed columns, is the row JSON gives.
#[test]
fn every_field_reads_as_json_does() {
    use crate::engine::ResultSource;
    let want: ResultEntry = serde_json::from_str(FULL_ROW).unwrap();
    for typed in [false, true] {
        let b = batch(std::slice::from_ref(&want), typed);
        let got = ArrowResults::new(&b)
            .unwrap()
            .entry(0)
            .unwrap()
            .into_owned();
        assert_eq!(got, want, "typed: {typed}");
    }
    // The date as polars / pyarrow / pandas give it: date32, date64, timestamps at midnight
    // (naive or UTC), ISO text.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let days = (day - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
    let ns = days * 86_400 * 1_000_000_000;
    let keys = || {
        vec![
            ("unit", str_col(&[Some("A"), Some("A")])),
            ("target", str_col(&[Some("1"), Some("1")])),
            ("period", str_col(&[Some("2024"), Some("2024")])),
        ]
    };
    let date_of = |a: ArrayRef| {
        let mut c = keys();
        c.push(("date", a));
        let b = one_row(c);
        let r = ArrowResults::new(&b)?;
        Ok::<_, crate::Error>((r.entry(0)?.date, r.entry(1)?.date))
    };
    use arrow_array::{Date32Array, Date64Array, TimestampNanosecondArray, TimestampSecondArray};
    for a in [
        Arc::new(Date32Array::from(vec![Some(days as i32), None])) as ArrayRef,
        Arc::new(Date64Array::from(vec![Some(days * 86_400_000), None])),
        Arc::new(TimestampNanosecondArray::from(vec![Some(ns), None])),
        Arc::new(TimestampNanosecondArray::from(vec![Some(ns), None]).with_timezone("UTC")),
        Arc::new(TimestampSecondArray::from(vec![Some(days * 86_400), None])),
        str_col(&[Some("2025-03-15"), Some("")]),
    ] {
        let t = a.data_type().clone();
        assert_eq!(date_of(a).unwrap(), (Some(day), None), "{t}");
    }
    // A time of day, another time zone, a text that is no date: errors naming row and column.
    let e = date_of(Arc::new(TimestampNanosecondArray::from(vec![
        Some(ns),
        Some(ns + 3_600_000_000_000),
    ])))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.location().path()),
        ("invalid_input", "results[1].date".into())
    );
    assert!(e.to_string().contains("time of day"), "{e}");
    let e = date_of(Arc::new(
        TimestampNanosecondArray::from(vec![Some(ns), None]).with_timezone("Asia/Ho_Chi_Minh"),
    ))
    .unwrap_err();
    assert!(e.to_string().contains("Asia/Ho_Chi_Minh"), "{e}");
    let e = date_of(str_col(&[Some("2025-03-15"), Some("15/03/2025")])).unwrap_err();
    assert_eq!(e.location().path(), "results[1].date", "{e}");
    // An enum name outside the type: the serde error of the JSON path, at the cell's path.
    let mut c = keys();
    c.push(("qualifier", str_col(&[Some("over"), Some("hơn")])));
    let b = one_row(c);
    let e = ArrowResults::new(&b).unwrap().entry(1).unwrap_err();
    assert_eq!(e.code(), "json");
    assert_eq!(e.location().path(), "results[1].qualifier");
    assert!(e.to_string().contains("hơn"), "{e}");
    // A number by the decimal rule: "6,5" is refused as in JSON.
    let mut c = keys();
    c.push(("share_of_plan", str_col(&[Some("102.6"), Some("6,5")])));
    let b = one_row(c);
    let e = ArrowResults::new(&b).unwrap().entry(1).unwrap_err();
    assert_eq!(e.code(), "invalid_number");
    assert_eq!(e.location().path(), "results[1].share_of_plan", "{e}");
    // `status` is `provenance` (the JSON alias); both at once are refused.
    let mut c = keys();
    c.push(("status", str_col(&[Some("estimate"), None])));
    let b = one_row(c);
    let r = ArrowResults::new(&b).unwrap();
    assert_eq!(
        (r.provenance(0).unwrap(), r.provenance(1).unwrap()),
        (Some(crate::Provenance::Estimate), None)
    );
    let mut c = keys();
    c.push(("status", str_col(&[Some("estimate"), None])));
    c.push(("provenance", str_col(&[Some("estimate"), None])));
    let b = one_row(c);
    assert_eq!(ArrowResults::new(&b).err().unwrap().code(), "invalid_input");
}

/// Rows with the other forms (a range, a share of plan, a reported wording, a note…) go the
/// row-wise way and the plain rows beside them stay on the kernels.
#[test]
fn rows_with_other_fields_leave_the_fast_path_alone() {
    let d = kon_tum();
    let r = ResultSet::from_json(
        r#"[
      {"unit": "A", "target": "1", "period": "2024", "value": "10.5"},
      {"unit": "A", "target": "2", "period": "2024", "value": "63.7", "note": "sơ bộ"},
      {"unit": "B", "target": "1", "period": "2024", "value": "10", "value_high": "11"},
      {"unit": "B", "target": "2", "period": "2024", "share_of_plan": "102.6"},
      {"unit": "C", "target": "1", "period": "2024", "reported": "hơn 10,2%"},
      {"unit": "C", "target": "2", "period": "2024", "value": "60", "date": "2025-03-15", "source": "Báo cáo"}]"#,
    )
    .unwrap();
    let o = EvaluationOptions::default();
    let want = serde_json::to_value(evaluate_rowwise(&d, &r, &o).unwrap()).unwrap();
    let c = CompiledDirective::new(&d, &o).unwrap();
    for typed in [false, true] {
        let b = batch(&r.entries, typed);
        let e = c.evaluate(&ArrowResults::new(&b).unwrap()).unwrap();
        assert_eq!(e.row_wise_rows(), 5, "typed: {typed}");
        let got = serde_json::to_value(e.to_evaluation()).unwrap();
        assert_eq!(
            by_value(Ok(got)),
            by_value(Ok(want.clone())),
            "typed: {typed}"
        );
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

/// The same bad cell gives the same error code and the same structured location
/// (`results[1].qualifier`) on the JSON path (`ResultSet::from_json` + `evaluate`), the Arrow
/// path and the plain-columns path (JavaScript's batch), and the message names the cell.
#[test]
fn a_bad_cell_has_the_json_paths_code_and_location_on_every_path() {
    use crate::engine::{ColumnResults, Dictionary, Numbers};
    use crate::error::Segment;
    let d = kon_tum();
    let opts = EvaluationOptions::default();
    let compiled = CompiledDirective::new(&d, &opts).unwrap();
    let path = |e: &crate::Error| e.location().segments().to_vec();
    // (column, bad text in row 1, the code every path gives)
    for (col, bad, code) in [
        ("value", "abc", "invalid_number"),
        ("value", "6,5", "invalid_number"),
        ("baseline", "1e400", "invalid_number"),
        ("share_of_plan", "12,5,3", "invalid_number"),
        ("period", "2024-H3", "invalid_period"),
        ("period", "24", "invalid_period"),
        ("qualifier", "hơn", "json"),
        ("date", "15/03/2025", "json"),
        ("value_unit", "  ", "json"),
        ("provenance", "rumour", "json"),
        ("status", "rumour", "json"),
        ("scale", "zillion", "json"),
        ("judgement", "maybe", "json"),
        ("change_unit", "x", "json"),
    ] {
        let cell = |i: usize, c: &str| -> Option<&str> {
            match (i, c) {
                (1, c) if c == col => Some(bad),
                (_, "unit") => Some(["Xã A", "Xã B"][i]),
                (_, "target") => Some("1"),
                (_, "period") => Some("2024"),
                (_, "value") => Some("10"),
                _ => None,
            }
        };
        let mut names = vec!["unit", "target", "period", "value"];
        if !names.contains(&col) {
            names.push(col);
        }
        let rows: Vec<Value> = (0..2)
            .map(|i| {
                let m: serde_json::Map<String, Value> = names
                    .iter()
                    .filter_map(|c| cell(i, c).map(|v| (c.to_string(), Value::from(v))))
                    .collect();
                Value::Object(m)
            })
            .collect();
        let json = Value::Array(rows).to_string();
        let by_json = ResultSet::from_json(&json)
            .and_then(|rs| crate::evaluate(&d, &rs, &opts))
            .unwrap_err();
        let want = vec![
            Segment::from("results"),
            Segment::Index(1),
            Segment::from(col.to_string()),
        ];
        assert_eq!(
            (by_json.code(), path(&by_json)),
            (code, want.clone()),
            "{col}: {by_json}"
        );
        let b = one_row(
            names
                .iter()
                .map(|c| (*c, str_col(&[cell(0, c), cell(1, c)])))
                .collect(),
        );
        let by_arrow = ArrowResults::new(&b)
            .and_then(|src| compiled.evaluate(&src))
            .unwrap_err();
        assert_eq!(
            (by_arrow.code(), path(&by_arrow)),
            (code, want.clone()),
            "{col}: {by_arrow}"
        );
        // The message reads: what, where, why (and quotes the bad text).
        let m = by_arrow.to_string();
        assert!(m.contains(&format!("results[1].{col}")), "{m}");
        if !bad.trim().is_empty() {
            assert!(m.contains(bad), "{m}");
        }
        // The plain columns (JavaScript's batch) read value and period.
        if col == "value" || col == "period" {
            let (units, targets) = (["Xã A", "Xã B"], ["1"]);
            let periods: Vec<&str> = (0..2).filter_map(|i| cell(i, "period")).collect();
            let pidx: Vec<u32> = if col == "period" {
                vec![0, 1]
            } else {
                vec![0, 0]
            };
            let text: String = (0..2).filter_map(|i| cell(i, "value")).collect();
            let first = cell(0, "value").unwrap().len() as u32;
            let offsets = [0, first, text.len() as u32];
            let by_columns = ColumnResults::new(
                Dictionary::new(&units, &[0, 1]).unwrap(),
                Dictionary::new(&targets, &[0, 0]).unwrap(),
                Dictionary::new(&periods, &pidx).unwrap(),
            )
            .and_then(|c| {
                c.with_values(Numbers::Text {
                    text: &text,
                    offsets: &offsets,
                })
            })
            .and_then(|src| compiled.evaluate(&src))
            .unwrap_err();
            assert_eq!(
                (by_columns.code(), path(&by_columns)),
                (code, want),
                "{col}: {by_columns}"
            );
        }
    }
    let at = |col: &str| {
        vec![
            Segment::from("results"),
            Segment::Index(1),
            Segment::from(col.to_string()),
        ]
    };
    let by_json = |rows: Value| {
        ResultSet::from_json(&rows.to_string()).and_then(|rs| crate::evaluate(&d, &rs, &opts))
    };
    let base = |i: usize| {
        serde_json::json!({"unit": (["Xã A", "Xã B"][i]), "target": "1", "period": "2024",
            "value": "10"})
    };
    let arrow_of = |extra: Vec<(&str, ArrayRef)>, periods: [Option<&str>; 2]| {
        let mut cols: Vec<(&str, ArrayRef)> = vec![
            ("unit", str_col(&[Some("Xã A"), Some("Xã B")])),
            ("target", str_col(&[Some("1"), Some("1")])),
            ("period", str_col(&periods)),
            ("value", str_col(&[Some("10"), Some("10")])),
        ];
        cols.extend(extra);
        let b = one_row(cols);
        ArrowResults::new(&b).and_then(|src| compiled.evaluate(&src).map(|e| e.to_evaluation()))
    };
    // A count (`out_of`, `baseline_out_of`) is read by its type, a u32, on every path: the
    // JSON path's `json` error at the cell, from integer and float columns alike.
    for (col, bad) in [("out_of", -1i64), ("baseline_out_of", 1i64 << 32)] {
        let mut row = base(1);
        row[col] = Value::from(bad);
        let e = by_json(Value::Array(vec![base(0), row])).unwrap_err();
        assert_eq!((e.code(), path(&e)), ("json", at(col)), "{col}: {e}");
        let int: ArrayRef = Arc::new(arrow_array::Int64Array::from(vec![None, Some(bad)]));
        let float: ArrayRef = Arc::new(Float64Array::from(vec![None, Some(bad as f64)]));
        for column in [int, float] {
            let e = arrow_of(vec![(col, column)], [Some("2024"); 2]).unwrap_err();
            assert_eq!((e.code(), path(&e)), ("json", at(col)), "{col}: {e}");
            assert!(e.to_string().contains(&format!("results[1].{col}")), "{e}");
        }
    }
    // A missing period (no field in JSON, a null cell in Arrow) is a missing field at the
    // field's own path, `results[1].period`. (The plain columns take periods through a
    // dictionary of texts: they have no null period.)
    let mut row = base(1);
    row.as_object_mut().unwrap().remove("period");
    let e = by_json(Value::Array(vec![base(0), row])).unwrap_err();
    assert_eq!((e.code(), path(&e)), ("json", at("period")), "{e}");
    assert!(e.to_string().contains("missing field `period`"), "{e}");
    let e = arrow_of(vec![], [Some("2024"), None]).unwrap_err();
    assert_eq!((e.code(), path(&e)), ("json", at("period")), "{e}");
    assert!(e.to_string().contains("missing field `period`"), "{e}");
    // A null unit or target cell is the same missing field (JSON: `null` or no field).
    for col in ["unit", "target"] {
        let mut row = base(1);
        row.as_object_mut().unwrap().remove(col);
        let e = by_json(Value::Array(vec![base(0), row])).unwrap_err();
        assert_eq!((e.code(), path(&e)), ("json", at(col)), "{e}");
        let mut row = base(1);
        row[col] = Value::Null;
        let e = by_json(Value::Array(vec![base(0), row])).unwrap_err();
        assert_eq!((e.code(), path(&e)), ("json", at(col)), "{e}");
        let mut cols: Vec<(&str, ArrayRef)> = vec![
            ("unit", str_col(&[Some("Xã A"), Some("Xã B")])),
            ("target", str_col(&[Some("1"), Some("1")])),
            ("period", str_col(&[Some("2024"), Some("2024")])),
        ];
        for (n, a) in cols.iter_mut() {
            if *n == col {
                *a = str_col(&[Some("1"), None]);
            }
        }
        let b = one_row(cols);
        let e = ArrowResults::new(&b).err().expect(col);
        assert_eq!((e.code(), path(&e)), ("json", at(col)), "{e}");
        assert!(
            e.to_string().contains(&format!("missing field `{col}`")),
            "{e}"
        );
    }
    // An empty `value_unit` is an absent unit on every path (the empty cell of a text
    // column), and gives the result of no unit at all.
    let mut row = base(1);
    row["value_unit"] = Value::from("");
    let with_empty = by_json(Value::Array(vec![base(0), row])).unwrap();
    let without = by_json(Value::Array(vec![base(0), base(1)])).unwrap();
    let json_of = |e: &crate::Evaluation| serde_json::to_value(e).unwrap();
    assert_eq!(json_of(&with_empty), json_of(&without));
    let by_arrow = arrow_of(
        vec![("value_unit", str_col(&[None, Some("")]))],
        [Some("2024"); 2],
    )
    .unwrap();
    assert_eq!(json_of(&by_arrow), json_of(&without));
}

/// An error about a whole column (a wrong Arrow type, an unknown or missing column, `status`
/// and `provenance` both given, a column of the wrong length) is located at `results.<column>`
/// (the field of every row, no row index) and names the column in words.
#[test]
fn a_bad_column_is_located_at_results_dot_column() {
    use crate::engine::{ColumnResults, Dictionary};
    use crate::error::Segment;
    let text2 = || str_col(&[Some("Xã A"), Some("Xã B")]);
    let base = || -> Vec<(&'static str, ArrayRef)> {
        vec![
            ("unit", text2()),
            ("target", str_col(&[Some("1"), Some("1")])),
            ("period", str_col(&[Some("2024"), Some("2024")])),
        ]
    };
    let flags: ArrayRef = Arc::new(BooleanArray::from(vec![true, false]));
    let cases: Vec<(&str, Vec<(&str, ArrayRef)>)> = vec![
        ("value", {
            let mut c = base();
            c.push(("value", flags.clone()));
            c
        }),
        ("not_applicable", {
            let mut c = base();
            c.push(("not_applicable", text2()));
            c
        }),
        ("region", {
            let mut c = base();
            c.push(("region", text2()));
            c
        }),
        (
            "target",
            base().into_iter().filter(|(n, _)| *n != "target").collect(),
        ),
        ("status", {
            let mut c = base();
            c.push(("provenance", str_col(&[Some("official"), None])));
            c.push(("status", str_col(&[None, Some("estimate")])));
            c
        }),
    ];
    for (col, cols) in cases {
        let b = one_row(cols);
        let e = ArrowResults::new(&b).err().expect(col);
        assert_eq!(e.code(), "invalid_input", "{col}: {e}");
        assert_eq!(
            e.location().segments(),
            [Segment::from("results"), Segment::from(col.to_string())],
            "{col}: {e}"
        );
        assert!(e.to_string().contains(&format!("column \"{col}\"")), "{e}");
    }
    // The plain columns (JavaScript's batch): a column of the wrong length.
    let e = ColumnResults::new(
        Dictionary::new(&["Xã A", "Xã B"], &[0, 1]).unwrap(),
        Dictionary::new(&["1"], &[0]).unwrap(),
        Dictionary::new(&["2024"], &[0, 0]).unwrap(),
    )
    .expect_err("lengths differ");
    assert_eq!(
        (e.code(), e.location().path()),
        ("invalid_input", "results.target".to_string()),
        "{e}"
    );
}
