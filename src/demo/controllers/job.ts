import type { V1Job, V1JobCondition, V1JobStatus, V1Pod } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { observe } from './informer.js';
import { controllerOf, isControlledBy, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isPodReady, isTerminal } from './pod-facts.js';
import { podFromTemplate } from './pod-template.js';
import { gvr } from './resources.js';
import { wireTime } from './wire-time.js';
import { WorkQueue } from './work-queue.js';

const component = 'job-controller';

function condition(type: string, reason: string, message: string): V1JobCondition {
  const now = wireTime();
  return { type, status: 'True', reason, message, lastProbeTime: now, lastTransitionTime: now };
}

function finished(job: V1Job): boolean {
  return (job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/** One reconcile of a Job: run up to parallelism pods until completions succeed or backoffLimit failures. */
export function syncJob(store: DemoObjectStore, job: V1Job): void {
  if (isDeleting(job)) return;
  const ns = job.metadata!.namespace;
  const pods = store.list<V1Pod>(gvr.pods, ns).filter((p) => isControlledBy(p, job));
  const active = pods.filter((p) => !isTerminal(p) && !isDeleting(p));
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
  const completions = job.spec?.completions ?? 1;
  const parallelism = job.spec?.parallelism ?? 1;
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  const suspended = job.spec?.suspend === true;
  let conditions = [...(job.status?.conditions ?? [])];
  const status: V1JobStatus = { ...job.status };
  let done = finished(job);

  if (!done && !suspended) {
    status.startTime ??= wireTime();
    if (failed > backoffLimit) {
      for (const p of active) ignoreRace(() => store.delete(gvr.pods, ns, p.metadata!.name!));
      conditions.push(
        condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      );
      conditions.push(
        condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      );
      store.recordEvent(
        job,
        'Warning',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        component,
      );
      done = true;
    } else if (succeeded >= completions) {
      conditions.push(
        condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      );
      conditions.push(
        condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      );
      status.completionTime = wireTime();
      store.recordEvent(job, 'Normal', 'Completed', 'Job completed', component);
      done = true;
    } else {
      const want = Math.min(parallelism, completions - succeeded) - active.length;
      const uid = job.metadata!.uid!;
      for (let i = 0; i < want; i++) {
        const pod = store.create(
          gvr.pods,
          podFromTemplate(job.spec?.template, job, {
            generateName: `${job.metadata!.name}-`,
            labels: {
              'batch.kubernetes.io/controller-uid': uid,
              'batch.kubernetes.io/job-name': job.metadata!.name!,
              'controller-uid': uid,
              'job-name': job.metadata!.name!,
            },
          }),
        );
        active.push(pod);
        store.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, component);
      }
    }
  }
  if (suspended && !done) {
    for (const p of active) ignoreRace(() => store.delete(gvr.pods, ns, p.metadata!.name!));
    if (!conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
      conditions = conditions.filter((c) => c.type !== 'Suspended');
      conditions.push(condition('Suspended', 'JobSuspended', 'Job suspended'));
      store.recordEvent(job, 'Normal', 'Suspended', 'Job suspended', component);
    }
  } else if (conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
    conditions = conditions.map((c) =>
      c.type === 'Suspended' ? { ...c, status: 'False', reason: 'JobResumed', message: 'Job resumed' } : c,
    );
    store.recordEvent(job, 'Normal', 'Resumed', 'Job resumed', component);
  }
  const stillActive = done || suspended ? 0 : active.length;
  const next: V1JobStatus = {
    ...status,
    ...(conditions.length ? { conditions } : {}),
    active: stillActive || undefined,
    ready: active.filter(isPodReady).length,
    succeeded: succeeded || undefined,
    failed: failed || undefined,
    terminating: pods.filter(isDeleting).length,
    uncountedTerminatedPods: {},
  };
  for (const k of ['active', 'succeeded', 'failed'] as const) if (next[k] === undefined) delete next[k];
  if (JSON.stringify(next) !== JSON.stringify(job.status))
    store.updateStatus(gvr.jobs, { ...job, status: next });
}

/** The Job controller: reconciles a job when it or one of its pods changes. */
export function jobController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const job = store.get<V1Job>(gvr.jobs, ns, name);
        if (job) syncJob(store, job);
      },
      signal,
      log,
    );
    observe(store, gvr.jobs, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.pods, signal, (_type, obj) => {
      const ref = controllerOf(obj);
      if (ref?.kind === 'Job') queue.add(`${obj.metadata?.namespace}/${ref.name}`);
    });
  };
}
