#!/usr/bin/env bash
# Builds the npm package of thidua-wasm into thidua-wasm/pkg/:
#   pkg/package.json   name "thidua", "exports": browsers/bundlers, Node (ESM and CommonJS),
#                      "thidua/init" (explicit init) and "thidua/thidua_bg.wasm"
#   pkg/api.js         the public API (values → JSON text, ThiduaError, handles)
#   pkg/index.js       ESM for browsers and bundlers (instantiates the .wasm on import)
#   pkg/init.js        ESM with an explicit `await init(url)` (esbuild, workers, custom loading)
#   pkg/node.mjs       ESM for Node (reads the .wasm from disk synchronously)
#   pkg/node/index.cjs CommonJS for Node's require() (bundled from the same sources by esbuild)
#   pkg/web/           the wasm-bindgen output (glue + thidua_wasm_bg.wasm, the one .wasm)
#   pkg/*.d.ts         the types (domain types generated from docs/schema/*.json, error codes
#                      from the core)
#
# Toolchain: a normally installed wasm32-unknown-unknown target (rustup) is used when present.
# Otherwise the Debian toolchain (rustc-web, cargo-web, rust-web-src, lld) builds the standard
# library for wasm32 from source (-Zbuild-std), as described in docs/javascript.md; it is
# installed with apt-get when missing and this script runs as root. The wasm-bindgen CLI is
# installed at exactly the version of the wasm-bindgen crate in Cargo.lock when missing or
# different. esbuild (CommonJS entry) and binaryen's wasm-opt (size) come from the pinned npm
# devDependencies (`npm ci` is run when they are missing).
#
# Usage: thidua-wasm/build.sh [--dev]   (--dev: debug build, faster, larger, no wasm-opt)
# Environment: THIDUA_WASM_TOOLCHAIN=rustup|debian to force one path; THIDUA_WASM_OPT=0 to skip
# wasm-opt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

profile=release
[ "${1:-}" = "--dev" ] && profile=dev
log() { echo "[thidua-wasm build] $*" >&2; }

have_rustup_wasm() {
  command -v rustup >/dev/null 2>&1 && command -v cargo >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: $*; run as root or: sudo apt-get install -y $*"
    exit 1
  fi
  log "apt-get install $*"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_debian_toolchain() {
  local missing=()
  for p in rustc-web cargo-web rust-web-src; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # any lld (lld-22 on Debian 12 with rustc-web 1.96); install lld-22 when none is there
  if ! ls /usr/bin/lld* /usr/bin/wasm-ld* /usr/lib/llvm-*/bin/wasm-ld >/dev/null 2>&1; then
    missing+=(lld-22)
  fi
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

toolchain="${THIDUA_WASM_TOOLCHAIN:-}"
if [ -z "$toolchain" ]; then
  if have_rustup_wasm; then toolchain=rustup; else toolchain=debian; fi
fi

export CARGO_TARGET_DIR="${THIDUA_WASM_TARGET_DIR:-$root/target/wasm}"
# Size and speed: one codegen unit and full LTO for the .wasm only (the workspace's release
# profile is left as it is for the native builds).
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
export CARGO_PROFILE_RELEASE_DEBUG=false
jobs=(-j "${THIDUA_WASM_JOBS:-2}")

log "toolchain: $toolchain, profile: $profile"
if [ "$toolchain" = rustup ]; then
  cargo build "${jobs[@]}" -p thidua-wasm --lib --target wasm32-unknown-unknown --profile "$profile"
  host_cargo=cargo
else
  ensure_debian_toolchain
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo build "${jobs[@]}" \
    -p thidua-wasm --lib --target wasm32-unknown-unknown --profile "$profile" \
    -Zbuild-std=std,panic_abort
  host_cargo=/usr/bin/cargo
  command -v cargo >/dev/null 2>&1 && host_cargo=cargo
fi
dir=release
[ "$profile" = dev ] && dir=debug
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$dir/thidua_wasm.wasm"
[ -f "$wasm" ] || { log "no $wasm"; exit 1; }

# wasm-bindgen CLI of exactly the crate's version.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$want" ] || { log "wasm-bindgen not found in Cargo.lock"; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); this compiles for several minutes"
  if ! "$host_cargo" install "${jobs[@]}" wasm-bindgen-cli --version "$want" --locked; then
    log "retrying without --locked (a crate of its lock file may have been yanked)"
    "$host_cargo" install "${jobs[@]}" wasm-bindgen-cli --version "$want"
  fi
fi

# npm tools: esbuild (the CommonJS entry) and wasm-opt (binaryen), pinned in package.json.
if [ ! -x "$here/node_modules/.bin/esbuild" ] || [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  command -v npm >/dev/null 2>&1 || { log "npm is needed (apt-get install -y nodejs npm)"; exit 1; }
  log "npm ci (esbuild, binaryen)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
# One .wasm for every entry: the web target's glue is ESM that any host can instantiate; Node
# entries read the same file from disk.
wasm-bindgen --target web --out-dir "$pkg/web" --out-name thidua_wasm "$wasm"
raw_size=$(wc -c <"$pkg/web/thidua_wasm_bg.wasm")
if [ "$profile" = release ] && [ "${THIDUA_WASM_OPT:-1}" != 0 ]; then
  # The features Rust enables by default for wasm32-unknown-unknown.
  f="$pkg/web/thidua_wasm_bg.wasm"
  "$here/node_modules/.bin/wasm-opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$f" -o "$f.opt"
  mv "$f.opt" "$f"
  log "wasm-opt -O3: $raw_size → $(wc -c <"$f") bytes"
fi

version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
for f in api.js sheet.js batch.js index.js init.js node.mjs index.d.ts init.d.ts sheet.d.ts batch.d.ts README.md; do
  cp "$here/js/$f" "$pkg/$f"
done
# The domain types and the error codes of this very module (the committed
# src/types.generated.d.ts must be the same: the tests check it).
node "$here/scripts/gen-types.mjs" --pkg "$pkg" --out "$pkg/types.d.ts" >/dev/null
mkdir -p "$pkg/node"
# Bundled from inside pkg/ so that its imports are the shipped glue and api.js.
cp "$here/js/node.cjs.mjs" "$pkg/node-cjs-src.mjs"
"$here/node_modules/.bin/esbuild" "$pkg/node-cjs-src.mjs" --bundle --platform=node --format=cjs \
  --target=node18 --log-level=warning --log-override:empty-import-meta=silent \
  --outfile="$pkg/node/index.cjs"
rm "$pkg/node-cjs-src.mjs"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$here/js/package.json" >"$pkg/package.json"
rm -f "$pkg/web/.gitignore"
log "built $pkg ($(wc -c <"$pkg/web/thidua_wasm_bg.wasm") bytes of wasm)"
