import { PassThrough, type Readable, Writable } from 'node:stream';
import type { KubeClient } from '../client.js';
import { openExec } from '../streams/exec.js';

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

/** Exec over the API's websocket (the shell pane's RemoteExecSession), shaped as streams for copy. */
export function execOverWebsocket(client: Pick<KubeClient, 'websocket'>): ExecFn {
  return async (req) => {
    const session = await openExec(
      client,
      { namespace: req.namespace, pod: req.pod, container: req.container },
      req.command,
      {
        stdin: req.stdin,
        signal: req.signal,
      },
    );
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    session.onStdout((d) => stdout.write(d));
    session.onStderr((d) => stderr.write(d));
    const exit = new Promise<ExecExit>((resolve) => {
      session.onExit((code, message) => {
        stdout.end();
        stderr.end();
        resolve({ code: code ?? -1, message });
      });
    });
    req.signal?.addEventListener('abort', () => session.close(), { once: true });
    const stdin = req.stdin
      ? new Writable({
          write(chunk: Buffer, _enc, done) {
            session.write(chunk);
            // Waits for the socket to drain so a large upload does not pile up in memory.
            if (session.bufferedAmount > 1 << 20) session.flush().then(() => done(), done);
            else done();
          },
          final(done) {
            session.flush().then(() => {
              session.endInput();
              done();
            }, done);
          },
        })
      : undefined;
    return { stdin, stdout, stderr, exit };
  };
}
