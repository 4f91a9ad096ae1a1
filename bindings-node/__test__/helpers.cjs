// Helpers of the binding's own tests (Node APIs). The error helpers every build's tests use:
// crates/superconfig-js/test/support.mjs.
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

module.exports = { tempDir, getGc }
