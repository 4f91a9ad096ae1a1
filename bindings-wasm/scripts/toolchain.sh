#!/usr/bin/env bash
# Install the toolchain that builds a Rust crate for wasm32-unknown-unknown and turns it
# into JS/ES modules with wasm-bindgen, using only crates.io, npm and Debian apt.
#
# Usage:
#   bindings-wasm/scripts/toolchain.sh [--with-browser] [WASM_BINDGEN_VERSION | path/to/Cargo.lock]
#
#   WASM_BINDGEN_VERSION  e.g. 0.2.130; must equal the `wasm-bindgen` crate version in Cargo.lock.
#   path/to/Cargo.lock    read the `wasm-bindgen` version from that lock file.
#   (neither)             install the compiler side only, not wasm-bindgen-cli.
#   --with-browser        also install Debian's chromium and npm's playwright-core (browser tests).
#
# Idempotent: every step is skipped when what it installs is already there. Non-interactive
# (works with CI=true and no stdin). At the end it prints the environment a wasm build needs;
# `source bindings-wasm/scripts/env.sh` sets the same in a shell.
#
# Route (rustup cannot download targets here):
#   * If rustup's toolchain already has wasm32-unknown-unknown, use it.
#   * Otherwise Debian bookworm-security's `rustc-web` (a second rustc at /usr/bin/rustc, its
#     sysroot /usr) + `rust-web-src` (std source, same version) + `lld-<LLVM major>` (wasm-ld),
#     and build std from source with `-Zbuild-std` (RUSTC_BOOTSTRAP=1). rustup's cargo drives it.
#   * wasm-bindgen-cli: `cargo install --locked` at the exact crate version (host build with
#     rustup's toolchain). If the registry lacks a version pinned in the CLI's own Cargo.lock,
#     that one entry is moved to the newest version the registry has and the rest stays locked.
#   * wasm-opt: npm `binaryen` (Debian's binaryen 108 mis-writes wasm-bindgen's externref table:
#     the optimised module fails at load with "WebAssembly.Table.set(): Argument 1 is invalid").
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
export NEEDRESTART_MODE=a

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BINARYEN_VERSION="${BINARYEN_VERSION:-132.0.0}"
PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
WASM_TOOLS_DIR="${WASM_TOOLS_DIR:-${HOME}/.local/share/superconfig/wasm-tools}"
CARGO_BIN_DIR="${CARGO_HOME:-${HOME}/.cargo}/bin"

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { printf '[toolchain] ERROR: %s\n' "$*" >&2; exit 1; }

with_browser=0
bindgen_arg=""
for a in "$@"; do
  case "$a" in
    --with-browser) with_browser=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) die "unknown option: $a" ;;
    *) [[ -z "$bindgen_arg" ]] || die "only one version or Cargo.lock path may be given"; bindgen_arg="$a" ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# apt helpers
