// Type-checked only (scripts/typecheck.sh: tsc --noEmit --strict): typical use of the browser
// build, against the declarations wasm-bindgen generated. Each `const x: T = …` pins a type.
import init, {
  type ConfigTable,
  type DefaultsTable,
  type ConfigValue,
  type Explanation,
  type LayerInfo,
  type Source,
  type Stats,
  type SuperConfigError,
  type Warning,
  SuperConfig,
  setLogger,
  stats,
} from '../pkg/superconfig.js'
import * as node from '../pkg-node/superconfig.js'

async function main(): Promise<void> {
  await init()
  await init({ module_or_path: new URL('../pkg/superconfig_bg.wasm', import.meta.url) })

  const defaults: ConfigTable = { server: { port: 8080, hosts: ['a'] }, big: 2n ** 63n - 1n }
  const config: SuperConfig = new SuperConfig({ strict: false })
    .withDefaults(defaults)
    .withDefaults({ when: new Date(), skipped: undefined } satisfies DefaultsTable)
    .withString('[db]\nhost = "x"\n', 'toml', { name: 'base.toml', profiles: false })
    .withString('a: 1', 'yaml')
    .withEnvMap({ APP_DB__PORT: '5432', APP_N: 3, APP_B: true }, 'APP_', { separator: '__', ignoreEmpty: true })
    .selectProfile('prod')
    .suppressWarnings(['ProfileNotFound'])

  const port: ConfigValue = config.get('db.port')
  const withDefault: ConfigValue = config.get(['db', 'port'], 5432)
  if (typeof port === 'bigint') console.log(port + 1n)
  else if (typeof port === 'number') console.log(port + 1)
  const present: boolean = config.has('db.host')
  const keys: string[] = config.keys()
  const dbKeys: string[] = config.keys('db')
  const whole: ConfigValue = config.extract()
  const sub: ConfigValue = config.extract(['db'])
  const source: Source = config.source('db.host')
  const line: number | null = source.line
  const kind: 'defaults' | 'file' | 'string' | 'env' = source.kind
  const why: Explanation = config.explain('db.host')
  const earlier: Source[] = why.overridden
  const text: string = config.dump()
  const toml: string = config.dump('toml', false)
  const warnings: Warning[] = config.warnings()
  const warningSource: string | null = warnings[0]?.source ?? null
  const layers: LayerInfo[] = config.layers()
  const status: 'loaded' | 'missing' | 'ignored' | 'empty' | undefined = layers[0]?.status
  const profiles: string[] = config.profiles()
  const active: string = config.activeProfile
  const strict: boolean = config.strict
  const handle: number = config.handle
  const counters: Stats = stats()
  const live: number = counters.handles + counters.memoryBytes
  setLogger((level, message) => console.log(level.toUpperCase(), message))
  setLogger(null)
  try {
    config.get('missing')
  } catch (e) {
    const error = e as SuperConfigError
    const where: string = `${error.code} ${error.file ?? ''}:${error.line ?? 0}:${error.column ?? 0} ${error.key ?? ''}`
    console.log(where, error.message)
  }
  config.free()
  {
    using scoped = new SuperConfig()
    scoped.withDefaults({})
  }
  const fromNode: node.SuperConfig = new node.SuperConfig().withString('x = 1', 'toml')
  console.log(present, keys, dbKeys, whole, sub, line, kind, earlier, text, toml, warningSource, status, profiles, active, strict, handle, live, withDefault, fromNode)
}

void main
