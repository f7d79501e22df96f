#!/usr/bin/env bash
# Bounded-time fuzzing of the directive-text parser (thidua_core::parse) and of the JSON inputs
# (directive, results, score input, award input).
#
# Default (CI): the stable mutation fuzzers — thidua-core/tests/parse_fuzz.rs (directive text)
# and thidua-core/tests/json_fuzz.rs (JSON inputs, structure-aware) — in the dev profile with
# the features of the rust stage, so that `cargo test` there already built them. A failing input
# is written to target/parse-fuzz-failure.txt or target/json-fuzz-failure.json.
#
# Time: THIDUA_FUZZ_SECS seconds per target (default 45), and THIDUA_FUZZ_TOTAL_SECS for all
# targets together (default 240): each target gets min(THIDUA_FUZZ_SECS, total / targets), so
# the stage stays well under 5 minutes on 2 cores whatever is asked. Each run is also killed by
# `timeout` a minute after its budget (a hang is a failure, never a stuck CI job); the fuzzers
# themselves fail on any single input slower than 5 s.
#
# THIDUA_CARGO_FUZZ=1 runs the coverage-guided libFuzzer targets instead (thidua-core/fuzz:
# parse, directive, results, score, award), with the same per-target and total budgets;
# THIDUA_FUZZ_TARGETS picks some ("parse score"). It needs cargo-fuzz (`cargo install cargo-fuzz
# --locked`) and builds with sanitizers through RUSTC_BOOTSTRAP=1 on stable: several minutes on
# 2 cores, so it is an opt-in, not part of the CI budget (CONTRIBUTING.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${THIDUA_FUZZ_SECS:-45}"
total="${THIDUA_FUZZ_TOTAL_SECS:-240}"
case "$secs$total" in *[!0-9]*) echo "fuzz.sh: THIDUA_FUZZ_SECS and THIDUA_FUZZ_TOTAL_SECS are whole seconds" >&2; exit 2 ;; esac

# Seconds for each of $1 targets.
per_target() {
  local share=$(( total / $1 ))
  [ "$share" -lt 1 ] && share=1
  if [ "$secs" -lt "$share" ]; then echo "$secs"; else echo "$share"; fi
}

if [ "${THIDUA_CARGO_FUZZ:-0}" = "1" ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: THIDUA_CARGO_FUZZ=1 but cargo-fuzz is not installed (cargo install cargo-fuzz --locked)" >&2
    exit 2
  fi
  python3 thidua-core/fuzz/seeds.py
  seeds="$PWD/target/fuzz-seeds"
  targets=(${THIDUA_FUZZ_TARGETS:-parse directive results score award})
  each=$(per_target "${#targets[@]}")
  cd thidua-core
  for t in "${targets[@]}"; do
    echo "--- libFuzzer: $t, $each s"
    mkdir -p "fuzz/corpus/$t" "$seeds/$t"
    RUSTC_BOOTSTRAP=1 cargo fuzz build "$t" --fuzz-dir fuzz
    # The first folder gathers what the run finds (git-ignored); the seeds are read from the
    # second.
    RUSTC_BOOTSTRAP=1 timeout $(( each + 60 )) cargo fuzz run "$t" --fuzz-dir fuzz \
      "fuzz/corpus/$t" "$seeds/$t" -- -max_total_time="$each" -rss_limit_mb=4096 -timeout=10
  done
else
  each=$(per_target 2)
  # Built first (usually nothing to do after the rust stage), so that the timeout below bounds
  # the run only.
  cargo test -p thidua-core --all-features --locked --test parse_fuzz --test json_fuzz --no-run -q
  for t in parse_fuzz json_fuzz; do
    echo "--- $t, $each s"
    THIDUA_FUZZ_SECS="$each" timeout $(( each + 60 )) \
      cargo test -p thidua-core --all-features --locked --test "$t" -- --ignored --nocapture timed_fuzz_run
  done
fi
