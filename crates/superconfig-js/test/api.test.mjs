// The camelCase API over the core, in every JS build: builders return new objects; readers;
// provenance; profiles; dump; warnings; layers(); stats(); toString; the benchmark fixture.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SuperConfig, features, fixtureDir, fixtureText, needs, stats } from './superconfig.mjs'
import { throwsCode } from './support.mjs'

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

test('builder methods return a new SuperConfig; the old one stays valid and unchanged', () => {
  const a = new SuperConfig().withDefaults({ x: 1 })
  const b = a.withDefaults({ x: 2, y: 3 })
  assert.ok(b instanceof SuperConfig)
  assert.notEqual(a, b)
  assert.notEqual(a.handle, b.handle)
  assert.deepEqual(a.extract(), { x: 1 })
  assert.deepEqual(b.extract(), { x: 2, y: 3 })
})

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

test('values, BigInt and provenance of a string layer and an env map', () => {
  const c = new SuperConfig()
    .withString('[a]\nbig = 9223372036854775807\nsmall = 3\n', 'toml', { name: 'a.toml' })
    .withEnvMap({ APP_A__SMALL: '4' }, 'APP_')
  assert.equal(typeof c.get('a.big'), 'bigint')
  assert.equal(c.get('a.big'), 2n ** 63n - 1n)
  assert.equal(c.get('a.small'), 4)
  assert.deepEqual(c.source('a.big'), { kind: 'string', name: 'a.toml', line: 2 })
  assert.deepEqual(c.source('a.small'), { kind: 'env', name: 'APP_A__SMALL', line: null })
})

test('get: a default only when the key is missing; null is a value', () => {
  const c = new SuperConfig().withDefaults({ a: null, b: 0 })
  assert.equal(c.get('a', 5), null)
  assert.equal(c.get('b', 5), 0)
  assert.equal(c.get('nope', 5), 5)
  assert.equal(c.get('nope', null), null)
  assert.equal(c.has('a'), true)
  throwsCode(() => c.get('nope'), 'KeyNotFound')
  throwsCode(() => c.get('nope', undefined), 'KeyNotFound')
})

