import type { V1ReplicaSet } from '@kubernetes/client-node';
import { formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import { readinessHealth } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

/** printReplicaSet: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetRenderer: Renderer<V1ReplicaSet> = {
  columns: [
    NAME,
    { name: 'DESIRED', align: 'right', sort: 'number' },
    { name: 'CURRENT', align: 'right', sort: 'number' },
    { name: 'READY', align: 'right', sort: 'number' },
    AGE,
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  render(rs, ctx) {
    const desired = rs.spec?.replicas ?? 0;
    const current = rs.status?.replicas ?? 0;
    const ready = rs.status?.readyReplicas ?? 0;
    const [age, created] = ageOf(rs, ctx.now);
    const [containers, images] = containerCells(rs.spec?.template?.spec);
    const selector = selectorFromLabelSelector(rs.spec?.selector);
    return makeRow(
      rs,
      [
        rs.metadata?.name ?? '',
        String(desired),
        String(current),
        String(ready),
        age,
        containers,
        images,
        selector ? formatSelector(selector) : '',
      ],
      deleting(rs) ? 'deleting' : readinessHealth(ready, desired),
      [undefined, desired, current, ready, created],
    );
  },
};
