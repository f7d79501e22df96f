//! Every error code is produced by at least one shared vector (`tests/vectors/**`), so that the
//! Rust, Python and JavaScript runners, which run every vector, each see every code.

use std::collections::BTreeSet;
use std::path::Path;

use thidua_core::ErrorCode;

fn collect(dir: &Path, codes: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            collect(&p, codes);
        } else if p.extension().is_some_and(|e| e == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            if let Some(c) = v["expect_error"]["code"].as_str() {
                codes.insert(c.to_string());
            }
        }
    }
}

#[test]
fn every_error_code_has_a_vector() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut codes = BTreeSet::new();
    collect(&root, &mut codes);
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !codes.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes with no vector: {missing:?}");
    for c in &codes {
        assert!(
            c.parse::<ErrorCode>().is_ok(),
            "vector expects an unknown code {c:?}"
        );
    }
}
