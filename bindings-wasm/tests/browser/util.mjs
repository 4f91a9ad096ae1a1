// `node:util` in a page, for the shared suite in Chromium: only `inspect`, which the secrets
// property (tests-conformance/js/secrets-property.mjs) uses to look at what a configuration or an
// error shows. Like Node's, it lists own properties (non-enumerable ones too with showHidden),
// down to `depth`, and never calls a getter.

function quote(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
}

function render(value, depth, showHidden, seen) {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'bigint':
      return `${value}n`
    case 'symbol':
    case 'undefined':
    case 'number':
    case 'boolean':
      return String(value)
    case 'function':
      if (depth < 0) return `[Function: ${value.name || '(anonymous)'}]`
  }
  if (value === null) return 'null'
  if (seen.has(value)) return '[Circular]'
  const name = value.constructor?.name ?? '[Object: null prototype]'
  if (depth < 0) return Array.isArray(value) ? '[Array]' : `[${name}]`
  seen.add(value)
  const keys = Reflect.ownKeys(value).filter((k) => showHidden || Object.prototype.propertyIsEnumerable.call(value, k))
  const parts = keys.map((k) => {
    const d = Object.getOwnPropertyDescriptor(value, k)
    const shown = 'value' in d ? render(d.value, depth - 1, showHidden, seen) : `[${d.get ? 'Getter' : ''}${d.get && d.set ? '/' : ''}${d.set ? 'Setter' : ''}]`
    return `${typeof k === 'symbol' ? `[${String(k)}]` : k}: ${shown}`
  })
  seen.delete(value)
  const head = value instanceof Error ? `${value.stack ?? `${value.name}: ${value.message}`} ` : typeof value === 'function' ? `[Function: ${value.name}] ` : name === 'Object' || Array.isArray(value) ? '' : `${name} `
  return `${head}${Array.isArray(value) ? '[' : '{'} ${parts.join(', ')} ${Array.isArray(value) ? ']' : '}'}`
}

export function inspect(value, { depth = 2, showHidden = false } = {}) {
  return render(value, depth, showHidden, new Set())
}

export default { inspect }
