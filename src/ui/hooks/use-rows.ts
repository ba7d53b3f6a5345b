import type { KubernetesObject } from '@kubernetes/client-node';
import { useMemo } from 'react';
import { rendererFor } from '../../model/render/index.js';
import type { Column, Renderer, Row } from '../../model/table.js';

const NAME_AGE: Renderer = {
  columns: [{ name: 'NAME' }, { name: 'AGE', sort: 'age' }],
  render(obj) {
    const name = obj.metadata?.name ?? '';
    const ns = obj.metadata?.namespace;
    const created = obj.metadata?.creationTimestamp
      ? new Date(obj.metadata.creationTimestamp).getTime()
      : undefined;
    return {
      key: ns ? `${ns}/${name}` : name,
      name,
      namespace: ns,
      cells: [name, ''],
      sortValues: [undefined, created],
      health: 'neutral',
    };
  },
};

// Rendered rows per object: the store replaces an object on change, so identity says when to re-render.
const rowCache = new WeakMap<KubernetesObject, Row>();

/** The object's row, rendered once per object. */
export function rowOf(r: Renderer, o: KubernetesObject, now: number): Row {
  let row = rowCache.get(o);
  if (!row) {
    row = r.render(o, { now });
    rowCache.set(o, row);
  }
  return row;
}

/** Makes `row` (updated in place) the cached row of the object that replaced its old one. */
export function adoptRow(o: KubernetesObject, row: Row): void {
  rowCache.set(o, row);
}

/** Rows for the objects with kubectl's columns (NAME/AGE for kinds without a built-in renderer). */
export function useRows(
  group: string,
  kind: string,
  items: readonly KubernetesObject[],
): { columns: readonly Column[]; rows: Row[]; builtin: boolean; renderer: Renderer } {
  const renderer = rendererFor(group, kind);
  const r = renderer ?? NAME_AGE;
  const rows = useMemo(() => {
    const now = Date.now();
    return items.map((o) => rowOf(r, o, now));
  }, [items, r]);
  return { columns: r.columns, rows, builtin: renderer !== undefined, renderer: r };
}
