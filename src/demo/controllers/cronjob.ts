import type { V1CronJob, V1Job, V1ObjectReference } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { parseCron } from './cron-schedule.js';
import { observe } from './informer.js';
import { controllerOf, controllerRef, isControlledBy, keyOf, splitKey } from './owner-refs.js';
import { gvr } from './resources.js';
import { timeOf, wireTime } from './wire-time.js';
import { WorkQueue } from './work-queue.js';

const component = 'cronjob-controller';
const scheduledAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

function outcome(job: V1Job): 'Complete' | 'Failed' | undefined {
  const c = job.status?.conditions?.find(
    (x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  return c?.type as 'Complete' | 'Failed' | undefined;
}

function ref(job: V1Job): V1ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata!.name,
    namespace: job.metadata!.namespace,
    uid: job.metadata!.uid,
    resourceVersion: job.metadata!.resourceVersion,
  };
}

/**
 * One reconcile of a CronJob: starts the Job of the latest missed schedule (honouring suspend and
 * concurrencyPolicy), notices finished jobs, trims history; returns ms until the next schedule.
 */
export function syncCronJob(
  store: DemoObjectStore,
  cj: V1CronJob,
  now: number = Date.now(),
): number | undefined {
  const ns = cj.metadata!.namespace;
  const name = cj.metadata!.name!;
  const jobs = store.list<V1Job>(gvr.jobs, ns).filter((j) => isControlledBy(j, cj));
  const status = { ...cj.status };
  const active = jobs.filter((j) => !outcome(j) && !j.metadata?.deletionTimestamp);
  for (const j of jobs) {
    const o = outcome(j);
    const wasActive = (cj.status?.active ?? []).some((a) => a.uid === j.metadata?.uid);
    if (o && wasActive) {
      store.recordEvent(
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${j.metadata!.name}, condition: ${o}`,
        component,
      );
      if (o === 'Complete') {
        const done = timeOf(j.status?.completionTime) ?? now;
        if (done > (timeOf(status.lastSuccessfulTime) ?? 0)) status.lastSuccessfulTime = wireTime(done);
      }
    }
  }
  let schedule: ReturnType<typeof parseCron>;
  try {
    schedule = parseCron(cj.spec!.schedule);
  } catch (e) {
    store.recordEvent(
      cj,
      'Warning',
      'UnparseableSchedule',
      `unparseable schedule: "${cj.spec!.schedule}" : ${(e as Error).message}`,
      component,
    );
    return undefined;
  }
  const since = timeOf(status.lastScheduleTime) ?? timeOf(cj.metadata?.creationTimestamp) ?? now;
  let due: number | undefined;
  for (let t = schedule.next(since); t <= now; t = schedule.next(t)) due = t;
  if (due !== undefined && cj.spec?.suspend !== true) {
    const deadline = cj.spec?.startingDeadlineSeconds;
    const tooLate = deadline !== undefined && now - due > deadline * 1000;
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (!tooLate && !(policy === 'Forbid' && active.length > 0)) {
      if (policy === 'Replace') {
        for (const j of active) {
          ignoreRace(() =>
            store.delete(gvr.jobs, ns, j.metadata!.name!, { propagationPolicy: 'Background' }),
          );
          store.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`, component);
        }
        active.length = 0;
      }
      const jobName = `${name}-${Math.floor(due / 60_000)}`;
      const tm = cj.spec!.jobTemplate.metadata ?? {};
      const job = ignoreRace(() =>
        store.create<V1Job>(gvr.jobs, {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: jobName,
            namespace: ns,
            labels: { ...(tm.labels ?? {}) },
            annotations: {
              ...(tm.annotations ?? {}),
              [scheduledAnnotation]: wireTime(due) as unknown as string,
            },
            ownerReferences: [controllerRef(cj)],
          },
          spec: structuredClone(cj.spec!.jobTemplate.spec),
        }),
      );
      if (job) {
        active.push(job);
        store.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, component);
      }
    } else if (policy === 'Forbid') {
      store.recordEvent(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
        component,
      );
    }
    status.lastScheduleTime = wireTime(due);
  }
  trimHistory(store, cj, jobs);
  const next = { ...status, active: active.length ? active.map(ref) : undefined };
  if (!next.active) delete next.active;
  if (JSON.stringify(next) !== JSON.stringify(cj.status ?? {}))
    store.updateStatus(gvr.cronjobs, { ...cj, status: next });
  return Math.max(1000, schedule.next(now) - now + 100);
}

function trimHistory(store: DemoObjectStore, cj: V1CronJob, jobs: V1Job[]): void {
  const keep = {
    Complete: cj.spec?.successfulJobsHistoryLimit ?? 3,
    Failed: cj.spec?.failedJobsHistoryLimit ?? 1,
  };
  for (const kind of ['Complete', 'Failed'] as const) {
    const done = jobs
      .filter((j) => outcome(j) === kind && !j.metadata?.deletionTimestamp)
      .sort((a, b) => (timeOf(a.status?.startTime) ?? 0) - (timeOf(b.status?.startTime) ?? 0));
    for (const j of done.slice(0, Math.max(0, done.length - keep[kind]))) {
      ignoreRace(() =>
        store.delete(gvr.jobs, j.metadata!.namespace, j.metadata!.name!, { propagationPolicy: 'Background' }),
      );
      store.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`, component);
    }
  }
}

/** The CronJob controller: runs each cronjob at its schedule and whenever it or one of its jobs changes. */
export function cronJobController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const cj = store.get<V1CronJob>(gvr.cronjobs, ns, name);
        return cj ? syncCronJob(store, cj) : undefined;
      },
      signal,
      log,
    );
    observe(store, gvr.cronjobs, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.jobs, signal, (_type, obj) => {
      const owner = controllerOf(obj);
      if (owner?.kind === 'CronJob') queue.add(`${obj.metadata?.namespace}/${owner.name}`);
    });
  };
}
