import type WebSocket from 'ws';
import { type PtySession, SessionEvents } from '../../term/pty-source.js';
import type { KubeClient } from '../client.js';

/** Channels of the API server's streaming protocol (v4/v5.channel.k8s.io): one byte before each frame. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** Asked for in this order; the server picks the first it speaks (v5 adds the stdin close channel). */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export interface RemoteExecOptions {
  client: Pick<KubeClient, 'websocket'>;
  namespace: string;
  pod: string;
  container?: string;
  /** `exec` runs `command`; `attach` joins the container's main process. */
  mode: 'exec' | 'attach';
  command?: readonly string[];
  tty: boolean;
  stdin: boolean;
  /** The TTY size to start with; sent on the resize channel right after the connection opens. */
  cols?: number;
  rows?: number;
  signal?: AbortSignal;
}

interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** Reads the error channel's metav1.Status: Success → 0, NonZeroExitCode → its ExitCode cause, else a message. */
export function exitFromStatus(text: string): { code: number | null; message?: string } {
  let status: ExecStatus;
  try {
    status = JSON.parse(text) as ExecStatus;
  } catch {
    return { code: null, message: text.trim() || 'exec failed' };
  }
  if (status.status === 'Success') return { code: 0 };
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { code };
  }
  // kwok (and older runtimes) report a failed command as an InternalError ending in Go's "exit status N".
  const exited = /exit status (\d+)$/.exec(status.message ?? '');
  if (exited) return { code: Number(exited[1]) };
  return { code: null, message: status.message ?? 'exec failed' };
}

/** An exec or attach session over the API's websocket; stdout and stderr can be told apart. */
export class RemoteExecSession implements PtySession {
  readonly #ws: WebSocket;
  readonly #events = new SessionEvents();
  readonly #stdout = new Set<(data: Buffer) => void>();
  readonly #stderr = new Set<(data: Buffer) => void>();
  #status: { code: number | null; message?: string } | undefined;
  #lastSend: Promise<void> = Promise.resolve();

  constructor(
    ws: WebSocket,
    private readonly tty: boolean,
  ) {
    this.#ws = ws;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.#receive(isBinary ? data : Buffer.from(data)));
    ws.on('close', (code: number, reason: Buffer) => {
      if (this.#status) this.#events.exit(this.#status.code, this.#status.message);
      else
        this.#events.exit(null, `connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
    });
    ws.on('error', (e: Error) => {
      this.#status ??= { code: null, message: e.message };
    });
    // KubeClient.websocket hands the socket over paused so no frame is emitted before these listeners exist.
    if (ws.isPaused) ws.resume();
  }

  /** The negotiated subprotocol: `v5.channel.k8s.io` or `v4.channel.k8s.io`. */
  get protocol(): string {
    return this.#ws.protocol;
  }

  write(data: string | Buffer): void {
    this.#send(Channel.stdin, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  /** Resolves when everything written so far has been handed to the socket; for back-pressure in cp. */
  flush(): Promise<void> {
    return this.#lastSend;
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  /** Closes stdin so `cat`/`tar x` see end of file; v4 has no way to say so but closing the connection. */
  endInput(): void {
    if (this.protocol === 'v5.channel.k8s.io') this.#send(Channel.close, Buffer.from([Channel.stdin]));
    else this.#ws.close(1000);
  }

  resize(cols: number, rows: number): void {
    if (!this.tty) return;
    this.#send(Channel.resize, Buffer.from(JSON.stringify({ Width: cols, Height: rows })));
  }

  onData(fn: (data: Buffer) => void): () => void {
    return this.#events.onData(fn);
  }

  onStdout(fn: (data: Buffer) => void): () => void {
    this.#stdout.add(fn);
    return () => this.#stdout.delete(fn);
  }

  onStderr(fn: (data: Buffer) => void): () => void {
    this.#stderr.add(fn);
    return () => this.#stderr.delete(fn);
  }

  onExit(fn: (code: number | null, message?: string) => void): () => void {
    return this.#events.onExit(fn);
  }

  close(): void {
    if (this.#ws.readyState === this.#ws.OPEN) {
      if (this.protocol === 'v5.channel.k8s.io') this.#send(Channel.close, Buffer.from([Channel.stdin]));
      this.#ws.close(1000);
    } else if (this.#ws.readyState === this.#ws.CONNECTING) this.#ws.terminate();
  }

  #send(channel: number, payload: Buffer): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    const frame = Buffer.allocUnsafe(payload.length + 1);
    frame[0] = channel;
    payload.copy(frame, 1);
    this.#lastSend = new Promise((resolve) => this.#ws.send(frame, { binary: true }, () => resolve()));
  }

  #receive(frame: Buffer): void {
    if (frame.length === 0) return;
    const channel = frame[0];
    const payload = frame.subarray(1);
    switch (channel) {
      case Channel.stdout:
        if (payload.length === 0) return;
        for (const fn of this.#stdout) fn(payload);
        this.#events.data(payload);
        return;
      case Channel.stderr:
        if (payload.length === 0) return;
        for (const fn of this.#stderr) fn(payload);
        this.#events.data(payload);
        return;
      case Channel.error:
        if (payload.length > 0) this.#status = exitFromStatus(payload.toString('utf8'));
        return;
      default:
        return;
    }
  }
}

/** The exec/attach path and query, as `kubectl exec` sends them. */
export function execRequest(opts: Omit<RemoteExecOptions, 'client' | 'signal' | 'cols' | 'rows'>): {
  path: string;
  query: Record<string, string | boolean | readonly string[] | undefined>;
} {
  const path = `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods/${encodeURIComponent(opts.pod)}/${opts.mode}`;
  return {
    path,
    query: {
      command: opts.mode === 'exec' ? (opts.command ?? []) : undefined,
      container: opts.container,
      stdin: opts.stdin,
      stdout: true,
      // With a TTY the server merges stderr into stdout and refuses a separate stderr stream.
      stderr: !opts.tty,
      tty: opts.tty,
    },
  };
}

/** Opens the websocket; rejects with the server's KubeError (Forbidden, NotFound, pod not running). */
export async function openRemoteExec(opts: RemoteExecOptions): Promise<RemoteExecSession> {
  const { path, query } = execRequest(opts);
  const ws = await opts.client.websocket(path, query, EXEC_PROTOCOLS, opts.signal);
  const session = new RemoteExecSession(ws, opts.tty);
  if (opts.tty && opts.cols && opts.rows) session.resize(opts.cols, opts.rows);
  return session;
}
