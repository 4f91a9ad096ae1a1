// JS values ↔ the core's tree, in every JS build: types, BigInt beyond 2^53, Dates, undefined,
// cycles, depth, odd keys, key paths, environment maps, getters and proxies.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SuperConfig, differs } from './superconfig.mjs'
import { thrown, throwsCode } from './support.mjs'

const roundTrip = (value) => new SuperConfig().withDefaults({ v: value }).get('v')

test('values round-trip through withDefaults and extract/get', () => {
  const defaults = {
    name: 'svc',
    port: 80,
    ratio: 2.5,
    debug: false,
    nothing: null,
    nested: { list: [1, 2.5, 'x', null, { deep: true }] },
    empty: {},
    none: [],
  }
  const cfg = new SuperConfig().withDefaults(defaults)
  assert.deepEqual(cfg.extract(), defaults)
  assert.equal(cfg.get('nested.list.4.deep'), true)
  assert.equal(cfg.get('nothing'), null)
  assert.equal(cfg.has('nothing'), true)
  for (const v of [null, true, false, 0, -1, 1.5, -2.25e-8, 'text', '', 'ünï©ødé 🎉', [], [1, 'a', null], {}, { a: { b: [{ c: 1 }] } }]) {
    assert.deepEqual(roundTrip(v), v)
  }
})

test('a safe integer is an integer, any other number a float (as dump shows)', () => {
  const cfg = new SuperConfig().withDefaults({ i: 3, f: 3.5, big: 2 ** 60, neg: -7 })
  const toml = cfg.dump('toml', false)
  assert.match(toml, /^i = 3$/m)
  assert.match(toml, /^f = 3.5$/m)
  assert.match(toml, /^neg = -7$/m)
  assert.match(toml, /^big = 1\.152921504606847e18$/m) // a TOML float, not an integer
  assert.equal(typeof cfg.get('big'), 'number')
})

test('floats: non-finite ones survive, integral ones are integers in JS terms', () => {
  const cfg = new SuperConfig().withDefaults({ up: Infinity, down: -Infinity, nan: NaN })
  assert.equal(cfg.get('up'), Infinity)
  assert.equal(cfg.get('down'), -Infinity)
  assert.ok(Number.isNaN(cfg.get('nan')))
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

test('integers: safe ones are numbers, beyond 2^53 BigInt; i64 bounds both ways', () => {
  const cfg = new SuperConfig().withString(
    'max = 9223372036854775807\nmin = -9223372036854775808\nsafe = 9007199254740991\nunsafe = 9007199254740992\nneg = -9007199254740991\n',
    'toml',
  )
  assert.equal(cfg.get('max'), 9223372036854775807n)
  assert.equal(cfg.get('min'), -9223372036854775808n)
  assert.equal(cfg.get('safe'), 9007199254740991)
  assert.equal(typeof cfg.get('safe'), 'number')
  assert.equal(cfg.get('unsafe'), 9007199254740992n)
  assert.deepEqual(cfg.extract(), {
    max: 9223372036854775807n,
    min: -9223372036854775808n,
    safe: 9007199254740991,
    unsafe: 9007199254740992n,
    neg: -9007199254740991,
  })
  assert.equal(new SuperConfig().withEnvMap({ APP_BIG: '9223372036854775807' }, 'APP_').get('big'), 2n ** 63n - 1n)
  throwsCode(() => new SuperConfig().withEnvMap({ APP_HUGE: '[18446744073709551615]' }, 'APP_'), 'ParseError', { key: 'huge.0' })
})

test('BigInt defaults are integers (small ones come back as numbers); beyond i64 a ParseError naming the key', () => {
  const cfg = new SuperConfig().withDefaults({ n: 2n ** 62n, small: 5n })
  assert.equal(cfg.get('n'), 2n ** 62n)
  assert.equal(cfg.get('small'), 5)
  assert.equal(roundTrip(2n ** 63n - 1n), 2n ** 63n - 1n)
  assert.equal(roundTrip(5n), 5, 'a small BigInt is an integer, and comes back as a number')
  throwsCode(() => new SuperConfig().withDefaults({ a: { b: 2n ** 63n } }), 'ParseError', { key: 'a.b' })
  throwsCode(() => new SuperConfig().withDefaults({ a: { b: 2n ** 64n } }), 'ParseError', { key: 'a.b' })
})

test('an integer beyond i64 in a document is a ParseError naming the key', () => {
  throwsCode(() => new SuperConfig().withString('{"a": {"b": 99999999999999999999}}', 'json'), 'ParseError', { key: 'a.b' })
})

test('toJSON applies as in JSON.stringify (Date → ISO string); undefined properties are left out, undefined items are null', () => {
  const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5))
  const cfg = new SuperConfig().withDefaults({ when, gone: undefined, list: [1, undefined] })
  assert.deepEqual(cfg.extract(), { when: '2024-01-02T03:04:05.000Z', list: [1, null] })
  const first = new SuperConfig().withDefaults({ list: [undefined, 1] })
  assert.deepEqual(first.extract(), { list: [null, 1] })
  assert.deepEqual(new SuperConfig().withDefaults({ bad: new Date(NaN) }).extract(), { bad: null })
  const custom = { toJSON: (key) => ({ seenKey: key }) }
  assert.deepEqual(new SuperConfig().withDefaults({ c: custom }).extract(), { c: { seenKey: 'c' } })
  // The walker (taken for a BigInt elsewhere in the value) applies toJSON the same way.
  assert.deepEqual(new SuperConfig().withDefaults({ c: custom, when, n: 1n, bad: new Date(NaN) }).extract(), {
    c: { seenKey: 'c' },
    when: '2024-01-02T03:04:05.000Z',
    n: 1,
    bad: null,
  })
  // toJSON of what a toJSON returned applies too; each runs once.
  const seen = []
  const nested = {
    toJSON(key) {
      seen.push(key)
      return { port: 80, self: { toJSON: () => 'inner' } }
    },
  }
  assert.deepEqual(new SuperConfig().withDefaults({ server: nested }).extract(), { server: { port: 80, self: 'inner' } })
  assert.deepEqual(seen, ['server'])
})

