//! Fuzz target: a score input (scheme, roster, stages, directive, options) from arbitrary JSON
//! text (`scoring::score_json`) never panics, and a report it makes is rendered in Vietnamese
//! and written as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(report) = thidua_core::scoring::score_json(text) {
        let _ = report.render_vi();
        let _ = thidua_core::json::to_string(&report);
    }
});
