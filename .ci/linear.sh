#!/usr/bin/env bash
# Growth with the input, counted (#9): for every case of the probes, the instructions executed
# at n and at 10 n, counted by Valgrind's callgrind inside the probe's measured region only
# (building the input is not counted). Fails when 10 n costs 15× n or more (linear ≈ 10×,
# n log n a little more, quadratic ≈ 100×). Instruction counts do not depend on the machine's
# load, so this is deterministic where a timed test would flake.
#
# Probes: thidua-core/examples/linear_probe.rs (evaluation, items, results, parsing, scoring
# and ranking, awards, sheets) and thidua-wasm/examples/linear_probe_wasm.rs (UTF-16 offsets of
# diagnostics), on one harness (thidua-core/examples/common/probe.rs). Both run in the dev
# profile with the features of the rust and wasm stages' tests, so that those stages already
# built them.
#
# THIDUA_LINEAR_CASES="case …" runs some cases only; THIDUA_LINEAR_MAX (default 15) is the
# bound on the ratio. Needs valgrind: installed with apt-get when missing and running as root,
# otherwise the stage fails (it never skips).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"
max="${THIDUA_LINEAR_MAX:-15}"

if ! command -v valgrind >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "linear.sh: valgrind is required (sudo apt-get install -y valgrind)" >&2
    exit 1
  fi
  echo "linear.sh: apt-get install valgrind"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
fi

# Builds an example and prints the path of its executable.
build() {
  cargo build -q --locked "$@" --message-format=json-render-diagnostics |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1
}
core_probe="$(build -p thidua-core --all-features --example linear_probe)"
wasm_probe="$(build -p thidua-wasm --example linear_probe_wasm)"
for p in "$core_probe" "$wasm_probe"; do
  [ -x "$p" ] || { echo "linear.sh: probe not built ($p)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Instructions inside the measured region of `$1 $2 $3` (probe, case, n).
count() {
  local out="$work/$2.$3"
  if ! valgrind --tool=callgrind --collect-atstart=no \
      '--toggle-collect=*probe_measured_region*' --callgrind-out-file="$out.cg" \
      "$1" "$2" "$3" >"$out.log" 2>&1; then
    echo "linear.sh: $2 at n = $3 failed:" >&2
    tail -20 "$out.log" >&2
    return 1
  fi
  sed -n 's/^summary: *//p' "$out.cg" >"$out.ir"
}

wanted=" ${THIDUA_LINEAR_CASES:-} "
printf '%-24s %8s %15s %15s %7s\n' case n 'instr(n)' 'instr(10 n)' ratio
failed=0
cases=0
start=$(date +%s)
for probe in "$core_probe" "$wasm_probe"; do
  while IFS=$'\t' read -r name n what; do
    [ "$wanted" = "  " ] || [[ "$wanted" == *" $name "* ]] || continue
    cases=$((cases + 1))
    # The two sizes run side by side (two cores).
    count "$probe" "$name" "$n" & a=$!
    count "$probe" "$name" $((10 * n)) & b=$!
    ok=1
    wait $a || ok=0
    wait $b || ok=0
    if [ $ok = 0 ]; then failed=$((failed + 1)); continue; fi
    small="$(cat "$work/$name.$n.ir")"
    large="$(cat "$work/$name.$((10 * n)).ir")"
    verdict="$(awk -v s="$small" -v l="$large" -v m="$max" \
      'BEGIN { if (s <= 0) { print "none"; exit } r = l / s; printf "%.2f %s\n", r, (r < m ? "ok" : "over") }')"
    ratio="${verdict% *}"
    printf '%-24s %8s %15s %15s %6s×  %s\n' "$name" "$n" "$small" "$large" "$ratio" "$what"
    if [ "${verdict#* }" != ok ]; then
      echo "  ^ $name: 10× the input took ${ratio}× the instructions (bound: < ${max}×)" >&2
      failed=$((failed + 1))
    fi
  done < <("$probe" --list)
done
echo "linear: $cases cases in $(( $(date +%s) - start )) s"
[ "$cases" -gt 0 ] || { echo "linear.sh: no case matched THIDUA_LINEAR_CASES" >&2; exit 1; }
echo "$((cases - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
