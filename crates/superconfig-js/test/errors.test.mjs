// Errors, in every JS build: an Error with `code` (the core's kind) and file/line/column/key;
// strict mode; bad arguments are InvalidArgument; the instance stays usable after any error.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SuperConfig, needs } from './superconfig.mjs'
import { thrown, throwsCode } from './support.mjs'

test('KeyNotFound names the key; a default suppresses it (null is a default, undefined is not)', () => {
  const cfg = new SuperConfig().withDefaults({ a: { b: 1 } })
  const e = throwsCode(() => cfg.get('a.c'), 'KeyNotFound', { key: 'a.c', file: null, line: null, column: null })
  assert.match(e.message, /a\.c/)
  assert.equal(cfg.get('a.c', 7), 7)
  assert.equal(cfg.get('a.c', null), null)
  const fallback = { x: 1 }
  assert.equal(cfg.get('a.c', fallback), fallback)
  throwsCode(() => cfg.get('a.c', undefined), 'KeyNotFound')
  throwsCode(() => cfg.get('a.b.c'), 'KeyNotFound')
  throwsCode(() => cfg.source('zz'), 'KeyNotFound', { key: 'zz' })
  throwsCode(() => cfg.explain('zz'), 'KeyNotFound', { key: 'zz' })
})

test('every error object has the same fields', () => {
  const e = thrown(() => new SuperConfig().withDefaults({ a: 1 }).get('a.b'))
  assert.deepEqual(
    { code: e.code, file: e.file, line: e.line, column: e.column, key: e.key },
    { code: 'KeyNotFound', file: null, line: null, column: null, key: 'a.b' },
  )
  assert.ok(e instanceof Error)
  assert.equal(e.name, 'Error')
  // TypeMismatch from keys() of a scalar names the key.
  throwsCode(() => new SuperConfig().withDefaults({ a: 1 }).keys('a'), 'TypeMismatch', { key: 'a' })
})

test('parse errors carry file, line and column in every format', () => {
  const cases = [
    ['[a]\nb = \n', 'toml', 2],
    ['a:\n  b: [1, 2\nc: 3\n', 'yaml', 3],
    ['a:\n  - 1\n b: 2\n', 'yaml', 3],
    ['{\n  "a": 1,\n  "b": ]\n}', 'json', 3],
    ['{"a": 1,}', 'json', 1],
  ]
  for (const [text, format, line] of cases) {
    const e = throwsCode(() => new SuperConfig().withString(text, format, { name: `conf.${format}` }), 'ParseError', {
      file: `conf.${format}`,
      line,
      key: null,
    })
    assert.equal(typeof e.column, 'number')
    assert.match(e.message, new RegExp(`^parse error: conf\\.${format}:${e.line}:${e.column}: `))
  }
  throwsCode(() => new SuperConfig().withString('a = ', 'toml'), 'ParseError', { file: '<string>' })
})

test('InvalidArgument: unknown format names, bad profile name', () => {
  throwsCode(() => new SuperConfig().withString('a = 1', 'ini'), 'InvalidArgument')
  throwsCode(() => new SuperConfig().dump('xml'), 'InvalidArgument')
  throwsCode(() => new SuperConfig().selectProfile(''), 'InvalidArgument')
})

test('InvalidArgument: an unknown format name for a file', needs('files'), () => {
  throwsCode(() => new SuperConfig().withFile('x.conf', { format: 'ini' }), 'InvalidArgument')
})

test('strict mode: each warning kind is raised by the call that caused it', () => {
  const strict = new SuperConfig({ strict: true })
  assert.equal(strict.strict, true)
  throwsCode(() => strict.withEnvMap({ APP_A: '1', APP_A__B: '2' }, 'APP_'), 'KeyConflict')
  throwsCode(() => strict.withString('default: {a: 1}\nnot_a_profile: 1\n', 'yaml', { profiles: true, name: 'p.yaml' }), 'IgnoredKey')
  throwsCode(() => strict.withString('default:\n  a: 1\n', 'yaml', { profiles: true }).selectProfile('prod'), 'ProfileNotFound', {
    key: 'prod',
  })
  throwsCode(() => strict.withDefaults({ x: 1 }).withDefaults({ x_add: [2] }), 'ArrayOpOnNonArray')
})

test('bad arguments are InvalidArgument errors, never TypeErrors from the glue or crashes', () => {
  const c = new SuperConfig()
  const calls = [
    () => new SuperConfig({ strict: 'yes' }),
    () => new SuperConfig(5),
    () => new SuperConfig('strict'),
    () => c.withString(5, 'toml'),
    () => c.withString('a = 1'),
    () => c.withString('a = 1', 'ini'),
    () => c.withString('a = 1', null),
    () => c.withString('a = 1', 'toml', { name: 5 }),
    () => c.withString('a = 1', 'toml', { profiles: 'yes' }),
    () => c.withEnvMap({}, 5),
    () => c.withEnvMap({}, 7),
    () => c.withEnvMap({}, 'APP_', { separator: '' }),
    () => c.withEnvMap({}, 'APP_', { ignoreEmpty: 1 }),
    () => c.selectProfile(''),
    () => c.selectProfile(7),
    () => c.selectProfile({}),
    () => c.suppressWarnings('x'),
    () => c.suppressWarnings([1]),
    () => c.suppressWarnings({}),
    () => c.dump(5),
    () => c.dump('json', 'no'),
  ]
  for (const call of calls) {
    const e = thrown(call)
    assert.ok(e instanceof Error, `${call}: ${e}`)
    assert.equal(e.code, 'InvalidArgument', `${call}: ${e.message}`)
  }
  // options: null and undefined mean the defaults; unknown options are ignored
  assert.deepEqual(c.withString('a = 1', 'toml', null).extract(), { a: 1 })
  assert.deepEqual(c.withString('a = 1', 'toml', undefined).extract(), { a: 1 })
  assert.deepEqual(c.withString('a = 1', 'toml', { other: true }).extract(), { a: 1 })
  assert.equal(new SuperConfig(null).strict, false)
  // A receiver that is not a SuperConfig: conversions.test.mjs, 'get and has check their receiver'.
})

test('bad arguments of the file layers are InvalidArgument errors', needs('files'), () => {
  const cfg = new SuperConfig()
  for (const call of [() => cfg.withFile(42), () => cfg.withFile('a.toml', 5), () => cfg.withFile('a.toml', { required: 'yes' })]) {
    throwsCode(call, 'InvalidArgument')
  }
})

test('bad arguments of withEnv are InvalidArgument errors; a getter exception comes out unchanged', needs('env'), () => {
  const cfg = new SuperConfig()
  throwsCode(() => cfg.withEnv('APP_', { ignoreEmpty: 'yes' }), 'InvalidArgument')
  const boom = new Error('boom')
  assert.throws(
    () =>
      cfg.withEnv('APP_', {
        get separator() {
          throw boom
        },
      }),
    (e) => e === boom,
  )
})

test('a failed builder step leaves the original usable; after thousands of errors it still works', () => {
  const c = new SuperConfig().withDefaults({ a: 1 })
  assert.throws(() => c.withString('a = ', 'toml'))
  assert.equal(c.get('a'), 1)
  for (let i = 0; i < 5000; i++) {
    assert.equal(thrown(() => c.get('missing')).code, 'KeyNotFound')
    assert.equal(thrown(() => c.withString('x = ', 'toml')).code, 'ParseError')
  }
  assert.equal(c.get('a'), 1)
})
