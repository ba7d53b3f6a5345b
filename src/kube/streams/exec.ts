import type { Readable } from 'node:stream';
import type { KubeClient } from '../client.js';
import { openRemoteExec, type RemoteExecSession } from './remote-exec.js';

export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  /** null when the command did not run to an exit (not found, connection lost); see `message`. */
  exitCode: number | null;
  message?: string;
}

export interface ExecOptions {
  /** Sent to the command's stdin, which is then closed. */
  stdin?: Buffer | string | Readable;
  tty?: boolean;
  signal?: AbortSignal;
}

/** Opens a non-interactive exec with separate stdout/stderr, for callers that stream (cp). */
export function openExec(
  client: Pick<KubeClient, 'websocket'>,
  target: ExecTarget,
  command: readonly string[],
  opts: { stdin?: boolean; tty?: boolean; signal?: AbortSignal } = {},
): Promise<RemoteExecSession> {
  return openRemoteExec({
    client,
    ...target,
    mode: 'exec',
    command,
    tty: opts.tty ?? false,
    stdin: opts.stdin ?? false,
    signal: opts.signal,
  });
}

/** Runs a command in a container and collects its output and exit code, like `kubectl exec pod -- cmd`. */
export async function execCollect(
  client: Pick<KubeClient, 'websocket'>,
  target: ExecTarget,
  command: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const session = await openExec(client, target, command, {
    stdin: opts.stdin !== undefined,
    tty: opts.tty,
    signal: opts.signal,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  session.onStdout((d) => stdout.push(Buffer.from(d)));
  session.onStderr((d) => stderr.push(Buffer.from(d)));
  const done = new Promise<ExecResult>((resolve) => {
    session.onExit((exitCode, message) => {
      const result: ExecResult = { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
      if (message !== undefined) result.message = message;
      resolve(result);
    });
  });
  const onAbort = () => session.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.stdin !== undefined) {
      if (typeof opts.stdin === 'string' || Buffer.isBuffer(opts.stdin)) session.write(opts.stdin);
      else {
        for await (const chunk of opts.stdin) {
          session.write(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
          // Waits on the socket so a large upload does not pile up in memory.
          if (session.bufferedAmount > 1 << 20) await session.flush();
        }
      }
      await session.flush();
      session.endInput();
    }
    return await done;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
