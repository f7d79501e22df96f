//! Fuzz target: a result set from arbitrary JSON text, evaluated against the Kon Tum 2024
//! directive (19 targets of every common kind): reading and evaluating never panic, and an
//! evaluation that succeeds is written as JSON within the output limit.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet};

fn directive() -> &'static Directive {
    static D: OnceLock<Directive> = OnceLock::new();
    D.get_or_init(|| {
        Directive::from_json(include_str!("../../../docs/examples/002_kon-tum-2024.json"))
            .expect("the example directive")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(results) = ResultSet::from_json(text) {
        if let Ok(e) = evaluate(directive(), &results, &EvaluationOptions::default()) {
            let _ = thidua_core::json::to_string(&e);
        }
    }
});
