// `--impl wasm-browser`: the web build of bindings-wasm/ (pkg/, `--target web`) running inside
// headless Chromium. The cases run in the page: this side only relays each request line to
// `page.evaluate` and the response line back. The page imports the same protocol.mjs and wire.mjs
// as the Node adapters (served from the repository by a static server on 127.0.0.1), so no
// protocol code is copied. No filesystem: the runner rewrites with_file/with_env for this binding.
//
// Browser and server: bindings-wasm/scripts/browser.mjs (Debian's /usr/bin/chromium through
// playwright-core; see there for where playwright-core is found).

import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const name = 'wasm-browser'

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>SuperConfig conformance (wasm-browser)</title>
<script type="module">
import init, { SuperConfig } from '/bindings-wasm/pkg/superconfig.js'
import { runInPlace } from '/tests-conformance/js/protocol.mjs'
import { decodeLine, encodeLine } from '/tests-conformance/js/wire.mjs'

await init()
globalThis.__superconfigRun = (line) => {
  let request
  try {
    request = decodeLine(line)
  } catch (e) {
    return encodeLine({ id: null, fatal: 'bad request: ' + e.message })
  }
  return encodeLine(runInPlace({ name: 'wasm-browser', SuperConfig }, request))
}
globalThis.__superconfigReady = true
</script>
`

export async function load() {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
  const helper = path.join(repo, 'bindings-wasm', 'scripts', 'browser.mjs')
  const { launchBrowser, openPage, startServer } = await import(pathToFileURL(helper).href)
  const server = await startServer(repo, { '/__conformance.html': PAGE })
  let browser
  try {
    browser = await launchBrowser()
    const { page } = await openPage(
      browser,
      server.url('/__conformance.html'),
      () => globalThis.__superconfigReady === true,
    )
    return {
      name,
      relay: (line) => page.evaluate((l) => globalThis.__superconfigRun(l), line),
      close: async () => {
        await browser.close()
        await server.close()
      },
    }
  } catch (e) {
    await browser?.close()
    await server.close()
    throw e
  }
}
