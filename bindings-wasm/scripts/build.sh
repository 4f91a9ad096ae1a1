#!/usr/bin/env bash
# Builds the WebAssembly binding, start to finish:
#
#   1. toolchain check (wasm32 compiler + std, wasm-ld, wasm-bindgen at the Cargo.lock version,
#      wasm-opt); when something is missing and we are root, scripts/toolchain.sh installs it
#   2. cargo build --release for wasm32-unknown-unknown (Debian's rustc-web and -Zbuild-std when
#      rustup has no wasm32 target; see scripts/env.sh)
#   3. wasm-bindgen: --target web into pkg/ (the browser's ES module: `import init, { SuperConfig }
#      from './superconfig.js'`), --target experimental-nodejs-module into pkg-node/ (plain
#      `import { SuperConfig } from './pkg-node/superconfig.js'` in Node)
#   4. wasm-opt -Oz on both modules
#   5. size report and budget check (scripts/size.mjs: ≤ 400 KB raw, ≤ 150 KB gzipped)
#
# Usage: bindings-wasm/scripts/build.sh [--no-opt]
# Environment: CARGO_TARGET_DIR (default: <repo>/target, shared with every other build),
# SUPERCONFIG_NO_APT=1 (never run the toolchain installer).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CRATE="$(dirname "$HERE")"
REPO="$(dirname "$CRATE")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"

optimise=1
for a in "$@"; do
  case "$a" in
    --no-opt) optimise=0 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done

log() { printf '[build] %s\n' "$*" >&2; }
die() { printf '[build] ERROR: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)
step() {
  local now; now=$(date +%s)
  log "$* (+$((now - started)) s)"
}

# The build shares two cores with everyone else: stay in the background.
renice -n 10 -p $$ >/dev/null 2>&1 || true

# ----- 1. toolchain -------------------------------------------------------------------------------
step "1/5 toolchain check"
lock_version() {
  awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/version = |"/, ""); print; exit}' "$CRATE/Cargo.lock"
}
want_bindgen="$(lock_version)"
[[ -n "$want_bindgen" ]] || die "no wasm-bindgen in $CRATE/Cargo.lock"

toolchain_problems() {
  # shellcheck source=env.sh
  source "$HERE/env.sh"
  local problems=()
  command -v cargo >/dev/null || problems+=("cargo not on PATH")
  if [[ "$SC_WASM_MODE" == debian ]]; then
    [[ -x "$SC_WASM_RUSTC" ]] || problems+=("no $SC_WASM_RUSTC (Debian rustc-web)")
    [[ -d /usr/lib/rustlib/src/rust/library/std ]] || problems+=("no std source (Debian rust-web-src)")
    [[ -n "$SC_WASM_LINKER" && -x "$SC_WASM_LINKER" ]] || problems+=("no wasm-ld (Debian lld-N)")
  fi
  local have
  have="$("$WASM_BINDGEN" --version 2>/dev/null | awk '{print $2}' || true)"
  [[ "$have" == "$want_bindgen" ]] || problems+=("wasm-bindgen CLI ${have:-missing}, Cargo.lock wants $want_bindgen")
  [[ -x "$WASM_OPT" ]] || problems+=("no wasm-opt at $WASM_OPT (npm binaryen)")
  command -v node >/dev/null || problems+=("node not on PATH")
  printf '%s\n' "${problems[@]}"
}
problems="$(toolchain_problems)"
if [[ -n "$problems" ]]; then
  log "toolchain incomplete:"; printf '  - %s\n' "$problems" >&2
  if [[ "$(id -u)" -eq 0 && -z "${SUPERCONFIG_NO_APT:-}" ]]; then
    log "running scripts/toolchain.sh $CRATE/Cargo.lock"
    bash "$HERE/toolchain.sh" "$CRATE/Cargo.lock"
    problems="$(toolchain_problems)"
    [[ -z "$problems" ]] || die "still missing after toolchain.sh: $problems"
  else
    die "install it with (as root): bash bindings-wasm/scripts/toolchain.sh bindings-wasm/Cargo.lock"
  fi
fi
# shellcheck source=env.sh
source "$HERE/env.sh"
log "mode $SC_WASM_MODE; $("${SC_WASM_RUSTC:-rustc}" -V); wasm-bindgen $want_bindgen; $("$WASM_OPT" --version)"

# ----- 2. cargo -----------------------------------------------------------------------------------
step "2/5 cargo build --release (wasm32-unknown-unknown) into $CARGO_TARGET_DIR"
sc_wasm_size_flags  # scripts/env.sh: the size flags, the same for clippy.sh
(cd "$CRATE" && sc_wasm_cargo build --release --locked "${SC_WASM_EXTRA[@]}")
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/superconfig_wasm.wasm"
[[ -f "$raw" ]] || die "cargo produced no $raw"

# ----- 3. wasm-bindgen ----------------------------------------------------------------------------
step "3/5 wasm-bindgen (web → pkg/, experimental-nodejs-module → pkg-node/)"
for spec in "web:pkg" "experimental-nodejs-module:pkg-node"; do
  target="${spec%%:*}"; out="$CRATE/${spec#*:}"
  rm -rf "$out.tmp"
  "$WASM_BINDGEN" --target "$target" --out-dir "$out.tmp" --out-name superconfig "$raw"
  rm -rf "$out"; mv "$out.tmp" "$out"
done

# ----- 4. wasm-opt --------------------------------------------------------------------------------
if [[ $optimise -eq 1 ]]; then
  step "4/5 wasm-opt -Oz"
  features=(--enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory
            --enable-bulk-memory-opt --enable-sign-ext --enable-reference-types
            --enable-multivalue --enable-call-indirect-overlong)
  # --converge repeats -Oz while it still shrinks the module. --low-memory-unused lets
  # wasm-opt fold constant offsets into loads and stores (`load(p + 8)` → `load offset=8 (p)`),
  # which differ only when `p + 8` wraps past 2^32 into the first KiB; a valid pointer never
  # does (Rust's linker puts the stack first, data from 1 MiB up). Together: about 1 KB gzipped.
  for dir in pkg pkg-node; do
    module="$CRATE/$dir/superconfig_bg.wasm"
    "$WASM_OPT" -Oz --converge --low-memory-unused "${features[@]}" --strip-debug --strip-producers "$module" -o "$module.opt"
    mv "$module.opt" "$module"
  done
else
  step "4/5 wasm-opt skipped (--no-opt)"
fi

# ----- 5. size ------------------------------------------------------------------------------------
step "5/5 size report"
node "$HERE/size.mjs" "$CRATE/pkg/superconfig_bg.wasm"
step "done in $(( $(date +%s) - started )) s"
