import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Namespace, V1Service } from '@kubernetes/client-node';
import { Allocator } from '../../src/model/lb/allocator.js';
import { allocateIps, converge, serviceRequest } from '../../src/model/lb/converge.js';
import { formatIp } from '../../src/model/lb/ip-range.js';
import type { IPAddressPool } from '../../src/model/lb/metallb-types.js';
import { poolConfig } from '../../src/model/lb/pools.js';
import { ipPool, lbService, namespace } from './lb-fixtures.js';

/** Allocates each service in turn on one allocator, as MetalLB's controller would, and says what each got. */
function allocateAll(
  pools: IPAddressPool[],
  services: V1Service[],
  namespaces: V1Namespace[] = [],
): string[] {
  const cfg = poolConfig({ ipAddressPools: pools, namespaces });
  const alloc = new Allocator(cfg.pools);
  return services.map((s) => {
    const r = allocateIps(alloc, serviceRequest(s));
    return 'error' in r ? `error: ${r.error}` : `${r.ips.map(formatIp).join(',')} (${r.pool})`;
  });
}

const scenario = ipPool('default', ['203.0.113.220-203.0.113.240']);

interface Case {
  name: string;
  pools: IPAddressPool[];
  services: V1Service[];
  namespaces?: V1Namespace[];
  want: string[];
}

