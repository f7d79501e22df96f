//! Fuzz target: an award input (history, rule sets, proposals, council votes, quotas) from
//! arbitrary JSON text never panics, through both entry points: `award::check_json`
//! (eligibility) and `award::decide_json` (the whole pipeline), whose report is rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = thidua_core::award::check_json(text);
    if let Ok(report) = thidua_core::award::decide_json(text) {
        let _ = report.render_vi();
        let _ = thidua_core::json::to_string(&report);
    }
});
