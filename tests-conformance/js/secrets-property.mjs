// Property (docs/behaviour.md, "Redaction"): no value under a secret key ever shows in a dump
// (json, toml, yaml; redacted, the default), an explanation, toString/inspect of a config, an
// error, a warning or a log line — for random trees, key names and layers.
//
// Every string value is a unique marker ('S3cr3t-<salt><n>') and every large integer a unique
// 16-digit number, so a leak is found by substring search. Key names mix plain and secret words in
// random case with '-'/'_' inserted ('pass_Word', 'client-APIkey'); the test decides what is secret
// with its own copy of the rule. Values under keys that are not secret must be in the dumps, so the
// property is not vacuous. One body for every JavaScript build: the shared JS suite
// (crates/superconfig-js/test/secrets-property.test.mjs) calls secretsPropertyTests with the build
// under test, in Node and in Chromium (where node:util is the small inspect of
// bindings-wasm/tests/browser/util.mjs). A seeded PRNG (no dependency):
// SUPERCONFIG_PROPERTY_SEED=<n> and SUPERCONFIG_PROPERTY_CASES=<n> change the run (in Node); a
// failure names the seed of its case.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import util from 'node:util'

// The face under test, set by secretsPropertyTests.
let SuperConfig
let setLogger

// No `process` in a page: the defaults there.
const ENV = globalThis.process?.env ?? {}
const SEED = Number(ENV.SUPERCONFIG_PROPERTY_SEED ?? 20261121)
const CASES = Number(ENV.SUPERCONFIG_PROPERTY_CASES ?? 200)

// ----- the rule, written out again --------------------------------------------------------------

const SECRET_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'credential']
// Some join into secret words ('pass' + 'word'). No 'add'/'remove': 'x_add' would be an operation.
const PLAIN_WORDS = ['host', 'port', 'name', 'user', 'db', 'pass', 'word', 'key', 'api', 'private', 'tok', 'en', 'level', 'region', 'cache', 'url', 'id', 'phrase', 'cred', 'pw']

function isSecret(key) {
  const folded = key.replace(/[-_.]/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase())
  return SECRET_WORDS.some((w) => folded.includes(w))
}

// ----- generation -------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, numbers in [0, 1). */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Gen {
  constructor(seed) {
    this.random = prng(seed)
    this.saltNumber = this.int(1_000_000)
    this.salt = this.saltNumber.toString(16).padStart(8, '0')
    this.next = 0
    /** Every marker generated under a secret key: none may ever be shown. */
    this.secrets = new Set()
  }

  int(n) {
    return Math.floor(this.random() * n)
  }

  pick(items) {
    return items[this.int(items.length)]
  }

  chance(p) {
    return this.random() < p
  }

  note(text, secret) {
    if (secret) this.secrets.add(text)
    return text
  }

  str(secret) {
    return this.note(`S3cr3t-${this.salt}${(this.next++).toString(16).padStart(4, '0')}`, secret)
  }

  /** 16 digits (below 2^53): no marker is part of another, no line or handle number that long. */
  big(secret) {
    assert.ok(this.next < 1000)
    const n = 4_100_000_000_000_000 + this.saltNumber * 1000 + this.next++
    this.note(String(n), secret)
    return n
  }

  word() {
    if (this.chance(0.6)) return this.pick(PLAIN_WORDS)
    const w = this.pick(SECRET_WORDS)
    const at = 1 + this.int(w.length - 1)
    return w.slice(0, at) + this.pick(['', '', '-', '_']) + w.slice(at)
  }

  /** 1-3 words joined by '', '-' or '_', random case; never '.', '__' or a separator at an end. */
  key() {
    let s = this.word()
    for (let n = this.int(3); n > 0; n--) s += this.pick(['', '-', '_']) + this.word()
    return [...s].map((c) => (this.chance(0.5) ? c.toUpperCase() : c)).join('')
  }

  secretKey() {
    for (;;) {
      const k = this.key()
      if (isSecret(k)) return k
    }
  }

  plainKey() {
    for (;;) {
      const k = this.key()
      if (!isSecret(k)) return k
    }
  }

  leaf(secret) {
    const r = this.random()
    if (r < 5 / 9) return this.str(secret)
    if (r < 7 / 9) return this.big(secret)
    if (r < 8 / 9) return this.int(55) - 5
    return this.chance(0.5)
  }

  value(depth, secret) {
    if (depth >= 3 || this.chance(0.45)) return this.leaf(secret)
    if (this.chance(0.75)) return this.table(depth + 1, secret, this.int(4))
    return Array.from({ length: this.int(3) }, () => this.value(depth + 1, secret))
  }

  table(depth, secret, size) {
    const out = {}
    for (let i = 0; i < size; i++) {
      const k = this.key()
      if (!Object.hasOwn(out, k)) out[k] = this.value(depth, secret || isSecret(k))
    }
    return out
  }

  /** Variables: segments joined by '__', values as text (tables and arrays as JSON). */
  env(prefix) {
    const out = {}
    for (let n = this.int(5); n > 0; n--) {
      const path = Array.from({ length: 1 + this.int(3) }, () => this.key())
      const name = prefix + path.join('__')
      if (Object.hasOwn(out, name)) continue
      const v = this.value(1, path.some(isSecret))
      out[name] = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'TRUE' : 'false') : JSON.stringify(v)
    }
    return out
  }
}

