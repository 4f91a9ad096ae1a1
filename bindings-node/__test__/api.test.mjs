// The camelCase API over the core: builders return new objects; readers; provenance; dump.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import path from 'node:path'

import { SuperConfig } from '../index.js'
import helpers from './helpers.cjs'

const { tempDir, FIXTURE } = helpers

test('builder methods return a new SuperConfig; the old one stays valid and unchanged', () => {
  const a = new SuperConfig().withDefaults({ x: 1 })
  const b = a.withDefaults({ x: 2, y: 3 })
  assert.ok(b instanceof SuperConfig)
  assert.notEqual(a, b)
  assert.notEqual(a.handle, b.handle)
  assert.deepEqual(a.extract(), { x: 1 })
  assert.deepEqual(b.extract(), { x: 2, y: 3 })
})

test('the fixture: defaults + base.toml + prod.yaml + env map gives expected.json', async () => {
  const fs = await import('node:fs')
  const read = (f) => fs.readFileSync(path.join(FIXTURE, f), 'utf8')
  const cfg = new SuperConfig()
    .withDefaults(JSON.parse(read('defaults.json')))
    .withFile(path.join(FIXTURE, 'base.toml'))
    .withFile(path.join(FIXTURE, 'prod.yaml'))
    .withEnvMap(JSON.parse(read('env.json')), 'APP_')
  assert.deepEqual(cfg.extract(), JSON.parse(read('expected.json')))
  assert.equal(cfg.get('database.pool.max_size'), 64)
  assert.deepEqual(cfg.source('database.pool.max_size'), { kind: 'env', name: 'APP_DATABASE__POOL__MAX_SIZE', line: null })
  assert.deepEqual(cfg.source('database.name'), { kind: 'file', name: path.join(FIXTURE, 'base.toml'), line: 31 })
  const why = cfg.explain('database.password')
  assert.equal(why.value, '***')
  assert.equal(why.source.name, 'APP_DATABASE__PASSWORD')
  assert.deepEqual(why.overridden.map((s) => s.kind), ['file'])
  assert.equal(JSON.parse(cfg.dump()).database.password, '***')
  assert.equal(JSON.parse(cfg.dump('json', false)).database.password, 's3cr3t-from-env')
  assert.match(cfg.dump('yaml'), /password: "\*\*\*"/)
  assert.match(cfg.dump('toml'), /password = "\*\*\*"/)
  assert.deepEqual(
    cfg.layers().map((l) => [l.kind, l.status]),
    [
      ['defaults', 'loaded'],
      ['file', 'loaded'],
      ['file', 'loaded'],
      ['env', 'loaded'],
    ],
  )
})

test('withEnv reads process.env with prefix, separator and ignoreEmpty', () => {
  process.env.SCNODE_DB__HOST = 'h'
  process.env.SCNODE_EMPTY = ''
  process.env['SCNODE_WEB.PORT'] = '80'
  try {
    assert.deepEqual(new SuperConfig().withEnv('SCNODE_', { ignoreEmpty: true }).extract(), {
      db: { host: 'h' },
      'web.port': 80,
    })
    const custom = new SuperConfig().withEnv('SCNODE_', { separator: '.' })
    assert.equal(custom.get('web.port'), 80)
    assert.equal(custom.get('empty'), '')
    assert.equal(custom.source('web.port').name, 'SCNODE_WEB.PORT')
  } finally {
    delete process.env.SCNODE_DB__HOST
    delete process.env.SCNODE_EMPTY
    delete process.env['SCNODE_WEB.PORT']
  }
})

test('profiles: selected before or after layers, listed, active', () => {
  const doc = 'default:\n  port: 1\nprod:\n  port: 2\nglobal:\n  name: x\n'
  const after = new SuperConfig().withString(doc, 'yaml', { profiles: true, name: 'p.yaml' }).selectProfile('prod')
  const before = new SuperConfig().selectProfile('prod').withString(doc, 'yaml', { profiles: true })
  assert.deepEqual(after.extract(), { port: 2, name: 'x' })
  assert.deepEqual(before.extract(), { port: 2, name: 'x' })
  assert.equal(after.activeProfile, 'prod')
  assert.deepEqual(after.profiles().sort(), ['default', 'prod'])
  assert.equal(after.source('port').name, 'p.yaml')
})

test('withGlob and withHierarchical find files; warnings and suppressWarnings', () => {
  const dir = tempDir({
    'conf.d/10-a.toml': 'a = 1\n',
    'conf.d/20-b.yaml': 'a: 2\nb: 2\n',
    'proj/sub/.myapp.toml': 'level = "near"\n',
    'proj/myapp.json': '{"level": "far", "far": true}',
  })
  const globbed = new SuperConfig().withGlob('conf.d/*', { baseDir: dir })
  assert.deepEqual(globbed.extract(), { a: 2, b: 2 })
  assert.equal(globbed.layers().length, 2)
  const found = new SuperConfig().withHierarchical('myapp', {
    systemDir: path.join(dir, 'etc'),
    userDir: path.join(dir, 'home'),
    startDir: path.join(dir, 'proj/sub'),
    stopDir: dir,
  })
  assert.deepEqual(found.extract(), { level: 'near', far: true })
  const none = new SuperConfig().withGlob('nothing/*.toml', { baseDir: dir })
  assert.deepEqual(none.warnings().map((w) => w.kind), ['NoMatch'])
  assert.deepEqual(none.suppressWarnings(['NoMatch']).warnings(), [])
  const w = none.warnings()[0]
  assert.deepEqual(Object.keys(w).sort(), ['key', 'kind', 'message', 'source'])
})

test('has, keys, extract(path), toString never shows values', () => {
  const cfg = new SuperConfig().withDefaults({ db: { password: 'hunter2', port: 1 } })
  assert.equal(cfg.has('db.port'), true)
  assert.equal(cfg.has('db.nope'), false)
  assert.deepEqual(cfg.keys('db'), ['password', 'port'])
  assert.deepEqual(cfg.extract('db'), { password: 'hunter2', port: 1 })
  assert.ok(!String(cfg).includes('hunter2'))
  assert.match(String(cfg), /SuperConfig\(handle=/)
})
