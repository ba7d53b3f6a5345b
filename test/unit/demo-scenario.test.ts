import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CoreV1Event, V1DaemonSet, V1Pod } from '@kubernetes/client-node';
import { builtinCrds } from '../../src/demo/apiserver/builtin-crds.js';
import { followCrds } from '../../src/demo/apiserver/crd.js';
import { builtinControllers } from '../../src/demo/controllers/index.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { seedScenario } from '../../src/demo/scenario/index.js';
import { runControllers, waitFor } from './helpers/demo-harness.js';
import { demoStore } from './helpers/demo-store.js';

let stop: () => void = () => {};
afterEach(() => stop());

function seeded(extraPods = 0) {
  const store = demoStore();
  followCrds(store, store.registry);
  for (const crd of builtinCrds())
    store.create(
      { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' },
      crd,
    );
  stop = runControllers(store, builtinControllers({ timeScale: 0.01 }));
  seedScenario(store, { dns: undefined, extraPods });
  return store;
}

const pod = (store: ReturnType<typeof demoStore>, ns: string, name: string) =>
  store.get<V1Pod>(gvr.pods, ns, name);

test('the seeded scenario comes alive as SCENARIO.md describes it', async () => {
  const store = seeded();
  await waitFor(
    'fluentd on all 4 nodes',
    () =>
      store.get<V1DaemonSet>(gvr.daemonsets, 'kube-system', 'fluentd-elasticsearch')?.status?.numberReady ===
      4,
  );
  await waitFor('webserver running', () => pod(store, 'default', 'webserver')?.status?.phase === 'Running');
  await waitFor('web-2 running', () => pod(store, 'default', 'web-2')?.status?.phase === 'Running');
  await waitFor(
    'crashy restarting',
    () => (pod(store, 'default', 'crashy')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2,
  );
  const frontend = store
    .list<V1Pod>(gvr.pods, 'default')
    .filter((p) => p.metadata?.ownerReferences?.[0]?.name === 'frontend');
  assert.equal(frontend.length, 3);
  assert.ok(
    frontend.some((p) => p.metadata?.name === 'pod1'),
    'the orphan pod1 is adopted',
  );
  const hungry = store
    .list<CoreV1Event>(gvr.events, 'default')
    .find((e) => e.involvedObject.name === 'hungry');
  assert.equal(hungry?.reason, 'FailedScheduling');
  assert.match(
    hungry!.message!,
    /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/master: \}, 3 Insufficient memory\./,
  );
  const ws = pod(store, 'default', 'webserver')!;
  assert.equal(ws.spec!.initContainers![0]!.workingDir, '/tmp');
  assert.deepEqual(
    ws.spec!.containers[0]!.env!.map((e) => e.name),
    ['MY_ENV', 'ANOTHER_ENV'],
  );
});

test('--demo-pods puts the extra pods Running on tainted load nodes, leaving the workers free', () => {
  const store = seeded(1000);
  const load = store.list<V1Pod>(gvr.pods, 'load');
  assert.equal(load.length, 1000);
  assert.ok(load.every((p) => p.status?.phase === 'Running' && p.spec?.nodeName?.startsWith('kdeck-load-')));
  assert.equal(new Set(load.map((p) => p.status!.podIP)).size, 1000, 'pod IPs are unique');
  assert.equal(store.list(gvr.events, 'load').length, 0, 'no event storm for the load');
});
