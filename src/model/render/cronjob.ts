import type { V1CronJob } from '@kubernetes/client-node';
import { since, toMillis } from '../age.js';
import { formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

/** printCronJob: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const cronJobRenderer: Renderer<V1CronJob> = {
  columns: [
    NAME,
    { name: 'SCHEDULE' },
    { name: 'TIMEZONE' },
    { name: 'SUSPEND' },
    { name: 'ACTIVE', align: 'right', sort: 'number' },
    { name: 'LAST SCHEDULE', sort: 'age' },
    AGE,
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  render(cj, ctx) {
    const suspend = cj.spec?.suspend;
    const active = cj.status?.active?.length ?? 0;
    const last = cj.status?.lastScheduleTime;
    const [age, created] = ageOf(cj, ctx.now);
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [containers, images] = containerCells(jobSpec?.template?.spec);
    const selector = selectorFromLabelSelector(jobSpec?.selector);
    return makeRow(
      cj,
      [
        cj.metadata?.name ?? '',
        cj.spec?.schedule ?? '',
        cj.spec?.timeZone || '<none>',
        suspend === undefined || suspend === null ? '<unset>' : suspend ? 'True' : 'False',
        String(active),
        last ? since(last, ctx.now) : '<none>',
        age,
        containers,
        images,
        selector ? formatSelector(selector) || '<none>' : '<none>',
      ],
      deleting(cj) ? 'deleting' : suspend ? 'neutral' : 'ok',
      [undefined, undefined, undefined, undefined, active, toMillis(last), created],
    );
  },
};
