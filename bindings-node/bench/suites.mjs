// The libraries under comparison, each loading shared/bench-fixture the way that library is
// meant to be used: defaults (lowest), base.toml, prod.yaml, then the 10 APP_* variables of
// env.json (highest). Every setup checks its result against expected.json before timing.

import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export const FIXTURE = process.env.SUPERCONFIG_BENCH_FIXTURE || path.resolve(here, '../../../shared/bench-fixture')
const read = (f) => fs.readFileSync(path.join(FIXTURE, f), 'utf8')
const DEFAULTS = JSON.parse(read('defaults.json'))
const ENV = JSON.parse(read('env.json'))
const EXPECTED = JSON.parse(read('expected.json'))
const BASE = path.join(FIXTURE, 'base.toml')
const PROD = path.join(FIXTURE, 'prod.yaml')
const KEY = 'database.pool.max_size'

/** Puts the fixture's variables in the real environment (for loaders that read process.env). */
function exportEnv() {
  Object.assign(process.env, ENV)
}

/** Same data; numbers compared by value (JS has one number type). */
function checkSame(got, what) {
  assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(EXPECTED)), `${what} does not give expected.json`)
}

function tempDir(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'superconfig-bench-'))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return dir
}

// ----- hand-rolled: smol-toml + yaml + deep merge ---------------------------------------------

function deepMerge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object' && !Array.isArray(into[k])) {
      deepMerge(into[k], v)
    } else {
      into[k] = v
    }
  }
  return into
}

/** Merge without mutating either side: tables key by key, anything else replaces. */
function merged(low, high) {
  const table = (v) => v && typeof v === 'object' && !Array.isArray(v)
  if (high === undefined) return low
  if (!table(low) || !table(high)) return high
  const out = { ...low }
  for (const [k, v] of Object.entries(high)) out[k] = merged(low[k], v)
  return out
}

