import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1EndpointSlice, V1Ingress, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import { type ClusterState, emptyClusterState } from '../../src/model/dns/cluster-state.js';
import { parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { pickCandidate, planDesired, targetsLess } from '../../src/model/dns/planner.js';
import type { ExternalDnsConfig } from '../../src/model/dns/types.js';

const P = 'external-dns.kubernetes.io/';

function cfg(extra: string[] = []): ExternalDnsConfig {
  return parseExternalDnsArgs('test', [
    '--source=service',
    '--source=ingress',
    '--source=istio-gateway',
    '--source=istio-virtualservice',
    '--source=crd',
    '--provider=rfc2136',
    '--txt-owner-id=kdeck',
    ...extra,
  ]).config;
}

function svc(
  name: string,
  spec: V1Service['spec'],
  annotations: Record<string, string> = {},
  status?: V1Service['status'],
): V1Service {
  return { metadata: { name, namespace: 'default', annotations }, spec, status };
}

function state(s: Partial<ClusterState>): ClusterState {
  return { ...emptyClusterState(), ...s };
}

/** name type targets, sorted: the published set in one comparable string per endpoint. */
function published(st: ClusterState, c = cfg()): string[] {
  return planDesired(st, c)
    .groups.map(
      (g) =>
        `${g.fqdn} ${g.type} ${g.candidates[0]!.targets.join(',')}${g.candidates[0]!.ttl ? ` ttl=${g.candidates[0]!.ttl}` : ''}`,
    )
    .sort();
}

function held(st: ClusterState, c = cfg()): string[] {
  return planDesired(st, c).held.map((h) => `${h.fqdn} ${h.status}: ${h.reason}`);
}

const lbReady = { loadBalancer: { ingress: [{ ip: '203.0.113.220' }] } };
const nodes: V1Node[] = [
  {
    metadata: { name: 'n1' },
    status: {
      addresses: [
        { type: 'InternalIP', address: '10.0.0.1' },
        { type: 'ExternalIP', address: '198.51.100.1' },
      ],
    },
  },
  { metadata: { name: 'n2' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } },
];

describe('service source (external-dns v0.22 docs: service.md, nodeport, headless)', () => {
  const cases: { name: string; st: ClusterState; c?: ExternalDnsConfig; want: string[]; held?: RegExp[] }[] =
    [
      {
        name: 'LoadBalancer IP from status → A',
        st: state({
          services: [
            svc(
              'nginx',
              { type: 'LoadBalancer', clusterIP: '10.96.0.10' },
              { [`${P}hostname`]: 'nginx.svc.mydomain.test' },
              lbReady,
            ),
          ],
        }),
        want: ['nginx.svc.mydomain.test A 203.0.113.220'],
      },
      {
        name: 'hostname list, spaces and trailing dots',
        st: state({
          services: [
            svc(
              'nginx',
              { type: 'LoadBalancer' },
              { [`${P}hostname`]: 'a.svc.mydomain.test., b.svc.mydomain.test' },
              lbReady,
            ),
          ],
        }),
        want: ['a.svc.mydomain.test A 203.0.113.220', 'b.svc.mydomain.test A 203.0.113.220'],
      },
      {
        name: 'externalIPs win over status; IPv6 → AAAA; hostname target → CNAME',
        st: state({
          services: [
            svc(
              'x',
              { type: 'LoadBalancer', externalIPs: ['198.51.100.7', '2001:db8::7'] },
              { [`${P}hostname`]: 'x.svc.mydomain.test' },
              { loadBalancer: { ingress: [{ ip: '203.0.113.1' }, { hostname: 'lb.example.test' }] } },
            ),
          ],
        }),
        want: ['x.svc.mydomain.test A 198.51.100.7', 'x.svc.mydomain.test AAAA 2001:db8::7'],
      },
      {
        name: 'target annotation overrides; ttl annotation as duration',
        st: state({
          services: [
            svc(
              't',
              { type: 'LoadBalancer' },
              {
                [`${P}hostname`]: 't.svc.mydomain.test',
                [`${P}target`]: 'edge.mydomain.test',
                [`${P}ttl`]: '5m',
              },
              lbReady,
            ),
          ],
        }),
        want: ['t.svc.mydomain.test CNAME edge.mydomain.test ttl=300'],
      },
      {
        name: 'internal-hostname publishes the ClusterIP',
        st: state({
          services: [
            svc(
              'i',
              { type: 'LoadBalancer', clusterIP: '10.96.1.1' },
              { [`${P}internal-hostname`]: 'i.svc.mydomain.test' },
              lbReady,
            ),
          ],
        }),
        want: ['i.svc.mydomain.test A 10.96.1.1'],
      },
      {
        name: 'LoadBalancer without address is Pending',
        st: state({
          services: [svc('p', { type: 'LoadBalancer' }, { [`${P}hostname`]: 'p.svc.mydomain.test' })],
        }),
        want: [],
        held: [/^p\.svc\.mydomain\.test Pending: LoadBalancer has no address yet/],
      },
      {
        name: 'NodePort: ExternalIPs of all nodes; access=private gives InternalIPs',
        st: state({
          nodes,
          services: [
            svc('np', { type: 'NodePort' }, { [`${P}hostname`]: 'np.svc.mydomain.test' }),
            svc(
              'npp',
              { type: 'NodePort' },
              { [`${P}hostname`]: 'npp.svc.mydomain.test', [`${P}access`]: 'private' },
            ),
          ],
        }),
        want: ['np.svc.mydomain.test A 198.51.100.1', 'npp.svc.mydomain.test A 10.0.0.1,10.0.0.2'],
      },
      {
        name: 'NodePort externalTrafficPolicy Local: only nodes with a running pod',
        st: state({
          nodes,
          pods: [
            {
              metadata: { name: 'p1', namespace: 'default', labels: { app: 'l' } },
              spec: { nodeName: 'n2', containers: [] },
              status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
            } as V1Pod,
          ],
          services: [
            svc(
              'l',
              { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'l' } },
              { [`${P}hostname`]: 'l.svc.mydomain.test' },
            ),
          ],
        }),
        want: ['l.svc.mydomain.test A 10.0.0.2'],
      },
      {
        name: 'ClusterIP without publish-internal-services is Filtered; with it, published',
        st: state({
          services: [
            svc(
              'c',
              { type: 'ClusterIP', clusterIP: '10.96.2.2' },
              { [`${P}hostname`]: 'c.svc.mydomain.test' },
            ),
          ],
        }),
        want: [],
        held: [/^c\.svc\.mydomain\.test Filtered: ClusterIP Service/],
      },
      {
        name: 'publish-internal-services',
        st: state({
          services: [
            svc(
              'c',
              { type: 'ClusterIP', clusterIP: '10.96.2.2' },
              { [`${P}hostname`]: 'c.svc.mydomain.test' },
            ),
          ],
        }),
        c: cfg(['--publish-internal-services']),
        want: ['c.svc.mydomain.test A 10.96.2.2'],
      },
      {
        name: 'ExternalName → CNAME',
        st: state({
          services: [
            svc(
              'e',
              { type: 'ExternalName', externalName: 'db.example.test' },
              { [`${P}hostname`]: 'e.svc.mydomain.test' },
            ),
          ],
        }),
        want: ['e.svc.mydomain.test CNAME db.example.test'],
      },
      {
        name: 'old alpha prefix is ignored by 0.22 and shown as Filtered',
        st: state({
          services: [
            svc(
              'old',
              { type: 'LoadBalancer' },
              { 'external-dns.alpha.kubernetes.io/hostname': 'old.svc.mydomain.test' },
              lbReady,
            ),
          ],
        }),
        want: [],
        held: [/^old\.svc\.mydomain\.test Filtered: uses external-dns\.alpha\.kubernetes\.io\/ annotations/],
      },
      {
        name: 'controller annotation other than dns-controller',
        st: state({
          services: [
            svc(
              'ctl',
              { type: 'LoadBalancer' },
              { [`${P}hostname`]: 'ctl.svc.mydomain.test', [`${P}controller`]: 'other' },
              lbReady,
            ),
          ],
        }),
        want: [],
        held: [/Filtered: external-dns\.kubernetes\.io\/controller=other/],
      },
      {
        name: 'annotation-filter and label-filter',
        st: state({
          services: [
            {
              ...svc('f', { type: 'LoadBalancer' }, { [`${P}hostname`]: 'f.svc.mydomain.test' }, lbReady),
              metadata: {
                name: 'f',
                namespace: 'default',
                labels: { team: 'a' },
                annotations: { [`${P}hostname`]: 'f.svc.mydomain.test' },
              },
            },
          ],
        }),
        c: cfg(['--label-filter=team=b']),
        want: [],
        held: [/Filtered: labels do not match --label-filter=team=b/],
      },
      {
        name: 'service-type-filter',
        st: state({
          services: [
            svc('lb', { type: 'LoadBalancer' }, { [`${P}hostname`]: 'lb.svc.mydomain.test' }, lbReady),
          ],
        }),
        c: cfg(['--service-type-filter=NodePort']),
        want: [],
        held: [/Filtered: type LoadBalancer not in --service-type-filter=NodePort/],
      },
      {
        name: 'domain-filter and exclude-domains',
        st: state({
          services: [
            svc(
              'd',
              { type: 'LoadBalancer' },
              { [`${P}hostname`]: 'd.svc.mydomain.test,d.other.test,x.hosts.mydomain.test' },
              lbReady,
            ),
          ],
        }),
        c: cfg(['--domain-filter=mydomain.test', '--exclude-domains=hosts.mydomain.test']),
        want: ['d.svc.mydomain.test A 203.0.113.220'],
        held: [
          /^d\.other\.test Filtered: outside --domain-filter=mydomain\.test/,
          /^x\.hosts\.mydomain\.test Filtered: outside --exclude-domains=hosts\.mydomain\.test/,
        ],
      },
      {
        name: 'fqdn-template for services without hostname',
        st: state({ services: [svc('tpl', { type: 'LoadBalancer' }, {}, lbReady)] }),
        c: cfg(['--fqdn-template={{.Name}}.{{.Namespace}}.svc.mydomain.test']),
        want: ['tpl.default.svc.mydomain.test A 203.0.113.220'],
      },
      {
        name: 'fqdn-template with combine adds to the annotation',
        st: state({
          services: [
            svc('cmb', { type: 'LoadBalancer' }, { [`${P}hostname`]: 'cmb.svc.mydomain.test' }, lbReady),
          ],
        }),
        c: cfg(['--fqdn-template={{.Name}}.t.mydomain.test', '--combine-fqdn-annotation']),
        want: ['cmb.svc.mydomain.test A 203.0.113.220', 'cmb.t.mydomain.test A 203.0.113.220'],
      },
      {
        name: 'two services with the same name merge their targets',
        st: state({
          services: [
            svc('m1', { type: 'LoadBalancer' }, { [`${P}hostname`]: 'm.svc.mydomain.test' }, lbReady),
            svc(
              'm2',
              { type: 'LoadBalancer' },
              { [`${P}hostname`]: 'm.svc.mydomain.test' },
              { loadBalancer: { ingress: [{ ip: '203.0.113.221' }] } },
            ),
          ],
        }),
        want: ['m.svc.mydomain.test A 203.0.113.220,203.0.113.221'],
      },
    ];
  for (const tc of cases) {
    it(tc.name, () => {
      assert.deepEqual(published(tc.st, tc.c), [...tc.want].sort());
      const h = held(tc.st, tc.c);
      for (const re of tc.held ?? [])
        assert.ok(
          h.some((x) => re.test(x)),
          `no held row matches ${re}: ${JSON.stringify(h)}`,
        );
      if (!tc.held) assert.deepEqual(h, []);
    });
  }

  it('headless Service publishes ready pod IPs and <hostname>.<service> for StatefulSet pods', () => {
    const pods: V1Pod[] = [0, 1, 2].map((i) => ({
      metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'nginx' } },
      spec: { hostname: `web-${i}`, containers: [] },
    }));
    const slice: V1EndpointSlice = {
      addressType: 'IPv4',
      metadata: {
        name: 'nginx-abc',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'nginx' },
      },
      endpoints: [0, 1, 2].map((i) => ({
        addresses: [`10.244.0.${i + 10}`],
        conditions: { ready: i !== 2 },
        targetRef: { kind: 'Pod', name: `web-${i}` },
      })),
    };
    const st = state({
      pods,
      endpointSlices: [slice],
      services: [
        svc(
          'nginx',
          { clusterIP: 'None', selector: { app: 'nginx' } },
          { [`${P}hostname`]: 'nginx.svc.mydomain.test' },
        ),
      ],
    });
    assert.deepEqual(published(st), [
      'nginx.svc.mydomain.test A 10.244.0.10,10.244.0.11',
      'web-0.nginx.svc.mydomain.test A 10.244.0.10',
      'web-1.nginx.svc.mydomain.test A 10.244.0.11',
    ]);
  });
});

