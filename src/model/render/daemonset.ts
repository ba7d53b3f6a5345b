import type { V1DaemonSet } from '@kubernetes/client-node';
import { formatLabels, formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import { readinessHealth } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

/** printDaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetRenderer: Renderer<V1DaemonSet> = {
  columns: [
    NAME,
    { name: 'DESIRED', align: 'right', sort: 'number' },
    { name: 'CURRENT', align: 'right', sort: 'number' },
    { name: 'READY', align: 'right', sort: 'number' },
    { name: 'UP-TO-DATE', align: 'right', sort: 'number' },
    { name: 'AVAILABLE', align: 'right', sort: 'number' },
    { name: 'NODE SELECTOR' },
    AGE,
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  render(ds, ctx) {
    const s = ds.status;
    const desired = s?.desiredNumberScheduled ?? 0;
    const current = s?.currentNumberScheduled ?? 0;
    const ready = s?.numberReady ?? 0;
    const updated = s?.updatedNumberScheduled ?? 0;
    const available = s?.numberAvailable ?? 0;
    const [age, created] = ageOf(ds, ctx.now);
    const [containers, images] = containerCells(ds.spec?.template?.spec);
    const selector = selectorFromLabelSelector(ds.spec?.selector);
    return makeRow(
      ds,
      [
        ds.metadata?.name ?? '',
        String(desired),
        String(current),
        String(ready),
        String(updated),
        String(available),
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        age,
        containers,
        images,
        selector ? formatSelector(selector) : '',
      ],
      deleting(ds) ? 'deleting' : readinessHealth(ready, desired),
      [undefined, desired, current, ready, updated, available, undefined, created],
    );
  },
};
