// The package's typings: the generated ones (index.d.ts) plus `watch()` (watcher.cjs).
import { EventEmitter } from 'node:events'

import type { ChangeEvent, ReloadEvent, SuperConfigError } from './index.js'

export * from './index.js'

/** Options of `watch()`. */
export interface WatchOptions {
  /** Events closer together are one reload, run this long after the last (default 150). */
  debounceMs?: number
  /** Poll every this many milliseconds instead of using OS events. */
  pollMs?: number | null
  /** Aborting it closes the watcher. */
  signal?: AbortSignal
}

/** A running watch: `change` and `error` events, `for await`, `close()`. */
export declare class Watcher extends EventEmitter implements AsyncIterable<ReloadEvent> {
  readonly config: import('./index.js').SuperConfig
  /** Whether `close()` was called (or the signal aborted). */
  readonly closed: boolean
  /** Stops watching; no event is emitted after this. Closing again does nothing. */
  close(): void
  on(event: 'change', listener: (event: ChangeEvent) => void): this
  on(event: 'error', listener: (error: SuperConfigError, event: ReloadEvent) => void): this
  on(event: 'close', listener: () => void): this
  once(event: 'change', listener: (event: ChangeEvent) => void): this
  once(event: 'error', listener: (error: SuperConfigError, event: ReloadEvent) => void): this
  once(event: 'close', listener: () => void): this
  [Symbol.asyncIterator](): AsyncIterator<ReloadEvent>
}

declare module './index.js' {
  interface SuperConfig {
    /** Reloads whenever an input changes (docs/behaviour.md, "Reload"). Never keeps the
     * process alive by itself. */
    watch(options?: WatchOptions): Watcher
  }
}
