// What every file of the shared suite uses, in every run (native addon, WASM build in Node, web
// build in Chromium): the builds' feature table and the error helpers. Browser-safe: it imports
// only node:assert/strict (the Chromium run maps it to bindings-wasm/tests/browser/assert.mjs).
import assert from 'node:assert/strict'

/**
 * What each build can do. The WASM build has no filesystem and no process environment: no
 * withFile/withGlob/withHierarchical/withEnv (documents come in as text, variables as a map), and
 * it has free() (and Symbol.dispose), which the native addon leaves to the garbage collector. A
 * shared test of a feature one build lacks is skipped there, and only there: `test(name,
 * needs('files'), fn)` (superconfig.mjs's `needs`).
 */
export const FEATURES = {
  native: { files: true, env: true, glob: true, hierarchical: true, free: false },
  wasm: { files: false, env: false, glob: false, hierarchical: false, free: true },
}

/**
 * What superconfig.mjs (and its Chromium stand-in) export about the build under test, `target`
 * 'native' or 'wasm' and `build` its name for messages: its `features` (FEATURES), and node:test
 * options for tests that depend on them. `needs(feature)` skips a test where the build lacks the
 * feature. `differs(on, what)` marks a test the build `on` is known to fail, a real difference
 * between the builds not resolved yet: there it runs as `todo` (the failure is still reported, as
 * `# TODO known difference: …`, but does not fail the run); on the other builds it is an
 * ordinary test.
 */
export function describeBuild(target, build) {
  const features = FEATURES[target]
  return {
    target,
    build,
    features,
    needs: (feature) => (features[feature] ? {} : { skip: `the ${build} build has no ${feature}` }),
    differs: (on, what) => (on === target ? { todo: `known difference: ${what}` } : {}),
  }
}

/** Calls `fn`, expecting it to throw; returns what it threw. */
export function thrown(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new assert.AssertionError({ message: `expected an error, got none from ${fn}` })
}

/** Asserts `fn` throws an Error with `code` and the given fields (deep-equal); returns it. */
export function throwsCode(fn, code, fields = {}) {
  const e = thrown(fn)
  assert.ok(e instanceof Error, `expected an Error with code ${code}, got ${e}`)
  assert.equal(e.code, code, `code of: ${e.message}`)
  for (const [k, v] of Object.entries(fields)) assert.deepEqual(e[k], v, `${k} of: ${e.message}`)
  return e
}
