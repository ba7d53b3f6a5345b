import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { podLifecycle } from '../../src/demo/controllers/pod-lifecycle.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { scheduler } from '../../src/demo/controllers/scheduler.js';
import { runControllers, testNode, waitFor } from './helpers/demo-harness.js';
import { demoStore, eventsOf } from './helpers/demo-store.js';

type Store = ReturnType<typeof demoStore>;

const fast = { timeScale: 0.01 };
let stop: () => void = () => {};
afterEach(() => stop());

function cluster(): Store {
  const store = demoStore();
  store.create(
    gvr.nodes,
    testNode('kdeck-control-plane', '198.51.100.10', {
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
    }),
  );
  for (let i = 1; i <= 3; i++) store.create(gvr.nodes, testNode(`kdeck-worker-${i}`, `198.51.100.1${i}`));
  stop = runControllers(store, [scheduler(fast), podLifecycle(fast)]);
  return store;
}

function pod(name: string, spec: Partial<V1Pod['spec']> = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...spec },
  };
}

const get = (store: Store, name: string) => store.get<V1Pod>(gvr.pods, 'default', name);

test('a pod is scheduled to a worker, pulled, started and becomes Ready with IPs from the node', async () => {
  const store = cluster();
  store.create(gvr.pods, pod('nginx'));
  const p = await waitFor('Ready', () => {
    const x = get(store, 'nginx');
    return x?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && x;
  });
  assert.match(p.spec!.nodeName!, /^kdeck-worker-/);
  assert.equal(p.status!.phase, 'Running');
  const node = store.get<V1Node>(gvr.nodes, undefined, p.spec!.nodeName!)!;
  assert.equal(p.status!.hostIP, node.status!.addresses![0]!.address);
  assert.match(p.status!.podIP!, /^10\.244\.1[123]\.\d+$/);
  assert.equal(p.status!.containerStatuses![0]!.image, 'docker.io/library/nginx:latest');
  const reasons = eventsOf(store, 'nginx').map((e) => e.reason);
  assert.deepEqual(reasons, ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  const scheduled = eventsOf(store).find((e) => e.reason === 'Scheduled')!;
  assert.equal(scheduled.message, `Successfully assigned default/nginx to ${p.spec!.nodeName}`);
});

test('init containers run in order before the app container starts', async () => {
  const store = cluster();
  store.create(
    gvr.pods,
    pod('webserver', {
      initContainers: [
        { name: 'init-dir', image: 'busybox', workingDir: '/tmp', command: ['sh', '-c', 'mkdir -p test'] },
        { name: 'second', image: 'busybox', command: ['true'] },
      ],
    }),
  );
  const seen = new Set<string>();
  const p = await waitFor('Running', () => {
    const x = get(store, 'webserver');
    const inits = x?.status?.initContainerStatuses ?? [];
    if (inits[0]?.state?.running) seen.add('first running');
    if (inits[1]?.state?.running) {
      seen.add('second running');
      assert.equal(inits[0]!.state!.terminated!.reason, 'Completed');
      assert.ok(x!.status!.containerStatuses![0]!.state!.waiting);
    }
    return x?.status?.phase === 'Running' && x;
  });
  assert.deepEqual([...seen], ['first running', 'second running']);
  assert.ok(p.status!.conditions!.some((c) => c.type === 'Initialized' && c.status === 'True'));
});

test('a failing container crash-loops with growing restarts, the exit code and a BackOff event', async () => {
  const store = cluster();
  store.create(
    gvr.pods,
    pod('crashy', {
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }],
    }),
  );
  const p = await waitFor(
    'third restart',
    () => {
      const x = get(store, 'crashy');
      return (x?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 3 && x;
    },
    30_000,
  );
  const cs = p.status!.containerStatuses![0]!;
  assert.equal(cs.lastState!.terminated!.exitCode, 1);
  assert.equal(cs.lastState!.terminated!.reason, 'Error');
  assert.ok(
    eventsOf(store).some(
      (e) =>
        e.reason === 'BackOff' &&
        e.message!.startsWith('Back-off restarting failed container app in pod crashy_default('),
    ),
  );
});

test('a pod too big for any worker stays Pending and says why, as kube-scheduler does', async () => {
  const store = cluster();
  store.create(
    gvr.pods,
    pod('hungry', {
      containers: [{ name: 'app', image: 'nginx', resources: { requests: { memory: '64Gi' } } }],
    }),
  );
  const ev = await waitFor('FailedScheduling', () =>
    eventsOf(store).find((e) => e.reason === 'FailedScheduling'),
  );
  assert.equal(
    ev.message,
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
  );
  const p = get(store, 'hungry')!;
  assert.equal(p.status!.phase, 'Pending');
  assert.equal(p.spec!.nodeName, undefined);
  assert.equal(p.status!.conditions!.find((c) => c.type === 'PodScheduled')!.reason, 'Unschedulable');
});

test('a run-to-completion pod ends Succeeded with its container Completed', async () => {
  const store = cluster();
  store.create(
    gvr.pods,
    pod('job-pod', {
      restartPolicy: 'Never',
      containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', 'print 1'] }],
    }),
  );
  const p = await waitFor('Succeeded', () => {
    const x = get(store, 'job-pod');
    return x?.status?.phase === 'Succeeded' && x;
  });
  assert.equal(p.status!.containerStatuses![0]!.state!.terminated!.reason, 'Completed');
});

test('a deleted pod gets Killing, its containers stop and it is removed after the grace period', async () => {
  const store = cluster();
  store.create(gvr.pods, pod('doomed'));
  await waitFor('Running', () => get(store, 'doomed')?.status?.phase === 'Running');
  store.delete(gvr.pods, 'default', 'doomed');
  const deleting = get(store, 'doomed');
  assert.ok(deleting?.metadata?.deletionTimestamp, 'graceful deletion keeps the pod for a while');
  await waitFor('gone', () => get(store, 'doomed') === undefined);
  assert.ok(eventsOf(store).some((e) => e.reason === 'Killing' && e.message === 'Stopping container nginx'));
});
