// The browser build's live configuration (docs/behaviour.md, "Reload"): no files and no
// watcher — subscribe(cb) hears every updateString/reload of the configuration, in order.
import assert from 'node:assert/strict'
import test from 'node:test'

import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'

import { ENTRY, SuperConfig } from './helpers.mjs'

const live = () =>
  new SuperConfig()
    .withString('[server]\nport = 80\n', 'toml', { name: 'app' })

test('subscribe gets every event in order, then stops', () => {
  const cfg = live()
  const seen = []
  const stop = cfg.subscribe((event) => seen.push([event.kind, event.version]))
  cfg.updateString('app', '[server]\nport = 1\n')
  try {
    cfg.updateString('app', '[server]\nport = \n')
  } catch {
    // the subscriber heard it too
  }
  assert.equal(cfg.updateString('app', '[server]\nport = 1\n'), null)
  cfg.updateString('app', '[server]\nport = 2\n')
  stop()
  cfg.updateString('app', '[server]\nport = 3\n')
  assert.deepEqual(seen, [['Changed', 1], ['ReloadFailed', 1], ['Changed', 2]])
})

test('a subscriber that throws undoes nothing and silences no other subscriber', () => {
  // Its error is an unhandled rejection after the call (as a DOM event listener's is reported,
  // not thrown): seen from a child process, whose node:test does not claim it.
  const script = `
    const { SuperConfig } = await import(${JSON.stringify(pathToFileURL(ENTRY).href)})
    const cfg = new SuperConfig().withString('[server]\\nport = 80\\n', 'toml', { name: 'app' })
    const seen = []
    cfg.subscribe(() => { throw new Error('subscriber failure') })
    cfg.subscribe((event) => seen.push(event.version))
    const change = cfg.updateString('app', '[server]\\nport = 1\\n')
    console.log(JSON.stringify({ version: change.version, port: cfg.get('server.port'), seen }))`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(run.stdout), { version: 1, port: 1, seen: [1] })
  assert.match(run.stderr, /subscriber failure/)
})
