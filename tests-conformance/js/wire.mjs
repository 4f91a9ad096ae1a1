// The JSON-lines wire encoding of the conformance protocol, for JavaScript adapters.
//
// Plain JSON, except that non-finite floats travel as {"$float": "inf" | "-inf" | "nan"}.
// JavaScript cannot tell 1 from 1.0, so numbers go out as the JSON JavaScript writes for them
// (the runner compares JS adapters with numbers_typed = False); integers beyond 2^53 are BigInt
// on the JS side and travel as their raw digits, both ways.

const NON_FINITE = { inf: Infinity, '-inf': -Infinity, nan: NaN }

/** Parses one JSON line: integer literals beyond Number.MAX_SAFE_INTEGER become BigInt, $float
 *  objects become the non-finite number. */
export function decodeLine(text) {
  let i = 0
  const fail = (what) => {
    throw new SyntaxError(`${what} at offset ${i} of the request line`)
  }
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++
  }
  const value = () => {
    ws()
    const c = text[i]
    if (c === '{') return object()
    if (c === '[') return array()
    if (c === '"') return string()
    if (c === '-' || (c >= '0' && c <= '9')) return number()
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length
        return v
      }
    }
    return fail('unexpected character')
  }
  const object = () => {
    i++
    const out = {}
    ws()
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      ws()
      if (text[i] !== '"') fail('expected a key')
      const key = string()
      ws()
      if (text[i++] !== ':') fail('expected :')
      Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true })
      ws()
      const sep = text[i++]
      if (sep === '}') break
      if (sep !== ',') fail('expected , or }')
    }
    const keys = Object.keys(out)
    if (keys.length === 1 && keys[0] === '$float' && out.$float in NON_FINITE) return NON_FINITE[out.$float]
    return out
  }
  const array = () => {
    i++
    const out = []
    ws()
    if (text[i] === ']') {
      i++
      return out
    }
    for (;;) {
      out.push(value())
      ws()
      const sep = text[i++]
      if (sep === ']') return out
      if (sep !== ',') fail('expected , or ]')
    }
  }
  const string = () => {
    const start = i
    i++
    for (;;) {
      const c = text[i]
      if (c === undefined) fail('unterminated string')
      if (c === '\\') i += 2
      else if (c === '"') break
      else i++
    }
    i++
    return JSON.parse(text.slice(start, i))
  }
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!m) fail('bad number')
    i += m[0].length
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0])
      return Number.isSafeInteger(n) ? n : BigInt(m[0])
    }
    return Number(m[0])
  }
  const out = value()
  ws()
  if (i !== text.length) fail('trailing characters')
  return out
}

/** One JSON line (no newline) for a response: BigInt as raw digits, non-finite numbers as $float. */
export function encodeLine(value) {
  switch (typeof value) {
    case 'bigint':
      return value.toString()
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value)
      return `{"$float":"${Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'}"}`
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (Array.isArray(value)) return `[${value.map(encodeLine).join(',')}]`
      return `{${Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${encodeLine(value[k])}`)
        .join(',')}}`
    default:
      return 'null'
  }
}
