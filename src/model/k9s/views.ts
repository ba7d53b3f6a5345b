import { since, toMillis } from '../age.js';
import type { Column, Row } from '../table.js';
import { isMapping, type Parsed, unknownKeys } from './entries.js';

/** One column of a k9s custom view: `NAME`, `IMAGE:.spec.containers[*].image|W`, `AGE|T`. */
export interface ColumnSpec {
  name: string;
  /** A JSONPath-like spec computed from the object; undefined: the built-in column of that name. */
  path?: string;
  align?: 'left' | 'right';
  wide?: boolean;
  hidden?: boolean;
  time?: boolean;
  number?: boolean;
}

export interface ViewSetting {
  columns: ColumnSpec[];
  sort?: { column: string; descending: boolean };
}

/** k9s's column grammar: NAME[:spec][|attrs], attrs from N T W S L R H. */
const COLUMN = /^([\w\s%/-]+):?([\s\S]*?)\|?([NTWSLRH]{0,3})$/;

export function parseColumnSpec(s: string): ColumnSpec | { error: string } {
  const m = COLUMN.exec(s.trim());
  if (!m) return { error: `bad value: "${s}" is not NAME, NAME:.json.path or NAME|ATTRS` };
  const spec: ColumnSpec = { name: m[1]!.trim() };
  const path = m[2]!.trim();
  if (path) {
    const ok = pathTokens(path);
    if ('error' in ok) return { error: `bad value: ${s}: ${ok.error}` };
    spec.path = path;
  }
  for (const a of m[3]!) {
    if (a === 'R') spec.align = 'right';
    else if (a === 'L') spec.align = 'left';
    else if (a === 'W') spec.wide = true;
    else if (a === 'S') spec.wide = false;
    else if (a === 'H') spec.hidden = true;
    else if (a === 'T') spec.time = true;
    else if (a === 'N') {
      spec.number = true;
      spec.align = 'right';
    }
  }
  return spec;
}

/** k9s's views.yaml: `views: {v1/pods: {columns: [...], sortColumn: AGE:desc}}`. */
export function parseK9sViews(doc: unknown): Parsed<Record<string, ViewSetting>> {
  const out: Parsed<Record<string, ViewSetting>> = { value: {}, read: [], ignored: [] };
  if (doc === null || doc === undefined) return out;
  if (!isMapping(doc))
    return { ...out, ignored: [{ entry: '(top)', reason: 'bad value: should be a mapping' }] };
  out.ignored.push(...unknownKeys(doc, ['views'], ''));
  if (!isMapping(doc.views)) {
    if (doc.views !== undefined)
      out.ignored.push({ entry: 'views', reason: 'bad value: should be a mapping' });
    return out;
  }
  for (const [gvr, v] of Object.entries(doc.views)) {
    const where = `views.${gvr}`;
    if (!isMapping(v)) {
      out.ignored.push({ entry: where, reason: 'bad value: should be a mapping' });
      continue;
    }
    out.ignored.push(...unknownKeys(v, ['columns', 'sortColumn'], where));
    const setting: ViewSetting = { columns: [] };
    if (Array.isArray(v.columns)) {
      v.columns.forEach((c: unknown, i) => {
        const parsed =
          typeof c === 'string' ? parseColumnSpec(c) : { error: 'bad value: should be a string' };
        if ('error' in parsed) out.ignored.push({ entry: `${where}.columns[${i}]`, reason: parsed.error });
        else setting.columns.push(parsed);
      });
    } else if (v.columns !== undefined)
      out.ignored.push({ entry: `${where}.columns`, reason: 'bad value: should be a list' });
    if (typeof v.sortColumn === 'string') {
      const [column = '', dir = ''] = v.sortColumn.split(':');
      if (column && (dir === 'asc' || dir === 'desc')) setting.sort = { column, descending: dir === 'desc' };
      else
        out.ignored.push({
          entry: `${where}.sortColumn`,
          reason: `bad value: "${v.sortColumn}" should be COLUMN:asc|desc`,
        });
    }
    out.value[gvr] = setting;
    const cols = setting.columns.map((c) => c.name).join(', ');
    out.read.push(
      `view ${gvr}: ${cols || 'default columns'}${setting.sort ? `, sorted by ${v.sortColumn}` : ''}`,
    );
  }
  return out;
}

