import { setMaxListeners } from 'node:events';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../kube/client.js';
import { Discovery } from '../kube/discovery.js';
import { KubeError } from '../kube/kube-error.js';
import type { RequestLog } from '../kube/request-log.js';
import type { Query } from '../store/query.js';
import { ResourceStore, type StoreOptions, type Subscription } from '../store/store.js';
import { Backoff, sleep } from '../util/backoff.js';

export interface SessionInfo {
  context: string;
  cluster: string;
  user: string;
  server: string;
  /** Known once connected: `v1.34.1`. */
  serverVersion?: string;
}

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'failed'; message: string; retryAt: number };

const CRDS = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
  namespaced: false,
  kind: 'CustomResourceDefinition',
};

/**
 * One context's connection: client, store and discovery. Connecting happens in the background
 * and retries with backoff forever; the UI shows the state and never waits for it.
 */
export class Session {
  readonly client: KubeClient;
  readonly store: ResourceStore;
  readonly discovery: Discovery;
  readonly info: SessionInfo;
  state: ConnectionState = { kind: 'connecting' };
  /** Bumps when discovery changes (CRDs added or removed). */
  discoveryRevision = 0;

  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private crdSub: Subscription | undefined;
  /** Discovery starts when this settles: see prefetch(). */
  private discoveryGate: Promise<void> = Promise.resolve();

  constructor(
    kc: KubeConfig,
    readonly requestLog: RequestLog,
    storeOptions: StoreOptions = {},
  ) {
    // Discovery sends one request per API group at once, all on this signal.
    setMaxListeners(0, this.abort.signal);
    const ctx = kc.getContextObject(kc.getCurrentContext());
    this.client = new KubeClient(kc, requestLog);
    this.store = new ResourceStore(this.client, storeOptions);
    this.discovery = new Discovery(this.client);
    this.info = {
      context: kc.getCurrentContext(),
      cluster: ctx?.cluster ?? '',
      user: ctx?.user ?? '',
      server: this.client.server.origin + this.client.server.pathname.replace(/\/$/, ''),
    };
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts connecting; resolves when first connected (or never, if disposed first). */
  async connect(): Promise<void> {
    const signal = this.abort.signal;
    const backoff = new Backoff(1000, 30_000);
    while (!signal.aborted) {
      try {
        const version = await this.client.request<{ gitVersion?: string }>({
          path: '/version',
          signal,
          timeoutMs: 10_000,
        });
        this.info.serverVersion = version.gitVersion;
        // The server answered: the header says so while discovery waits for the first list.
        this.state = { kind: 'connected' };
        this.emit();
        await this.discoveryGate;
        await this.discovery.refresh(signal);
        this.state = { kind: 'connected' };
        this.discoveryRevision++;
        this.emit();
        this.watchCrds();
        return;
      } catch (err) {
        if (signal.aborted) return;
        const wait = backoff.next();
        this.state = { kind: 'failed', message: describeFailure(err, this.info), retryAt: Date.now() + wait };
        this.emit();
        try {
          await sleep(wait, signal);
        } catch {
          return;
        }
      }
    }
  }

  /**
   * Starts the first table's list before the UI is drawn; the view that asks for the same query a moment
   * later shares it (the store keeps a released watch alive a few seconds). Discovery's ~20 requests wait
   * until that list is in, or `maxWaitMs` at most, so they do not slow its pages down. Resolves then.
   */
  prefetch(query: Query, maxWaitMs = 5000): Promise<void> {
    let settle: () => void = () => undefined;
    const listed = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(settle, maxWaitMs).unref();
    const sub = this.store.subscribe(query, () => {
      const state = sub.snapshot().state;
      if (state === 'watching' || state === 'backoff') settle();
    });
    this.discoveryGate = listed.then(() => {
      clearTimeout(timer);
      sub.close();
    });
    return this.discoveryGate;
  }

  dispose(): void {
    this.abort.abort(new Error('session closed'));
    this.crdSub?.close();
    this.store.dispose();
    this.client.close();
    this.listeners.clear();
  }

  private watchCrds(): void {
    if (!this.discovery.resolve('customresourcedefinitions')) return;
    let seen = '';
    let timer: NodeJS.Timeout | undefined;
    this.crdSub = this.store.subscribe({ resource: CRDS }, () => {
      const snap = this.crdSub?.snapshot();
      if (snap?.state !== 'watching') return;
      const names = snap.items
        .map(
          (c) =>
            `${c.metadata?.name}@${(c as { status?: { acceptedNames?: { kind?: string } } }).status?.acceptedNames?.kind ?? ''}`,
        )
        .sort()
        .join(',');
      if (seen === '') {
        seen = names;
        return;
      }
      if (names === seen) return;
      seen = names;
      clearTimeout(timer);
      // A new CRD is served a moment after it is accepted; refresh once things settle.
      timer = setTimeout(() => {
        this.discovery
          .refresh(this.abort.signal)
          .then(() => {
            this.discoveryRevision++;
            this.emit();
          })
          .catch(() => undefined);
      }, 500);
    });
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

function describeFailure(err: unknown, info: SessionInfo): string {
  const where = `context ${info.context} (${info.server})`;
  if (err instanceof KubeError) {
    if (err.status === 401)
      return `${where}: credentials rejected (401 Unauthorized); check the user "${info.user}" in the kubeconfig`;
    if (err.status === 403) return `${where}: forbidden: ${err.message}`;
    return `${where}: ${err.message}`;
  }
  return `${where}: ${err instanceof Error ? err.message : String(err)}`;
}
