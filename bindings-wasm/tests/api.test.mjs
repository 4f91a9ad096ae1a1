// The API surface: builders, readers, records, profiles, dump, warnings, strict mode.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import test from 'node:test'

import { SuperConfig, fixtureDir, stats, thrown } from './helpers.mjs'

const BASE = `
[database]
host = "localhost"
port = 5432
password = "hunter2"
[server]
hosts = ["a", "b"]
`
const PROD = `
database:
  host: db.prod
server:
  hosts_add: [c]
`

test('layers merge in call order; builders return new objects', () => {
  const empty = new SuperConfig()
  const base = empty.withString(BASE, 'toml', { name: 'base.toml' })
  const prod = base.withString(PROD, 'yaml', { name: 'prod.yaml' })
  const env = prod.withEnvMap({ APP_DATABASE__PORT: '6432', OTHER: 'x' }, 'APP_')
  assert.deepEqual(empty.extract(), {})
  assert.equal(base.get('database.host'), 'localhost')
  assert.equal(env.get('database.host'), 'db.prod')
  assert.equal(env.get('database.port'), 6432)
  assert.deepEqual(env.get('server.hosts'), ['a', 'b', 'c'])
  assert.deepEqual(env.get(['server', 'hosts', 1]), 'b')
  assert.equal(env.get('server.hosts.2'), 'c')
  assert.equal(env.has('database.user'), false)
  assert.equal(env.has('database'), true)
  assert.deepEqual(env.keys(), ['database', 'server'])
  assert.deepEqual(env.keys('database'), ['host', 'port', 'password'])
  assert.deepEqual(env.extract('server'), { hosts: ['a', 'b', 'c'] })
  assert.ok(env instanceof SuperConfig)
  assert.notEqual(env.handle, prod.handle)
})

test('get: a default only when the key is missing; null is a value', () => {
  const c = new SuperConfig().withDefaults({ a: null, b: 0 })
  assert.equal(c.get('a', 5), null)
  assert.equal(c.get('b', 5), 0)
  assert.equal(c.get('nope', 5), 5)
  assert.equal(c.get('nope', null), null)
  assert.equal(c.has('a'), true)
  assert.equal(thrown(() => c.get('nope')).code, 'KeyNotFound')
  assert.equal(thrown(() => c.get('nope', undefined)).code, 'KeyNotFound')
})

test('dump: json (default), toml, yaml; secrets redacted unless redact=false', () => {
  const c = new SuperConfig().withString(BASE, 'toml')
  assert.deepEqual(JSON.parse(c.dump()).database.password, '***')
  assert.deepEqual(JSON.parse(c.dump('json', false)).database.password, 'hunter2')
  assert.match(c.dump('toml'), /password = "\*\*\*"/)
  assert.match(c.dump('yaml'), /password: "?\*\*\*"?/)
  assert.equal(thrown(() => c.dump('xml')).code, 'InvalidArgument')
})

// What profiles do is in the conformance cases (profiles/*); here only this binding's faces.
test('profiles: the activeProfile getter and the profiles() list', () => {
  const text = 'default:\n  a: 1\nprod:\n  a: 2\nglobal:\n  b: 3\n'
  const after = new SuperConfig().withString(text, 'yaml', { profiles: true }).selectProfile('prod')
  assert.equal(new SuperConfig().activeProfile, 'default')
  assert.equal(after.activeProfile, 'prod')
  assert.deepEqual(after.profiles(), ['default', 'prod'])
})

test('warnings are structured, suppressible, and errors in strict mode', () => {
  const vars = { APP_A: '1', APP_A__B: '2' }
  const c = new SuperConfig().withEnvMap(vars, 'APP_')
  const [w] = c.warnings()
  assert.equal(w.kind, 'KeyConflict')
  assert.equal(typeof w.message, 'string')
  assert.equal(w.source, 'APP_A__B')
  assert.equal(w.key, 'a')
  assert.deepEqual(c.suppressWarnings(['KeyConflict']).warnings(), [])
  assert.deepEqual(c.suppressWarnings(['Key*']).warnings(), [])
  // An array, as in the Node binding and the declared type: a bare string is an error.
  assert.equal(thrown(() => c.suppressWarnings('Key*')).code, 'InvalidArgument')
  const before = stats().warnings
  c.suppressWarnings(['*']).withEnvMap({ APP_X: '1', APP_X__Y: '2' }, 'APP_')
  assert.ok(stats().warnings > before, 'suppressed warnings are still counted')
  const strict = new SuperConfig({ strict: true })
  assert.equal(strict.strict, true)
  const e = thrown(() => strict.withEnvMap(vars, 'APP_'))
  assert.equal(e.code, 'KeyConflict')
  assert.equal(e.key, 'a')
})

test('layers() lists every layer with kind, name and status', () => {
  const c = new SuperConfig()
    .withDefaults({ a: 1 })
    .withString('', 'toml', { name: 'empty.toml' })
    .withEnvMap({}, 'APP_')
  assert.deepEqual(c.layers(), [
    { kind: 'defaults', name: 'defaults', status: 'loaded' },
    { kind: 'string', name: 'empty.toml', status: 'empty' },
    { kind: 'env', name: 'APP_', status: 'empty' },
  ])
})

test('stats() counts handles, creates, reads, deletes', () => {
  const s0 = stats()
  const c = new SuperConfig().withDefaults({ a: 1 })
  c.get('a')
  const s1 = stats()
  assert.equal(s1.handles, s0.handles + 2)
  assert.ok(s1.creates >= s0.creates + 2 && s1.reads > s0.reads)
  assert.deepEqual(Object.keys(s1), ['handles', 'creates', 'reads', 'updates', 'deletes', 'memoryBytes', 'warnings'])
  c.free()
  assert.equal(stats().handles, s0.handles + 1)
  assert.equal(stats().deletes, s1.deletes + 1)
})

test('toString names handle, profile and layers, never a value', () => {
  const c = new SuperConfig().withString(BASE, 'toml', { name: 'base.toml' })
  assert.match(String(c), /^SuperConfig\(handle=\d+, profile="default", layers=\["string:base.toml"\]\)$/)
  assert.ok(!String(c).includes('hunter2'))
})

test('the benchmark fixture loads to its expected result', () => {
  const dir = fixtureDir()
  assert.ok(dir, 'shared/bench-fixture beside the checkout (or SUPERCONFIG_BENCH_FIXTURE)')
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8')
  const c = new SuperConfig()
    .withDefaults(JSON.parse(read('defaults.json')))
    .withString(read('base.toml'), 'toml', { name: 'base.toml' })
    .withString(read('prod.yaml'), 'yaml', { name: 'prod.yaml' })
    .withEnvMap(JSON.parse(read('env.json')), 'APP_')
  assert.deepEqual(c.extract(), JSON.parse(read('expected.json')))
  assert.equal(c.get('database.pool.max_size'), 64)
})