// ----- documents --------------------------------------------------------------------------------

const q = (s) => JSON.stringify(s)

function tomlInline(v) {
  if (Array.isArray(v)) return `[${v.map(tomlInline).join(', ')}]`
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${q(k)} = ${tomlInline(x)}`)
      .join(', ')} }`
  }
  return typeof v === 'string' ? q(v) : String(v)
}

/** Scalars and arrays at the top, then one [section] per table, its contents inline. */
function toml(obj) {
  const isTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
  const lines = []
  for (const [k, v] of Object.entries(obj)) if (!isTable(v)) lines.push(`${q(k)} = ${tomlInline(v)}`)
  for (const [k, v] of Object.entries(obj)) {
    if (!isTable(v)) continue
    lines.push(`[${q(k)}]`)
    for (const [k2, v2] of Object.entries(v)) lines.push(`${q(k2)} = ${tomlInline(v2)}`)
  }
  return lines.join('\n') + '\n'
}

function yamlScalar(v) {
  if (Array.isArray(v)) return '[]'
  if (v !== null && typeof v === 'object') return '{}'
  return typeof v === 'string' ? q(v) : String(v)
}

const isBlock = (v) => v !== null && typeof v === 'object' && Object.keys(v).length > 0

/** Block-style YAML, every key and string double-quoted. */
function yamlBlock(v, indent, out) {
  const pad = ' '.repeat(indent)
  const entries = Array.isArray(v) ? v.map((x) => ['-', x]) : Object.entries(v).map(([k, x]) => [`${q(k)}:`, x])
  for (const [head, child] of entries) {
    if (isBlock(child)) {
      out.push(`${pad}${head}`)
      yamlBlock(child, indent + 2, out)
    } else {
      out.push(`${pad}${head} ${yamlScalar(child)}`)
    }
  }
}

function yaml(obj) {
  if (Object.keys(obj).length === 0) return '{}\n'
  const out = []
  yamlBlock(obj, 0, out)
  return out.join('\n') + '\n'
}

