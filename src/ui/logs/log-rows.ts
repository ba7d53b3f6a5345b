import type { LogLine } from '../../model/log-buffer.js';
import { highlightPieces, type LogFilter, matchRanges, prettyJson } from '../../model/log-filter.js';

/** A stretch of one screen row drawn in one style. */
export interface RowPiece {
  text: string;
  color?: string;
  dim?: boolean;
  match?: boolean;
}

/** One screen row and the log line it belongs to. */
export interface LogRow {
  seq: number;
  pieces: RowPiece[];
}

export interface RowOptions {
  width: number;
  wrap: boolean;
  json: boolean;
  timestamps: boolean;
  /** Source label and colour, when the view merges several sources. */
  prefix?: (source: number) => { text: string; color?: string } | undefined;
  filter?: LogFilter;
}

/** The screen rows of one log line: prefix, timestamp, text with matches marked; wrapped or JSON-expanded on demand. */
export function rowsOf(line: LogLine, opts: RowOptions): LogRow[] {
  const lead: RowPiece[] = [];
  const p = opts.prefix?.(line.source);
  if (p) lead.push(p.color === undefined ? { text: `${p.text} ` } : { text: `${p.text} `, color: p.color });
  if (opts.timestamps && line.time) lead.push({ text: `${line.time} `, dim: true });
  const leadWidth = lead.reduce((n, x) => n + [...x.text].length, 0);
  const texts = (opts.json ? prettyJson(line.text) : undefined) ?? [line.text];
  const rows: LogRow[] = [];
  texts.forEach((text, i) => {
    const marked = opts.filter
      ? highlightPieces(text, matchRanges(opts.filter, text))
      : [{ text, match: false }];
    const body: RowPiece[] = marked
      .filter((m) => m.text !== '')
      .map((m) => (m.match ? { text: m.text, match: true } : { text: m.text }));
    const pieces = i === 0 ? [...lead, ...body] : [{ text: ' '.repeat(leadWidth) }, ...body];
    if (!opts.wrap) rows.push({ seq: line.seq, pieces });
    else for (const r of splitRows(pieces, Math.max(1, opts.width))) rows.push({ seq: line.seq, pieces: r });
  });
  return rows;
}

/** Cuts pieces into rows of at most `width` characters, keeping each piece's style. */
export function splitRows(pieces: readonly RowPiece[], width: number): RowPiece[][] {
  const rows: RowPiece[][] = [[]];
  let used = 0;
  for (const piece of pieces) {
    let chars = [...piece.text];
    while (chars.length > 0) {
      if (used === width) {
        rows.push([]);
        used = 0;
      }
      const take = chars.slice(0, width - used);
      (rows.at(-1) as RowPiece[]).push({ ...piece, text: take.join('') });
      used += take.length;
      chars = chars.slice(take.length);
    }
  }
  return rows;
}

/** The rows that fill `height` with line `anchor` (an index into `at`) at the bottom; fewer lines fill from the top. */
export function windowRows(
  at: (i: number) => LogLine | undefined,
  count: number,
  anchor: number,
  height: number,
  opts: RowOptions,
): LogRow[] {
  const out: LogRow[] = [];
  for (let i = Math.min(anchor, count - 1); i >= 0 && out.length < height; i--) {
    const line = at(i);
    if (!line) break;
    out.unshift(...rowsOf(line, opts));
  }
  return out.slice(Math.max(0, out.length - height));
}
