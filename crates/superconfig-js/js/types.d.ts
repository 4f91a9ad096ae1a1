// The TypeScript declarations of the values, records and options both JavaScript builds pass:
// the Node addon's generated index.d.ts starts with this file (napi `dtsHeaderFile`), the WASM
// build's superconfig.d.ts contains it (bindings-wasm/src/types.rs). One file, so the two APIs
// cannot drift where their features overlap.

/** A configuration value: integers beyond ±(2^53 − 1) come back as `bigint`. */
export type ConfigValue = null | boolean | number | bigint | string | ConfigValue[] | ConfigTable
/** A table: string keys in insertion order. */
export interface ConfigTable { [key: string]: ConfigValue }
/** A value `withDefaults` accepts: a configuration value, a `Date` (its ISO string), or
 *  `undefined` (left out of a table, null in an array). */
export type DefaultsValue =
  | null | boolean | number | bigint | string | Date | undefined
  | DefaultsValue[] | DefaultsTable
/** What `withDefaults` takes: a plain object. */
export interface DefaultsTable { [key: string]: DefaultsValue }
/** A key path: dotted (`"a.b.0"`) or a list of segments for keys containing dots. */
export type KeyPath = string | ReadonlyArray<string | number>
/** A document format name. */
export type Format = 'toml' | 'yaml' | 'yml' | 'json' | 'env' | 'dotenv'
/** Where a value came from. */
export type SourceKind = 'defaults' | 'file' | 'string' | 'env'
/** What became of a layer. */
export type LayerStatus = 'loaded' | 'missing' | 'ignored' | 'empty'
/** The kinds of warning. */
export type WarningKind =
  | 'FileNotFound'
  | 'NoMatch'
  | 'IgnoredFile'
  | 'IgnoredKey'
  | 'KeyConflict'
  | 'ArrayOpOnNonArray'
  | 'ProfileNotFound'
  | 'SourceUnavailable'
  | 'SuspiciousEnv'
/** The `code` of a thrown SuperConfig error: an error kind, a warning kind raised in strict
 *  mode, or `InternalError` (a Rust panic: a bug; in the WASM build the instance must then be
 *  loaded again). */
export type ErrorCode =
  | 'ParseError'
  | 'FileNotFound'
  | 'KeyNotFound'
  | 'TypeMismatch'
  | 'ProfileNotFound'
  | 'InvalidHandle'
  | 'InvalidArgument'
  | 'IoError'
  | WarningKind
  | 'InternalError'
/** The error every SuperConfig call throws: an `Error` with the kind as `code` and where it
 *  happened. */