apt_updated=0
apt_update_once() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
}
pkg_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]; }
apt_install() {
  local missing=()
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "apt: already installed: $*"
    return 0
  fi
  apt_update_once
  log "apt-get install ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

[[ "$(id -u)" -eq 0 ]] || die "run as root (apt-get install is needed)"
command -v apt-get >/dev/null || die "apt-get not found: this route needs Debian's packages"

# ---------------------------------------------------------------------------------------------
# 0. host cargo (rustup's; Debian's cargo-web as a fallback)
if ! command -v cargo >/dev/null 2>&1; then
  log "no cargo on PATH: installing Debian's cargo-web (/usr/bin/cargo)"
  apt_install cargo-web rustc-web
fi
log "host: $(cargo -V)"

# ---------------------------------------------------------------------------------------------
# 1. wasm32 compiler + std
mode=debian
rustup_targets="$(rustup target list --installed 2>/dev/null || true)"
if grep -qx wasm32-unknown-unknown <<<"$rustup_targets"; then
  mode=rustup
  log "rustup already has wasm32-unknown-unknown: using it, no Debian rustc needed"
else
  # rust-web-clippy: clippy for that compiler (rustup's clippy cannot check crates it builds)
  apt_install rustc-web rust-web-src rust-web-clippy
  rv="$(pkg_version rustc-web)"; sv="$(pkg_version rust-web-src)"
  [[ "$rv" == "$sv" ]] || die "rustc-web ($rv) and rust-web-src ($sv) differ; apt-get install both at one version"
  [[ -d /usr/lib/rustlib/src/rust/library/std ]] || die "std source missing under /usr/lib/rustlib/src/rust/library"
  grep -qx wasm32-unknown-unknown <<<"$(/usr/bin/rustc --print target-list)" || die "/usr/bin/rustc has no wasm32-unknown-unknown target"
  llvm_major="$(/usr/bin/rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
  [[ -n "$llvm_major" ]] || die "cannot read the LLVM version of /usr/bin/rustc"
  lld_pkg="lld-${llvm_major}"
  if ! pkg_installed "$lld_pkg"; then
    apt_update_once
    if ! apt-cache show "$lld_pkg" >/dev/null 2>&1; then
      # newest lld the archive has (wasm objects are read fine by a newer or older wasm-ld)
      lld_pkg="$(apt-cache pkgnames lld- | grep -E '^lld-[0-9]+$' | sort -t- -k2 -n | tail -1)"
      [[ -n "$lld_pkg" ]] || die "no lld-N package in the archive"
      log "lld-${llvm_major} not in the archive, using ${lld_pkg}"
    fi
  fi
  apt_install "$lld_pkg"
  log "wasm32 compiler: $(/usr/bin/rustc -V) (Debian rustc-web $rv), linker /usr/lib/llvm-${lld_pkg#lld-}/bin/wasm-ld"
fi

# ---------------------------------------------------------------------------------------------
# 2. wasm-opt from npm's binaryen
command -v npm >/dev/null || apt_install nodejs npm
wasm_opt="${WASM_TOOLS_DIR}/node_modules/.bin/wasm-opt"
if [[ -x "$wasm_opt" && "$("$wasm_opt" --version 2>/dev/null || true)" == *"version ${BINARYEN_VERSION%%.*}"* ]]; then
  log "wasm-opt: already $("$wasm_opt" --version)"
else
  mkdir -p "$WASM_TOOLS_DIR"
  [[ -f "$WASM_TOOLS_DIR/package.json" ]] || printf '{ "name": "superconfig-wasm-tools", "private": true }\n' >"$WASM_TOOLS_DIR/package.json"
  log "npm install binaryen@${BINARYEN_VERSION} into ${WASM_TOOLS_DIR}"
  (cd "$WASM_TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error "binaryen@${BINARYEN_VERSION}" >/dev/null)
  log "wasm-opt: $("$wasm_opt" --version)"
fi

# ---------------------------------------------------------------------------------------------
# 3. wasm-bindgen-cli at the exact version of the wasm-bindgen crate
bindgen_version=""
if [[ -n "$bindgen_arg" ]]; then
  if [[ -f "$bindgen_arg" ]]; then
    bindgen_version="$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/version = |"/, ""); print; exit}' "$bindgen_arg")"
    [[ -n "$bindgen_version" ]] || die "no wasm-bindgen package in $bindgen_arg"
    log "wasm-bindgen version from $bindgen_arg: $bindgen_version"
  elif [[ "$bindgen_arg" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    bindgen_version="$bindgen_arg"
  else
    die "not a version nor an existing Cargo.lock: $bindgen_arg"
  fi
fi

install_bindgen_from_patched_lock() {
  # `cargo install --locked` failed. Take the CLI's published source (with its Cargo.lock),
  # move only the lock entries the registry cannot serve, and install from that path --locked.
  local ver="$1" work src crate cargo_home out pkg i
  work="$(mktemp -d)"
  cargo_home="${CARGO_HOME:-$HOME/.cargo}"
  mkdir -p "$work/fetch/src"
  printf '[package]\nname = "wbcli-fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nwasm-bindgen-cli = "=%s"\n' "$ver" >"$work/fetch/Cargo.toml"
  : >"$work/fetch/src/lib.rs"
  (cd "$work/fetch" && cargo fetch -q)
  crate="$(ls "$cargo_home"/registry/cache/*/"wasm-bindgen-cli-${ver}.crate" 2>/dev/null | head -1 || true)"
  [[ -n "$crate" ]] || die "wasm-bindgen-cli-${ver}.crate not in the cargo cache after cargo fetch"
  tar -xzf "$crate" -C "$work"
  src="$work/wasm-bindgen-cli-${ver}"
  [[ -f "$src/Cargo.lock" ]] || die "wasm-bindgen-cli ${ver} ships no Cargo.lock"
  for i in $(seq 1 25); do
    if out="$(cd "$src" && cargo fetch --locked 2>&1)"; then
      break
    fi
    pkg="$(printf '%s\n' "$out" | sed -n 's/.*failed to select a version for the requirement `\([^ ]*\) = .*(locked to \([^)]*\)).*/\1@\2/p' | head -1)"
    [[ -n "$pkg" ]] || { printf '%s\n' "$out" >&2; die "cargo fetch --locked failed for a reason this script does not handle"; }
    log "registry lacks ${pkg} (pinned by wasm-bindgen-cli's Cargo.lock): moving only that entry"
    (cd "$src" && cargo update -q -p "$pkg")
    [[ $i -lt 25 ]] || die "too many lock entries to move"
  done
  CARGO_TARGET_DIR="$work/target" cargo install --locked --force --path "$src"
  rm -rf "$work"
}

if [[ -n "$bindgen_version" ]]; then
  have="$("$CARGO_BIN_DIR/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)"
  if [[ "$have" == "$bindgen_version" ]]; then
    log "wasm-bindgen-cli: already $bindgen_version"
  else
    log "cargo install --locked wasm-bindgen-cli --version $bindgen_version (host build, a few minutes)"
    # host build: never the wasm compiler settings from env.sh
    tmp_target="$(mktemp -d)"
    if ! ( unset RUSTC RUSTC_BOOTSTRAP RUSTFLAGS CARGO_BUILD_TARGET
           CARGO_TARGET_DIR="$tmp_target" cargo install --locked --force wasm-bindgen-cli --version "$bindgen_version" ); then
      log "plain --locked install failed; retrying with the registry-available lock entries"
      ( unset RUSTC RUSTC_BOOTSTRAP RUSTFLAGS CARGO_BUILD_TARGET
        install_bindgen_from_patched_lock "$bindgen_version" )
    fi
    rm -rf "$tmp_target"
    have="$("$CARGO_BIN_DIR/wasm-bindgen" --version | awk '{print $2}')"
    [[ "$have" == "$bindgen_version" ]] || die "installed wasm-bindgen is $have, wanted $bindgen_version"
    log "wasm-bindgen-cli: $have"
  fi
else
  log "no wasm-bindgen version given: wasm-bindgen-cli not installed"
fi

# ---------------------------------------------------------------------------------------------
# 4. optional: browser for tests
if [[ $with_browser -eq 1 ]]; then
  apt_install chromium
  log "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
  if [[ -f "$WASM_TOOLS_DIR/node_modules/playwright-core/package.json" ]] && \
     [[ "$(node -p 'require(process.argv[1]).version' "$WASM_TOOLS_DIR/node_modules/playwright-core/package.json")" == "$PLAYWRIGHT_CORE_VERSION" ]]; then
    log "playwright-core: already ${PLAYWRIGHT_CORE_VERSION}"
  else
    mkdir -p "$WASM_TOOLS_DIR"
    (cd "$WASM_TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error "playwright-core@${PLAYWRIGHT_CORE_VERSION}" >/dev/null)
    log "playwright-core ${PLAYWRIGHT_CORE_VERSION} in ${WASM_TOOLS_DIR}/node_modules (executablePath: /usr/bin/chromium)"
  fi
fi

# ---------------------------------------------------------------------------------------------
log "done (mode: $mode). Environment for a wasm build (or: source ${SCRIPT_DIR}/env.sh):"
WASM_TOOLS_DIR="$WASM_TOOLS_DIR" bash -c "source '${SCRIPT_DIR}/env.sh' >/dev/null && sc_wasm_print_env"