describe('ingress, istio and crd sources', () => {
  const ing = (annotations: Record<string, string>, withStatus = true): V1Ingress => ({
    metadata: { name: 'www', namespace: 'default', annotations },
    spec: { rules: [{ host: 'www.svc.mydomain.test' }], tls: [{ hosts: ['tls.svc.mydomain.test'] }] },
    status: withStatus ? { loadBalancer: { ingress: [{ ip: '203.0.113.230' }] } } : {},
  });
  it('ingress: rules, TLS hosts and the hostname annotation', () => {
    assert.deepEqual(
      published(state({ ingresses: [ing({ [`${P}hostname`]: 'extra.svc.mydomain.test' })] })),
      [
        'extra.svc.mydomain.test A 203.0.113.230',
        'tls.svc.mydomain.test A 203.0.113.230',
        'www.svc.mydomain.test A 203.0.113.230',
      ],
    );
  });
  it('ingress-hostname-source=annotation-only', () => {
    assert.deepEqual(
      published(
        state({
          ingresses: [
            ing({
              [`${P}hostname`]: 'extra.svc.mydomain.test',
              [`${P}ingress-hostname-source`]: 'annotation-only',
            }),
          ],
        }),
      ),
      ['extra.svc.mydomain.test A 203.0.113.230'],
    );
  });
  it('ingress without status is Pending', () => {
    assert.match(
      held(state({ ingresses: [ing({}, false)] }))[0]!,
      /Pending: Ingress has no load-balancer address/,
    );
  });
  it('istio Gateway takes targets from the Service its selector matches; VirtualService through the gateway', () => {
    const st = state({
      services: [
        svc(
          'istio-ingressgateway',
          { type: 'LoadBalancer', selector: { istio: 'ingressgateway' } },
          {},
          { loadBalancer: { ingress: [{ ip: '203.0.113.225' }] } },
        ),
      ],
      istioGateways: [
        {
          metadata: { name: 'shop-gw', namespace: 'default' },
          spec: {
            selector: { istio: 'ingressgateway' },
            servers: [{ hosts: ['*/gw.svc.mydomain.test', '*.svc.mydomain.test'] }],
          },
        },
      ],
      virtualServices: [
        {
          metadata: { name: 'shop', namespace: 'default' },
          spec: { hosts: ['shop.svc.mydomain.test'], gateways: ['shop-gw', 'mesh'] },
        },
      ],
    });
    assert.deepEqual(published(st), [
      '*.svc.mydomain.test A 203.0.113.225',
      'gw.svc.mydomain.test A 203.0.113.225',
      'shop.svc.mydomain.test A 203.0.113.225',
    ]);
  });
  it('istio Gateway with the ingress annotation uses that Ingress status', () => {
    const st = state({
      ingresses: [ing({})],
      istioGateways: [
        {
          metadata: { name: 'g', namespace: 'default', annotations: { [`${P}ingress`]: 'default/www' } },
          spec: { servers: [{ hosts: ['g.svc.mydomain.test'] }] },
        },
      ],
    });
    assert.ok(published(st).includes('g.svc.mydomain.test A 203.0.113.230'));
  });
  it('DNSEndpoint: records as given; trailing dot on an A target is skipped', () => {
    const st = state({
      dnsEndpoints: [
        {
          metadata: { name: 'e', namespace: 'default' },
          spec: {
            endpoints: [
              { dnsName: 'crd.svc.mydomain.test', recordType: 'A', targets: ['203.0.113.5'], recordTTL: 120 },
              { dnsName: 'bad.svc.mydomain.test', recordType: 'A', targets: ['203.0.113.6.'] },
            ],
          },
        },
      ],
    });
    assert.deepEqual(published(st), ['crd.svc.mydomain.test A 203.0.113.5 ttl=120']);
    assert.match(held(st)[0]!, /bad\.svc\.mydomain\.test Filtered: illegal A target/);
  });
});

