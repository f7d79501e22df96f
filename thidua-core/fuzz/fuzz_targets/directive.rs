//! Fuzz target: a directive from arbitrary JSON text (`Directive::from_json`, which validates
//! it) never panics, never overflows the stack, and a directive it accepts is written back
//! and read again unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua_core::Directive;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = Directive::from_json(text) {
        let json = d.to_json().expect("an accepted directive is written");
        let again = Directive::from_json(&json).expect("a written directive is read again");
        assert_eq!(d, again);
    }
});
