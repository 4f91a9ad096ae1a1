// Shared helpers of the binding's tests.
'use strict'

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const v8 = require('node:v8')
const vm = require('node:vm')

/** A fresh temporary directory holding `files` ({relative path: text}). */
function tempDir(files = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'superconfig-node-')))
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(dir, name)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, text)
  }
  return dir
}

/** `global.gc`, also when the test file runs without --expose-gc. */
function getGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc')
}

/** Asserts `fn` throws a SuperConfig error with `code` and the given fields; returns it. */
function throwsCode(assert, fn, code, fields = {}) {
  let caught
  try {
    fn()
  } catch (e) {
    caught = e
  }
  assert.ok(caught instanceof Error, `expected an Error with code ${code}, got ${caught}`)
  assert.equal(caught.code, code, `code of: ${caught.message}`)
  for (const [k, v] of Object.entries(fields)) assert.deepEqual(caught[k], v, `${k} of: ${caught.message}`)
  return caught
}

const FIXTURE = path.resolve(__dirname, '../../../shared/bench-fixture')

module.exports = { tempDir, getGc, throwsCode, FIXTURE }
