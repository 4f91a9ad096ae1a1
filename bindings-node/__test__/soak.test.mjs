// Soak (hardening): 10^5 create/read/drop cycles leave stats().handles where it started and the
// resident set within 10 % of its size after the first 10^4 cycles.
//
// A cycle builds a configuration from three layers (defaults, a TOML string, an env map with
// secret-looking keys), reads it every way (get, has, keys, extract, source, explain, dump) and
// drops it: this binding has no free(), so the object and its builder intermediates become
// unreachable and the garbage collector's finalisers free their handles. Every BATCH cycles the
// loop calls the collector (the `gc` the other tests use) and yields to the event loop, where
// Node runs the finalisers; at the two measuring points (after 10^4 cycles and at the end) it
// collects until the handles are back (bounded), the same way at both.
//
//   cd bindings-node && node --expose-gc --test __test__/soak.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as tick } from 'node:timers/promises'

import { SuperConfig, stats } from '../index.js'
import helpers from './helpers.cjs'

const gc = helpers.getGc()

const CYCLES = 100_000
const WARMUP = 10_000 // the RSS reference is taken after this many cycles
const BATCH = 1_000 // cycles between two gc() calls and turns of the event loop
const RSS_BOUND = 1.1

const TOML = `[server]
host = "0.0.0.0"
workers = 4

[database]
host = "db.internal"
password = "toml-password"

[database.pool]
min_size = 2
max_size = 16

[auth]
client_secret = "toml-client-secret"
`

const DEFAULTS = {
  server: { port: 8080, host: 'localhost', workers: 1 },
  database: { host: 'localhost', port: 5432, pool: { min_size: 1, max_size: 4 } },
  auth: { api_key: 'default-api-key', issuer: 'https://auth.example' },
  features: ['a', 'b', 'c'],
}

/** Create, read, drop: nothing of the configuration outlives this call. */
function oneCycle(i) {
  const cfg = new SuperConfig()
    .withDefaults(DEFAULTS)
    .withString(TOML, 'toml', { name: 'soak.toml' })
    .withEnvMap(
      {
        APP_SERVER__PORT: String(9000 + (i % 1000)),
        APP_DATABASE__PASSWORD: `env-password-${i}`,
        APP_AUTH__TOKEN: `token-${String(i).padStart(8, '0')}`,
        APP_CYCLE: String(i),
      },
      'APP_',
    )
  assert.equal(cfg.get('server.port'), 9000 + (i % 1000))
  assert.equal(cfg.get('cycle'), i)
  assert.equal(cfg.get('database.pool.max_size'), 16)
  assert.equal(cfg.get('missing.key', null), null)
  assert.ok(cfg.has('auth.client_secret'))
  assert.ok(!cfg.has('server.tls'))
  assert.deepEqual(cfg.keys('database'), ['host', 'port', 'pool', 'password'])
  const tree = cfg.extract()
  assert.equal(tree.database.password, `env-password-${i}`) // extract is not redacted
  assert.deepEqual(cfg.extract('database.pool'), { min_size: 2, max_size: 16 })
  assert.equal(cfg.source('database.password').name, 'APP_DATABASE__PASSWORD')
  assert.equal(cfg.source('database.pool.max_size').line, 11)
  const explained = cfg.explain('database.password')
  assert.equal(explained.value, '***')
  assert.equal(explained.overridden.length, 1) // the TOML value (defaults have no password)
  const dumped = cfg.dump('json')
  assert.ok(!dumped.includes(`env-password-${i}`))
  assert.equal(JSON.parse(dumped).auth.token, '***')
  assert.ok(!cfg.dump('toml').includes('toml-client-secret'))
}

/** Forces collections until `stats().handles` is at most `target` (bounded rounds). */
async function collectDownTo(target) {
  for (let round = 0; round < 200 && stats().handles > target; round++) {
    gc()
    await tick()
  }
  gc()
  await tick()
  return stats().handles
}

/** Cycles start..stop, collecting and yielding every BATCH; returns [seconds, most handles live]. */
async function run(start, stop) {
  let peak = 0
  const t0 = process.hrtime.bigint()
  for (let i = start; i < stop; i++) {
    oneCycle(i)
    if ((i + 1) % BATCH === 0) {
      peak = Math.max(peak, stats().handles)
      gc()
      await tick()
    }
  }
  return [Number(process.hrtime.bigint() - t0) / 1e9, peak]
}

const MiB = 1024 * 1024
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`

/** Collects, then: registry counters and memory figures. */
async function measure(target) {
  const handles = await collectDownTo(target)
  const { rss, heapTotal, heapUsed } = process.memoryUsage()
  return { stats: stats(), handles, rss, heapTotal, heapUsed }
}

test('soak: 10^5 create/read/drop cycles, handles back to start, RSS within 10 %', async () => {
  const start = await measure(0)
  const [warmS, warmPeak] = await run(0, WARMUP)
  const mid = await measure(start.handles)
  const [restS, restPeak] = await run(WARMUP, CYCLES)
  const end = await measure(start.handles)

  const totalS = warmS + restS
  const row = (what, f) => `${what} start ${f(start)}, after ${WARMUP} ${f(mid)}, end ${f(end)}`
  const lines = [
    `soak (node ${process.version}, napi-rs): ${CYCLES} cycles in ${totalS.toFixed(2)} s = ` +
      `${Math.round(CYCLES / totalS).toLocaleString('en')} cycles/s`,
    `${row('  handles:', (m) => m.handles)}; most live at a batch end (before its gc) ` +
      `${Math.max(warmPeak, restPeak)}; creates +${end.stats.creates - start.stats.creates}, ` +
      `deletes +${end.stats.deletes - start.stats.deletes}`,
    `${row('  rss:', (m) => mib(m.rss))} (end/after-${WARMUP} = ${(end.rss / mid.rss).toFixed(3)}, ` +
      `bound ${RSS_BOUND})`,
    `${row('  v8 heapTotal:', (m) => mib(m.heapTotal))}; heapUsed ${mib(mid.heapUsed)} -> ` +
      `${mib(end.heapUsed)}; core memoryBytes at the end ${end.stats.memoryBytes}`,
  ]
  console.log(lines.join('\n'))

  assert.equal(end.handles, start.handles, lines[1])
  assert.equal(end.stats.deletes - start.stats.deletes, end.stats.creates - start.stats.creates, lines[1])
  assert.ok(end.rss <= RSS_BOUND * mid.rss, lines.join('\n'))
})
