import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { V1ConfigMap, V1CustomResourceDefinition, V1Pod, V1Service } from '@kubernetes/client-node';
import { typesOf } from '../../src/demo/apiserver/crd.js';
import { builtinResourceTypes, ResourceRegistry } from '../../src/demo/apiserver/resources.js';
import { ObjectStore } from '../../src/demo/apiserver/store.js';
import { electL2Node, metallbController } from '../../src/demo/controllers/metallb.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { buildLbView } from '../../src/model/lb/lb-view.js';
import type {
  Advertisement,
  IPAddressPool,
  ServiceAnnounceStatus,
} from '../../src/model/lb/metallb-types.js';
import { runControllers, testNode, waitFor } from './helpers/demo-harness.js';
import { eventsOf } from './helpers/demo-store.js';

let stop: () => void = () => {};
afterEach(() => stop());

function crd(plural: string, kind: string): V1CustomResourceDefinition {
  return {
    metadata: { name: `${plural}.metallb.io` },
    spec: {
      group: 'metallb.io',
      names: { plural, kind },
      scope: 'Namespaced',
      versions: [{ name: 'v1beta1', served: true, storage: true, subresources: { status: {} } }],
    },
  };
}

/** The demo API server's store with MetalLB's CRDs served, two Ready nodes and a running controller. */
function cluster(): ObjectStore {
  const types = [
    ...builtinResourceTypes(),
    ...typesOf(crd('ipaddresspools', 'IPAddressPool')),
    ...typesOf(crd('l2advertisements', 'L2Advertisement')),
    ...typesOf(crd('servicel2statuses', 'ServiceL2Status')),
  ];
  const store = new ObjectStore(new ResourceRegistry(types));
  for (const name of ['default', 'metallb-system'])
    store.create(gvr.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  store.create(gvr.nodes, testNode('worker-1', '198.51.100.11'));
  store.create(gvr.nodes, testNode('worker-2', '198.51.100.12'));
  stop = runControllers(store, [metallbController()]);
  return store;
}

function readyPod(store: ObjectStore, name: string, labels: Record<string, string>): void {
  const pod = store.create<V1Pod>(gvr.pods, {
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] },
  });
  store.updateStatus(gvr.pods, {
    ...pod,
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

function expose(
  store: ObjectStore,
  name: string,
  extra: Partial<V1Service['spec']> = {},
  annotations?: Record<string, string>,
): void {
  store.create<V1Service>(gvr.services, {
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'LoadBalancer', selector: { run: name }, ports: [{ port: 80, protocol: 'TCP' }], ...extra },
  });
}

const l2StatusGvr = { group: 'metallb.io', version: 'v1beta1', resource: 'servicel2statuses' };

const svc = (store: ObjectStore, name: string) => store.get<V1Service>(gvr.services, 'default', name);
const ipOf = (store: ObjectStore, name: string) => svc(store, name)?.status?.loadBalancer?.ingress?.[0]?.ip;

function viewOf(store: ObjectStore) {
  return buildLbView({
    ipAddressPools: store.list<IPAddressPool>(gvr.ipaddresspools),
    configMap: store.get<V1ConfigMap>(gvr.configmaps, 'metallb-system', 'config'),
    l2Advertisements: store.list<Advertisement>(gvr.l2advertisements),
    bgpAdvertisements: [],
    services: store.list(gvr.services),
    events: eventsOf(store),
    l2Statuses: store.list<ServiceAnnounceStatus>(l2StatusGvr),
    bgpStatuses: [],
    nodes: store.list(gvr.nodes),
    namespaces: store.list(gvr.namespaces),
  });
}

test('the scenario ConfigMap: kubectl expose --type=LoadBalancer gets the first address, with MetalLB events', async () => {
  const store = cluster();
  store.create<V1ConfigMap>(gvr.configmaps, {
    metadata: { name: 'config', namespace: 'metallb-system' },
    data: {
      config:
        'address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 203.0.113.220-203.0.113.240\n',
    },
  });
  readyPod(store, 'nginx', { run: 'nginx' });
  assert.equal(viewOf(store).next?.ip, '203.0.113.220');
  expose(store, 'nginx');
  await waitFor('nginx address', () => ipOf(store, 'nginx'));
  assert.equal(ipOf(store, 'nginx'), '203.0.113.220');
  assert.equal(svc(store, 'nginx')!.metadata!.annotations!['metallb.io/ip-allocated-from-pool'], 'default');
  const node = electL2Node(['worker-1', 'worker-2'], '203.0.113.220');
  await waitFor('nodeAssigned', () => eventsOf(store, 'nginx').some((e) => e.reason === 'nodeAssigned'));
  assert.deepEqual(
    eventsOf(store, 'nginx').map((e) => [e.reason, e.message]),
    [
      ['IPAllocated', 'Assigned IP ["203.0.113.220"]'],
      ['nodeAssigned', `announcing from node "${node}" with protocol "layer2"`],
    ],
  );
  const row = viewOf(store).assignments[0]!;
  assert.deepEqual([row.status, row.pool, row.nodes], ['Assigned', 'default', [node]]);
  const [l2status] = store.list<ServiceAnnounceStatus>(l2StatusGvr, 'metallb-system');
  assert.match(l2status!.metadata!.name!, /^l2-/);
  assert.deepEqual(l2status!.status, {
    node,
    serviceName: 'nginx',
    serviceNamespace: 'default',
    interfaces: [{ name: 'eth0' }],
  });
  store.delete(gvr.services, 'default', 'nginx');
  await waitFor('the ServiceL2Status to go', () => store.list(l2StatusGvr).length === 0);
});

test('IPAddressPool: the predicted next address is what a new service gets; exhaustion pends until an address frees', async () => {
  const store = cluster();
  store.create<IPAddressPool>(gvr.ipaddresspools, {
    metadata: { name: 'tiny', namespace: 'metallb-system' },
    spec: { addresses: ['198.51.100.64/31'], avoidBuggyIPs: false },
  });
  store.create<Advertisement>(gvr.l2advertisements, {
    metadata: { name: 'l2', namespace: 'metallb-system' },
    spec: {},
  });
  expose(store, 'a', { loadBalancerIP: '198.51.100.65' });
  await waitFor('a', () => ipOf(store, 'a'));
  const predicted = viewOf(store).next?.ip;
  assert.equal(predicted, '198.51.100.64');
  expose(store, 'b');
  await waitFor('b', () => ipOf(store, 'b'));
  assert.equal(ipOf(store, 'b'), predicted);
  expose(store, 'c');
  await waitFor('c to fail', () => eventsOf(store, 'c').some((e) => e.reason === 'AllocationFailed'));
  const failed = eventsOf(store, 'c').find((e) => e.reason === 'AllocationFailed')!;
  assert.equal(failed.message, 'Failed to allocate IP for "default/c": no available IPs');
  assert.equal(failed.type, 'Warning');
  const row = viewOf(store).assignments.find((r) => r.name === 'c')!;
  assert.deepEqual([row.status, row.reason, row.reasonFrom], ['Pending', 'no available IPs', 'event']);
  store.delete(gvr.services, 'default', 'a');
  await waitFor('c after a is gone', () => ipOf(store, 'c'));
  assert.equal(ipOf(store, 'c'), '198.51.100.65');
  const pool = await waitFor('pool status', () => {
    const p = store.get<IPAddressPool>(gvr.ipaddresspools, 'metallb-system', 'tiny');
    return p?.status?.assignedIPv4 === 2 && p;
  });
  assert.deepEqual(pool.status, { assignedIPv4: 2, assignedIPv6: 0, availableIPv4: 0, availableIPv6: 0 });
  assert.equal(viewOf(store).pools[0]!.statusCounts, 'v4 2/2');
});

test('a service whose type is no longer LoadBalancer loses its address and annotation', async () => {
  const store = cluster();
  store.create<IPAddressPool>(gvr.ipaddresspools, {
    metadata: { name: 'p', namespace: 'metallb-system' },
    spec: { addresses: ['198.51.100.70/32'] },
  });
  expose(store, 'x');
  await waitFor('x', () => ipOf(store, 'x'));
  const cur = svc(store, 'x')!;
  store.update(gvr.services, { ...cur, spec: { ...cur.spec, type: 'ClusterIP' } });
  await waitFor('x cleared', () => {
    const s = svc(store, 'x')!;
    return (
      !s.metadata?.annotations?.['metallb.io/ip-allocated-from-pool'] &&
      !s.status?.loadBalancer?.ingress?.length
    );
  });
});

test('the deprecated metallb.universe.tf keys still work and earn a deprecatedAnnotation warning', async () => {
  const store = cluster();
  store.create<IPAddressPool>(gvr.ipaddresspools, {
    metadata: { name: 'old', namespace: 'metallb-system' },
    spec: { addresses: ['198.51.100.80/32'], autoAssign: false },
  });
  expose(store, 'legacy', {}, { 'metallb.universe.tf/address-pool': 'old' });
  await waitFor('legacy', () => ipOf(store, 'legacy'));
  assert.equal(ipOf(store, 'legacy'), '198.51.100.80');
  const warned = eventsOf(store, 'legacy').filter((e) => e.reason === 'deprecatedAnnotation');
  assert.deepEqual(
    warned.map((e) => [e.type, e.message]),
    [['Warning', 'Service uses deprecated annotation metallb.universe.tf/address-pool']],
  );
});
