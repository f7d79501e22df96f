//! JSON Schemas generated from the types (never written by hand). `docs/schema/*.json` are
//! written by `cargo run -p thidua-core --example write_schemas` and a test checks that they
//! are up to date.

use schemars::schema_for;

/// The JSON Schema of [`crate::Directive`], pretty-printed.
///
/// ```
/// let s = thidua_core::schema::directive_schema();
/// assert!(s.contains("\"Directive\""));
/// ```
pub fn directive_schema() -> String {
    serde_json::to_string_pretty(&schema_for!(crate::Directive)).unwrap_or_default() + "\n"
}

/// The JSON Schema of [`crate::ResultSet`].
///
/// ```
/// let s = thidua_core::schema::result_set_schema();
/// assert!(s.contains("\"ResultEntry\""));
/// ```
pub fn result_set_schema() -> String {
    serde_json::to_string_pretty(&schema_for!(crate::ResultSet)).unwrap_or_default() + "\n"
}

/// The JSON Schema of [`crate::Evaluation`].
///
/// ```
/// let s = thidua_core::schema::evaluation_schema();
/// assert!(s.contains("\"TargetEvaluation\""));
/// ```
pub fn evaluation_schema() -> String {
    serde_json::to_string_pretty(&schema_for!(crate::Evaluation)).unwrap_or_default() + "\n"
}

/// Every schema with its file name under `docs/schema/`.
///
/// ```
/// let names: Vec<_> = thidua_core::schema::all().into_iter().map(|(n, _)| n).collect();
/// assert_eq!(names, ["directive.schema.json", "result-set.schema.json", "evaluation.schema.json"]);
/// ```
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("directive.schema.json", directive_schema()),
        ("result-set.schema.json", result_set_schema()),
        ("evaluation.schema.json", evaluation_schema()),
    ]
}
