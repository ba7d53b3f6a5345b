import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import { apiPath } from '../kube/discovery.js';
import { KubeError } from '../kube/kube-error.js';
import { Backoff, sleep } from '../util/backoff.js';
import type { WatchKey } from './query.js';

export type WatchState = 'connecting' | 'listing' | 'watching' | 'backoff' | 'stopped';

export interface ListWatchOptions {
  pageSize?: number;
  /** Server-side watch timeout; random in a range so many watches do not reconnect together. */
  watchTimeoutSeconds?: () => number;
  /** A watch that sends nothing (not even a bookmark) for this long past its timeout is presumed dead. */
  inactivityGraceMs?: number;
  /** Minimum gap between change notifications (coalescing). */
  notifyIntervalMs?: number;
  backoff?: () => Backoff;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubernetesObject & { code?: number; message?: string; reason?: string };
}

const DEFAULTS = {
  pageSize: 500,
  watchTimeoutSeconds: () => 60 + Math.floor(Math.random() * 60),
  inactivityGraceMs: 20_000,
  notifyIntervalMs: 50,
  backoff: () => new Backoff(),
};

export function objectKey(obj: KubernetesObject): string {
  const m = obj.metadata;
  return m?.namespace ? `${m.namespace}/${m.name}` : (m?.name ?? '');
}

class GoneError extends Error {}

const JOURNAL_CAP = 8192;

type Page = KubernetesListObject<KubernetesObject>;

