// The demo: three layers of text (TOML, YAML, JSON or dotenv) and KEY=VALUE environment lines,
// merged live by SuperConfig's WebAssembly build, with the source of every value.
import init, { SuperConfig } from '../pkg/superconfig.js'

const $ = (selector, root = document) => root.querySelector(selector)
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)]

/** `KEY=VALUE` lines → { KEY: VALUE } (blank lines and # comments skipped). */
function parseEnv(text) {
  const vars = {}
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const at = trimmed.indexOf('=')
    if (at > 0) vars[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1)
  }
  return vars
}

/** Every leaf of the merged tree as [segments, value]; empty tables and arrays are leaves. */
function leaves(value, path = [], out = []) {
  const isTable = value !== null && typeof value === 'object' && !Array.isArray(value)
  const children = Array.isArray(value) ? value.map((v, i) => [i, v]) : isTable ? Object.entries(value) : []
  if (children.length === 0) out.push([path, value])
  for (const [k, v] of children) leaves(v, [...path, k], out)
  return out
}

const show = (v) => (typeof v === 'bigint' ? `${v}` : typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) && v.length === 0 ? '[]' : v !== null && typeof v === 'object' ? '{}' : String(v))
const where = (s) => `${s.name}${s.line ? `:${s.line}` : ''}`

function cell(text, className) {
  const td = document.createElement('td')
  td.textContent = text
  if (className) td.className = className
  return td
}

function render() {
  const owned = [] // every SuperConfig made here, freed at the end
  const keep = (c) => (owned.push(c), c)
  $('#error').textContent = ''
  for (const t of $$('textarea')) t.classList.remove('invalid')
  try {
    let config = keep(new SuperConfig())
    for (const layer of $$('.layer')) {
      const text = $('.text', layer)
      try {
        config = keep(config.withString(text.value, $('.format', layer).value, {
          name: $('.name', layer).value || '<string>',
          profiles: $('.profiles', layer).checked,
        }))
      } catch (e) {
        text.classList.add('invalid')
        throw e
      }
    }
    config = keep(config.withEnvMap(parseEnv($('#env').value), $('#prefix').value))
    const profileSelect = $('#profile')
    const wanted = profileSelect.value || 'default'
    config = keep(config.selectProfile(wanted))
    const names = ['default', ...config.profiles().filter((p) => p !== 'default')]
    if (names.join() !== $$('option', profileSelect).map((o) => o.value).join()) {
      profileSelect.replaceChildren(...names.map((n) => new Option(n, n, false, n === wanted)))
    }

    const rows = leaves(config.extract()).map(([path, value]) => {
      const tr = document.createElement('tr')
      const explained = path.length ? config.explain(path) : { value, source: { kind: 'defaults', name: '' }, overridden: [] }
      tr.dataset.key = path.join('.')
      tr.append(cell(path.join('.') || '(root)', 'key'), cell(show(explained.value), 'value'))
      const td = document.createElement('td')
      const badge = document.createElement('span')
      badge.className = `src ${explained.source.kind}`
      badge.textContent = explained.source.kind
      td.append(badge, ` ${where(explained.source)}`)
      if (explained.overridden.length) {
        const over = document.createElement('div')
        over.className = 'over'
        over.textContent = `overrides ${explained.overridden.map(where).join(', ')}`
        td.append(over)
      }
      tr.append(td)
      return tr
    })
    $('#result').replaceChildren(...rows)
    $('#warnings').replaceChildren(
      ...config.warnings().map((w) => Object.assign(document.createElement('li'), { textContent: `${w.kind}: ${w.message}` })),
    )
    $('#no-warnings').hidden = $('#warnings').children.length > 0
    $('#stat').textContent = `${rows.length} values · ${config.layers().length} layers · profile ${config.activeProfile}`
  } catch (e) {
    $('#error').textContent = e.code ? `${e.code}: ${e.message}` : String(e)
  } finally {
    for (const c of owned) c.free()
  }
}

await init()

// A live configuration of the same layers: an edit is updateString on it, and the event a
// subscriber receives is the diff (docs/behaviour.md, "Reload").
function liveConfig() {
  let config = new SuperConfig()
  for (const layer of $$('.layer')) {
    const name = $('.name', layer).value || '<string>'
    const next = config.withString($('.text', layer).value, $('.format', layer).value, { name, profiles: $('.profiles', layer).checked })
    config.free()
    config = next
  }
  return config
}
let live = liveConfig()
const line = (c) => `${c.path}: ${c.old === undefined ? '∅' : show(c.old)} → ${c.new === undefined ? '∅' : show(c.new)}${c.newSource ? `  (${where(c.newSource)})` : ''}`
live.subscribe((event) => {
  $('#diff').textContent = event.kind === 'Changed'
    ? [`version ${event.version}`, ...event.added.map((c) => `+ ${line(c)}`), ...event.removed.map((c) => `- ${line(c)}`), ...event.changed.map((c) => `  ${line(c)}`)].join('\n')
    : `reload failed, version ${event.version} kept: ${event.error.message}`
})
document.addEventListener('input', (e) => {
  const layer = e.target.closest?.('.layer')
  if (!layer || !e.target.classList.contains('text')) return
  try {
    live.updateString($('.name', layer).value || '<string>', e.target.value)
  } catch {
    // the subscriber shows the failure; the last good tree stays
  }
})
document.addEventListener('input', render)
document.addEventListener('change', render)
render()
document.body.dataset.ready = 'true'
