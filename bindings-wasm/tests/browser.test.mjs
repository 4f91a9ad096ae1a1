// The web build in headless Chromium: the page imports pkg/superconfig.js as any site would
// (`import init, { SuperConfig } from './superconfig.js'`) and exercises the binding concerns
// there: BigInt, error fields, the logger, freeing. (The conformance suite's wasm-browser adapter
// runs every case in the same browser.)
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { launchBrowser, openPage, startServer } from '../scripts/browser.mjs'
import { CRATE } from './helpers.mjs'

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import init, { SuperConfig, setLogger, stats } from '/pkg/superconfig.js'
await init()
Object.assign(globalThis, { SuperConfig, setLogger, stats })
document.body.dataset.ready = 'true'
</script>`

let server
let browser
let page
let problems

before(async () => {
  server = await startServer(CRATE, { '/browser-test.html': PAGE })
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url('/browser-test.html'), () => document.body.dataset.ready === 'true'))
})

after(async () => {
  await browser?.close()
  await server?.close()
})

test('values, BigInt and provenance in the page', async () => {
  const out = await page.evaluate(() => {
    const c = new SuperConfig()
      .withString('[a]\nbig = 9223372036854775807\nsmall = 3\n', 'toml', { name: 'a.toml' })
      .withEnvMap({ APP_A__SMALL: '4' }, 'APP_')
    return {
      big: typeof c.get('a.big') === 'bigint' && c.get('a.big') === 2n ** 63n - 1n,
      small: c.get('a.small'),
      source: c.source('a.big'),
      env: c.source('a.small'),
    }
  })
  assert.deepEqual(out, {
    big: true,
    small: 4,
    source: { kind: 'string', name: 'a.toml', line: 2 },
    env: { kind: 'env', name: 'APP_A__SMALL', line: null },
  })
})

test('errors carry code, file, line, column', async () => {
  const e = await page.evaluate(() => {
    try {
      new SuperConfig().withString('a:\n  - 1\n b: 2\n', 'yaml', { name: 'bad.yaml' })
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, file: e.file, line: e.line, column: typeof e.column }
    }
  })
  assert.deepEqual(e, { isError: true, code: 'ParseError', file: 'bad.yaml', line: 3, column: 'number' })
})

test('setLogger and free() work in the page; handles come back', async () => {
  const out = await page.evaluate(() => {
    const records = []
    setLogger((level, message) => records.push(`${level}: ${message}`))
    const before = stats().handles
    const root = new SuperConfig()
    for (let i = 0; i < 1000; i++) root.withDefaults({ i }).free()
    const c = root.withString('x = 1', 'toml')
    c.free()
    root.free()
    setLogger(null)
    return { records: records.length, first: records[0], last: records.at(-1), handles: stats().handles - before }
  })
  // One record per load: 1000 defaults layers, then the string.
  assert.deepEqual(out, {
    records: 1001,
    first: 'info: loaded defaults (1 top-level keys)',
    last: 'info: loaded <string> (1 top-level keys)',
    handles: 0
  })
  assert.deepEqual(problems, [])
})