test('both conversion paths agree: plain JSON-able values and ones that need the exact walker', () => {
  const plain = { a: 1, b: 2.5, c: 'x', d: [true, null, { e: -0 }], big: 2 ** 60, tiny: 5e-324, huge: 1e300 }
  const exact = { ...plain, inf: Infinity }
  const p = new SuperConfig().withDefaults(plain).extract()
  const x = new SuperConfig().withDefaults(exact).extract()
  assert.deepEqual(p, { ...plain, d: [true, null, { e: 0 }] })
  assert.deepEqual(x, { ...p, inf: Infinity })
  // same dump, so same types (2**60 a float on both paths)
  assert.equal(
    new SuperConfig().withDefaults(plain).dump('yaml'),
    new SuperConfig().withDefaults({ ...plain, n: 1n }).dump('yaml').replace('\n"n": 1', ''),
  )
  class Point {
    constructor() {
      this.x = 1
    }
  }
  assert.deepEqual(new SuperConfig().withDefaults({ p: new Point(), m: new Map([[1, 2]]) }).extract(), { p: { x: 1 }, m: {} })
  const getterCalls = []
  const withGetter = {
    get g() {
      getterCalls.push(1)
      return 5
    },
  }
  assert.equal(new SuperConfig().withDefaults(withGetter).get('g'), 5)
  assert.equal(getterCalls.length, 1)
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

test('functions, symbols and binary data are InvalidArgument errors naming the key', () => {
  const cases = [
    [{ a: { f() {} } }, 'a.f', /a function/],
    [{ s: Symbol('x') }, 's', /a symbol/],
    [{ b: new Uint8Array(2) }, 'b', /binary data/],
    [{ b: new Uint8Array([1]) }, 'b', /binary data/],
    [{ b: [new ArrayBuffer(2)] }, 'b.0', /binary data/],
  ]
  for (const [value, key, message] of cases) {
    const e = throwsCode(() => new SuperConfig().withDefaults(value), 'InvalidArgument', { key })
    assert.match(e.message, message)
  }
})

test('a Buffer has a toJSON method: it converts to what that returns, as in JSON.stringify', { skip: typeof Buffer !== 'function' && 'no Buffer outside Node' }, () => {
  assert.deepEqual(new SuperConfig().withDefaults({ b: Buffer.from('x') }).extract(), { b: { type: 'Buffer', data: [120] } })
})

test('defaults must be a table: anything else is InvalidArgument', () => {
  for (const notATable of [[1, 2], 'text', 5, 42, null, undefined]) {
    throwsCode(() => new SuperConfig().withDefaults(notATable), 'InvalidArgument')
  }
})

test('a cycle is an InvalidArgument error naming the key, not a crash', () => {
  const a = { x: 1 }
  a.self = a
  const e = throwsCode(() => new SuperConfig().withDefaults(a), 'InvalidArgument', { key: 'self' })
  assert.match(e.message, /cycle/)
  const list = []
  list.push(list)
  throwsCode(() => new SuperConfig().withDefaults({ list }), 'InvalidArgument', { key: 'list.0' })
  const cyclic = { a: { b: {} } }
  cyclic.a.b.c = cyclic.a
  assert.match(throwsCode(() => new SuperConfig().withDefaults(cyclic), 'InvalidArgument').message, /cycle/)
  // The same object twice (not a cycle) is fine.
  const shared = { v: 1 }
  assert.deepEqual(new SuperConfig().withDefaults({ p: shared, q: shared }).extract(), { p: { v: 1 }, q: { v: 1 } })
})

test('nesting is limited like the core parsers (128 levels): a ParseError, never a stack overflow', () => {
  const nest = (n, leaf = 1) => {
    let v = leaf
    for (let i = 0; i < n; i++) v = { k: v }
    return v
  }
  assert.equal(new SuperConfig().withDefaults(nest(128)).has(Array(128).fill('k')), true)
  assert.equal(new SuperConfig().withDefaults(nest(100)).has('k.k.k'), true)
  throwsCode(() => new SuperConfig().withDefaults(nest(129)), 'ParseError')
  throwsCode(() => new SuperConfig().withDefaults(nest(10_000, { leaf: 1 })), 'ParseError')
  throwsCode(() => new SuperConfig().withDefaults(nest(100_000)), 'ParseError')
  const name = 'APP_' + Array(100_000).fill('a').join('__')
  throwsCode(() => new SuperConfig().withEnvMap({ [name]: '1' }, 'APP_'), 'ParseError')
})

test("odd keys stay keys: __proto__, dotted, numeric-looking, empty (in the object's own order)", () => {
  const defaults = JSON.parse('{"__proto__": {"polluted": true}, "a.b": 1, "10": "ten", "": "empty"}')
  const cfg = new SuperConfig().withDefaults(defaults)
  const out = cfg.extract()
  assert.equal(Object.getPrototypeOf(out), Object.prototype)
  assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__').value, { polluted: true })
  assert.equal({}.polluted, undefined)
  assert.equal(cfg.get(['a.b']), 1)
  assert.equal(cfg.get(['10']), 'ten')
  // JavaScript itself lists integer-like keys first; that is the order the object has.
  assert.deepEqual(cfg.keys(), Object.keys(defaults))
  assert.deepEqual(cfg.keys(), ['10', '__proto__', 'a.b', ''])
})

test('keys keep insertion order; __proto__ is an ordinary own key on both conversion paths', () => {
  const c = new SuperConfig().withDefaults(JSON.parse('{"z": 1, "a": 2, "__proto__": {"x": 1}, "m": 3}'))
  const x = c.extract()
  assert.deepEqual(Object.keys(x), ['z', 'a', '__proto__', 'm'])
  assert.equal(Object.getPrototypeOf(x), Object.prototype)
  assert.deepEqual(Object.getOwnPropertyDescriptor(x, '__proto__').value, { x: 1 })
  // with a BigInt in the tree the objects are built one by one: the same rule holds
  const y = new SuperConfig().withString('"__proto__" = 1\nbig = 9223372036854775807\n', 'toml').extract()
  assert.deepEqual(Object.keys(y), ['__proto__', 'big'])
  assert.equal(Object.getPrototypeOf(y), Object.prototype)
  const cfg = new SuperConfig().withString('zeta = 1\nalpha = 2\n[mid]\nb = 1\na = 2\n', 'toml')
  assert.deepEqual(cfg.keys(), ['zeta', 'alpha', 'mid'])
  assert.deepEqual(cfg.keys('mid'), ['b', 'a'])
})

test('strings: unicode and lone surrogates', () => {
  const cfg = new SuperConfig().withDefaults({ e: 'été 😀', bad: 'x\uD800y' })
  assert.equal(cfg.get('e'), 'été 😀')
  assert.equal(cfg.get('bad'), 'x\uFFFDy')
})

test('key paths: dotted strings, segment arrays (strings or integers), root', () => {
  const cfg = new SuperConfig().withDefaults({ servers: [{ host: 'a' }, { host: 'b' }] })
  assert.equal(cfg.get('servers.1.host'), 'b')
  assert.equal(cfg.get(['servers', 1, 'host']), 'b')
  assert.deepEqual(cfg.get(''), cfg.extract())
  assert.deepEqual(cfg.extract('servers.0'), { host: 'a' })
  const c = new SuperConfig().withDefaults({ 'a.b': { c: [10, 20] }, x: { y: 1 } })
  assert.deepEqual(c.get(['a.b', 'c', 1]), 20)
  assert.equal(c.get('x.y'), 1)
  assert.deepEqual(c.keys(), ['a.b', 'x'])
  assert.deepEqual(c.keys(null), ['a.b', 'x'])
  assert.deepEqual(c.keys([]), ['a.b', 'x'])
  assert.equal(c.has(['a.b', 'c', '0']), true)
  assert.equal(c.has('a.b.c'), false)
  for (const bad of [42, 5, -1, { a: 1 }, ['a', {}], ['a', 1.5], ['a', null], undefined]) {
    throwsCode(() => c.get(bad), 'InvalidArgument')
  }
  // A negative integer segment names no element, as in every face.
  throwsCode(() => c.get(['a.b', 'c', -1]), 'KeyNotFound')
})

test('environment maps: text, numbers/booleans/BigInts as text, undefined skipped', () => {
  const c = new SuperConfig().withEnvMap(
    { APP_A: 'x', APP_B: 7, APP_C: true, APP_D: 10n, APP_E: undefined, APP_F: 1.5, OTHER: 'x' },
    'APP_',
  )
  assert.deepEqual(c.extract(), { a: 'x', b: 7, c: true, d: 10, f: 1.5 })
  assert.equal(c.source('b').name, 'APP_B')
  const other = { APP_A: '1', APP_B: 2, APP_C: true, APP_D: 3n, APP_E: undefined, OTHER: 'x' }
  assert.deepEqual(new SuperConfig().withEnvMap(other, 'APP_').extract(), {
    a: 1,
    b: 2,
    c: true,
    d: 3,
  })
  for (const bad of [{ APP_A: {} }, { APP_A: null }, ['APP_A=1'], 'APP_A=1', 'nope', null]) {
    throwsCode(() => new SuperConfig().withEnvMap(bad, 'APP_'), 'InvalidArgument')
  }
})

test('withEnvMap: NUL inside a name or value, getters that throw (string maps take a fast path)', () => {
  // The fast path sends NAME\0value pairs as one string; anything holding a NUL must still
  // arrive intact, through the per-property path.
  const cfg = new SuperConfig().withEnvMap({ APP_A: 'x\0y', APP_B: 'plain' }, 'APP_')
  assert.deepEqual(cfg.extract(), { a: 'x\0y', b: 'plain' })
  const named = new SuperConfig().withEnvMap({ 'APP_C\0D': 'v', APP_E: 'w' }, 'APP_')
  assert.deepEqual(named.keys(), ['c\0d', 'e'])
  // A getter's exception comes out unchanged, and the getter runs once.
  let calls = 0
  const boom = new Error('getter failed')
  const vars = {
    APP_OK: '1',
    get APP_BAD() {
      calls += 1
      throw boom
    },
  }
  assert.throws(() => new SuperConfig().withEnvMap(vars, 'APP_'), (e) => e === boom)
  assert.equal(calls, 1)
})

test('tables holding BigInt or non-finite numbers convert exactly too', () => {
  const cfg = new SuperConfig()
    .withString('[t]\nbig = 9223372036854775807\nsmall = 1\n[u]\nx = inf\n', 'toml')
    .withDefaults({ plain: { a: [1, 'x', null, true, { b: 2.5 }] } })
  assert.deepEqual(cfg.extract('t'), { big: 9223372036854775807n, small: 1 })
  assert.deepEqual(cfg.extract('u'), { x: Infinity })
  assert.deepEqual(cfg.extract('plain'), { a: [1, 'x', null, true, { b: 2.5 }] })
  assert.deepEqual(cfg.extract(), {
    t: { big: 9223372036854775807n, small: 1 },
    u: { x: Infinity },
    plain: { a: [1, 'x', null, true, { b: 2.5 }] },
  })
})

test('subclasses work', () => {
  class Mine extends SuperConfig {}
  const mine = new Mine().withDefaults({ a: 1 })
  assert.equal(mine.get('a'), 1)
  const sub = new Mine()
  assert.ok(sub instanceof SuperConfig)
  assert.equal(sub.has('a'), false)
})

test(
  'get and has check their receiver: anything but a SuperConfig is InvalidHandle',
  differs('wasm', "wasm-bindgen's glue throws first: a TypeError for null/undefined, an Error without code ('null pointer passed to rust') otherwise"),
  () => {
    for (const self of [{}, null, undefined, 1, Object.create(SuperConfig.prototype)]) {
      throwsCode(() => SuperConfig.prototype.get.call(self, 'a'), 'InvalidHandle')
      throwsCode(() => SuperConfig.prototype.has.call(self, 'a'), 'InvalidHandle')
    }
  },
)

test('getters run; a getter or proxy trap that throws rethrows its own error and the module stays usable', () => {
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
  assert.equal(
    thrown(() =>
      new SuperConfig().withDefaults({
        get x() {
          throw boom
        },
      }),
    ),
    boom,
  )
  // Any other exception leaves the JSON path as it is: the getter runs once.
  let failures = 0
  const bad = new Error('bad')
  assert.equal(
    thrown(() =>
      new SuperConfig().withDefaults({
        get y() {
          failures++
          throw bad
        },
      }),
    ),
    bad,
  )
  assert.equal(failures, 1)
  const proxy = new Proxy(
    {},
    {
      ownKeys() {
        throw boom
      },
    },
  )
  assert.equal(thrown(() => new SuperConfig().withDefaults(proxy)), boom)
  assert.equal(new SuperConfig().withDefaults({ a: 1 }).get('a'), 1)
})

test(
  'a key path whose proxy trap throws: the exception comes out unchanged',
  () => {
    const c = new SuperConfig().withDefaults({ a: 1 })
    const boom = new TypeError('boom')
    const path = new Proxy([], {
      get() {
        throw boom
      },
    })
    assert.equal(thrown(() => c.get(path)), boom)
    assert.equal(c.get('a'), 1)
  },
)

test('long paths and long strings are read whole', () => {
  const key = 'k'.repeat(400)
  const cfg = new SuperConfig().withDefaults({ [key]: { v: 'x'.repeat(10_000) } })
  assert.equal(cfg.get(`${key}.v`).length, 10_000)
  assert.equal(cfg.has(`${key}.v`), true)
  assert.equal(cfg.get([key, 'v']).length, 10_000)
})

test('a multi-byte character at a read buffer boundary is never cut off', () => {
  // The 128-byte and 256-byte buffers of the string readers: a character straddling their end.
  for (const [pad, ch] of [[126, 'é'], [125, '€'], [124, '😀'], [254, 'é'], [252, '😀']]) {
    const text = 'x'.repeat(pad) + ch
    // String-only maps are read as one string, "APP_V\0<value>\0": 6 bytes before the value.
    const shifted = 'x'.repeat(pad - 6) + ch
    assert.equal(new SuperConfig().withEnvMap({ APP_V: shifted }, 'APP_').get('v'), shifted)
    // A number sends the map to the per-property walker, which reads each value on its own.
    const viaEnvWalker = new SuperConfig().withEnvMap({ APP_V: text, APP_N: 1 }, 'APP_')
    assert.equal(viaEnvWalker.get('v'), text)
    // A BigInt sends the object to the per-property walker instead of JSON.
    const viaWalker = new SuperConfig().withDefaults({ [text]: 1, big: 2n })
    assert.deepEqual(viaWalker.keys(), [text, 'big'])
    assert.equal(viaWalker.get([text]), 1)
    assert.equal(viaWalker.get(text), 1)
    assert.equal(viaWalker.has('x'.repeat(pad)), false)
  }
})

test('floats keep every bit through both conversion paths', () => {
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const floats = Array.from({ length: 2000 }, (_, i) => (random() - 0.5) * 10 ** ((i % 40) - 20))
  floats.push(99423017964.39163, 0.1 + 0.2, 5e-324, 1.7976931348623157e308)
  const viaJson = new SuperConfig().withDefaults({ floats })
  const viaWalker = new SuperConfig().withDefaults({ floats, big: 1n })
  assert.deepEqual(viaJson.get('floats'), floats)
  assert.deepEqual(viaWalker.get('floats'), floats)
})
