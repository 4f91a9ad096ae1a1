// Live configuration (docs/behaviour.md, "Reload"): reload, events, and watch() with real files
// and real OS events, for every way a file is changed in practice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { SuperConfig, Watcher, stats } from 'superconfig'

const here = path.dirname(fileURLToPath(import.meta.url))
const DEBOUNCE = 50
const WAIT = 10_000
const QUIET = 600

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-watch-'))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function save(file, text) {
  const t = path.join(path.dirname(file), `.${path.basename(file)}.tmp`)
  fs.writeFileSync(t, text)
  fs.renameSync(t, file)
}

/** Collects a watcher's events. */
function collect(watcher) {
  const events = []
  let wake = null
  const push = (e) => {
    events.push(e)
    wake?.()
  }
  watcher.on('change', push)
  watcher.on('error', (_err, e) => push(e))
  return {
    async next() {
      const deadline = Date.now() + WAIT
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('no event')
        await new Promise((r) => {
          wake = r
          setTimeout(r, 50)
        })
      }
      return events.shift()
    },
    async quiet() {
      await sleep(QUIET)
      assert.deepEqual(events, [])
    },
  }
}

test('reload reports the diff with sources and redacted values', () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  save(file, 'port = 80\npassword = "old-pw"\n')
  const cfg = new SuperConfig().withFile(file)
  assert.equal(cfg.version, 0)
  assert.equal(cfg.reload(), null)
  save(file, 'port = 8080\npassword = "new-pw"\n')
  const change = cfg.reload()
  assert.equal(change.kind, 'Changed')
  assert.equal(change.version, 1)
  assert.deepEqual(change.changed.map((c) => c.path), ['port', 'password'])
  assert.deepEqual([change.changed[0].old, change.changed[0].new], [80, 8080])
  assert.deepEqual(change.changed[0].newSource, { kind: 'file', name: file, line: 1 })
  assert.equal(change.changed[1].new, '***')
  assert.ok(!JSON.stringify(change).includes('pw"'))
  save(file, 'port = 1\nbroken = \n')
  assert.throws(() => cfg.reload(), (e) => e.code === 'ParseError' && e.line === 2)
  assert.equal(cfg.get('port'), 8080)
})

test('updateString and snapshot', () => {
  const cfg = new SuperConfig().withString('v = 1', 'toml', { name: 's' })
  assert.equal(cfg.updateString('s', 'v = 2').changed[0].new, 2)
  const snap = cfg.snapshot()
  cfg.updateString('s', 'v = 3')
  assert.deepEqual([snap.get('v'), snap.version, cfg.version], [2, 1, 2])
  assert.throws(() => cfg.updateString('nope', 'v = 1'), (e) => e.code === 'InvalidArgument')
})

test('every change route reaches the change event, in order, and nothing after close', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 1\n')
  const cfg = new SuperConfig().withFile(file)
  const watcher = cfg.watch({ debounceMs: DEBOUNCE })
  assert.ok(watcher instanceof Watcher)
  const ev = collect(watcher)
  fs.writeFileSync(file, 'port = 2\n') // in place
  assert.equal((await ev.next()).version, 1)
  save(file, 'port = 3\n') // rename over
  assert.equal((await ev.next()).version, 2)
  fs.unlinkSync(file) // deleted: a missing layer
  assert.deepEqual((await ev.next()).removed.map((c) => c.path), ['port'])
  fs.writeFileSync(file, 'port = 4\n')
  assert.deepEqual((await ev.next()).added.map((c) => c.path), ['port'])
  assert.equal(cfg.get('port'), 4)
  fs.writeFileSync(file, 'port = 4\n') // the same bytes
  fs.utimesSync(file, new Date(), new Date())
  await ev.quiet()
  watcher.close()
  watcher.close()
  save(file, 'port = 5\n')
  await ev.quiet()
  assert.equal(cfg.get('port'), 4)
})

test('a ConfigMap symlink swap is seen', async () => {
  const dir = tmp()
  fs.mkdirSync(path.join(dir, '..v1'))
  fs.writeFileSync(path.join(dir, '..v1', 'app.toml'), 'port = 1\n')
  fs.symlinkSync('..v1', path.join(dir, '..data'))
  fs.symlinkSync('..data/app.toml', path.join(dir, 'app.toml'))
  const cfg = new SuperConfig().withFile(path.join(dir, 'app.toml'))
  const watcher = cfg.watch({ debounceMs: DEBOUNCE })
  const ev = collect(watcher)
  fs.mkdirSync(path.join(dir, '..v2'))
  fs.writeFileSync(path.join(dir, '..v2', 'app.toml'), 'port = 2\n')
  fs.symlinkSync('..v2', path.join(dir, '..data_tmp'))
  fs.renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'))
  assert.deepEqual((await ev.next()).changed.map((c) => c.path), ['port'])
  assert.equal(cfg.get('port'), 2)
  watcher.close()
})

