// setLogger: the core's log records reach a JS function, synchronously; nothing without one.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import path from 'node:path'

import { SuperConfig, setLogger } from '../index.js'
import helpers from './helpers.cjs'

const { tempDir } = helpers

test('records arrive in order, during the call, with levels; never a secret value', () => {
  const records = []
  setLogger((level, message) => records.push([level, message]))
  try {
    const dir = tempDir({ 'a.toml': 'a = 1\n' })
    new SuperConfig()
      .withFile(path.join(dir, 'a.toml'))
      .withFile(path.join(dir, 'missing.toml'))
      .withEnvMap({ APP_DB__PASSWORD: 'hunter2' }, 'APP_')
      .selectProfile('prod')
    assert.ok(records.length > 0)
    for (const [level] of records) assert.ok(['error', 'warn', 'info', 'debug', 'trace'].includes(level), level)
    const text = records.map((r) => r[1]).join('\n')
    assert.match(text, /a\.toml/)
    assert.match(text, /missing\.toml/)
    assert.match(text, /APP_DB__PASSWORD/)
    assert.match(text, /prod/)
    assert.ok(!text.includes('hunter2'))
    assert.ok(records.some(([level, m]) => level === 'warn' && /missing\.toml/.test(m)))
  } finally {
    setLogger(null)
  }
})

test('nothing is delivered after the logger is removed', () => {
  const records = []
  setLogger((level, message) => records.push([level, message]))
  setLogger(undefined)
  new SuperConfig().withString('a = 1', 'toml').selectProfile('x')
  assert.deepEqual(records, [])
})

test('a logger that throws: the exception propagates out of the call that logged', () => {
  setLogger(() => {
    throw new Error('logger broke')
  })
  try {
    assert.throws(() => new SuperConfig().selectProfile('x'), /logger broke/)
  } finally {
    setLogger(null)
  }
  assert.equal(new SuperConfig().selectProfile('x').activeProfile, 'x')
})

test('a logger may call SuperConfig itself; what those calls log is not fed back to it', () => {
  const seen = []
  setLogger((level, message) => {
    seen.push(message)
    // Each of these logs a load: passed back, they would call the logger without end.
    new SuperConfig().withDefaults({ nested: true }).withString('n = 1', 'toml')
  })
  try {
    new SuperConfig().withString('a = 1', 'toml', { name: 'outer' })
    assert.equal(seen.length, 1, JSON.stringify(seen))
    assert.match(seen[0], /^loaded outer \(1 top-level keys\)/)
  } finally {
    setLogger(null)
  }
})

test('a logger may set the logger', () => {
  const seen = []
  setLogger((level, message) => {
    seen.push(message)
    setLogger(null)
  })
  new SuperConfig().withString('a = 1', 'toml').withString('b = 1', 'toml')
  assert.equal(seen.length, 1)
})
