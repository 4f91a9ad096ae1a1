// Reads racing reloads (docs/behaviour.md, "Reload"): a worker thread reads a pair of keys that
// every configuration keeps equal while the main thread reloads between two configurations; the
// worker holds the same live configuration through share()/attach().
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { SuperConfig } from 'superconfig'

const READS = 1_000_000
const MIN_RELOADS = 1_000

const reader = `
const { workerData, parentPort } = require('node:worker_threads')
const { SuperConfig } = require(${JSON.stringify(new URL('../watcher.cjs', import.meta.url).pathname)})
const cfg = SuperConfig.attach(workerData.token)
const flag = new Int32Array(workerData.flag)
Atomics.store(flag, 0, 1) // started
let mixed = 0, errors = 0, seen = new Set()
for (let i = 0; i < ${READS}; i++) {
  try {
    const pair = cfg.get('pair')
    if (pair.a !== pair.b) mixed++
    else if (seen.size < 3) seen.add(pair.a)
  } catch { errors++ }
}
Atomics.store(flag, 0, 2) // done
parentPort.postMessage({ mixed, errors, values: seen.size })
`

test('a worker never reads a mixed pair while the main thread reloads', async () => {
  const cfg = new SuperConfig().withString('[pair]\na = 0\nb = 0\n', 'toml', { name: 'pair' })
  const flag = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(reader, { eval: true, workerData: { token: cfg.share(), flag: flag.buffer } })
  const result = new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 10)
  let reloads = 0
  while (reloads < MIN_RELOADS || Atomics.load(flag, 0) !== 2) {
    const v = (reloads + 1) % 2
    assert.notEqual(cfg.updateString('pair', `[pair]\na = ${v}\nb = ${v}\n`), null)
    reloads++
  }
  const { mixed, errors, values } = await result
  await worker.terminate()
  assert.deepEqual({ mixed, errors }, { mixed: 0, errors: 0 })
  assert.equal(values, 2, 'the worker saw both configurations')
  assert.ok(reloads >= MIN_RELOADS)
  assert.equal(cfg.version, reloads)
})

test('a shared configuration is claimed once', () => {
  const cfg = new SuperConfig().withString('a = 1', 'toml', { name: 's' })
  const token = cfg.share()
  const twin = SuperConfig.attach(token)
  assert.throws(() => SuperConfig.attach(token), (e) => e.code === 'InvalidHandle')
  cfg.updateString('s', 'a = 2')
  assert.equal(twin.get('a'), 2, 'the attached configuration follows reloads')
  twin.updateString('s', 'a = 3')
  assert.equal(cfg.get('a'), 3, 'and its reloads are the original one\'s')
  assert.equal(twin.version, 2)
})
