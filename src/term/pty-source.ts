/**
 * A running program whose terminal the pane shows: a remote exec/attach over the API's websocket or
 * a local command under node-pty. Output is bytes; exit carries the code when one is known and a
 * message when the session failed rather than exited.
 */
export interface PtySession {
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  onData(fn: (data: Buffer) => void): () => void;
  onExit(fn: (code: number | null, message?: string) => void): () => void;
  /** Ends the session (closes stdin, then the connection); onExit still fires once. */
  close(): void;
}

/** Calls listeners; remembers the exit so a listener added late still hears it. */
export class SessionEvents {
  #data = new Set<(data: Buffer) => void>();
  #exit = new Set<(code: number | null, message?: string) => void>();
  #exited: { code: number | null; message?: string } | undefined;

  get exited(): boolean {
    return this.#exited !== undefined;
  }

  onData(fn: (data: Buffer) => void): () => void {
    this.#data.add(fn);
    return () => this.#data.delete(fn);
  }

  onExit(fn: (code: number | null, message?: string) => void): () => void {
    if (this.#exited) {
      fn(this.#exited.code, this.#exited.message);
      return () => {};
    }
    this.#exit.add(fn);
    return () => this.#exit.delete(fn);
  }

  data(chunk: Buffer): void {
    for (const fn of this.#data) fn(chunk);
  }

  exit(code: number | null, message?: string): void {
    if (this.#exited) return;
    this.#exited = message === undefined ? { code } : { code, message };
    for (const fn of this.#exit) fn(code, message);
    this.#exit.clear();
    this.#data.clear();
  }
}
