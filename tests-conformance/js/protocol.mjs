// The conformance protocol for JavaScript bindings: one request in, one response out.
//
// Independent of which build runs the case: an implementation (impls/*.mjs) only supplies the
// `SuperConfig` class, which has the same camelCase API in the native (napi-rs) and the WASM
// (wasm-bindgen) builds. Mirrors crates/superconfig/examples/conformance_adapter.rs, the
// reference: same queries, same answer shapes, same error fields.

// No Node imports: the browser adapter (impls/wasm-browser.mjs) loads this module in a page and
// calls runInPlace there; runIsolated uses Node's global `process`.
import { encodeLine } from './wire.mjs'

/** Runs one case with the case's cwd and exactly the case's environment, then restores both. */
export function runIsolated(impl, request) {
  const id = request.id ?? null
  const savedCwd = process.cwd()
  const savedEnv = { ...process.env }
  try {
    if (typeof request.dir === 'string') {
      try {
        process.chdir(request.dir)
      } catch (e) {
        return { id, fatal: `cannot enter ${request.dir}: ${e.message}` }
      }
    }
    replaceEnv(Object.fromEntries(Object.entries(request.env ?? {}).map(([k, v]) => [k, text(v)])))
    return { ...run(impl, request), id }
  } catch (e) {
    return { id, fatal: `adapter failure: ${e?.stack ?? e}` }
  } finally {
    replaceEnv(savedEnv)
    process.chdir(savedCwd)
  }
}

/** Runs one case as it is, with no cwd or environment to isolate (a browser page). */
export function runInPlace(impl, request) {
  const id = request?.id ?? null
  try {
    return { ...run(impl, request), id }
  } catch (e) {
    return { id, fatal: `adapter failure: ${e?.stack ?? e}` }
  }
}

function replaceEnv(vars) {
  for (const name of Object.keys(process.env)) delete process.env[name]
  Object.assign(process.env, vars)
}

