import type { V1StatefulSet } from '@kubernetes/client-node';
import { readinessHealth } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

/** printStatefulSet: NAME READY AGE, wide CONTAINERS IMAGES. */
export const statefulSetRenderer: Renderer<V1StatefulSet> = {
  columns: [NAME, { name: 'READY' }, AGE, { name: 'CONTAINERS', wide: true }, { name: 'IMAGES', wide: true }],
  render(ss, ctx) {
    const desired = ss.spec?.replicas ?? 0;
    const ready = ss.status?.readyReplicas ?? 0;
    const [age, created] = ageOf(ss, ctx.now);
    const [containers, images] = containerCells(ss.spec?.template?.spec);
    return makeRow(
      ss,
      [ss.metadata?.name ?? '', `${ready}/${desired}`, age, containers, images],
      deleting(ss) ? 'deleting' : readinessHealth(ready, desired),
      [undefined, ready, created],
    );
  },
};
