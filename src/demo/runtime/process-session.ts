import { spawn } from 'node:child_process';
import * as pty from 'node-pty';
import type { ExecExit, ExecSession } from '../apiserver/pod-runtime.js';

export interface ProcessSpec {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  tty: boolean;
  stdin: boolean;
}

/** Collects callbacks registered before or after the process produces output. */
class Listeners<T> {
  private readonly fns: ((v: T) => void)[] = [];
  private readonly early: T[] = [];
  add(fn: (v: T) => void): void {
    this.fns.push(fn);
    for (const v of this.early.splice(0)) fn(v);
  }
  emit(v: T): void {
    if (this.fns.length === 0) this.early.push(v);
    for (const fn of this.fns) fn(v);
  }
}

function notFound(cmd: string): ExecExit {
  return {
    code: 127,
    message: `failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
  };
}

/** A real local process for an exec: under a pty when a TTY is asked for, else with pipes. */
export function startProcess(spec: ProcessSpec): ExecSession {
  const stdout = new Listeners<Buffer>();
  const stderr = new Listeners<Buffer>();
  const exit = new Listeners<ExecExit>();
  let done = false;
  const finish = (e: ExecExit) => {
    if (done) return;
    done = true;
    exit.emit(e);
  };
  const [file, ...args] = spec.command;
  if (spec.tty) {
    let p: pty.IPty;
    try {
      p = pty.spawn(file, args, { name: 'xterm-256color', cols: 80, rows: 24, cwd: spec.cwd, env: spec.env });
    } catch {
      setImmediate(() => finish(notFound(file)));
      return {
        write: () => {},
        endInput: () => {},
        resize: () => {},
        onStdout: (fn) => stdout.add(fn),
        onStderr: (fn) => stderr.add(fn),
        onExit: (fn) => exit.add(fn),
        kill: () => {},
      };
    }
    // node-pty hands out strings; re-encode as the bytes the program wrote.
    p.onData((d) => stdout.emit(Buffer.from(d, 'utf8')));
    p.onExit(({ exitCode, signal }) => finish({ code: signal ? 128 + signal : exitCode }));
    return {
      write: (d) => p.write(d.toString('utf8')),
      endInput: () => p.write('\x04'),
      resize: (cols, rows) => {
        if (!done) p.resize(cols, rows);
      },
      onStdout: (fn) => stdout.add(fn),
      onStderr: (fn) => stderr.add(fn),
      onExit: (fn) => exit.add(fn),
      kill: () => {
        if (!done) p.kill('SIGHUP');
      },
    };
  }
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: [spec.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let spawnFailed = false;
  child.on('error', (e: NodeJS.ErrnoException) => {
    spawnFailed = true;
    finish(
      e.code === 'ENOENT'
        ? notFound(file)
        : { code: 126, message: `failed to exec in container: ${e.message}` },
    );
  });
  child.stdout?.on('data', (d: Buffer) => stdout.emit(d));
  child.stderr?.on('data', (d: Buffer) => stderr.emit(d));
  child.stdin?.on('error', () => {});
  child.on('close', (code, signal) => {
    if (!spawnFailed) finish({ code: code ?? (signal ? 128 + signalNumber(signal) : 1) });
  });
  return {
    write: (d) => child.stdin?.write(d),
    endInput: () => child.stdin?.end(),
    resize: () => {},
    onStdout: (fn) => stdout.add(fn),
    onStderr: (fn) => stderr.add(fn),
    onExit: (fn) => exit.add(fn),
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
  };
}

function signalNumber(signal: NodeJS.Signals): number {
  const table: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGKILL: 9,
    SIGTERM: 15,
    SIGPIPE: 13,
  };
  return table[signal] ?? 1;
}
