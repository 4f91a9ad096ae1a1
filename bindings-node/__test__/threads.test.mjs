// The module in worker threads: each thread its own environment, handles in one registry.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

import { SuperConfig, setLogger } from '../index.js'

const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../index.js')

function runWorker(source) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { entry } })
    let message
    worker.on('message', (m) => (message = m))
    worker.on('error', reject)
    worker.on('exit', (code) => (code === 0 ? resolve(message) : reject(new Error(`worker exited with ${code}`))))
  })
}

test('workers load the module, read, log and exit; the main thread carries on', async () => {
  const seen = []
  setLogger((level, message) => seen.push(message))
  try {
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        runWorker(`
          const { parentPort, workerData } = require('node:worker_threads')
          const { SuperConfig, setLogger } = require(workerData.entry)
          const logged = []
          setLogger((level, message) => logged.push(message))
          const cfg = new SuperConfig().withDefaults({ n: ${n}, big: 2n ** 60n, t: { a: [1, 2] } }).selectProfile('w${n}')
          parentPort.postMessage({ n: cfg.get('n'), big: cfg.get('big'), t: cfg.extract('t'), logged: logged.length })
        `),
      ),
    )
    assert.deepEqual(results.map((r) => r.n), [1, 2, 3])
    for (const r of results) {
      assert.equal(r.big, 2n ** 60n)
      assert.deepEqual(r.t, { a: [1, 2] })
      assert.ok(r.logged > 0)
    }
    // Worker records went to the workers' loggers, not to this thread's.
    assert.ok(!seen.some((m) => /'w[123]'/.test(m)))
    const cfg = new SuperConfig().withDefaults({ t: { a: [3] } })
    assert.deepEqual(cfg.extract(), { t: { a: [3] } })
    assert.equal(cfg.get('t.a.0'), 3)
  } finally {
    setLogger(null)
  }
})
