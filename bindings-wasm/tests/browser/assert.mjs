// `node:assert/strict` in a page, for the shared suite in Chromium (tests/shared-in-browser.test.mjs
// maps it here; `node:assert`, the legacy mode, maps to assert-legacy.mjs). The methods keep Node's
// semantics where the suite relies on them: equal is Object.is; deepEqual compares prototypes,
// own enumerable keys (in any order), BigInt, -0 and NaN exactly, Dates, RegExps, Errors, Maps,
// Sets, typed arrays and boxed primitives, and cycles; throws/rejects take a class, a validation
// function, a RegExp (tested against String(error)) or an object of expected properties.

export class AssertionError extends Error {
  constructor({ message, actual, expected, operator } = {}) {
    super(message ?? `${show(actual)} ${operator} ${show(expected)}`)
    this.name = 'AssertionError'
    this.code = 'ERR_ASSERTION'
    this.actual = actual
    this.expected = expected
    this.operator = operator
    this.generatedMessage = message === undefined
  }
}

/** A short text of a value for messages. */
function show(value) {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`
  if (typeof value === 'symbol' || value === undefined) return String(value)
  try {
    const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
    return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 400)}…` : text
  } catch {
    return Object.prototype.toString.call(value)
  }
}

const ownKeys = (o) => Reflect.ownKeys(o).filter((k) => Object.prototype.propertyIsEnumerable.call(o, k))
const tag = (o) => Object.prototype.toString.call(o)
const BOXED = [Number, String, Boolean, BigInt, Symbol]

/** Deep equality; `strict`: as assert.deepStrictEqual, else as the legacy assert.deepEqual. */
export function isDeepEqual(a, b, strict = true, memo = new Map()) {
  const isObject = (v) => typeof v === 'object' && v !== null
  if (!isObject(a) || !isObject(b)) {
    if (strict) return Object.is(a, b)
    return !isObject(a) && !isObject(b) && (a == b || (Number.isNaN(a) && Number.isNaN(b)))
  }
  if (a === b) return true
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (tag(a) !== tag(b) || Array.isArray(a) !== Array.isArray(b)) return false
  const pairs = memo.get(a) ?? new Set()
  if (pairs.has(b)) return true
  memo.set(a, pairs.add(b))
  const same = (x, y) => isDeepEqual(x, y, strict, memo)
  if (Array.isArray(a) && a.length !== b.length) return false
  if (a instanceof Date && !Object.is(a.getTime(), b.getTime())) return false
  if (a instanceof RegExp && (String(a) !== String(b) || a.lastIndex !== b.lastIndex)) return false
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false
  if (ArrayBuffer.isView(a) && (a.byteLength !== b.byteLength || !new Uint8Array(a.buffer, a.byteOffset, a.byteLength).every((v, i) => v === new Uint8Array(b.buffer, b.byteOffset, b.byteLength)[i]))) return false
  for (const Box of BOXED) {
    if (a instanceof Box && !Object.is(Box.prototype.valueOf.call(a), Box.prototype.valueOf.call(b))) return false
  }
  if (a instanceof Map) {
    if (a.size !== b.size) return false
    for (const [k, v] of a) {
      if (b.has(k) ? !same(v, b.get(k)) : ![...b].some(([k2, v2]) => same(k, k2) && same(v, v2))) return false
    }
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false
    for (const v of a) if (!b.has(v) && ![...b].some((w) => same(v, w))) return false
  }
  const keys = ownKeys(a)
  if (keys.length !== ownKeys(b).length) return false
  return keys.every((k) => Object.prototype.propertyIsEnumerable.call(b, k) && same(a[k], b[k]))
}

function raise(message, details) {
  if (message instanceof Error) throw message
  throw new AssertionError({ message, ...details })
}

/** Whether what `fn` threw (`actual`) is what `expected` describes; throws if not. */
function check(actual, expected, message, operator) {
  if (expected === undefined || typeof expected === 'string') return
  if (expected instanceof RegExp) {
    if (!expected.test(String(actual))) {
      raise(message ?? `The error ${show(String(actual))} did not match the regular expression ${expected}`, { actual, expected, operator })
    }
    return
  }
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return
    if (Error.isPrototypeOf(expected) || expected === Error) {
      raise(message ?? `The error is expected to be an instance of "${expected.name}", got ${show(actual)}`, { actual, expected, operator })
    }
    if (expected.call({}, actual) !== true) {
      raise(message ?? `The validation function is expected to return "true"; the error was ${actual?.message ?? show(actual)}`, {
        actual,
        expected,
        operator,
      })
    }
    return
  }
  const keys = Reflect.ownKeys(expected)
  if (expected instanceof Error) keys.push('name', 'message')
  for (const key of keys) {
    const want = expected[key]
    const got = actual?.[key]
    const ok = want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeepEqual(got, want)
    if (!ok) raise(message ?? `The error's "${String(key)}" is ${show(got)}, expected ${show(want)}`, { actual, expected, operator })
  }
}

