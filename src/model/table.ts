import type { KubernetesObject } from '@kubernetes/client-node';

/** How healthy a row looks; the theme maps each to a colour. */
export type Health = 'ok' | 'warn' | 'error' | 'pending' | 'done' | 'deleting' | 'neutral';

/** A column of a resource table, as `kubectl get -o wide` names it. */
export interface Column {
  name: string;
  /** Shown only in wide mode, like kubectl's -o wide columns. */
  wide?: boolean;
  align?: 'left' | 'right';
  /** How the column sorts: ages and numbers by value, the rest as text; an age's sort value is the creation time in ms. */
  sort?: 'text' | 'number' | 'age' | 'quantity';
}

/** A rendered row: `cells` line up with the renderer's columns. */
export interface Row {
  /** Stable key: namespace/name (name for cluster-scoped objects). */
  key: string;
  namespace?: string;
  name: string;
  cells: string[];
  /** Values the sorter uses where text would sort wrongly (ages, counts); undefined falls back to the cell. */
  sortValues?: (number | string | undefined)[];
  health: Health;
  /** The object the row shows: the full object from a renderer, PartialObjectMetadata from a server Table. */
  object?: KubernetesObject;
}

/** Everything a renderer may need besides the object; `now` makes ages deterministic in tests. */
export interface RenderContext {
  now: number;
  /** As with `kubectl get -o wide`: a few cells (load-balancer addresses) are cut short unless wide. */
  wide?: boolean;
}

/** Turns objects of one kind into rows with kubectl's columns and values. */
export interface Renderer<T extends KubernetesObject = KubernetesObject> {
  columns: Column[];
  /** How the list is sorted until the user sorts it (events: newest first); kubectl's namespace/name otherwise. */
  defaultSort?: { column: string; descending?: boolean };
  render(obj: T, ctx: RenderContext): Row;
}
