import type { IBufferCell, IBufferLine, IModes } from '@xterm/headless';
import xtermHeadless from '@xterm/headless';
import { encodeInput } from './input.js';

/** How a run of cells looks; colours are Ink colour strings (chalk names, `ansi256(n)`, `#rrggbb`). */
export interface CellStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

/** Consecutive cells of one style, as one string. */
export interface CellRun extends CellStyle {
  text: string;
}

export interface TerminalScreen {
  cols: number;
  rows: number;
  /** One entry per visible row, each a list of styled runs covering the whole width. */
  lines: CellRun[][];
  cursor: { x: number; y: number; visible: boolean };
  title: string;
  /** Lines above the viewport (normal buffer only; full-screen programs use the alternate buffer). */
  scrollback: number;
}

export interface TerminalOptions {
  cols: number;
  rows: number;
  scrollback?: number;
}

// Palette 0-15 by the names chalk knows, so the user's own terminal theme applies to them.
const PALETTE = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
];

/**
 * A terminal screen fed by pty bytes: @xterm/headless parses them, the UI only reads `screen()`.
 * Replies the terminal owes the program (cursor position reports, device attributes) come out of
 * `onReply`, to be written back to the session.
 */
export class Terminal {
  readonly #term: InstanceType<typeof xtermHeadless.Terminal>;
  readonly #listeners = new Set<() => void>();
  #title = '';
  #cursorHidden = false;
  #disposed = false;

  constructor(opts: TerminalOptions) {
    this.#term = new xtermHeadless.Terminal({
      cols: opts.cols,
      rows: opts.rows,
      scrollback: opts.scrollback ?? 1000,
      allowProposedApi: true,
    });
    this.#term.onWriteParsed(() => this.#emit());
    this.#term.onResize(() => this.#emit());
    this.#term.onTitleChange((t) => {
      this.#title = t;
      this.#emit();
    });
    // xterm keeps DECTCEM private; watch the sequences themselves to know when the cursor is hidden.
    this.#term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.includes(25)) this.#cursorHidden = true;
      return false;
    });
    this.#term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (params.includes(25)) this.#cursorHidden = false;
      return false;
    });
  }

  get cols(): number {
    return this.#term.cols;
  }

  get rows(): number {
    return this.#term.rows;
  }

  get modes(): IModes {
    return this.#term.modes;
  }

  /** Feeds program output; resolves once it is parsed into the screen. */
  write(data: string | Uint8Array): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    return new Promise((resolve) => this.#term.write(data, resolve));
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(2, Math.floor(cols));
    const r = Math.max(1, Math.floor(rows));
    if (c === this.#term.cols && r === this.#term.rows) return;
    this.#term.resize(c, r);
  }

  /** Turns keystrokes from the user's terminal into what the program expects in its current modes. */
  encodeInput(raw: string): string {
    return encodeInput(raw, this.#term.modes);
  }

  /** Bytes the terminal itself answers to the program (DSR, DA); write them to the session. */
  onReply(fn: (data: string) => void): () => void {
    const d = this.#term.onData(fn);
    return () => d.dispose();
  }

  /** Called after output was parsed, on resize and on title change; coalesce before rendering. */
  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Whether the viewport shows scrollback rather than the live screen. */
  get scrolledBack(): boolean {
    const buf = this.#term.buffer.active;
    return buf.viewportY < buf.baseY;
  }

  /** Scrolls the viewport by lines (negative = up into scrollback); 0 lines returns to the bottom. */
  scroll(lines: number): void {
    if (lines === 0) this.#term.scrollToBottom();
    else this.#term.scrollLines(lines);
    this.#emit();
  }

  screen(): TerminalScreen {
    const buf = this.#term.buffer.active;
    const lines: CellRun[][] = [];
    const cell = buf.getNullCell();
    for (let y = 0; y < this.#term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      lines.push(line ? runsOf(line, this.#term.cols, cell) : [{ text: ' '.repeat(this.#term.cols) }]);
    }
    const atBottom = buf.viewportY === buf.baseY;
    return {
      cols: this.#term.cols,
      rows: this.#term.rows,
      lines,
      cursor: { x: buf.cursorX, y: buf.cursorY, visible: !this.#cursorHidden && atBottom },
      title: this.#title,
      scrollback: buf.type === 'normal' ? buf.baseY : 0,
    };
  }

  /** The visible rows as plain text, right-trimmed; what tests and screen readers want. */
  text(): string {
    const buf = this.#term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.#term.rows; y++) {
      out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    }
    return out.join('\n');
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#listeners.clear();
    this.#term.dispose();
  }

  #emit(): void {
    for (const fn of this.#listeners) fn();
  }
}

function runsOf(line: IBufferLine, cols: number, cell: IBufferCell): CellRun[] {
  const runs: CellRun[] = [];
  let current: CellRun | undefined;
  let key = '';
  for (let x = 0; x < cols; x++) {
    const c = line.getCell(x, cell);
    if (!c) break;
    // The second half of a wide character has width 0 and no text of its own.
    if (c.getWidth() === 0) continue;
    const style = styleOf(c);
    const k = `${style.fg}|${style.bg}|${style.bold}|${style.dim}|${style.italic}|${style.underline}|${style.inverse}`;
    const text = c.getChars() || ' ';
    if (current && k === key) current.text += text;
    else {
      current = { ...style, text };
      key = k;
      runs.push(current);
    }
  }
  return runs;
}

function styleOf(c: IBufferCell): CellStyle {
  const style: CellStyle = {};
  const fg = colorOf(c.isFgPalette(), c.isFgRGB(), c.getFgColor());
  const bg = colorOf(c.isBgPalette(), c.isBgRGB(), c.getBgColor());
  if (fg) style.fg = fg;
  if (bg) style.bg = bg;
  if (c.isBold()) style.bold = true;
  if (c.isDim()) style.dim = true;
  if (c.isItalic()) style.italic = true;
  if (c.isUnderline()) style.underline = true;
  if (c.isInverse()) style.inverse = true;
  return style;
}

function colorOf(palette: boolean, rgb: boolean, value: number): string | undefined {
  if (palette) return value < 16 ? PALETTE[value] : `ansi256(${value})`;
  if (rgb) return `#${value.toString(16).padStart(6, '0')}`;
  return undefined;
}
