import { spawn } from 'node-pty';
import { type PtySession, SessionEvents } from './pty-source.js';

export interface LocalPtyOptions {
  file: string;
  args?: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  cols: number;
  rows: number;
}

/** A local command (plugin, editor) under node-pty; spawn failures surface as an exit with a message. */
export class LocalPtySession implements PtySession {
  readonly #events = new SessionEvents();
  readonly #pty: ReturnType<typeof spawn> | undefined;

  constructor(opts: LocalPtyOptions) {
    try {
      this.#pty = spawn(opts.file, [...(opts.args ?? [])], {
        name: 'xterm-256color',
        cols: opts.cols,
        rows: opts.rows,
        cwd: opts.cwd ?? process.cwd(),
        env: { ...(opts.env ?? process.env), TERM: 'xterm-256color' },
        encoding: null,
      });
    } catch (e) {
      const message = `cannot start ${opts.file}: ${e instanceof Error ? e.message : String(e)}`;
      queueMicrotask(() => this.#events.exit(null, message));
      return;
    }
    // With encoding null node-pty hands out Buffers, though its typings say string.
    this.#pty.onData((d: string | Buffer) => this.#events.data(typeof d === 'string' ? Buffer.from(d) : d));
    this.#pty.onExit(({ exitCode, signal }) => {
      if (signal) this.#events.exit(null, `killed by signal ${signal}`);
      else this.#events.exit(exitCode);
    });
  }

  get pid(): number | undefined {
    return this.#pty?.pid;
  }

  write(data: string | Buffer): void {
    if (!this.#pty || this.#events.exited) return;
    this.#pty.write(typeof data === 'string' ? data : data.toString('utf8'));
  }

  resize(cols: number, rows: number): void {
    if (!this.#pty || this.#events.exited) return;
    this.#pty.resize(Math.max(2, cols), Math.max(1, rows));
  }

  onData(fn: (data: Buffer) => void): () => void {
    return this.#events.onData(fn);
  }

  onExit(fn: (code: number | null, message?: string) => void): () => void {
    return this.#events.onExit(fn);
  }

  close(): void {
    if (this.#pty && !this.#events.exited) this.#pty.kill('SIGHUP');
  }
}
