// Errors: an Error with `code` (the core's kind) and file/line/column/key; strict mode; bad
// arguments; the instance stays usable after any error.
import assert from 'node:assert/strict'
import test from 'node:test'

import { SuperConfig, thrown } from './helpers.mjs'

test('parse errors carry file, line and column in every format', () => {
  const cases = [
    ['[a]\nb = \n', 'toml', 2],
    ['a:\n  b: [1, 2\nc: 3\n', 'yaml', 3],
    ['{\n  "a": 1,\n  "b": ]\n}', 'json', 3],
  ]
  for (const [text, format, line] of cases) {
    const e = thrown(() => new SuperConfig().withString(text, format, { name: `conf.${format}` }))
    assert.ok(e instanceof Error)
    assert.equal(e.code, 'ParseError', format)
    assert.equal(e.file, `conf.${format}`)
    assert.equal(typeof e.line, 'number')
    if (line !== null) assert.equal(e.line, line, format)
    assert.equal(typeof e.column, 'number')
    assert.match(e.message, new RegExp(`^parse error: conf\\.${format}:${e.line}:${e.column}: `))
    assert.equal(e.key, null)
  }
  const unnamed = thrown(() => new SuperConfig().withString('a = ', 'toml'))
  assert.equal(unnamed.file, '<string>')
})

test('every error object has the same fields', () => {
  const e = thrown(() => new SuperConfig().withDefaults({ a: 1 }).get('a.b'))
  assert.deepEqual(
    { code: e.code, file: e.file, line: e.line, column: e.column, key: e.key },
    { code: 'KeyNotFound', file: null, line: null, column: null, key: 'a.b' },
  )
  assert.equal(e.name, 'Error')
  const t = thrown(() => new SuperConfig().withDefaults({ a: 1 }).keys('a'))
  assert.equal(t.code, 'TypeMismatch')
  assert.equal(t.key, 'a')
})

test('bad arguments are InvalidArgument errors, never TypeErrors from the glue', () => {
  const c = new SuperConfig()
  const calls = [
    () => new SuperConfig({ strict: 'yes' }),
    () => new SuperConfig(5),
    () => c.withString(5, 'toml'),
    () => c.withString('a = 1', 'ini'),
    () => c.withString('a = 1', null),
    () => c.withString('a = 1', 'toml', { name: 5 }),
    () => c.withString('a = 1', 'toml', { profiles: 'yes' }),
    () => c.withEnvMap({}, 5),
    () => c.withEnvMap({}, 'APP_', { separator: '' }),
    () => c.withEnvMap({}, 'APP_', { ignoreEmpty: 1 }),
    () => c.selectProfile(''),
    () => c.selectProfile(7),
    () => c.suppressWarnings([1]),
    () => c.suppressWarnings({}),
    () => c.dump('json', 'no'),
  ]
  for (const call of calls) {
    const e = thrown(call)
    assert.equal(e.code, 'InvalidArgument', `${call}: ${e.message}`)
  }
  // options: null and undefined mean the defaults; unknown options are ignored
  assert.deepEqual(c.withString('a = 1', 'toml', null).extract(), { a: 1 })
  assert.deepEqual(c.withString('a = 1', 'toml', { other: true }).extract(), { a: 1 })
  assert.equal(new SuperConfig(null).strict, false)
})

test('strict mode: each warning kind is raised by the call that caused it', () => {
  const strict = new SuperConfig({ strict: true })
  const e = thrown(() => strict.withString('default: {a: 1}\nnot_a_profile: 1\n', 'yaml', { profiles: true, name: 'p.yaml' }))
  assert.equal(e.code, 'IgnoredKey')
  const p = thrown(() => strict.withString('default: {a: 1}\n', 'yaml', { profiles: true }).selectProfile('prod'))
  assert.equal(p.code, 'ProfileNotFound')
  const a = thrown(() => strict.withDefaults({ x: 1 }).withDefaults({ x_add: [2] }))
  assert.equal(a.code, 'ArrayOpOnNonArray')
})

test('after thousands of errors the instance still works', () => {
  const c = new SuperConfig().withDefaults({ a: 1 })
  for (let i = 0; i < 5000; i++) {
    assert.equal(thrown(() => c.get('missing')).code, 'KeyNotFound')
    assert.equal(thrown(() => c.withString('x = ', 'toml')).code, 'ParseError')
  }
  assert.equal(c.get('a'), 1)
})
