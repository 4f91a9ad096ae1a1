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

test('a logger may call SuperConfig and setLogger itself', () => {
  const seen = []
  setLogger((level, message) => {
    seen.push(message)
    if (seen.length === 1) new SuperConfig().withDefaults({ nested: true })
  })
  try {
    new SuperConfig().selectProfile('one')
    assert.ok(seen.length >= 1)
  } finally {
    setLogger(null)
  }
})
