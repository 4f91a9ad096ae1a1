// The JavaScript both SuperConfig bindings run, captured when the module loads (before user
// code could replace `JSON` or `Object.keys`). The browser build imports this file as an ES
// module; the Node build evaluates it as a script (crates/superconfig-js/src/lib.rs,
// `helpers_script`). Plain functions only: no imports, no top-level state but the captures.

const FALLBACK = {};
const stringify = JSON.stringify;
const getPrototypeOf = Object.getPrototypeOf;
const objectKeys = Object.keys;
const isView = ArrayBuffer.isView;
const objectProto = Object.prototype;
const arrayProto = Array.prototype;
const SharedBuffer = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

// Gives up (throws FALLBACK) on anything JSON text would not carry exactly: a non-finite number,
// a BigInt, a function, a symbol, an object that is neither a plain object nor an array. What
// it lets through converts exactly as the Rust walker would convert it (`toJSON` included).
function replacer(key, value) {
  switch (typeof value) {
    case 'string': case 'boolean': case 'undefined': return value;
    case 'number': if (value - value === 0) return value; throw FALLBACK;
    case 'object': {
      if (value === null) return value;
      const proto = getPrototypeOf(value);
      if (proto === objectProto || proto === arrayProto || proto === null) return value;
      throw FALLBACK;
    }
    default: throw FALLBACK;
  }
}

// `JSON.stringify(value)` when that text is exact, else `undefined` (the value then takes the
// walker, which names any problem). A cycle or a too-deep value also gives `undefined`; an
// exception from the caller's getters or proxy traps propagates as it is.
export function jsonText(value) {
  try {
    return stringify(value, replacer);
  } catch (e) {
    if (e === FALLBACK || e instanceof TypeError || e instanceof RangeError) return undefined;
    throw e;
  }
}

// `NAME\0value\0…` for an object whose own enumerable values are strings (`undefined` ones left
// out) holding no NUL; `undefined` sends the object to the walker (numbers, booleans, errors).
export function envText(vars) {
  const names = objectKeys(vars);
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = vars[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) return undefined;
    out += name + '\0' + value + '\0';
  }
  return out;
}

// Whether `value` is binary data: a typed array, a DataView or an (shared) ArrayBuffer.
export function isBinary(value) {
  return isView(value) || value instanceof ArrayBuffer || value instanceof SharedBuffer;
}
