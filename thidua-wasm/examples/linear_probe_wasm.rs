//! Growth of the work with the input, counted, not timed (#9): the JavaScript binding's
//! loops over diagnostics, run natively for `.ci/linear.sh` (instructions at n and 10 n under
//! Valgrind's callgrind, bound < 15×). The harness, `thidua-core/examples/common/probe.rs`, is
//! shared with `thidua-core/examples/linear_probe.rs`:
//!
//! ```text
//! linear_probe --list        one line per case: name, n, what it runs
//! linear_probe CASE N        builds the case's input of size N, runs it once
//! ```
//!
//! Only the instructions inside [`probe::probe_measured_region`] are counted; every case is
//! run once on a tiny input before, and checks the size of its output.

use std::process::ExitCode;

use thidua_wasm::api::{parse_directive, utf16_offsets};

#[path = "../../thidua-core/examples/common/probe.rs"]
mod probe;
use probe::Case;

const CASES: &[Case] = &[
    Case {
        name: "utf16_offsets",
        n: 500,
        what: "utf16Offsets, 2 n byte offsets into a text of n clauses (≈ 45 n bytes)",
        prepare: offsets,
    },
    Case {
        name: "parse_directive_utf16",
        n: 40,
        what: "parseDirective(text, {offsets: \"utf16\"}), n lines with diagnostics",
        prepare: parse_utf16,
    },
];

fn main() -> ExitCode {
    probe::main(CASES)
}

/// A directive-like text of `n` clauses with characters of 1 to 4 UTF-8 bytes (and 2 UTF-16
/// units), and two offsets per clause, in reverse order (the function sorts them).
fn offsets(n: usize) -> Box<dyn Fn()> {
    let mut text = String::new();
    let mut bytes = Vec::with_capacity(2 * n);
    for i in 0..n {
        let start = text.len();
        text.push_str(&format!("({i}) Tỷ lệ hộ nghèo giảm 3–4%/năm 😀; "));
        bytes.push(text.len() - 2);
        bytes.push(start);
    }
    bytes.reverse();
    Box::new(move || {
        let units = utf16_offsets(&text, &bytes).unwrap();
        assert_eq!(units.len(), bytes.len());
        assert!(units[0] < text.len());
    })
}

fn parse_utf16(n: usize) -> Box<dyn Fn()> {
    let mut text =
        String::from("KẾ HOẠCH\nPhát động phong trào thi đua năm 2024\nCác chỉ tiêu chủ yếu:\n");
    for i in 1..=n {
        // the lines of thidua-core's `parse_text` case, with characters beyond the BMP
        let line = match i % 4 {
            0 => format!("({i}) Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm 😀;\n"),
            1 => format!(
                "({i}) Tốc độ tăng trưởng GRDP đạt từ {}% trở lên;\n",
                i % 9 + 1
            ),
            2 => format!(
                "({i}) Thu ngân sách trên {} tỷ đồng; Hôm qua : 2.432; 0291 2210 677;\n",
                100 + i
            ),
            _ => format!("({i}) Phấn đấu hoàn thành các nhiệm vụ (((( ;;;; khác 😀.\n"),
        };
        text.push_str(&line);
    }
    Box::new(move || {
        let out = parse_directive(&text, true).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let diagnostics = v["diagnostics"].as_array().map_or(0, Vec::len);
        assert!(
            diagnostics >= n / 4,
            "{diagnostics} diagnostics for {n} lines"
        );
    })
}
