import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1ConfigMap, V1Node } from '@kubernetes/client-node';
import { buildLbView, type LbInput } from '../../src/model/lb/lb-view.js';
import type { Advertisement } from '../../src/model/lb/metallb-types.js';
import { ipPool, lbService, namespace, serviceEvent } from './lb-fixtures.js';

const legacy: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: 'metallb-system', name: 'config' },
  data: {
    config:
      'address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 203.0.113.220-203.0.113.240\n',
  },
};

const node = (name: string, labels: Record<string, string> = {}): V1Node => ({ metadata: { name, labels } });
const l2 = (name: string, spec: Advertisement['spec'] = {}): Advertisement => ({
  metadata: { name, namespace: 'metallb-system' },
  spec,
});

function input(over: Partial<LbInput>): LbInput {
  return {
    ipAddressPools: [],
    l2Advertisements: [],
    bgpAdvertisements: [],
    services: [],
    events: [],
    l2Statuses: [],
    bgpStatuses: [],
    nodes: [node('node-1'), node('node-2')],
    namespaces: [namespace('default')],
    ...over,
  };
}

describe('the load-balancer view', () => {
  it('reads the scenario ConfigMap, shows the nginx service and predicts the next address', () => {
    const nginx = lbService('nginx', {
      ingress: ['203.0.113.220'],
      annotations: { 'metallb.io/ip-allocated-from-pool': 'default' },
    });
    const view = buildLbView(input({ configMap: legacy, services: [nginx] }));
    assert.equal(view.source, 'ConfigMap');
    const pool = view.pools[0]!;
    assert.equal(pool.name, 'default');
    assert.equal(pool.size, 21n);
    assert.equal(pool.used, 1);
    assert.equal(pool.free, 20n);
    assert.deepEqual(pool.freeRanges, ['203.0.113.221-203.0.113.240']);
    assert.equal(pool.next.IPv4, '203.0.113.221');
    assert.equal(pool.advertisedBy, 'cm:layer2');
    assert.deepEqual(pool.services, ['default/nginx']);
    assert.deepEqual(view.next, { ip: '203.0.113.221', pool: 'default', alternatives: [] });
    const row = view.assignments[0]!;
    assert.deepEqual(
      [row.status, row.pool, row.poolFrom, row.ips],
      ['Assigned', 'default', 'annotation', ['203.0.113.220']],
    );
  });

  it('prefers IPAddressPools and says the ConfigMap is ignored; warns about a pool nothing announces', () => {
    const view = buildLbView(
      input({
        configMap: legacy,
        ipAddressPools: [
          ipPool('default', ['203.0.113.220-203.0.113.240']),
          ipPool('quiet', ['198.51.100.0/30']),
        ],
        l2Advertisements: [
          l2('l2', { ipAddressPools: ['default'], nodeSelectors: [{ matchLabels: { edge: 'true' } }] }),
        ],
        nodes: [node('node-1', { edge: 'true' }), node('node-2')],
      }),
    );
    assert.equal(view.source, 'IPAddressPool');
    assert.deepEqual(
      view.findings.map((f) => `${f.severity} ${f.subject}`),
      ['info ConfigMap metallb-system/config', 'warning pool quiet'],
    );
    assert.equal(view.pools[0]!.advertisedBy, 'L2:l2(edge=true)');
    assert.equal(view.pools[1]!.advertisedBy, '⚠ none');
  });

  it('reports overlapping and malformed pools as findings and keeps going', () => {
    const view = buildLbView(
      input({
        ipAddressPools: [ipPool('a', ['10.0.0.0/24', 'garbage']), ipPool('b', ['10.0.0.128-10.0.0.130'])],
        l2Advertisements: [l2('all')],
      }),
    );
    assert.deepEqual(
      view.findings.map((f) => f.message),
      [
        'invalid CIDR "garbage" in pool "a": invalid CIDR "garbage"',
        'addresses 10.0.0.128-10.0.0.130 in pool "b" overlap 10.0.0.0-10.0.0.255 of pool "a": MetalLB rejects the whole configuration',
      ],
    );
    assert.equal(view.pools[0]!.size, 256n);
  });

  it('marks conflicts, outside addresses, foreign classes and pending services with their reasons', () => {
    const a = lbService('a', { ingress: ['203.0.113.220'] });
    const b = lbService('b', { ingress: ['203.0.113.220'] });
    const stray = lbService('stray', { ingress: ['192.0.2.50'] });
    const foreign = lbService('foreign', { loadBalancerClass: 'example.com/other' });
    const waiting = lbService('waiting', { loadBalancerIP: '198.51.100.99', uid: 'u1' });
    const fresh = lbService('fresh');
    const events = [
      serviceEvent(
        waiting,
        'AllocationFailed',
        'Failed to allocate IP for "default/waiting": ["198.51.100.99"] is not allowed in config',
        '2026-01-01T00:00:00Z',
      ),
    ];
    const view = buildLbView(
      input({
        ipAddressPools: [ipPool('default', ['203.0.113.220-203.0.113.240'])],
        l2Advertisements: [l2('all')],
        services: [a, b, stray, foreign, waiting, fresh],
        events,
      }),
    );
    const by = new Map(view.assignments.map((r) => [r.name, r]));
    assert.deepEqual(
      [by.get('a')!.status, by.get('a')!.pool, by.get('a')!.poolFrom],
      ['Assigned', 'default', 'computed'],
    );
    assert.deepEqual(
      [by.get('b')!.status, by.get('b')!.reason],
      ['Conflict', `can't change sharing key for "default/b", address also in use by default/a`],
    );
    assert.deepEqual(
      [by.get('stray')!.status, by.get('stray')!.reason],
      ['Outside', '192.0.2.50 is in no pool'],
    );
    assert.equal(by.get('foreign')!.status, 'Pending');
    assert.match(by.get('foreign')!.reason, /loadBalancerClass "example.com\/other" is not MetalLB's/);
    assert.deepEqual(
      [by.get('waiting')!.reason, by.get('waiting')!.reasonFrom],
      ['["198.51.100.99"] is not allowed in config', 'event'],
    );
    assert.deepEqual(
      [by.get('fresh')!.reason, by.get('fresh')!.reasonFrom],
      ['MetalLB would assign 203.0.113.221 from pool default; no controller has acted yet', 'computed'],
    );
    assert.equal(view.next?.ip, '203.0.113.221');
  });

  it('explains an exhausted pool and shows the announcing node', () => {
    const held = lbService('held', { ingress: ['198.51.100.1'] });
    const late = lbService('late');
    const events = [
      serviceEvent(
        held,
        'nodeAssigned',
        'announcing from node "node-2" with protocol "layer2"',
        '2026-01-01T00:00:00Z',
      ),
    ];
    const view = buildLbView(
      input({
        ipAddressPools: [ipPool('one', ['198.51.100.1/32'])],
        l2Advertisements: [l2('all')],
        services: [held, late],
        events,
      }),
    );
    assert.deepEqual(
      view.assignments.map((r) => [r.name, r.status, r.reason, r.nodes.join(',')]),
      [
        ['held', 'Assigned', '', 'node-2'],
        ['late', 'Pending', 'no available IPs', ''],
      ],
    );
    assert.equal(view.pools[0]!.free, 0n);
    assert.equal(view.pools[0]!.next.IPv4, undefined);
    assert.equal(view.next, undefined);
    assert.match(view.pools[0]!.usageBar, /^█{10} 100%$/);
  });

  it('lists free ranges without .0/.255 when avoidBuggyIPs is set, and takes the node from ServiceL2Status', () => {
    const s = lbService('s', { ingress: ['10.0.0.1'] });
    const view = buildLbView(
      input({
        ipAddressPools: [ipPool('b', ['10.0.0.0/23'], { avoidBuggyIPs: true })],
        l2Advertisements: [l2('all')],
        services: [s],
        l2Statuses: [
          {
            metadata: { name: 'l2-x', namespace: 'metallb-system' },
            status: { node: 'node-1', serviceName: 's', serviceNamespace: 'default' },
          },
        ],
      }),
    );
    const pool = view.pools[0]!;
    assert.equal(pool.size, 508n);
    assert.deepEqual(pool.freeRanges, ['10.0.0.2-10.0.0.254', '10.0.1.1-10.0.1.254']);
    assert.equal(pool.next.IPv4, '10.0.0.2');
    assert.deepEqual(view.assignments[0]!.nodes, ['node-1']);
  });

  it('names the other pools MetalLB might pick when several auto-assign pools have room', () => {
    const view = buildLbView(
      input({
        ipAddressPools: [ipPool('a', ['10.0.0.1/32']), ipPool('b', ['10.0.1.1/32'])],
        l2Advertisements: [l2('all')],
      }),
    );
    assert.deepEqual(view.next, { ip: '10.0.0.1', pool: 'a', alternatives: ['b'] });
  });
});