/** The assert module of one mode: `strict` (node:assert/strict) or legacy (node:assert). */
export function makeAssert(strict) {
  const equal = (a, b) => (strict ? Object.is(a, b) : a == b || (Number.isNaN(a) && Number.isNaN(b)))
  const assert = (value, message) => assert.ok(value, message)
  Object.assign(assert, {
    AssertionError,
    ok(value, message) {
      if (!value) raise(message ?? `The expression evaluated to a falsy value: ${show(value)}`, { actual: value, expected: true, operator: '==' })
    },
    fail(message = 'Failed') {
      raise(message, { operator: 'fail' })
    },
    ifError(value) {
      if (value !== null && value !== undefined) raise(`ifError got unwanted exception: ${value?.message ?? show(value)}`, { actual: value, operator: 'ifError' })
    },
    strictEqual(actual, expected, message) {
      if (!Object.is(actual, expected)) raise(message, { actual, expected, operator: 'strictEqual' })
    },
    notStrictEqual(actual, expected, message) {
      if (Object.is(actual, expected)) raise(message, { actual, expected, operator: 'notStrictEqual' })
    },
    equal(actual, expected, message) {
      if (!equal(actual, expected)) raise(message, { actual, expected, operator: strict ? 'strictEqual' : '==' })
    },
    notEqual(actual, expected, message) {
      if (equal(actual, expected)) raise(message, { actual, expected, operator: strict ? 'notStrictEqual' : '!=' })
    },
    deepStrictEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, true)) raise(message, { actual, expected, operator: 'deepStrictEqual' })
    },
    notDeepStrictEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, true)) raise(message, { actual, expected, operator: 'notDeepStrictEqual' })
    },
    deepEqual(actual, expected, message) {
      if (!isDeepEqual(actual, expected, strict)) raise(message, { actual, expected, operator: strict ? 'deepStrictEqual' : 'deepEqual' })
    },
    notDeepEqual(actual, expected, message) {
      if (isDeepEqual(actual, expected, strict)) raise(message, { actual, expected, operator: strict ? 'notDeepStrictEqual' : 'notDeepEqual' })
    },
    match(string, regexp, message) {
      if (typeof string !== 'string' || !regexp.test(string)) {
        raise(message ?? `The input did not match the regular expression ${regexp}. Input: ${show(string)}`, { actual: string, expected: regexp, operator: 'match' })
      }
    },
    doesNotMatch(string, regexp, message) {
      if (typeof string !== 'string' || regexp.test(string)) {
        raise(message ?? `The input was expected to not match the regular expression ${regexp}. Input: ${show(string)}`, {
          actual: string,
          expected: regexp,
          operator: 'doesNotMatch',
        })
      }
    },
    throws(fn, expected, message) {
      if (typeof message !== 'string' && typeof expected === 'string') message = expected
      try {
        fn()
      } catch (e) {
        check(e, expected, message, 'throws')
        return
      }
      raise(`Missing expected exception${message ? `: ${message}` : '.'}`, { expected, operator: 'throws' })
    },
    doesNotThrow(fn, message) {
      try {
        fn()
      } catch (e) {
        raise(`Got unwanted exception${typeof message === 'string' ? `: ${message}` : '.'}\nActual message: "${e?.message}"`, { actual: e, operator: 'doesNotThrow' })
      }
    },
    async rejects(promiseOrFn, expected, message) {
      if (typeof message !== 'string' && typeof expected === 'string') message = expected
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
      } catch (e) {
        check(e, expected, message, 'rejects')
        return
      }
      raise(`Missing expected rejection${message ? `: ${message}` : '.'}`, { expected, operator: 'rejects' })
    },
    async doesNotReject(promiseOrFn, message) {
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
      } catch (e) {
        raise(`Got unwanted rejection${typeof message === 'string' ? `: ${message}` : '.'}\nActual message: "${e?.message}"`, { actual: e, operator: 'doesNotReject' })
      }
    },
  })
  return assert
}

const assert = makeAssert(true)
assert.strict = assert
export default assert
export const {
  ok,
  fail,
  ifError,
  strictEqual,
  notStrictEqual,
  equal,
  notEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  deepEqual,
  notDeepEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
} = assert
export { assert as strict }
