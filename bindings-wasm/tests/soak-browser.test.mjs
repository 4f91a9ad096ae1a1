// Soak in headless Chromium: the cycle of tests/soak.test.mjs (crates/superconfig-js/test/
// soak-cycle.mjs, every object freed) 10^5 times in a page that imports the web build (pkg/), as
// a site would (the server serves the repository, for the shared cycle). Handles must come back
// to where they started and the page's renderer process (its VmRSS, read from /proc; the process
// is the renderer whose CPU time grew during the first 10^4 cycles) stay within 10 % of its size
// after those 10^4. The module's memory size and performance.memory / the V8 heap figures of the
// DevTools protocol are printed beside it. The page yields every BATCH cycles; collections are
// forced (DevTools protocol) only at the measuring points.
//
//   cd bindings-wasm && node --test tests/soak-browser.test.mjs     (needs scripts/build.sh)
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, test } from 'node:test'

import { REPO, launchBrowser, openPage, startServer } from '../scripts/browser.mjs'

const CYCLES = 100_000
const WARMUP = 10_000 // the RSS reference is taken after this many cycles
const BATCH = 1_000 // cycles between two turns of the page's event loop
const RSS_BOUND = 1.1

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import init, { SuperConfig, stats } from '/bindings-wasm/pkg/superconfig.js'
import { runCycles } from '/crates/superconfig-js/test/soak-cycle.mjs'
const { memory } = await init()
const yieldToLoop = () => new Promise((resolve) => setTimeout(resolve, 0))
globalThis.soak = {
  async run(start, stop, batch) {
    const [seconds] = await runCycles({ SuperConfig, stats }, start, stop, batch, yieldToLoop)
    return seconds
  },
  figures: () => ({
    stats: stats(),
    wasm: memory.buffer.byteLength,
    performanceMemory: performance.memory
      ? { used: performance.memory.usedJSHeapSize, total: performance.memory.totalJSHeapSize }
      : null,
  }),
}
document.body.dataset.ready = 'true'
</script>`

let server
let browser
let page
let cdp
let browserCdp

before(async () => {
  server = await startServer(REPO, { '/soak.html': PAGE })
  browser = await launchBrowser()
  ;({ page } = await openPage(browser, server.url('/soak.html'), () => document.body.dataset.ready === 'true'))
  cdp = await browser.context.newCDPSession(page)
  await cdp.send('Performance.enable')
  browserCdp = await browser.context.browser().newBrowserCDPSession()
})

after(async () => {
  await browser?.close()
  await server?.close()
})

const rendererCpu = async () =>
  new Map(
    (await browserCdp.send('SystemInfo.getProcessInfo')).processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => [p.id, p.cpuTime]),
  )

const vmRss = (pid) => Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024

/** Forces collections (with turns of the page's event loop for the FinalizationRegistry), then
 * the figures; the renderer's RSS once its pid is known. */
async function measure(pid) {
  for (let round = 0; round < 3; round++) {
    await cdp.send('HeapProfiler.collectGarbage')
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 10)))
  }
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN
  return {
    ...(await page.evaluate(() => globalThis.soak.figures())),
    jsHeapUsed: metric('JSHeapUsedSize'),
    jsHeapTotal: metric('JSHeapTotalSize'),
    rss: pid === undefined ? NaN : vmRss(pid),
  }
}

const MiB = 1024 * 1024
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`

test('soak in Chromium: 10^5 create/read/free cycles, handles back, renderer RSS within 10 %', async () => {
  const cpuBefore = await rendererCpu()
  const start = await measure()
  const warmS = await page.evaluate(([a, b, n]) => globalThis.soak.run(a, b, n), [0, WARMUP, BATCH])
  const cpuAfter = await rendererCpu()
  const grew = ([id, cpu]) => cpu - (cpuBefore.get(id) ?? 0)
  const [pid] = [...cpuAfter].sort((a, b) => grew(b) - grew(a))[0]
  const mid = await measure(pid)
  const restS = await page.evaluate(([a, b, n]) => globalThis.soak.run(a, b, n), [WARMUP, CYCLES, BATCH])
  const end = await measure(pid)

  const totalS = warmS + restS
  const row = (what, f) => `${what} start ${f(start)}, after ${WARMUP} ${f(mid)}, end ${f(end)}`
  const pm = (m) => (m.performanceMemory ? `${mib(m.performanceMemory.used)}/${mib(m.performanceMemory.total)}` : 'n/a')
  const version = await browser.context.browser().version()
  const lines = [
    `soak (wasm, Chromium ${version}): ${CYCLES} cycles in ${totalS.toFixed(2)} s = ` +
      `${Math.round(CYCLES / totalS).toLocaleString('en')} cycles/s`,
    `${row('  handles:', (m) => m.stats.handles)}; creates +${end.stats.creates - start.stats.creates}, ` +
      `deletes +${end.stats.deletes - start.stats.deletes}`,
    `  renderer (pid ${pid}) VmRSS: after ${WARMUP} ${mib(mid.rss)}, end ${mib(end.rss)} ` +
      `(end/after-${WARMUP} = ${(end.rss / mid.rss).toFixed(3)}, bound ${RSS_BOUND})`,
    `${row('  wasm memory:', (m) => mib(m.wasm))}; core memoryBytes at the end ${end.stats.memoryBytes}`,
    `${row('  JS heap used/total (DevTools):', (m) => `${mib(m.jsHeapUsed)}/${mib(m.jsHeapTotal)}`)}`,
    `${row('  performance.memory used/total:', pm)}`,
  ]
  console.log(lines.join('\n'))

  assert.equal(end.stats.handles, start.stats.handles, lines[1])
  assert.equal(end.stats.deletes - start.stats.deletes, end.stats.creates - start.stats.creates, lines[1])
  assert.ok(end.rss <= RSS_BOUND * mid.rss, lines.join('\n'))
})
