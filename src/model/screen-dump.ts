/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV: the header line, then a line per row, each ending in CRLF as RFC 4180 has it. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

/** k9s's rule for names in the dump folder: `:` and `/` become `-`. */
export function dumpSafe(name: string): string {
  return name.replace(/[:/\\]+/g, '-');
}

/** `pods-20261204T221503Z.csv`: what it is and when, sortable by name. */
export function dumpFileName(what: string, ext: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${dumpSafe(what).replace(/[^\w.@-]+/g, '_')}-${stamp}.${ext}`;
}
