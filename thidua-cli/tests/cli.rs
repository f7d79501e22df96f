//! The `thidua` binary: subcommands, outputs by extension, diagnostics with cells on stderr,
//! exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn thidua(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("thidua-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

const KT: &str = "docs/examples/002_kon-tum-2024.json";

/// The main job's whole output — five directives read from their text, their scorecards, two
/// clusters scored and ranked, the awards decided under the law — is what an officer reads:
/// reviewed as a snapshot (`cargo insta review` after a deliberate change; explain every changed
/// line in the commit).
#[test]
fn the_main_job_prints_the_reviewed_report() {
    let (code, out, err) = thidua(&["demo"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("demo", out);
}

#[test]
fn help_and_usage_errors() {
    let (code, out, _) = thidua(&["--help"]);
    assert_eq!(code, 0);
    for c in [
        "demo",
        "evaluate",
        "score",
        "template",
        "read",
        "Exit codes",
    ] {
        assert!(out.contains(c), "{c}");
    }
    let (code, _, err) = thidua(&["evaluate"]);
    assert_eq!(code, 2);
    assert!(err.contains("DIRECTIVE"));
    let (code, _, err) = thidua(&["evaluate", KT, "no/such/file.json"]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn template_filled_and_evaluated_to_a_scorecard_workbook() {
    let t = tmp("nhap-lieu.xlsx");
    let (code, _, err) = thidua(&[
        "template",
        KT,
        "--unit",
        "Huyện Đắk Hà",
        "--unit",
        "Huyện Sa Thầy",
        "--out",
        t.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // an empty template evaluates to "no data" everywhere
    let sc = tmp("scorecard.xlsx");
    let (code, _, err) = thidua(&[
        "evaluate",
        KT,
        t.to_str().unwrap(),
        "--out",
        sc.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&sc).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let wb = thidua_core::sheet::Workbook::from_bytes(&bytes).unwrap();
    assert_eq!(wb.sheets[0].name, "Đánh giá");
}

#[test]
fn errors_name_the_cell_and_exit_1() {
    let csv = tmp("bad.csv");
    std::fs::write(
        &csv,
        "TT;Chỉ tiêu;KH;TH năm 2024\n1;GRDP;10;9,5\n;Số con mèo;1;2\n",
    )
    .unwrap();
    let (code, _, err) = thidua(&["evaluate", KT, csv.to_str().unwrap(), "--unit", "Kon Tum"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("CSV!B3") && err.contains("no_target_match"),
        "{err}"
    );
}

#[test]
fn read_csv_to_json_and_score_to_a_ranking_workbook() {
    let csv = tmp("ok.csv");
    std::fs::write(&csv, "TT;Chỉ tiêu;KH;Ước TH năm 2024\n1;GRDP;10;9,5\n").unwrap();
    let (code, out, err) = thidua(&["read", KT, csv.to_str().unwrap(), "--unit", "Kon Tum"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entries"][0]["value"], "9.5");
    assert_eq!(v["entries"][0]["provenance"], "estimate");
    let rank = tmp("ranking.xlsx");
    let (code, _, err) = thidua(&[
        "score",
        "docs/examples/clusters-kon-tum-2024/input.json",
        "--out",
        rank.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let wb = thidua_core::sheet::Workbook::from_bytes(&std::fs::read(&rank).unwrap()).unwrap();
    assert_eq!(wb.sheets[0].name, "Xếp hạng");
}

#[test]
fn per_unit_targets_from_a_workbook_or_csv_judge_each_unit_against_its_own_figure() {
    let targets = tmp("giao-chi-tieu.csv");
    std::fs::write(
        &targets,
        "TT;Chỉ tiêu;ĐVT;Huyện Đắk Hà;Huyện Sa Thầy\n3;Thu ngân sách;tỷ đồng;320;185,5\n",
    )
    .unwrap();
    let results = tmp("ket-qua-huyen.json");
    std::fs::write(
        &results,
        r#"[{"unit": "Huyện Đắk Hà", "target": "3", "period": "2024", "value": "300"},
            {"unit": "Huyện Sa Thầy", "target": "3", "period": "2024", "value": "190"}]"#,
    )
    .unwrap();
    // `read --targets` prints the core's target table, with the cell as each row's source
    let (code, out, err) = thidua(&["read", KT, targets.to_str().unwrap(), "--targets"]);
    assert_eq!(code, 0, "{err}");
    let table = thidua_core::TargetTable::from_json(&out).unwrap();
    assert_eq!(table.entries.len(), 2);
    assert_eq!(table.entries[1].source.as_deref(), Some("CSV!E2"));
    // the CSV and the JSON it became give the same evaluation
    let json = tmp("giao-chi-tieu.json");
    std::fs::write(&json, &out).unwrap();
    // and the JSON written back as a workbook (`read --targets --out T.xlsx`) reads back
    let xlsx = tmp("giao-chi-tieu.xlsx");
    let (code, _, err) = thidua(&[
        "read",
        KT,
        json.to_str().unwrap(),
        "--targets",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    for t in [&targets, &json, &xlsx] {
        let out_json = tmp("danh-gia.json");
        let (code, _, err) = thidua(&[
            "evaluate",
            KT,
            results.to_str().unwrap(),
            "--targets",
            t.to_str().unwrap(),
            "--out",
            out_json.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let e: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
        let status = |unit: &str| {
            e["units"]
                .as_array()
                .unwrap()
                .iter()
                .find(|u| u["unit"] == unit)
                .unwrap()["targets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["target"] == "3")
                .unwrap()["status"]
                .clone()
        };
        // 300 < 320 (Đắk Hà's own figure); 190 > 185,5 (Sa Thầy's) — the province's 4.600
        // would call both not met
        assert_eq!(status("Huyện Đắk Hà"), "not_met", "{t:?}");
        assert_eq!(status("Huyện Sa Thầy"), "exceeded", "{t:?}");
    }
    // an unreadable target cell: exit 1 with the cell on stderr
    std::fs::write(
        &targets,
        "TT;Chỉ tiêu;ĐVT;Huyện Đắk Hà\n3;Thu ngân sách;tỷ đồng;chưa giao\n",
    )
    .unwrap();
    let (code, _, err) = thidua(&["read", KT, targets.to_str().unwrap(), "--targets"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("CSV!D2") && err.contains("target_unread"),
        "{err}"
    );
}
