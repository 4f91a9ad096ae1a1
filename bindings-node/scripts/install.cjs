#!/usr/bin/env node
// `install` (and `prepack`) script of the `superconfig` npm package.
//
// Nothing is downloaded: the package either carries the native module built on this kind of
// machine (`npm run build` before `npm pack`), or it is built here from the Rust sources (a
// checkout of the repository: `bindings-node/` beside `crates/superconfig/`) with cargo, through
// `@napi-rs/cli` when it is installed and through plain `cargo build` otherwise.
'use strict'

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')

function binaries() {
  return fs.readdirSync(root).filter((f) => /^superconfig\..+\.node$/.test(f))
}

function loads() {
  try {
    require(path.join(root, 'index.js'))
    return true
  } catch (e) {
    return false
  }
}

function run(cmd, args, env) {
  console.error(`superconfig: ${cmd} ${args.join(' ')}`)
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
}

if (binaries().length > 0 && loads()) process.exit(0)

const manifest = path.join(root, 'Cargo.toml')
if (!fs.existsSync(manifest) || !fs.existsSync(path.join(root, '..', 'crates', 'superconfig', 'Cargo.toml'))) {
  console.error(
    'superconfig: no native module for this platform in the package and no Rust sources to build one.\n' +
      'Build it in a checkout of the repository (`cd bindings-node && npm install && npm run build`), then\n' +
      'install that directory or the tarball `npm pack` makes there.',
  )
  process.exit(1)
}

const cli = (() => {
  try {
    return require.resolve('@napi-rs/cli/package.json', { paths: [root] })
  } catch (e) {
    return null
  }
})()

try {
  if (cli) {
    const bin = path.join(path.dirname(cli), 'cli.mjs')
    // Exactly `npm run build`: the generated index.js/index.d.ts come out as committed.
    run(process.execPath, [bin, 'build', '--platform', '--release', '--js', 'index.js', '--dts', 'index.d.ts'])
  } else {
    // Without the CLI (dev dependencies not installed): cargo directly, then copy the library
    // under the name index.js looks for.
    run('cargo', ['build', '--release', '--manifest-path', manifest])
    const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, 'target')
    const lib = { linux: 'libsuperconfig_node.so', darwin: 'libsuperconfig_node.dylib', win32: 'superconfig_node.dll' }[process.platform]
    const suffix = platformSuffix()
    if (!lib || !suffix) throw new Error(`unsupported platform ${process.platform}-${process.arch}`)
    fs.copyFileSync(path.join(target, 'release', lib), path.join(root, `superconfig.${suffix}.node`))
  }
} catch (e) {
  console.error(`superconfig: building the native module failed: ${e.message}`)
  process.exit(1)
}

if (!loads()) {
  console.error('superconfig: the native module was built but does not load')
  process.exit(1)
}

function platformSuffix() {
  const { platform, arch } = process
  if (platform === 'linux') {
    const musl = (() => {
      try {
        return !process.report.getReport().header.glibcVersionRuntime
      } catch (e) {
        return false
      }
    })()
    return `linux-${arch}-${musl ? 'musl' : 'gnu'}`
  }
  if (platform === 'darwin') return `darwin-${arch}`
  if (platform === 'win32') return `win32-${arch}-msvc`
  return null
}
