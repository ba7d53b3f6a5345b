import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import type { KubeError } from '../kube/kube-error.js';
import { ListWatch, type ListWatchOptions, type WatchState } from './list-watch.js';
import { type Query, watchKeyId, watchKeys } from './query.js';

export interface Snapshot {
  items: readonly KubernetesObject[];
  state: WatchState;
  error?: KubeError;
  /** Changes whenever items or state change; cheap to compare. */
  revision: number;
  /** When the next retry happens, while state is backoff. */
  retryAt?: number;
}

/** What changed since the subscriber last looked: objects added or changed, keys of objects deleted. */
export interface ChangeSet {
  upserted: KubernetesObject[];
  deleted: string[];
}

export interface Subscription {
  snapshot(): Snapshot;
  /**
   * The objects changed since the last snapshot() or changes(), or undefined when that cannot be told object by
   * object (a relist, a state change): then snapshot() has it all.
   */
  changes(): ChangeSet | undefined;
  close(): void;
}

export interface StoreStats {
  /** Watches currently running. */
  watches: number;
  /** Watches whose last attempt failed and are waiting to retry. */
  failing: number;
}

export interface StoreOptions extends ListWatchOptions {
  /** How long an unused watch lives on, so going back to a view does not relist it. */
  lingerMs?: number;
}

interface Entry {
  lw: ListWatch;
  refs: number;
  linger?: NodeJS.Timeout;
}

const STATE_RANK: Record<WatchState, number> = {
  stopped: 0,
  watching: 1,
  listing: 2,
  connecting: 3,
  backoff: 4,
};

/** Owns every watch: one list+watch per distinct query part, shared by all who ask, ref-counted. */
export class ResourceStore {
  private readonly entries = new Map<string, Entry>();
  private readonly statsListeners = new Set<() => void>();
  private lastStats: StoreStats | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: StoreOptions = {},
  ) {}

  subscribe(query: Query, onChange: () => void): Subscription {
    const parts = watchKeys(query).map((key) =>
      this.acquire(watchKeyId(key), () => new ListWatch(this.client, key, this.opts)),
    );
    const unsubs = parts.map((lw) => lw.subscribe(onChange));
    let cached: Snapshot | undefined;
    let cachedRevs = '';
    let closed = false;
    // The part revisions the subscriber has seen, through snapshot() or changes().
    const seen = parts.map(() => 0);
    return {
      snapshot: () => {
        parts.forEach((p, i) => {
          seen[i] = p.revision;
        });
        const revs = seen.join(',');
        if (cached && revs === cachedRevs) return cached;
        cachedRevs = revs;
        cached = merge(parts, cached?.revision ?? 0);
        return cached;
      },
      changes: () => {
        const keys: string[][] = [];
        for (let i = 0; i < parts.length; i++) {
          const k = parts[i]!.changesSince(seen[i]!);
          if (!k) return undefined;
          keys.push(k);
        }
        const out: ChangeSet = { upserted: [], deleted: [] };
        parts.forEach((p, i) => {
          seen[i] = p.revision;
          for (const key of new Set(keys[i])) {
            const obj = p.items.get(key);
            if (obj) out.upserted.push(obj);
            else out.deleted.push(key);
          }
        });
        return out;
      },
      close: () => {
        if (closed) return;
        closed = true;
        for (const u of unsubs) u();
        for (const key of watchKeys(query)) this.release(watchKeyId(key));
      },
    };
  }

  stats(): StoreStats {
    let watches = 0;
    let failing = 0;
    for (const e of this.entries.values()) {
      watches++;
      if (e.lw.state === 'backoff') failing++;
    }
    return { watches, failing };
  }

  onStats(fn: () => void): () => void {
    this.statsListeners.add(fn);
    return () => this.statsListeners.delete(fn);
  }

  /** Stops every watch (context switch, exit). */
  dispose(): void {
    for (const e of this.entries.values()) {
      clearTimeout(e.linger);
      e.lw.stop();
    }
    this.entries.clear();
    this.emitStats();
  }

  private acquire(id: string, make: () => ListWatch): ListWatch {
    let e = this.entries.get(id);
    if (!e) {
      const lw = make();
      e = { lw, refs: 0 };
      this.entries.set(id, e);
      lw.subscribe(() => this.emitStats());
      lw.start();
      this.emitStats();
    }
    clearTimeout(e.linger);
    e.linger = undefined;
    e.refs++;
    return e.lw;
  }

  private release(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.refs--;
    if (e.refs > 0) return;
    const stop = () => {
      e.lw.stop();
      this.entries.delete(id);
      this.emitStats();
    };
    const linger = this.opts.lingerMs ?? 5000;
    if (linger <= 0) stop();
    else e.linger = setTimeout(stop, linger);
  }

  /** Only when the figures change: every watch event passes here, and a listener's render would cost a frame. */
  private emitStats(): void {
    const now = this.stats();
    if (this.lastStats && now.watches === this.lastStats.watches && now.failing === this.lastStats.failing)
      return;
    this.lastStats = now;
    for (const fn of this.statsListeners) fn();
  }
}

function merge(parts: ListWatch[], prevRevision: number): Snapshot {
  const worst = parts.reduce((a, b) => (STATE_RANK[b.state] > STATE_RANK[a.state] ? b : a));
  const items = parts.length === 1 ? parts[0]!.list() : parts.flatMap((p) => p.list());
  const error = parts.find((p) => p.error)?.error;
  return {
    items,
    state: worst.state,
    error,
    revision: prevRevision + 1,
    retryAt: worst.state === 'backoff' ? worst.retryAt : undefined,
  };
}
