import type { Column, Row } from '../table.js';
import { formatCount } from './ip-range.js';
import type { AssignmentRow, LbView, PoolRow } from './lb-view.js';

/** The pools as a table: one row per pool, its usage bar and what announces it. */
export const poolColumns: Column[] = [
  { name: 'POOL' },
  { name: 'ADDRESSES' },
  { name: 'FAMILY' },
  { name: 'SIZE', align: 'right', sort: 'number' },
  { name: 'USED', align: 'right', sort: 'number' },
  { name: 'FREE', align: 'right', sort: 'number' },
  { name: 'USAGE' },
  { name: 'NEXT' },
  { name: 'AUTO' },
  { name: 'AVOID-BUGGY', wide: true },
  { name: 'ALLOCATION', wide: true },
  { name: 'ADVERTISED-BY' },
  { name: 'STATUS', wide: true },
  { name: 'FREE-RANGES', wide: true },
];

function poolRow(p: PoolRow): Row {
  const next = [p.next.IPv4, p.next.IPv6].filter((x): x is string => x !== undefined).join(',');
  return {
    key: `pool/${p.name}`,
    name: p.name,
    cells: [
      p.name,
      p.addresses,
      p.family,
      formatCount(p.size),
      String(p.used),
      formatCount(p.free),
      p.usageBar,
      next || '<none>',
      p.autoAssign ? 'true' : 'false',
      p.avoidBuggyIPs ? 'true' : 'false',
      p.allocation,
      p.advertisedBy,
      p.statusCounts,
      p.freeRanges.join(',') + (p.freeRangesTruncated ? ',…' : ''),
    ],
    sortValues: [undefined, undefined, undefined, Number(p.size), p.used, Number(p.free)],
    health: p.health,
  };
}

/** The LoadBalancer services as a table (the table view adds NAMESPACE): name, addresses, pool, status, why. */
export const assignmentColumns: Column[] = [
  { name: 'NAME' },
  { name: 'EXTERNAL-IP' },
  { name: 'POOL' },
  { name: 'STATUS' },
  { name: 'REQUESTED' },
  { name: 'NODE' },
  { name: 'REASON' },
];

function assignmentRow(a: AssignmentRow): Row {
  const pool = a.pool && a.poolFrom === 'computed' ? `${a.pool}*` : a.pool;
  const reason = a.reasonFrom === 'event' ? `${a.reason} (event)` : a.reason;
  return {
    key: a.key,
    namespace: a.namespace,
    name: a.name,
    cells: [a.name, a.ips.join(',') || '<pending>', pool, a.status, a.requested, a.nodes.join(','), reason],
    health: a.health,
  };
}

export function poolTable(view: LbView): { columns: Column[]; rows: Row[] } {
  return { columns: poolColumns, rows: view.pools.map(poolRow) };
}

/** Assignments, optionally only those of one pool (what `enter` on a pool shows). */
export function assignmentTable(view: LbView, pool?: string): { columns: Column[]; rows: Row[] } {
  const list = pool === undefined ? view.assignments : view.assignments.filter((a) => a.pool === pool);
  return { columns: assignmentColumns, rows: list.map(assignmentRow) };
}

/**
 * The one-line summary above the tables: where pools come from and the next address. While some list
 * is still loading the next address is not predicted: a half-read services list would name one taken.
 */
export function lbSummary(view: LbView, options: { loading?: boolean } = {}): string {
  const source =
    view.source === 'ConfigMap'
      ? 'pools from ConfigMap metallb-system/config (MetalLB ≤ 0.12)'
      : view.source === 'IPAddressPool'
        ? 'pools from IPAddressPools'
        : 'no MetalLB pools';
  const pending = view.assignments.filter((a) => a.status === 'Pending').length;
  const next = options.loading
    ? 'next: known once everything has loaded'
    : view.next
      ? `next ${view.next.ip} (${view.next.pool}${view.next.alternatives.length > 0 ? ` or ${view.next.alternatives.join('/')}` : ''})`
      : 'next: none free';
  return `${source} · ${view.assignments.length} LoadBalancer services, ${pending} pending · ${next}`;
}
