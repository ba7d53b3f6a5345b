import type { LogBuffer, LogLine } from '../../model/log-buffer.js';
import { type LogFilter, matchesLogFilter } from '../../model/log-filter.js';

/**
 * The lines of a log buffer that pass the view's filter and container choice, indexed incrementally:
 * each new line is tested once, evicted ones fall off the front, so filtering costs nothing per frame.
 */
export class FilteredLog {
  #filter: LogFilter | undefined;
  #allowed: ((source: number) => boolean) | undefined;
  /** Sequence numbers of matching lines, from #head on. */
  #seqs: number[] = [];
  #head = 0;
  #lastSeq = 0;

  constructor(private readonly buffer: LogBuffer) {}

  get filtering(): boolean {
    return this.#filter?.regex !== undefined || this.#allowed !== undefined;
  }

  /** Changes what passes and re-indexes the held lines once. */
  set(filter: LogFilter | undefined, allowed: ((source: number) => boolean) | undefined): void {
    this.#filter = filter?.regex ? filter : undefined;
    this.#allowed = allowed;
    this.#seqs = [];
    this.#head = 0;
    this.#lastSeq = 0;
    this.update();
  }

  /** Catches up with lines added and evicted since the last call. */
  update(): void {
    if (!this.filtering) return;
    const first = this.buffer.at(0)?.seq ?? this.buffer.received + 1;
    while (this.#head < this.#seqs.length && (this.#seqs[this.#head] as number) < first) this.#head++;
    // Compacts now and then so the array does not grow with every evicted match.
    if (this.#head > 4096 && this.#head * 2 > this.#seqs.length) {
      this.#seqs = this.#seqs.slice(this.#head);
      this.#head = 0;
    }
    const from = Math.max(this.#lastSeq + 1, first);
    for (let seq = from; seq <= this.buffer.received; seq++) {
      const line = this.buffer.at(seq - first) as LogLine;
      if (this.#passes(line)) this.#seqs.push(seq);
    }
    this.#lastSeq = this.buffer.received;
  }

  get length(): number {
    return this.filtering ? this.#seqs.length - this.#head : this.buffer.length;
  }

  /** The i-th passing line, oldest first. */
  at(i: number): LogLine | undefined {
    if (!this.filtering) return this.buffer.at(i);
    const seq = this.#seqs[this.#head + i];
    if (seq === undefined) return undefined;
    const first = this.buffer.at(0)?.seq ?? 0;
    return this.buffer.at(seq - first);
  }

  #passes(line: LogLine): boolean {
    if (this.#allowed && !this.#allowed(line.source)) return false;
    return this.#filter ? matchesLogFilter(this.#filter, line.text) : true;
  }
}
