import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Deployment } from '@kubernetes/client-node';
import { parseKeyFile } from '../../src/dns/key-file.js';
import { emptyClusterState } from '../../src/model/dns/cluster-state.js';
import { applyOverride, discoverInstances, parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { planDesired } from '../../src/model/dns/planner.js';

function deployment(
  name: string,
  args: string[],
  env: NonNullable<NonNullable<V1Deployment['spec']>['template']['spec']>['containers'][number]['env'] = [],
): V1Deployment {
  return {
    metadata: { name, namespace: 'external-dns' },
    spec: {
      selector: {},
      template: {
        spec: {
          containers: [
            { name: 'sidecar', image: 'busybox' },
            { name: 'external-dns', image: 'registry.k8s.io/external-dns/external-dns:v0.22.0', args, env },
          ],
        },
      },
    },
  };
}

describe('external-dns instances from Deployments', () => {
  it('finds every external-dns container, reads its flags and the Secret behind the TSIG env', () => {
    const found = discoverInstances([
      deployment(
        'public',
        [
          '--source=service',
          '--provider=rfc2136',
          '--txt-owner-id=public',
          '--rfc2136-zone=svc.mydomain.test',
          '--rfc2136-tsig-keyname=externaldns',
        ],
        [
          {
            name: 'EXTERNAL_DNS_RFC2136_TSIG_SECRET',
            valueFrom: { secretKeyRef: { name: 'tsig', key: 'secret' } },
          },
        ],
      ),
      deployment('internal', [
        '--source=ingress',
        '--provider=rfc2136',
        '--txt-owner-id=internal',
        '--txt-prefix=%{record_type}-int.',
        '--annotation-filter=kubernetes.io/ingress.class=internal',
        '--policy=upsert-only',
      ]),
      {
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: {}, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      },
    ]);
    assert.deepEqual(
      found.map((f) => [f.config.instance, f.config.ownerId, f.config.sources.join(','), f.config.policy]),
      [
        ['external-dns/public', 'public', 'service', 'sync'],
        ['external-dns/internal', 'internal', 'ingress', 'upsert-only'],
      ],
    );
    assert.deepEqual(found[0]!.config.rfc2136.secret, {
      from: 'secret',
      namespace: 'external-dns',
      name: 'tsig',
      key: 'secret',
    });
    assert.equal(found[1]!.config.txtPrefix, '%{record_type}-int.');
    assert.equal(found[1]!.config.annotationFilter, 'kubernetes.io/ingress.class=internal');
  });

  it('kdeck config overrides a discovered instance field by field, or adds one from args', () => {
    const base = parseExternalDnsArgs('ns/ed', [
      '--provider=rfc2136',
      '--rfc2136-host=10.0.0.53',
      '--txt-owner-id=x',
    ]).config;
    const o = applyOverride(base, { instance: 'ns/ed', rfc2136: { host: '127.0.0.1', port: 5353 } });
    assert.equal(o.rfc2136.host, '127.0.0.1');
    assert.equal(o.ownerId, 'x');
    const added = applyOverride(undefined, {
      instance: 'lab',
      args: ['--provider=rfc2136', '--txt-owner-id=lab', '--source=crd'],
    });
    assert.deepEqual([added.ownerId, added.sources], ['lab', ['crd']]);
  });

  it('a literal secret is kept for the key but the flag list never carries it', () => {
    const p = parseExternalDnsArgs('x', ['--rfc2136-tsig-secret=c2VjcmV0c2VjcmV0', '--weird-flag=1']);
    assert.deepEqual(p.config.rfc2136.secret, {
      from: 'literal',
      value: 'c2VjcmV0c2VjcmV0',
      origin: 'the --rfc2136-tsig-secret flag',
    });
    assert.deepEqual(p.ignored, ['--weird-flag']);
  });
});

describe('BIND key files', () => {
  it('reads tsig-keygen output and bare base64', () => {
    assert.deepEqual(
      parseKeyFile('key "externaldns" {\n\talgorithm hmac-sha256;\n\tsecret "c2VjcmV0";\n};\n'),
      [{ name: 'externaldns', algorithm: 'hmac-sha256', secret: 'c2VjcmV0' }],
    );
    assert.deepEqual(parseKeyFile('c2VjcmV0\n'), [{ name: '', algorithm: '', secret: 'c2VjcmV0' }]);
    assert.deepEqual(parseKeyFile('not a key file'), []);
  });
});

describe('gateway-httproute source', () => {
  it('hostnames narrowed by the listener, targets from the Gateway status, only once accepted', () => {
    const cfg = parseExternalDnsArgs('x', ['--source=gateway-httproute', '--provider=rfc2136']).config;
    const gateways = [
      {
        metadata: { name: 'gw', namespace: 'infra' },
        spec: { listeners: [{ name: 'https', hostname: '*.svc.mydomain.test' }] },
        status: { addresses: [{ type: 'IPAddress', value: '203.0.113.231' }] },
      },
    ];
    const route = (accepted: boolean) => ({
      metadata: { name: 'r', namespace: 'default' },
      spec: {
        hostnames: ['app.svc.mydomain.test', 'other.example.test'],
        parentRefs: [{ name: 'gw', namespace: 'infra' }],
      },
      status: {
        parents: [
          {
            parentRef: { name: 'gw', namespace: 'infra' },
            conditions: [{ type: 'Accepted', status: accepted ? 'True' : 'False' }],
          },
        ],
      },
    });
    const ok = planDesired({ ...emptyClusterState(), gateways, httpRoutes: [route(true)] }, cfg);
    assert.deepEqual(
      ok.groups.map((g) => `${g.fqdn} ${g.type} ${g.candidates[0]!.targets.join(',')}`),
      ['app.svc.mydomain.test A 203.0.113.231'],
    );
    const no = planDesired({ ...emptyClusterState(), gateways, httpRoutes: [route(false)] }, cfg);
    assert.deepEqual(no.groups, []);
    assert.match(no.held[0]!.reason, /has not accepted the route/);
  });
});
