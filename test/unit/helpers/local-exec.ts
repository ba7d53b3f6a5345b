import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import type { ExecExit, ExecFn } from '../../../src/kube/actions/exec-session.js';

/**
 * An ExecFn that runs the command on this machine, as if the container were the local filesystem:
 * real tar on both ends. `path` replaces PATH, so an empty one plays a container without tar.
 */
export function localExec(path = process.env.PATH ?? ''): ExecFn {
  return async (req) => {
    const child = spawn(req.command[0], req.command.slice(1), {
      env: { PATH: path },
      stdio: [req.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      signal: req.signal,
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    child.stdout?.pipe(stdout);
    child.stderr?.pipe(stderr);
    const exit = new Promise<ExecExit>((resolve) => {
      child.once('error', (e: NodeJS.ErrnoException) => {
        stdout.end();
        stderr.end();
        resolve(
          e.code === 'ENOENT'
            ? { code: -1, message: `exec: "${req.command[0]}": executable file not found in $PATH` }
            : { code: -1, message: e.message },
        );
      });
      child.once('close', (code) => resolve({ code: code ?? -1 }));
    });
    return { stdin: child.stdin ?? undefined, stdout, stderr, exit };
  };
}

/** An ExecFn whose command prints the given bytes and exits 0: a container sending a crafted tar. */
export function cannedExec(bytes: Buffer): ExecFn {
  return async () => ({
    stdout: Readable.from([bytes]),
    stderr: Readable.from([]),
    exit: Promise.resolve({ code: 0 }),
  });
}
