import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { deploymentController } from '../../src/demo/controllers/deployment.js';
import { garbageCollector } from '../../src/demo/controllers/garbage-collector.js';
import { podLifecycle } from '../../src/demo/controllers/pod-lifecycle.js';
import { replicaSetController } from '../../src/demo/controllers/replicaset.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { scheduler } from '../../src/demo/controllers/scheduler.js';
import { runControllers, testNode, waitFor } from './helpers/demo-harness.js';
import { demoStore, eventsOf } from './helpers/demo-store.js';

const fast = { timeScale: 0.01 };
let stop: () => void = () => {};
afterEach(() => stop());

function cluster() {
  const store = demoStore();
  for (let i = 1; i <= 3; i++) store.create(gvr.nodes, testNode(`kdeck-worker-${i}`, `198.51.100.1${i}`));
  stop = runControllers(store, [
    scheduler(fast),
    podLifecycle(fast),
    replicaSetController(),
    deploymentController(),
    garbageCollector(),
  ]);
  return store;
}

const deployment = (replicas: number, image = 'nginx'): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'test', namespace: 'default', labels: { app: 'test' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'test' } },
    template: { metadata: { labels: { app: 'test' } }, spec: { containers: [{ name: 'nginx', image }] } },
  },
});

type Store = ReturnType<typeof demoStore>;
const replicaSets = (store: Store) =>
  store.list<V1ReplicaSet>(gvr.replicasets, 'default').filter((rs) => rs.metadata?.name?.startsWith('test-'));
const getD = (store: Store) => store.get<V1Deployment>(gvr.deployments, 'default', 'test')!;
const settled = (store: Store, revision: string) => () => {
  const d = getD(store);
  return (
    d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision &&
    d.status?.observedGeneration === d.metadata?.generation &&
    d.status?.updatedReplicas === d.spec?.replicas &&
    d.status?.availableReplicas === d.spec?.replicas &&
    d.status?.replicas === d.spec?.replicas &&
    d
  );
};

function update(store: Store, change: (d: V1Deployment) => V1Deployment): void {
  store.update(gvr.deployments, change(structuredClone(getD(store))));
}

test('ReplicaSet frontend adopts a matching orphan pod and creates only the missing replicas', async () => {
  const store = cluster();
  const labels = { app: 'guestbook', tier: 'frontend' };
  store.create<V1Pod>(gvr.pods, {
    metadata: { name: 'pod1', namespace: 'default', labels },
    spec: { containers: [{ name: 'hello', image: 'gcr.io/google-samples/hello-app:2.0' }] },
  });
  store.create<V1ReplicaSet>(gvr.replicasets, {
    metadata: { name: 'frontend', namespace: 'default', labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: { tier: 'frontend' } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v3' }] },
      },
    },
  });
  await waitFor(
    '3 ready',
    () => store.get<V1ReplicaSet>(gvr.replicasets, 'default', 'frontend')?.status?.readyReplicas === 3,
  );
  const pods = store.list<V1Pod>(gvr.pods, 'default');
  assert.equal(pods.length, 3);
  assert.ok(pods.every((p) => p.metadata?.ownerReferences?.[0]?.name === 'frontend'));
  assert.ok(pods.some((p) => p.metadata?.name === 'pod1'));
  assert.equal(eventsOf(store, 'frontend').filter((e) => e.reason === 'SuccessfulCreate').length, 2);
});

