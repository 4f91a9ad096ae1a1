#!/usr/bin/env node
// Paired timings of two builds of the JS face in one process: a change's before and after,
// measured in the same run, round by round in turn (A, B, A, B, …) so that machine noise falls
// on both alike. The cases are the WASM bench's (bindings-wasm/bench/suite.mjs) on
// shared/bench-fixture, plus the native bench's layered load from files.
//
//   node --expose-gc crates/superconfig-js/bench/compare.mjs \
//     native:before=/tmp/old/superconfig.linux-x64-gnu.node native:after=bindings-node/superconfig.linux-x64-gnu.node \
//     wasm:before=/tmp/old/pkg-node/superconfig.js wasm:after=bindings-wasm/pkg-node/superconfig.js \
//     [--rounds 21] [--json out.json]
//
// Prints, per build kind and case, each build's median ns per call and after/before.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import process from 'node:process'
import { pathToFileURL } from 'node:url'

import { KEY, cases } from '../../../bindings-wasm/bench/suite.mjs'
import { fixtureDir as sharedFixtureDir, readFixture } from './common.mjs'

const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : fallback
}
const rounds = Number(option('--rounds', 21))
const jsonOut = option('--json')
const builds = args.filter((a, i) => /^(native|wasm):[^=]+=/.test(a) && !args[i - 1]?.startsWith('--'))

const fixtureDir = sharedFixtureDir()
if (!fixtureDir || builds.length === 0) {
  console.error('usage: compare.mjs KIND:LABEL=PATH … (KIND native or wasm); needs shared/bench-fixture')
  process.exit(2)
}
const fixture = readFixture(fixtureDir)

/** The timed cases of one build, keyed by case name. */
async function load(spec) {
  const [, kind, label, file] = spec.match(/^(native|wasm):([^=]+)=(.*)$/)
  const module = kind === 'native' ? require(path.resolve(file)) : await import(pathToFileURL(path.resolve(file)).href)
  const specs = cases(module.SuperConfig, fixture)
  if (kind === 'native') {
    const base = path.join(fixtureDir, 'base.toml')
    const prod = path.join(fixtureDir, 'prod.yaml')
    const viaFiles = () => new module.SuperConfig().withDefaults(fixture.defaults).withFile(base).withFile(prod).withEnvMap(fixture.env, 'APP_')
    if (viaFiles().get(KEY) !== 64) throw new Error(`${spec}: the file load does not give ${KEY} = 64`)
    specs['layered load (files + withEnvMap)'] = { fn: viaFiles, n: 300 }
  }
  return { kind, label, specs }
}

const loaded = []
for (const spec of builds) loaded.push(await load(spec))
const results = {}
for (const kind of ['native', 'wasm']) {
  const group = loaded.filter((b) => b.kind === kind)
  if (group.length === 0) continue
  for (const name of Object.keys(group[0].specs)) {
    const per = group.map(() => [])
    for (let r = 0; r < rounds + 3; r++) {
      group.forEach((build, i) => {
        const { fn, n } = build.specs[name]
        globalThis.gc?.()
        const t0 = performance.now()
        for (let k = 0; k < n; k++) fn()
        const ns = ((performance.now() - t0) * 1e6) / n
        if (r >= 3) per[i].push(ns)
      })
    }
    const medians = per.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)])
    const row = Object.fromEntries(group.map((b, i) => [b.label, medians[i]]))
    results[`${kind}/${name}`] = row
    const ratio = medians.length > 1 ? `  ${group[1].label}/${group[0].label} ${(medians[1] / medians[0]).toFixed(3)}` : ''
    console.log(`${`${kind}/${name}`.padEnd(48)} ${group.map((b, i) => `${b.label} ${medians[i].toFixed(0).padStart(8)} ns`).join('  ')}${ratio}`)
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify({ rounds, results }, null, 2)}\n`)
