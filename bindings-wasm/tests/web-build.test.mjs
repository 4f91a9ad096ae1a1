// The web build (pkg/, `--target web`, what a page imports) also runs in Node, via initSync with
// the module's bytes: the same module, the same results as pkg-node.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import test from 'node:test'
import { pathToFileURL } from 'node:url'

import { CRATE } from './helpers.mjs'

test('pkg/superconfig.js loads with initSync and works', async () => {
  const web = await import(pathToFileURL(path.join(CRATE, 'pkg', 'superconfig.js')).href)
  web.initSync({ module: fs.readFileSync(path.join(CRATE, 'pkg', 'superconfig_bg.wasm')) })
  const c = new web.SuperConfig().withString('a = 9223372036854775807\n[b]\nc = "x"\n', 'toml', { name: 'a.toml' })
  assert.deepEqual(c.extract(), { a: 2n ** 63n - 1n, b: { c: 'x' } })
  assert.deepEqual(c.source('b.c'), { kind: 'string', name: 'a.toml', line: 3 })
  assert.equal(typeof web.default, 'function', 'the default export is init()')
})
