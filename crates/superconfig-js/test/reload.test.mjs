// Reload in every JS build (docs/behaviour.md, "Reload"): updateString and reload with their
// events, the last good tree on a broken text, versions, snapshots. The browser build's
// subscribe is in bindings-wasm/tests/live.test.mjs; Node's watch() with real files in
// bindings-node/__test__/watch.test.mjs.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SuperConfig } from './superconfig.mjs'
import { throwsCode } from './support.mjs'

const live = () =>
  new SuperConfig()
    .withString('[server]\nport = 80\npassword = "p1"\n', 'toml', { name: 'app' })
    .withString('hosts = ["a"]\n', 'toml', { name: 'extra' })

test('updateString returns the Changed event: paths, values redacted, sources', () => {
  const cfg = live()
  assert.equal(cfg.version, 0)
  const change = cfg.updateString('app', '[server]\nport = 8080\npassword = "p2"\n[new]\nx = 1\n')
  assert.equal(change.kind, 'Changed')
  assert.equal(change.version, 1)
  assert.deepEqual(change.changed.map((c) => c.path), ['server.port', 'server.password'])
  assert.deepEqual(change.added.map((c) => c.path), ['new.x'])
  assert.deepEqual([change.changed[0].old, change.changed[0].new], [80, 8080])
  assert.deepEqual(change.changed[0].newSource, { kind: 'string', name: 'app', line: 2 })
  assert.deepEqual([change.changed[1].old, change.changed[1].new], ['***', '***'])
  assert.ok(!JSON.stringify(change).includes('p2'))
  assert.equal(cfg.get('server.port'), 8080)
  assert.equal(cfg.get('server.password'), 'p2')
})

test('no value changed: null and the same version; a broken text throws and changes nothing', () => {
  const cfg = live()
  assert.equal(cfg.reload(), null)
  assert.equal(cfg.updateString('app', '# a comment\n[server]\nport = 80\npassword = "p1"\n'), null)
  assert.equal(cfg.version, 0)
  assert.equal(cfg.source('server.port').line, 3)
  throwsCode(() => cfg.updateString('app', '[server]\nport = \n'), 'ParseError')
  assert.equal(cfg.get('server.port'), 80)
  throwsCode(() => cfg.updateString('nope', 'a = 1'), 'InvalidArgument')
  assert.equal(cfg.updateString('extra', 'hosts = ["a", "b"]\n').version, 1)
})

test('a snapshot keeps its tree; a builder step starts at version 0', () => {
  const cfg = live()
  cfg.updateString('app', '[server]\nport = 1\n')
  const snap = cfg.snapshot()
  cfg.updateString('app', '[server]\nport = 2\n')
  assert.deepEqual([snap.get('server.port'), snap.version, cfg.version], [1, 1, 2])
  assert.equal(cfg.withString('a = 1', 'toml').version, 0)
})
