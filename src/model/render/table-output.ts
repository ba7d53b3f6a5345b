import type { KubernetesObject } from '@kubernetes/client-node';
import { since, toMillis } from '../age.js';
import type { Column, Health, RenderContext, Row } from '../table.js';
import { safeCell } from './common.js';

/** A column of a server-side `meta.k8s.io/v1` Table. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format?: string;
  description?: string;
  /** Above 0: shown only by `kubectl get -o wide`. */
  priority?: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A row of a server-side Table; `object` is PartialObjectMetadata with `includeObject=Metadata`. */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: KubernetesObject;
}

/** What the API returns for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface MetaTable {
  kind: 'Table';
  apiVersion: string;
  metadata?: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** Table columns in kdeck order: where each comes from in the server's cells, NAME first. */
export interface TableLayout {
  columns: Column[];
  /** `source[i]` is the server cell index shown in column i. */
  source: number[];
  /** Server cell index of the Age column, recomputed from creationTimestamp so it stays live. */
  ageIndex: number;
}

/** Maps server column definitions to columns, as kubectl heads them (upper case), moving the name column first. */
export function tableLayout(defs: TableColumnDefinition[]): TableLayout {
  let nameAt = defs.findIndex((d) => d.format === 'name');
  if (nameAt < 0) nameAt = defs.findIndex((d) => d.name.toLowerCase() === 'name');
  const order = defs.map((_, i) => i);
  if (nameAt > 0) {
    order.splice(nameAt, 1);
    order.unshift(nameAt);
  }
  const ageIndex = defs.findIndex((d) => d.name.toLowerCase() === 'age');
  const columns = order.map((i): Column => {
    const d = defs[i]!;
    const col: Column = { name: d.name.toUpperCase() };
    if ((d.priority ?? 0) > 0) col.wide = true;
    if (i === ageIndex || d.type === 'date') col.sort = 'age';
    else if (d.type === 'integer' || d.type === 'number') {
      col.sort = 'number';
      col.align = 'right';
    }
    return col;
  });
  return { columns, source: order, ageIndex };
}

/** A cell as kubectl's table printer shows it: nothing prints as nothing, text is made terminal-safe. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return safeCell(cell);
  if (typeof cell === 'object') return safeCell(JSON.stringify(cell));
  return String(cell);
}

function rowHealth(row: TableRow): Health {
  if (row.object?.metadata?.deletionTimestamp) return 'deleting';
  for (const c of row.conditions ?? []) {
    if (c.type === 'Completed' && c.status === 'True') return c.reason === 'Failed' ? 'error' : 'done';
  }
  return 'neutral';
}

/** One server row as a Row; the name comes from the object metadata when present, else the name cell. */
export function tableRow(row: TableRow, layout: TableLayout, ctx: RenderContext): Row {
  const meta = row.object?.metadata;
  const created = toMillis(meta?.creationTimestamp);
  const cells: string[] = [];
  const sortValues: (number | string | undefined)[] = [];
  for (const i of layout.source) {
    const raw = row.cells[i];
    if (i === layout.ageIndex && created !== undefined) {
      cells.push(since(created, ctx.now));
      sortValues.push(created);
    } else {
      cells.push(cellText(raw));
      sortValues.push(typeof raw === 'number' ? raw : undefined);
    }
  }
  const name = meta?.name ?? cells[0] ?? '';
  const namespace = meta?.namespace;
  const out: Row = {
    key: namespace ? `${namespace}/${name}` : name,
    name,
    cells,
    sortValues,
    health: rowHealth(row),
  };
  if (namespace) out.namespace = namespace;
  if (row.object) out.object = row.object;
  return out;
}

/** A whole server Table as columns and rows, so any kind (CRDs included) lists as `kubectl get` shows it. */
export function fromTable(table: MetaTable, ctx: RenderContext): { columns: Column[]; rows: Row[] } {
  const layout = tableLayout(table.columnDefinitions);
  return { columns: layout.columns, rows: table.rows.map((r) => tableRow(r, layout, ctx)) };
}
