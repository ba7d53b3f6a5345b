import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Service } from '@kubernetes/client-node';
import { emptyClusterState } from '../../src/model/dns/cluster-state.js';
import { compareDns } from '../../src/model/dns/compare.js';
import { parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { planDesired } from '../../src/model/dns/planner.js';
import { endpointNameFor, parseTxtValue, readRegistry, txtNameFor } from '../../src/model/dns/registry.js';
import type { ZoneRecord } from '../../src/model/dns/types.js';

const P = 'external-dns.kubernetes.io/';

describe('TXT registry names and values (registry/txt.md)', () => {
  const cases: { prefix?: string; suffix?: string; fqdn: string; type: string; txt: string }[] = [
    { fqdn: 'nginx.svc.mydomain.test', type: 'A', txt: 'a-nginx.svc.mydomain.test' },
    { fqdn: 'nginx.svc.mydomain.test', type: 'AAAA', txt: 'aaaa-nginx.svc.mydomain.test' },
    { fqdn: 'www.svc.mydomain.test', type: 'CNAME', txt: 'cname-www.svc.mydomain.test' },
    { prefix: 'reg-', fqdn: 'nginx.svc.mydomain.test', type: 'A', txt: 'reg-a-nginx.svc.mydomain.test' },
    {
      prefix: '%{record_type}-reg.',
      fqdn: 'nginx.svc.mydomain.test',
      type: 'A',
      txt: 'a-reg.nginx.svc.mydomain.test',
    },
    {
      suffix: '-reg',
      fqdn: 'nginx.svc.mydomain.test',
      type: 'CNAME',
      txt: 'cname-nginx-reg.svc.mydomain.test',
    },
    {
      suffix: '-%{record_type}',
      fqdn: 'nginx.svc.mydomain.test',
      type: 'AAAA',
      txt: 'nginx-aaaa.svc.mydomain.test',
    },
  ];
  for (const c of cases) {
    const cfg = { txtPrefix: c.prefix ?? '', txtSuffix: c.suffix ?? '', txtWildcardReplacement: '' };
    it(`${c.type} ${c.fqdn} prefix=${c.prefix ?? ''} suffix=${c.suffix ?? ''} ⇄ ${c.txt}`, () => {
      assert.equal(txtNameFor(c.fqdn, c.type, cfg), c.txt);
      assert.deepEqual(endpointNameFor(c.txt, cfg), { name: c.fqdn, type: c.type });
    });
  }
  it('reads the old format (no type) as claiming A and CNAME', () => {
    assert.deepEqual(
      endpointNameFor('nginx.svc.mydomain.test', {
        txtPrefix: '',
        txtSuffix: '',
        txtWildcardReplacement: '',
      }),
      { name: 'nginx.svc.mydomain.test', type: '' },
    );
  });
  it('parses heritage labels, rejects other TXT values and recognises encrypted ones', () => {
    assert.deepEqual(
      parseTxtValue(
        '"heritage=external-dns,external-dns/owner=kdeck,external-dns/resource=service/default/nginx"',
        false,
      ),
      { kind: 'labels', labels: { owner: 'kdeck', resource: 'service/default/nginx' } },
    );
    assert.deepEqual(parseTxtValue('v=spf1 -all', false), { kind: 'foreign' });
    assert.deepEqual(parseTxtValue('heritage=other,external-dns/owner=x', false), { kind: 'foreign' });
    assert.deepEqual(parseTxtValue('SGVsbG8gd29ybGQgdGhpcyBpcyBhIGxvbmcgZW5jcnlwdGVkIHZhbHVl', true), {
      kind: 'encrypted',
    });
  });
  it('the new format wins over the old one; the old one never claims AAAA', () => {
    const reg = readRegistry(
      [
        {
          fqdn: 'n.svc.mydomain.test',
          type: 'TXT',
          ttl: 0,
          value: 'heritage=external-dns,external-dns/owner=old',
        },
        {
          fqdn: 'a-n.svc.mydomain.test',
          type: 'TXT',
          ttl: 0,
          value: 'heritage=external-dns,external-dns/owner=new',
        },
      ],
      { txtPrefix: '', txtSuffix: '', txtWildcardReplacement: '', txtEncryptEnabled: false },
    );
    assert.equal(reg.byKey.get('n.svc.mydomain.test|A')?.owner, 'new');
    assert.equal(reg.byKey.get('n.svc.mydomain.test|')?.owner, 'old');
  });
});

describe('comparison statuses', () => {
  const cfg = parseExternalDnsArgs('ed', [
    '--source=service',
    '--provider=rfc2136',
    '--txt-owner-id=kdeck',
    '--domain-filter=svc.mydomain.test',
    '--rfc2136-zone=svc.mydomain.test',
  ]).config;
  const svc = (name: string, ip?: string, extra: Record<string, string> = {}): V1Service => ({
    metadata: {
      name,
      namespace: 'default',
      annotations: { [`${P}hostname`]: `${name}.svc.mydomain.test`, ...extra },
    },
    spec: { type: 'LoadBalancer' },
    status: ip ? { loadBalancer: { ingress: [{ ip }] } } : {},
  });
  const own = (
    name: string,
    owner: string,
    resource = `service/default/${name.split('.')[0]}`,
  ): ZoneRecord => ({
    fqdn: `a-${name}`,
    type: 'TXT',
    ttl: 0,
    value: `heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}`,
  });
  const a = (name: string, ip: string, ttl = 0): ZoneRecord => ({ fqdn: name, type: 'A', ttl, value: ip });
  const services = [
    svc('synced', '203.0.113.1'),
    svc('drift', '203.0.113.2'),
    svc('foreign', '203.0.113.3'),
    svc('unowned', '203.0.113.4'),
    svc('missing', '203.0.113.5'),
    svc('pending'),
    svc('ttl', '203.0.113.6', { [`${P}ttl`]: '60' }),
  ];
  const zone: ZoneRecord[] = [
    a('synced.svc.mydomain.test', '203.0.113.1'),
    own('synced.svc.mydomain.test', 'kdeck'),
    a('drift.svc.mydomain.test', '203.0.113.99'),
    own('drift.svc.mydomain.test', 'kdeck'),
    a('foreign.svc.mydomain.test', '203.0.113.3'),
    own('foreign.svc.mydomain.test', 'someone-else'),
    a('unowned.svc.mydomain.test', '203.0.113.4'),
    a('gone.svc.mydomain.test', '203.0.113.7'),
    own('gone.svc.mydomain.test', 'kdeck'),
    a('manual.svc.mydomain.test', '203.0.113.8'),
    a('ttl.svc.mydomain.test', '203.0.113.6', 300),
    own('ttl.svc.mydomain.test', 'kdeck'),
    own('dangling.svc.mydomain.test', 'kdeck', 'service/default/dangling'),
  ];
  const plan = planDesired({ ...emptyClusterState(), services }, cfg);
  const rows = compareDns({ cfg, plan, actual: zone });
  const status = (fqdn: string, type = 'A') =>
    rows.find((r) => r.fqdn === fqdn && (r.type === type || r.type === ''));
  const table: [string, string, RegExp, string?][] = [
    ['synced.svc.mydomain.test', 'Synced', /^$/],
    ['drift.svc.mydomain.test', 'Drift', /targets differ: want 203\.0\.113\.2, have 203\.0\.113\.99/],
    ['ttl.svc.mydomain.test', 'Drift', /TTL 300 ≠ 60/],
    ['foreign.svc.mydomain.test', 'Foreign', /owned by someone-else, not kdeck/],
    ['unowned.svc.mydomain.test', 'Foreign', /without an ownership TXT/],
    ['missing.svc.mydomain.test', 'Missing', /not in the zone yet/],
    ['pending.svc.mydomain.test', 'Pending', /LoadBalancer has no address yet/],
    ['gone.svc.mydomain.test', 'Orphaned', /no source asks for it/],
    ['manual.svc.mydomain.test', 'Unmanaged', /not created by external-dns/],
    [
      'a-dangling.svc.mydomain.test',
      'Orphaned',
      /ownership record for dangling\.svc\.mydomain\.test A/,
      'TXT',
    ],
  ];
  for (const [fqdn, want, reason, type] of table) {
    it(`${fqdn} is ${want}`, () => {
      const r = status(fqdn, type);
      assert.ok(r, `no row for ${fqdn}: ${rows.map((x) => x.fqdn).join(', ')}`);
      assert.equal(r.status, want, r.explanation);
      assert.match(r.reason, reason);
      assert.ok(r.explanation.startsWith(fqdn));
    });
  }
  it('ownership TXT records are not rows of their own', () => {
    assert.ok(!rows.some((r) => r.fqdn === 'a-synced.svc.mydomain.test'));
  });
  it('an unreadable server keeps the desired side and says Unknown', () => {
    const unknown = compareDns({
      cfg,
      plan,
      actual: undefined,
      actualNote: 'AXFR refused by 127.0.0.1:5353: NOTAUTH',
    });
    const r = unknown.find((x) => x.fqdn === 'synced.svc.mydomain.test')!;
    assert.equal(r.status, 'Unknown');
    assert.deepEqual(r.desired, ['203.0.113.1']);
    assert.match(r.reason, /NOTAUTH/);
  });
  it('a filtered source whose record this instance still owns is Orphaned (will be deleted)', () => {
    const ctl = [svc('synced', '203.0.113.1', { [`${P}controller`]: 'other' })];
    const r = compareDns({
      cfg,
      plan: planDesired({ ...emptyClusterState(), services: ctl }, cfg),
      actual: zone,
    }).find((x) => x.fqdn === 'synced.svc.mydomain.test')!;
    assert.equal(r.status, 'Orphaned');
    assert.match(r.reason, /filtered: .*controller=other/);
  });
});

describe('rfc2136 without --rfc2136-axfr', () => {
  it('says external-dns can never fix drift it cannot see', () => {
    const cfg = parseExternalDnsArgs('ed', [
      '--source=service',
      '--provider=rfc2136',
      '--txt-owner-id=kdeck',
    ]).config;
    const services: V1Service[] = [
      {
        metadata: {
          name: 'd',
          namespace: 'default',
          annotations: { [`${P}hostname`]: 'd.svc.mydomain.test' },
        },
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.2' }] } },
      },
    ];
    const zone: ZoneRecord[] = [
      { fqdn: 'd.svc.mydomain.test', type: 'A', ttl: 0, value: '203.0.113.9' },
      {
        fqdn: 'a-d.svc.mydomain.test',
        type: 'TXT',
        ttl: 0,
        value: 'heritage=external-dns,external-dns/owner=kdeck,external-dns/resource=service/default/d',
      },
    ];
    const row = compareDns({
      cfg,
      plan: planDesired({ ...emptyClusterState(), services }, cfg),
      actual: zone,
    })[0]!;
    assert.equal(row.status, 'Drift');
    assert.match(
      row.explanation,
      /without --rfc2136-axfr: it cannot list the zone, so it never updates records/,
    );
  });
});
