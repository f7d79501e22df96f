//! `docs/schema/*.json` must be exactly the schemas generated from the types.

use std::path::PathBuf;

const REGENERATE: &str = "cargo run -p thidua-core --features schema --example write_schemas";

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema")
}

#[test]
fn committed_schemas_match_the_types() {
    let dir = schema_dir();
    for (name, generated) in thidua_core::schema::all() {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read docs/schema/{name} ({e}); regenerate with `{REGENERATE}`")
        });
        assert!(
            committed == generated,
            "docs/schema/{name} is out of date with the Rust types; regenerate with `{REGENERATE}`"
        );
    }
}

#[test]
fn no_stray_schema_files() {
    let expected: Vec<&str> = thidua_core::schema::all().iter().map(|(n, _)| *n).collect();
    let mut found: Vec<String> = std::fs::read_dir(schema_dir())
        .unwrap_or_else(|e| panic!("cannot list docs/schema ({e}); regenerate with `{REGENERATE}`"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    found.sort();
    let mut expected_sorted: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected_sorted.sort();
    assert_eq!(
        found, expected_sorted,
        "docs/schema/ holds schema files that are not generated (or misses some); regenerate with `{REGENERATE}` and delete stale ones"
    );
}

#[test]
fn schemas_are_json_and_describe_the_seed_format() {
    for (name, s) in thidua_core::schema::all() {
        let v: serde_json::Value =
            serde_json::from_str(&s).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        assert!(v.get("$schema").is_some(), "{name}: no $schema");
    }
    let directive: serde_json::Value =
        serde_json::from_str(&thidua_core::schema::directive_schema()).unwrap();
    // Every target kind used by the seeds is one of the schema's tagged variants.
    let text = directive.to_string();
    for kind in [
        "rate",
        "growth_rate",
        "per_capita",
        "count",
        "amount",
        "ceiling",
        "reduction",
        "range",
        "rank_improvement",
        "composite_decrease",
        "threshold_share",
        "qualitative",
        "reference",
    ] {
        assert!(
            text.contains(&format!("\"const\":\"{kind}\"")),
            "directive schema lacks target kind {kind}"
        );
    }
}