export interface SuperConfigError extends Error {
  code: ErrorCode
  file: string | null
  line: number | null
  column: number | null
  key: string | null
  /** `TypeMismatch` of a typed extraction: every invalid field, with its value's source. */
  errors?: FieldError[]
}
/** One invalid field of a typed extraction. */
export interface FieldError {
  /** Dotted key path from the root. */
  key: string
  /** What is wrong (never the value). */
  message: string
  /** Where the offending value was set, when it was. */
  source: Source | null
}
/** Log levels passed to the logger given to `setLogger`. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace'
/** A function receiving the core's log records (never containing a secret value). */
export type Logger = (level: LogLevel, message: string) => void
/** Options of `new SuperConfig(options)`. */
export interface ConfigOptions {
  /** Every warning is raised as an error of the same kind by the call that caused it. */
  strict?: boolean
  /** Largest file any layer reads, in bytes (default 64 MiB): a larger one is an `IoError`. */
  maxFileBytes?: number | bigint
  /** Key-path patterns (`*`, `?`, any case) whose values are secrets, like keys named
   *  `password` or `token`: `['*dsn', 'database.url']`. */
  secretKeys?: string[]
}
/** Options of `withFile`. */
export interface FileOptions {
  /** A missing file is a `FileNotFound` error rather than a warning. */
  required?: boolean
  /** The format, overriding the extension. */
  format?: Format
  /** Top-level keys are profile names. */
  profiles?: boolean
}
/** Options of `withString`. */
export interface StringOptions {
  /** Source name in provenance and errors (default `<string>`). */
  name?: string
  /** Top-level keys are profile names. */
  profiles?: boolean
}
/** Options of `withEnv` and `withEnvMap`. */
export interface EnvOptions {
  /** Splits the rest of a variable name into a key path (default `__`). */
  separator?: string
  /** Skips variables whose value is empty. */
  ignoreEmpty?: boolean
  /** A dotenv file read first with the same prefix, as its own layer; the variables win. */
  dotenv?: string
}
/** Options of `withSecretsDir`. */
export interface SecretsOptions {
  /** Only files whose name starts with it are read; it is dropped from the key. */
  prefix?: string
}
/** Options of `withGlob`. */
export interface GlobOptions {
  /** The directory the pattern is relative to (default: the current directory). */
  baseDir?: string
}
/** Options of `withHierarchical`. */
export interface HierarchicalOptions {
  /** System directory (default `/etc`). */
  systemDir?: string
  /** User directory (default: the XDG config home). */
  userDir?: string
  /** Where the project walk ends, nearest (default: the current directory). */
  startDir?: string
  /** Where the project walk begins, outermost (default: the filesystem root). */
  stopDir?: string
}
/** Variables for `withEnvMap`: text, or numbers/booleans/bigints (their string form). */
export type EnvMap = Record<string, string | number | boolean | bigint | undefined>
/** Where a value was set. */
export interface Source {
  kind: SourceKind
  /** File path, source name, `defaults`, or the environment variable's name. */
  name: string
  /** 1-based line, where the format gives one. */
  line: number | null
}
/** A value (secrets redacted), where it was set, and the earlier sources it overrode. */
export interface Explanation {
  value: ConfigValue
  source: Source
  /** Oldest first. */
  overridden: Source[]
}
/** Something was skipped or ignored; the configuration still loads. */
export interface Warning {
  kind: WarningKind
  /** Human-readable description (never a secret value). */
  message: string
  /** The file, variable or pattern it is about. */
  source: string | null
  /** The dotted key path it is about. */
  key: string | null
}
/** One layer and what became of it. */
export interface LayerInfo {
  kind: SourceKind
  /** Path, source name, `defaults`, or the environment prefix. */
  name: string
  status: LayerStatus
}
/** Registry counters. */
export interface Stats {
  /** Live handles (one per live `SuperConfig` object). */
  handles: number
  /** Handles ever created. */
  creates: number
  /** Successful reads. */
  reads: number
  /** Successful updates. */
  updates: number
  /** Handles freed. */
  deletes: number
  /** Estimated bytes held by live handles. */
  memoryBytes: number
  /** Warnings raised, suppressed ones included. */
  warnings: number
}

/** One changed key of a reload (docs/behaviour.md, "Reload"); values redacted like dumps. */
export interface KeyChange {
  /** Dotted key path (array items by index). */
  path: string
  /** The value before (absent for an added key). */
  old?: ConfigValue
  /** The value after (absent for a removed key). */
  new?: ConfigValue
  oldSource?: Source
  newSource?: Source
}

/** A reload changed at least one value; `version` is the configuration's new version. */
export interface ChangeEvent {
  kind: 'Changed'
  version: number
  added: KeyChange[]
  removed: KeyChange[]
  changed: KeyChange[]
}

/** A reload failed; `version` is the one still served, `error` says why (file, line). */
export interface ReloadFailedEvent {
  kind: 'ReloadFailed'
  version: number
  error: SuperConfigError
}

/** What a reload reports. */
export type ReloadEvent = ChangeEvent | ReloadFailedEvent

/** The event kinds (the core's list). */
export type EventKind = ReloadEvent['kind']
