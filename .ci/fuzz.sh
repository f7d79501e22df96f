#!/usr/bin/env bash
# Bounded-time fuzzing of the directive-text parser (thidua_core::parse).
#
# Default: the stable mutation fuzzer (thidua-core/tests/parse_fuzz.rs) in the dev profile,
# reusing what `cargo test` already built: no install, ~THIDUA_FUZZ_SECS seconds (default 45,
# at most 60). A failing input is written to target/parse-fuzz-failure.txt.
#
# THIDUA_CARGO_FUZZ=1 runs the coverage-guided libFuzzer target instead
# (thidua-core/fuzz, `cargo fuzz`, needs cargo-fuzz installed; uses RUSTC_BOOTSTRAP=1 on stable).
# Building it with sanitizers takes several minutes on 2 cores: not for the CI budget.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${THIDUA_FUZZ_SECS:-45}"
if [ "$secs" -gt 60 ]; then secs=60; fi

if [ "${THIDUA_CARGO_FUZZ:-0}" = "1" ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: THIDUA_CARGO_FUZZ=1 but cargo-fuzz is not installed (cargo install cargo-fuzz --locked)" >&2
    exit 2
  fi
  cd thidua-core
  RUSTC_BOOTSTRAP=1 cargo fuzz run parse --fuzz-dir fuzz fuzz/corpus/parse -- -max_total_time="$secs"
else
  THIDUA_FUZZ_SECS="$secs" cargo test -p thidua-core --test parse_fuzz -- --ignored --nocapture timed_fuzz_run
fi
