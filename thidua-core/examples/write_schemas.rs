//! Writes the JSON Schemas generated from the types to `docs/schema/`.
//!
//! ```text
//! cargo run -p thidua-core --features schema --example write_schemas
//! ```
//!
//! `tests/schema.rs` fails when the committed files differ from what this writes.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, schema) in thidua_core::schema::all() {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, schema) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote docs/schema/{name}");
    }
    ExitCode::SUCCESS
}
