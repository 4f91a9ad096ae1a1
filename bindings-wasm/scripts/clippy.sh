#!/usr/bin/env bash
# clippy -D warnings on the wasm32 build of the binding (the same flags as scripts/build.sh).
# The host-target clippy (nox -s rust / lint) checks the same code compiled for the host.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CRATE="$(dirname "$HERE")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(dirname "$CRATE")/target}"
# shellcheck source=env.sh
source "$HERE/env.sh"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:--Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none}"
extra=()
if [[ "$SC_WASM_MODE" == rustup ]]; then export RUSTC_BOOTSTRAP=1; else extra+=(-Zbuild-std-features=optimize_for_size); fi
cd "$CRATE"
sc_wasm_clippy --release --locked "${extra[@]}" -- -D warnings