describe('configuration discovery', () => {
  it('reads args, EXTERNAL_DNS_* env and keeps the secret as a reference', () => {
    const { config } = parseExternalDnsArgs(
      'ns/ed',
      [
        '--source=service',
        '--rfc2136-host',
        '127.0.0.1',
        '--rfc2136-port=5353',
        '--rfc2136-zone=svc.mydomain.test',
        '--rfc2136-tsig-secret=$(TSIG)',
        '--rfc2136-axfr',
      ],
      { EXTERNAL_DNS_TXT_OWNER_ID: 'kdeck', EXTERNAL_DNS_DOMAIN_FILTER: 'mydomain.test' },
      { TSIG: { from: 'secret', namespace: 'ns', name: 'tsig', key: 'secret' } },
    );
    assert.equal(config.ownerId, 'kdeck');
    assert.deepEqual(config.domainFilter, ['mydomain.test']);
    assert.equal(config.rfc2136.port, 5353);
    assert.equal(config.rfc2136.axfr, true);
    assert.deepEqual(config.rfc2136.secret, { from: 'secret', namespace: 'ns', name: 'tsig', key: 'secret' });
  });
});

describe('duplicates', () => {
  it('a host in both an Ingress rule and its TLS block is one Pending name', () => {
    const st = state({
      ingresses: [
        {
          metadata: { name: 'www', namespace: 'default' },
          spec: { rules: [{ host: 'www.svc.mydomain.test' }], tls: [{ hosts: ['www.svc.mydomain.test'] }] },
        },
      ],
    });
    assert.equal(held(st).length, 1);
  });
});

