// The shared JS suite (crates/superconfig-js/test/*.test.mjs) in headless Chromium, against the web
// build (pkg/) as a page imports it. Each file runs in a page of its own (as node --test gives each
// file a process of its own) whose import map puts small stand-ins in the place of what the suite
// imports from Node: node:test (tests/browser/runner.mjs, which also runs the tests),
// node:assert/strict and node:assert (assert.mjs, assert-legacy.mjs), node:util (util.mjs), and
// the suite's own superconfig.mjs (browser/superconfig.mjs: the web build). Each test's result
// comes back through page.evaluate and becomes a test here, under its file's name, so a failure
// in the browser shows by name; a skip or a todo stays one.
//
//   cd bindings-wasm && node --test tests/shared-in-browser.test.mjs     (needs scripts/build.sh)
import fs from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'

import { REPO, launchBrowser, openPage, startServer } from '../scripts/browser.mjs'

const SUITE = path.join(REPO, 'crates', 'superconfig-js', 'test')
const FILES = fs.readdirSync(SUITE).filter((f) => f.endsWith('.test.mjs')).sort()
const SHIMS = '/bindings-wasm/tests/browser'
const IMPORTS = {
  'node:test': `${SHIMS}/runner.mjs`,
  'node:assert/strict': `${SHIMS}/assert.mjs`,
  'node:assert': `${SHIMS}/assert-legacy.mjs`,
  'node:util': `${SHIMS}/util.mjs`,
  '/crates/superconfig-js/test/superconfig.mjs': `${SHIMS}/superconfig.mjs`,
}
const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports: IMPORTS })}</script>
<script type="module">
import { runFile } from '${SHIMS}/runner.mjs'
globalThis.runFile = runFile
document.body.dataset.ready = 'true'
</script>`

/** The benchmark fixture's files as pages (/__fixture/<name>), when the fixture is there. */
function fixturePages() {
  const dir = [process.env.SUPERCONFIG_BENCH_FIXTURE, path.resolve(REPO, '../shared/bench-fixture')].find(
    (d) => d && fs.existsSync(path.join(d, 'base.toml')),
  )
  if (!dir) return {}
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [`/__fixture/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]))
}

/** Runs every file, each in a fresh page: { file: { results, loadError, problems } }. */
async function runInChromium() {
  const server = await startServer(REPO, { '/__shared-suite.html': PAGE, ...fixturePages() })
  const runs = {}
  try {
    const browser = await launchBrowser()
    try {
      runs.version = await browser.context.browser()?.version()
      for (const file of FILES) {
        const { page, problems } = await openPage(browser, server.url('/__shared-suite.html'), () => document.body.dataset.ready === 'true')
        const url = `/crates/superconfig-js/test/${file}`
        runs[file] = { ...(await page.evaluate((u) => globalThis.runFile(u), url)), problems }
        await page.close()
      }
    } finally {
      await browser.close()
    }
  } finally {
    await server.close()
  }
  return runs
}

/** The page's error, thrown again here with the page's stack. */
function rethrow(e) {
  const error = new Error(`${e.name}: ${e.message}`)
  error.stack = `${error.message}\n    (in Chromium)\n${e.stack.split('\n').slice(1).join('\n')}`
  throw error
}

const runs = await runInChromium()

for (const file of FILES) {
  const { results, loadError, problems } = runs[file]
  describe(`${file} (Chromium ${runs.version})`, () => {
    if (loadError) test('the file loads in the page', () => rethrow(loadError))
    for (const r of results) {
      if (r.status === 'skip') test(r.name, { skip: r.reason ?? true }, () => {})
      else if (r.status === 'todo') test(r.name, { todo: r.reason ?? true }, () => r.error && rethrow(r.error))
      else test(r.name, () => r.error && rethrow(r.error))
    }
    test('the page logged no errors (uncaught exceptions, console errors, failed requests)', (t) => {
      if (problems.length) throw new Error(problems.join('\n'))
      t.diagnostic(`${results.length} tests run in the page`)
    })
  })
}
