import type { V1Pod } from '@kubernetes/client-node';
import { LineSplitter } from '../../model/log-buffer.js';
import { Backoff, sleep } from '../../util/backoff.js';
import type { KubeClient } from '../client.js';
import { KubeError } from '../kube-error.js';

export interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
}

export interface LogOptions {
  follow: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** The previous, terminated instance of the container (`kubectl logs -p`). */
  previous?: boolean;
}

export type LogStreamState =
  | { phase: 'connecting' }
  | { phase: 'streaming' }
  | { phase: 'reconnecting'; error?: string; retryInMs: number }
  | { phase: 'ended'; error?: string };

export interface ContainerLogHandlers {
  onLine(text: string, time: string | undefined): void;
  onState?(state: LogStreamState): void;
  /**
   * Asked when a followed stream ends or fails: true to reconnect (the container still runs),
   * false to stop. Defaults to reading the pod and checking the container is running.
   */
  shouldReconnect?(): boolean | Promise<boolean>;
}

type LogClient = Pick<KubeClient, 'stream' | 'request'>;

/** Fractional seconds padded to nanoseconds so RFC3339Nano stamps compare as strings (Go trims zeros). */
export function normalizeTimestamp(ts: string): string | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  if (!m) return undefined;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}

/** Splits `timestamps=true` output into its stamp and the line. */
export function splitTimestamp(line: string): { time: string | undefined; text: string } {
  const sp = line.indexOf(' ');
  const head = sp === -1 ? line : line.slice(0, sp);
  if (normalizeTimestamp(head) === undefined) return { time: undefined, text: line };
  return { time: head, text: sp === -1 ? '' : line.slice(sp + 1) };
}

/**
 * One container's log, followed across dropped connections. Lines always come with timestamps from
 * the API; a reconnect asks from the last stamp's second (`sinceTime`) and skips what was already
 * delivered, so no line is shown twice and none is missed.
 */
export class ContainerLogStream {
  #lastTime: string | undefined;
  /** Lines already delivered with the newest stamp, by text: a replay skips exactly these. */
  #atLastTime = new Map<string, number>();
  #connections = 0;
  #running: Promise<void> | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly client: LogClient,
    readonly ref: ContainerRef,
    private readonly opts: LogOptions,
    private readonly handlers: ContainerLogHandlers,
  ) {}

  get active(): boolean {
    return this.#running !== undefined;
  }

  /** Starts (or, after it ended, resumes without repeating lines) the stream; resolves when it ends. */
  start(): Promise<void> {
    if (this.#running) return this.#running;
    const abort = new AbortController();
    this.#abort = abort;
    this.#running = this.#run(abort.signal).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  stop(): void {
    this.#abort?.abort();
  }

  async #run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(1000, 30_000);
    for (;;) {
      this.handlers.onState?.({ phase: 'connecting' });
      let error: string | undefined;
      try {
        await this.#connect(signal);
        backoff.reset();
      } catch (e) {
        if (signal.aborted) break;
        error = e instanceof Error ? e.message : String(e);
        if (e instanceof KubeError && e.status >= 400 && e.status < 500 && e.status !== 429) {
          this.handlers.onState?.({ phase: 'ended', error });
          return;
        }
      }
      if (signal.aborted) break;
      if (!this.opts.follow || this.opts.previous || !(await this.#shouldReconnect())) {
        this.handlers.onState?.(error === undefined ? { phase: 'ended' } : { phase: 'ended', error });
        return;
      }
      const retryInMs = error === undefined ? 0 : backoff.next();
      this.handlers.onState?.(
        error === undefined
          ? { phase: 'reconnecting', retryInMs }
          : { phase: 'reconnecting', error, retryInMs },
      );
      try {
        if (retryInMs > 0) await sleep(retryInMs, signal);
      } catch {
        break;
      }
    }
    this.handlers.onState?.({ phase: 'ended' });
  }

  async #connect(signal: AbortSignal): Promise<void> {
    const first = this.#connections++ === 0;
    const query: Record<string, string | number | boolean | undefined> = {
      container: this.ref.container,
      follow: this.opts.follow,
      timestamps: true,
      previous: this.opts.previous || undefined,
    };
    if (first || this.#lastTime === undefined) {
      query.tailLines = this.opts.tailLines;
      query.sinceSeconds = this.opts.sinceSeconds;
    } else {
      // sinceTime has second precision; the replay of that second is filtered below.
      query.sinceTime = `${this.#lastTime.slice(0, 19)}Z`;
    }
    const res = await this.client.stream({
      path: `/api/v1/namespaces/${encodeURIComponent(this.ref.namespace)}/pods/${encodeURIComponent(this.ref.pod)}/log`,
      query,
      accept: '*/*',
      signal,
    });
    this.handlers.onState?.({ phase: 'streaming' });
    const replay =
      first || this.#lastTime === undefined
        ? undefined
        : { until: normalizeTimestamp(this.#lastTime) as string, skip: new Map(this.#atLastTime) };
    const splitter = new LineSplitter((raw) => this.#line(raw, replay));
    await new Promise<void>((resolve, reject) => {
      res.body.on('data', (chunk: Buffer) => splitter.push(chunk));
      res.body.on('end', () => {
        splitter.end();
        resolve();
      });
      res.body.on('error', reject);
      res.body.on('close', () => {
        if (signal.aborted) resolve();
      });
    });
  }

  #line(raw: string, replay: { until: string; skip: Map<string, number> } | undefined): void {
    const { time, text } = splitTimestamp(raw);
    const norm = time === undefined ? undefined : normalizeTimestamp(time);
    if (norm !== undefined && replay !== undefined) {
      if (norm < replay.until) return;
      const skip = norm === replay.until ? (replay.skip.get(text) ?? 0) : 0;
      if (skip > 0) {
        replay.skip.set(text, skip - 1);
        return;
      }
    }
    if (norm !== undefined && time !== undefined) {
      const last = this.#lastTime === undefined ? undefined : normalizeTimestamp(this.#lastTime);
      if (last !== norm) {
        this.#lastTime = time;
        this.#atLastTime = new Map();
      }
      this.#atLastTime.set(text, (this.#atLastTime.get(text) ?? 0) + 1);
    }
    this.handlers.onLine(text, time);
  }

  async #shouldReconnect(): Promise<boolean> {
    if (this.handlers.shouldReconnect) return this.handlers.shouldReconnect();
    try {
      const pod = await this.client.request<V1Pod>({
        path: `/api/v1/namespaces/${encodeURIComponent(this.ref.namespace)}/pods/${encodeURIComponent(this.ref.pod)}`,
      });
      return containerRunning(pod, this.ref.container);
    } catch (e) {
      // Unreachable API: keep trying; a pod that is gone or forbidden: stop.
      return e instanceof KubeError && e.unreachable;
    }
  }
}

/** Whether the container (init, regular or ephemeral) currently runs, so its log can still grow. */
export function containerRunning(pod: V1Pod, container: string): boolean {
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  return statuses.some((s) => s.name === container && s.state?.running !== undefined);
}
