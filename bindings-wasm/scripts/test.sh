#!/usr/bin/env bash
# The binding's own tests (node --test): conversions, BigInt, errors, memory (free() and the
# garbage collector: --expose-gc), logger, panics, the web build in Node and in headless Chromium,
# and the demo page. Needs a build (scripts/build.sh) and, for the browser tests, Chromium and
# playwright-core (scripts/toolchain.sh --with-browser, or npm ci here).
#
# Usage: bindings-wasm/scripts/test.sh [node --test arguments, e.g. tests/errors.test.mjs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -f pkg-node/superconfig.js && -f pkg/superconfig.js ]] || { echo "test.sh: no build; run scripts/build.sh first" >&2; exit 2; }
if [[ $# -eq 0 ]]; then set -- tests/; fi
exec node --test --expose-gc "$@"
