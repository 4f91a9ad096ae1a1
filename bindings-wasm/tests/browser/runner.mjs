// `node:test` in a page, for the shared suite in Chromium (tests/shared-in-browser.test.mjs maps
// `node:test` here with an import map). Registration as in Node — test/it, describe/suite, hooks,
// options skip/todo/timeout, test.skip/test.todo, async tests, a context with after(), skip(),
// todo(), diagnostic() and subtests — and runFile(url), which imports one test file and runs what
// it registered, one test after the other, returning plain results for page.evaluate.

/** A suite: its name, tests and child suites in registration order, its hooks. */
function newSuite(name, options = {}) {
  return { name, options, items: [], hooks: { before: [], after: [], beforeEach: [], afterEach: [] } }
}

let root = newSuite('')
let current = root

/** The (name, options, fn) of any node:test call form. */
function parse(args) {
  const fn = args.find((a) => typeof a === 'function')
  const name = typeof args[0] === 'string' ? args[0] : fn?.name || '<anonymous>'
  const options = args.find((a) => a !== null && typeof a === 'object') ?? {}
  return { name, options, fn }
}

export function test(...args) {
  current.items.push({ kind: 'test', ...parse(args) })
}

export function describe(...args) {
  const { name, options, fn } = parse(args)
  const suite = newSuite(name, options)
  current.items.push({ kind: 'suite', suite })
  const parent = current
  current = suite
  try {
    fn?.()
  } finally {
    current = parent
  }
}

for (const [f, option] of [[test, 'skip'], [test, 'todo'], [describe, 'skip'], [describe, 'todo']]) {
  f[option] = (...args) => {
    const { name, options, fn } = parse(args)
    return f(name, { ...options, [option]: options[option] ?? true }, fn)
  }
}
test.only = test
describe.only = describe

export const it = test
export const suite = describe
export const before = (fn) => current.hooks.before.push(fn)
export const after = (fn) => current.hooks.after.push(fn)
export const beforeEach = (fn) => current.hooks.beforeEach.push(fn)
export const afterEach = (fn) => current.hooks.afterEach.push(fn)
export default test

/** `true` or a string: the string, else null. */
const reason = (option) => (typeof option === 'string' ? option : null)

/** An error as plain data (page.evaluate carries no Error objects). */
function plain(e) {
  if (!(e instanceof Error)) return { name: 'thrown', message: `a non-Error was thrown: ${String(e)}`, stack: '' }
  return { name: e.name, message: e.message, stack: e.stack ?? '', code: e.code ?? null }
}

function withTimeout(promise, ms) {
  if (!Number.isFinite(ms)) return promise
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`test timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Runs one test (and its subtests) under `prefix`; pushes its results; whether it passed (or
 * was skipped, or is a todo). */
async function runTest({ name, options, fn }, prefix, eachHooks, results) {
  const full = prefix ? `${prefix} > ${name}` : name
  if (options.skip) {
    results.push({ name: full, status: 'skip', reason: reason(options.skip) })
    return true
  }
  const cleanups = []
  const subtests = []
  let skipped = null
  let todo = options.todo ? reason(options.todo) ?? '' : null
  const context = {
    name,
    signal: new AbortController().signal,
    after: (f) => cleanups.push(f),
    diagnostic: (message) => console.log(`# ${full}: ${message}`),
    skip: (message = '') => {
      skipped = message
    },
    todo: (message = '') => {
      todo = message
    },
    test: (...args) => {
      const sub = runTest(parse(args), full, { before: [], after: [] }, results)
      subtests.push(sub)
      return sub
    },
  }
  const started = performance.now()
  let error = null
  try {
    for (const hook of eachHooks.before) await hook(context)
    await withTimeout(Promise.resolve(fn?.(context)), options.timeout)
    const failed = (await Promise.all(subtests)).filter((ok) => !ok).length
    if (failed) throw new Error(`${failed} subtest${failed > 1 ? 's' : ''} failed`)
  } catch (e) {
    error = plain(e)
  }
  for (const cleanup of [...cleanups.reverse(), ...eachHooks.after]) {
    try {
      await cleanup(context)
    } catch (e) {
      error ??= plain(e)
    }
  }
  const ms = performance.now() - started
  if (skipped !== null) results.push({ name: full, status: 'skip', reason: skipped || null, ms })
  else if (todo !== null) results.push({ name: full, status: 'todo', reason: todo || null, error, ms })
  else results.push({ name: full, status: error ? 'fail' : 'pass', error, ms })
  return skipped !== null || todo !== null || !error
}

/** Runs a suite's items in order with its hooks. */
async function runSuite(s, prefix, inherited, results) {
  const name = s.name ? (prefix ? `${prefix} > ${s.name}` : s.name) : prefix
  if (s.options.skip) {
    results.push({ name, status: 'skip', reason: reason(s.options.skip) })
    return
  }
  const eachHooks = {
    before: [...inherited.before, ...s.hooks.beforeEach],
    after: [...s.hooks.afterEach, ...inherited.after],
  }
  try {
    for (const hook of s.hooks.before) await hook()
    for (const item of s.items) {
      if (item.kind === 'suite') await runSuite(item.suite, name, eachHooks, results)
      else await runTest(item, name, eachHooks, results)
    }
  } catch (e) {
    results.push({ name: `${name || '(file)'} > before hook`, status: 'fail', error: plain(e) })
  } finally {
    for (const hook of s.hooks.after) {
      try {
        await hook()
      } catch (e) {
        results.push({ name: `${name || '(file)'} > after hook`, status: 'fail', error: plain(e) })
      }
    }
  }
}

/**
 * Imports the test file at `url` (its tests register here) and runs them. Returns
 * `{ results: [{ name, status: 'pass'|'fail'|'skip'|'todo', reason, error, ms }], loadError }`.
 */
export async function runFile(url) {
  root = newSuite('')
  current = root
  try {
    await import(url)
  } catch (e) {
    return { results: [], loadError: plain(e) }
  }
  const results = []
  await runSuite(root, '', { before: [], after: [] }, results)
  return { results, loadError: null }
}
