import type { V1Pod } from '@kubernetes/client-node';
import type { KubeClient } from '../../kube/client.js';
import { KubeError } from '../../kube/kube-error.js';
import { openRemoteExec } from '../../kube/streams/remote-exec.js';
import { type PtySession, SessionEvents } from '../../term/pty-source.js';

export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
}

/** Output below this size still counts as "the shell never started" when it then fails. */
const STARTUP_BYTES = 512;

/** Whether an exec ended because the program does not exist in the image (126/127 or the runtime's message). */
export function looksMissing(code: number | null, message: string | undefined): boolean {
  if (code === 126 || code === 127) return true;
  return code === null && /not found|no such file|executable/i.test(message ?? '');
}

/** Why a shell cannot start in this pod/container, before asking the API; undefined when it can. */
export function shellPrecheck(
  pod: V1Pod,
  container: string,
  mode: 'exec' | 'attach' = 'exec',
): string | undefined {
  const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  if (pod.metadata?.deletionTimestamp) return `pod ${name} is terminating`;
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Succeeded' || phase === 'Failed')
    return `pod ${name} has finished (${phase}); nothing runs to ${mode} into`;
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ].find((s) => s.name === container);
  if (!status?.state?.running) {
    const why = status?.state?.waiting?.reason ?? status?.state?.terminated?.reason ?? phase;
    return `container ${container} in pod ${name} is not running (${why}); ${mode} needs a running container`;
  }
  return undefined;
}

/** Turns an exec failure into what the user should read and do. */
export function shellError(e: unknown, target: ShellTarget): string {
  const where = `${target.namespace}/${target.pod}/${target.container}`;
  if (e instanceof KubeError) {
    if (e.status === 403)
      return `not allowed to exec into ${where}: ${e.message} (RBAC needs create on pods/exec)`;
    if (e.status === 404) return `${where} not found: ${e.message}`;
    if (e.status === 400) return `cannot exec into ${where}: ${e.message}`;
    return `exec into ${where} failed: ${e.message}`;
  }
  return `exec into ${where} failed: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * An interactive shell that tries each configured command in turn (bash, then sh): when one is not
 * in the image it says so in the pane and starts the next, with no keystroke lost to a dead session.
 */
export class ShellSession implements PtySession {
  readonly #events = new SessionEvents();
  #inner: PtySession | undefined;
  #size: { cols: number; rows: number };
  #closed = false;
  #tty = true;
  #stdin = true;

  private constructor(
    private readonly client: Pick<KubeClient, 'websocket'>,
    private readonly target: ShellTarget,
    private readonly mode: 'exec' | 'attach',
    size: { cols: number; rows: number },
  ) {
    this.#size = size;
  }

  /** Starts the first candidate; rejects with a readable message when the API refuses the exec. */
  static async open(
    client: Pick<KubeClient, 'websocket'>,
    target: ShellTarget,
    opts: {
      mode: 'exec' | 'attach';
      commands: readonly string[];
      cols: number;
      rows: number;
      /** For attach: what the container allocated (spec tty/stdin), as kubectl attach asks for. */
      tty?: boolean;
      stdin?: boolean;
    },
  ): Promise<ShellSession> {
    const s = new ShellSession(client, target, opts.mode, { cols: opts.cols, rows: opts.rows });
    s.#tty = opts.tty ?? true;
    s.#stdin = opts.stdin ?? true;
    const candidates =
      opts.mode === 'attach' ? [[]] : opts.commands.map((c) => c.split(/\s+/).filter(Boolean));
    if (candidates.length === 0) throw new Error('no shell command configured (config: shell)');
    await s.#start(candidates, []);
    return s;
  }

  async #start(candidates: string[][], tried: string[]): Promise<void> {
    const [command, ...rest] = candidates;
    if (command === undefined) return;
    let inner: PtySession;
    try {
      inner = await openRemoteExec({
        client: this.client,
        ...this.target,
        mode: this.mode,
        command,
        tty: this.#tty,
        stdin: this.#stdin,
        cols: this.#size.cols,
        rows: this.#size.rows,
      });
    } catch (e) {
      throw new Error(shellError(e, this.target));
    }
    if (this.#closed) {
      inner.close();
      return;
    }
    this.#inner = inner;
    let bytes = 0;
    inner.onData((d) => {
      bytes += d.length;
      // Without a TTY nothing turns \n into \r\n; the pane's terminal needs both.
      this.#events.data(this.#tty ? d : withCarriageReturns(d));
    });
    inner.onExit((code, message) => {
      const name = command.join(' ');
      if (!this.#closed && this.mode === 'exec' && bytes < STARTUP_BYTES && looksMissing(code, message)) {
        const next = rest[0];
        if (next) {
          this.#events.data(
            Buffer.from(`\r\n[kdeck] ${name} is not in this container; trying ${next.join(' ')}\r\n`),
          );
          this.#start(rest, [...tried, name]).catch((e: unknown) => this.#events.exit(null, String(e)));
          return;
        }
        const all = [...tried, name].join(', ');
        this.#events.exit(
          null,
          `no shell in container ${this.target.container}: tried ${all} (set "shell" in kdeck's config.yaml)`,
        );
        return;
      }
      this.#events.exit(code, message);
    });
  }

  write(data: string | Buffer): void {
    this.#inner?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.#size = { cols, rows };
    this.#inner?.resize(cols, rows);
  }

  onData(fn: (data: Buffer) => void): () => void {
    return this.#events.onData(fn);
  }

  onExit(fn: (code: number | null, message?: string) => void): () => void {
    return this.#events.onExit(fn);
  }

  close(): void {
    this.#closed = true;
    this.#inner?.close();
  }
}

/** Puts a CR before each bare LF, byte-wise so a character split across chunks stays intact. */
export function withCarriageReturns(d: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 0x0a && d[i - 1] !== 0x0d) out.push(0x0d);
    out.push(d[i] as number);
  }
  return Buffer.from(out);
}