test('a burst of fifty saves is one reload; a broken save is an error event', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 0\n')
  const cfg = new SuperConfig().withFile(file)
  const watcher = cfg.watch({ debounceMs: 300 })
  const ev = collect(watcher)
  for (let i = 1; i <= 50; i++) save(file, `port = ${i}\n`)
  assert.equal((await ev.next()).version, 1)
  await ev.quiet()
  assert.equal(cfg.get('port'), 50)
  save(file, 'port = 51\nname = \n')
  const failed = await ev.next()
  assert.equal(failed.kind, 'ReloadFailed')
  assert.equal(failed.error.code, 'ParseError')
  assert.equal(failed.error.line, 2)
  assert.equal(failed.error.file, file)
  assert.equal(cfg.get('port'), 50)
  save(file, 'port = 52\n')
  assert.equal((await ev.next()).version, 2)
  watcher.close()
})

test('truncate-then-write never exposes an empty or partial tree', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'a = 0\nb = 0\n')
  const cfg = new SuperConfig().withFile(file)
  const watcher = cfg.watch({ debounceMs: 20 })
  const applied = []
  watcher.on('change', (e) => applied.push(e))
  let bad = 0
  for (let i = 1; i <= 200; i++) {
    const fd = fs.openSync(file, 'w') // truncates
    fs.writeSync(fd, `a = ${i}\nb = ${i}\n`)
    fs.closeSync(fd)
    const pair = cfg.extract()
    if (Object.keys(pair).length !== 2 || pair.a !== pair.b) bad++
    await sleep((i * 7) % 40)
  }
  const deadline = Date.now() + WAIT
  while (cfg.get('a') !== 200 && Date.now() < deadline) await sleep(10)
  watcher.close()
  assert.equal(bad, 0)
  assert.ok(applied.length > 0)
  for (const e of applied) assert.deepEqual(e.removed, [])
  assert.equal(cfg.get('b'), 200)
})

test('for await yields events until an AbortSignal stops the watcher', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 1\n')
  const cfg = new SuperConfig().withFile(file)
  const controller = new AbortController()
  const watcher = cfg.watch({ debounceMs: DEBOUNCE, signal: controller.signal })
  const seen = []
  setTimeout(() => save(file, 'port = 2\n'), 200)
  // The watcher keeps nothing alive by itself (a service's server would): this test's timer does.
  const alive = setInterval(() => {}, 1000)
  for await (const event of watcher) {
    seen.push(event.version)
    if (seen.length === 1) save(file, 'port = 3\n')
    else controller.abort() // ends the loop
  }
  clearInterval(alive)
  assert.deepEqual(seen, [1, 2])
  assert.ok(watcher.closed)
})

test('a script with an open watcher and nothing else to do exits by itself', () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 1\n')
  const entry = path.join(here, '..', 'watcher.cjs')
  const script = `const { SuperConfig } = require(${JSON.stringify(entry)});
    const w = new SuperConfig().withFile(${JSON.stringify(file)}).watch();
    w.on('change', () => {}); console.log('watching')`
  const started = Date.now()
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout.trim(), 'watching')
  assert.ok(Date.now() - started < 15_000)
})

test('ten thousand watch/close cycles leave no thread and no descriptor', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 1\n')
  const cfg = new SuperConfig().withFile(file)
  const count = (d) => fs.readdirSync(d).length
  const settle = async (limit) => {
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (count('/proc/self/task') <= limit[0] && count('/proc/self/fd') <= limit[1]) return
      await sleep(5)
    }
  }
  const before = [count('/proc/self/task'), count('/proc/self/fd')]
  const handles = stats().handles
  const resources = process.getActiveResourcesInfo().length
  for (let i = 0; i < 10_000; i++) {
    cfg.watch().close()
    if (i % 20 === 19) await settle(before)
  }
  await settle(before)
  assert.ok(count('/proc/self/task') <= before[0], 'threads left behind')
  assert.ok(stats().handles <= handles, 'registry handles left behind') // the GC may free earlier ones
  assert.ok(process.getActiveResourcesInfo().length <= resources, 'libuv handles left behind')
  assert.ok(count('/proc/self/fd') <= before[1], 'descriptors left behind')
})

test('a watcher nothing refers to is collected and stops; bad options are InvalidArgument', async () => {
  const dir = tmp()
  const file = path.join(dir, 'app.toml')
  fs.writeFileSync(file, 'port = 1\n')
  const cfg = new SuperConfig().withFile(file)
  let seen = 0
  ;(() => {
    cfg.watch({ debounceMs: DEBOUNCE }).on('change', () => seen++)
  })()
  for (let i = 0; i < 20; i++) {
    globalThis.gc()
    await sleep(20) // finalizers run between turns of the event loop
  }
  save(file, 'port = 2\n')
  await sleep(QUIET)
  assert.equal(seen, 0)
  assert.equal(cfg.version, 0)
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 64, 0]) {
    assert.throws(() => cfg.watch({ debounceMs: bad }).close(), (e) => e.code === 'InvalidArgument', String(bad))
  }
})
