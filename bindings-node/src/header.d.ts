/** A configuration value: integers beyond ±(2^53 − 1) come back as `bigint`. */
export type ConfigValue = null | boolean | number | bigint | string | ConfigValue[] | ConfigTable
/** A table: string keys in insertion order. */
export interface ConfigTable { [key: string]: ConfigValue }
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
/** The `code` of a thrown SuperConfig error: an error kind, a warning kind raised in strict mode, or `InternalError` (a caught Rust panic: a bug). */
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
/** The error every SuperConfig call throws: an `Error` with the kind as `code` and where it happened. */
export interface SuperConfigError extends Error {
  code: ErrorCode
  file: string | null
  line: number | null
  column: number | null
  key: string | null
}
/** Log levels passed to the logger given to `setLogger`. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace'
