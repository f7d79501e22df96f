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
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test -p thidua-core --locked
# The Arrow path of the engine (cargo feature `arrow`): its tests and doc examples.
cargo test -p thidua-core --features arrow --locked --lib engine
cargo test -p thidua-core --features arrow --locked --doc engine
RUSTDOCFLAGS="-D warnings" cargo doc -p thidua-core --features arrow --no-deps --locked
# The main job must run end to end.
cargo run -q -p thidua-core --locked --example thidua -- demo >/dev/null
