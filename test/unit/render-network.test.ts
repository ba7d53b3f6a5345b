import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Endpoints, V1Ingress, V1Service } from '@kubernetes/client-node';
import { endpointsRenderer } from '../../src/model/render/endpoints.js';
import { ingressRenderer } from '../../src/model/render/ingress.js';
import { serviceRenderer } from '../../src/model/render/service.js';
import {
  ago,
  headlessService,
  lbAssigned,
  lbPending,
  NOW,
  nodePortService,
  T,
  wwwIngress,
} from './render-fixtures.js';

const ctx = { now: NOW };

describe('service renderer (printService)', () => {
  it('columns', () => {
    assert.deepEqual(
      serviceRenderer.columns.map((c) => c.name),
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
    );
    assert.equal(serviceRenderer.columns[6]?.wide, true);
  });
  const withLb = (ips: string[], externalIPs?: string[]): V1Service => ({
    ...lbAssigned,
    spec: { ...lbAssigned.spec!, ...(externalIPs ? { externalIPs } : {}) },
    status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } },
  });
  const cases: [string, V1Service, string[], boolean?][] = [
    [
      'LoadBalancer waiting for MetalLB: <pending>',
      lbPending,
      ['nginx-lb', 'LoadBalancer', '10.96.23.7', '<pending>', '80:31380/TCP', '40s', 'run=nginx'],
    ],
    [
      'LoadBalancer with the pool address',
      lbAssigned,
      ['nginx-lb', 'LoadBalancer', '10.96.23.7', '203.0.113.220', '80:31380/TCP', '40s', 'run=nginx'],
    ],
    [
      'NodePort with two ports',
      nodePortService,
      ['web-np', 'NodePort', '10.96.100.5', '<none>', '80:30080/TCP,53:30053/UDP', '2d', 'app=web'],
    ],
    [
      'headless: cluster IP None',
      headlessService,
      ['nginx', 'ClusterIP', 'None', '<none>', '80/TCP', '5h', 'app=nginx'],
    ],
    [
      'ExternalName, no ports, no selector',
      {
        metadata: { name: 'db', namespace: 'default', creationTimestamp: ago(T.DAY) },
        spec: { type: 'ExternalName', externalName: 'db.mydomain.test' },
      },
      ['db', 'ExternalName', '<none>', 'db.mydomain.test', '<none>', '24h', '<none>'],
    ],
  ];
  for (const [name, svc, cells] of cases) {
    it(name, () => assert.deepEqual(serviceRenderer.render(svc, ctx).cells, cells));
  }
  it('a pending LoadBalancer is pending, an assigned one neutral', () => {
    assert.equal(serviceRenderer.render(lbPending, ctx).health, 'pending');
    assert.equal(serviceRenderer.render(lbAssigned, ctx).health, 'neutral');
  });
  it('long load-balancer lists are cut to 16 columns unless wide (loadBalancerWidth)', () => {
    const svc = withLb(['203.0.113.220', '203.0.113.221']);
    assert.equal(serviceRenderer.render(svc, ctx).cells[3], '203.0.113.220...');
    assert.equal(
      serviceRenderer.render(svc, { now: NOW, wide: true }).cells[3],
      '203.0.113.220,203.0.113.221',
    );
  });
  it('LoadBalancer lists its ingress addresses before spec.externalIPs', () => {
    assert.equal(
      serviceRenderer.render(withLb(['203.0.113.220'], ['198.51.100.7']), ctx).cells[3],
      '203.0.113.220,198.51.100.7',
    );
    assert.equal(serviceRenderer.render(withLb([], ['198.51.100.7']), ctx).cells[3], '198.51.100.7');
  });
  it('ClusterIP with externalIPs shows them', () => {
    const svc = {
      ...headlessService,
      spec: { ...headlessService.spec!, externalIPs: ['198.51.100.1', '198.51.100.2'] },
    };
    assert.equal(serviceRenderer.render(svc, ctx).cells[3], '198.51.100.1,198.51.100.2');
  });
});

describe('ingress renderer (printIngress)', () => {
  it('columns', () => {
    assert.deepEqual(
      ingressRenderer.columns.map((c) => c.name),
      ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    );
  });
  it('www.svc.mydomain.test', () => {
    assert.deepEqual(ingressRenderer.render(wwwIngress, ctx).cells, [
      'www',
      'nginx',
      'www.svc.mydomain.test',
      '203.0.113.221',
      '80',
      '26h',
    ]);
  });
  it('more than three hosts, TLS, no class, no address yet', () => {
    const ing: V1Ingress = {
      metadata: { name: 'many', namespace: 'default', creationTimestamp: ago(5) },
      spec: {
        tls: [{ hosts: ['a.mydomain.test'], secretName: 'tls' }],
        rules: ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.mydomain.test` })),
      },
    };
    const row = ingressRenderer.render(ing, ctx);
    assert.deepEqual(row.cells, [
      'many',
      '<none>',
      'a.mydomain.test,b.mydomain.test,c.mydomain.test + 2 more...',
      '',
      '80, 443',
      '5s',
    ]);
    assert.equal(row.health, 'pending');
  });
  it('rules without hosts: *', () => {
    const ing: V1Ingress = { metadata: { name: 'default-backend' }, spec: { rules: [{}] } };
    assert.equal(ingressRenderer.render(ing, ctx).cells[2], '*');
  });
});

describe('endpoints renderer (printEndpoints)', () => {
  it('up to three ip:port, then + N more...', () => {
    const ep: V1Endpoints = {
      metadata: { name: 'web-np', namespace: 'default', creationTimestamp: ago(30) },
      subsets: [
        {
          addresses: [{ ip: '10.244.1.7' }, { ip: '10.244.2.8' }],
          ports: [
            { name: 'http', port: 8080 },
            { name: 'dns', port: 53 },
          ],
        },
      ],
    };
    assert.deepEqual(endpointsRenderer.render(ep, ctx).cells, [
      'web-np',
      '10.244.1.7:8080,10.244.2.8:8080,10.244.1.7:53 + 1 more...',
      '30s',
    ]);
  });
  it('headless without ports lists bare IPs; no subsets is <none>', () => {
    const ep: V1Endpoints = { metadata: { name: 'x' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] };
    assert.equal(endpointsRenderer.render(ep, ctx).cells[1], '10.0.0.1');
    const empty = endpointsRenderer.render({ metadata: { name: 'y' } }, ctx);
    assert.equal(empty.cells[1], '<none>');
    assert.equal(empty.cells[2], '<unknown>');
  });
});