describe('conflict resolution (plan.PerResource)', () => {
  it('orders targets as Targets.IsLess does', () => {
    assert.equal(targetsLess(['203.0.113.9'], ['198.51.100.1', '198.51.100.2']), true, 'fewer targets first');
    assert.equal(targetsLess(['10.0.0.9'], ['10.0.0.10']), true, 'addresses compare as numbers');
    assert.equal(targetsLess(['198.51.100.1'], ['a.example.test']), true, 'addresses before names');
    assert.equal(targetsLess(['203.0.113.1'], ['2001:db8::1']), true, 'IPv4 before IPv6');
    assert.equal(targetsLess(['b.example.test'], ['a.example.test']), false);
  });
  it('keeps the candidate whose resource owns the record, else the least targets', () => {
    const st = state({
      services: [
        svc(
          'one',
          { type: 'LoadBalancer' },
          { [`${P}hostname`]: 'same.svc.mydomain.test' },
          { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
        ),
      ],
      ingresses: [
        {
          metadata: { name: 'two', namespace: 'default' },
          spec: { rules: [{ host: 'same.svc.mydomain.test' }] },
          status: { loadBalancer: { ingress: [{ ip: '203.0.113.1' }] } },
        },
      ],
    });
    const g = planDesired(st, cfg()).groups.find((x) => x.fqdn === 'same.svc.mydomain.test')!;
    assert.equal(g.candidates.length, 2);
    assert.equal(pickCandidate(g.candidates).resource, 'ingress/default/two');
    assert.equal(pickCandidate(g.candidates, 'service/default/one').resource, 'service/default/one');
  });
  it('discards a CNAME candidate when the name also has A candidates', () => {
    const st = state({
      services: [
        svc(
          'a',
          { type: 'LoadBalancer' },
          { [`${P}hostname`]: 'mix.svc.mydomain.test' },
          { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
        ),
        svc(
          'c',
          { type: 'ExternalName', externalName: 'elsewhere.example.test' },
          { [`${P}hostname`]: 'mix.svc.mydomain.test' },
        ),
      ],
    });
    assert.deepEqual(published(st), ['mix.svc.mydomain.test A 203.0.113.9']);
    assert.match(held(st)[0]!, /Filtered: CNAME discarded/);
  });
});
