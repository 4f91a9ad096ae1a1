// `node:assert` (the legacy mode: equal is ==, deepEqual ignores prototypes) in a page; its
// `strict` is assert.mjs, node:assert/strict. See assert.mjs.
import strict, { AssertionError, makeAssert } from './assert.mjs'

const assert = makeAssert(false)
assert.strict = strict
export default assert
export { AssertionError, strict }
export const { ok, fail, ifError, strictEqual, notStrictEqual, equal, notEqual, deepStrictEqual, notDeepStrictEqual, deepEqual, notDeepEqual, match, doesNotMatch, throws, doesNotThrow, rejects, doesNotReject } = assert
