import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1CronJob, V1Job, V1Pod } from '@kubernetes/client-node';
import { parseCron } from '../../src/demo/controllers/cron-schedule.js';
import { syncCronJob } from '../../src/demo/controllers/cronjob.js';
import { jobController } from '../../src/demo/controllers/job.js';
import { podLifecycle } from '../../src/demo/controllers/pod-lifecycle.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { scheduler } from '../../src/demo/controllers/scheduler.js';
import { runControllers, testNode, waitFor } from './helpers/demo-harness.js';
import { demoStore, eventsOf } from './helpers/demo-store.js';

const fast = { timeScale: 0.01 };
let stop: () => void = () => {};
afterEach(() => stop());

const at = (iso: string) => Date.parse(iso);
for (const [schedule, after, next] of [
  ['*/5 * * * *', '2026-11-28T09:41:30Z', '2026-11-28T09:45:00Z'],
  ['0 * * * *', '2026-11-28T09:41:00Z', '2026-11-28T10:00:00Z'],
  ['@daily', '2026-11-28T09:41:00Z', '2026-11-29T00:00:00Z'],
  ['30 2 * * mon-fri', '2026-11-28T09:41:00Z', '2026-11-30T02:30:00Z'],
  ['0 0 1 jan *', '2026-11-28T09:41:00Z', '2027-01-01T00:00:00Z'],
  ['15,45 8-9 * * *', '2026-11-28T09:20:00Z', '2026-11-28T09:45:00Z'],
  ['CRON_TZ=UTC 0 12 * * 7', '2026-11-28T09:41:00Z', '2026-11-29T12:00:00Z'],
] as const) {
  test(`cron "${schedule}" after ${after} fires at ${next}`, () => {
    assert.equal(new Date(parseCron(schedule).next(at(after))).toISOString().replace('.000', ''), next);
  });
}

test('cron rejects schedules the CronJob validation rejects', () => {
  assert.throws(() => parseCron('* * * *'), /5 fields/);
  assert.throws(() => parseCron('61 * * * *'), /bad cron value/);
  assert.throws(() => parseCron('*/0 * * * *'), /bad cron step/);
});

function cluster() {
  const store = demoStore();
  store.create(gvr.nodes, testNode('kdeck-worker-1', '198.51.100.11'));
  stop = runControllers(store, [scheduler(fast), podLifecycle(fast), jobController()]);
  return store;
}

const piTemplate = {
  spec: {
    restartPolicy: 'Never',
    containers: [
      { name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
    ],
  },
};

test('a Job with 2 completions and parallelism 1 runs two pods one after the other, then is Complete', async () => {
  const store = cluster();
  store.create<V1Job>(gvr.jobs, {
    metadata: { name: 'pi', namespace: 'default' },
    spec: { completions: 2, parallelism: 1, template: piTemplate },
  });
  const job = await waitFor('complete', () => {
    const j = store.get<V1Job>(gvr.jobs, 'default', 'pi');
    return j?.status?.conditions?.some((c) => c.type === 'Complete') && j;
  });
  assert.equal(job.status!.succeeded, 2);
  assert.ok(job.status!.completionTime);
  const pods = store.list<V1Pod>(gvr.pods, 'default');
  assert.equal(pods.length, 2);
  assert.ok(pods.every((p) => p.metadata!.labels!['job-name'] === 'pi' && p.status!.phase === 'Succeeded'));
  assert.deepEqual(
    eventsOf(store, 'pi').map((e) => e.reason),
    ['SuccessfulCreate', 'SuccessfulCreate', 'Completed'],
  );
});

test('a Job whose pods fail stops at backoffLimit with BackoffLimitExceeded', async () => {
  const store = cluster();
  const failing = {
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'x', image: 'busybox', command: ['sh', '-c', 'exit 2'] }],
    },
  };
  store.create<V1Job>(gvr.jobs, {
    metadata: { name: 'bad', namespace: 'default' },
    spec: { backoffLimit: 1, template: failing },
  });
  const job = await waitFor('failed', () => {
    const j = store.get<V1Job>(gvr.jobs, 'default', 'bad');
    return j?.status?.conditions?.some((c) => c.type === 'Failed') && j;
  });
  assert.equal(job.status!.failed, 2);
  assert.equal(job.status!.conditions!.find((c) => c.type === 'Failed')!.reason, 'BackoffLimitExceeded');
});

test('a CronJob starts the job of its latest missed schedule once, and skips while suspended', () => {
  const store = demoStore();
  const cj = store.create<V1CronJob>(gvr.cronjobs, {
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: piTemplate } } },
  });
  const created = Date.parse(cj.metadata!.creationTimestamp as unknown as string);
  const later = created + 3 * 60_000 + 5_000;
  syncCronJob(store, cj, later);
  const jobs = store.list<V1Job>(gvr.jobs, 'default');
  assert.equal(jobs.length, 1, 'only the latest missed run starts');
  const minute = Math.floor(later / 60_000);
  assert.equal(jobs[0]!.metadata!.name, `hello-${minute}`);
  const after = store.get<V1CronJob>(gvr.cronjobs, 'default', 'hello')!;
  assert.equal(after.status!.active![0]!.name, `hello-${minute}`);
  syncCronJob(store, after, later + 1000);
  assert.equal(store.list(gvr.jobs, 'default').length, 1, 'the same schedule never runs twice');

  store.update(gvr.cronjobs, { ...after, spec: { ...after.spec!, suspend: true } });
  syncCronJob(store, store.get<V1CronJob>(gvr.cronjobs, 'default', 'hello')!, later + 5 * 60_000);
  assert.equal(store.list(gvr.jobs, 'default').length, 1);
  assert.equal(eventsOf(store, 'hello')[0]!.message, `Created job hello-${minute}`);
});
