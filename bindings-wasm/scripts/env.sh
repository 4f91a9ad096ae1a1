# shellcheck shell=bash
# Source this (bash) after bindings-wasm/scripts/toolchain.sh to build for wasm32-unknown-unknown:
#
#   source bindings-wasm/scripts/env.sh
#   CARGO_TARGET_DIR=/some/wasm-target sc_wasm_cargo build --release -p <crate>
#   "$WASM_BINDGEN" --target experimental-nodejs-module --out-dir pkg <target>/wasm32-unknown-unknown/release/<crate>.wasm
#   "$WASM_OPT" -Oz pkg/<crate>_bg.wasm -o pkg/<crate>_bg.wasm
#
# It exports only SC_WASM_* / WASM_* names, so host builds in the same shell are unchanged (until
# sc_wasm_size_flags is called: it exports the wasm target's rustflags, which host builds ignore);
# sc_wasm_cargo applies the wasm compiler settings to that one cargo call. Use a separate
# CARGO_TARGET_DIR for wasm builds: they use a different rustc, and -Zbuild-std compiles std there.
# sc_wasm_print_env prints the same as plain `export` lines (RUSTC=...) for a CI step.

WASM_TOOLS_DIR="${WASM_TOOLS_DIR:-${HOME}/.local/share/superconfig/wasm-tools}"
export WASM_TOOLS_DIR
export WASM_OPT="${WASM_TOOLS_DIR}/node_modules/.bin/wasm-opt"
export WASM_BINDGEN="${CARGO_HOME:-${HOME}/.cargo}/bin/wasm-bindgen"

if [[ "$(rustup target list --installed 2>/dev/null || true)" == *wasm32-unknown-unknown* ]]; then
  # rustup ships the wasm32 std: plain stable cargo, no Debian compiler
  export SC_WASM_MODE=rustup
  export SC_WASM_RUSTC=""
  export SC_WASM_LINKER=""
  export SC_WASM_CARGO_FLAGS="--target wasm32-unknown-unknown"
else
  export SC_WASM_MODE=debian
  export SC_WASM_RUSTC=/usr/bin/rustc
  _sc_llvm_major="$(/usr/bin/rustc -vV 2>/dev/null | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
  if [[ -n "$_sc_llvm_major" && -x "/usr/lib/llvm-${_sc_llvm_major}/bin/wasm-ld" ]]; then
    SC_WASM_LINKER="/usr/lib/llvm-${_sc_llvm_major}/bin/wasm-ld"
  else
    SC_WASM_LINKER="$(ls -d /usr/lib/llvm-*/bin/wasm-ld 2>/dev/null | sort -t- -k2 -n | tail -1 || true)"
  fi
  export SC_WASM_LINKER
  unset _sc_llvm_major
  export SC_WASM_CARGO_FLAGS="--target wasm32-unknown-unknown -Zbuild-std=std,panic_abort"
fi

# cargo with the wasm compiler settings, for this one call: sc_wasm_cargo build --release ...
sc_wasm_cargo() {
  if [[ "$SC_WASM_MODE" == debian ]]; then
    # shellcheck disable=SC2086
    RUSTC="$SC_WASM_RUSTC" RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$SC_WASM_LINKER" \
      cargo "$@" $SC_WASM_CARGO_FLAGS
  else
    # shellcheck disable=SC2086
    cargo "$@" $SC_WASM_CARGO_FLAGS
  fi
}

# The release build's size flags (README "Size"), for build.sh and clippy.sh alike: a panic is a
# bare trap without the message-formatting machinery (the binding never panics on any input; see
# src/error.rs), no file/line strings, and std's smaller algorithms (only when std is built from
# source). Exports the rustflags (unless set) and sets the array SC_WASM_EXTRA of cargo arguments.
sc_wasm_size_flags() {
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:--Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none}"
  if [[ "$SC_WASM_MODE" == rustup ]]; then
    # stable rustup cargo: the flags above are unstable ones
    export RUSTC_BOOTSTRAP=1
    SC_WASM_EXTRA=()
  else
    SC_WASM_EXTRA=(-Zbuild-std-features=optimize_for_size)
  fi
}

# clippy for the wasm target, for this one call: sc_wasm_clippy --release -- -D warnings
# (Debian mode: Debian's cargo-clippy/clippy-driver, which match /usr/bin/rustc; rustup's clippy
# is a different compiler version and cannot check against crates /usr/bin/rustc built.)
sc_wasm_clippy() {
  if [[ "$SC_WASM_MODE" == debian ]]; then
    [[ -x /usr/bin/cargo-clippy ]] || { echo "sc_wasm_clippy: apt-get install rust-web-clippy" >&2; return 1; }
    local args=() rest=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do args+=("$1"); shift; done
    rest=("$@")
    # shellcheck disable=SC2086
    RUSTC="$SC_WASM_RUSTC" RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$SC_WASM_LINKER" \
      /usr/bin/cargo-clippy clippy "${args[@]}" $SC_WASM_CARGO_FLAGS "${rest[@]}"
  else
    local args=() rest=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do args+=("$1"); shift; done
    rest=("$@")
    # shellcheck disable=SC2086
    cargo clippy "${args[@]}" $SC_WASM_CARGO_FLAGS "${rest[@]}"
  fi
}

sc_wasm_print_env() {
  if [[ "$SC_WASM_MODE" == debian ]]; then
    echo "export RUSTC=$SC_WASM_RUSTC"
    echo "export RUSTC_BOOTSTRAP=1"
    echo "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$SC_WASM_LINKER"
  fi
  echo "export WASM_BINDGEN=$WASM_BINDGEN"
  echo "export WASM_OPT=$WASM_OPT"
  echo "# cargo build --release $SC_WASM_CARGO_FLAGS"
  echo "# (getrandom on wasm32-unknown-unknown: 0.3.4+/0.4 need feature \"wasm_js\"; 0.3.0-0.3.3 also"
  echo "#  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='--cfg getrandom_backend=\"wasm_js\"'; 0.2 feature \"js\")"
}
