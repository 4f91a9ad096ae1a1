// `--impl wasm`: the wasm-bindgen Node build of bindings-wasm/ (no filesystem: the runner rewrites
// with_file into with_string and with_env into with_env_map for this adapter). Module:
// SUPERCONFIG_WASM_MODULE (a file or a directory), else bindings-wasm/pkg-node/. In a directory
// the entry is package.json's `main`/`module`, else superconfig.js, else index.js. It must export
// a `SuperConfig` class with the same camelCase API as the native build.

import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const name = 'wasm'

function entry(target) {
  if (!fs.existsSync(target)) throw new Error(`${target} does not exist (build bindings-wasm first)`)
  if (!fs.statSync(target).isDirectory()) return target
  const manifest = path.join(target, 'package.json')
  if (fs.existsSync(manifest)) {
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'))
    for (const field of [pkg.main, pkg.module]) if (field) return path.join(target, field)
  }
  for (const file of ['superconfig.js', 'index.js']) {
    if (fs.existsSync(path.join(target, file))) return path.join(target, file)
  }
  throw new Error(`no module entry in ${target}`)
}

export async function load() {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const target = path.resolve(process.env.SUPERCONFIG_WASM_MODULE || path.join(here, '../../../bindings-wasm/pkg-node'))
  const binding = await import(pathToFileURL(entry(target)).href)
  const module = typeof binding.SuperConfig === 'function' ? binding : binding.default
  const SuperConfig = module?.SuperConfig
  if (typeof SuperConfig !== 'function') throw new Error(`${target} exports no SuperConfig class`)
  return { name, SuperConfig, module }
}