/** Environment values are text: a non-string case value is its JSON form (as the reference does). */
function text(v) {
  return typeof v === 'string' ? v : encodeLine(v)
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

function options(kwargs) {
  const out = {}
  for (const [k, v] of Object.entries(kwargs ?? {})) out[camel(k)] = v
  return out
}

/** An environment mapping as the API takes it: every value text. */
const envMapping = (mapping) => Object.fromEntries(Object.entries(mapping ?? {}).map(([k, v]) => [k, text(v)]))

/** The trailing `env` argument of the methods that read the process environment: given only when
 *  the request carries one (the runner's emulation for builds without a process environment). */
const envArg = (kw) => (kw.env === undefined ? [] : [envMapping(kw.env)])

/** Builder steps: snake_case method → call on the JS object (positional args, then options). */
const STEPS = {
  with_defaults: (c, [table]) => c.withDefaults(table),
  with_file: (c, [path], kw) => c.withFile(path, kw),
  with_string: (c, [body, format], kw) => c.withString(body, format, kw),
  with_env: (c, [prefix], kw) => c.withEnv(prefix, kw),
  with_env_map: (c, [mapping, prefix], kw) => c.withEnvMap(envMapping(mapping), prefix, kw),
  with_env_aliases: (c, [aliases], kw) => c.withEnvAliases(aliases, ...envArg(kw)),
  with_glob: (c, [pattern], kw) => c.withGlob(pattern, kw),
  with_hierarchical: (c, [app], kw) => c.withHierarchical(app, kw),
  with_secrets_dir: (c, [path], kw) => c.withSecretsDir(path, kw),
  select_profile: (c, [name]) => c.selectProfile(name),
  // var and default: positional in the request when given as a scalar or list, named otherwise;
  // undefined when absent, so the binding's own defaults apply.
  select_profile_from_env: (c, [variable, defaultProfile], kw) =>
    c.selectProfileFromEnv(variable ?? kw.var, defaultProfile ?? kw.default, ...envArg(kw)),
  suppress_warnings: (c, [patterns]) => c.suppressWarnings(patterns),
}

/** Reload steps: each acts on the latest configuration (reloaded in place) and never fails the
 *  case: a thrown error is a ReloadFailed event, the last good tree stays. */
const RELOADS = {
  reload: (c) => c.reload(),
  update_string: (c, [name, body]) => c.updateString(name, body),
}

/** Steps that change files: `impl.files` (given by adapter.mjs under Node) does the writing; a
 *  build without it (the browser page) never gets these steps (their cases require watch). */
const FILE_STEPS = {
  write_file: (files, [path, body]) => files.write(path, body),
  remove_file: (files, [path]) => files.remove(path),
}

function run(impl, request) {
  const secretKeys = request.secret_keys ?? []
  let config = new impl.SuperConfig({
    strict: Boolean(request.strict),
    ...(secretKeys.length > 0 ? { secretKeys } : {}),
  })
  const events = []
  for (const [index, step] of (request.steps ?? []).entries()) {
    const fileStep = FILE_STEPS[step.method]
    if (fileStep) {
      // A failure here is the adapter's (runIsolated reports it as fatal), not the binding's.
      if (!impl.files) throw new Error(`step ${index} (${step.method}): no filesystem in this adapter`)
      try {
        fileStep(impl.files, step.args ?? [])
      } catch (e) {
        throw new Error(`step ${index} (${step.method}): ${e?.message ?? e}`)
      }
      continue
    }
    const reload = RELOADS[step.method]
    if (reload) {
      const event = reloadEvent(config, () => reload(config, step.args ?? []))
      if (event) events.push(event)
      continue
    }
    const apply = STEPS[step.method]
    try {
      if (!apply) throw Object.assign(new Error(`unknown method '${step.method}'`), { code: 'InvalidArgument' })
      config = apply(config, step.args ?? [], options(step.kwargs))
    } catch (e) {
      return { ok: false, error: { ...errorFields(e), step: index } }
    }
  }
  return { ok: true, results: queries(config, request.queries ?? {}, events) }
}

/** The event of one reload: Changed (the wire form), ReloadFailed, or null when nothing changed. */
function reloadEvent(config, call) {
  let change
  try {
    change = call()
  } catch (e) {
    return { kind: 'ReloadFailed', version: attempt(() => config.version), error: errorFields(e) }
  }
  return change == null ? null : changeEvent(change)
}

/** The sides each list of a Changed event reports: an added key has no old side, a removed key
 *  no new side. */
const CHANGE_SIDES = [
  ['added', ['new']],
  ['removed', ['old']],
  ['changed', ['old', 'new']],
]

function changeEvent(change) {
  const event = { kind: change.kind, version: change.version, values: {} }
  for (const [group, sides] of CHANGE_SIDES) {
    const items = change[group]
    if (!Array.isArray(items)) {
      event[group] = `<missing field '${group}'>`
      continue
    }
    event[group] = items.map((k) => k.path)
    for (const k of items) {
      const entry = {}
      for (const side of sides) {
        entry[side] = k[side] === undefined ? null : k[side]
        const s = k[`${side}Source`]
        entry[`${side}_source`] = s == null ? null : source(s)
      }
      event.values[k.path] = entry
    }
  }
  return event
}

/** The protocol's error object for anything a binding throws. */
export function errorFields(e) {
  // No fallbacks: an error without the error fields must fail the case, not pass under its name.
  const field = (name) => (e != null && name in Object(e) ? e[name] : `<missing field '${name}'>`)
  return {
    kind: typeof e?.code === 'string' ? e.code : `<no code: ${e?.name}>`,
    file: field('file'),
    line: field('line'),
    column: field('column'),
    key: field('key'),
    message: e instanceof Error ? e.message : String(e),
  }
}

function attempt(call, shape = (v) => v) {
  try {
    return shape(call())
  } catch (e) {
    return { error: errorFields(e) }
  }
}

function valued(call) {
  try {
    return { value: call() }
  } catch (e) {
    return { error: errorFields(e) }
  }
}

const source = (s) => ({ kind: s.kind, name: s.name, line: s.line ?? null })

function each(paths, answer) {
  return Object.fromEntries((paths ?? []).map((p) => [p, answer(p)]))
}

function queries(c, q, events) {
  const out = {}
  if ('config' in q) out.config = attempt(() => c.extract())
  if ('get' in q) out.get = each(q.get, (p) => valued(() => c.get(p)))
  if ('missing' in q) out.missing = each(q.missing, (p) => valued(() => c.get(p)))
  if ('get_segments' in q) out.get_segments = (q.get_segments ?? []).map((segs) => valued(() => c.get(segs)))
  if ('has' in q) out.has = each(q.has, (p) => attempt(() => c.has(p)))
  if ('keys' in q) out.keys = each(q.keys, (p) => attempt(() => c.keys(p)))
  if ('extract' in q) out.extract = each(q.extract, (p) => attempt(() => c.extract(p)))
  if ('sources' in q) out.sources = each(q.sources, (p) => attempt(() => c.source(p), source))
  if ('explain' in q) {
    out.explain = each(q.explain, (p) =>
      attempt(
        () => c.explain(p),
        (x) => ({ value: x.value, source: source(x.source), overridden: x.overridden.map(source) }),
      ),
    )
  }
  if ('warnings' in q) {
    out.warnings = attempt(
      () => c.warnings(),
      (ws) => ws.map((w) => ({ kind: w.kind, message: w.message, source: w.source ?? null })),
    )
  }
  if ('dump' in q) out.dump = attempt(() => c.dump('json', true))
  if ('layers' in q) {
    out.layers = attempt(
      () => c.layers(),
      (ls) => ls.map((l) => ({ kind: l.kind, name: l.name, status: l.status })),
    )
  }
  if ('profiles' in q) out.profiles = attempt(() => c.profiles())
  if ('version' in q) out.version = attempt(() => c.version)
  if ('events' in q) out.events = events
  return out
}
