import type { Column, Health, Row } from '../table.js';
import { isFaultStatus, type ReleaseSummary, type RevisionSummary } from './releases.js';

export const RELEASE_COLUMNS: Column[] = [
  { name: 'NAME' },
  { name: 'NAMESPACE' },
  { name: 'REVISION', align: 'right', sort: 'number' },
  { name: 'UPDATED' },
  { name: 'STATUS' },
  { name: 'CHART' },
  { name: 'APP VERSION' },
];

export const HISTORY_COLUMNS: Column[] = [
  { name: 'REVISION', align: 'right', sort: 'number' },
  { name: 'UPDATED' },
  { name: 'STATUS' },
  { name: 'CHART' },
  { name: 'APP VERSION' },
  { name: 'DESCRIPTION' },
];

/** A stored time as `2026-12-04 21:30:05 UTC`: helm's own layout, to the second, in UTC so every viewer agrees. */
export function formatUpdated(iso: string | undefined): string {
  if (!iso) return '-';
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t <= 0) return '-';
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function statusHealth(status: string, unreadable: boolean): Health {
  if (unreadable || isFaultStatus(status)) return status.startsWith('pending-') ? 'pending' : 'error';
  if (status === 'deployed') return 'ok';
  return 'neutral';
}

export function releaseRows(releases: readonly ReleaseSummary[]): Row[] {
  return releases.map((r) => ({
    key: `${r.namespace}/${r.name}`,
    namespace: r.namespace,
    name: r.name,
    cells: [
      r.name,
      r.namespace,
      String(r.revision),
      formatUpdated(r.updated),
      r.status,
      r.chart,
      r.appVersion,
    ],
    health: statusHealth(r.status, r.error !== undefined),
  }));
}

/** History rows, newest first (helm prints oldest first; the newest is what one looks at). */
export function historyRows(revisions: readonly RevisionSummary[]): Row[] {
  return [...revisions].reverse().map((r) => ({
    key: String(r.revision),
    name: String(r.revision),
    cells: [String(r.revision), formatUpdated(r.updated), r.status, r.chart, r.appVersion, r.description],
    health: statusHealth(r.status, r.error !== undefined),
  }));
}
