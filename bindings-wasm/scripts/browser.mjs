// Headless Chromium for the browser tests, the benchmarks and the `wasm-browser` conformance
// adapter: Debian's /usr/bin/chromium driven by playwright-core (no browser download), pages
// served by a tiny static server on 127.0.0.1 (random port).
//
//   import { startServer, launchBrowser } from './browser.mjs'
//   const server = await startServer(repoRoot, { '/page.html': '<!doctype html>…' })
//   const browser = await launchBrowser()
//   const page = await browser.newPage()
//   await page.goto(server.url('/bindings-wasm/demo/index.html'))
//   …
//   await browser.close(); await server.close()
//
// playwright-core is resolved from bindings-wasm/node_modules (npm ci), else from the toolchain
// directory scripts/toolchain.sh --with-browser installs it into ($WASM_TOOLS_DIR, default
// ~/.local/share/superconfig/wasm-tools). CHROMIUM overrides the browser executable.

import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const CRATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const REPO = path.dirname(CRATE)

/** The flags these machines need (root, closed network), plus a fresh profile per launch. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.toml': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
}

/**
 * Serves the files under `root` (GET/HEAD only, nothing outside `root`) and the in-memory
 * `pages` ({ '/path': text }) on 127.0.0.1 at a random port.
 * @returns {Promise<{ port: number, url: (p: string) => string, close: () => Promise<void> }>}
 */
export async function startServer(root, pages = {}) {
  const base = path.resolve(root)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed')
    const pathname = decodeURIComponent(url.pathname)
    if (Object.hasOwn(pages, pathname)) {
      return send(200, MIME[path.extname(pathname)] ?? 'text/html; charset=utf-8', pages[pathname])
    }
    const file = path.resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`)
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'text/plain', 'forbidden')
    fs.readFile(file, (err, body) => {
      if (err) return send(404, 'text/plain', `not found: ${pathname}`)
      send(200, MIME[path.extname(file)] ?? 'application/octet-stream', body)
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  return {
    port,
    url: (p) => `http://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

/** playwright-core's `chromium`, from bindings-wasm/node_modules or the toolchain directory. */
export async function playwrightChromium() {
  const toolsDir =
    process.env.WASM_TOOLS_DIR || path.join(os.homedir(), '.local', 'share', 'superconfig', 'wasm-tools')
  const tried = []
  for (const from of [path.join(CRATE, 'package.json'), path.join(toolsDir, 'package.json')]) {
    try {
      const entry = createRequire(from).resolve('playwright-core')
      const mod = await import(pathToFileURL(entry).href)
      return (mod.default ?? mod).chromium
    } catch (e) {
      tried.push(`${path.dirname(from)}: ${e.code ?? e.message}`)
    }
  }
  throw new Error(
    `playwright-core not found (${tried.join('; ')}): run npm ci in bindings-wasm, or ` +
      'bindings-wasm/scripts/toolchain.sh --with-browser',
  )
}

/**
 * Launches headless Chromium with a fresh profile directory (removed on close).
 * @returns {Promise<{ newPage: () => Promise<any>, context: any, close: () => Promise<void> }>}
 */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium'
  if (!fs.existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: apt-get install chromium (or set CHROMIUM)`)
  }
  const chromium = await playwrightChromium()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'superconfig-chromium-'))
  let context
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    })
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true })
    throw e
  }
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => {})
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Opens `url` in a new page and fails with the page's own errors (console errors, uncaught
 * exceptions, failed requests) when `ready` (a function evaluated in the page) never holds.
 */
export async function openPage(browser, url, ready = '() => true', timeout = 20_000) {
  const page = await browser.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`))
  await page.goto(url)
  try {
    await page.waitForFunction(ready, undefined, { timeout })
  } catch (e) {
    throw new Error(`${url} did not get ready: ${problems.join(' | ') || e.message}`)
  }
  return { page, problems }
}
