//! Fuzz target: `parse_directive` on arbitrary UTF-8 never panics, and every diagnostic and
//! item span is a valid slice of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::parse::parse_directive;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let out = parse_directive(text);
        for d in &out.diagnostics {
            assert!(d.start <= d.end && text.get(d.start..d.end).is_some(), "{d:?}");
        }
        for s in &out.item_spans {
            assert!(text.get(s.start..s.end).is_some(), "{s:?}");
        }
    }
});