/** The setting for a resource, keyed as k9s keys it (`v1/pods`, `apps/v1/deployments`, `…@namespace-regex`). */
export function viewFor(
  views: Record<string, ViewSetting>,
  r: { group: string; version: string; resource: string },
  namespace: string | undefined,
): ViewSetting | undefined {
  const gvr = r.group ? `${r.group}/${r.version}/${r.resource}` : `${r.version}/${r.resource}`;
  for (const [key, setting] of Object.entries(views)) {
    const [base, nsRx] = key.split('@');
    if (nsRx === undefined || base !== gvr || !namespace) continue;
    try {
      if (new RegExp(nsRx).test(namespace)) return setting;
    } catch {
      // An invalid pattern matches nothing; the plain key still applies.
    }
  }
  return views[gvr] ?? views[r.resource];
}

type Token = { key: string; index?: number | '*' };

/** `.spec.containers[*].image`, `{.metadata.labels.app\.kubernetes\.io/name}` as steps. */
function pathTokens(path: string): { tokens: Token[] } | { error: string } {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  // kubectl's relaxed JSONPath: `spec.x`, `.spec.x` and `{.spec.x}` all mean the same.
  if (!p.startsWith('.')) p = `.${p}`;
  const tokens: Token[] = [];
  const parts = p.slice(1).split(/(?<!\\)\./);
  for (const raw of parts) {
    const m = /^((?:[^[\]]|\\.)*)((?:\[(?:\d+|\*)\])*)$/.exec(raw);
    if (!m) return { error: `cannot read "${raw}"` };
    if (m[1]) tokens.push({ key: m[1].replace(/\\\./g, '.') });
    for (const ix of m[2]!.match(/\[(\d+|\*)\]/g) ?? []) {
      const v = ix.slice(1, -1);
      tokens.push({ key: '', index: v === '*' ? '*' : Number(v) });
    }
  }
  return { tokens };
}

/** The values a path finds in an object: `<none>` when nothing is there (as k9s shows it). */
export function evalPath(obj: unknown, path: string): string {
  const parsed = pathTokens(path);
  if ('error' in parsed) return 'n/a';
  let values: unknown[] = [obj];
  for (const t of parsed.tokens) {
    const next: unknown[] = [];
    for (const v of values) {
      if (t.index === undefined) {
        if (isMapping(v) && t.key in v) next.push(v[t.key]);
      } else if (Array.isArray(v)) {
        if (t.index === '*') next.push(...v);
        else if (t.index < v.length) next.push(v[t.index]);
      }
    }
    values = next;
  }
  const shown = values.filter((v) => v !== undefined && v !== null);
  if (shown.length === 0) return '<none>';
  return shown.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
}

/**
 * Columns and rows as a custom view lays them out: its columns in its order (computed ones from the object),
 * then every other built-in column as a wide one, as k9s does; hidden ones dropped.
 */
export function applyView(
  columns: readonly Column[],
  rows: readonly Row[],
  setting: ViewSetting,
  now: number,
): { columns: Column[]; rows: Row[] } {
  if (setting.columns.length === 0) return { columns: [...columns], rows: [...rows] };
  type Source = { col: Column; from: number; spec?: ColumnSpec };
  const sources: Source[] = [];
  const used = new Set<number>();
  for (const spec of setting.columns) {
    const from = spec.path ? -1 : columns.findIndex((c) => c.name.toUpperCase() === spec.name.toUpperCase());
    if (from >= 0) used.add(from);
    if (spec.hidden) continue;
    const base: Column = from >= 0 ? { ...columns[from]! } : { name: spec.name.toUpperCase() };
    if (spec.align) base.align = spec.align;
    if (spec.wide !== undefined) base.wide = spec.wide;
    if (spec.number) base.sort = 'number';
    if (spec.time) base.sort = 'age';
    sources.push({ col: base, from, spec });
  }
  columns.forEach((c, i) => {
    if (!used.has(i)) sources.push({ col: { ...c, wide: true }, from: i });
  });
  const out = rows.map((row) => {
    const cells: string[] = [];
    const sortValues: (number | string | undefined)[] = [];
    for (const s of sources) {
      if (s.from >= 0) {
        cells.push(row.cells[s.from] ?? '');
        sortValues.push(row.sortValues?.[s.from]);
        continue;
      }
      const text = s.spec?.path ? evalPath(row.object, s.spec.path) : 'n/a';
      if (s.spec?.time) {
        const t = toMillis(text);
        cells.push(t === undefined ? text : since(t, now));
        sortValues.push(t);
      } else {
        cells.push(text);
        sortValues.push(
          s.spec?.number && text !== '' && !Number.isNaN(Number(text)) ? Number(text) : undefined,
        );
      }
    }
    return { ...row, cells, sortValues };
  });
  return { columns: sources.map((s) => s.col), rows: out };
}