test('has, keys, extract(path); toString never shows values', () => {
  const cfg = new SuperConfig().withDefaults({ db: { password: 'hunter2', port: 1 } })
  assert.equal(cfg.has('db.port'), true)
  assert.equal(cfg.has('db.nope'), false)
  assert.deepEqual(cfg.keys('db'), ['password', 'port'])
  assert.deepEqual(cfg.extract('db'), { password: 'hunter2', port: 1 })
  assert.ok(!String(cfg).includes('hunter2'))
  assert.match(String(cfg), /SuperConfig\(handle=/)
})

test('toString names handle, profile and layers, never a value', () => {
  const c = new SuperConfig().withString(BASE, 'toml', { name: 'base.toml' })
  assert.match(String(c), /^SuperConfig\(handle=\d+, profile="default", layers=\["string:base.toml"\]\)$/)
  assert.ok(!String(c).includes('hunter2'))
})

test('dump: json (default), toml, yaml; secrets redacted unless redact=false', () => {
  const c = new SuperConfig().withString(BASE, 'toml')
  assert.deepEqual(JSON.parse(c.dump()).database.password, '***')
  assert.deepEqual(JSON.parse(c.dump('json', false)).database.password, 'hunter2')
  assert.match(c.dump('toml'), /password = "\*\*\*"/)
  assert.match(c.dump('yaml'), /password: "?\*\*\*"?/)
  throwsCode(() => c.dump('xml'), 'InvalidArgument')
})

test('JSON dumps refuse NaN naming the key; YAML keeps it', () => {
  const cfg = new SuperConfig().withString('[a]\nb = nan\n', 'toml')
  throwsCode(() => cfg.dump('json'), 'InvalidArgument', { key: 'a.b' })
  assert.match(cfg.dump('yaml'), /\.nan/)
})

test('dotenv values are literal, the same as in every other face', () => {
  const cfg = new SuperConfig().withString('A=1\nB=${A}\nC=pa$word\nD=$HOME\n', 'env')
  assert.deepEqual(cfg.extract(), { a: 1, b: '${A}', c: 'pa$word', d: '$HOME' })
})

// What profiles do is in the conformance cases (profiles/*); here only the JS faces of them.
test('profiles: selected before or after layers; the activeProfile getter and the profiles() list', () => {
  const doc = 'default:\n  port: 1\nprod:\n  port: 2\nglobal:\n  name: x\n'
  const after = new SuperConfig().withString(doc, 'yaml', { profiles: true, name: 'p.yaml' }).selectProfile('prod')
  const before = new SuperConfig().selectProfile('prod').withString(doc, 'yaml', { profiles: true })
  assert.deepEqual(after.extract(), { port: 2, name: 'x' })
  assert.deepEqual(before.extract(), { port: 2, name: 'x' })
  assert.equal(new SuperConfig().activeProfile, 'default')
  assert.equal(after.activeProfile, 'prod')
  assert.deepEqual(after.profiles(), ['default', 'prod'])
  assert.equal(after.source('port').name, 'p.yaml')
})

test('warnings are structured, suppressible, and errors in strict mode', () => {
  const vars = { APP_A: '1', APP_A__B: '2' }
  const c = new SuperConfig().withEnvMap(vars, 'APP_')
  const [w] = c.warnings()
  assert.deepEqual(Object.keys(w).sort(), ['key', 'kind', 'message', 'source'])
  assert.equal(w.kind, 'KeyConflict')
  assert.equal(typeof w.message, 'string')
  assert.equal(w.source, 'APP_A__B')
  assert.equal(w.key, 'a')
  assert.deepEqual(c.suppressWarnings(['KeyConflict']).warnings(), [])
  assert.deepEqual(c.suppressWarnings(['Key*']).warnings(), [])
  // An array, as the declared type says: a bare string is an error.
  throwsCode(() => c.suppressWarnings('Key*'), 'InvalidArgument')
  const before = stats().warnings
  c.suppressWarnings(['*']).withEnvMap({ APP_X: '1', APP_X__Y: '2' }, 'APP_')
  assert.ok(stats().warnings > before, 'suppressed warnings are still counted')
  const strict = new SuperConfig({ strict: true })
  assert.equal(strict.strict, true)
  throwsCode(() => strict.withEnvMap(vars, 'APP_'), 'KeyConflict', { key: 'a' })
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
  for (const k of ['handles', 'creates', 'reads', 'updates', 'deletes', 'memoryBytes', 'warnings']) {
    assert.equal(typeof s0[k], 'number', k)
  }
  const c = new SuperConfig().withDefaults({ a: 1 })
  c.get('a')
  const s1 = stats()
  assert.equal(s1.handles, s0.handles + 2)
  assert.ok(s1.creates >= s0.creates + 2 && s1.reads > s0.reads)
  assert.deepEqual(Object.keys(s1), ['handles', 'creates', 'reads', 'updates', 'deletes', 'memoryBytes', 'warnings'])
  if (!features.free) return // the native addon frees on garbage collection (bindings-node/__test__/lifecycle)
  c.free()
  assert.equal(stats().handles, s0.handles + 1)
  assert.equal(stats().deletes, s1.deletes + 1)
})

/** What the fixture must give, loaded from text (`kind` 'string', names as given) or from the
 * files (`kind` 'file', names the paths). */
function checkFixture(cfg, expected, kind, name) {
  assert.deepEqual(cfg.extract(), expected)
  assert.equal(cfg.get('database.pool.max_size'), 64)
  assert.deepEqual(cfg.source('database.pool.max_size'), { kind: 'env', name: 'APP_DATABASE__POOL__MAX_SIZE', line: null })
  assert.deepEqual(cfg.source('database.name'), { kind, name: name('base.toml'), line: 31 })
  const why = cfg.explain('database.password')
  assert.equal(why.value, '***')
  assert.equal(why.source.name, 'APP_DATABASE__PASSWORD')
  assert.deepEqual(why.overridden.map((s) => s.kind), [kind])
  assert.equal(JSON.parse(cfg.dump()).database.password, '***')
  assert.equal(JSON.parse(cfg.dump('json', false)).database.password, 's3cr3t-from-env')
  assert.match(cfg.dump('yaml'), /password: "\*\*\*"/)
  assert.match(cfg.dump('toml'), /password = "\*\*\*"/)
  assert.deepEqual(
    cfg.layers().map((l) => [l.kind, l.status]),
    [
      ['defaults', 'loaded'],
      [kind, 'loaded'],
      [kind, 'loaded'],
      ['env', 'loaded'],
    ],
  )
}

/** The fixture's defaults, env map and expected result; null without a fixture. */
async function fixture() {
  const json = async (f) => JSON.parse(await fixtureText(f))
  if ((await fixtureText('base.toml')) === null) return null
  return { defaults: await json('defaults.json'), env: await json('env.json'), expected: await json('expected.json') }
}

test('the benchmark fixture as text: defaults + base.toml + prod.yaml + env map give expected.json', async () => {
  const fx = await fixture()
  assert.ok(fx, 'shared/bench-fixture beside the checkout (or SUPERCONFIG_BENCH_FIXTURE)')
  const cfg = new SuperConfig()
    .withDefaults(fx.defaults)
    .withString(await fixtureText('base.toml'), 'toml', { name: 'base.toml' })
    .withString(await fixtureText('prod.yaml'), 'yaml', { name: 'prod.yaml' })
    .withEnvMap(fx.env, 'APP_')
  checkFixture(cfg, fx.expected, 'string', (f) => f)
})

test('the benchmark fixture from its files gives expected.json too', needs('files'), async () => {
  const fx = await fixture()
  assert.ok(fx, 'shared/bench-fixture beside the checkout (or SUPERCONFIG_BENCH_FIXTURE)')
  const file = (f) => `${fixtureDir}/${f}`
  const cfg = new SuperConfig()
    .withDefaults(fx.defaults)
    .withFile(file('base.toml'))
    .withFile(file('prod.yaml'))
    .withEnvMap(fx.env, 'APP_')
  checkFixture(cfg, fx.expected, 'file', file)
})
