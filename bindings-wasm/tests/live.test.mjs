// The browser build's live configuration (docs/behaviour.md, "Reload"): no files and no
// watcher — subscribe(cb) hears every updateString/reload of the configuration, in order.
import assert from 'node:assert/strict'
import test from 'node:test'

import { SuperConfig } from './helpers.mjs'

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