function dotenv(vars) {
  let out = '# generated\n'
  for (const [name, value] of Object.entries(vars)) {
    out += /^[[{]/.test(value) ? `${name}='${value}'\n` : `${name}="${value}"\n`
  }
  return out
}

/**
 * Broken documents: each holds a line with the secret key `k` and secret values, after and
 * before a valid generated document. Returns [format, text, mustFail].
 */
function brokenDocuments(g, k, prefixes) {
  const qk = q(k)
  const out = []
  const one = (format, line, mustFail) => {
    const a = g.str(true)
    const b = g.str(true)
    const big = `1${g.big(true)}000000`
    const text = line(a, b, big)
    const docs = {
      json: [`{"pre": ${prefixes.json}, ${qk}: ${text}`, `{${qk}: ${text}, "post": ${prefixes.json}}`],
      toml: [`${prefixes.toml}\n${text}\n`, `${text}\n${prefixes.toml}`],
      yaml: [`${prefixes.yaml}${text}\n`, `${text}\n${prefixes.yaml}`],
      env: [`${prefixes.env}${text}\n`, `${text}\n${prefixes.env}`],
    }[format]
    for (const doc of docs) out.push([format, doc, mustFail])
  }
  one('toml', (a) => `${qk} = "${a}`, true)
  one('toml', (a) => `${qk} = ${a}`, true)
  one('toml', (a) => `${qk} = "${a}\\q"`, true)
  one('toml', (a, b) => `${qk} = "${a}"\n${qk} = "${b}"`, true)
  one('toml', (a) => `${qk} = "${a}" junk`, true)
  one('toml', (a) => `${qk} = { a = "${a}" `, true)
  one('toml', (a) => `${qk} = ["${a}",`, true)
  one('toml', (a) => `${qk} = """${a}`, true)
  one('toml', (a) => `${qk} = '${a}`, true)
  one('toml', (a, b, big) => `${qk} = ${big}`, true)
  one('toml', (a, b, big) => `${qk} = [${big}]`, true)
  one('toml', (a) => `${qk} = ${a}.5`, true)
  one('toml', (a) => `${qk}.x = 1\n${qk} = "${a}"`, true)
  one('yaml', (a) => `${qk}: "${a}`, true)
  one('yaml', (a) => `${qk}: '${a}`, true)
  one('yaml', (a) => `${qk}: [${a}`, true)
  one('yaml', (a) => `${qk}: {a: ${a}`, true)
  one('yaml', (a) => `${qk}: !!int ${a}`, true)
  one('yaml', (a) => `${qk}: !!float ${a}`, true)
  one('yaml', (a) => `${qk}: !!bool ${a}`, true)
  one('yaml', (a) => `${qk}: ${a}: x`, true)
  one('yaml', (a, b) => `${qk}: ${a}\n${qk}: ${b}`, true)
  one('yaml', (a, b, big) => `${qk}: ${big}`, true)
  one('yaml', (a, b, big) => `${qk}: [${big}]`, true)
  one('yaml', (a) => `${qk}: "${a}\\q"`, true)
  one('yaml', (a) => `${qk}: "${a}" junk`, true)
  one('yaml', (a) => `${qk}: ${a}\n  - x`, false)
  one('json', (a) => `"${a}`, true)
  one('json', (a) => a, true)
  one('json', (a) => `"${a}" "x"`, true)
  one('json', (a) => `"${a}\\q"`, true)
  one('json', (a) => `["${a}",`, true)
  one('json', (a) => `{"a": "${a}"`, true)
  one('json', (a, b, big) => big, true)
  one('json', (a, b, big) => `[${big}]`, true)
  one('json', (a) => `"${a}\\u12"`, true)
  one('json', (a) => `"${a}\u0001"`, true)
  one('env', (a) => `${k}="${a}`, true)
  one('env', (a) => `${k}='${a}`, true)
  one('env', (a) => `${k}="${a}" junk`, true)
  one('env', (a) => `${k}='${a}' junk`, true)
  one('env', (a) => `${k} ${a}`, true)
  one('env', (a) => `export ${k}="${a}"x`, true)
  one('env', (a, b, big) => `${k}='{"a": ${big}}'`, true)
  one('env', (a, b, big) => `${k}=[${big}]`, true)
  one('env', (a) => `${k}="${a}\\`, false)
  return out
}

// ----- what is shown ----------------------------------------------------------------------------

class Shown {
  constructor() {
    this.items = []
  }

  add(what, text) {
    this.items.push([what, String(text)])
  }

  error(what, e) {
    assert.notEqual(e?.code, 'InternalError', `${what}: ${e?.message}`)
    this.add(what, e?.message)
    this.add(what, String(e))
    this.add(what, e?.stack)
    this.add(what, util.inspect(e, { showHidden: true, depth: 8 }))
    this.add(what, JSON.stringify({ ...e }))
  }

  /** Runs `fn`: its result (JSON and inspect) or its error is shown. Returns the result. */
  run(what, fn) {
    try {
      const v = fn()
      this.add(what, util.inspect(v, { showHidden: true, depth: 8 }))
      this.add(what, JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x)))
      return v
    } catch (e) {
      this.error(what, e)
      return undefined
    }
  }

  /** Runs `fn`, a read that may return a secret (reads are not redacted): only an error is shown. */
  read(what, fn) {
    try {
      fn()
    } catch (e) {
      this.error(what, e)
    }
  }

  /** Runs `fn`, which must throw; the error is shown. */
  throws(what, fn) {
    let threw = false
    try {
      fn()
    } catch (e) {
      threw = true
      this.error(what, e)
    }
    assert.ok(threw, `${what}: expected an error`)
  }
}

/** Every marker-shaped part of `text`: string markers, and each 16-digit run inside digits. */
function markersIn(text) {
  const found = text.match(/S3cr3t-[0-9a-f]{12}/g) ?? []
  for (const digits of text.match(/\d{16,}/g) ?? []) {
    for (let i = 0; i + 16 <= digits.length; i++) found.push(digits.slice(i, i + 16))
  }
  return found
}

