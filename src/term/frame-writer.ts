import { EventEmitter } from 'node:events';

// Ink's standard renderer erases its previous frame with these before writing the next one.
const ERASE_LINES = /^(?:\x1b\[2K(?:\x1b\[1A)?)+\x1b\[G/;
const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';
const SYNC_START = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

/**
 * Stands in for stdout under Ink: takes each whole frame Ink writes and sends the terminal only
 * the lines that changed, at absolute positions on the alternate screen, inside one synchronized
 * update. Ink 6.8's own incremental mode is off by one line when a frame ends in a newline
 * (the screen drifts), and its standard mode rewrites every line of every frame.
 *
 * It is also the frame cap: a frame that comes sooner than 1/maxFps after the last one written waits for
 * that moment, and only the newest waiting frame is written. Ink's own cap (es-toolkit's throttle) restarts
 * its wait on every render, so a keystroke right after a frame waited a whole period; here the first frame
 * after a quiet spell goes out at once.
 */
export class FrameWriter extends EventEmitter {
  readonly isTTY = true;
  private previous: string[] = [];
  private clearFirst = false;
  private readonly minGapMs: number;
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private waiting: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Bytes sent to the real terminal, for the benchmarks. */
  bytesWritten = 0;
  framesWritten = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    opts: { maxFps?: number } = {},
  ) {
    super();
    this.minGapMs = opts.maxFps ? 1000 / opts.maxFps : 0;
    out.on('resize', () => {
      // After a resize the terminal reflowed what it showed: clear it and repaint everything next frame.
      this.previous = [];
      this.clearFirst = true;
      this.emit('resize');
    });
  }

  get columns(): number {
    return this.out.columns || 80;
  }

  get rows(): number {
    return this.out.rows || 24;
  }

  /** Forces the next frame to repaint every line (after a full-screen program returns). */
  invalidate(): void {
    this.flush();
    this.previous = [];
    this.send('\x1b[H\x1b[2J');
  }

  /** Drops a held frame and writes nothing more: the terminal was restored under it (a signal). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
    this.closed = true;
  }

  /** Writes a frame held back by the cap now (before the terminal is restored on exit). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.waiting;
    this.waiting = undefined;
    if (text !== undefined) this.frame(text);
  }

  write(chunk: string | Uint8Array, encodingOrCb?: unknown, cb?: unknown): boolean {
    let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done =
      typeof encodingOrCb === 'function' ? encodingOrCb : typeof cb === 'function' ? cb : undefined;
    text = text.split(SYNC_START).join('').split(SYNC_END).join('');
    if (text.startsWith(CLEAR_TERMINAL)) {
      this.previous = [];
      text = text.slice(CLEAR_TERMINAL.length);
    }
    const erase = ERASE_LINES.exec(text);
    if (erase) text = text.slice(erase[0].length);
    if (this.closed) {
      (done as (() => void) | undefined)?.();
      return true;
    }
    // Not a frame: the cursor shown again as Ink unmounts, bracketed paste switched by a pane, an OSC 52
    // copy. It goes out now, in order, after any frame held back; it is neither capped nor diffed.
    if (text === '' || (!text.includes('\n') && /^\x1b(?:\[\?|\])/.test(text))) {
      if (text) {
        this.flush();
        this.send(text);
      }
      (done as (() => void) | undefined)?.();
      return true;
    }
    this.capped(text.endsWith('\n') ? text.slice(0, -1) : text);
    (done as (() => void) | undefined)?.();
    return true;
  }

  private capped(text: string): void {
    this.waiting = text;
    if (this.timer) return;
    const wait = this.lastFrameAt + this.minGapMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private frame(text: string): void {
    const lines = text.split('\n');
    let out = '';
    for (let i = 0; i < lines.length; i++) {
      const prev = this.previous[i];
      const line = lines[i]!;
      if (line === prev) continue;
      out += prev === undefined ? `\x1b[${i + 1};1H\x1b[2K${line}\x1b[0m` : lineUpdate(i + 1, prev, line);
    }
    for (let i = lines.length; i < this.previous.length; i++) out += `\x1b[${i + 1};1H\x1b[2K`;
    this.previous = lines;
    if (this.clearFirst) {
      this.clearFirst = false;
      out = `\x1b[H\x1b[2J${out}`;
    }
    if (out === '') return;
    this.lastFrameAt = performance.now();
    this.framesWritten++;
    this.send(`${SYNC_START}${out}${SYNC_END}`);
  }

  private send(s: string): void {
    this.bytesWritten += Buffer.byteLength(s);
    this.out.write(s);
  }
}

const SGR = /\x1b\[[0-9;]*m/g;

/**
 * The line is erased before it is written, never after: a line as wide as the terminal leaves the
 * cursor on its last column, and an erase there would take that column (a dialog's right border).
 *
 * Rewrites a line from its first changed character on (an age ticking at the end of a row costs
 * a few bytes, not the row). The colours in force there are restored by replaying the prefix's SGR codes.
 */
export function lineUpdate(row: number, prev: string, next: string): string {
  let cut = 0;
  const max = Math.min(prev.length, next.length);
  while (cut < max && prev.charCodeAt(cut) === next.charCodeAt(cut)) cut++;
  // Never cut inside an escape sequence: back up to its start.
  const esc = next.lastIndexOf('\x1b', cut);
  if (esc !== -1 && esc < cut && !/^\x1b\[[0-9;?]*[A-Za-z]/.test(next.slice(esc, cut))) cut = esc;
  const prefix = next.slice(0, cut);
  const plain = prefix.replace(SGR, '');
  // Columns are only simple to count for ASCII; otherwise repaint the whole line.
  if (cut < 8 || /[^\x20-\x7e]/.test(plain) || plain.includes('\x1b'))
    return `\x1b[${row};1H\x1b[2K${next}\x1b[0m`;
  const styles = (prefix.match(SGR) ?? []).join('');
  return `\x1b[${row};${plain.length + 1}H\x1b[K${styles}${next.slice(cut)}\x1b[0m`;
}
