// Error objects: Error instances with code = the error kind and file/line/column/key; panics.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import path from 'node:path'

import { SuperConfig, __panicForTests, stats } from '../index.js'
import helpers from './helpers.cjs'

const { tempDir, throwsCode } = helpers

test('KeyNotFound names the key; a default suppresses it (null is a default, undefined is not)', () => {
  const cfg = new SuperConfig().withDefaults({ a: { b: 1 } })
  const e = throwsCode(assert, () => cfg.get('a.c'), 'KeyNotFound', { key: 'a.c', file: null, line: null, column: null })
  assert.ok(e instanceof Error)
  assert.match(e.message, /a\.c/)
  assert.equal(cfg.get('a.c', 7), 7)
  assert.equal(cfg.get('a.c', null), null)
  const fallback = { x: 1 }
  assert.equal(cfg.get('a.c', fallback), fallback)
  throwsCode(assert, () => cfg.get('a.c', undefined), 'KeyNotFound')
  throwsCode(assert, () => cfg.get('a.b.c'), 'KeyNotFound')
  throwsCode(assert, () => cfg.source('zz'), 'KeyNotFound', { key: 'zz' })
  throwsCode(assert, () => cfg.explain('zz'), 'KeyNotFound', { key: 'zz' })
})

test('ParseError carries file, line and column', () => {
  const dir = tempDir({ 'bad.toml': 'a = 1\nb = \n' })
  const file = path.join(dir, 'bad.toml')
  const e = throwsCode(assert, () => new SuperConfig().withFile(file), 'ParseError', { file, line: 2 })
  assert.equal(typeof e.column, 'number')
  assert.ok(e.message.includes(file))
  const s = throwsCode(assert, () => new SuperConfig().withString('{"a": 1,}', 'json', { name: 'inline.json' }), 'ParseError', {
    file: 'inline.json',
    line: 1,
  })
  assert.equal(typeof s.column, 'number')
})

test('InvalidArgument: unknown format names, bad profile name', () => {
  throwsCode(assert, () => new SuperConfig().withString('a = 1', 'ini'), 'InvalidArgument')
  throwsCode(assert, () => new SuperConfig().withFile('x.conf', { format: 'ini' }), 'InvalidArgument')
  throwsCode(assert, () => new SuperConfig().dump('xml'), 'InvalidArgument')
  throwsCode(assert, () => new SuperConfig().selectProfile(''), 'InvalidArgument')
})

test('a missing file: a warning, or FileNotFound when required or strict', () => {
  const dir = tempDir()
  const file = path.join(dir, 'missing.toml')
  const cfg = new SuperConfig().withFile(file)
  assert.deepEqual(
    cfg.warnings().map((w) => [w.kind, w.source]),
    [['FileNotFound', file]],
  )
  throwsCode(assert, () => new SuperConfig().withFile(file, { required: true }), 'FileNotFound', { file })
  throwsCode(assert, () => new SuperConfig({ strict: true }).withFile(file), 'FileNotFound', { file })
})

test('strict mode raises warning kinds as error codes', () => {
  const strict = new SuperConfig({ strict: true })
  assert.equal(strict.strict, true)
  throwsCode(assert, () => strict.withEnvMap({ APP_A: '1', APP_A__B: '2' }, 'APP_'), 'KeyConflict')
  throwsCode(assert, () => strict.withGlob('nothing-here/*.toml', { baseDir: tempDir() }), 'NoMatch')
  throwsCode(
    assert,
    () => strict.withString('default:\n  a: 1\n', 'yaml', { profiles: true }).selectProfile('prod'),
    'ProfileNotFound',
    { key: 'prod' },
  )
})

test('TypeMismatch from keys() of a scalar names the key', () => {
  const cfg = new SuperConfig().withDefaults({ a: 1 })
  throwsCode(assert, () => cfg.keys('a'), 'TypeMismatch', { key: 'a' })
})

test('a failed builder step leaves the original usable', () => {
  const cfg = new SuperConfig().withDefaults({ a: 1 })
  assert.throws(() => cfg.withString('a = ', 'toml'))
  assert.equal(cfg.get('a'), 1)
})

test('a Rust panic is a thrown Error with code InternalError, never an abort', () => {
  const before = stats().handles
  const e = throwsCode(assert, () => __panicForTests('boom'), 'InternalError')
  assert.match(e.message, /boom/)
  // The process and the registry carry on.
  assert.equal(new SuperConfig().withDefaults({ a: 1 }).get('a'), 1)
  assert.ok(stats().handles >= before)
})

test('wrong argument types are InvalidArgument errors, not napi status codes or crashes', () => {
  const cfg = new SuperConfig()
  for (const call of [
    () => cfg.withFile(42),
    () => cfg.withFile('a.toml', 5),
    () => cfg.withFile('a.toml', { required: 'yes' }),
    () => cfg.withString('a = 1'),
    () => cfg.suppressWarnings('x'),
    () => cfg.withEnv('APP_', { ignoreEmpty: 'yes' }),
    () => cfg.withEnvMap({}, 7),
    () => cfg.selectProfile({}),
    () => cfg.dump(5),
    () => cfg.dump('json', 'no'),
    () => new SuperConfig({ strict: 'yes' }),
    () => new SuperConfig('strict'),
  ]) {
    throwsCode(assert, call, 'InvalidArgument')
  }
  throwsCode(assert, () => SuperConfig.prototype.get.call({}, 'a'), 'InvalidHandle')
  // An exception a getter throws comes out unchanged.
  const boom = new Error('boom')
  assert.throws(() => cfg.withEnv('APP_', { get separator () { throw boom } }), (e) => e === boom)
})
