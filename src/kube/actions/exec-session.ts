import type { Readable, Writable } from 'node:stream';

/** A non-TTY command in a container, as copy needs it: a byte stream each way and an exit status. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  /** Opens stdin for the command; close it (end()) to send EOF. */
  stdin: boolean;
  signal?: AbortSignal;
}

export interface ExecExit {
  /** 0 on success; the command's exit code otherwise; -1 when it never ran. */
  code: number;
  /** The server's status message (`command terminated with non-zero exit code`, `executable file not found`). */
  message?: string;
}

export interface ExecSession {
  stdin?: Writable;
  stdout: Readable;
  stderr: Readable;
  exit: Promise<ExecExit>;
}

/** Runs a command in a container; the real one goes over the API's exec websocket, tests use a local fake. */
export type ExecFn = (req: ExecRequest) => Promise<ExecSession>;
