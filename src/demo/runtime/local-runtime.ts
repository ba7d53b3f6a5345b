import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type Duplex, PassThrough, type Readable } from 'node:stream';
import type { V1ConfigMap, V1Container, V1Pod, V1Secret } from '@kubernetes/client-node';
import { ApiError } from '../apiserver/errors.js';
import type { ExecOptions, ExecSession, LogOptions, PodRuntime } from '../apiserver/pod-runtime.js';
import type { DemoObjectStore } from '../controller.js';
import {
  type ContainerRun,
  formatLine,
  linesBetween,
  runFor,
  sameRun,
  selectLines,
} from './container-log.js';
import { isInteractiveShell, startDemoShell } from './demo-shell.js';
import { type Responder, startResponder } from './port-responder.js';
import { startProcess } from './process-session.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const FOLLOW_TICK_MS = 250;

/**
 * The demo's kubelet side, on this machine: logs synthesised from each container's runs (as its
 * pod status describes them), an interactive shell as the demo's own shell confined to a
 * per-container scratch directory, other exec commands as local processes in it, port-forward to a small local HTTP responder per pod port.
 */
export class LocalPodRuntime implements PodRuntime {
  private readonly responders = new Map<string, Promise<Responder>>();
  private readonly sessions = new Set<ExecSession>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: DemoObjectStore,
    private readonly stateDir: string,
  ) {}

  /** The scratch directory that stands for a container's filesystem. */
  containerDir(namespace: string, pod: string, container: string): string {
    return join(this.stateDir, 'pods', namespace, pod, container);
  }

  logs(pod: V1Pod, opts: LogOptions, signal: AbortSignal): Readable {
    const run = runFor(pod, opts.container, opts.previous);
    const out = new PassThrough();
    let bytes = 0;
    const write = (text: string): boolean => {
      if (opts.limitBytes !== undefined) {
        const left = opts.limitBytes - bytes;
        if (left <= 0) return false;
        const buf = Buffer.from(text);
        bytes += Math.min(buf.length, left);
        out.write(buf.subarray(0, left));
        return bytes < opts.limitBytes;
      }
      out.write(text);
      return true;
    };
    let until = Date.now();
    let open = true;
    for (const l of selectLines(run, opts, until)) {
      open = write(formatLine(l, opts.timestamps));
      if (!open) break;
    }
    if (!open || !opts.follow || opts.previous || run.endMs !== undefined) {
      out.end();
      return out;
    }
    const timer = setInterval(() => {
      const now = Date.now();
      const current = this.currentRun(pod, opts.container);
      // The run ended (crash, restart, pod gone): its final lines, then the end of the stream, as kubectl sees it.
      const ended = !sameRun(run, current) || current?.endMs !== undefined;
      const last = ended && current && sameRun(run, current) ? current : run;
      const lines = linesBetween(last, until, ended ? (last.endMs ?? now) : now);
      until = now;
      for (const l of lines) if (!write(formatLine(l, opts.timestamps))) return stop();
      if (ended) stop();
    }, FOLLOW_TICK_MS);
    this.timers.add(timer);
    const stop = () => {
      clearInterval(timer);
      this.timers.delete(timer);
      out.end();
    };
    signal.addEventListener('abort', stop, { once: true });
    return out;
  }

  private currentRun(pod: V1Pod, container: string): ContainerRun | undefined {
    const cur = this.store.get<V1Pod>(PODS, pod.metadata?.namespace, pod.metadata?.name ?? '');
    if (!cur || cur.metadata?.uid !== pod.metadata?.uid) return undefined;
    try {
      return runFor(cur, container, false);
    } catch {
      return undefined;
    }
  }

  exec(pod: V1Pod, opts: ExecOptions): ExecSession {
    const ns = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const cwd = this.containerDir(ns, name, opts.container);
    mkdirSync(cwd, { recursive: true });
    // A real bash here would be the user's own machine with `/` its root: the demo's shell cannot leave the folder.
    const session = isInteractiveShell(opts.command)
      ? startDemoShell({ root: cwd, env: this.envOf(pod, opts), tty: opts.tty, hostname: name })
      : startProcess({
          command: opts.command,
          cwd,
          env: this.envOf(pod, opts),
          tty: opts.tty,
          stdin: opts.stdin,
        });
    this.sessions.add(session);
    session.onExit(() => this.sessions.delete(session));
    return session;
  }

  /** Attaching shows what the container's main process writes: its log from now on. */
  attach(pod: V1Pod, opts: ExecOptions): ExecSession {
    const abort = new AbortController();
    const stream = this.logs(
      pod,
      { container: opts.container, follow: true, previous: false, timestamps: false, tailLines: 0 },
      abort.signal,
    );
    const exitFns: ((e: { code: number }) => void)[] = [];
    stream.on('end', () => {
      for (const fn of exitFns) fn({ code: 0 });
    });
    return {
      write: () => {},
      endInput: () => {},
      resize: () => {},
      onStdout: (fn) => stream.on('data', (d: Buffer) => fn(d)),
      onStderr: () => {},
      onExit: (fn) => exitFns.push(fn),
      kill: () => abort.abort(),
    };
  }

  private envOf(pod: V1Pod, opts: ExecOptions): Record<string, string> {
    const ns = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const container: V1Container | undefined = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []),
    ].find((c) => c.name === opts.container);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOSTNAME: name,
      HOME: this.containerDir(ns, name, opts.container),
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      PS1: '# ',
    };
    if (opts.tty) env.TERM = 'xterm-256color';
    for (const e of container?.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const sec = e.valueFrom?.secretKeyRef;
      if (e.value !== undefined) env[e.name] = e.value;
      else if (cm?.name) {
        const v = this.store.get<V1ConfigMap>(
          { group: '', version: 'v1', resource: 'configmaps' },
          ns,
          cm.name,
        )?.data?.[cm.key];
        if (v !== undefined) env[e.name] = v;
      } else if (sec?.name) {
        const v = this.store.get<V1Secret>({ group: '', version: 'v1', resource: 'secrets' }, ns, sec.name)
          ?.data?.[sec.key];
        if (v !== undefined) env[e.name] = Buffer.from(v, 'base64').toString('utf8');
      }
    }
    return env;
  }

  async portForward(pod: V1Pod, port: number): Promise<Duplex> {
    const container = (pod.spec?.containers ?? []).find((c) =>
      (c.ports ?? []).some((p) => p.containerPort === port),
    );
    if (!container) {
      throw new ApiError(
        500,
        'InternalError',
        `failed to connect to localhost:${port} inside namespace "${pod.metadata?.uid}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused`,
      );
    }
    const key = `${pod.metadata?.uid}/${port}`;
    let server = this.responders.get(key);
    if (!server) {
      server = startResponder(pod.metadata?.name ?? '', port, container.image ?? '');
      this.responders.set(key, server);
    }
    const local = (await server).port;
    return await new Promise<Duplex>((resolve, reject) => {
      const sock = connect(local, '127.0.0.1', () => resolve(sock));
      sock.once('error', reject);
    });
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sessions) s.kill();
    const responders = await Promise.all(this.responders.values());
    await Promise.all(responders.map((r) => r.close()));
  }
}
