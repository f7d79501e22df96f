#!/usr/bin/env bash
# Rust checks for the whole workspace: format, function length, lint, tests (unit, property, integration, doc,
# shared vectors), rustdoc without broken links, benchmarks compile.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo is required (rustup toolchain)" >&2; exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
export CARGO_TERM_COLOR=never
cargo fmt --all --check
# No function longer than 120 lines unless allowlisted, and allowlisted ones may only shrink
# (CONTRIBUTING.md, "Function length"); runs on the rustfmt'd sources checked just above.
python3 .ci/long_functions.py --self-test
python3 .ci/long_functions.py
# The repository stands alone: no source, test, bench or script reads the material that may lie
# beside a checkout (../shared); fixtures are copied into the repository with their sources.
if grep -rnI --exclude-dir=node_modules --exclude-dir=target --exclude-dir=.venv \
    -e '\.\./shared' thidua-core thidua-py thidua-wasm thidua-cli tests bench; then
  echo "rust.sh: the lines above read ../shared; copy the fixture into the repository" >&2
  exit 1
fi
# The core crate can be packaged (its manifest and file list; --allow-dirty because earlier
# stages may have written build products into the tree).
cargo package -p thidua-core --list --locked --allow-dirty >/dev/null
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
cargo test -p thidua-core --all-features --locked
cargo test -p thidua-cli --locked
RUSTDOCFLAGS="-D warnings" cargo doc -p thidua-core --all-features --no-deps --locked
# The main job must run end to end.
cargo run -q -p thidua-cli --locked -- demo >/dev/null
