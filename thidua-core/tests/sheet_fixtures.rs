//! Workbooks written by other programs (openpyxl, LibreOffice headless), committed as
//! fixtures with the script that made them (tests/sheets/make_fixtures.py).
#![cfg(feature = "xlsx")]

use rust_decimal::Decimal;
use thidua_core::sheet::{read_results, Layout, ReadOptions, Severity};
use thidua_core::{evaluate, Directive, EvaluationOptions, Provenance, ResultEntry, Status};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/sheets/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn kon_tum() -> Directive {
    Directive::from_json(include_str!("../../docs/examples/002_kon-tum-2024.json")).unwrap()
}

fn d(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

fn find<'a>(e: &'a [ResultEntry], unit: &str, target: &str) -> &'a ResultEntry {
    e.iter()
        .find(|x| x.unit == unit && x.target == target)
        .unwrap_or_else(|| panic!("{unit} {target}: {e:#?}"))
}

#[test]
fn district_reports_with_merged_headers_text_numbers_and_tcvn3() {
    let dir = kon_tum();
    let r = read_results(
        &fixture("districts-2024.openpyxl.xlsx"),
        Some(&dir),
        &ReadOptions::default(),
    )
    .unwrap();
    let errors: Vec<String> = r.of(Severity::Error).map(|x| x.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(r.tables.len(), 3);
    for t in &r.tables {
        assert_eq!(t.layout, Layout::Report);
        assert_eq!(t.header_rows, (4, 5)); // "Năm 2024" merged over "Kế hoạch | Ước thực hiện"
        assert_eq!(t.period.map(|p| p.to_string()).as_deref(), Some("2024"));
    }
    let e = &r.value.entries;
    let a = "Huyện Đắk Hà";
    assert_eq!(find(e, a, "1").value, d("10.12")); // text cell "10,12"
    assert_eq!(find(e, a, "1").provenance, Some(Provenance::Estimate)); // "Ước thực hiện"
    assert_eq!(find(e, a, "2").value, d("64.1")); // numeric cell
    assert_eq!(find(e, a, "3").value, d("4750.5")); // "4.750,5", name in capitals
    assert_eq!(find(e, a, "10").value, d("94.3")); // name without diacritics, no number
    assert_eq!(find(e, a, "9").value, d("40"));
    // A reported-result phrase goes through the core's phrase reader into the result fields,
    // verbatim in `reported`, and is evaluated by the edge rule.
    let dn = find(e, a, "4");
    assert_eq!(
        (dn.value, dn.qualifier, dn.reported.as_deref()),
        (
            d("290"),
            Some(thidua_core::Qualifier::Over),
            Some("hơn 290")
        )
    );
    let said = r
        .diagnostics
        .iter()
        .find(|x| x.code == "result_phrase" && x.location() == "'Huyện Đắk Hà'!E11")
        .unwrap();
    assert_eq!(said.severity, Severity::Info);
    assert!(said.message.contains("hơn 290"), "{}", said.message);
    assert_eq!(find(e, "Huyện Sa Thầy", "1").value, d("9.4"));
    // The TCVN3 sheet is converted and matched like the others.
    let legacy = r
        .diagnostics
        .iter()
        .find(|x| x.code == "legacy_encoding")
        .unwrap();
    assert_eq!(legacy.location(), "'Huyen Kon Ray'!A1");
    assert_eq!(find(e, "Huyen Kon Ray", "3").value, d("4750.5"));
    assert_eq!(find(e, "Huyen Kon Ray", "4").value, d("280"));
    // and evaluates
    let ev = evaluate(&dir, &r.value, &EvaluationOptions::default()).unwrap();
    let u = ev.units.iter().find(|u| u.unit == a).unwrap();
    assert_eq!(u.target("1").unwrap().status, Status::Exceeded);
    let t4 = u.target("4").unwrap();
    assert_ne!(t4.status, Status::NoData);
    assert_eq!(t4.qualifier, Some(thidua_core::Qualifier::Over));
    assert!(
        t4.explanation.vi.contains("hơn 290"),
        "{}",
        t4.explanation.vi
    );
}

#[test]
fn cluster_table_is_the_same_from_ods_xls_and_csv_written_by_libreoffice() {
    let dir = kon_tum();
    let mut all = Vec::new();
    for f in [
        "cluster-2024-H1.libreoffice.ods",
        "cluster-2024-H1.libreoffice.xls",
        "cluster-2024-H1.libreoffice.csv",
    ] {
        let r = read_results(&fixture(f), Some(&dir), &ReadOptions::default()).unwrap();
        assert!(!r.has_errors(), "{f}: {:#?}", r.diagnostics);
        let t = &r.tables[0];
        assert_eq!(t.layout, Layout::Wide, "{f}");
        assert_eq!(
            t.period.map(|p| p.to_string()).as_deref(),
            Some("2024-H1"),
            "{f}"
        );
        assert_eq!(t.units.len(), 3, "{f}: {:?}", t.units);
        let e = &r.value.entries;
        assert_eq!(e.len(), 14, "{f}");
        let unit = |i: usize| t.units[i].clone();
        assert_eq!(find(e, &unit(0), "3").value, d("1250"), "{f}"); // text "1.250"
        assert_eq!(find(e, &unit(1), "3").value, d("980.25"), "{f}");
        assert!(find(e, &unit(1), "5").not_applicable, "{f}");
        let about = find(e, &unit(2), "3");
        assert_eq!(
            (about.value, about.qualifier, about.reported.as_deref()),
            (
                d("400"),
                Some(thidua_core::Qualifier::About),
                Some("Khoảng 400")
            ),
            "{f}"
        );
        assert_eq!(find(e, &unit(0), "7.1").value, d("41.5"), "{f}"); // "Trong đó:" sub-row
        all.push(e.clone());
    }
    assert_eq!(all[0], all[1]);
    assert_eq!(all[0], all[2]);
}

#[test]
fn thua_thien_hue_2019_published_table_without_a_directive() {
    let r = read_results(
        &fixture("thua-thien-hue-2019.openpyxl.xlsx"),
        None,
        &ReadOptions {
            unit: Some("Thừa Thiên Huế".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let t = &r.tables[0];
    assert_eq!(t.layout, Layout::Report);
    assert_eq!(t.period.map(|p| p.to_string()).as_deref(), Some("2019"));
    let e = &r.value.entries;
    // "TH năm 2018" becomes the baseline of "Ước TH năm 2019"
    let x = find(e, "Thừa Thiên Huế", "2");
    assert_eq!(
        (x.value, x.baseline, x.provenance),
        (d("2007"), d("1839"), Some(Provenance::Estimate))
    );
    assert_eq!(find(e, "Thừa Thiên Huế", "5").value, d("7787"));
    // "98,5%"
    assert_eq!(find(e, "Thừa Thiên Huế", "9").value, d("98.5"));
    // Without a directive the phrase is kept as the reported wording (read against the
    // target when evaluated); the "Ghi chú" cell is the note; the second figure the reader
    // cannot place is a warning with the cell.
    let x7 = find(e, "Thừa Thiên Huế", "7");
    assert_eq!(
        (x7.value, x7.reported.as_deref(), x7.note.as_deref()),
        (None, Some("7,6 / 10,4"), Some("Đạt"))
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|x| x.code == "reported_unread" && x.location() == "'Chỉ tiêu 2019'!E17"));
    // Unnumbered sub-rows cannot be placed without the directive: each is an error with its cell.
    let no_id: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|x| x.code == "no_target_id")
        .map(|x| x.location())
        .collect();
    assert_eq!(
        no_id,
        [
            "'Chỉ tiêu 2019'!B6",
            "'Chỉ tiêu 2019'!B7",
            "'Chỉ tiêu 2019'!B8",
            "'Chỉ tiêu 2019'!B9",
            "'Chỉ tiêu 2019'!B16"
        ]
    );
}
