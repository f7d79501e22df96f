//! Reported results as provinces publish them (#11): the points of the issue that the shared
//! vectors do not pin on their own, checked against the worked directive of the docs
//! (`docs/examples/units/directive.json`).

use serde_json::{json, Value};
use std::path::PathBuf;
use thidua_core::{evaluate_with_targets, Directive, EvaluationOptions, ResultSet, TargetTable};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn directive_json() -> Value {
    let text = std::fs::read_to_string(root().join("docs/examples/units/directive.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Evaluates `rows` (raw JSON text, so that numbers keep their JSON spelling) against the
/// directive `d` with `options`; the whole evaluation as JSON.
fn eval_with(d: &Value, rows: &str, options: Value) -> Result<Value, thidua_core::Error> {
    let directive = Directive::from_json(&d.to_string())?;
    let results = ResultSet::from_json(rows)?;
    let options = EvaluationOptions::from_json(&options.to_string())?;
    let e = evaluate_with_targets(&directive, &TargetTable::default(), &results, &options)?;
    Ok(serde_json::to_value(&e).unwrap())
}

fn eval(rows: &str, options: Value) -> Value {
    eval_with(&directive_json(), rows, options).unwrap_or_else(|e| panic!("{rows}: {e}"))
}

/// The evaluation of `target` for unit `unit`.
fn target<'a>(out: &'a Value, unit: &str, target: &str) -> &'a Value {
    out["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit)
        .unwrap_or_else(|| panic!("no unit {unit}"))["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == target)
        .unwrap_or_else(|| panic!("no target {target}"))
}

fn codes(out: &Value) -> Vec<String> {
    out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn row(unit: &str, target: &str, rest: &str) -> String {
    format!(r#"{{"unit":"{unit}","target":"{target}","period":"2024"{rest}}}"#)
}

#[test]
fn above_a_figure_exceeds_the_same_figure() {
    // "trên 3,2 triệu lượt" against "từ 3,2 triệu lượt khách trở lên": vượt, not đạt; the same
    // figure entered plainly is đạt, and "gần 3,2 triệu" is không đạt.
    let rows = format!(
        "[{},{},{},{}]",
        row("A", "5", r#","reported":"trên 3,2 triệu lượt""#),
        row("B", "5", r#","value":"3.2","qualifier":"over""#),
        row("C", "5", r#","value":"3.2""#),
        row("D", "5", r#","reported":"gần 3,2 triệu lượt khách""#),
    );
    let out = eval(&rows, json!({}));
    assert_eq!(target(&out, "A", "5")["status"], "exceeded");
    assert_eq!(target(&out, "A", "5")["qualifier"], "over");
    assert_eq!(target(&out, "B", "5")["status"], "exceeded");
    assert_eq!(target(&out, "C", "5")["status"], "met");
    assert_eq!(target(&out, "D", "5")["status"], "not_met");
    // The original wording is in the explanation, in both languages.
    for lang in ["vi", "en"] {
        let x = target(&out, "A", "5")["explanation"][lang]
            .as_str()
            .unwrap();
        assert!(x.contains("trên 3,2 triệu lượt"), "{lang}: {x}");
    }
}

#[test]
fn a_value_in_dong_without_a_scale_is_a_warning_or_is_converted() {
    // 5.911.000.000.000 written without a scale against 5.911 tỷ đồng: a likely scale mistake.
    let out = eval(
        &format!("[{}]", row("A", "3", r#","value":"5911000000000""#)),
        json!({}),
    );
    assert!(
        codes(&out).contains(&"likely_scale_mistake".into()),
        "{:?}",
        codes(&out)
    );
    let w = &out["warnings"][0];
    assert_eq!(w["unit"], "A");
    assert_eq!(w["target"], "3");
    assert!(w["message_vi"].as_str().unwrap().contains("tỷ đồng"));
    // A unit without a scale word is checked, never converted (docs/json-format.md): the
    // figure is still read in the target's scale, and still warned about.
    let out = eval(
        &format!(
            "[{}]",
            row("A", "3", r#","value":"5911000000000","value_unit":"đồng""#)
        ),
        json!({}),
    );
    assert!(
        codes(&out).contains(&"likely_scale_mistake".into()),
        "{:?}",
        codes(&out)
    );
    // With the scale stated ("scale": "one"), the figure is read in đồng and converted: 100 %
    // of plan, nothing suspicious.
    let out = eval(
        &format!(
            "[{}]",
            row(
                "A",
                "3",
                r#","value":"5911000000000","scale":"one","value_unit":"đồng""#
            )
        ),
        json!({}),
    );
    let t = target(&out, "A", "3");
    assert_eq!(t["status"], "met", "{t}");
    assert_eq!(t["ratio"], "100.00");
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
}

#[test]
fn three_decimals_warn_as_a_string_and_as_a_json_number() {
    // "5.911" against 5.911 tỷ: read with a decimal point (5,911), which is 1000× off; the
    // warning says how a Vietnamese thousands dot would have to be written. The JSON number
    // 5.911 gets the same warning.
    for value in [r#""5.911""#, "5.911"] {
        let out = eval(
            &format!("[{}]", row("A", "3", &format!(r#","value":{value}"#))),
            json!({}),
        );
        assert_eq!(target(&out, "A", "3")["status"], "not_met");
        let w = out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == "likely_scale_mistake")
            .unwrap_or_else(|| panic!("{value}: no warning: {}", out["warnings"]));
        let en = w["message_en"].as_str().unwrap();
        assert!(en.contains("thousands dot"), "{value}: {en}");
        assert!(en.contains("5911"), "{value}: {en}");
    }
    // Less than 10³ away but still ambiguous: "3.500" (3,5) against 300 triệu USD, where the
    // thousands reading (3.500) is nearer the target. (As a JSON *number* 3.500 reaches the
    // library as 3.5 — the JSON reader drops its trailing zeros — so only the string keeps
    // the ambiguity; 3.512 as a number keeps it.)
    for (value, thousands) in [(r#""3.500""#, "3500"), ("3.512", "3512")] {
        let out = eval(
            &format!("[{}]", row("A", "4", &format!(r#","value":{value}"#))),
            json!({}),
        );
        let w = out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["code"] == "likely_scale_mistake")
            .unwrap_or_else(|| panic!("{value}: no warning: {}", out["warnings"]));
        let en = w["message_en"].as_str().unwrap();
        assert!(en.contains("nearer the target 300"), "{value}: {en}");
        assert!(en.contains(thousands), "{value}: {en}");
        assert_eq!(w["row"], 0);
    }
    // Not for a percentage ("1.250%" against 7 %) nor a figure that is nearer as read.
    let out = eval(
        &format!(
            "[{},{}]",
            row("A", "1", r#","value":"1.250""#),
            row("A", "4", r#","value":"290.500""#)
        ),
        json!({}),
    );
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    // Three decimals that fit the target are not suspicious: "3.250" triệu lượt against 3,2.
    let out = eval(
        &format!("[{}]", row("A", "5", r#","value":"3.250""#)),
        json!({}),
    );
    assert_eq!(target(&out, "A", "5")["status"], "exceeded");
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
}

#[test]
fn value_units_as_the_documents_write_them() {
    let rows = format!(
        "[{},{},{},{},{}]",
        // Scale and unit in one word group.
        row("A", "4", r#","value":"310","value_unit":"triệu USD""#),
        row("B", "4", r#","value":"0.29","value_unit":"tỷ USD""#),
        // A short form of the target's unit.
        row("C", "5", r#","value":"3.3","value_unit":"lượt""#),
        // Percentage points for a reduction in points.
        row("D", "6", r#","value":"1.2","value_unit":"điểm %""#),
        // The same, in millions of đồng against tỷ đồng.
        row("E", "3", r#","value":"5950000","value_unit":"triệu đồng""#),
    );
    let out = eval(&rows, json!({}));
    assert_eq!(target(&out, "A", "4")["status"], "exceeded");
    assert_eq!(target(&out, "A", "4")["result"], "310");
    assert_eq!(target(&out, "B", "4")["status"], "not_met");
    assert_eq!(dec(&target(&out, "B", "4")["result"]), dec(&json!("290")));
    assert_eq!(target(&out, "C", "5")["status"], "exceeded");
    assert_eq!(target(&out, "D", "6")["status"], "met");
    assert_eq!(dec(&target(&out, "E", "3")["result"]), dec(&json!("5950")));
    // Only the short unit is worth a word (it is read as the target's "lượt khách").
    assert_eq!(codes(&out), vec!["unusual_unit".to_string()]);
    // A unit of another dimension is an error naming the row.
    let bad = eval_with(
        &directive_json(),
        &format!(
            "[{}]",
            row("A", "4", r#","value":"310","value_unit":"triệu đồng""#)
        ),
        json!({}),
    )
    .unwrap_err();
    let msg = bad.to_string();
    assert!(msg.contains("results[0]"), "{msg}");
}

fn summary<'a>(out: &'a Value, unit: &str) -> &'a Value {
    &out["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit)
        .unwrap()["summary"]
}

#[test]
fn headline_over_all_targets_or_only_those_with_data() {
    // Six of the twelve targets have data; three of them are met or exceeded.
    let rows = format!(
        "[{},{},{},{},{},{}]",
        row("A", "1", r#","value":"7.2""#),
        row("A", "4", r#","value":"290""#),
        row("A", "5", r#","value":"3.5""#),
        row("A", "7", r#","value":"4.5""#),
        row("A", "9", r#","value":"12""#),
        row("A", "10", r#","value":"3.5""#),
    );
    let all = eval(&rows, json!({"headline_basis": "targets"}));
    let s = summary(&all, "A");
    assert_eq!(s["met_or_exceeded"], 3);
    assert_eq!(s["denominator"], 12);
    assert_eq!(s["no_data"], 6);
    assert!(s["headline_vi"]
        .as_str()
        .unwrap()
        .starts_with("đạt và vượt 3/12 chỉ tiêu"));

    let with_data = eval(
        &rows,
        json!({"headline_basis": "targets", "headline_count": "with_data"}),
    );
    let s = summary(&with_data, "A");
    assert_eq!(s["denominator"], 6);
    let vi = s["headline_vi"].as_str().unwrap();
    assert!(
        vi.starts_with("đạt và vượt 3/6 chỉ tiêu có số liệu"),
        "{vi}"
    );
    assert!(vi.contains("6 chỉ tiêu chưa có số liệu"), "{vi}");
    let en = s["headline_en"].as_str().unwrap();
    assert!(en.starts_with("3 of 6 targets with data"), "{en}");

    // The "cơ bản đạt" band is off by default: 290 against 300 (96,67 %) is không đạt; with
    // a declared 95 % band it is its own status, named in the explanation and the headline,
    // and it does not count as met.
    let t = target(&with_data, "A", "4");
    assert_eq!(t["status"], "not_met");
    let band = eval(
        &rows,
        json!({"headline_basis": "targets", "headline_count": "with_data", "basically_met_at": "95"}),
    );
    let t = target(&band, "A", "4");
    assert_eq!(t["status"], "basically_met");
    assert!(t["explanation"]["vi"]
        .as_str()
        .unwrap()
        .contains("cơ bản đạt"));
    assert!(t["explanation"]["en"]
        .as_str()
        .unwrap()
        .contains("basically met"));
    let s = summary(&band, "A");
    assert_eq!(s["basically_met"], 1);
    assert_eq!(s["met_or_exceeded"], 3);
    assert!(s["headline_vi"].as_str().unwrap().contains("cơ bản đạt"));
    // A band above 100 % or not positive is refused.
    assert!(EvaluationOptions::from_json(r#"{"basically_met_at":"101"}"#).is_err());
    assert!(EvaluationOptions::from_json(r#"{"basically_met_at":"0"}"#).is_err());
}

#[test]
fn one_target_against_two_plan_levels() {
    // Thu ngân sách: HĐND tỉnh giao 5.911 tỷ (the directive's figure) and dự toán Trung ương
    // giao 5.430 tỷ. 5.600 tỷ is không đạt against the first and vượt against the second; both
    // are reported, and the explanation names each level.
    let rows = format!("[{}]", row("A", "3", r#","value":"5600""#));
    let out = eval(&rows, json!({}));
    let t = target(&out, "A", "3");
    assert_eq!(t["status"], "not_met");
    assert_eq!(t["level_label"], "dự toán HĐND tỉnh giao");
    let levels = t["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 1);
    assert_eq!(levels[0]["level"], "tw");
    assert_eq!(levels[0]["status"], "exceeded");
    let vi = t["explanation"]["vi"].as_str().unwrap();
    assert!(vi.contains("dự toán Trung ương giao"), "{vi}");
    let en = t["explanation"]["en"].as_str().unwrap();
    assert!(en.contains("Against the level central estimate"), "{en}");
    assert_eq!(levels[0]["label_en"], "central estimate");

    // Declared as the default level, the central estimate scores and heads the summary; the
    // directive's own figure is still reported beside it.
    let mut d = directive_json();
    let t3 = d["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|i| i["targets"].as_array_mut().unwrap().iter_mut())
        .find(|t| t["id"] == "3")
        .unwrap();
    t3["default_level"] = json!("tw");
    let out = eval_with(&d, &rows, json!({})).unwrap();
    let t = target(&out, "A", "3");
    assert_eq!(t["status"], "exceeded", "{t}");
    assert_eq!(t["level"], "tw");
    assert!(t["levels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["status"] == "not_met"));
    assert_eq!(summary(&out, "A")["met_or_exceeded"], 1);
}

#[test]
fn note_and_provenance_are_shown() {
    let rows = format!(
        "[{},{}]",
        row(
            "A",
            "4",
            r#","value":"295","provenance":"estimate","date":"2024-12-10","note":"số liệu của Sở Công Thương""#
        ),
        row(
            "B",
            "4",
            r#","value":"301.2","provenance":"preliminary","note":"chưa gồm doanh nghiệp FDI""#
        ),
    );
    let out = eval(&rows, json!({}));
    let a = target(&out, "A", "4");
    assert_eq!(a["provenance"], "estimate");
    assert_eq!(a["note"], "số liệu của Sở Công Thương");
    let (vi, en) = (
        a["explanation"]["vi"].as_str().unwrap(),
        a["explanation"]["en"].as_str().unwrap(),
    );
    assert!(vi.contains("Số ước ngày 10/12/2024"), "{vi}");
    assert!(en.contains("Estimate figure of 2024-12-10"), "{en}");
    assert!(vi.contains("số liệu của Sở Công Thương"), "{vi}");
    assert!(en.contains("số liệu của Sở Công Thương"), "{en}");
    let b = target(&out, "B", "4");
    let (vi, en) = (
        b["explanation"]["vi"].as_str().unwrap(),
        b["explanation"]["en"].as_str().unwrap(),
    );
    assert!(vi.to_lowercase().contains("sơ bộ"), "{vi}");
    assert!(en.to_lowercase().contains("preliminary"), "{en}");
    assert!(vi.contains("chưa gồm doanh nghiệp FDI"), "{vi}");
}

#[test]
fn a_printed_basically_met_is_not_counted_as_met() {
    // "Cơ bản đạt" printed for a target is below đạt: read literally as không đạt (never
    // silently as đạt), with a warning that names the row.
    let out = eval(
        &format!("[{}]", row("A", "4", r#","reported":"Cơ bản đạt""#)),
        json!({}),
    );
    let t = target(&out, "A", "4");
    assert_eq!(t["status"], "not_met", "{t}");
    assert_eq!(summary(&out, "A")["met_or_exceeded"], 0);
    let w = &out["warnings"].as_array().unwrap()[0];
    assert_eq!(w["code"], "reported_unread");
    assert_eq!(w["row"], 0);
    assert!(w["message_en"].as_str().unwrap().contains("basically met"));
}

#[test]
fn extreme_figures_in_every_result_form_never_panic() {
    // Every pair of result fields, with figures at the ends of the decimal range, against every
    // kind of target of the worked directive (a year and a half-year row, so that the pro-rata
    // and the revision paths run too): a typed error or an evaluation, never a panic.
    let d = Directive::from_json(&directive_json().to_string()).unwrap();
    let options = EvaluationOptions::default().with_basically_met_at(Some("95".parse().unwrap()));
    let figures = [
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "0",
        "-100",
    ];
    let fields = ["value", "baseline", "share_of_plan", "change", "value_high"];
    let extras = [
        "",
        r#","change_unit":"percent""#,
        r#","change_unit":"absolute""#,
    ];
    let mut ran = 0;
    for t in 1..=12 {
        for f in fields {
            for g in fields.iter().filter(|g| **g != f) {
                for a in figures {
                    for b in figures {
                        for extra in extras {
                            let j = format!(
                                r#"[{{"unit":"A","target":"{t}","period":"2024","{f}":"{a}","{g}":"{b}"{extra}}},{{"unit":"A","target":"{t}","period":"2024-H1","{f}":"{b}"{extra}}}]"#
                            );
                            let rs =
                                ResultSet::from_json(&j).unwrap_or_else(|e| panic!("{j}: {e}"));
                            let r = std::panic::catch_unwind(|| {
                                evaluate_with_targets(&d, &TargetTable::default(), &rs, &options)
                            });
                            assert!(r.is_ok(), "panic on {j}");
                            ran += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(ran, 12 * 20 * 25 * 3);
}

#[test]
fn a_repeated_row_is_named_as_a_row() {
    // Two rows for one unit × target × period with nothing to tell them apart: the error names
    // the row (unit, target, period, both indices), and says how to keep both.
    let rows = format!(
        "[{},{}]",
        row("Huyện A", "4", r#","value":"295""#),
        row("Huyện A", "4", r#","value":"301.2""#)
    );
    let e = eval_with(&directive_json(), &rows, json!({})).unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
    let m = e.to_string();
    for part in [
        "results[1]",
        "a second result row for unit \"Huyện A\", target \"4\", period \"2024\"",
        "also at results[0]",
        "`provenance` or `date`",
    ] {
        assert!(m.contains(part), "{m} lacks {part}");
    }
    // An estimate and an official figure for the same row are two revisions, not a duplicate.
    let rows = format!(
        "[{},{}]",
        row("Huyện A", "4", r#","value":"295","provenance":"estimate""#),
        row(
            "Huyện A",
            "4",
            r#","value":"301.2","provenance":"official""#
        )
    );
    let out = eval(&rows, json!({}));
    let t = target(&out, "Huyện A", "4");
    assert_eq!(t["status"], "exceeded");
    assert_eq!(t["status_changed"], true);
}
