// The demo page (bindings-wasm/demo/) in the real browser: it renders the merged configuration
// with sources, follows typing live, shows parse errors, and leaves a screenshot in
// test-results/demo.png (SUPERCONFIG_UPDATE_SCREENSHOT=1: in demo/screenshot.png, the one the
// README shows).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { launchBrowser, openPage, startServer } from '../scripts/browser.mjs'
import { CRATE } from './helpers.mjs'

let server
let browser
let page
let problems

before(async () => {
  server = await startServer(CRATE)
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url('/demo/index.html'), () => document.body.dataset.ready === 'true'))
})

after(async () => {
  await browser?.close()
  await server?.close()
})

/** The rendered row of `key`: { value, source } as text. */
async function row(key) {
  return page.evaluate((k) => {
    const tr = document.querySelector(`#result tr[data-key="${k}"]`)
    if (!tr) return null
    const [, value, source] = [...tr.children].map((td) => td.textContent.trim())
    return { value, source }
  }, key)
}

test('the first render merges the three layers and the environment, with sources', async () => {
  assert.deepEqual(await row('server.port'), { value: '9090', source: 'string local.json:2overrides base.toml:3' })
  assert.deepEqual(await row('database.pool.max_size'), {
    value: '64',
    source: 'env APP_DATABASE__POOL__MAX_SIZE' + 'overrides base.toml:10',
  })
  assert.equal((await row('database.password')).value, '"***"', 'secrets are redacted')
  assert.equal((await row('log_level')).value, '"info"')
})

test('picking a profile re-applies every layer under it', async () => {
  await page.selectOption('#profile', 'prod')
  await page.waitForFunction(() => document.querySelector('#stat').textContent.endsWith('profile prod'))
  assert.equal((await row('log_level')).value, '"warn"')
  assert.match((await row('server.workers')).source, /^string profiles\.yaml:6/)
  assert.equal((await row('features.enabled.0')).value, '"search"')
  assert.equal((await row('features.enabled.1')).value, '"audit"')
  assert.equal(await row('features.enabled.2'), null)
})

test('typing an environment variable updates the result live', async () => {
  await page.click('#env')
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\nAPP_SERVER__PORT=7000')
  await page.waitForFunction(() => document.querySelector('#result tr[data-key="server.port"] td.value')?.textContent === '7000')
  assert.deepEqual(await row('server.port'), {
    value: '7000',
    source: 'env APP_SERVER__PORT' + 'overrides base.toml:3, local.json:2',
  })
})

test('a parse error is shown with its line, and fixing it recovers', async () => {
  const layer = page.locator('.layer[data-layer="0"] textarea')
  const original = await layer.inputValue()
  await layer.fill('[server]\nport = \n')
  await page.waitForFunction(() => document.querySelector('#error').textContent.startsWith('ParseError'))
  assert.match(await page.textContent('#error'), /base\.toml:2:\d+/)
  assert.equal(await layer.evaluate((t) => t.classList.contains('invalid')), true)
  await layer.fill(original)
  await page.waitForFunction(() => document.querySelector('#error').textContent === '')
  assert.equal((await row('server.port')).value, '7000')
})

test('an edit of a layer shows its diff from updateString on a live configuration', async () => {
  await page.evaluate(() => {
    const text = document.querySelector('.layer[data-layer="0"] .text')
    text.value = `live_demo = 1\n${text.value}`
    text.dispatchEvent(new Event('input', { bubbles: true }))
  })
  const diff = await page.evaluate(() => document.querySelector('#diff').textContent)
  assert.match(diff, /^version \d+/)
  assert.match(diff, /\+ live_demo: ∅ → 1 {2}\(base\.toml:1\)/)
})

test('the page saves a screenshot and logged no errors', async () => {
  const file = process.env.SUPERCONFIG_UPDATE_SCREENSHOT
    ? path.join(CRATE, 'demo', 'screenshot.png')
    : path.join(CRATE, 'test-results', 'demo.png')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await page.screenshot({ path: file, fullPage: true })
  assert.ok(fs.statSync(file).size > 10_000, `${file} holds a real screenshot`)
  assert.deepEqual(problems, [])
})
