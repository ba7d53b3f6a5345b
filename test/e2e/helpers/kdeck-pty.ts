import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

const BIN = fileURLToPath(new URL('../../../bin/kdeck.js', import.meta.url));

export interface KdeckOptions {
  args?: string[];
  /** Run this instead of `node bin/kdeck.js ARGS` (e.g. `npm start`), from the repository root. */
  command?: [string, ...string[]];
  /** Added to a clean environment: no KUBECONFIG and an empty HOME unless given. */
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

export interface Kdeck {
  /** The screen as text, one line per row, trailing spaces trimmed. */
  screen(): string;
  /** The rows drawn with a background colour or inverse (the selected row of a table), as text. */
  highlighted(): string[];
  /**
   * The colour of the first character of the first place the text is on screen: `#rrggbb` when the terminal got
   * true colour (start kdeck with COLORTERM=truecolor), the palette index as a string otherwise.
   */
  colourOf(text: string, layer?: 'fg' | 'bg'): string | undefined;
  /** Sends keys as typed: use the KEYS constants for special keys. */
  press(keys: string): void;
  /** Types text one character at a time, as a person would. */
  type(text: string): Promise<void>;
  /**
   * Resolves with the screen once it contains the text (or matches the regex) and has been still for
   * settleMs (default 150; benchmarks pass 0 to time the frame itself); rejects with the screen after the bound.
   */
  waitFor(what: string | RegExp, timeoutMs?: number, settleMs?: number): Promise<string>;
  /** Resolves once the screen no longer contains it. */
  waitForGone(what: string | RegExp, timeoutMs?: number): Promise<string>;
  resize(cols: number, rows: number): void;
  /** Whether the terminal is on its normal screen with the cursor shown: what kdeck must leave behind. */
  terminalRestored(): boolean;
  /** Sends a signal to the kdeck process. */
  signal(sig: NodeJS.Signals): void;
  /** Bytes kdeck wrote to its terminal so far. */
  bytes(): number;
  pid: number;
  exited: Promise<number>;
  stop(): Promise<number>;
}

export const KEYS = {
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlK: '\x0b',
  ctrlW: '\x17',
  space: ' ',
};

/** Runs the real `kdeck` binary in a pty and reads its screen through @xterm/headless, as a person sees it. */
export function startKdeck(opts: KdeckOptions = {}): Kdeck {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 32;
  const home = mkdtempSync(join(tmpdir(), 'kdeck-e2e-home-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...opts.env,
  };
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const proc = pty.spawn(process.execPath, [BIN, ...(opts.args ?? [])], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: process.cwd(),
    env,
  });
  let bytes = 0;
  proc.onData((d) => {
    bytes += Buffer.byteLength(d);
    term.write(d);
  });
  const exited = new Promise<number>((resolve) => proc.onExit(({ exitCode }) => resolve(exitCode)));
  let done = false;
  void exited.then(() => {
    done = true;
  });

  const screen = () => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++)
      lines.push((buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '').trimEnd());
    return lines.join('\n');
  };
  const matches = (s: string, what: string | RegExp) =>
    typeof what === 'string' ? s.includes(what) : what.test(s);
  let lastOutput = Date.now();
  proc.onData(() => {
    lastOutput = Date.now();
  });
  // A view's keys are live a moment after it is drawn: a person looks before typing, so the
  // helper waits until the screen has been still for a beat before it says "there".
  const SETTLE_MS = 150;
  const poll = async (ok: (s: string) => boolean, what: string, timeoutMs: number, settleMs = SETTLE_MS) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      // xterm parses asynchronously: let it catch up before each look.
      await new Promise<void>((r) => term.write('', r));
      const s = screen();
      if (ok(s) && Date.now() - lastOutput >= settleMs) return s;
      if (Date.now() > end) {
        if (ok(s)) return s;
        throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}; screen:\n${s}`);
      }
      if (done) throw new Error(`kdeck exited while waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, settleMs === 0 ? 5 : 40));
    }
  };
  const highlighted = () => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      const cell = line?.getCell(3);
      if (cell && (cell.isInverse() || !cell.isBgDefault()))
        out.push(line!.translateToString(true).trimEnd());
    }
    return out;
  };
  const colourOf = (text: string, layer: 'fg' | 'bg' = 'fg') => {
    const buf = term.buffer.active;
    for (let y = 0; y < term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      const x = line?.translateToString(false).indexOf(text) ?? -1;
      const cell = x >= 0 ? line?.getCell(x) : undefined;
      if (!cell) continue;
      const rgb = layer === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
      const v = layer === 'fg' ? cell.getFgColor() : cell.getBgColor();
      return rgb ? `#${v.toString(16).padStart(6, '0')}` : String(v);
    }
    return undefined;
  };
  return {
    pid: proc.pid,
    exited,
    screen,
    highlighted,
    colourOf,
    press: (keys) => proc.write(keys),
    type: async (text) => {
      for (const ch of text) {
        proc.write(ch);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    waitFor: (what, timeoutMs = 20_000, settleMs?: number) =>
      poll((s) => matches(s, what), String(what), timeoutMs, settleMs),
    waitForGone: (what, timeoutMs = 20_000) =>
      poll((s) => !matches(s, what), `${String(what)} to go`, timeoutMs),
    resize: (c, r) => {
      proc.resize(c, r);
      term.resize(c, r);
    },
    terminalRestored: () =>
      term.buffer.active.type === 'normal' &&
      (term as unknown as { _core: { coreService: { isCursorHidden: boolean } } })._core.coreService
        .isCursorHidden === false,
    signal: (sig) => process.kill(proc.pid, sig),
    bytes: () => bytes,
    stop: async () => {
      if (!done) proc.write(KEYS.ctrlC);
      const timer = setTimeout(() => {
        if (!done) process.kill(proc.pid, 'SIGKILL');
      }, 5000);
      const code = await exited;
      clearTimeout(timer);
      term.dispose();
      return code;
    },
  };
}
