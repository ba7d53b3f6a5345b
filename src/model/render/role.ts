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
  // RFC 3339 text sorts chronologically as it is; an age sort would let the table redraw it as an age.
  columns: [NAME, { name: 'CREATED AT' }],
  render(role) {
    const cells = [role.metadata?.name ?? '', createdAt(role.metadata?.creationTimestamp)];
    return makeRow(role, cells, deleting(role) ? 'deleting' : 'neutral');
  },
};
