/**
 * Aligns tab-separated text the way Go's text/tabwriter does with kubectl describe's settings
 * (minwidth 0, padding 2, pad with spaces): consecutive lines that share a tab-terminated column are
 * aligned together, and a line without that column ends the block. Hand-written because no npm package
 * reproduces Go's column-block rule, which is what makes describe output line up like kubectl's.
 */
export function alignTabs(text: string, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  // A trailing newline leaves one empty line after it; it must not become an extra output line.
  const last = lines[lines.length - 1];
  const endsWithNewline = last !== undefined && last.length === 1 && last[0] === '';
  if (endsWithNewline) lines.pop();
  const out: string[] = [];
  const widths: number[] = [];
  const width = (s: string) => [...s].length;

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        s += j < widths.length && j < cells.length - 1 ? c + ' '.repeat(widths[j]! - width(c)) : c;
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      writeLines(start, i);
      let w = 0;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + padding);
      }
      widths.push(w);
      format(i, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** kubectl's PrefixWriter: writes at indent levels of two spaces; flush() closes the current alignment blocks. */
export class PrefixWriter {
  #done: string[] = [];
  #pending = '';

  /** Writes text at an indent level; ESC and CR are shown escaped, as kubectl's WriteEscaped does. */
  write(level: number, text: string): void {
    this.#pending += '  '.repeat(level) + text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
  }

  flush(): void {
    this.#done.push(alignTabs(this.#pending));
    this.#pending = '';
  }

  toString(): string {
    return this.#done.join('') + alignTabs(this.#pending);
  }
}
