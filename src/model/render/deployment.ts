import type { V1Deployment } from '@kubernetes/client-node';
import { formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import { readinessHealth } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

/** printDeployment: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentRenderer: Renderer<V1Deployment> = {
  columns: [
    NAME,
    { name: 'READY' },
    { name: 'UP-TO-DATE', align: 'right', sort: 'number' },
    { name: 'AVAILABLE', align: 'right', sort: 'number' },
    AGE,
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  render(d, ctx) {
    const desired = d.spec?.replicas ?? 0;
    const ready = d.status?.readyReplicas ?? 0;
    const updated = d.status?.updatedReplicas ?? 0;
    const available = d.status?.availableReplicas ?? 0;
    const [age, created] = ageOf(d, ctx.now);
    const [containers, images] = containerCells(d.spec?.template?.spec);
    const selector = selectorFromLabelSelector(d.spec?.selector);
    return makeRow(
      d,
      [
        d.metadata?.name ?? '',
        `${ready}/${desired}`,
        String(updated),
        String(available),
        age,
        containers,
        images,
        selector ? formatSelector(selector) : '',
      ],
      deleting(d) ? 'deleting' : readinessHealth(ready, desired),
      [undefined, ready, updated, available, created],
    );
  },
};
