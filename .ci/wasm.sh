#!/usr/bin/env bash
# The wasm stage: the JavaScript / WebAssembly package (thidua-wasm).
#   1. installs what is missing: Node and npm, Debian's Chromium (for the browser tests), the
#      WebAssembly toolchain (by thidua-wasm/build.sh: a rustup wasm32 target when installed,
#      else Debian's rustc-web/cargo-web/rust-web-src/lld), the wasm-bindgen CLI of exactly the
#      version in Cargo.lock (skipped when already installed), the pinned npm devDependencies
#      with `npm ci` (esbuild, binaryen's wasm-opt, Vite, webpack, TypeScript, playwright-core)
#   2. native Rust tests of the binding (conversion, errors, limits, a property test that no
#      input reachable from JavaScript panics — a panic would trap the .wasm)
#   3. builds the package into thidua-wasm/pkg/ (one .wasm, optimized by wasm-opt)
#   4. node --test: every shared vector and differential case, API, hostile and randomized
#      inputs, linear-time offsets, TypeScript checks, the package built into tiny apps with
#      Vite (build and dev server), esbuild and webpack, and the demo page — the browser parts
#      in headless Chromium
# Run from anywhere: bash .ci/wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[wasm] $*"; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "[wasm] missing packages: $*; install them (sudo apt-get install -y $*)" >&2
    exit 1
  fi
  if [ $apt_updated = 0 ]; then
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x "${THIDUA_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "[wasm] Node $node_major is too old (18 or later is needed)" >&2
  exit 1
fi

log "native tests of thidua-wasm"
cargo test -q -p thidua-wasm --locked

# Keep the wasm build's target folder between runs on the same machine (CI clones afresh):
# the standard library and dependencies built for wasm32 are reused.
export THIDUA_WASM_TARGET_DIR="${THIDUA_WASM_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/thidua/wasm-target}"

log "npm ci"
(cd thidua-wasm && npm ci --no-audit --no-fund --loglevel=error)

log "building the package (target dir $THIDUA_WASM_TARGET_DIR)"
bash thidua-wasm/build.sh

log "node --test"
cd thidua-wasm
node --test tests/
