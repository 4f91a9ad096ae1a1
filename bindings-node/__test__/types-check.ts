// Compiled with `tsc --noEmit -p __test__/tsconfig.json`: the generated index.d.ts describes
// the API as a TypeScript user sees it. Never executed.
import {
  SuperConfig,
  setLogger,
  stats,
  type ConfigTable,
  type ConfigValue,
  type Explanation,
  type LayerInfo,
  type LogLevel,
  type Source,
  type Stats,
  type SuperConfigError,
  type Warning,
} from 'superconfig'

const defaults: ConfigTable = { server: { port: 8080, hosts: ['a', 'b'] }, debug: false, big: 1n }
const cfg: SuperConfig = new SuperConfig({ strict: false })
  .withDefaults(defaults)
  .withFile('config.toml', { required: false, format: 'toml', profiles: true })
  .withString('a = 1', 'toml', { name: 'inline.toml', profiles: false })
  .withEnv('APP_', { separator: '__', ignoreEmpty: true })
  .withEnvMap({ APP_PORT: '80', APP_N: 3 }, 'APP_', { separator: '__' })
  .withGlob('conf.d/*.yaml', { baseDir: '/etc/app' })
  .withHierarchical('app', { systemDir: '/etc', userDir: '~/.config', startDir: '.', stopDir: '/' })
  .selectProfile('prod')
  .suppressWarnings(['NoMatch', 'FileNotFound*'])

const port: ConfigValue = cfg.get('server.port')
const withDefault: ConfigValue = cfg.get(['server', 'port'], 80)
const present: boolean = cfg.has('server.port')
const keys: string[] = cfg.keys()
const subKeys: string[] = cfg.keys('server')
const all: ConfigValue = cfg.extract()
const server: ConfigValue = cfg.extract('server')
const src: Source = cfg.source('server.port')
const line: number | null = src.line
const kind: 'defaults' | 'file' | 'string' | 'env' = src.kind
const why: Explanation = cfg.explain('server.port')
const overridden: Source[] = why.overridden
const text: string = cfg.dump() + cfg.dump('yaml') + cfg.dump('toml', false)
const warnings: Warning[] = cfg.warnings()
const firstKind: string | undefined = warnings[0]?.kind
const layers: LayerInfo[] = cfg.layers()
const profiles: string[] = cfg.profiles()
const active: string = cfg.activeProfile
const strict: boolean = cfg.strict
const s: Stats = stats()
const handles: number = s.handles + s.memoryBytes

setLogger((level: LogLevel, message: string) => {
  void level
  void message
})
setLogger(null)

try {
  cfg.get('missing')
} catch (e) {
  const err = e as SuperConfigError
  const fields: [string, string | null, number | null, number | null, string | null] = [
    err.code,
    err.file,
    err.line,
    err.column,
    err.key,
  ]
  void fields
}

// @ts-expect-error: a format name is checked
cfg.withString('a = 1', 'ini')
// @ts-expect-error: options are typed
cfg.withFile('x.toml', { required: 'yes' })

void [port, withDefault, present, keys, subKeys, all, server, line, kind, text, firstKind, layers, profiles, active, strict, handles]
