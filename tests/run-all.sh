#!/usr/bin/env bash
# Runs every test of the project on a fresh machine, installing what it needs:
#   rust    formatting, fn length, clippy, unit/property/integration/doc tests, shared vectors (.ci/rust.sh)
#   fuzz    bounded-time fuzzing of the directive-text parser and JSON inputs     (.ci/fuzz.sh)
#   python  wheel build, stubtest, pytest incl. shared vectors and Dask            (.ci/python.sh)
#   wasm    wasm build, node --test incl. shared vectors, headless Chromium test   (.ci/wasm.sh)
#   linear  growth with the input: instructions at n and 10 n under Valgrind     (.ci/linear.sh)
# Usage: bash tests/run-all.sh [stage ...]   (default: all stages)
set -uo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(rust fuzz python wasm linear)
passed=0
failed=0
failed_names=()
for s in "${stages[@]}"; do
  script=".ci/$s.sh"
  if [ ! -f "$script" ]; then
    echo "::: stage $s: $script is missing" >&2
    failed=$((failed + 1)); failed_names+=("$s"); continue
  fi
  echo "::: stage $s — $(date -u +%H:%M:%S)"
  start=$(date +%s)
  if bash "$script"; then
    passed=$((passed + 1))
    echo "::: stage $s passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1)); failed_names+=("$s")
    echo "::: stage $s FAILED after $(( $(date +%s) - start )) s"
  fi
done
[ $failed -gt 0 ] && echo "failed stages: ${failed_names[*]}"
echo "stages: $passed passed, $failed failed"
[ $failed -eq 0 ]
