//! The JSON Schemas of the types that the binding returns or accepts beyond those of
//! `docs/schema/` (scoring and parsing), kept in `thidua-wasm/schema/` and turned into
//! TypeScript by `scripts/gen-types.mjs`. This test fails when they are out of date with the
//! Rust types; `THIDUA_BLESS=1 cargo test -p thidua-wasm --test schemas` rewrites them.

use std::path::PathBuf;

use schemars::schema_for;

fn pretty(s: schemars::Schema) -> String {
    serde_json::to_string_pretty(&s).unwrap() + "\n"
}

#[test]
fn extra_schemas_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema");
    let all = [
        (
            "score-input.schema.json",
            pretty(schema_for!(thidua_core::scoring::ScoreInput)),
        ),
        (
            "score-report.schema.json",
            pretty(schema_for!(thidua_core::scoring::ScoreReport)),
        ),
        (
            "parse-output.schema.json",
            pretty(schema_for!(thidua_core::parse::ParseOutput)),
        ),
    ];
    let bless = std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1");
    for (name, generated) in all {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "thidua-wasm/schema/{name} is out of date; run THIDUA_BLESS=1 cargo test -p thidua-wasm --test schemas, then node thidua-wasm/scripts/gen-types.mjs"
        );
    }
}
