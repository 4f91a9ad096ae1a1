// One soak cycle, for the soak tests of every build: bindings-node/__test__/soak.test.mjs (the
// native addon), bindings-wasm/tests/soak.test.mjs (the WASM build in Node) and
// bindings-wasm/tests/soak-browser.test.mjs (the web build in Chromium, which serves this file to
// the page). It builds a configuration from three layers (defaults, a TOML string, an env map with
// secret-looking keys), reads it every way (get, has, keys, extract, source, explain, dump) and
// drops everything it created. No Node APIs: it runs in a page too.

export const TOML = `[server]
host = "0.0.0.0"
workers = 4

[database]
host = "db.internal"
password = "toml-password"

[database.pool]
min_size = 2
max_size = 16

[auth]
client_secret = "toml-client-secret"
`

export const DEFAULTS = {
  server: { port: 8080, host: 'localhost', workers: 1 },
  database: { host: 'localhost', port: 5432, pool: { min_size: 1, max_size: 4 } },
  auth: { api_key: 'default-api-key', issuer: 'https://auth.example' },
  features: ['a', 'b', 'c'],
}

function check(ok, what, got) {
  if (!ok) throw new Error(`soak cycle: ${what} (got ${JSON.stringify(got)})`)
}

/** Cycle `i` with the module's `SuperConfig`. Where objects have free() (the WASM builds), the
 * intermediates are freed with free() and the configuration with Symbol.dispose (what a `using`
 * declaration calls); elsewhere (the native addon) they are left unreachable for the garbage
 * collector's finalisers. */
export function oneCycle(SuperConfig, i) {
  const free = typeof SuperConfig.prototype.free === 'function'
  const root = new SuperConfig()
  const withDefaults = root.withDefaults(DEFAULTS)
  const withToml = withDefaults.withString(TOML, 'toml', { name: 'soak.toml' })
  const cfg = withToml.withEnvMap(
    {
      APP_SERVER__PORT: String(9000 + (i % 1000)),
      APP_DATABASE__PASSWORD: `env-password-${i}`,
      APP_AUTH__TOKEN: `token-${String(i).padStart(8, '0')}`,
      APP_CYCLE: String(i),
    },
    'APP_',
  )
  if (free) {
    withToml.free()
    withDefaults.free()
    root.free()
  }
  try {
    let v
    check((v = cfg.get('server.port')) === 9000 + (i % 1000), 'server.port from the env map', v)
    check((v = cfg.get('cycle')) === i, 'cycle', v)
    check((v = cfg.get('database.pool.max_size')) === 16, 'max_size from the TOML string', v)
    check((v = cfg.get('missing.key', null)) === null, 'get with a default', v)
    check(cfg.has('auth.client_secret'), 'has', null)
    check(!cfg.has('server.tls'), 'has a missing key', null)
    check((v = cfg.keys('database').join()) === 'host,port,pool,password', 'keys', v)
    const tree = cfg.extract()
    check((v = tree.database.password) === `env-password-${i}`, 'extract is not redacted', v)
    check((v = JSON.stringify(cfg.extract('database.pool'))) === '{"min_size":2,"max_size":16}', 'extract(path)', v)
    check((v = cfg.source('database.password').name) === 'APP_DATABASE__PASSWORD', 'source', v)
    check((v = cfg.source('database.pool.max_size').line) === 11, 'source line', v)
    const explained = cfg.explain('database.password')
    // One layer overridden: the TOML value (the defaults have no password).
    check(explained.value === '***' && explained.overridden.length === 1, 'explain', explained)
    const dumped = cfg.dump('json')
    check(!dumped.includes(`env-password-${i}`), 'dump redacts', null)
    check((v = JSON.parse(dumped).auth.token) === '***', 'dump redacts the token', v)
    check(!cfg.dump('toml').includes('toml-client-secret'), 'toml dump redacts', null)
  } finally {
    if (free) cfg[Symbol.dispose]()
  }
}

/**
 * Cycles start..stop with the module's `SuperConfig` and `stats`; after every `batch` cycles,
 * `pause()` is awaited (a collection, a turn of the event loop: what the soak test wants there).
 * Returns [seconds, the most handles live at a batch end].
 */
export async function runCycles({ SuperConfig, stats }, start, stop, batch, pause) {
  let peak = 0
  const t0 = performance.now()
  for (let i = start; i < stop; i++) {
    oneCycle(SuperConfig, i)
    if ((i + 1) % batch === 0) {
      peak = Math.max(peak, stats().handles)
      await pause()
    }
  }
  return [(performance.now() - t0) / 1000, peak]
}
