//! JSON Schemas generated from the types (never written by hand). `docs/schema/*.json` are
//! written by `cargo run -p thidua-core --features schema --example write_schemas` and a test checks that they
//! are up to date.

use schemars::generate::SchemaSettings;
use schemars::transform::transform_subschemas;
use schemars::{JsonSchema, Schema};

/// Removes the rustdoc code examples (```` ``` ```` blocks) from every `description`: they
/// document the Rust API, not the JSON format.
fn strip_code_examples(schema: &mut Schema) {
    if let Some(serde_json::Value::String(d)) = schema.get_mut("description") {
        let mut out = String::with_capacity(d.len());
        let mut in_code = false;
        for line in d.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if !in_code {
                out.push_str(line);
                out.push('\n');
            }
        }
        *d = out.trim().to_string();
    }
    transform_subschemas(&mut strip_code_examples, schema);
}

fn schema_of<T: JsonSchema>() -> String {
    let generator = SchemaSettings::default()
        .with_transform(strip_code_examples)
        .into_generator();
    serde_json::to_string_pretty(&generator.into_root_schema_for::<T>()).unwrap_or_default() + "\n"
}

/// The JSON Schema of [`crate::Directive`], pretty-printed.
///
/// ```
/// let s = thidua_core::schema::directive_schema();
/// assert!(s.contains("\"Directive\""));
/// ```
pub fn directive_schema() -> String {
    schema_of::<crate::Directive>()
}

/// The JSON Schema of [`crate::ResultSet`].
///
/// ```
/// let s = thidua_core::schema::result_set_schema();
/// assert!(s.contains("\"ResultEntry\""));
/// ```
pub fn result_set_schema() -> String {
    schema_of::<crate::ResultSet>()
}

/// The JSON Schema of [`crate::Evaluation`].
///
/// ```
/// let s = thidua_core::schema::evaluation_schema();
/// assert!(s.contains("\"TargetEvaluation\""));
/// ```
pub fn evaluation_schema() -> String {
    schema_of::<crate::Evaluation>()
}

/// The JSON Schema of [`crate::scoring::ScoreInput`] (the input of `scoring::score_json`).
///
/// ```
/// assert!(thidua_core::schema::score_input_schema().contains("\"ScoreInput\""));
/// ```
pub fn score_input_schema() -> String {
    schema_of::<crate::scoring::ScoreInput>()
}

/// The JSON Schema of [`crate::scoring::ScoreReport`].
///
/// ```
/// assert!(thidua_core::schema::score_report_schema().contains("\"ScoreReport\""));
/// ```
pub fn score_report_schema() -> String {
    schema_of::<crate::scoring::ScoreReport>()
}

/// The JSON Schema of [`crate::parse::ParseOutput`].
///
/// ```
/// assert!(thidua_core::schema::parse_output_schema().contains("\"ParseOutput\""));
/// ```
pub fn parse_output_schema() -> String {
    schema_of::<crate::parse::ParseOutput>()
}

/// The JSON Schema of [`crate::TargetTable`] (each unit's own targets).
///
/// ```
/// assert!(thidua_core::schema::target_table_schema().contains("\"UnitTarget\""));
/// ```
pub fn target_table_schema() -> String {
    schema_of::<crate::TargetTable>()
}

/// The JSON Schema of [`crate::reported::ReadOutput`] (what a reported-result phrase says).
///
/// ```
/// assert!(thidua_core::schema::read_output_schema().contains("\"Reading\""));
/// ```
pub fn read_output_schema() -> String {
    schema_of::<crate::reported::ReadOutput>()
}

/// The JSON Schema of an award rule set ([`crate::award::RuleSet`]): the format of
/// `thidua-core/rules/*.json`.
///
/// ```
/// assert!(thidua_core::schema::award_rules_schema().contains("\"Condition\""));
/// ```
pub fn award_rules_schema() -> String {
    schema_of::<crate::award::RuleSet>()
}

/// The JSON Schema of an award history ([`crate::award::History`]).
///
/// ```
/// assert!(thidua_core::schema::award_history_schema().contains("\"TitleRecord\""));
/// ```
pub fn award_history_schema() -> String {
    schema_of::<crate::award::History>()
}

/// The JSON Schema of the award pipeline's output ([`crate::award::AwardReport`]).
///
/// ```
/// assert!(thidua_core::schema::award_report_schema().contains("\"AwardDecision\""));
/// ```
pub fn award_report_schema() -> String {
    schema_of::<crate::award::AwardReport>()
}

/// Every schema with its file name under `docs/schema/`.
///
/// ```
/// let names: Vec<_> = thidua_core::schema::all().into_iter().map(|(n, _)| n).collect();
/// assert_eq!(&names[..3], ["directive.schema.json", "result-set.schema.json", "evaluation.schema.json"]);
/// ```
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("directive.schema.json", directive_schema()),
        ("result-set.schema.json", result_set_schema()),
        ("evaluation.schema.json", evaluation_schema()),
        ("score-input.schema.json", score_input_schema()),
        ("score-report.schema.json", score_report_schema()),
        ("parse-output.schema.json", parse_output_schema()),
        ("target-table.schema.json", target_table_schema()),
        ("read-output.schema.json", read_output_schema()),
        ("award-rules.schema.json", award_rules_schema()),
        ("award-history.schema.json", award_history_schema()),
        ("award-report.schema.json", award_report_schema()),
    ]
}