/** APP_A__B=1 → { a: { b: 1 } }, values typed the usual way (JSON, booleans, numbers, text). */
function envTree(vars, prefix) {
  const out = {}
  for (const [name, raw] of Object.entries(vars)) {
    if (!name.startsWith(prefix) || name.length === prefix.length) continue
    const keys = name.slice(prefix.length).toLowerCase().split('__')
    let value = raw
    if (/^[[{]/.test(raw)) {
      try {
        value = JSON.parse(raw)
      } catch {}
    } else if (/^(true|false)$/i.test(raw)) value = raw.toLowerCase() === 'true'
    else if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) value = Number(raw)
    let node = out
    for (const k of keys.slice(0, -1)) node = node[k] ??= {}
    node[keys[keys.length - 1]] = value
  }
  return out
}

// ----- suites ---------------------------------------------------------------------------------

export const SUITES = {
  async superconfig() {
    const { SuperConfig } = require('../index.js')
    const viaMap = () => new SuperConfig().withDefaults(DEFAULTS).withFile(BASE).withFile(PROD).withEnvMap(ENV, 'APP_')
    const viaEnv = () => new SuperConfig().withDefaults(DEFAULTS).withFile(BASE).withFile(PROD).withEnv('APP_')
    const cfg = viaMap()
    checkSame(cfg.extract(), 'superconfig (withEnvMap)')
    exportEnv()
    checkSame(viaEnv().extract(), 'superconfig (withEnv)')
    assert.equal(cfg.get(KEY), 64)
    const segments = KEY.split('.')
    return {
      get: { fn: () => cfg.get(KEY), n: 200_000 },
      'get (segments array)': { fn: () => cfg.get(segments), n: 200_000 },
      has: { fn: () => cfg.has(KEY), n: 200_000 },
      'layered load (withEnvMap)': { fn: viaMap, n: 300 },
      'layered load (withEnv, real env)': { fn: viaEnv, n: 300 },
      extract: { fn: () => cfg.extract(), n: 3000 },
    }
  },

  /** Live configuration (docs/behaviour.md, "Reload"): a reload of the fixture, `get` while a
   * watcher runs (compare with `get` above), and a file save until its `change` event. */
  async 'superconfig live'() {
    const { SuperConfig } = require('../watcher.cjs')
    const cfg = new SuperConfig().withDefaults(DEFAULTS).withFile(BASE).withFile(PROD).withEnvMap(ENV, 'APP_')
    assert.equal(cfg.reload(), null)
    const watched = new SuperConfig().withDefaults(DEFAULTS).withFile(BASE).withFile(PROD).withEnvMap(ENV, 'APP_')
    const watcher = watched.watch()
    const dir = tempDir({ 'app.toml': 'port = 0\n' })
    const file = path.join(dir, 'app.toml')
    const saved = new SuperConfig().withFile(file)
    const saves = saved.watch({ debounceMs: 150 })
    let port = 0
    const save = () => {
      // The watcher keeps nothing alive by itself: this wait does, until the event.
      const alive = setTimeout(() => {}, 10_000)
      const got = new Promise((resolve) => saves.once('change', resolve)).finally(() => clearTimeout(alive))
      fs.writeFileSync(path.join(dir, '.app.toml.tmp'), `port = ${++port}\n`)
      fs.renameSync(path.join(dir, '.app.toml.tmp'), file)
      return got
    }
    return {
      'reload (inputs unchanged)': { fn: () => cfg.reload(), n: 300 },
      'get while watching': { fn: () => watched.get(KEY), n: 200_000, keep: watcher },
      'save → change event (debounce 150 ms)': { fn: save, n: 1, rounds: 100, async: true },
    }
  },

  async 'smol-toml+yaml+merge'() {
    const TOML = require('smol-toml')
    const YAML = require('yaml')
    const load = () =>
      deepMerge(
        deepMerge(deepMerge(structuredClone(DEFAULTS), TOML.parse(fs.readFileSync(BASE, 'utf8'))), YAML.parse(fs.readFileSync(PROD, 'utf8'))),
        envTree(ENV, 'APP_'),
      )
    const cfg = load()
    checkSame(cfg, 'smol-toml+yaml+merge')
    return {
      'get (plain object)': { fn: () => cfg.database.pool.max_size, n: 1_000_000 },
      'layered load': { fn: load, n: 100 },
    }
  },

  async 'node-config'() {
    const TOML = require('smol-toml')
    const Parser = (await import('config/parser.js')).default
    Parser.setParser('toml', (filename, content) => TOML.parse(content))
    // custom-environment-variables maps each variable to its key; numbers and booleans as JSON.
    const mapping = {}
    for (const [name, raw] of Object.entries(ENV)) {
      const keys = name.slice(4).toLowerCase().split('__')
      let node = mapping
      for (const k of keys.slice(0, -1)) node = node[k] ??= {}
      node[keys[keys.length - 1]] = /^(true|false|-?\d+)$/.test(raw) ? { __name: name, __format: 'json' } : name
    }
    const dir = tempDir({
      'default.json': read('defaults.json'),
      'base.toml': read('base.toml'),
      'prod.yaml': read('prod.yaml'),
      'custom-environment-variables.json': JSON.stringify(mapping),
    })
    exportEnv()
    Object.assign(process.env, { NODE_CONFIG_DIR: dir, NODE_CONFIG_ENV: 'base,prod', HOSTNAME: 'bench', SUPPRESS_NO_CONFIG_WARNING: '1' })
    const { Load } = await import('config/lib/util.js')
    const load = () => new Load({ configDir: dir, nodeEnv: ['base', 'prod'], hostName: 'bench', parser: Parser, gitCrypt: true }).scan()
    checkSame(load(), 'node-config')
    const config = require('config')
    assert.equal(config.get(KEY), 64)
    return {
      'get (config.get)': { fn: () => config.get(KEY), n: 200_000 },
      'layered load (Load.scan)': { fn: load, n: 100 },
    }
  },

  async convict() {
    const convict = require('convict')
    const TOML = require('smol-toml')
    const YAML = require('yaml')
    convict.addParser([
      { extension: 'toml', parse: TOML.parse },
      { extension: ['yml', 'yaml'], parse: YAML.parse },
    ])
    const envFor = {}
    for (const name of Object.keys(ENV)) envFor[name.slice(4).toLowerCase().split('__').join('.')] = name
    const defaultAt = (keys) => keys.reduce((o, k) => (o == null ? undefined : o[k]), DEFAULTS)
    // A schema for every key of the result: the default from defaults.json (else null), a format
    // by type, and the variable that may set it.
    const schema = (node, keys) => {
      const out = {}
      for (const [k, v] of Object.entries(node)) {
        const at = [...keys, k]
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          out[k] = schema(v, at)
          continue
        }
        const format = Array.isArray(v) ? Array : typeof v === 'boolean' ? Boolean : typeof v === 'number' ? Number : String
        out[k] = { default: defaultAt(at) ?? null, format, nullable: true }
        if (envFor[at.join('.')]) out[k].env = envFor[at.join('.')]
      }
      return out
    }
    const shape = schema(EXPECTED, [])
    exportEnv()
    const load = () => {
      const c = convict(shape)
      c.loadFile([BASE, PROD])
      c.validate({ allowed: 'strict' })
      return c
    }
    const cfg = load()
    checkSame(cfg.getProperties(), 'convict')
    return {
      'get (config.get)': { fn: () => cfg.get(KEY), n: 200_000 },
      'layered load': { fn: load, n: 100 },
    }
  },

  async c12() {
    const { loadConfig } = await import('c12')
    // c12 layers through `extends` (lower priority than the file that extends); its `defaults`
    // option ranks above extended layers, so the defaults are the bottom layer instead. The
    // environment has no mapping in c12: it goes in as `overrides` (highest priority).
    const dir = tempDir({
      'app.config.yaml': `extends: ./base.config.toml\n${read('prod.yaml')}`,
      'base.config.toml': `extends = "./defaults.config.json"\n${read('base.toml')}`,
      'defaults.config.json': read('defaults.json'),
    })
    exportEnv()
    const load = () =>
      loadConfig({
        cwd: dir,
        name: 'app',
        rcFile: false,
        globalRc: false,
        packageJson: false,
        dotenv: false,
        envName: false,
        giget: false,
        // defu (the default) concatenates arrays; the fixture's semantics replace them.
        merger: (...sources) => sources.filter((s) => s != null).reduceRight((acc, s) => merged(acc, s), {}),
        overrides: envTree(process.env, 'APP_'),
      })
    const { config } = await load()
    checkSame(config, 'c12')
    return {
      'get (plain object)': { fn: () => config.database.pool.max_size, n: 1_000_000 },
      'layered load': { fn: load, n: 30, async: true },
    }
  },
}
