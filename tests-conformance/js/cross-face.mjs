// The cross-face edge cases (../cross-face/edge_cases.json) for a JavaScript face: one body of
// tests, registered by the shared JS suite (crates/superconfig-js/test/cross-face.test.mjs) with
// the build under test: the native addon, the WASM build in Node, the web build in Chromium (where
// the cases are fetched from the page's server instead of read from disk).
import assert from 'node:assert/strict'
import { test } from 'node:test'

const CASES = new URL('../cross-face/edge_cases.json', import.meta.url)
const { cases } = JSON.parse(
  CASES.protocol === 'file:'
    ? (await import('node:fs')).readFileSync(CASES, 'utf8')
    : await (await fetch(CASES)).text(),
)

/** The defaults object of a case: the JSON given, plus a cycle (`link`) or deep nesting
 * (`nest`) that JSON cannot hold. */
export function buildDefaults(c) {
  let defaults = structuredClone(c.defaults ?? {})
  if (c.link) {
    const target = c.link.to.reduce((o, k) => o[k], defaults)
    const parents = c.link.at.slice(0, -1)
    const holder = parents.reduce((o, k) => o[k], defaults)
    holder[c.link.at[c.link.at.length - 1]] = target
  }
  if (c.nest) {
    let value = 1
    for (let i = 0; i < c.nest.levels; i++) value = { [c.nest.key]: value }
    defaults = value
  }
  return defaults
}

/** Registers one test per case, against `SuperConfig`. */
export function crossFaceTests(SuperConfig) {
  for (const c of cases) {
    test(c.name, () => {
      const run = () => {
        const cfg = new SuperConfig().withDefaults(buildDefaults(c))
        return 'get' in c ? cfg.get(c.get) : undefined
      }
      if (!c.error) {
        assert.deepEqual(run(), c.value)
        return
      }
      assert.throws(run, (e) => {
        assert.equal(e.code, c.error.kind, e.message)
        if (c.error.key) assert.equal(e.key, c.error.key)
        if (c.error.message_contains) assert.ok(e.message.includes(c.error.message_contains), e.message)
        return true
      })
    })
  }
}
