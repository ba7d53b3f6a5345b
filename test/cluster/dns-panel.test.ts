import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  KubeConfig,
  NetworkingV1Api,
  type V1Service,
} from '@kubernetes/client-node';
import { startExternalDns, txtOwnerId } from '../../cluster/lib/addons.js';
import { paths } from '../../cluster/lib/paths.js';
import { isAlive, pidFile, readPid, stopDaemon } from '../../cluster/lib/proc.js';
import { parseKeyFile } from '../../src/dns/key-file.js';
import { readZones } from '../../src/dns/read-zone.js';
import { makeTsigKey } from '../../src/dns/tsig.js';
import { sendUpdate } from '../../src/dns/update.js';
import { RR, record } from '../../src/dns/wire.js';
import type {
  ClusterState,
  DnsEndpointObject,
  IstioGateway,
  IstioVirtualService,
} from '../../src/model/dns/cluster-state.js';
import { compareDns, expectedRecords } from '../../src/model/dns/compare.js';
import { parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { planDesired } from '../../src/model/dns/planner.js';
import { txtNameFor, txtValueFor } from '../../src/model/dns/registry.js';
import type { DnsRow, ZoneRecord } from '../../src/model/dns/types.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const skip = kubeconfig
  ? false
  : 'KDECK_CLUSTER_KUBECONFIG is unset: start the harness with `npm run cluster -- up` (npm run test:cluster does)';
const zone = process.env.KDECK_DNS_ZONE ?? 'svc.mydomain.test';
const server = {
  host: process.env.KDECK_DNS_SERVER ?? '127.0.0.1',
  port: Number(process.env.KDECK_DNS_PORT ?? 0),
};
const ns = 'kdeck-dns-e2e';
const P = 'external-dns.kubernetes.io/';

/** The harness's external-dns flags (cluster/lib/addons.ts), as kdeck would be told them in its config. */
function harnessConfig() {
  const args = ['service', 'ingress', 'istio-gateway', 'istio-virtualservice', 'crd'].map(
    (s) => `--source=${s}`,
  );
  args.push(
    '--provider=rfc2136',
    `--rfc2136-host=${server.host}`,
    `--rfc2136-port=${server.port}`,
    `--rfc2136-zone=${zone}`,
    `--rfc2136-tsig-keyname=${process.env.KDECK_DNS_KEY_NAME ?? 'externaldns'}`,
    '--rfc2136-tsig-secret-alg=hmac-sha256',
    '--rfc2136-axfr',
    '--registry=txt',
    `--txt-owner-id=${txtOwnerId}`,
    `--domain-filter=${zone}`,
    '--policy=sync',
  );
  return parseExternalDnsArgs('harness/external-dns', args).config;
}

function harnessState(): { ports: { dns: number; externalDnsMetrics: number } } {
  return JSON.parse(readFileSync(paths.state, 'utf8'));
}

describe('the :dns model against the real external-dns and BIND', { skip }, () => {
  const kc = new KubeConfig();
  let core: CoreV1Api;
  let net: NetworkingV1Api;
  let disc: DiscoveryV1Api;
  let custom: CustomObjectsApi;
  const cfg = harnessConfig();
  const keyEntry = () => {
    const e = parseKeyFile(readFileSync(process.env.KDECK_DNS_KEY_FILE ?? paths.bindKey, 'utf8'))[0];
    assert.ok(e, 'no key in KDECK_DNS_KEY_FILE');
    return makeTsigKey(e.name, e.algorithm, e.secret);
  };

  async function clusterState(): Promise<ClusterState> {
    const list = async <T>(group: string, version: string, plural: string): Promise<T[]> => {
      try {
        const r = (await custom.listClusterCustomObject({ group, version, plural })) as { items: T[] };
        return r.items;
      } catch {
        return [];
      }
    };
    return {
      services: (await core.listServiceForAllNamespaces()).items,
      ingresses: (await net.listIngressForAllNamespaces()).items,
      nodes: (await core.listNode()).items,
      pods: (await core.listPodForAllNamespaces()).items,
      endpointSlices: (await disc.listEndpointSliceForAllNamespaces()).items,
      istioGateways: await list<IstioGateway>('networking.istio.io', 'v1', 'gateways'),
      virtualServices: await list<IstioVirtualService>('networking.istio.io', 'v1', 'virtualservices'),
      dnsEndpoints: await list<DnsEndpointObject>('externaldns.k8s.io', 'v1alpha1', 'dnsendpoints'),
      gateways: [],
      httpRoutes: [],
    };
  }

  async function snapshot(): Promise<{ rows: DnsRow[]; records: ZoneRecord[]; state: ClusterState }> {
    const state = await clusterState();
    const read = await readZones({ server, zones: [zone], key: keyEntry() });
    assert.ok(read.records, `zone unreadable: ${read.error?.message}`);
    return {
      rows: compareDns({ cfg, plan: planDesired(state, cfg), actual: read.records }),
      records: read.records,
      state,
    };
  }

  const unsettled = (rows: DnsRow[]) =>
    rows.filter((r) => r.status === 'Missing' || r.status === 'Drift' || r.status === 'Orphaned');

  async function settle(
    what: string,
    ok: (rows: DnsRow[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<DnsRow[]> {
    const end = Date.now() + timeoutMs;
    let last: DnsRow[] = [];
    while (Date.now() < end) {
      last = (await snapshot()).rows;
      if (ok(last)) return last;
      await sleep(1000);
    }
    assert.fail(
      `${what} never happened; rows:\n${last.map((r) => `${r.fqdn} ${r.type} ${r.status} ${r.reason}`).join('\n')}`,
    );
  }

  const lbService = (
    name: string,
    annotations: Record<string, string>,
    extra: Partial<V1Service['spec']> = {},
  ): V1Service => ({
    metadata: { name, namespace: ns, annotations },
    spec: { type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }], selector: { app: name }, ...extra },
  });

  async function externalDnsRunning(): Promise<boolean> {
    const pid = readPid(pidFile('external-dns'));
    return pid !== undefined && isAlive(pid);
  }

  let stoppedByUs = false;

  /** Starts the harness's external-dns again, only if this test stopped it. */
  async function startExternalDnsAgain(): Promise<void> {
    if (!stoppedByUs || (await externalDnsRunning())) return;
    stoppedByUs = false;
    const s = harnessState();
    startExternalDns(s.ports.dns, s.ports.externalDnsMetrics);
  }

  before(async () => {
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    net = kc.makeApiClient(NetworkingV1Api);
    disc = kc.makeApiClient(DiscoveryV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
    assert.ok(
      await externalDnsRunning(),
      'the harness runs no external-dns: see `npm run cluster -- status`',
    );
    await core.createNamespace({ body: { metadata: { name: ns } } }).catch(() => undefined);
  });

  after(async () => {
    await startExternalDnsAgain();
    // The hand-made records are nobody's to clean up but ours.
    await sendUpdate({
      server,
      zone,
      key: keyEntry(),
      ops: [
        { op: 'delete-name', name: `foreign.${zone}` },
        { op: 'delete-name', name: txtNameFor(`foreign.${zone}`, 'A', cfg) },
      ],
    }).catch(() => undefined);
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('after external-dns syncs, kdeck’s desired set is exactly what it wrote into BIND, every row Synced', async () => {
    await core.createNamespacedService({
      namespace: ns,
      body: lbService('e2e-keep', { [`${P}hostname`]: `keep.${zone}` }),
    });
    await core.createNamespacedService({
      namespace: ns,
      body: lbService('e2e-gone', { [`${P}hostname`]: `gone.${zone}` }),
    });
    // One object per source kind external-dns runs with, next to what the seeds may hold.
    await net.createNamespacedIngress({
      namespace: ns,
      body: {
        metadata: { name: 'e2e-www', namespace: ns, annotations: { [`${P}target`]: '198.51.100.100' } },
        spec: { rules: [{ host: `www-e2e.${zone}` }] },
      },
    });
    await custom.createNamespacedCustomObject({
      group: 'externaldns.k8s.io',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'dnsendpoints',
      body: {
        apiVersion: 'externaldns.k8s.io/v1alpha1',
        kind: 'DNSEndpoint',
        metadata: { name: 'e2e-api', namespace: ns },
        spec: {
          endpoints: [
            { dnsName: `api-e2e.${zone}`, recordType: 'A', targets: ['203.0.113.250'], recordTTL: 120 },
            { dnsName: `docs-e2e.${zone}`, recordType: 'CNAME', targets: [`www-e2e.${zone}`] },
          ],
        },
      },
    });
    await core.createNamespacedService({
      namespace: ns,
      body: lbService('e2e-ingressgateway', {}, { selector: { istio: 'e2e-gw' } }),
    });
    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'gateways',
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'e2e-gw', namespace: ns },
        spec: {
          selector: { istio: 'e2e-gw' },
          servers: [
            {
              port: { number: 80, name: 'http', protocol: 'HTTP' },
              hosts: [`*/gw-e2e.${zone}`, `*/shop-e2e.${zone}`],
            },
          ],
        },
      },
    });
    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'e2e-shop', namespace: ns },
        spec: {
          hosts: [`shop-e2e.${zone}`],
          gateways: ['e2e-gw'],
          http: [{ route: [{ destination: { host: 'e2e-keep' } }] }],
        },
      },
    });
    await core.createNamespacedService({
      namespace: ns,
      body: lbService('e2e-legacy', { 'external-dns.alpha.kubernetes.io/hostname': `legacy-e2e.${zone}` }),
    });
    const rows = await settle(
      'a full sync',
      (r) =>
        unsettled(r).length === 0 &&
        [
          `gone.${zone}`,
          `www-e2e.${zone}`,
          `api-e2e.${zone}`,
          `docs-e2e.${zone}`,
          `gw-e2e.${zone}`,
          `shop-e2e.${zone}`,
        ].every((n) => r.some((x) => x.fqdn === n && x.status === 'Synced')),
    );
    assert.deepEqual(
      rows.filter((r) => r.status === 'Foreign' || r.status === 'Unknown'),
      [],
    );
    const legacy = rows.find((r) => r.fqdn === `legacy-e2e.${zone}`);
    assert.equal(legacy?.status, 'Filtered');
    assert.match(
      legacy!.reason,
      /external-dns\.alpha\.kubernetes\.io\/ annotations, which external-dns 0\.22 ignores/,
    );
    // Other suites share this cluster: compare at a moment when nothing is in flight, retrying a while.
    const end = Date.now() + 60_000;
    let diff = '';
    while (Date.now() < end) {
      const { records, state } = await snapshot();
      const plan = planDesired(state, cfg);
      const expected = expectedRecords(plan, cfg).map((r) => `${r.fqdn} ${r.type} ${r.value}`);
      const written = records
        .filter((r) => r.type !== 'SOA' && r.type !== 'NS')
        .filter(
          (r) =>
            r.type !== 'TXT' ||
            r.value.includes(`external-dns/owner=${txtOwnerId}`) ||
            expected.some((e) => e.startsWith(`${r.fqdn} TXT`)),
        )
        .filter(
          (r) =>
            r.type === 'TXT' ||
            records.some(
              (t) =>
                t.type === 'TXT' &&
                t.fqdn === txtNameFor(r.fqdn, r.type, cfg) &&
                t.value.includes(`external-dns/owner=${txtOwnerId}`),
            ),
        )
        .map((r) => `${r.fqdn} ${r.type} ${r.value}`);
      const missing = expected.filter((e) => !written.includes(e));
      const extra = written.filter((w) => !expected.includes(w));
      if (missing.length === 0 && extra.length === 0) {
        assert.ok(expected.some((e) => e.startsWith(`gone.${zone} A `)));
        return;
      }
      diff = `predicted but not in BIND:\n${missing.join('\n')}\nwritten by external-dns but not predicted:\n${extra.join('\n')}`;
      await sleep(1000);
    }
    assert.fail(`kdeck's desired set and external-dns's records differ:\n${diff}`);
  });

  it('shows Drift, Foreign, Orphaned, Filtered and Pending with their reasons, and external-dns then fixes what it owns', async () => {
    const s = harnessState();
    assert.ok(s.ports.dns === server.port, 'harness state and env disagree on the DNS port');
    await stopDaemon('external-dns', 'external-dns');
    stoppedByUs = true;
    try {
      const key = keyEntry();
      await sendUpdate({
        server,
        zone,
        key,
        ops: [
          { op: 'delete-rrset', name: `keep.${zone}`, type: RR.A },
          { op: 'add', record: record(`keep.${zone}`, RR.A, 0, '198.51.100.99') },
        ],
      });
      await core.createNamespacedService({
        namespace: ns,
        body: lbService('e2e-foreign', { [`${P}hostname`]: `foreign.${zone}` }),
      });
      await sendUpdate({
        server,
        zone,
        key,
        ops: [
          { op: 'add', record: record(`foreign.${zone}`, RR.A, 0, '198.51.100.50') },
          {
            op: 'add',
            record: record(txtNameFor(`foreign.${zone}`, 'A', cfg), RR.TXT, 0, [
              txtValueFor('someone-else', 'service/other/foreign'),
            ]),
          },
        ],
      });
      await core.deleteNamespacedService({ namespace: ns, name: 'e2e-gone' });
      await core.createNamespacedService({
        namespace: ns,
        body: lbService('e2e-outside', { [`${P}hostname`]: 'outside.elsewhere.test' }),
      });
      await core.createNamespacedService({
        namespace: ns,
        body: lbService(
          'e2e-pending',
          { [`${P}hostname`]: `pending.${zone}` },
          { loadBalancerClass: 'example.com/nobody' },
        ),
      });
      const rows = await settle(
        'the breakage to show',
        (r) =>
          r.some((x) => x.fqdn === `gone.${zone}` && x.status === 'Orphaned') &&
          r.some((x) => x.fqdn === 'outside.elsewhere.test'),
      );
      const row = (fqdn: string) => rows.find((r) => r.fqdn === fqdn);
      assert.equal(row(`keep.${zone}`)?.status, 'Drift');
      assert.match(
        row(`keep.${zone}`)!.reason,
        /targets differ: want 203\.0\.113\.\d+, have 198\.51\.100\.99/,
      );
      assert.equal(row(`foreign.${zone}`)?.status, 'Foreign');
      assert.match(row(`foreign.${zone}`)!.reason, /owned by someone-else/);
      assert.equal(row(`gone.${zone}`)?.status, 'Orphaned');
      assert.match(
        row(`gone.${zone}`)!.reason,
        /no source asks for it \(was service\/kdeck-dns-e2e\/e2e-gone\)/,
      );
      assert.equal(row('outside.elsewhere.test')?.status, 'Filtered');
      assert.match(row('outside.elsewhere.test')!.reason, /outside --domain-filter=svc\.mydomain\.test/);
      assert.equal(row(`pending.${zone}`)?.status, 'Pending');
      assert.match(row(`pending.${zone}`)!.reason, /LoadBalancer has no address yet/);
    } finally {
      await startExternalDnsAgain();
    }
    const fixed = await settle(
      'external-dns to repair its own records',
      (r) =>
        r.find((x) => x.fqdn === `keep.${zone}`)?.status === 'Synced' &&
        !r.some((x) => x.fqdn === `gone.${zone}`),
      90_000,
    );
    assert.equal(
      fixed.find((r) => r.fqdn === `foreign.${zone}`)?.status,
      'Foreign',
      'external-dns leaves a record another owner claims',
    );
  });
});