/** The continue token in the first bytes of a list answer: `{"kind":…,"metadata":{…"continue":"…"`. */
export function continueToken(head: string): string | undefined {
  const m = /^\s*\{[^{]*?"metadata":\{[^{}]*?"continue":"([^"\\]+)"/.exec(head);
  return m?.[1];
}

/**
 * One list+watch with its own cache: paginated list, then a watch from the list's
 * resourceVersion with bookmarks; 410 relists and replaces the cache; any other error
 * backs off with jitter and retries forever; a watch gone silent is dropped and resumed.
 */
export class ListWatch {
  readonly items = new Map<string, KubernetesObject>();
  state: WatchState = 'connecting';
  error: KubeError | undefined;
  /** Bumps on every change to items or state. */
  revision = 0;
  /** How many times the cache was rebuilt from a fresh list. */
  lists = 0;
  /** When the next retry happens, while in backoff. */
  retryAt = 0;

  private rv: string | undefined;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private readonly opts: Required<ListWatchOptions>;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotify = 0;
  private cachedArray: KubernetesObject[] | undefined;
  /** Which object each recent revision changed, so a subscriber can take the few changed rows, not the cache. */
  private journal: { revision: number; key: string }[] = [];
  /** Revisions up to here cannot be told object by object (a relist, a state change, a trimmed journal). */
  private journalFloor = 0;

  constructor(
    private readonly client: KubeClient,
    readonly key: WatchKey,
    opts: ListWatchOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.abort.abort(new Error('stopped'));
    clearTimeout(this.notifyTimer);
    this.state = 'stopped';
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * The keys of the objects added, changed or deleted after `revision`, oldest first (a key may repeat);
   * undefined when that cannot be told object by object, and the whole cache must be read again.
   */
  changesSince(revision: number): string[] | undefined {
    if (revision < this.journalFloor) return undefined;
    let i = this.journal.length;
    while (i > 0 && this.journal[i - 1]!.revision > revision) i--;
    return this.journal.slice(i).map((e) => e.key);
  }

  /** The cache as an array, rebuilt only after a change. */
  list(): KubernetesObject[] {
    this.cachedArray ??= [...this.items.values()];
    return this.cachedArray;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const backoff = this.opts.backoff();
    let gone = 0;
    while (!signal.aborted) {
      try {
        if (this.rv === undefined) {
          await this.relist(signal);
          backoff.reset();
        }
        await this.watch(signal, () => backoff.reset());
        gone = 0;
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof GoneError) {
          this.rv = undefined;
          gone++;
          // A server that answers 410 to a fresh list's version again and again gets a pause, not a hot loop.
          if (gone > 2) await sleep(backoff.next(), signal).catch(() => undefined);
          continue;
        }
        this.error = toKubeError(err, this.path());
        const wait = backoff.next();
        this.retryAt = Date.now() + wait;
        this.setState('backoff');
        try {
          await sleep(wait, signal);
        } catch {
          return;
        }
      }
    }
  }

  private path(): string {
    return apiPath(this.key.resource, this.key.namespace);
  }

  private selectors() {
    return { labelSelector: this.key.labelSelector, fieldSelector: this.key.fieldSelector };
  }

  private async relist(signal: AbortSignal): Promise<void> {
    this.setState('listing');
    // A first list fills the cache page by page, so the first screenful shows with the first page; a relist
    // (410, a new start after an error) swaps the whole cache at the end, so no stale row ever shows.
    const progressive = this.items.size === 0;
    const fresh = progressive ? this.items : new Map<string, KubernetesObject>();
    // A page's continue token is in its first bytes: the next page is asked for while this one still
    // arrives and parses, so the server's work on it overlaps ours.
    const local = new AbortController();
    const stopLocal = () => local.abort();
    signal.addEventListener('abort', stopLocal, { once: true });
    const ahead = new Map<string, Promise<Page>>();
    const fetchPage = (cont: string | undefined): Promise<Page> =>
      this.client.request<Page>({
        path: this.path(),
        query: { ...this.selectors(), limit: this.opts.pageSize, continue: cont },
        signal: local.signal,
        timeoutMs: 60_000,
        onBodyStart: (head) => {
          const next = continueToken(head);
          // At most two pages wait ahead of the one being read: a slow reader does not buffer the whole list.
          if (next === undefined || ahead.has(next) || ahead.size >= 2) return;
          const page = fetchPage(next);
          // Awaited when its turn comes; until then a failure must not count as unhandled.
          page.catch(() => undefined);
          ahead.set(next, page);
        },
      });
    let cont: string | undefined;
    let rv = '';
    try {
      for (;;) {
        let page: Page;
        try {
          const pending = cont === undefined ? undefined : ahead.get(cont);
          if (cont !== undefined) ahead.delete(cont);
          page = await (pending ?? fetchPage(cont));
        } catch (err) {
          // An expired continue token means the pages no longer line up: start the list over.
          if (err instanceof KubeError && err.status === 410 && cont !== undefined) {
            fresh.clear();
            ahead.clear();
            cont = undefined;
            continue;
          }
          throw err;
        }
        cont = (page.metadata as { continue?: string } | undefined)?.continue || undefined;
        rv = page.metadata?.resourceVersion ?? '';
        for (const item of page.items) fresh.set(objectKey(item), slim(item, page));
        if (!cont) break;
        if (progressive) this.changed();
      }
    } finally {
      signal.removeEventListener('abort', stopLocal);
      // A page asked for ahead that is no longer wanted (an error, a restart) is not left running.
      if (ahead.size > 0) local.abort();
    }
    if (!progressive) {
      this.items.clear();
      for (const [k, v] of fresh) this.items.set(k, v);
    }
    this.rv = rv;
    this.lists++;
    this.error = undefined;
    this.changed();
  }

  private async watch(signal: AbortSignal, onProgress: () => void): Promise<void> {
    const timeoutSeconds = this.opts.watchTimeoutSeconds();
    const local = new AbortController();
    const stopLocal = () => local.abort();
    signal.addEventListener('abort', stopLocal, { once: true });
    let silent = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          silent = true;
          local.abort();
        },
        timeoutSeconds * 1000 + this.opts.inactivityGraceMs,
      );
    };
    try {
      arm();
      const res = await this.client.stream({
        path: this.path(),
        query: {
          ...this.selectors(),
          watch: 1,
          resourceVersion: this.rv,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
        signal: local.signal,
      });
      this.error = undefined;
      this.setState('watching');
      // Streaming decode: a UTF-8 character split across two chunks stays intact.
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body) {
        arm();
        buf += decoder.decode(chunk as Buffer, { stream: true });
        // Lines are cut from one flat string by offset; only the unfinished tail is kept for the next chunk.
        let from = 0;
        let nl = buf.indexOf('\n');
        while (nl !== -1) {
          const line = buf.slice(from, nl);
          if (line.trim() !== '') this.apply(JSON.parse(line) as WatchEvent);
          from = nl + 1;
          nl = buf.indexOf('\n', from);
        }
        buf = buf.slice(from);
        onProgress();
      }
      buf += decoder.decode();
      if (buf.trim() !== '') this.apply(JSON.parse(buf) as WatchEvent);
    } catch (err) {
      if (silent && !signal.aborted) {
        throw new KubeError(
          `watch on ${this.path()} went silent; reconnecting`,
          0,
          'WatchSilent',
          'GET',
          this.path(),
        );
      }
      throw err;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stopLocal);
    }
  }

  private apply(ev: WatchEvent): void {
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const key = objectKey(ev.object);
        this.items.set(key, slim(ev.object));
        this.rv = ev.object.metadata?.resourceVersion ?? this.rv;
        this.changed(key);
        return;
      }
      case 'DELETED': {
        const key = objectKey(ev.object);
        this.items.delete(key);
        this.rv = ev.object.metadata?.resourceVersion ?? this.rv;
        this.changed(key);
        return;
      }
      case 'BOOKMARK':
        this.rv = ev.object.metadata?.resourceVersion ?? this.rv;
        return;
      case 'ERROR': {
        if (ev.object.code === 410) throw new GoneError(ev.object.message ?? 'resource version too old');
        throw new KubeError(
          ev.object.message ?? 'watch error',
          ev.object.code ?? 500,
          ev.object.reason ?? 'WatchError',
          'GET',
          this.path(),
        );
      }
    }
  }

  private setState(state: WatchState): void {
    this.state = state;
    this.changed();
  }

  /** `key`: the one object that changed; without it, what changed cannot be told (a new list, a new state). */
  private changed(key?: string): void {
    this.revision++;
    this.cachedArray = undefined;
    if (key === undefined) {
      this.journal = [];
      this.journalFloor = this.revision;
    } else {
      this.journal.push({ revision: this.revision, key });
      // Bounded: a subscriber this far behind reads the cache again.
      if (this.journal.length > JOURNAL_CAP) {
        const dropped = this.journal.splice(0, JOURNAL_CAP / 2);
        this.journalFloor = dropped[dropped.length - 1]!.revision;
      }
    }
    if (this.notifyTimer) return;
    // Every notification re-derives rows from the whole cache: big caches are told less often (10k objects: 4/s).
    const interval = this.opts.notifyIntervalMs * Math.min(10, Math.max(1, this.items.size / 2000));
    const wait = Math.max(0, this.lastNotify + interval - Date.now());
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.lastNotify = Date.now();
      for (const fn of this.listeners) fn();
    }, wait);
  }
}

