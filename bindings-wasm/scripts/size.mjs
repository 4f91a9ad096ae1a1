#!/usr/bin/env node
// Size report and budget check of the optimised module.
//
//   node scripts/size.mjs [MODULE.wasm] [--json OUT.json] [--update-readme] [--strict]
//
// MODULE defaults to pkg/superconfig_bg.wasm. Prints raw and gzipped (level 9) sizes and the
// JS glue's, against the budget (≤ 400 KB raw, ≤ 150 KB gzipped; KB = 1000 bytes). Over budget
// it warns; with --strict (or SUPERCONFIG_WASM_SIZE_STRICT=1) it exits 1 instead.
// --update-readme rewrites the table between the size markers of README.md.

import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const crate = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const option = (name) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--json')
const modulePath = path.resolve(positional[0] ?? path.join(crate, 'pkg', 'superconfig_bg.wasm'))

const BUDGET = { raw: 400_000, gzip: 150_000 }

function sizes(file) {
  const bytes = fs.readFileSync(file)
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length }
}

if (!fs.existsSync(modulePath)) {
  console.error(`size: ${modulePath} does not exist (run scripts/build.sh)`)
  process.exit(2)
}
const wasm = sizes(modulePath)
const glue = path.join(path.dirname(modulePath), 'superconfig.js')
const js = fs.existsSync(glue) ? sizes(glue) : null
const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const ok = wasm.raw <= BUDGET.raw && wasm.gzip <= BUDGET.gzip

console.log(`${path.relative(process.cwd(), modulePath)}: ${wasm.raw} bytes (${kb(wasm.raw)}), gzip -9 ${wasm.gzip} bytes (${kb(wasm.gzip)})`)
if (js) console.log(`JS glue superconfig.js: ${js.raw} bytes, gzip -9 ${js.gzip} bytes`)
console.log(`budget: ${kb(BUDGET.raw)} raw, ${kb(BUDGET.gzip)} gzipped: ${ok ? 'within' : 'OVER BUDGET'}`)
const strict = flag('--strict') || process.env.SUPERCONFIG_WASM_SIZE_STRICT === '1'
if (!ok) {
  const over = Math.max(wasm.raw - BUDGET.raw, wasm.gzip - BUDGET.gzip)
  console.log(`${strict ? 'ERROR' : 'WARNING'}: ${over} bytes over the size budget (see README.md "Size")`)
}

const report = { module: modulePath, wasm, js, budget: BUDGET, within: ok }
const out = option('--json')
if (out) fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)

if (flag('--update-readme')) {
  const readme = path.join(crate, 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const table = [
    '<!-- size:start (written by scripts/size.mjs --update-readme) -->',
    '| file | raw | gzip -9 | budget |',
    '|---|---:|---:|---|',
    `| \`pkg/superconfig_bg.wasm\` (after wasm-opt) | ${wasm.raw} B (${kb(wasm.raw)}) | ${wasm.gzip} B (${kb(wasm.gzip)}) | ≤ 400 KB, ≤ 150 KB gzipped: ${ok ? 'within' : 'over'} |`,
    js ? `| \`pkg/superconfig.js\` (glue) | ${js.raw} B | ${js.gzip} B | |` : '',
    '<!-- size:end -->',
  ].filter(Boolean).join('\n')
  const replaced = text.replace(/<!-- size:start[\s\S]*?<!-- size:end -->/, table)
  if (replaced === text && !text.includes('<!-- size:start')) {
    console.error('size: README.md has no size markers')
    process.exit(2)
  }
  fs.writeFileSync(readme, replaced)
  console.log('README.md size table updated')
}
process.exit(ok || !strict ? 0 : 1)
