// ESM entry: the same native module as `require('superconfig')` (no second copy, no dual state).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const binding = require('./watcher.cjs')

export const { SuperConfig, stats, setLogger, Watcher } = binding
export default binding