function walk(v, path, secret, nodes) {
  const marker = typeof v === 'string' ? v : typeof v === 'number' && v >= 1e15 ? String(v) : null
  nodes.push({ path, secret, marker })
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)], secret, nodes))
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], secret || isSecret(k), nodes)
  }
}

const totals = { secretLeaves: 0, plainLeaves: 0, parseErrors: 0 }

function runCase(seed) {
  const g = new Gen(seed)
  const shown = new Shown()
  const logs = []
  setLogger((level, message) => logs.push(`${level}: ${message}`))
  try {
    // ---- the layers ----
    const defaults = g.table(0, false, g.int(5))
    const json = g.table(0, false, g.int(5))
    const tomlTree = g.table(0, false, g.int(5))
    const yamlTree = g.table(0, false, g.int(5))
    const dotenvVars = g.env('')
    const envVars = g.env('APP_')
    const texts = {
      json: JSON.stringify(json, null, 2),
      toml: toml(tomlTree),
      yaml: yaml(yamlTree),
      env: dotenv(dotenvVars),
    }
    let cfg
    try {
      cfg = new SuperConfig()
        .withDefaults(defaults)
        .withString(texts.json, 'json', { name: 'layer.json' })
        .withString(texts.toml, 'toml')
        .withString(texts.yaml, 'yaml')
        .withString(texts.env, 'env')
        .withEnvMap(envVars, 'APP_')
        .selectProfile('prod')
    } catch (e) {
      assert.fail(`a generated layer did not load: ${e.message}\n${JSON.stringify({ texts, envVars }, null, 2)}`)
    }

    // ---- the merged tree, as the test reads it ----
    const nodes = []
    walk(cfg.extract(), [], false, nodes)
    for (const n of nodes) {
      if (n.marker !== null) {
        assert.equal(n.secret, g.secrets.has(n.marker), `${n.marker} at ${n.path}: generator and tree disagree`)
      }
    }

    // ---- dumps ----
    const unredacted = cfg.dump('json', false)
    for (const format of ['json', 'toml', 'yaml']) {
      const text = cfg.dump(format)
      for (const n of nodes) {
        if (n.marker !== null && !n.secret) {
          assert.ok(text.includes(n.marker), `${n.marker} at ${n.path} (not secret) missing from the ${format} dump:\n${text}`)
        }
      }
      shown.add(`dump ${format}`, text)
      shown.add(`dump ${format} (redact: true)`, cfg.dump(format, true))
    }
    for (const n of nodes) {
      if (n.marker === null) continue
      if (n.secret) {
        totals.secretLeaves++
        assert.ok(unredacted.includes(n.marker), `${n.marker} not loaded`)
      } else {
        totals.plainLeaves++
      }
    }

    // ---- the object itself, explanations, sources, warnings ----
    shown.add('String(cfg)', String(cfg))
    shown.add('toString', cfg.toString())
    shown.add('inspect', util.inspect(cfg, { showHidden: true, depth: 8 }))
    shown.add('template', `${cfg}`)
    for (const n of nodes) {
      shown.run(`explain ${n.path}`, () => cfg.explain(n.path))
      if (n.path.length > 0) shown.run(`explain ${n.path.join('.')}`, () => cfg.explain(n.path.join('.')))
      shown.run(`source ${n.path}`, () => cfg.source(n.path))
    }
    shown.run('warnings', () => cfg.warnings())
    shown.run('layers', () => cfg.layers())

    // ---- failing reads of secret values and of the tables holding them ----
    for (const n of nodes.filter((x) => x.secret || x.path.length === 0)) {
      shown.read(`keys ${n.path}`, () => cfg.keys(n.path))
      shown.read(`keys below ${n.path}`, () => cfg.keys([...n.path, 'x']))
      shown.read(`get below ${n.path}`, () => cfg.get([...n.path, '0']))
      shown.read(`get below ${n.path}`, () => cfg.get([...n.path, '0', 'x'].join('.')))
    }

    // ---- warnings and strict-mode errors about secret keys ----
    const k = g.secretKey()
    const p = g.plainKey()
    const ops = {
      [k]: g.str(true),
      [`${k}_add`]: [g.str(true), { x: g.str(true) }],
      [p]: g.str(false),
      [`${p}_add`]: [{ [k]: g.str(true) }],
    }
    const loose = shown.run('array ops', () => new SuperConfig().withDefaults(ops))
    assert.ok(loose.warnings().some((w) => w.kind === 'ArrayOpOnNonArray'))
    shown.run('array-op warnings', () => loose.warnings())
    for (const format of ['json', 'toml', 'yaml']) shown.run('array-op dump', () => loose.dump(format))
    shown.run('array-op explain', () => loose.explain([k]))
    shown.run('array-op explain', () => loose.explain([p]))
    shown.throws('strict array op', () => new SuperConfig({ strict: true }).withDefaults(ops))
    shown.throws('strict _remove', () =>
      new SuperConfig({ strict: true }).withString(`${q(k)} = "${g.str(true)}"\n${q(`${k}_remove`)} = ["${g.str(true)}"]\n`, 'toml'),
    )
    const conflict = {
      [`APP_${k}`]: g.str(true),
      [`APP_${k}__${p}`]: g.str(true),
      [`APP_${p}__${k}`]: g.str(true),
      [`APP_${p}__${k}__x`]: `["${g.str(true)}"]`,
      [`APP_${p}__${k}__x__y`]: String(g.big(true)),
      [`APP_${p}__`]: g.str(true),
    }
    const envLoose = shown.run('env conflicts', () => new SuperConfig().withEnvMap(conflict, 'APP_'))
    shown.run('env warnings', () => envLoose.warnings())
    shown.run('env dump', () => envLoose.dump('yaml'))
    shown.add('env toString', String(envLoose))
    shown.throws('strict env', () => new SuperConfig({ strict: true }).withEnvMap(conflict, 'APP_'))
    for (const value of [`{"a": 1${g.big(true)}000000}`, `[1${g.big(true)}000000]`]) {
      shown.throws('env int range', () => new SuperConfig().withEnvMap({ [`APP_${k}`]: value }, 'APP_'))
    }
    // Values the binding refuses, under a secret key.
    const bigint = `1${g.big(true)}000000`
    shown.throws('BigInt out of range', () => new SuperConfig().withDefaults({ [p]: { [k]: BigInt(bigint) } }))
    shown.throws('negative BigInt out of range', () => new SuperConfig().withDefaults({ [k]: [-BigInt(`1${g.big(true)}000000`)] }))
    shown.throws('a symbol', () => new SuperConfig().withDefaults({ [k]: Symbol(g.str(true)) }))
    shown.throws('a function', () => new SuperConfig().withDefaults({ [k]: { n: g.str(true), f: () => 0 } }))
    shown.throws('an env object', () => new SuperConfig().withEnvMap({ [`APP_${k}`]: { v: g.str(true) } }, 'APP_'))
    shown.throws('an env array', () => new SuperConfig().withEnvMap({ [`APP_${k}`]: [g.str(true)] }, 'APP_'))

    // ---- parse errors on lines holding a secret ----
    for (const [format, doc, mustFail] of brokenDocuments(g, k, texts)) {
      try {
        new SuperConfig().withString(doc, format, { name: `broken.${format}` })
        assert.ok(!mustFail, `this ${format} document parsed:\n${doc}`)
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e
        totals.parseErrors++
        shown.error(`${format} parse error of\n${doc}\n`, e)
      }
    }
  } finally {
    setLogger(null)
  }
  for (const line of logs) shown.add('log line', line)

  // ---- the property ----
  assert.ok(logs.length > 0, 'nothing was logged')
  for (const [what, text] of shown.items) {
    const leaked = markersIn(text).find((m) => g.secrets.has(m))
    assert.ok(leaked === undefined, `the secret value ${leaked} leaked into ${what}:\n${text}`)
  }
}

/** Registers the property test against a face's `{ SuperConfig, setLogger }`. */
export function secretsPropertyTests(face) {
  ;({ SuperConfig, setLogger } = face)
  test(`no secret value leaks, ${CASES} random configurations (seed ${SEED})`, () => {
    for (let i = 0; i < CASES; i++) {
      const seed = SEED + i
      try {
        runCase(seed)
      } catch (e) {
        e.message = `case seed ${seed} (SUPERCONFIG_PROPERTY_SEED=${seed} SUPERCONFIG_PROPERTY_CASES=1): ${e.message}`
        throw e
      }
    }
    // Not vacuous: secrets were generated, plain values were seen in the dumps, errors provoked.
    assert.ok(totals.secretLeaves > CASES && totals.plainLeaves > CASES, JSON.stringify(totals))
    assert.ok(totals.parseErrors > CASES * 40, JSON.stringify(totals))
  })
}
