// `--impl native`: the napi-rs build in bindings-node/ (or the module named by
// SUPERCONFIG_NODE_MODULE, e.g. an installed `superconfig` package).

import { createRequire } from 'node:module'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const name = 'native'

export async function load() {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const target = process.env.SUPERCONFIG_NODE_MODULE || path.resolve(here, '../../../bindings-node')
  const binding = createRequire(import.meta.url)(target)
  return { name, SuperConfig: binding.SuperConfig, module: binding }
}
