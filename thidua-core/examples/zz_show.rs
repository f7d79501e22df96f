fn main() {
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/results/verdicts.json").unwrap())
            .unwrap();
    for f in data["files"].as_array().unwrap() {
        let d = thidua_core::Directive::from_json(&f["directive"].to_string()).unwrap();
        for row in f["rows"].as_array().unwrap() {
            let mut e = thidua_core::ResultEntry::new(
                "U",
                row["target"].as_str().unwrap(),
                f["period"].as_str().unwrap().parse().unwrap(),
            );
            e.reported = Some(row["reported"].as_str().unwrap().into());
            let rs = thidua_core::ResultSet {
                directive: None,
                description: None,
                entries: vec![e],
            };
            let ev = thidua_core::evaluate(&d, &rs, &Default::default()).unwrap();
            let t = ev.units[0].target(row["target"].as_str().unwrap()).unwrap();
            println!(
                "{} | {:?} | {}",
                row["reported"], t.status, t.explanation.vi
            );
            for w in &ev.warnings {
                println!("   W {:?}: {}", w.code, w.message_vi);
            }
        }
    }
}
