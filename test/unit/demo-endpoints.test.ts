import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1EndpointSlice, V1Endpoints, V1Pod, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { endpointsController } from '../../src/demo/controllers/endpoints.js';
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

test('the headless nginx service lists web-0 and web-1 with their hostnames, in Endpoints and an EndpointSlice', async () => {
  const store = demoStore();
  store.create(gvr.nodes, testNode('kdeck-worker-1', '198.51.100.11'));
  stop = runControllers(store, [
    scheduler(fast),
    podLifecycle(fast),
    statefulSetController(),
    endpointsController(),
    garbageCollector(),
  ]);
  store.create<V1Service>(gvr.services, {
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      clusterIP: 'None',
      selector: { app: 'nginx' },
      ports: [{ name: 'web', port: 80, targetPort: 'web' }],
    },
  });
  store.create<V1StatefulSet>(gvr.statefulsets, {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'registry.k8s.io/nginx-slim:0.24',
              ports: [{ name: 'web', containerPort: 8080 }],
            },
          ],
        },
      },
    },
  });
  const ep = await waitFor('2 ready addresses', () => {
    const e = store.get<V1Endpoints>(gvr.endpoints, 'default', 'nginx');
    return e?.subsets?.[0]?.addresses?.length === 2 && e;
  });
  const byName = Object.fromEntries(ep.subsets![0]!.addresses!.map((a) => [a.targetRef!.name, a]));
  const web0 = store.get<V1Pod>(gvr.pods, 'default', 'web-0')!;
  assert.equal(byName['web-0']!.hostname, 'web-0');
  assert.equal(byName['web-0']!.ip, web0.status!.podIP);
  assert.equal(ep.subsets![0]!.ports![0]!.port, 8080, 'the named targetPort resolves to the container port');
  const slice = store.list<V1EndpointSlice>(gvr.endpointslices, 'default')[0]!;
  assert.equal(slice.metadata!.labels!['kubernetes.io/service-name'], 'nginx');
  assert.equal(slice.endpoints.length, 2);
  assert.ok(slice.endpoints.every((e) => e.conditions?.ready === true && e.hostname?.startsWith('web-')));

  store.delete(gvr.services, 'default', 'nginx');
  await waitFor(
    'endpoints and slice removed with the service',
    () =>
      !store.get(gvr.endpoints, 'default', 'nginx') && store.list(gvr.endpointslices, 'default').length === 0,
  );
});
