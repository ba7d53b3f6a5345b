import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axfr } from '../../src/dns/axfr.js';
import type { DnsError } from '../../src/dns/dns-error.js';
import { query } from '../../src/dns/query.js';
import { type DnsServer, startDnsServer } from '../../src/dns/server.js';
import { makeTsigKey } from '../../src/dns/tsig.js';
import { sendUpdate } from '../../src/dns/update.js';
import { RR, rdataText, record } from '../../src/dns/wire.js';

const secret = Buffer.from('kdeck-demo-secret-0123456789abcdef').toString('base64');
const key = makeTsigKey('externaldns', 'hmac-sha256', secret);
const zone = 'svc.mydomain.test';

describe('embedded DNS server with kdeck client', () => {
  let server: DnsServer;
  const ep = () => ({ host: '127.0.0.1', port: server.port });

  before(async () => {
    const records = Array.from({ length: 95 }, (_, i) => ({
      name: `host-${i}`,
      type: 'A' as const,
      value: `198.51.100.${i + 1}`,
    }));
    server = await startDnsServer({
      zones: [
        {
          name: zone,
          records: [
            ...records,
            { name: 'www', type: 'CNAME', value: 'ingress.svc.mydomain.test.' },
            { name: 'a-www', type: 'TXT', value: 'heritage=external-dns,external-dns/owner=x' },
          ],
        },
      ],
      keys: [{ name: 'externaldns', algorithm: 'hmac-sha256', secret }],
      axfrChunk: 20,
    });
  });
  after(() => server.stop());

  it('transfers a zone over several signed messages and verifies every one', async () => {
    const t = await axfr({ server: ep(), zone, key });
    assert.equal(t.signed, true);
    assert.ok(t.messages >= 5, `expected several messages, got ${t.messages}`);
    assert.equal(t.records.filter((r) => r.type === RR.A).length, 95);
    assert.equal(t.records[0]!.type, RR.SOA);
  });

  it('refuses an unsigned transfer', async () => {
    await assert.rejects(axfr({ server: ep(), zone }), (e: DnsError) => e.code === 'refused');
  });

  it('answers BADKEY for an unknown key and BADSIG for a wrong secret', async () => {
    const other = makeTsigKey('nobody', 'hmac-sha256', secret);
    await assert.rejects(axfr({ server: ep(), zone, key: other }), (e: DnsError) => e.code === 'badkey');
    const wrong = makeTsigKey(
      'externaldns',
      'hmac-sha256',
      Buffer.from('wrong-secret-wrong-secret').toString('base64'),
    );
    await assert.rejects(
      axfr({ server: ep(), zone, key: wrong }),
      (e: DnsError) => e.code === 'badsig' && !e.message.includes(secret),
    );
  });

  it('says NOTAUTH for a zone it does not serve', async () => {
    await assert.rejects(
      axfr({ server: ep(), zone: 'other.test', key }),
      (e: DnsError) => e.code === 'notauth',
    );
  });

  it('applies signed updates and bumps the SOA serial', async () => {
    const before = await axfr({ server: ep(), zone, key });
    await sendUpdate({
      server: ep(),
      zone,
      key,
      ops: [
        { op: 'delete-rrset', name: `host-0.${zone}`, type: RR.A },
        { op: 'add', record: record(`new.${zone}`, RR.A, 60, '203.0.113.220') },
        {
          op: 'add',
          record: record(`a-new.${zone}`, RR.TXT, 60, [
            'heritage=external-dns,external-dns/owner=kdeck-demo',
          ]),
        },
      ],
    });
    const afterT = await axfr({ server: ep(), zone, key });
    assert.equal(afterT.serial, before.serial + 1);
    const names = afterT.records.map((r) => r.name);
    assert.ok(names.includes(`new.${zone}`));
    assert.ok(!names.includes(`host-0.${zone}`));
    const a = await query({ server: ep(), name: `new.${zone}`, type: RR.A });
    assert.deepEqual(
      a.records.map((r) => rdataText(r.type, r.rdata)),
      ['203.0.113.220'],
    );
  });

  it('refuses unsigned updates', async () => {
    await assert.rejects(
      sendUpdate({
        server: ep(),
        zone,
        ops: [{ op: 'add', record: record(`x.${zone}`, RR.A, 60, '203.0.113.1') }],
      }),
      (e: DnsError) => e.code === 'refused',
    );
  });

  it('answers queries: CNAME, NXDOMAIN, and falls back to TCP for long answers', async () => {
    const c = await query({ server: ep(), name: `www.${zone}`, type: RR.A });
    assert.equal(c.records[0]!.type, RR.CNAME);
    assert.equal(rdataText(RR.CNAME, c.records[0]!.rdata), 'ingress.svc.mydomain.test');
    const nx = await query({ server: ep(), name: `missing.${zone}`, type: RR.A });
    assert.equal(nx.rcode, 3);
    const any = await query({ server: ep(), name: zone, type: RR.ANY });
    assert.ok(any.records.some((r) => r.type === RR.SOA));
  });

  it('reports an unreachable server', async () => {
    const stopped = await startDnsServer({ zones: [{ name: zone }], keys: [] });
    const port = stopped.port;
    await stopped.stop();
    await assert.rejects(
      axfr({ server: { host: '127.0.0.1', port }, zone, key }),
      (e: DnsError) => e.code === 'unreachable',
    );
  });
});

describe('embedded DNS server ports', () => {
  it('refuses a fixed port whose UDP side is taken, and says so', async () => {
    const dgram = await import('node:dgram');
    const blocker = dgram.createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(0, '127.0.0.1', () => r()));
    const { port } = blocker.address();
    await assert.rejects(startDnsServer({ port, zones: [{ name: 'z.test' }], keys: [] }), /EADDRINUSE/);
    blocker.close();
  });
});
