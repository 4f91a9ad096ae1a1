// The package loads both ways (CJS and ESM), by path and by its own name, as one module.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as esm from 'superconfig'
import esmDefault, { SuperConfig, setLogger, stats } from 'superconfig'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

test('ESM named exports and require() give the same class', () => {
  const cjs = require('superconfig')
  assert.equal(typeof SuperConfig, 'function')
  assert.equal(typeof setLogger, 'function')
  assert.equal(typeof stats, 'function')
  assert.equal(cjs.SuperConfig, SuperConfig)
  assert.equal(esm.SuperConfig, SuperConfig)
  assert.equal(esmDefault.SuperConfig, SuperConfig)
  assert.ok(new cjs.SuperConfig() instanceof SuperConfig)
})

test('a CommonJS program and an ES module program both run', () => {
  const cjs = execFileSync(
    process.execPath,
    ['-e', "const { SuperConfig } = require('superconfig'); console.log(new SuperConfig().withDefaults({a: 1}).get('a'))"],
    { cwd: root, encoding: 'utf8' },
  )
  assert.equal(cjs.trim(), '1')
  const mjs = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { SuperConfig } from 'superconfig'; console.log(new SuperConfig().withDefaults({a: 2}).get('a'))",
    ],
    { cwd: root, encoding: 'utf8' },
  )
  assert.equal(mjs.trim(), '2')
})

test('nothing is printed on load or use without a logger', () => {
  const out = execFileSync(
    process.execPath,
    ['-e', "const { SuperConfig } = require('superconfig'); new SuperConfig().withFile('nope.toml').selectProfile('x')"],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  assert.equal(out, '')
})
