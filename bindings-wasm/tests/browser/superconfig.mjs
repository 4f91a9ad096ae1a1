// The shared suite's module under test in Chromium: the web build (pkg/, `--target web`) as a page
// imports it. tests/shared-in-browser.test.mjs's import map puts this file in the place of
// crates/superconfig-js/test/superconfig.mjs, whose exports it has; the fixture files come from
// that test's server (/__fixture/<name>).
import init, * as wasm from '/bindings-wasm/pkg/superconfig.js'
import { describeBuild } from '/crates/superconfig-js/test/support.mjs'

await init()

export const { SuperConfig, setLogger, stats } = wasm
export const { target, build, features, needs, differs } = describeBuild('wasm', 'WASM (pkg, Chromium)')
/** No paths in a page: the fixture is fetched. */
export const fixtureDir = null

/** The text of one fixture file, or null without a fixture. */
export async function fixtureText(name) {
  const response = await fetch(`/__fixture/${name}`)
  return response.ok ? response.text() : null
}