const cases: Case[] = [
  {
    name: 'the scenario pool hands out its first free addresses in order',
    pools: [scenario],
    services: [lbService('nginx'), lbService('web')],
    want: ['203.0.113.220 (default)', '203.0.113.221 (default)'],
  },
  {
    name: 'spec.loadBalancerIP inside a pool is honoured, outside is refused',
    pools: [scenario],
    services: [
      lbService('a', { loadBalancerIP: '203.0.113.230' }),
      lbService('b', { loadBalancerIP: '198.51.100.7' }),
    ],
    want: ['203.0.113.230 (default)', 'error: ["198.51.100.7"] is not allowed in config'],
  },
  {
    name: 'the metallb.io and metallb.universe.tf loadBalancerIPs annotations request addresses',
    pools: [scenario],
    services: [
      lbService('a', { annotations: { 'metallb.io/loadBalancerIPs': '203.0.113.235' } }),
      lbService('b', { annotations: { 'metallb.universe.tf/loadBalancerIPs': '203.0.113.236' } }),
      lbService('c', { annotations: { 'metallb.io/loadBalancerIPs': 'nope' } }),
      lbService('d', {
        loadBalancerIP: '203.0.113.237',
        annotations: { 'metallb.io/loadBalancerIPs': '203.0.113.238' },
      }),
    ],
    want: [
      '203.0.113.235 (default)',
      '203.0.113.236 (default)',
      'error: invalid metallb.io/loadBalancerIPs: "nope"',
      'error: service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP',
    ],
  },
  {
    name: 'requested IP of the wrong family or outside the named pool',
    pools: [scenario, ipPool('other', ['198.51.100.0/30'])],
    services: [
      lbService('a', { loadBalancerIP: '2001:db8::1' }),
      lbService('b', {
        loadBalancerIP: '198.51.100.1',
        annotations: { 'metallb.io/address-pool': 'default' },
      }),
    ],
    want: [
      'error: requested loadBalancer IP(s) ["2001:db8::1"] does not match the ipFamily of the service',
      'error: requested loadBalancer IP(s) ["198.51.100.1"] is not compatible with requested address pool default',
    ],
  },
  {
    name: 'a named pool is used even with autoAssign false; a missing one is reported',
    pools: [scenario, ipPool('manual', ['198.51.100.10-198.51.100.11'], { autoAssign: false })],
    services: [
      lbService('a', { annotations: { 'metallb.io/address-pool': 'manual' } }),
      lbService('b', { annotations: { 'metallb.universe.tf/address-pool': 'manual' } }),
      lbService('c', { annotations: { 'metallb.io/address-pool': 'ghost' } }),
      lbService('d'),
    ],
    want: [
      '198.51.100.10 (manual)',
      '198.51.100.11 (manual)',
      'error: unknown pool "ghost"',
      '203.0.113.220 (default)',
    ],
  },
  {
    name: 'autoAssign false pools are never picked automatically',
    pools: [ipPool('manual', ['198.51.100.10/32'], { autoAssign: false })],
    services: [lbService('a')],
    want: ['error: no available IPs'],
  },
  {
    name: 'exhaustion: auto and named pools say so in MetalLB words',
    pools: [ipPool('small', ['198.51.100.1-198.51.100.2'])],
    services: [
      lbService('a'),
      lbService('b'),
      lbService('c'),
      lbService('d', { annotations: { 'metallb.io/address-pool': 'small' } }),
    ],
    want: [
      '198.51.100.1 (small)',
      '198.51.100.2 (small)',
      'error: no available IPs',
      'error: no available IPs in pool small',
    ],
  },
  {
    name: 'avoidBuggyIPs skips .0 and .255',
    pools: [ipPool('b', ['10.0.0.255-10.0.1.1'], { avoidBuggyIPs: true })],
    services: [lbService('a'), lbService('b'), lbService('c', { loadBalancerIP: '10.0.1.0' })],
    want: ['10.0.1.1 (b)', 'error: no available IPs', 'error: ["10.0.1.0"] is not allowed in config'],
  },
  {
    name: 'addresses are handed out in declaration order, not numeric order',
    pools: [ipPool('p', ['10.0.0.50/32', '10.0.0.1-10.0.0.2'])],
    services: [lbService('a'), lbService('b')],
    want: ['10.0.0.50 (p)', '10.0.0.1 (p)'],
  },
  {
    name: 'namespace pools by priority, unset priority last, plain pools as fallback',
    pools: [
      ipPool('plain', ['10.0.0.1/32']),
      ipPool('team-low', ['10.0.1.1/32'], { serviceAllocation: { priority: 20, namespaces: ['team'] } }),
      ipPool('team-high', ['10.0.2.1/32'], { serviceAllocation: { priority: 10, namespaces: ['team'] } }),
      ipPool('team-none', ['10.0.3.1/32'], { serviceAllocation: { namespaces: ['team'] } }),
    ],
    services: [
      lbService('a', { ns: 'team' }),
      lbService('b', { ns: 'team' }),
      lbService('c', { ns: 'team' }),
      lbService('d', { ns: 'team' }),
      lbService('e', { ns: 'other' }),
    ],
    want: [
      '10.0.2.1 (team-high)',
      '10.0.1.1 (team-low)',
      '10.0.3.1 (team-none)',
      '10.0.0.1 (plain)',
      'error: no available IPs',
    ],
  },
  {
    name: 'a requested IP in a pool reserved for another namespace is refused',
    pools: [ipPool('team', ['10.0.1.0/30'], { serviceAllocation: { namespaces: ['team'] } })],
    services: [lbService('a', { ns: 'default', loadBalancerIP: '10.0.1.1' })],
    want: ['error: pool team not compatible for ip assignment'],
  },
  {
    name: 'namespaceSelectors match namespaces by their labels',
    pools: [
      ipPool('prod', ['10.0.5.1/32'], {
        serviceAllocation: { namespaceSelectors: [{ matchLabels: { env: 'prod' } }] },
      }),
      ipPool('plain', ['10.0.0.1/32']),
    ],
    namespaces: [namespace('shop', { env: 'prod' }), namespace('dev', { env: 'dev' })],
    services: [lbService('a', { ns: 'shop' }), lbService('b', { ns: 'dev' })],
    want: ['10.0.5.1 (prod)', '10.0.0.1 (plain)'],
  },
  {
    name: 'serviceSelectors pick pools by service labels',
    pools: [
      ipPool('edge', ['10.0.6.1/32'], {
        serviceAllocation: { serviceSelectors: [{ matchLabels: { tier: 'edge' } }] },
      }),
      ipPool('plain', ['10.0.0.1/32']),
    ],
    services: [lbService('a', { labels: { tier: 'edge' } }), lbService('b', { labels: { tier: 'back' } })],
    want: ['10.0.6.1 (edge)', '10.0.0.1 (plain)'],
  },
  {
    name: 'sharing: same key and distinct ports share, the same port moves to the next address',
    pools: [scenario],
    services: [
      lbService('dns-tcp', { annotations: { 'metallb.io/allow-shared-ip': 'dns' }, ports: [[53, 'TCP']] }),
      lbService('dns-udp', {
        annotations: { 'metallb.io/allow-shared-ip': 'dns' },
        ports: [[53, 'UDP']],
        loadBalancerIP: '203.0.113.220',
      }),
      lbService('dns-dup', { annotations: { 'metallb.io/allow-shared-ip': 'dns' }, ports: [[53, 'UDP']] }),
    ],
    want: ['203.0.113.220 (default)', '203.0.113.220 (default)', '203.0.113.221 (default)'],
  },
  {
    name: 'sharing refused: another key, no key, a port clash, different Local backends',
    pools: [scenario],
    services: [
      lbService('a', {
        annotations: { 'metallb.io/allow-shared-ip': 'k1' },
        ports: [[80]],
        local: true,
        selector: { app: 'x' },
      }),
      lbService('b', {
        annotations: { 'metallb.io/allow-shared-ip': 'k2' },
        ports: [[81]],
        loadBalancerIP: '203.0.113.220',
      }),
      lbService('c', { ports: [[82]], loadBalancerIP: '203.0.113.220' }),
      lbService('d', {
        annotations: { 'metallb.io/allow-shared-ip': 'k1' },
        ports: [[80]],
        loadBalancerIP: '203.0.113.220',
        local: true,
        selector: { app: 'x' },
      }),
      lbService('e', {
        annotations: { 'metallb.io/allow-shared-ip': 'k1' },
        ports: [[83]],
        loadBalancerIP: '203.0.113.220',
        local: true,
        selector: { app: 'y' },
      }),
      lbService('f', {
        annotations: { 'metallb.universe.tf/allow-shared-ip': 'k1' },
        ports: [[84]],
        loadBalancerIP: '203.0.113.220',
        local: true,
        selector: { app: 'x' },
      }),
    ],
    want: [
      '203.0.113.220 (default)',
      `error: can't change sharing key for "default/b", address also in use by default/a`,
      `error: can't change sharing key for "default/c", address also in use by default/a`,
      'error: port TCP/80 is already in use on "203.0.113.220"',
      `error: can't change sharing key for "default/e", address also in use by default/a`,
      '203.0.113.220 (default)',
    ],
  },
  {
    name: 'dual-stack: RequireDualStack gets one of each family, IPv6 single-stack gets IPv6',
    pools: [ipPool('dual', ['10.0.0.1-10.0.0.2', '2001:db8::/126'])],
    services: [
      lbService('both', { clusterIPs: ['10.96.0.1', 'fd00::1'], policy: 'RequireDualStack' }),
      lbService('six', { clusterIPs: ['fd00::2'] }),
      lbService('prefer', {
        clusterIPs: ['fd00::3', '10.96.0.3'],
        ipFamilies: ['IPv6', 'IPv4'],
        policy: 'PreferDualStack',
      }),
    ],
    want: ['10.0.0.1,2001:db8:: (dual)', '2001:db8::1 (dual)', '10.0.0.2,2001:db8::2 (dual)'],
  },
  {
    name: 'a v4-only pool cannot serve a dual-stack service that requires both',
    pools: [scenario],
    services: [lbService('both', { clusterIPs: ['10.96.0.1', 'fd00::1'], policy: 'RequireDualStack' })],
    want: ['error: no available IPs'],
  },
];

