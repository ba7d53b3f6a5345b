import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { posix } from 'node:path';
import type { ExecExit, ExecSession } from '../apiserver/pod-runtime.js';
import { ConfinedPath } from './confined-path.js';

export interface DemoShellSpec {
  /** The scratch folder that is the container's `/`. */
  root: string;
  env: Record<string, string>;
  tty: boolean;
  hostname: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** Whether an exec asks for an interactive shell (`bash`, `/bin/sh -i`), which the demo answers with its own. */
export function isInteractiveShell(command: readonly string[]): boolean {
  const [file, ...args] = command;
  return (
    file !== undefined && SHELLS.has(posix.basename(file)) && args.every((a) => /^-(i|l|-login)$/.test(a))
  );
}

const COMMANDS =
  'cat cd clear date echo env exit export false help hostname id ls mkdir printenv pwd rm rmdir touch true uname whoami';

/** Words of a line: quotes group, `$VAR` expands outside single quotes, `>`/`>>` stand alone. */
export function words(line: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(>>?)|(\s+)|\$\{(\w+)\}|\$(\w+)|(\\.|[^\s'"$>\\]+|[$\\])/gy;
  const expand = (s: string) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => env[a ?? b] ?? '');
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const [, single, double, redirect, space, braced, plain, text] = m;
    if (space !== undefined || redirect !== undefined) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
      if (redirect !== undefined) out.push(redirect);
      continue;
    }
    const piece =
      single ??
      (double !== undefined
        ? expand(double).replace(/\\(.)/g, '$1')
        : braced !== undefined || plain !== undefined
          ? (env[braced ?? plain!] ?? '')
          : text!.replace(/^\\/, ''));
    cur = (cur ?? '') + piece;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/**
 * The demo's answer to `s`: a small built-in shell whose `/` is the container's scratch folder, so
 * nothing of this machine is reachable from it, and which says so when it starts.
 */
export function startDemoShell(spec: DemoShellSpec): ExecSession {
  const fsRoot = new ConfinedPath(spec.root);
  const env: Record<string, string> = { ...spec.env, HOME: '/', PWD: '/' };
  let cwd = '/';
  let last = 0;
  let line = '';
  let inEscape = false;
  let done = false;
  const stdoutFns: ((d: Buffer) => void)[] = [];
  const stderrFns: ((d: Buffer) => void)[] = [];
  const exitFns: ((e: ExecExit) => void)[] = [];
  const early: Buffer[] = [];
  const nl = spec.tty ? '\r\n' : '\n';
  const emit = (text: string) => {
    const b = Buffer.from(spec.tty ? text.replace(/\r?\n/g, '\r\n') : text);
    if (stdoutFns.length === 0) early.push(b);
    for (const fn of stdoutFns) fn(b);
  };
  const emitErr = (text: string) => {
    if (spec.tty) return emit(text);
    const b = Buffer.from(text);
    for (const fn of stderrFns) fn(b);
  };
  const prompt = () => {
    if (spec.tty) emit(`[demo] ${spec.hostname}:${cwd}# `);
  };
  const finish = (code: number) => {
    if (done) return;
    done = true;
    for (const fn of exitFns) fn({ code });
  };

  const run = (text: string) => {
    for (const part of text.split(';')) {
      const argv = words(part, env);
      if (argv.length === 0) continue;
      const r = argv.findIndex((a) => a === '>' || a === '>>');
      let out = emit;
      if (r >= 0) {
        const target = argv[r + 1];
        if (!target) {
          emitErr(`sh: syntax error: redirection without a file${nl}`);
          last = 2;
          continue;
        }
        try {
          const file = fsRoot.host(cwd, target);
          if (argv[r] === '>') writeFileSync(file, '');
          out = (s: string) => appendFileSync(file, s);
        } catch (e) {
          emitErr(`sh: ${(e as Error).message}${nl}`);
          last = 1;
          continue;
        }
        argv.splice(r, 2);
      }
      try {
        last = command(argv, out);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const why =
          err.code === 'ENOENT'
            ? 'No such file or directory'
            : err.code === 'ENOTDIR'
              ? 'Not a directory'
              : err.code === 'EISDIR'
                ? 'Is a directory'
                : err.code === 'ENOTEMPTY'
                  ? 'Directory not empty'
                  : err.message;
        emitErr(`${argv[0]}: ${argv.length > 1 ? `${argv.at(-1)}: ` : ''}${why}${nl}`);
        last = 1;
      }
      if (done) return;
    }
  };

  const command = (argv: string[], out: (s: string) => void): number => {
    const [name, ...rest] = argv as [string, ...string[]];
    const flags = new Set(rest.filter((a) => /^-\w+$/.test(a)).flatMap((a) => [...a.slice(1)]));
    const args = rest.filter((a) => !/^-\w+$/.test(a));
    const path = (p: string) => fsRoot.host(cwd, p);
    switch (name) {
      case 'help':
        out(
          `kdeck demo shell: a built-in shell, not a process on your machine.\n` +
            `/ is this container's scratch folder; nothing outside it can be reached.\n` +
            `Commands: ${COMMANDS}. Redirect with > and >>, separate with ;.\n`,
        );
        return 0;
      case 'exit':
        finish(Number(args[0] ?? last) || 0);
        return last;
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'pwd':
        out(`${cwd}\n`);
        return 0;
      case 'cd': {
        const to = fsRoot.inside(cwd, args[0] ?? '/');
        if (!statSync(path(to)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
        cwd = to;
        env.PWD = to;
        return 0;
      }
      case 'ls': {
        const targets = args.length ? args : ['.'];
        for (const t of targets) {
          const p = path(t);
          const st = statSync(p);
          const names = st.isDirectory()
            ? readdirSync(p)
                .filter((n) => flags.has('a') || !n.startsWith('.'))
                .sort()
            : [posix.basename(t)];
          if (targets.length > 1 && st.isDirectory()) out(`${t}:\n`);
          if (!flags.has('l')) {
            if (names.length) out(`${names.join('  ')}\n`);
            continue;
          }
          for (const n of names) {
            const s = st.isDirectory() ? statSync(posix.join(p, n)) : st;
            const kind = s.isDirectory() ? 'd' : '-';
            const mode = (s.mode & 0o777).toString(8).padStart(3, '0');
            const rwx = [...mode].map(
              (d) => ['---', '--x', '-w-', '-wx', 'r--', 'r-x', 'rw-', 'rwx'][Number(d)],
            );
            out(
              `${kind}${rwx.join('')} root root ${String(s.size).padStart(8)} ${s.mtime.toISOString().slice(0, 16).replace('T', ' ')} ${n}\n`,
            );
          }
        }
        return 0;
      }
      case 'cat':
        for (const f of args) out(readFileSync(path(f), 'utf8'));
        return 0;
      case 'echo':
        out(`${args.join(' ')}${flags.has('n') ? '' : '\n'}`);
        return 0;
      case 'env':
      case 'printenv':
        if (args[0]) {
          if (env[args[0]] === undefined) return 1;
          out(`${env[args[0]]}\n`);
          return 0;
        }
        out(
          `${Object.entries(env)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n')}\n`,
        );
        return 0;
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) env[a.slice(0, eq)] = a.slice(eq + 1);
        }
        return 0;
      case 'mkdir':
        for (const d of args) mkdirSync(path(d), { recursive: flags.has('p') });
        return 0;
      case 'touch':
        for (const f of args) {
          const p = path(f);
          appendFileSync(p, '');
          utimesSync(p, new Date(), new Date());
        }
        return 0;
      case 'rm':
        for (const f of args) {
          if (fsRoot.inside(cwd, f) === '/') throw new Error('refusing to remove /');
          rmSync(path(f), { recursive: flags.has('r') || flags.has('R'), force: flags.has('f') });
        }
        return 0;
      case 'rmdir':
        for (const d of args) rmdirSync(path(d));
        return 0;
      case 'hostname':
        out(`${spec.hostname}\n`);
        return 0;
      case 'whoami':
        out('root\n');
        return 0;
      case 'id':
        out('uid=0(root) gid=0(root) groups=0(root)\n');
        return 0;
      case 'uname':
        out(flags.has('a') ? `Linux ${spec.hostname} kdeck-demo x86_64 GNU/Linux\n` : 'Linux\n');
        return 0;
      case 'date':
        out(`${new Date().toUTCString()}\n`);
        return 0;
      case 'clear':
        out('\x1b[H\x1b[2J');
        return 0;
      default:
        emitErr(`sh: ${name}: not found (the demo shell knows: ${COMMANDS})${nl}`);
        return 127;
    }
  };

  const input = (data: Buffer) => {
    if (done) return;
    if (!spec.tty) {
      line += data.toString('utf8');
      const lines = line.split('\n');
      line = lines.pop() ?? '';
      for (const l of lines) if (!done) run(l);
      return;
    }
    for (const ch of data.toString('utf8')) {
      if (done) return;
      if (inEscape) {
        // Cursor keys and the like: this shell has no line history, so the sequence is dropped.
        if (/[A-Za-z~]/.test(ch)) inEscape = false;
        continue;
      }
      if (ch === '\x1b') inEscape = true;
      else if (ch === '\r' || ch === '\n') {
        emit('\r\n');
        const l = line;
        line = '';
        run(l);
        if (!done) prompt();
      } else if (ch === '\x7f' || ch === '\b') {
        if (line) {
          line = [...line].slice(0, -1).join('');
          emit('\b \b');
        }
      } else if (ch === '\x03') {
        line = '';
        emit('^C\r\n');
        prompt();
      } else if (ch === '\x04') {
        if (!line) {
          emit('exit\r\n');
          finish(last);
        }
      } else if (ch === '\x15') {
        emit('\b \b'.repeat([...line].length));
        line = '';
      } else if (ch >= ' ') {
        line += ch;
        emit(ch);
      }
    }
  };

  if (spec.tty) {
    emit(
      `\x1b[1mkdeck demo shell\x1b[0m — a built-in shell, not one of your machine's: / is this container's\n` +
        `scratch folder, and nothing outside it can be reached. Type help for its commands.\n`,
    );
    prompt();
  }
  return {
    write: input,
    endInput: () => {
      if (!spec.tty && line) run(line);
      finish(last);
    },
    resize: () => {},
    onStdout: (fn) => {
      stdoutFns.push(fn);
      for (const b of early.splice(0)) fn(b);
    },
    onStderr: (fn) => stderrFns.push(fn),
    onExit: (fn) => {
      exitFns.push(fn);
    },
    kill: () => finish(137),
  };
}
