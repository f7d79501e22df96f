#!/usr/bin/env bash
# Rust checks for the whole workspace: format, lint, tests (unit, property, integration, doc,
# shared vectors), rustdoc without broken links, benchmarks compile.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo is required (rustup toolchain)" >&2; exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
export CARGO_TERM_COLOR=never
cargo fmt --all --check
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
cargo test -p thidua-core --all-features --locked
cargo test -p thidua-cli --locked
RUSTDOCFLAGS="-D warnings" cargo doc -p thidua-core --all-features --no-deps --locked
# The main job must run end to end.
cargo run -q -p thidua-cli --locked -- demo >/dev/null
