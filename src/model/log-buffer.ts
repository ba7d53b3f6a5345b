/** One log line as kept for display. */
export interface LogLine {
  /** Position in the whole stream, from 1; evicted lines keep their numbers, so gaps are countable. */
  seq: number;
  /** Index into the view's source table (pod/container); 0 when the stream has a single source. */
  source: number;
  /** RFC3339Nano timestamp from the API (`timestamps=true`), when known. */
  time?: string;
  text: string;
}

/** Longest line kept; longer ones are cut with a marker so one endless line cannot eat the screen. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * A bounded ring of lines. Memory stays flat however long a stream runs; every line pushed is either
 * held or counted in `evicted`, so `received === length + evicted` always holds.
 */
export class LogBuffer {
  readonly #ring: (LogLine | undefined)[];
  #start = 0;
  #length = 0;
  #evicted = 0;
  #received = 0;

  constructor(readonly capacity = 50_000) {
    if (capacity < 1) throw new RangeError('log buffer capacity must be at least 1');
    this.#ring = new Array<LogLine | undefined>(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Lines pushed out of the ring to make room: shown to the user, never silent. */
  get evicted(): number {
    return this.#evicted;
  }

  get received(): number {
    return this.#received;
  }

  /** Appends a line and returns its sequence number. */
  push(source: number, text: string, time?: string): number {
    this.#received++;
    const line: LogLine = { seq: this.#received, source, text };
    if (time !== undefined) line.time = time;
    if (this.#length < this.capacity) {
      this.#ring[(this.#start + this.#length) % this.capacity] = line;
      this.#length++;
    } else {
      this.#ring[this.#start] = line;
      this.#start = (this.#start + 1) % this.capacity;
      this.#evicted++;
    }
    return line.seq;
  }

  /** The i-th line held, 0 = oldest. */
  at(i: number): LogLine | undefined {
    if (i < 0 || i >= this.#length) return undefined;
    return this.#ring[(this.#start + i) % this.capacity];
  }

  /** Lines [from, to) of those held, oldest first. */
  slice(from = 0, to = this.#length): LogLine[] {
    const out: LogLine[] = [];
    const end = Math.min(to, this.#length);
    for (let i = Math.max(0, from); i < end; i++)
      out.push(this.#ring[(this.#start + i) % this.capacity] as LogLine);
    return out;
  }

  /** Empties the view; the counts stay, so the stream's totals remain true. */
  clear(): void {
    this.#evicted += this.#length;
    this.#ring.fill(undefined);
    this.#start = 0;
    this.#length = 0;
  }
}

// Escape sequences (CSI, OSC, other ESC) and C0/C1 controls but tab; they would move the cursor or recolour the UI.
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes one raw line safe to draw: escapes and control characters removed, tabs expanded, a line
 * that is mostly undecodable shown as a binary marker, an over-long line cut with a marker.
 */
export function sanitizeLogLine(raw: string, maxChars = MAX_LINE_CHARS): string {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.length > maxChars) {
    text = `${text.slice(0, maxChars)} … [line cut: ${text.length - maxChars} more characters]`;
  }
  const replacement = countOf(text, '\ufffd');
  if (replacement > 8 && replacement * 4 > text.length)
    return `[binary data: ${raw.length} characters not shown]`;
  return text.replace(ESCAPES, '').replace(/\t/g, '    ');
}

function countOf(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Splits a byte stream into lines. A line longer than `maxBytes` is emitted cut, with a marker, and
 * the rest of it up to the next newline is counted and dropped, so an endless line cannot grow memory.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #overflow = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxBytes = MAX_LINE_CHARS * 4,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.#append(chunk.subarray(start, nl));
      this.#emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.#append(chunk.subarray(start));
  }

  /** Emits what is left without a trailing newline (stream end). */
  end(): void {
    if (this.#pendingBytes > 0 || this.#overflow > 0) this.#emit();
  }

  #append(part: Buffer): void {
    if (part.length === 0) return;
    const room = this.maxBytes - this.#pendingBytes;
    if (room <= 0) {
      this.#overflow += part.length;
      return;
    }
    const kept = part.length > room ? part.subarray(0, room) : part;
    this.#overflow += part.length - kept.length;
    // Copies: the chunk's memory belongs to the stream and is reused.
    this.#pending.push(Buffer.from(kept));
    this.#pendingBytes += kept.length;
  }

  #emit(): void {
    let line =
      this.#pending.length === 1
        ? (this.#pending[0] as Buffer).toString('utf8')
        : Buffer.concat(this.#pending).toString('utf8');
    if (this.#overflow > 0) line += ` … [line cut: ${this.#overflow} more bytes]`;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#overflow = 0;
    this.onLine(line);
  }
}
