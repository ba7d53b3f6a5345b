import { randomBytes } from 'node:crypto';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

function requireCronJob(t: Target): void {
  if (!isKind(t, kinds.cronJob)) throw new ActionError('not a CronJob', 'Invalid', 'select a CronJob');
}

/** The Job `kubectl create job NAME --from=cronjob/x` makes: the template, an owner reference, the manual mark. */
export function jobFromCronJob(cron: V1CronJob, name: string): V1Job {
  const tmpl = cron.spec?.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cron.metadata?.namespace,
      labels: tmpl?.metadata?.labels,
      annotations: { ...tmpl?.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cron.metadata?.name ?? '',
          uid: cron.metadata?.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: tmpl?.spec,
  };
}

/** A name like k9s gives manual runs: `<cronjob>-manual-xxxxx`, cut to fit 63 characters. */
export function manualJobName(cronName: string): string {
  const suffix = `-manual-${randomBytes(3).toString('hex').slice(0, 5)}`;
  return cronName.slice(0, 63 - suffix.length) + suffix;
}

/** Runs each CronJob now, as a Job made from its template. */
export function triggerCronJob(
  ctx: ActionContext,
  targets: readonly Target[],
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'trigger', targets, opts, async (t, signal) => {
    requireCronJob(t);
    const cron = await ctx.read.get<V1CronJob>(t, { signal });
    const job = jobFromCronJob(cron, manualJobName(t.name));
    await ctx.mutate.create(kinds.job, t.namespace, job, { signal });
    return `created job ${job.metadata?.name}`;
  });
}

/** Suspends (true) or resumes (false) the schedule. */
export function suspendCronJob(
  ctx: ActionContext,
  targets: readonly Target[],
  suspend: boolean,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, suspend ? 'suspend' : 'resume', targets, opts, async (t, signal) => {
    requireCronJob(t);
    await ctx.mutate.patch(t, 'merge', { spec: { suspend } }, { signal });
    return suspend ? 'suspended' : 'resumed';
  });
}

/** k9s's `s` on a CronJob: each one flips between suspended and scheduled. */
export function toggleSuspend(
  ctx: ActionContext,
  targets: readonly Target[],
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'suspend/resume', targets, opts, async (t, signal) => {
    requireCronJob(t);
    const cron = await ctx.read.get<V1CronJob>(t, { signal });
    const suspend = cron.spec?.suspend !== true;
    await ctx.mutate.patch(t, 'merge', { spec: { suspend } }, { signal });
    return suspend ? 'suspended' : 'resumed';
  });
}
