import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/client.js';
import {
  ContainerLogStream,
  containerRunning,
  type LogOptions,
  type LogStreamState,
} from '../kube/streams/logs.js';
import type { LogTarget } from '../model/log-target.js';
import type { ResourceStore } from '../store/store.js';
import { Backoff } from '../util/backoff.js';

/** One pod/container feeding a merged log view; `index` is what `LogLine.source` refers to. */
export interface LogSource {
  index: number;
  namespace: string;
  pod: string;
  container: string;
  /** `waiting`: no log yet; `gone`: the pod was deleted; `limited`: over the stream cap, not followed. */
  phase: LogStreamState['phase'] | 'waiting' | 'gone' | 'limited';
  error?: string;
}

export interface WorkloadLogHandlers {
  onLine(source: number, text: string, time: string | undefined): void;
  /** The sources or their states changed. */
  onSources?(sources: readonly LogSource[]): void;
}

/** Open log streams at most, like kubectl's --max-log-requests but higher: each is one HTTP stream. */
export const MAX_LOG_STREAMS = 50;

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' } as const;

interface Entry {
  source: LogSource;
  uid: string;
  stream: ContainerLogStream;
  /** The container instance (containerID, else restart count) last streamed; a new one means a restart. */
  instance: string | undefined;
  /** Spaces out retries of a stream the API refused while its container runs (kubelet not ready yet). */
  backoff: Backoff;
  retry: NodeJS.Timeout | undefined;
}

/**
 * One merged log stream for a pod or a workload: the pods its selector picks, watched through the
 * store, every container of each. Pods that appear later are followed from their first line; pods
 * that go are stopped and marked gone; a restarted container resumes without repeating lines.
 */
export class WorkloadLogs {
  readonly #entries = new Map<string, Entry>();
  readonly #sources: LogSource[] = [];
  #subscription: ReturnType<ResourceStore['subscribe']> | undefined;
  #listed = false;
  #pods = new Map<string, V1Pod>();

  constructor(
    private readonly client: Pick<KubeClient, 'stream' | 'request'>,
    private readonly store: Pick<ResourceStore, 'subscribe'>,
    readonly target: LogTarget,
    private readonly opts: LogOptions,
    private readonly handlers: WorkloadLogHandlers,
  ) {}

  get sources(): readonly LogSource[] {
    return this.#sources;
  }

  start(): void {
    if (this.#subscription) return;
    this.#subscription = this.store.subscribe(
      {
        resource: PODS,
        namespaces: [this.target.namespace],
        labelSelector: this.target.labelSelector,
        fieldSelector: this.target.fieldSelector,
      },
      () => this.#reconcile(),
    );
    this.#reconcile();
  }

  stop(): void {
    this.#subscription?.close();
    this.#subscription = undefined;
    for (const e of this.#entries.values()) {
      clearTimeout(e.retry);
      e.stream.stop();
    }
  }

  #reconcile(): void {
    const snap = this.#subscription?.snapshot();
    if (!snap) return;
    const initial = !this.#listed;
    if (snap.state === 'watching') this.#listed = true;
    const present = new Set<string>();
    this.#pods = new Map();
    let changed = false;
    for (const obj of snap.items) {
      const pod = obj as V1Pod;
      const uid = pod.metadata?.uid ?? `${pod.metadata?.name}`;
      this.#pods.set(uid, pod);
      for (const c of containersOf(pod)) {
        if (this.target.container !== undefined && c.name !== this.target.container) continue;
        const key = `${uid}/${c.name}`;
        present.add(key);
        let entry = this.#entries.get(key);
        if (!entry) {
          entry = this.#create(pod, uid, c.name, initial);
          changed = true;
        }
        if (this.#startIfReady(entry, pod)) changed = true;
      }
    }
    for (const [key, entry] of this.#entries) {
      if (present.has(key) || entry.source.phase === 'gone') continue;
      entry.stream.stop();
      entry.source.phase = 'gone';
      changed = true;
    }
    if (changed) this.#notify();
  }

  #create(pod: V1Pod, uid: string, container: string, initial: boolean): Entry {
    const source: LogSource = {
      index: this.#sources.length,
      namespace: pod.metadata?.namespace ?? this.target.namespace,
      pod: pod.metadata?.name ?? '',
      container,
      phase: 'waiting',
    };
    // Pods that appear after the first list are new: all their lines are news, so no tail or since.
    const opts: LogOptions = initial ? this.opts : { follow: this.opts.follow, previous: this.opts.previous };
    const stream = new ContainerLogStream(
      this.client,
      { namespace: source.namespace, pod: source.pod, container },
      opts,
      {
        onLine: (text, time) => this.handlers.onLine(source.index, text, time),
        onState: (state) => {
          if (state.phase === 'streaming') entry.backoff.reset();
          if (state.phase === 'ended' && 'error' in state && state.error !== undefined)
            this.#retryLater(entry);
          source.phase = source.phase === 'gone' ? 'gone' : state.phase;
          if ('error' in state && state.error !== undefined) source.error = state.error;
          else if (state.phase === 'streaming') delete source.error;
          this.#notify();
        },
        shouldReconnect: () => {
          const current = this.#pods.get(uid);
          return current !== undefined && containerRunning(current, container);
        },
      },
    );
    const entry: Entry = {
      source,
      uid,
      stream,
      instance: undefined,
      backoff: new Backoff(1000, 30_000),
      retry: undefined,
    };
    this.#sources.push(source);
    this.#entries.set(`${uid}/${container}`, entry);
    return entry;
  }

  /** Starts a stream once its container has a log; restarts a followed one whose container runs again. */
  #startIfReady(entry: Entry, pod: V1Pod): boolean {
    if (entry.stream.active || entry.source.phase === 'gone') return false;
    const status = statusOf(pod, entry.source.container);
    const hasLog = this.opts.previous
      ? status?.lastState?.terminated !== undefined
      : status?.state?.running !== undefined || status?.state?.terminated !== undefined;
    if (!hasLog) return false;
    const instance = status?.containerID || String(status?.restartCount ?? 0);
    const again = this.opts.follow && !this.opts.previous && status?.state?.running !== undefined;
    if (entry.instance !== undefined && !(again && instance !== entry.instance)) return false;
    if (this.#activeCount() >= MAX_LOG_STREAMS) {
      if (entry.source.phase === 'limited') return false;
      entry.source.phase = 'limited';
      return true;
    }
    entry.instance = instance;
    void entry.stream.start();
    return true;
  }

  /** After a refused stream, looks again later: if the container still runs, the stream resumes without repeats. */
  #retryLater(entry: Entry): void {
    if (this.opts.previous || !this.opts.follow || entry.retry) return;
    entry.retry = setTimeout(() => {
      entry.retry = undefined;
      if (!this.#subscription || entry.source.phase === 'gone') return;
      entry.instance = undefined;
      this.#reconcile();
    }, entry.backoff.next());
  }

  #activeCount(): number {
    let n = 0;
    for (const e of this.#entries.values()) if (e.stream.active) n++;
    return n;
  }

  #notify(): void {
    this.handlers.onSources?.(this.#sources);
  }
}

function containersOf(pod: V1Pod): V1Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

function statusOf(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (s) => s.name === container,
  );
}