test('a Deployment makes a hashed ReplicaSet at revision 1 and reports itself Available', async () => {
  const store = cluster();
  store.create(gvr.deployments, deployment(2));
  const d = await waitFor('available', settled(store, '1'));
  const [rs] = replicaSets(store);
  assert.match(rs!.metadata!.name!, /^test-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  assert.equal(rs!.metadata!.labels!['pod-template-hash'], rs!.metadata!.name!.slice(5));
  assert.ok(d.status!.conditions!.some((c) => c.type === 'Available' && c.status === 'True'));
  assert.ok(d.status!.conditions!.some((c) => c.reason === 'NewReplicaSetAvailable'));
  const ev = eventsOf(store, 'test').find((e) => e.reason === 'ScalingReplicaSet')!;
  assert.equal(ev.message, `Scaled up replica set ${rs!.metadata!.name} from 0 to 2`);
});

test('rolling update, restart and rollback move revisions the way kubectl rollout shows them', async () => {
  const store = cluster();
  store.create(gvr.deployments, {
    ...deployment(4),
    spec: {
      ...deployment(4).spec!,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    },
  });
  await waitFor('rev 1', settled(store, '1'));
  const first = replicaSets(store)[0]!;
  let maxPods = 0;
  const unwatch = store.watch(gvr.pods, () => {
    const live = store.list<V1Pod>(gvr.pods, 'default').filter((p) => !p.metadata?.deletionTimestamp).length;
    maxPods = Math.max(maxPods, live);
  });
  update(store, (d) => {
    d.spec!.template!.spec!.containers[0]!.image = 'nginx:1.27';
    return d;
  });
  await waitFor('rev 2', settled(store, '2'));
  unwatch();
  assert.ok(maxPods <= 5, `maxSurge 1 allows 5 pods at most, saw ${maxPods}`);
  assert.equal(store.get<V1ReplicaSet>(gvr.replicasets, 'default', first.metadata!.name!)!.spec!.replicas, 0);

  update(store, (d) => {
    d.spec!.template!.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-28T09:00:00Z' };
    return d;
  });
  await waitFor('rev 3', settled(store, '3'));
  assert.equal(replicaSets(store).length, 3);

  update(store, (d) => {
    d.spec!.template = structuredClone(first.spec!.template!);
    delete d.spec!.template!.metadata!.labels!['pod-template-hash'];
    return d;
  });
  await waitFor('rev 4', settled(store, '4'));
  const back = store.get<V1ReplicaSet>(gvr.replicasets, 'default', first.metadata!.name!)!;
  assert.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision'], '4');
  assert.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(back.spec!.replicas, 4);
});

test('revisionHistoryLimit deletes the oldest empty ReplicaSets', async () => {
  const store = cluster();
  store.create(gvr.deployments, {
    ...deployment(1),
    spec: { ...deployment(1).spec!, revisionHistoryLimit: 1 },
  });
  for (const [i, tag] of ['1.25', '1.26', '1.27'].entries()) {
    await waitFor(`rev ${i + 1}`, settled(store, String(i + 1)));
    update(store, (d) => {
      d.spec!.template!.spec!.containers[0]!.image = `nginx:${tag}`;
      return d;
    });
  }
  await waitFor('rev 4', settled(store, '4'));
  await waitFor('history trimmed', () => replicaSets(store).length === 2);
});

test('deleting a Deployment removes its ReplicaSets and pods; orphan keeps them', async () => {
  const store = cluster();
  store.create(gvr.deployments, deployment(2));
  await waitFor('rev 1', settled(store, '1'));
  store.delete(gvr.deployments, 'default', 'test', { propagationPolicy: 'Orphan' });
  await waitFor('deployment gone', () => !store.get(gvr.deployments, 'default', 'test'));
  const [rs] = replicaSets(store);
  await waitFor('rs orphaned', () => replicaSets(store)[0]?.metadata?.ownerReferences?.length === 0);
  assert.equal(store.list(gvr.pods, 'default').length, 2);

  store.create(gvr.deployments, deployment(2));
  store.delete(gvr.replicasets, 'default', rs!.metadata!.name!, { propagationPolicy: 'Foreground' });
  await waitFor(
    'old rs and its pods gone',
    () => !store.get(gvr.replicasets, 'default', rs!.metadata!.name!),
  );
  await waitFor('new rollout', settled(store, '1'));
  store.delete(gvr.deployments, 'default', 'test');
  await waitFor(
    'everything gone',
    () => replicaSets(store).length === 0 && store.list(gvr.pods, 'default').length === 0,
  );
});
