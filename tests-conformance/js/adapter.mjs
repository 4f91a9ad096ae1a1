#!/usr/bin/env node
// Conformance adapter for the JavaScript bindings: a long-lived child process of the runner
// (tests-conformance) reading one case request per line on stdin and writing one response per
// line on stdout. Anything else goes to stderr.
//
//   node tests-conformance/js/adapter.mjs --impl native   # bindings-node (napi-rs)
//   node tests-conformance/js/adapter.mjs --impl wasm     # bindings-wasm, wasm-bindgen Node build
//   node tests-conformance/js/adapter.mjs --impl wasm-browser   # bindings-wasm's web build, run
//                                                                # inside headless Chromium
//
// The protocol code (protocol.mjs, wire.mjs) is shared; an implementation module only says how
// to load its build. One that runs elsewhere (a browser page) returns `relay(line)` instead of a
// `SuperConfig` class: it hands over the request line and resolves to the response line.

import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import readline from 'node:readline'

import { runIsolated } from './protocol.mjs'
import { decodeLine, encodeLine } from './wire.mjs'

const IMPLS = {
  native: () => import('./impls/native.mjs'),
  wasm: () => import('./impls/wasm.mjs'),
  'wasm-browser': () => import('./impls/wasm-browser.mjs'),
}

function parseArgs(argv) {
  const at = argv.indexOf('--impl')
  const name = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--impl='))?.slice(7)
  if (!name || !(name in IMPLS)) {
    process.stderr.write(`usage: adapter.mjs --impl ${Object.keys(IMPLS).join('|')}\n`)
    process.exit(2)
  }
  return name
}

// The reload steps that change files (write_file, remove_file), relative to the case directory
// (the cwd during a case). write_file saves the way editors do: a temporary file in the same
// directory, renamed over the target.
const files = {
  write(file, body) {
    const dir = path.dirname(file)
    fs.mkdirSync(dir, { recursive: true })
    const temporary = path.join(dir, `.${path.basename(file)}.superconfig-tmp`)
    fs.writeFileSync(temporary, body, 'utf8')
    fs.renameSync(temporary, file)
  },
  remove(file) {
    fs.unlinkSync(file)
  },
}

const implName = parseArgs(process.argv.slice(2))
let impl
try {
  impl = { files, ...(await (await IMPLS[implName]()).load()) }
} catch (e) {
  process.stderr.write(`adapter (${implName}): cannot load the binding: ${e?.stack ?? e}\n`)
  process.exit(3)
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false })
for await (const line of lines) {
  if (!line.trim()) continue
  let response
  if (impl.relay) {
    try {
      response = await impl.relay(line)
    } catch (e) {
      response = encodeLine({ id: null, fatal: `${implName}: ${e?.message ?? e}` })
    }
  } else {
    try {
      response = encodeLine(runIsolated(impl, decodeLine(line)))
    } catch (e) {
      response = encodeLine({ id: null, fatal: `bad request: ${e.message}` })
    }
  }
  process.stdout.write(`${response}\n`)
}
await impl.close?.()
