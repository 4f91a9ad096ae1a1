#!/usr/bin/env bash
# tsc --noEmit over the declarations wasm-bindgen generated (pkg/ and pkg-node/) and a typed usage
# file (tests/types-check.ts) that exercises the whole API: the generated types must be precise
# enough for real code (no `any` leaking out of get/extract/source/explain/warnings/stats).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tsc=node_modules/.bin/tsc
[[ -x "$tsc" ]] || { echo "typecheck.sh: no $tsc (npm ci in bindings-wasm)" >&2; exit 2; }
exec "$tsc" --noEmit -p tests/tsconfig.json
