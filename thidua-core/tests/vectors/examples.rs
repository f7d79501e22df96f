//! The worked examples' rendered reports (`docs/examples/*/report.txt`), which the JavaScript
//! runner also renders and compares: a text snapshot each, blessed like the vectors.

use serde_json::Value;

use crate::diff::text_diff;
use crate::runner::{bless, root};

fn input(dir: &str) -> Value {
    let path = root().join(dir).join("input.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{dir}/input.json: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{dir}/input.json: {e}"))
}

/// `dir/report.txt` equals `text` (rewritten first with `THIDUA_BLESS=1`).
fn assert_report(dir: &str, text: &str) {
    let path = root().join(dir).join("report.txt");
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want == text {
        return;
    }
    if bless() {
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{dir}/report.txt: {e}"));
        eprintln!("blessed {dir}/report.txt: review it with `git diff {dir}`");
        return;
    }
    panic!(
        "{dir}/report.txt is stale (after review: THIDUA_BLESS=1 cargo test -p thidua-core \
         --test vectors):\n{}",
        text_diff("report.txt", &want, "rendered", text)
    );
}

pub fn scoring() {
    let dir = "docs/examples/clusters-kon-tum-2024";
    let report = crate::score::run_input(input(dir)).expect("the worked example scores");
    let text = format!("{}\n{}", report.render_vi(), report.render_scorecards_vi());
    assert_report(dir, &text);
    // Facts of the example, checked by hand.
    assert_eq!(report.groups.len(), 2);
    assert!(text.contains("Cờ thi đua của UBND tỉnh"));
}

pub fn awards() {
    let dir = "docs/examples/awards-2024";
    let report = crate::award::run_input(input(dir)).expect("the worked example decides");
    assert_report(dir, &report.render_vi());
    // Facts of the example, checked by hand.
    // The scoring proposed Huyện Đắk Lâm for the provincial flag; the law's test refuses it:
    // one of its 19 targets (12b) was not met, and the flag needs them all met or exceeded.
    let flag = report
        .decision("Huyện Đắk Lâm", "co_thi_dua_tinh")
        .expect("a decision on the flag");
    assert_eq!(flag.status.label_en(), "not eligible");
    assert!(flag.eligibility.lacking[0]
        .vi
        .contains("đạt và vượt tất cả các chỉ tiêu"));
    let an = report
        .decision("nguyen-thi-an", "chien_si_thi_dua_tinh")
        .expect("a decision on the title");
    assert_eq!(an.money.as_ref().unwrap().amount.to_string(), "7020000"); // 3 × 2.340.000
    assert_eq!(report.rule_sets[0].id, "vn-nd98-2023");
    assert!(report.rule_sets.iter().any(|r| r.example));
}
