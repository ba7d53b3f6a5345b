/** A compiled `/` filter of the log view. */
export interface LogFilter {
  pattern: string;
  /** Show lines that do not match instead. */
  inverse: boolean;
  regex: RegExp | undefined;
  /** Why the pattern is not a valid regex; it is then matched as plain text. */
  error?: string;
}

/** Compiles a pattern: a regex, smart-case (case-insensitive unless it has a capital), plain text if invalid. */
export function compileLogFilter(pattern: string, inverse = false): LogFilter {
  if (pattern === '') return { pattern, inverse, regex: undefined };
  const flags = /[A-Z]/.test(pattern) ? 'g' : 'gi';
  try {
    return { pattern, inverse, regex: new RegExp(pattern, flags) };
  } catch (e) {
    const literal = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
    return { pattern, inverse, regex: literal, error: e instanceof Error ? e.message : String(e) };
  }
}

export function matchesLogFilter(filter: LogFilter, text: string): boolean {
  if (!filter.regex) return true;
  filter.regex.lastIndex = 0;
  const hit = filter.regex.test(text);
  return filter.inverse ? !hit : hit;
}

/** Ranges [start, end) of the matches in text, for highlighting; none for an inverse filter. */
export function matchRanges(filter: LogFilter, text: string): [number, number][] {
  if (!filter.regex || filter.inverse) return [];
  const out: [number, number][] = [];
  filter.regex.lastIndex = 0;
  for (let m = filter.regex.exec(text); m; m = filter.regex.exec(text)) {
    // An empty match would loop forever; step over it.
    if (m[0].length === 0) {
      filter.regex.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** Splits text into pieces alternating plain/matched, for drawing highlights. */
export function highlightPieces(
  text: string,
  ranges: readonly [number, number][],
): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push({ text: text.slice(at, s), match: false });
    out.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}

/** A JSON object or array line as indented lines; undefined when the line is not JSON. */
export function prettyJson(text: string): string[] | undefined {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.stringify(JSON.parse(t), null, 2).split('\n');
  } catch {
    return undefined;
  }
}
