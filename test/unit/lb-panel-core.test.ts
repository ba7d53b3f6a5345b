import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceRef } from '../../src/kube/discovery.js';
import { assignmentTable, lbSummary, poolTable } from '../../src/model/lb/lb-table.js';
import {
  type LbSnapshots,
  lbQueries,
  lbViewFromSnapshots,
  missingKinds,
} from '../../src/ui/panels/lb/use-lb-panel.js';
import { ipPool, lbService, serviceEvent } from './lb-fixtures.js';

function ref(group: string, resource: string, kind: string, namespaced = true): ResourceRef {
  return {
    group,
    version: group ? 'v1beta1' : 'v1',
    resource,
    kind,
    namespaced,
    verbs: ['list', 'watch'],
    shortNames: [],
    singular: kind.toLowerCase(),
    categories: [],
  };
}

const core = [
  ref('', 'services', 'Service'),
  ref('', 'events', 'Event'),
  ref('', 'nodes', 'Node', false),
  ref('', 'namespaces', 'Namespace', false),
  ref('', 'configmaps', 'ConfigMap'),
];
const metallb = [
  ref('metallb.io', 'ipaddresspools', 'IPAddressPool'),
  ref('metallb.io', 'l2advertisements', 'L2Advertisement'),
];

function resolver(refs: ResourceRef[]) {
  return (name: string) => refs.find((r) => name === r.resource || name === `${r.resource}.${r.group}`);
}

const snap = (items: KubernetesObject[] = []) => ({ items });

describe('the panel queries', () => {
  it('watches MetalLB events by reason and the legacy ConfigMap by name', () => {
    const q = lbQueries(resolver([...core, ...metallb]));
    assert.equal(q.allocationFailed?.fieldSelector, 'reason=AllocationFailed');
    assert.equal(q.nodeAssigned?.fieldSelector, 'reason=nodeAssigned');
    assert.deepEqual(q.configMap?.namespaces, ['metallb-system']);
    assert.equal(q.configMap?.fieldSelector, 'metadata.name=config');
    assert.equal(q.ipAddressPools?.resource.resource, 'ipaddresspools');
    assert.deepEqual(missingKinds(q), [
      'bgpadvertisements.metallb.io',
      'servicel2statuses.metallb.io',
      'servicebgpstatuses.metallb.io',
      'configurationstates.metallb.io',
    ]);
  });
  it('a cluster without MetalLB CRDs still gets services, events and the ConfigMap', () => {
    const q = lbQueries(resolver(core));
    assert.equal(q.ipAddressPools, undefined);
    assert.ok(q.services && q.configMap && q.allocationFailed);
    assert.equal(missingKinds(q).length, 6);
  });
});

describe('snapshots to tables', () => {
  it('turns snapshots into pool and service rows with the reason and its source', () => {
    const held = lbService('held', {
      ingress: ['198.51.100.1'],
      annotations: { 'metallb.io/ip-allocated-from-pool': 'one' },
    });
    const late = lbService('late');
    const s: LbSnapshots = {
      ipAddressPools: snap([ipPool('one', ['198.51.100.1/32'])]),
      l2Advertisements: snap([{ metadata: { name: 'l2' }, spec: {} } as KubernetesObject]),
      bgpAdvertisements: snap(),
      l2Statuses: snap(),
      bgpStatuses: snap(),
      configurationStates: snap([
        {
          metadata: { name: 'config-status', namespace: 'metallb-system' },
          status: { result: 'Invalid', errorSummary: 'CIDR overlaps' },
        } as KubernetesObject,
      ]),
      configMap: snap(),
      services: snap([held, late, lbService('plain', { type: 'ClusterIP' })]),
      allocationFailed: snap([
        serviceEvent(
          late,
          'AllocationFailed',
          'Failed to allocate IP for "default/late": no available IPs',
          '2026-01-01T00:00:00Z',
        ),
      ]),
      ipAllocated: snap(),
      nodeAssigned: snap(),
      nodes: snap(),
      namespaces: snap(),
    };
    const view = lbViewFromSnapshots(s);
    const pools = poolTable(view);
    assert.deepEqual(pools.rows[0]!.cells.slice(0, 8), [
      'one',
      '198.51.100.1/32',
      'IPv4',
      '1',
      '1',
      '0',
      '██████████ 100%',
      '<none>',
    ]);
    const services = assignmentTable(view);
    assert.deepEqual(
      services.rows.map((r) => [r.name, r.cells[1], r.cells[2], r.cells[3], r.cells[6], r.health]),
      [
        ['held', '198.51.100.1', 'one', 'Assigned', '', 'ok'],
        ['late', '<pending>', '', 'Pending', 'no available IPs (event)', 'pending'],
      ],
    );
    assert.deepEqual(
      assignmentTable(view, 'one').rows.map((r) => r.name),
      ['held'],
    );
    assert.equal(
      lbSummary(view),
      'pools from IPAddressPools · 2 LoadBalancer services, 1 pending · next: none free',
    );
    assert.equal(
      lbSummary(view, { loading: true }),
      'pools from IPAddressPools · 2 LoadBalancer services, 1 pending · next: known once everything has loaded',
    );
  });
});
