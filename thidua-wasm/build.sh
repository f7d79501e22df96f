#!/usr/bin/env bash
# Builds the npm package of thidua-wasm into thidua-wasm/pkg/:
#   pkg/package.json   name "thidua", "exports" with a browser/bundler ESM entry and a Node entry
#   pkg/index.js       ESM for browsers and bundlers (instantiates the .wasm on import)
#   pkg/node.mjs       ESM for Node (reads the .wasm from disk synchronously)
#   pkg/node/          CommonJS for Node's require()
#   pkg/web/           the wasm-bindgen output for the web (glue + thidua_wasm_bg.wasm)
#   pkg/index.d.ts     the types (domain types generated from docs/schema/*.json)
#
# Toolchain: a normally installed wasm32-unknown-unknown target (rustup) is used when present.
# Otherwise the Debian toolchain (rustc-web, cargo-web, rust-web-src, lld) builds the standard
# library for wasm32 from source (-Zbuild-std), as described in DEVELOPERS.md; it is installed
# with apt-get when missing and this script runs as root. The wasm-bindgen CLI is installed at
# exactly the version of the wasm-bindgen crate in Cargo.lock when missing or different.
#
# Usage: thidua-wasm/build.sh [--dev]   (--dev: debug build, faster, larger)
# Environment: THIDUA_WASM_TOOLCHAIN=rustup|debian to force one path.
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

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --out-dir "$pkg/web" --out-name thidua_wasm "$wasm"
wasm-bindgen --target nodejs --out-dir "$pkg/node" --out-name thidua_wasm "$wasm"
# Optional: shrink with binaryen's wasm-opt when it is installed (not required).
if command -v wasm-opt >/dev/null 2>&1 && [ "$profile" = release ]; then
  for f in "$pkg/web/thidua_wasm_bg.wasm" "$pkg/node/thidua_wasm_bg.wasm"; do
    wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals "$f" -o "$f.opt" && mv "$f.opt" "$f"
  done
fi

version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
for f in index.js node.mjs index.d.ts README.md; do
  cp "$here/js/$f" "$pkg/$f"
done
# The package's CommonJS folder must not inherit "type": "module".
echo '{"type": "commonjs"}' >"$pkg/node/package.json"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$here/js/package.json" >"$pkg/package.json"
rm -f "$pkg/web/.gitignore" "$pkg/node/.gitignore"
log "built $pkg ($(wc -c <"$pkg/web/thidua_wasm_bg.wasm") bytes of wasm)"
