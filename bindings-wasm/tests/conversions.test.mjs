// JS ↔ core conversion: types, BigInt beyond 2^53, Dates, undefined, keys, depth, cycles,
// key paths, environment maps.
import assert from 'node:assert/strict'
import test from 'node:test'

import { SuperConfig, thrown } from './helpers.mjs'

const roundTrip = (value) => new SuperConfig().withDefaults({ v: value }).get('v')

test('scalars, arrays and tables round-trip', () => {
  for (const v of [null, true, false, 0, -1, 1.5, -2.25e-8, 'text', '', 'ünï©ødé 🎉', [], [1, 'a', null], {}, { a: { b: [{ c: 1 }] } }]) {
    assert.deepEqual(roundTrip(v), v)
  }
})

test('integers: safe ones are numbers, beyond 2^53 BigInt; i64 bounds both ways', () => {
  const toml = new SuperConfig().withString(
    'safe = 9007199254740991\nbig = 9007199254740992\nmax = 9223372036854775807\nmin = -9223372036854775808\nneg = -9007199254740991\n',
    'toml',
  )
  assert.deepEqual(toml.extract(), {
    safe: 9007199254740991,
    big: 9007199254740992n,
    max: 9223372036854775807n,
    min: -9223372036854775808n,
    neg: -9007199254740991,
  })
  assert.equal(roundTrip(2n ** 63n - 1n), 2n ** 63n - 1n)
  assert.equal(roundTrip(5n), 5, 'a small BigInt is an integer, and comes back as a number')
  const e = thrown(() => new SuperConfig().withDefaults({ a: { b: 2n ** 63n } }))
  assert.equal(e.code, 'ParseError')
  assert.equal(e.key, 'a.b')
  assert.equal(new SuperConfig().withEnvMap({ APP_BIG: '9223372036854775807' }, 'APP_').get('big'), 2n ** 63n - 1n)
  const huge = thrown(() => new SuperConfig().withEnvMap({ APP_HUGE: '[18446744073709551615]' }, 'APP_'))
  assert.equal(huge.code, 'ParseError')
  assert.equal(huge.key, 'huge.0')
})

test('an integer beyond i64 in a document is a ParseError naming the key', () => {
  const e = thrown(() => new SuperConfig().withString('{"a": {"b": 99999999999999999999}}', 'json'))
  assert.equal(e.code, 'ParseError')
  assert.equal(e.key, 'a.b')
})

test('floats: integral ones are integers in JS terms, non-finite ones survive', () => {
  const c = new SuperConfig().withString('a: .nan\nb: -.inf\nc: .inf\nd: 1.0\n', 'yaml')
  const x = c.extract()
  assert.ok(Number.isNaN(x.a))
  assert.equal(x.b, -Infinity)
  assert.equal(x.c, Infinity)
  assert.equal(x.d, 1)
  assert.ok(Number.isNaN(roundTrip(NaN)))
  assert.equal(roundTrip(Infinity), Infinity)
  // a float beyond 2^53 stays a number (not a BigInt)
  assert.equal(roundTrip(1e300), 1e300)
})

test('toJSON as in JSON.stringify (Date → ISO string); undefined left out of tables, null in arrays', () => {
  const c = new SuperConfig().withDefaults({ when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), gone: undefined, list: [undefined, 1] })
  assert.deepEqual(c.extract(), { when: '2024-01-02T03:04:05.000Z', list: [null, 1] })
  assert.deepEqual(new SuperConfig().withDefaults({ d: new Date(NaN) }).extract(), { d: null })
  const seen = []
  const custom = { toJSON (key) { seen.push(key); return { port: 80, self: { toJSON: () => 'inner' } } } }
  assert.deepEqual(new SuperConfig().withDefaults({ server: custom }).extract(), { server: { port: 80, self: 'inner' } })
  assert.deepEqual(seen, ['server'])
})

test('unsupported values are InvalidArgument errors naming the key', () => {
  const cases = [
    [{ a: { f() {} } }, 'a.f', /a function/],
    [{ s: Symbol('x') }, 's', /a symbol/],
    [{ b: new Uint8Array(2) }, 'b', /binary data/],
    [{ b: [new ArrayBuffer(2)] }, 'b.0', /binary data/],
  ]
  for (const [value, key, message] of cases) {
    const e = thrown(() => new SuperConfig().withDefaults(value))
    assert.equal(e.code, 'InvalidArgument')
    assert.equal(e.key, key)
    assert.match(e.message, message)
  }
  for (const notATable of [[1, 2], 'text', 5, null]) {
    assert.equal(thrown(() => new SuperConfig().withDefaults(notATable)).code, 'InvalidArgument')
  }
  assert.equal(thrown(() => new SuperConfig().withDefaults(undefined)).code, 'InvalidArgument')
})

