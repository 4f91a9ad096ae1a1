#!/usr/bin/env node
// Benchmarks of the Node binding on shared/bench-fixture, beside node-config, convict, c12 and a
// hand-rolled smol-toml + yaml + deep merge. Timed loops, medians of rounds; each library runs in
// its own fresh process (warm-up rounds first), one after the other.
//
//   node bench/bench.mjs OUT.json [--rounds N] [--only superconfig,node-config,...]
//
// Writes every median (and min/max) as JSON to OUT.json and prints a table. Nothing here asserts
// a time: the targets are reported beside the figures.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { setImmediate as tick } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

import { formatNs as fmt, machine } from '../../crates/superconfig-js/bench/common.mjs'
import { SUITES } from './suites.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Times `fn` in `rounds` rounds of `n` calls (after `warmup` rounds); per-call nanoseconds. */
export async function measure(fn, { n, rounds, warmup = 3, async = false }) {
  const per = []
  for (let r = 0; r < warmup + rounds; r++) {
    const t0 = process.hrtime.bigint()
    if (async) for (let i = 0; i < n; i++) await fn()
    else for (let i = 0; i < n; i++) fn()
    const ns = Number(process.hrtime.bigint() - t0) / n
    if (r >= warmup) per.push(ns)
    // Let the event loop turn: finalizers of collected objects run, as in a real program.
    await tick()
  }
  per.sort((a, b) => a - b)
  return {
    median_ns: per[Math.floor(per.length / 2)],
    min_ns: per[0],
    max_ns: per[per.length - 1],
    rounds,
    calls_per_round: n,
  }
}

async function child(name, rounds) {
  const suite = SUITES[name]
  const out = {}
  for (const [label, spec] of Object.entries(await suite())) {
    out[label] = await measure(spec.fn, { n: spec.n, rounds: spec.rounds ?? rounds, async: spec.async })
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

async function main() {
  const args = process.argv.slice(2)
  const opt = (name, fallback) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : fallback
  }
  const rounds = Number(opt('--rounds', '15'))
  const suiteArg = opt('--suite', null)
  if (suiteArg) return child(suiteArg, rounds)

  const outPath = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
  if (!outPath) {
    console.error('usage: node bench/bench.mjs OUT.json [--rounds N] [--only a,b]')
    process.exit(2)
  }
  const only = opt('--only', Object.keys(SUITES).join(',')).split(',')
  const meta = {
    ...machine(),
    loadavg_start: os.loadavg(),
    rounds,
    command: `node bench/bench.mjs ${args.join(' ')}`,
  }
  const results = {}
  for (const name of only) {
    if (!SUITES[name]) throw new Error(`unknown suite ${name} (known: ${Object.keys(SUITES).join(', ')})`)
    process.stderr.write(`${name}...\n`)
    const stdout = execFileSync(process.execPath, ['--expose-gc', path.join(here, 'bench.mjs'), '--suite', name, '--rounds', String(rounds)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    })
    results[name] = JSON.parse(stdout.trim().split('\n').pop())
  }
  meta.loadavg_end = os.loadavg()
  const sc = results.superconfig ?? {}
  const targets = {
    'get database.pool.max_size <= 250 ns': sc.get?.median_ns,
    'layered load <= 60 µs': sc['layered load (withEnvMap)']?.median_ns,
    'extract() <= 30 µs': sc.extract?.median_ns,
  }
  const limits = [250, 60_000, 30_000]
  const report = {
    meta,
    results,
    targets: Object.fromEntries(
      Object.entries(targets).map(([k, v], i) => [k, { median_ns: v ?? null, met: v == null ? null : v <= limits[i] }]),
    ),
  }
  fs.writeFileSync(outPath, JSON.stringify(report, null, 2) + '\n')

  console.log(`\nmedians of ${rounds} rounds (load average ${meta.loadavg_start.map((l) => l.toFixed(2)).join(' ')} → ${meta.loadavg_end.map((l) => l.toFixed(2)).join(' ')})\n`)
  console.log('| library | case | median | min |')
  console.log('|---|---|---:|---:|')
  for (const [name, cases] of Object.entries(results)) {
    for (const [label, r] of Object.entries(cases)) console.log(`| ${name} | ${label} | ${fmt(r.median_ns)} | ${fmt(r.min_ns)} |`)
  }
  console.log('')
  for (const [k, v] of Object.entries(report.targets)) console.log(`${v.met ? 'met    ' : 'NOT met'}  ${k}: ${fmt(v.median_ns)}`)
  console.log(`\nwritten to ${outPath}`)
}

await main()
