import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1DaemonSet, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { daemonSetController } from '../../src/demo/controllers/daemonset.js';
import { garbageCollector } from '../../src/demo/controllers/garbage-collector.js';
import { podLifecycle } from '../../src/demo/controllers/pod-lifecycle.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { scheduler } from '../../src/demo/controllers/scheduler.js';
import { statefulSetController } from '../../src/demo/controllers/statefulset.js';
import { runControllers, testNode, waitFor } from './helpers/demo-harness.js';
import { demoStore } from './helpers/demo-store.js';

const fast = { timeScale: 0.01 };
let stop: () => void = () => {};
afterEach(() => stop());

function cluster() {
  const store = demoStore();
  store.create(
    gvr.nodes,
    testNode('kdeck-control-plane', '198.51.100.10', {
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
    }),
  );
  for (let i = 1; i <= 3; i++) store.create(gvr.nodes, testNode(`kdeck-worker-${i}`, `198.51.100.1${i}`));
  stop = runControllers(store, [
    scheduler(fast),
    podLifecycle(fast),
    statefulSetController(),
    daemonSetController(),
    garbageCollector(),
  ]);
  return store;
}

type Store = ReturnType<typeof demoStore>;

const web = (replicas: number, policy: 'OrderedReady' | 'Parallel' = 'OrderedReady'): V1StatefulSet => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas,
    podManagementPolicy: policy,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});

const webPods = (store: Store) =>
  store
    .list<V1Pod>(gvr.pods, 'default')
    .filter((p) => p.metadata?.name?.startsWith('web-'))
    .map((p) => p.metadata!.name!)
    .sort();

test('OrderedReady creates web-0..2 one after another, each with its PVC, hostname and pod-name label', async () => {
  const store = cluster();
  const order: string[] = [];
  const unwatch = store.watch(gvr.pods, (type, obj) => {
    if (type === 'ADDED') {
      const names = webPods(store);
      order.push(obj.metadata!.name!);
      // A new ordinal appears only when every lower one is Running and Ready.
      for (const n of names.filter((x) => x !== obj.metadata!.name)) {
        const p = store.get<V1Pod>(gvr.pods, 'default', n)!;
        assert.ok(
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
          `${n} ready before ${obj.metadata!.name}`,
        );
      }
    }
  });
  store.create(gvr.statefulsets, web(3));
  await waitFor(
    '3 ready',
    () => store.get<V1StatefulSet>(gvr.statefulsets, 'default', 'web')?.status?.readyReplicas === 3,
  );
  unwatch();
  assert.deepEqual(order, ['web-0', 'web-1', 'web-2']);
  const p1 = store.get<V1Pod>(gvr.pods, 'default', 'web-1')!;
  assert.equal(p1.spec!.hostname, 'web-1');
  assert.equal(p1.spec!.subdomain, 'nginx');
  assert.equal(p1.metadata!.labels!['statefulset.kubernetes.io/pod-name'], 'web-1');
  assert.equal(
    p1.spec!.volumes!.find((v) => v.name === 'www')!.persistentVolumeClaim!.claimName,
    'www-web-1',
  );
  assert.ok(store.get(gvr.persistentvolumeclaims, 'default', 'www-web-2'));
});

test('scaling down removes the highest ordinal first; a partitioned rolling update stops at the partition', async () => {
  const store = cluster();
  store.create(gvr.statefulsets, web(3, 'Parallel'));
  const sts = () => store.get<V1StatefulSet>(gvr.statefulsets, 'default', 'web')!;
  await waitFor('3 ready', () => sts().status?.readyReplicas === 3);
  const s = structuredClone(sts());
  s.spec!.replicas = 2;
  s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } };
  s.spec!.template!.spec!.containers[0]!.image = 'registry.k8s.io/nginx-slim:0.27';
  store.update(gvr.statefulsets, s);
  await waitFor('web-2 gone, web-1 updated', () => {
    const st = sts().status;
    return webPods(store).join() === 'web-0,web-1' && st?.updatedReplicas === 1 && st.readyReplicas === 2;
  });
  const rev = (n: string) =>
    store.get<V1Pod>(gvr.pods, 'default', n)!.metadata!.labels!['controller-revision-hash'];
  assert.equal(rev('web-1'), sts().status!.updateRevision);
  assert.notEqual(rev('web-0'), sts().status!.updateRevision);
  assert.equal(sts().status!.currentRevision, rev('web-0'));
  assert.ok(
    store.get(gvr.persistentvolumeclaims, 'default', 'www-web-2'),
    'PVCs outlive scale-down by default',
  );
});

test('fluentd runs one pod per node, the control plane included thanks to its toleration', async () => {
  const store = cluster();
  const ds: V1DaemonSet = {
    metadata: {
      name: 'fluentd-elasticsearch',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'fluentd-logging' },
    },
    spec: {
      selector: { matchLabels: { name: 'fluentd-elasticsearch' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { name: 'fluentd-elasticsearch' } },
        spec: {
          tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
          containers: [
            { name: 'fluentd-elasticsearch', image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2' },
          ],
        },
      },
    },
  };
  store.create(gvr.daemonsets, ds);
  const status = () => store.get<V1DaemonSet>(gvr.daemonsets, 'kube-system', 'fluentd-elasticsearch')!.status;
  await waitFor('4 ready', () => status()?.numberReady === 4);
  const nodes = store
    .list<V1Pod>(gvr.pods, 'kube-system')
    .map((p) => p.spec!.nodeName)
    .sort();
  assert.deepEqual(nodes, ['kdeck-control-plane', 'kdeck-worker-1', 'kdeck-worker-2', 'kdeck-worker-3']);

  const noTol = structuredClone(
    store.get<V1DaemonSet>(gvr.daemonsets, 'kube-system', 'fluentd-elasticsearch')!,
  );
  noTol.spec!.template!.spec!.tolerations = [];
  store.update(gvr.daemonsets, noTol);
  await waitFor('3 updated, none on the control plane', () => {
    const pods = store.list<V1Pod>(gvr.pods, 'kube-system').filter((p) => !p.metadata?.deletionTimestamp);
    return (
      status()?.updatedNumberScheduled === 3 &&
      status()?.numberReady === 3 &&
      pods.length === 3 &&
      pods.every((p) => p.spec?.nodeName !== 'kdeck-control-plane')
    );
  });
});
