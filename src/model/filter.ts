import Fuse from 'fuse.js';
import { type LabelSelector, LabelSelectorError, parseLabelSelector } from './label-selector.js';
import type { Row } from './table.js';

/** What the `/` filter input asks for. */
export type FilterSpec =
  | { kind: 'all' }
  /** Case-insensitive regex over the row's cells; `error` says why the input was taken literally instead. */
  | { kind: 'regex'; pattern: string; regex: RegExp; inverse: boolean; error?: string }
  | { kind: 'fuzzy'; query: string }
  /** `-l sel`: a label selector for the server's list/watch; rows are not filtered locally. */
  | { kind: 'labels'; selector: string; parsed: LabelSelector }
  | { kind: 'invalid'; input: string; error: string };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses the `/` input: `expr` regex (literal if not a valid regex), `!expr` inverse, `-l sel` labels, `-f text` fuzzy. */
export function parseFilter(input: string): FilterSpec {
  const text = input.trim();
  if (text === '') return { kind: 'all' };
  const flag = /^-([lf])(?:\s+|$)(.*)$/s.exec(text);
  if (flag) {
    const arg = flag[2]!.trim();
    if (flag[1] === 'f') return arg === '' ? { kind: 'all' } : { kind: 'fuzzy', query: arg };
    if (arg === '') return { kind: 'invalid', input, error: '-l needs a label selector, e.g. -l app=web' };
    try {
      return { kind: 'labels', selector: arg, parsed: parseLabelSelector(arg) };
    } catch (e) {
      if (e instanceof LabelSelectorError) return { kind: 'invalid', input, error: e.message };
      throw e;
    }
  }
  const inverse = text.startsWith('!');
  const pattern = inverse ? text.slice(1) : text;
  if (pattern === '') return { kind: 'all' };
  try {
    return { kind: 'regex', pattern, regex: new RegExp(pattern, 'i'), inverse };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      kind: 'regex',
      pattern,
      regex: new RegExp(escapeRegex(pattern), 'i'),
      inverse,
      error: `${reason}; matching the text literally`,
    };
  }
}

/** Which parts of a row the filter looks at: by default every cell, without the namespace. */
export interface FilterScope {
  /** Cells whose column is shown (e.g. wide columns hidden); absent means all. */
  visible?: readonly boolean[];
  /** Match the namespace too, when the table shows it. */
  namespace?: boolean;
}

function rowText(row: Row, scope: FilterScope | undefined): string {
  const visible = scope?.visible;
  let s = scope?.namespace && row.namespace ? row.namespace : '';
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) {
    if (visible && visible[i] === false) continue;
    s = s === '' ? cells[i]! : `${s} ${cells[i]}`;
  }
  return s;
}

// Texts per row snapshot, so each keystroke only runs the regex: rows arrays are immutable snapshots, held weakly.
const textCache = new WeakMap<readonly Row[], { scope: string; texts: string[] }>();

const fuseCache = new WeakMap<readonly Row[], { namespace: boolean; index: Fuse<string> }>();

function rowTexts(rows: readonly Row[], scope: FilterScope | undefined): string[] {
  const key = `${scope?.namespace ? 'ns' : ''}:${scope?.visible?.map((v) => (v ? 1 : 0)).join('') ?? ''}`;
  const hit = textCache.get(rows);
  if (hit && hit.scope === key) return hit.texts;
  const texts = rows.map((r) => rowText(r, scope));
  textCache.set(rows, { scope: key, texts });
  return texts;
}

/** The rows the spec keeps, in order (fuzzy: names only, best match first). Label selectors are the server's job: rows pass. */
export function applyFilter(rows: readonly Row[], spec: FilterSpec, scope?: FilterScope): Row[] {
  switch (spec.kind) {
    case 'all':
    case 'labels':
    case 'invalid':
      return rows.slice();
    case 'regex': {
      const { regex, inverse } = spec;
      const texts = rowTexts(rows, scope);
      const out: Row[] = [];
      for (let i = 0; i < rows.length; i++) {
        if (regex.test(texts[i]!) !== inverse) out.push(rows[i]!);
      }
      return out;
    }
    case 'fuzzy': {
      // Like k9s, fuzzy matches names (namespace/name when the namespace is shown), not every cell.
      const withNs = scope?.namespace === true;
      let fuse = fuseCache.get(rows);
      if (!fuse || fuse.namespace !== withNs) {
        const names = rows.map((r) => (withNs && r.namespace ? `${r.namespace}/${r.name}` : r.name));
        fuse = { namespace: withNs, index: new Fuse(names, { ignoreLocation: true, threshold: 0.4 }) };
        fuseCache.set(rows, fuse);
      }
      return fuse.index.search(spec.query).map((r) => rows[r.refIndex]!);
    }
  }
}
