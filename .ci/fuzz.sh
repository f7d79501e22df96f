#!/usr/bin/env bash
# Bounded-time fuzzing of the directive-text parser (thidua_core::parse) and of the JSON inputs
# (directive, results, score input, award input).
#
# Default (CI): the stable mutation fuzzers in the dev profile, reusing what `cargo test`
# already built — thidua-core/tests/parse_fuzz.rs (directive text) and
# thidua-core/tests/json_fuzz.rs (JSON inputs, structure-aware) — each for THIDUA_FUZZ_SECS
# seconds (default 45; this script is what bounds it, at most 300). A failing input is written
# to target/parse-fuzz-failure.txt or target/json-fuzz-failure.json.
#
# THIDUA_CARGO_FUZZ=1 runs the coverage-guided libFuzzer targets instead (thidua-core/fuzz:
# parse, directive, results, score, award), each for THIDUA_FUZZ_SECS seconds; THIDUA_FUZZ_TARGETS
# picks some ("parse score"). It needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and
# builds with sanitizers through RUSTC_BOOTSTRAP=1 on stable: several minutes on 2 cores, so it
# is an opt-in, not part of the CI budget (CONTRIBUTING.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${THIDUA_FUZZ_SECS:-45}"
if [ "$secs" -gt 300 ]; then secs=300; fi

if [ "${THIDUA_CARGO_FUZZ:-0}" = "1" ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: THIDUA_CARGO_FUZZ=1 but cargo-fuzz is not installed (cargo install cargo-fuzz --locked)" >&2
    exit 2
  fi
  python3 thidua-core/fuzz/seeds.py
  seeds="$PWD/target/fuzz-seeds"
  cd thidua-core
  for t in ${THIDUA_FUZZ_TARGETS:-parse directive results score award}; do
    echo "--- libFuzzer: $t, $secs s"
    mkdir -p "fuzz/corpus/$t" "$seeds/$t"
    # The first folder gathers what the run finds (git-ignored for the JSON targets); the
    # seeds are read from the second.
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" --fuzz-dir fuzz "fuzz/corpus/$t" "$seeds/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=4096 -timeout=10
  done
else
  THIDUA_FUZZ_SECS="$secs" cargo test -p thidua-core --test parse_fuzz -- --ignored --nocapture timed_fuzz_run
  THIDUA_FUZZ_SECS="$secs" cargo test -p thidua-core --test json_fuzz -- --ignored --nocapture timed_fuzz_run
fi
