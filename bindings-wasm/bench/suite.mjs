// The benchmark cases, independent of where they run: Node (the wasm-bindgen Node build, and the
// napi-rs binding for comparison) and a Chromium page (the web build). No Node imports here.
//
// Fixture (shared/bench-fixture): defaults.json as an object, base.toml and prod.yaml as text,
// env.json through withEnvMap: the browser's way of loading files.

export const KEY = 'database.pool.max_size'

/** Deep equality of plain data (numbers by value). */
function same(a, b) {
  return JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? Number(v) : v)) === JSON.stringify(b)
}

/**
 * The cases for one `SuperConfig` class. `free` says whether objects have `free()` (the wasm
 * builds; napi objects are left to the garbage collector).
 */
export function cases(SuperConfig, fixture) {
  const { defaults, base, prod, env, expected } = fixture
  const free = typeof SuperConfig.prototype.free === 'function'
  const load = () => {
    const root = new SuperConfig()
    const a = root.withDefaults(defaults)
    const b = a.withString(base, 'toml', { name: 'base.toml' })
    const c = b.withString(prod, 'yaml', { name: 'prod.yaml' })
    const d = c.withEnvMap(env, 'APP_')
    if (free) {
      root.free()
      a.free()
      b.free()
      c.free()
    }
    return d
  }
  const cfg = load()
  if (!same(cfg.extract(), expected)) throw new Error('the layered load does not give expected.json')
  if (cfg.get(KEY) !== 64) throw new Error(`${KEY} is not 64`)
  const segments = KEY.split('.')
  return {
    get: { fn: () => cfg.get(KEY), n: 200_000 },
    'get (segments array)': { fn: () => cfg.get(segments), n: 100_000 },
    has: { fn: () => cfg.has(KEY), n: 200_000 },
    'layered load (strings + withEnvMap)': {
      fn: free ? () => load().free() : load,
      n: 300,
    },
    extract: { fn: () => cfg.extract(), n: 3000 },
  }
}

/**
 * Times each case in `rounds` rounds of `n` calls after `warmup` rounds; per-call nanoseconds
 * (median, min, max of the rounds). `now()` is a millisecond clock (performance.now).
 */
export async function measure(specs, { now, rounds = 15, warmup = 3, pause = () => Promise.resolve() }) {
  const out = {}
  for (const [name, { fn, n }] of Object.entries(specs)) {
    const per = []
    for (let r = 0; r < warmup + rounds; r++) {
      const t0 = now()
      for (let i = 0; i < n; i++) fn()
      const ns = ((now() - t0) * 1e6) / n
      if (r >= warmup) per.push(ns)
      await pause()
    }
    per.sort((a, b) => a - b)
    out[name] = {
      median_ns: per[Math.floor(per.length / 2)],
      min_ns: per[0],
      max_ns: per[per.length - 1],
      rounds,
      calls_per_round: n,
    }
  }
  return out
}
