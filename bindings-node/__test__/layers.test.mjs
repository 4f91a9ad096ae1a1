// The layers only the native addon has, on real files and the real environment (temporary
// directories, process.env): withFile, withGlob, withHierarchical, withEnv. What they share with
// the WASM build (argument checks, the fixture read from its files) is in the shared suite,
// crates/superconfig-js/test/.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'

import { SuperConfig, setLogger } from '../index.js'
import { throwsCode } from '../../crates/superconfig-js/test/support.mjs'
import helpers from './helpers.cjs'

const { tempDir } = helpers

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

test('withGlob and withHierarchical find files; NoMatch warnings and suppressWarnings', () => {
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
  throwsCode(() => new SuperConfig({ strict: true }).withGlob('nothing-here/*.toml', { baseDir: tempDir() }), 'NoMatch')
})

test('a ParseError in a file carries the path, line and column', () => {
  const dir = tempDir({ 'bad.toml': 'a = 1\nb = \n' })
  const file = path.join(dir, 'bad.toml')
  const e = throwsCode(() => new SuperConfig().withFile(file), 'ParseError', { file, line: 2 })
  assert.equal(typeof e.column, 'number')
  assert.ok(e.message.includes(file))
})

test('a missing file: a warning, or FileNotFound when required or strict', () => {
  const dir = tempDir()
  const file = path.join(dir, 'missing.toml')
  const cfg = new SuperConfig().withFile(file)
  assert.deepEqual(
    cfg.warnings().map((w) => [w.kind, w.source]),
    [['FileNotFound', file]],
  )
  throwsCode(() => new SuperConfig().withFile(file, { required: true }), 'FileNotFound', { file })
  throwsCode(() => new SuperConfig({ strict: true }).withFile(file), 'FileNotFound', { file })
})

test('the logger hears about files loaded and missing; never a secret value', () => {
  const records = []
  setLogger((level, message) => records.push([level, message]))
  try {
    const dir = tempDir({ 'a.toml': 'a = 1\n' })
    new SuperConfig()
      .withFile(path.join(dir, 'a.toml'))
      .withFile(path.join(dir, 'missing.toml'))
      .withEnvMap({ APP_DB__PASSWORD: 'hunter2' }, 'APP_')
      .selectProfile('prod')
    assert.ok(records.length > 0)
    for (const [level] of records) assert.ok(['error', 'warn', 'info', 'debug', 'trace'].includes(level), level)
    const text = records.map((r) => r[1]).join('\n')
    assert.match(text, /a\.toml/)
    assert.match(text, /missing\.toml/)
    assert.match(text, /APP_DB__PASSWORD/)
    assert.match(text, /prod/)
    assert.ok(!text.includes('hunter2'))
    assert.ok(records.some(([level, m]) => level === 'warn' && /missing\.toml/.test(m)))
  } finally {
    setLogger(null)
  }
})
