import type { V1Job, V1JobCondition } from '@kubernetes/client-node';
import { humanDuration, since, toMillis } from '../age.js';
import { formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import type { Health, Renderer } from '../table.js';
import { AGE, ageOf, containerCells, deleting, makeRow, NAME } from './common.js';

function has(conditions: V1JobCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The STATUS column kubectl 1.30+ prints for a job, and its health. */
export function jobStatus(job: V1Job): [string, Health] {
  const c = job.status?.conditions;
  if (has(c, 'Complete')) return ['Complete', 'done'];
  if (has(c, 'Failed')) return ['Failed', 'error'];
  if (deleting(job)) return ['Terminating', 'deleting'];
  if (has(c, 'Suspended')) return ['Suspended', 'neutral'];
  if (has(c, 'FailureTarget')) return ['FailureTarget', 'error'];
  if (has(c, 'SuccessCriteriaMet')) return ['SuccessCriteriaMet', 'done'];
  return ['Running', 'ok'];
}

/** printJob: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
export const jobRenderer: Renderer<V1Job> = {
  columns: [
    NAME,
    { name: 'STATUS' },
    { name: 'COMPLETIONS' },
    { name: 'DURATION', sort: 'number' },
    AGE,
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  render(job, ctx) {
    const succeeded = job.status?.succeeded ?? 0;
    const parallelism = job.spec?.parallelism ?? 0;
    let completions: string;
    if (job.spec?.completions !== undefined && job.spec.completions !== null) {
      completions = `${succeeded}/${job.spec.completions}`;
    } else if (parallelism > 1) {
      completions = `${succeeded}/1 of ${parallelism}`;
    } else {
      completions = `${succeeded}/1`;
    }
    const start = toMillis(job.status?.startTime);
    const end = toMillis(job.status?.completionTime);
    let duration = '';
    let durationMs: number | undefined;
    if (start !== undefined) {
      durationMs = (end ?? ctx.now) - start;
      duration = end === undefined ? since(job.status?.startTime, ctx.now) : humanDuration(durationMs);
    }
    const [status, health] = jobStatus(job);
    const [age, created] = ageOf(job, ctx.now);
    const [containers, images] = containerCells(job.spec?.template?.spec);
    const selector = selectorFromLabelSelector(job.spec?.selector);
    return makeRow(
      job,
      [
        job.metadata?.name ?? '',
        status,
        completions,
        duration,
        age,
        containers,
        images,
        selector ? formatSelector(selector) || '<none>' : '<none>',
      ],
      health,
      [undefined, undefined, succeeded, durationMs, created],
    );
  },
};