describe('MetalLB v0.16 allocation rules', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(allocateAll(c.pools, c.services, c.namespaces), c.want);
    });
  }
});

describe('converge: what the controller does with an address a service already has', () => {
  const cfg = poolConfig({ ipAddressPools: [scenario], namespaces: [] });
  it('keeps an address the config allows and records nothing', () => {
    const alloc = new Allocator(cfg.pools);
    const out = converge(alloc, serviceRequest(lbService('a', { ingress: ['203.0.113.233'] })));
    assert.deepEqual(out.ips.map(formatIp), ['203.0.113.233']);
    assert.deepEqual(out.events, []);
  });
  it('clears an address outside every pool and allocates a new one', () => {
    const alloc = new Allocator(cfg.pools);
    const out = converge(alloc, serviceRequest(lbService('a', { ingress: ['198.51.100.9'] })));
    assert.deepEqual(out.ips.map(formatIp), ['203.0.113.220']);
    assert.deepEqual(
      out.events.map((e) => e.reason),
      ['ClearAssignment', 'IPAllocated'],
    );
    assert.equal(out.events[1]!.message, 'Assigned IP ["203.0.113.220"]');
  });
  it('moves a service whose request changed', () => {
    const alloc = new Allocator(cfg.pools);
    const out = converge(
      alloc,
      serviceRequest(lbService('a', { ingress: ['203.0.113.221'], loadBalancerIP: '203.0.113.239' })),
    );
    assert.deepEqual(out.ips.map(formatIp), ['203.0.113.239']);
  });
  it('records AllocationFailed with the key in MetalLB words', () => {
    const alloc = new Allocator([]);
    const none = converge(alloc, serviceRequest(lbService('a')));
    assert.equal(none.error, 'no address pools configured');
    const alloc2 = new Allocator(
      poolConfig({ ipAddressPools: [ipPool('x', ['10.0.0.1/32'])], namespaces: [] }).pools,
    );
    converge(alloc2, serviceRequest(lbService('a')));
    const out = converge(alloc2, serviceRequest(lbService('b')));
    assert.deepEqual(out.events, [
      {
        type: 'Warning',
        reason: 'AllocationFailed',
        message: 'Failed to allocate IP for "default/b": no available IPs',
      },
    ]);
  });
});
