#!/usr/bin/env bash
# clippy -D warnings on the wasm32 build of the binding (the same flags as scripts/build.sh).
# The host-target clippy (nox -s rust / lint) checks the same code compiled for the host.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CRATE="$(dirname "$HERE")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(dirname "$CRATE")/target}"
# shellcheck source=env.sh
source "$HERE/env.sh"
sc_wasm_size_flags
cd "$CRATE"
sc_wasm_clippy --release --locked "${SC_WASM_EXTRA[@]}" -- -D warnings
