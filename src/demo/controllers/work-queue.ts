import { isApiError } from './api-error.js';

/** How many keys one event-loop turn reconciles, so 10,000 pods never block the API server's sockets. */
const batchSize = 200;

/**
 * A deduplicating work queue like client-go's: a key added many times before it runs is reconciled once,
 * a reconcile can ask to run again later, and conflicts are retried at once. Runs until signal aborts.
 */
export class WorkQueue {
  readonly #pending = new Set<string>();
  readonly #timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  /** Returns milliseconds to look again after; any other value means done. */
  readonly #reconcile: (key: string) => unknown;
  readonly #signal: AbortSignal;
  readonly #log: (message: string) => void;
  readonly #failures = new Map<string, number>();
  #scheduled = false;

  constructor(reconcile: (key: string) => unknown, signal: AbortSignal, log: (message: string) => void) {
    this.#reconcile = reconcile;
    this.#signal = signal;
    this.#log = log;
    signal.addEventListener('abort', () => {
      for (const t of this.#timers.values()) clearTimeout(t.timer);
      this.#timers.clear();
      this.#pending.clear();
    });
  }

  /** Reconciles key soon (on a later turn of the event loop). */
  add(key: string): void {
    if (this.#signal.aborted) return;
    this.#pending.add(key);
    this.#schedule();
  }

  /** Reconciles key after ms; an earlier pending request wins over a later one. */
  addAfter(key: string, ms: number): void {
    if (this.#signal.aborted) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + ms;
    const existing = this.#timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.#timers.set(key, { at, timer });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    let n = 0;
    for (const key of this.#pending) {
      if (this.#signal.aborted) return;
      if (n++ >= batchSize) break;
      this.#pending.delete(key);
      this.#run(key);
    }
    if (this.#pending.size > 0) this.#schedule();
  }

  #run(key: string): void {
    let next: unknown;
    try {
      next = this.#reconcile(key);
      this.#failures.delete(key);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      const failures = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, failures);
      // Conflicts mean another writer won; read again at once, as controllers do, then back off.
      const delay = isApiError(e, 'Conflict') && failures < 5 ? 0 : Math.min(5 * 2 ** failures, 10_000);
      if (!isApiError(e, 'Conflict'))
        this.#log(`reconcile ${key}: ${e instanceof Error ? e.message : JSON.stringify(e)}`);
      this.addAfter(key, delay);
      return;
    }
    if (typeof next === 'number') this.addAfter(key, next);
  }
}
