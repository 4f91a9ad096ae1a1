//! TypeScript declarations of the values and records the API passes (wasm-bindgen writes them
//! into `superconfig.d.ts` beside the class it generates).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A configuration value: integers beyond ±(2^53 − 1) come back as `bigint`. */
export type ConfigValue = null | boolean | number | bigint | string | ConfigValue[] | ConfigTable;
/** A table: string keys in insertion order. */
export interface ConfigTable { [key: string]: ConfigValue }
/** A value `withDefaults` accepts: a configuration value, or a `Date` (its ISO string), or
 *  `undefined` (left out of a table, null in an array). */
export type DefaultsValue =
  | null | boolean | number | bigint | string | Date | undefined
  | DefaultsValue[] | DefaultsTable;
/** What `withDefaults` takes: a plain object. */
export interface DefaultsTable { [key: string]: DefaultsValue }
/** A key path: dotted (`"a.b.0"`) or a list of segments for keys containing dots. */
export type KeyPath = string | ReadonlyArray<string | number>;
/** A document format name. */
export type Format = 'toml' | 'yaml' | 'yml' | 'json' | 'env' | 'dotenv';
/** Where a value came from. */
export type SourceKind = 'defaults' | 'file' | 'string' | 'env';
/** What became of a layer. */
export type LayerStatus = 'loaded' | 'missing' | 'ignored' | 'empty';
/** The kinds of warning. */
export type WarningKind =
  | 'FileNotFound' | 'NoMatch' | 'IgnoredFile' | 'IgnoredKey' | 'KeyConflict'
  | 'ArrayOpOnNonArray' | 'ProfileNotFound' | 'SourceUnavailable' | 'SuspiciousEnv';
/** The `code` of a thrown SuperConfig error: an error kind, a warning kind raised in strict
 *  mode, or `InternalError` (the instance trapped earlier: a bug; load the module again). */
export type ErrorCode =
  | 'ParseError' | 'FileNotFound' | 'KeyNotFound' | 'TypeMismatch' | 'ProfileNotFound'
  | 'InvalidHandle' | 'InvalidArgument' | 'IoError' | WarningKind | 'InternalError';
/** The error every SuperConfig call throws: an `Error` with the kind as `code` and where it happened. */
export interface SuperConfigError extends Error {
  code: ErrorCode;
  file: string | null;
  line: number | null;
  column: number | null;
  key: string | null;
}
/** Log levels passed to the logger given to `setLogger`. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';
/** A function receiving the core's log records (never containing a secret value). */
export type Logger = (level: LogLevel, message: string) => void;
/** Options of `new SuperConfig(options)`. */
export interface ConfigOptions {
  /** Every warning is raised as an error of the same kind by the call that caused it. */
  strict?: boolean;
}
/** Options of `withString`. */
export interface StringOptions {
  /** Source name in provenance and errors (default `<string>`). */
  name?: string;
  /** Top-level keys are profile names. */
  profiles?: boolean;
}
/** Options of `withEnvMap`. */
export interface EnvOptions {
  /** Splits the rest of a variable name into a key path (default `__`). */
  separator?: string;
  /** Skips variables whose value is empty. */
  ignoreEmpty?: boolean;
}
/** Variables for `withEnvMap`: text, or numbers/booleans/bigints (their string form). */
export type EnvMap = Record<string, string | number | boolean | bigint | undefined>;
/** Where a value was set. */
export interface Source {
  kind: SourceKind;
  /** File path, source name, `defaults`, or the environment variable's name. */
  name: string;
  /** 1-based line, where the format gives one. */
  line: number | null;
}
/** A value (secrets redacted), where it was set, and the earlier sources it overrode. */
export interface Explanation {
  value: ConfigValue;
  source: Source;
  /** Oldest first. */
  overridden: Source[];
}
/** Something was skipped or ignored; the configuration still loads. */
export interface Warning {
  kind: WarningKind;
  message: string;
  source: string | null;
  key: string | null;
}
/** One layer and what became of it. */
export interface LayerInfo {
  kind: SourceKind;
  name: string;
  status: LayerStatus;
}
/** Registry counters. */
export interface Stats {
  /** Live handles (one per live `SuperConfig` object). */
  handles: number;
  creates: number;
  reads: number;
  updates: number;
  deletes: number;
  /** Estimated bytes held by live handles. */
  memoryBytes: number;
  /** Warnings raised, suppressed ones included. */
  warnings: number;
}
"#;
