// Hostile or careless input through the Node face: typed errors, bounded reads, nothing printed;
// a Rust panic is an InternalError (the WASM build traps instead: bindings-wasm/tests/panic).
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { SuperConfig, __panicForTests, stats } from '../index.js'
import { throwsCode } from '../../crates/superconfig-js/test/support.mjs'
import helpers from './helpers.cjs'

const { tempDir } = helpers
const here = path.dirname(fileURLToPath(import.meta.url))

test('a FIFO or a device named as a file is an IoError naming it, never a hang', () => {
  const dir = tempDir()
  const fifo = path.join(dir, 'p.toml')
  execFileSync('mkfifo', [fifo])
  const e = throwsCode(() => new SuperConfig().withFile(fifo), 'IoError', { file: fifo })
  assert.match(e.message, /FIFO/)
  throwsCode(() => new SuperConfig().withFile('/dev/zero'), 'IoError')
  fs.rmSync(dir, { recursive: true })
})

test('a Rust panic is a thrown Error with code InternalError, never an abort', () => {
  const before = stats().handles
  const e = throwsCode(() => __panicForTests('boom'), 'InternalError')
  assert.match(e.message, /boom/)
  // The process and the registry carry on.
  assert.equal(new SuperConfig().withDefaults({ a: 1 }).get('a'), 1)
  assert.ok(stats().handles >= before)
})

test('a caught panic prints nothing before it is thrown', () => {
  const script = `
    const { __panicForTests } = require(${JSON.stringify(path.join(here, '..', 'index.js'))})
    try { __panicForTests('boom') } catch (e) { console.log(e.code, /boom/.test(e.message)) }
  `
  const done = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(done.status, 0)
  assert.equal(done.stdout.trim(), 'InternalError true')
  assert.equal(done.stderr, '')
})

test('maxFileBytes limits every file a configuration reads; a bad value is InvalidArgument', () => {
  const dir = tempDir({ 'c.toml': 'a = "0123456789"\n' })
  const file = path.join(dir, 'c.toml')
  const e = throwsCode(() => new SuperConfig({ maxFileBytes: 8 }).withFile(file), 'IoError', { file })
  assert.match(e.message, /limit of 8 bytes/)
  assert.equal(new SuperConfig().withFile(file).get('a'), '0123456789')
  throwsCode(() => new SuperConfig({ maxFileBytes: -1 }), 'InvalidArgument')
  fs.rmSync(dir, { recursive: true })
})
