#!/usr/bin/env bash
# The WASM build's tests, one node --test run:
#   - this package's own tests (tests/): memory (free() and the garbage collector: --expose-gc),
#     panics, the web build in Node, the demo page, the soak in Node and in Chromium, and
#     tests/shared-in-browser.test.mjs: the shared suite in headless Chromium against pkg/;
#   - the shared JS suite (crates/superconfig-js/test/) against pkg-node/ (TEST_WASM=1), the
#     suite the native addon runs too (bindings-node: npm test).
# Needs a build (scripts/build.sh) and, for the browser tests, Chromium and playwright-core
# (scripts/toolchain.sh --with-browser, or npm ci here).
#
# Usage: bindings-wasm/scripts/test.sh [node --test arguments, e.g. tests/memory.test.mjs or
#        ../crates/superconfig-js/test/errors.test.mjs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -f pkg-node/superconfig.js && -f pkg/superconfig.js ]] || { echo "test.sh: no build; run scripts/build.sh first" >&2; exit 2; }
# The test files only: given a directory, node --test also runs every helper module in it
# (the shared suite's loaders, the browser shims) as a test file that passes with no test.
if [[ $# -eq 0 ]]; then set -- tests/*.test.mjs ../crates/superconfig-js/test/*.test.mjs; fi
TEST_WASM=1 exec node --test --expose-gc "$@"
