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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** The core watcher and the thread that forwards its events. */
export declare class NativeWatcher {
  /** Stops watching; no event is forwarded after this returns. Closing again does nothing. */
  close(): void
}

/**
 * A layered configuration. Every builder method returns a new `SuperConfig`; the one it was
 * called on stays valid and unchanged.
 */
export declare class SuperConfig {
  /** An empty configuration; `{ strict: true }` turns every warning into an error. */
  constructor(options?: ConfigOptions | null)
  /** Adds defaults given as a plain object. */
  withDefaults(defaults: DefaultsTable): SuperConfig
  /** Adds a file. A missing file is a `FileNotFound` warning unless `required` (or strict). */
  withFile(path: string, options?: FileOptions | null): SuperConfig
  /** Adds a document given as text in `format`. */
  withString(text: string, format: Format, options?: StringOptions | null): SuperConfig
  /** Adds the process environment's variables starting with `prefix`. */
  withEnv(prefix: string, options?: EnvOptions | null): SuperConfig
  /** The rules of `withEnv` over a given `{ NAME: value }` object (e.g. `process.env`). */
  withEnvMap(vars: EnvMap, prefix: string, options?: EnvOptions | null): SuperConfig
  /**
   * Adds unprefixed variables by name, each at its key path: `{ PORT: 'server.port' }`;
   * `env` stands for `process.env` when given.
   */
  withEnvAliases(aliases: Record<string, string>, env?: EnvMap | null): SuperConfig
  /**
   * Adds a secrets directory (Docker, Kubernetes): one secret per file, named by its file name
   * after `prefix` (`__` nests); every value redacted.
   */
  withSecretsDir(path: string, options?: SecretsOptions | null): SuperConfig
  /** Adds every file matching `pattern`, in byte order of the relative path, each as a layer. */
  withGlob(pattern: string, options?: GlobOptions | null): SuperConfig
  /** Git-style discovery of `app`'s configuration files. */
  withHierarchical(app: string, options?: HierarchicalOptions | null): SuperConfig
  /** Activates a profile; every layer is re-applied under it. */
  selectProfile(name: string): SuperConfig
  /**
   * Activates the profile named by the variable (default `APP_ENV`; `defaultProfile` when
   * unset or empty); `env` stands for `process.env` when given.
   */
  selectProfileFromEnv(variable?: string, defaultProfile?: string, env?: EnvMap | null): SuperConfig
  /** Drops warnings whose kind or message matches one of the wildcard patterns (`*`, `?`). */
  suppressWarnings(patterns: string[]): SuperConfig
  /**
   * The value at `path` (a dotted string, or an array of segments for keys containing dots).
   * Missing: `defaultValue` when one is given (not `undefined`), else a `KeyNotFound` error.
   */
  get(path: KeyPath, defaultValue?: unknown): ConfigValue
  /** Whether a value (null included) is at `path`. */
  has(path: KeyPath): boolean
  /** The keys of the table at `path` (default: the root), in order. */
  keys(path?: KeyPath | null): string[]
  /** The subtree at `path` (default: the whole configuration) as plain JS values. */
  extract(path?: KeyPath | null): ConfigValue
  /** Where the value at `path` was set. */
  source(path: KeyPath): Source
  /** The value at `path` (redacted), where it was set, and what it overrode. */
  explain(path: KeyPath): Explanation
  /**
   * The merged configuration as `json` (default), `toml` or `yaml` text; secrets shown as
   * `***` unless `redact` is `false`.
   */
  dump(format?: Format | null, redact?: boolean | null): string
  /** Warnings in the order they arose (suppressed ones left out). */
  warnings(): Warning[]
  /** Every layer with its status, in the order applied. */
  layers(): LayerInfo[]
  /** Profile names seen in profiled layers. */
  profiles(): string[]
  /** The active profile (`default` unless one was selected). */
  get activeProfile(): string
  /** Whether this configuration is strict. */
  get strict(): boolean
  /** The registry handle id (for diagnostics). */
  get handle(): number
  /** `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret. */
  toString(): string
  /** Reloads applied to this configuration (0 when built). */
  get version(): number
  /**
   * Makes every layer again from its source under the same profile and swaps the new tree
   * in at once: the `Changed` event, or `null` when no value changed. Throws the error of a
   * broken input, keeping the last good tree.
   */
  reload(): ChangeEvent | null
  /** Gives the string layers named `name` the text `text`, then reloads. */
  updateString(name: string, text: string): ChangeEvent | null
  /** A new configuration holding the current tree, untouched by later reloads of this one. */
  snapshot(): SuperConfig
  /**
   * A token another thread (a `Worker`) passes to `SuperConfig.attach` to hold this same live
   * configuration: both answer from one tree, a reload through either swaps it for both.
   * Each token is attached once; one never attached is kept until the process ends.
   */
  share(): number
  /** The live configuration `share()` gave `token` for (in this thread or another). */
  static attach(token: number): SuperConfig
  /** The native half of `watch()` (use `watch`): `onEvent` gets each event on the JS thread. */
  _watchNative(debounceMs: number, pollMs: number | undefined | null, onEvent: (arg: unknown) => void): NativeWatcher
}

/**
 * Panics inside the guard, to prove a Rust panic comes back as a thrown `Error` (code
 * `InternalError`) and never aborts the process. For the binding's own tests only.
 */
export declare function __panicForTests(message: string): void

/**
 * Sets (or, with `null`/`undefined`, removes) the function that receives the core's log
 * records as `(level, message)`; `level` is `error`, `warn`, `info`, `debug` or `trace`.
 * Messages never contain secret values. An exception thrown by the logger propagates out of the
 * SuperConfig call that logged.
 */
export declare function setLogger(logger: Logger | null | undefined): void

/** Counters of the process-wide registry every `SuperConfig` lives in. */
export declare function stats(): Stats
