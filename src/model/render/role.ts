import type { V1ClusterRole, V1Role } from '@kubernetes/client-node';
import { toMillis } from '../age.js';
import type { Renderer } from '../table.js';
import { deleting, makeRow, NAME } from './common.js';

/** RFC 3339 in UTC without fractions, as kubectl's CREATED AT column prints creation time. */
export function createdAt(t: Date | string | undefined): string {
  const ms = toMillis(t);
  return ms === undefined ? '' : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** printRole / printClusterRole: NAME CREATED AT. */
export const roleRenderer: Renderer<V1Role | V1ClusterRole> = {
  columns: [NAME, { name: 'CREATED AT', sort: 'age' }],
  render(role) {
    const created = role.metadata?.creationTimestamp;
    return makeRow(
      role,
      [role.metadata?.name ?? '', createdAt(created)],
      deleting(role) ? 'deleting' : 'neutral',
      [undefined, toMillis(created)],
    );
  },
};
