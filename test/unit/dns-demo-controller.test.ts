import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { V1Service } from '@kubernetes/client-node';
import type { DemoDnsEndpoint } from '../../src/demo/controller.js';
import { demoClusterState, externalDnsDemoArgs, syncOnce } from '../../src/demo/controllers/external-dns.js';
import { gvr } from '../../src/demo/controllers/resources.js';
import { axfr } from '../../src/dns/axfr.js';
import { readZones } from '../../src/dns/read-zone.js';
import { type DnsServer, startDnsServer } from '../../src/dns/server.js';
import { generateTsigSecret, makeTsigKey } from '../../src/dns/tsig.js';
import { compareDns, expectedRecords } from '../../src/model/dns/compare.js';
import { parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { planDesired } from '../../src/model/dns/planner.js';
import { demoStore } from './helpers/demo-store.js';

const P = 'external-dns.kubernetes.io/';

describe('demo external-dns controller', () => {
  let server: DnsServer;
  let dns: DemoDnsEndpoint;
  const secret = generateTsigSecret();
  before(async () => {
    server = await startDnsServer({
      zones: [{ name: 'svc.mydomain.test' }],
      keys: [{ name: 'externaldns', algorithm: 'hmac-sha256', secret }],
    });
    dns = {
      host: '127.0.0.1',
      port: server.port,
      zones: ['svc.mydomain.test'],
      keyName: 'externaldns',
      algorithm: 'hmac-sha256',
      secret,
    };
  });
  after(() => server.stop());

  it('writes A and ownership TXT records, then deletes them when the source goes', async () => {
    const store = demoStore();
    const cfg = parseExternalDnsArgs('external-dns/external-dns', externalDnsDemoArgs(dns)).config;
    const svc: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'nginx',
        namespace: 'default',
        annotations: { [`${P}hostname`]: 'nginx.svc.mydomain.test' },
      },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    };
    const created = store.create(gvr.services, svc);
    store.updateStatus(gvr.services, {
      ...created,
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.220' }] } },
    });
    assert.ok((await syncOnce(store, dns, cfg)) > 0);
    const zone = await readZones({
      server: { host: '127.0.0.1', port: server.port },
      zones: dns.zones,
      key: makeTsigKey('externaldns', 'hmac-sha256', secret),
    });
    const plan = planDesired(demoClusterState(store), cfg);
    const rows = compareDns({ cfg, plan, actual: zone.records });
    assert.deepEqual(
      rows.map((r) => `${r.fqdn} ${r.type} ${r.status}`),
      ['nginx.svc.mydomain.test A Synced'],
    );
    const have = zone
      .records!.filter((r) => r.type !== 'SOA' && r.type !== 'NS')
      .map((r) => `${r.fqdn} ${r.type} ${r.value}`)
      .sort();
    assert.deepEqual(
      have,
      expectedRecords(plan, cfg)
        .map((r) => `${r.fqdn} ${r.type} ${r.value}`)
        .sort(),
    );
    assert.equal(await syncOnce(store, dns, cfg), 0, 'a second sync has nothing to do');

    store.delete(gvr.services, 'default', 'nginx');
    assert.ok((await syncOnce(store, dns, cfg)) > 0);
    const t = await axfr({
      server: { host: '127.0.0.1', port: server.port },
      zone: 'svc.mydomain.test',
      key: makeTsigKey('externaldns', 'hmac-sha256', secret),
    });
    assert.deepEqual(t.records.map((r) => r.type).sort(), [2, 6], 'only SOA and NS remain');
  });
});