test('cycles are InvalidArgument naming the key; deep nesting a ParseError, never a crash', () => {
  const cyclic = { a: { b: {} } }
  cyclic.a.b.c = cyclic.a
  const e = thrown(() => new SuperConfig().withDefaults(cyclic))
  assert.equal(e.code, 'InvalidArgument')
  assert.match(e.message, /cycle/)
  let deep = { leaf: 1 }
  for (let i = 0; i < 10_000; i++) deep = { d: deep }
  assert.equal(thrown(() => new SuperConfig().withDefaults(deep)).code, 'ParseError')
  let ok = 1
  for (let i = 0; i < 100; i++) ok = { d: ok }
  assert.equal(new SuperConfig().withDefaults(ok).has('d.d.d'), true)
  const name = 'APP_' + Array(100_000).fill('a').join('__')
  assert.equal(thrown(() => new SuperConfig().withEnvMap({ [name]: '1' }, 'APP_')).code, 'ParseError')
})

test('keys keep insertion order; __proto__ is an ordinary own key', () => {
  const c = new SuperConfig().withDefaults(JSON.parse('{"z": 1, "a": 2, "__proto__": {"x": 1}, "m": 3}'))
  const x = c.extract()
  assert.deepEqual(Object.keys(x), ['z', 'a', '__proto__', 'm'])
  assert.equal(Object.getPrototypeOf(x), Object.prototype)
  assert.deepEqual(Object.getOwnPropertyDescriptor(x, '__proto__').value, { x: 1 })
  // with a BigInt in the tree the objects are built one by one: the same rule holds
  const y = new SuperConfig().withString('"__proto__" = 1\nbig = 9223372036854775807\n', 'toml').extract()
  assert.deepEqual(Object.keys(y), ['__proto__', 'big'])
  assert.equal(Object.getPrototypeOf(y), Object.prototype)
})

test('class instances contribute their own enumerable properties; Map is an empty table', () => {
  class Settings {
    constructor() {
      this.port = 1
    }
    get computed() {
      return 2
    }
  }
  assert.deepEqual(new SuperConfig().withDefaults({ s: new Settings(), m: new Map([['a', 1]]) }).extract(), { s: { port: 1 }, m: {} })
})

test('key paths: dotted, segments (strings or integers), root', () => {
  const c = new SuperConfig().withDefaults({ 'a.b': { c: [10, 20] }, x: { y: 1 } })
  assert.deepEqual(c.get(['a.b', 'c', 1]), 20)
  assert.equal(c.get('x.y'), 1)
  assert.deepEqual(c.keys(), ['a.b', 'x'])
  assert.deepEqual(c.keys(null), ['a.b', 'x'])
  assert.deepEqual(c.keys([]), ['a.b', 'x'])
  assert.equal(c.has(['a.b', 'c', '0']), true)
  assert.equal(c.has('a.b.c'), false)
  for (const bad of [5, -1, { a: 1 }, ['a', 1.5], ['a', null], undefined]) {
    assert.equal(thrown(() => c.get(bad)).code, 'InvalidArgument', `get(${String(bad)})`)
  }
  // A negative integer segment names no element, as in every face.
  assert.equal(thrown(() => c.get(['a.b', 'c', -1])).code, 'KeyNotFound')
})

test('environment maps: text, numbers/booleans/BigInts as text, undefined skipped', () => {
  const c = new SuperConfig().withEnvMap({ APP_A: 'x', APP_B: 7, APP_C: true, APP_D: 10n, APP_E: undefined, APP_F: 1.5 }, 'APP_')
  assert.deepEqual(c.extract(), { a: 'x', b: 7, c: true, d: 10, f: 1.5 })
  assert.equal(c.source('b').name, 'APP_B')
  for (const bad of [{ APP_A: {} }, { APP_A: null }, ['APP_A=1'], 'APP_A=1', null]) {
    assert.equal(thrown(() => new SuperConfig().withEnvMap(bad, 'APP_')).code, 'InvalidArgument')
  }
})

test('getters run; a getter that throws rethrows its own error and the module stays usable', () => {
  let calls = 0
  const c = new SuperConfig().withDefaults({
    get lazy() {
      calls++
      return new SuperConfig().withDefaults({ inner: 1 }).get('inner') // re-entrant call
    },
  })
  assert.equal(c.get('lazy'), 1)
  assert.equal(calls, 1)
  const boom = new TypeError('boom')
  assert.equal(thrown(() => new SuperConfig().withDefaults({ get x() { throw boom } })), boom)
  // Any other exception leaves the JSON path as it is: the getter runs once.
  let failures = 0
  const bad = new Error('bad')
  assert.equal(thrown(() => new SuperConfig().withDefaults({ get y() { failures++; throw bad } })), bad)
  assert.equal(failures, 1)
  const proxy = new Proxy({}, { ownKeys() { throw boom } })
  assert.equal(thrown(() => new SuperConfig().withDefaults(proxy)), boom)
  assert.equal(thrown(() => c.get(new Proxy([], { get() { throw boom } }))), boom)
  assert.equal(new SuperConfig().withDefaults({ a: 1 }).get('a'), 1)
})
