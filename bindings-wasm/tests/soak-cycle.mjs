// One soak cycle (tests/soak.test.mjs in Node, tests/soak-browser.test.mjs in Chromium, which
// serves this file to the page): build a configuration from three layers (defaults, a TOML
// string, an env map with secret-looking keys), read it every way (get, has, keys, extract,
// source, explain, dump), free everything it created. No Node APIs: it runs in a page too.

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

/** Cycle `i` with the module's `SuperConfig`: intermediates freed with free(), the
 * configuration with Symbol.dispose (what a `using` declaration calls). */
export function oneCycle(SuperConfig, i) {
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
  withToml.free()
  withDefaults.free()
  root.free()
  try {
    let v
    check((v = cfg.get('server.port')) === 9000 + (i % 1000), 'server.port from the env map', v)
    check((v = cfg.get('cycle')) === i, 'cycle', v)
    check((v = cfg.get('database.pool.max_size')) === 16, 'max_size from the TOML string', v)
    check((v = cfg.get('missing.key', null)) === null, 'get with a default', v)
    check(cfg.has('auth.client_secret') && !cfg.has('server.tls'), 'has', null)
    check((v = cfg.keys('database').join()) === 'host,port,pool,password', 'keys', v)
    const tree = cfg.extract()
    check((v = tree.database.password) === `env-password-${i}`, 'extract is not redacted', v)
    check((v = JSON.stringify(cfg.extract('database.pool'))) === '{"min_size":2,"max_size":16}', 'extract(path)', v)
    check((v = cfg.source('database.password').name) === 'APP_DATABASE__PASSWORD', 'source', v)
    check((v = cfg.source('database.pool.max_size').line) === 11, 'source line', v)
    const explained = cfg.explain('database.password')
    check(explained.value === '***' && explained.overridden.length === 1, 'explain', explained)
    const dumped = cfg.dump('json')
    check(!dumped.includes(`env-password-${i}`), 'dump redacts', null)
    check((v = JSON.parse(dumped).auth.token) === '***', 'dump redacts the token', v)
    check(!cfg.dump('toml').includes('toml-client-secret'), 'toml dump redacts', null)
  } finally {
    cfg[Symbol.dispose]()
  }
}
