import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths.js';

export const dnsZone = 'svc.mydomain.test';
export const zones = [dnsZone, 'hosts.mydomain.test', 'mydomain.test'] as const;
export const keyName = 'externaldns';
export const keyAlgorithm = 'hmac-sha256';

export interface NodeAddress {
  name: string;
  address: string;
}

/** The base secret of the TSIG key in the BIND key file. */
export function readKeySecret(file = paths.bindKey): string {
  const m = /secret\s+"([^"]+)"/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no secret in ${file}`);
  return m[1];
}

function zoneFile(records: string[]): string {
  return [
    '$TTL 300',
    `@ IN SOA ns.mydomain.test. hostmaster.mydomain.test. ( 1 3600 600 86400 60 )`,
    '@ IN NS ns.mydomain.test.',
    ...records,
    '',
  ].join('\n');
}

/** Writes named.conf, the key and the three zones: an authoritative primary on 127.0.0.1 only, no recursion. */
export function writeBindConfig(port: number, nodes: NodeAddress[]): string {
  const dir = paths.bind;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    paths.bindKey,
    execFileSync('tsig-keygen', ['-a', keyAlgorithm, keyName], { encoding: 'utf8' }),
  );
  const files: Record<string, string[]> = {
    [dnsZone]: [],
    'hosts.mydomain.test': nodes.map((n) => `${n.name} IN A ${n.address}`),
    // Base services of the scenario's domain; addresses are documentation data, never contacted.
    'mydomain.test': [
      'ns IN A 127.0.0.1',
      'www IN A 198.51.100.80',
      'mail IN A 198.51.100.25',
      '@ IN MX 10 mail',
    ],
  };
  for (const zone of zones) writeFileSync(join(dir, `${zone}.db`), zoneFile(files[zone]));
  const conf = `include "${paths.bindKey}";
options {
  directory "${dir}";
  pid-file "${join(dir, 'named.pid')}";
  session-keyfile "${join(dir, 'session.key')}";
  managed-keys-directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  allow-recursion { none; };
  allow-query { 127.0.0.1; };
  allow-transfer { key ${keyName}; };
  dnssec-validation no;
  notify no;
};
controls { };
${zones
  .map(
    (z) => `zone "${z}" {
  type primary;
  file "${join(dir, `${z}.db`)}";
  allow-update { key ${keyName}; };
  allow-transfer { key ${keyName}; };
};`,
  )
  .join('\n')}
`;
  const confPath = join(dir, 'named.conf');
  writeFileSync(confPath, conf);
  execFileSync('named-checkconf', ['-z', confPath], { stdio: 'pipe' });
  return confPath;
}

export interface DnsRecord {
  name: string;
  ttl: number;
  type: string;
  data: string;
}

/** A zone transfer signed with the TSIG key, through dig (bind9-dnsutils). */
export function axfr(port: number, zone = dnsZone, keyFile = paths.bindKey): DnsRecord[] {
  const out = execFileSync(
    'dig',
    [
      '-y',
      `${keyAlgorithm}:${keyName}:${readKeySecret(keyFile)}`,
      '@127.0.0.1',
      '-p',
      String(port),
      'AXFR',
      zone,
      '+nocmd',
      '+nostats',
      '+nocomments',
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (/Transfer failed|; TSIG error|communications error/.test(out))
    throw new Error(`AXFR ${zone}: ${out.trim()}`);
  const records: DnsRecord[] = [];
  for (const line of out.split('\n')) {
    if (!line || line.startsWith(';')) continue;
    const m = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*)$/.exec(line);
    if (m) records.push({ name: m[1], ttl: Number(m[2]), type: m[3], data: m[4] });
  }
  return records;
}
