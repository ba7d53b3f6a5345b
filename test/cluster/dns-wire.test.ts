import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axfr } from '../../src/dns/axfr.js';
import type { DnsError } from '../../src/dns/dns-error.js';
import { query } from '../../src/dns/query.js';
import { readZones } from '../../src/dns/read-zone.js';
import { generateTsigSecret, makeTsigKey } from '../../src/dns/tsig.js';
import { sendUpdate } from '../../src/dns/update.js';
import { RR, rdataText, record } from '../../src/dns/wire.js';

function which(bin: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    try {
      execFileSync('test', ['-x', join(dir, bin)]);
      return join(dir, bin);
    } catch {}
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const keys = {
  sha256: { name: 'externaldns', algorithm: 'hmac-sha256', secret: generateTsigSecret(32) },
  sha512: { name: 'k512', algorithm: 'hmac-sha512', secret: generateTsigSecret(64) },
  sha1: { name: 'k1', algorithm: 'hmac-sha1', secret: generateTsigSecret(20) },
};
const bigCount = 3000;

function zoneFile(origin: string, body: string): string {
  return `$ORIGIN ${origin}.\n$TTL 300\n@ IN SOA ns.${origin}. hostmaster.${origin}. 7 3600 600 86400 60\n@ IN NS ns.${origin}.\nns IN A 127.0.0.1\n${body}\n`;
}

describe('DNS wire against a real BIND 9', () => {
  const named = which('named');
  let dir = '';
  let proc: ChildProcess | undefined;
  let port = 0;
  let log = '';
  const server = () => ({ host: '127.0.0.1', port });
  const k256 = makeTsigKey(keys.sha256.name, keys.sha256.algorithm, keys.sha256.secret);

  before(async () => {
    assert.ok(named, 'named not found: install Debian bind9 (cluster/install.sh does)');
    dir = mkdtempSync(join(tmpdir(), 'kdeck-bind-'));
    port = await freePort();
    const keyConf = Object.values(keys)
      .map((k) => `key "${k.name}" { algorithm ${k.algorithm}; secret "${k.secret}"; };`)
      .join('\n');
    const xfr = Object.values(keys)
      .map((k) => `key ${k.name};`)
      .join(' ');
    writeFileSync(
      join(dir, 'svc.zone'),
      zoneFile(
        'svc.mydomain.test',
        [
          'nginx IN A 203.0.113.220',
          'a-nginx IN TXT "heritage=external-dns,external-dns/owner=kdeck,external-dns/resource=service/default/nginx"',
          'www IN CNAME ingress.svc.mydomain.test.',
          'ingress IN A 203.0.113.230',
          ...Array.from({ length: 40 }, (_, i) => `long IN TXT "${'x'.repeat(30)}-${i}"`),
        ].join('\n'),
      ),
    );
    writeFileSync(
      join(dir, 'big.zone'),
      zoneFile(
        'big.mydomain.test',
        Array.from(
          { length: bigCount },
          (_, i) => `h${i} IN A 198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        ).join('\n'),
      ),
    );
    writeFileSync(join(dir, 'closed.zone'), zoneFile('closed.mydomain.test', 'x IN A 203.0.113.1'));
    writeFileSync(
      join(dir, 'named.conf'),
      `${keyConf}
options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  allow-transfer { ${xfr} };
};
zone "svc.mydomain.test" { type primary; file "${dir}/svc.zone"; allow-update { key externaldns; }; };
zone "big.mydomain.test" { type primary; file "${dir}/big.zone"; };
zone "closed.mydomain.test" { type primary; file "${dir}/closed.zone"; allow-transfer { none; }; };
`,
    );
    proc = spawn(named!, ['-g', '-c', join(dir, 'named.conf'), '-n', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stderr?.on('data', (b: Buffer) => {
      log += b.toString();
    });
    for (let i = 0; i < 100; i++) {
      if (proc.exitCode !== null) break;
      try {
        await query({ server: server(), name: 'nginx.svc.mydomain.test', type: RR.A, timeoutMs: 300 });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.fail(`named did not start:\n${log.slice(-2000)}`);
  });

  after(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signed AXFR in one message (hmac-sha256), verified', async () => {
    const t = await axfr({ server: server(), zone: 'svc.mydomain.test', key: k256 });
    assert.equal(t.serial, 7);
    assert.equal(t.messages, 1);
    const a = t.records.find((r) => r.name === 'nginx.svc.mydomain.test' && r.type === RR.A);
    assert.equal(rdataText(RR.A, a!.rdata), '203.0.113.220');
    const c = t.records.find((r) => r.type === RR.CNAME);
    assert.equal(rdataText(RR.CNAME, c!.rdata), 'ingress.svc.mydomain.test');
  });

  for (const k of [keys.sha512, keys.sha1]) {
    it(`signed AXFR with ${k.algorithm}`, async () => {
      const t = await axfr({
        server: server(),
        zone: 'svc.mydomain.test',
        key: makeTsigKey(k.name, k.algorithm, k.secret),
      });
      assert.ok(t.records.length > 40);
    });
  }

  it('multi-message signed AXFR: every message verified along the MAC chain', async () => {
    const t = await axfr({ server: server(), zone: 'big.mydomain.test', key: k256 });
    assert.ok(t.messages > 1, `expected several messages, got ${t.messages}`);
    assert.equal(t.records.filter((r) => r.type === RR.A).length, bigCount + 1);
  });

  it('refused transfer, unknown zone, bad key and bad secret are told apart', async () => {
    await assert.rejects(
      axfr({ server: server(), zone: 'closed.mydomain.test', key: k256 }),
      (e: DnsError) => e.code === 'refused' && /REFUSED/.test(e.message),
    );
    await assert.rejects(
      axfr({ server: server(), zone: 'nowhere.test', key: k256 }),
      (e: DnsError) => e.code === 'notauth',
    );
    await assert.rejects(
      axfr({
        server: server(),
        zone: 'svc.mydomain.test',
        key: makeTsigKey('nobody', 'hmac-sha256', keys.sha256.secret),
      }),
      (e: DnsError) => e.code === 'badkey',
    );
    const wrong = generateTsigSecret(32);
    await assert.rejects(
      axfr({
        server: server(),
        zone: 'svc.mydomain.test',
        key: makeTsigKey('externaldns', 'hmac-sha256', wrong),
      }),
      (e: DnsError) =>
        e.code === 'badsig' && !e.message.includes(wrong) && !e.message.includes(keys.sha256.secret),
    );
    await assert.rejects(
      axfr({ server: server(), zone: 'svc.mydomain.test' }),
      (e: DnsError) => e.code === 'refused',
    );
  });

  it('per-name queries over UDP, TCP when truncated, NXDOMAIN', async () => {
    const a = await query({ server: server(), name: 'nginx.svc.mydomain.test', type: RR.A });
    assert.deepEqual(
      a.records.map((r) => rdataText(r.type, r.rdata)),
      ['203.0.113.220'],
    );
    const txt = await query({ server: server(), name: 'a-nginx.svc.mydomain.test', type: RR.TXT });
    assert.match(
      rdataText(RR.TXT, txt.records[0]!.rdata),
      /^heritage=external-dns,external-dns\/owner=kdeck/,
    );
    const long = await query({ server: server(), name: 'long.svc.mydomain.test', type: RR.TXT });
    assert.equal(long.viaTcp, true);
    assert.equal(long.records.length, 40);
    const nx = await query({ server: server(), name: 'missing.svc.mydomain.test', type: RR.A });
    assert.equal(nx.rcode, 3);
  });

  it('signed UPDATE is applied by BIND', async () => {
    await sendUpdate({
      server: server(),
      zone: 'svc.mydomain.test',
      key: k256,
      ops: [{ op: 'add', record: record('new.svc.mydomain.test', RR.A, 60, '203.0.113.240') }],
    });
    const a = await query({ server: server(), name: 'new.svc.mydomain.test', type: RR.A });
    assert.deepEqual(
      a.records.map((r) => rdataText(r.type, r.rdata)),
      ['203.0.113.240'],
    );
    await assert.rejects(
      sendUpdate({
        server: server(),
        zone: 'svc.mydomain.test',
        key: makeTsigKey('k512', 'hmac-sha512', keys.sha512.secret),
        ops: [{ op: 'delete-name', name: 'nginx.svc.mydomain.test' }],
      }),
      (e: DnsError) => e.code === 'refused',
    );
  });

  it('falls back to per-name queries when the transfer is refused', async () => {
    const r = await readZones({
      server: server(),
      zones: ['closed.mydomain.test'],
      key: k256,
      fallbackNames: ['x.closed.mydomain.test'],
    });
    assert.equal(r.via, 'queries');
    assert.equal(r.error?.code, 'refused');
    assert.deepEqual(
      r.records?.map((z) => `${z.fqdn} ${z.type} ${z.value}`),
      ['x.closed.mydomain.test A 203.0.113.1'],
    );
  });
});
