//! The harness of the growth probes (#9), shared through `#[path]` by
//! `thidua-core/examples/linear_probe.rs` and `thidua-wasm/examples/linear_probe_wasm.rs`:
//! each probe declares its cases and hands them to [`main`]; `.ci/linear.sh` runs a probe
//! under Valgrind's callgrind and counts only the instructions inside
//! [`probe_measured_region`].
//!
//! ```text
//! linear_probe --list        one line per case: name, n, what it runs
//! linear_probe CASE N        builds the case's input of size N, runs it once
//! ```

use std::process::ExitCode;

/// One case: its name, the size n checked against 10 n, and what it runs.
pub struct Case {
    pub name: &'static str,
    pub n: usize,
    pub what: &'static str,
    /// Builds the input of size n and returns the run (which checks its output).
    pub prepare: fn(usize) -> Box<dyn Fn()>,
}

/// Everything the script counts happens in here.
#[inline(never)]
pub fn probe_measured_region(run: &dyn Fn()) {
    run();
}

/// The probe's command line over `cases`: `--list`, or `CASE N` (the case is run once on a
/// tiny input first — lazy tables, first allocations — then its input of size N is built
/// and run inside the measured region). Exit code 2 for a wrong command line.
pub fn main(cases: &[Case]) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [list] if list == "--list" => {
            for c in cases {
                println!("{}\t{}\t{}", c.name, c.n, c.what);
            }
            ExitCode::SUCCESS
        }
        [name, n] => {
            let Some(case) = cases.iter().find(|c| c.name == name) else {
                eprintln!("linear_probe: no case {name:?} (--list shows them)");
                return ExitCode::from(2);
            };
            let Ok(n) = n.parse::<usize>() else {
                eprintln!("linear_probe: N must be a whole number, not {n:?}");
                return ExitCode::from(2);
            };
            (case.prepare)(3)();
            let run = (case.prepare)(n);
            probe_measured_region(&*run);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: linear_probe --list | linear_probe CASE N");
            ExitCode::from(2)
        }
    }
}
