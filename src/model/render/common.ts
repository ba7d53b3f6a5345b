import type { KubernetesObject, V1PodSpec } from '@kubernetes/client-node';
import { since, toMillis } from '../age.js';
import type { Column, Health, Row } from '../table.js';

export const NAME: Column = { name: 'NAME' };
export const AGE: Column = { name: 'AGE', sort: 'age' };

const ESC = String.fromCharCode(27);

/**
 * kubectl's appendCellValue: text stops at the first line break (then `...`), and ESC is shown as `^[`
 * so object data cannot drive the terminal.
 */
export function safeCell(s: string): string {
  let cut = -1;
  let esc = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 12 || c === 13) {
      cut = i;
      break;
    }
    if (c === 27) esc = true;
  }
  if (cut < 0 && !esc) return s;
  const text = cut < 0 ? s : s.slice(0, cut);
  return (esc ? text.replaceAll(ESC, '^[') : text) + (cut < 0 ? '' : '...');
}

/** Builds a row keyed namespace/name; `sortValues` line up with `cells`, which are made terminal-safe. */
export function makeRow(
  obj: KubernetesObject,
  cells: string[],
  health: Health,
  sortValues?: (number | string | undefined)[],
): Row {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  for (let i = 0; i < cells.length; i++) cells[i] = safeCell(cells[i]!);
  const row: Row = { key: namespace ? `${namespace}/${name}` : name, name, cells, health, object: obj };
  if (namespace) row.namespace = namespace;
  if (sortValues) row.sortValues = sortValues;
  return row;
}

/** AGE cell and its sort value (creation time) for an object. */
export function ageOf(obj: KubernetesObject, now: number): [string, number | undefined] {
  const created = toMillis(obj.metadata?.creationTimestamp);
  return [since(created, now), created];
}

/** layoutContainerCells in printers.go: container names and images, comma-joined. */
export function containerCells(spec: V1PodSpec | undefined): [string, string] {
  const cs = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** Whether the object is being deleted (has a deletionTimestamp). */
export function deleting(obj: KubernetesObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined && obj.metadata?.deletionTimestamp !== null;
}

/** `<none>` for an empty cell, as kubectl prints missing values. */
export function orNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** Load-balancer ingress list: IP else hostname, comma-joined, cut to 16 columns unless wide (loadBalancerStatusStringer). */
export function loadBalancerIngress(
  ingress: { ip?: string; hostname?: string }[] | undefined,
  wide: boolean,
): string {
  const parts: string[] = [];
  for (const i of ingress ?? []) {
    if (i.ip) parts.push(i.ip);
    else if (i.hostname) parts.push(i.hostname);
  }
  const s = parts.join(',');
  return !wide && s.length > 16 ? `${s.slice(0, 13)}...` : s;
}