// JSON.parse gives every object its own copy of values objects share (timestamps, images, tolerations, paths).
const interned = new Map<string, string>();
/** Bounded: when full it starts over, so strings of deleted objects are not held forever and dedup still works per window. */
const INTERN_CAP = 20_000;
/** Longer strings (annotations, certificates) are rarely shared and costly to hash. */
const INTERN_MAX_LENGTH = 128;

function intern(s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return s;
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size >= INTERN_CAP) interned.clear();
  interned.set(s, s);
  return s;
}

/** Replaces every string value inside with its shared copy. */
function internStrings(node: Record<string, unknown> | unknown[]): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === 'string') node[i] = intern(v);
      else if (v !== null && typeof v === 'object') internStrings(v as Record<string, unknown>);
    }
    return;
  }
  for (const k in node) {
    const v = node[k];
    if (typeof v === 'string') node[k] = intern(v);
    else if (v !== null && typeof v === 'object') internStrings(v as Record<string, unknown>);
  }
}

/** Drops managedFields (kubectl hides them too) and shares repeated strings so 10,000 pods fit the memory budget. */
function slim(obj: KubernetesObject, list?: KubernetesListObject<KubernetesObject>): KubernetesObject {
  if (obj.metadata?.managedFields) delete obj.metadata.managedFields;
  internStrings(obj as Record<string, unknown>);
  if (list && !obj.kind && list.kind?.endsWith('List')) {
    obj.kind = list.kind.slice(0, -4);
    obj.apiVersion = list.apiVersion;
  }
  return obj;
}

function toKubeError(err: unknown, path: string): KubeError {
  if (err instanceof KubeError) return err;
  return new KubeError(err instanceof Error ? err.message : String(err), 0, 'Error', 'GET', path);
}
