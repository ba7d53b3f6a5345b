import type {
  V1Deployment,
  V1EndpointSlice,
  V1Ingress,
  V1Node,
  V1Pod,
  V1Secret,
  V1Service,
} from '@kubernetes/client-node';
import { readZones } from '../../dns/read-zone.js';
import { makeTsigKey } from '../../dns/tsig.js';
import { sendUpdate, type UpdateOp } from '../../dns/update.js';
import { RR, record, typeNumber } from '../../dns/wire.js';
import type {
  ClusterState,
  DnsEndpointObject,
  IstioGateway,
  IstioVirtualService,
} from '../../model/dns/cluster-state.js';
import { compareDns } from '../../model/dns/compare.js';
import { parseExternalDnsArgs } from '../../model/dns/config.js';
import { planDesired, zoneOf } from '../../model/dns/planner.js';
import { txtNameFor, txtValueFor } from '../../model/dns/registry.js';
import type { ExternalDnsConfig } from '../../model/dns/types.js';
import type { DemoController, DemoDnsEndpoint, DemoObjectStore } from '../controller.js';
import { gvr } from './resources.js';

export const demoOwnerId = 'kdeck-demo';
export const demoNamespace = 'external-dns';
export const demoSecretName = 'external-dns-tsig';

/** The flags the demo's external-dns runs with; its Deployment carries the same, so the panel discovers them. */
export function externalDnsDemoArgs(dns: DemoDnsEndpoint): string[] {
  return [
    '--source=service',
    '--source=ingress',
    '--source=istio-gateway',
    '--source=istio-virtualservice',
    '--source=crd',
    '--provider=rfc2136',
    '--registry=txt',
    `--txt-owner-id=${demoOwnerId}`,
    '--policy=sync',
    ...dns.zones.map((z) => `--domain-filter=${z}`),
    `--rfc2136-host=${dns.host}`,
    `--rfc2136-port=${dns.port}`,
    ...dns.zones.map((z) => `--rfc2136-zone=${z}`),
    `--rfc2136-tsig-keyname=${dns.keyName}`,
    `--rfc2136-tsig-secret-alg=${dns.algorithm}`,
    '--rfc2136-tsig-secret=$(EXTERNAL_DNS_RFC2136_TSIG_SECRET)',
    '--rfc2136-axfr',
    '--interval=5s',
  ];
}

/** The Deployment and TSIG Secret the demo seeds so `:dns` finds this external-dns like a real one. */
export function externalDnsDemoObjects(dns: DemoDnsEndpoint): { secret: V1Secret; deployment: V1Deployment } {
  const labels = { 'app.kubernetes.io/name': 'external-dns' };
  return {
    secret: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: demoSecretName, namespace: demoNamespace },
      type: 'Opaque',
      data: { secret: Buffer.from(dns.secret).toString('base64') },
    },
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'external-dns', namespace: demoNamespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'external-dns',
                image: 'registry.k8s.io/external-dns/external-dns:v0.22.0',
                args: externalDnsDemoArgs(dns),
                env: [
                  {
                    name: 'EXTERNAL_DNS_RFC2136_TSIG_SECRET',
                    valueFrom: { secretKeyRef: { name: demoSecretName, key: 'secret' } },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  };
}

export function demoClusterState(store: DemoObjectStore): ClusterState {
  return {
    services: store.list<V1Service>(gvr.services),
    ingresses: store.list<V1Ingress>(gvr.ingresses),
    nodes: store.list<V1Node>(gvr.nodes),
    pods: store.list<V1Pod>(gvr.pods),
    endpointSlices: store.list<V1EndpointSlice>(gvr.endpointslices),
    istioGateways: store.list<IstioGateway>(gvr.gateways),
    virtualServices: store.list<IstioVirtualService>(gvr.virtualservices),
    dnsEndpoints: store.list<DnsEndpointObject>(gvr.dnsendpoints),
    gateways: [],
    httpRoutes: [],
  };
}

/** One sync of external-dns's loop: plan, read the zones, and write the difference as signed UPDATEs. */
export async function syncOnce(
  store: DemoObjectStore,
  dns: DemoDnsEndpoint,
  cfg: ExternalDnsConfig,
  signal?: AbortSignal,
): Promise<number> {
  const key = makeTsigKey(dns.keyName, dns.algorithm, dns.secret);
  const server = { host: dns.host, port: dns.port };
  const plan = planDesired(demoClusterState(store), cfg);
  const zone = await readZones({ server, zones: dns.zones, key, signal });
  if (!zone.records) throw zone.error ?? new Error('DNS server unreadable');
  const rows = compareDns({ cfg, plan, actual: zone.records });
  const byZone = new Map<string, UpdateOp[]>();
  const add = (fqdn: string, ops: UpdateOp[]) => {
    const z = zoneOf(fqdn, dns.zones);
    if (z) byZone.set(z, [...(byZone.get(z) ?? []), ...ops]);
  };
  const ttlFor = (ttl: number | undefined) => Math.max(ttl ?? 0, cfg.rfc2136.minTtl);
  for (const g of plan.groups) {
    const row = rows.find(
      (r) => r.fqdn === g.fqdn && r.type === g.type && (r.status === 'Missing' || r.status === 'Drift'),
    );
    if (!row) continue;
    const w = g.candidates.find((c) => c.source === row.source) ?? g.candidates[0]!;
    const type = typeNumber(g.type)!;
    const txtName = txtNameFor(g.fqdn, g.type, cfg);
    add(g.fqdn, [
      { op: 'delete-rrset', name: g.fqdn, type },
      ...w.targets.map((t): UpdateOp => ({ op: 'add', record: record(g.fqdn, type, ttlFor(w.ttl), t) })),
      { op: 'delete-rrset', name: txtName, type: RR.TXT },
      {
        op: 'add',
        record: record(txtName, RR.TXT, ttlFor(undefined), [txtValueFor(cfg.ownerId, w.resource)]),
      },
    ]);
  }
  if (cfg.policy === 'sync') {
    for (const r of rows) {
      if (r.status !== 'Orphaned') continue;
      const type = typeNumber(r.type);
      if (!type) continue;
      const ops: UpdateOp[] = [{ op: 'delete-rrset', name: r.fqdn, type }];
      if (r.type !== 'TXT')
        ops.push({ op: 'delete-rrset', name: txtNameFor(r.fqdn, r.type, cfg), type: RR.TXT });
      add(r.fqdn, ops);
    }
  }
  let changes = 0;
  for (const [z, ops] of byZone) {
    await sendUpdate({ server, zone: z, key, ops, signal });
    changes += ops.length;
  }
  return changes;
}

export interface ExternalDnsDemoOptions {
  intervalMs?: number;
}

/** external-dns for the demo: every interval (and soon after a source changes) it syncs the demo DNS server, policy sync. */
export function externalDnsController(opts: ExternalDnsDemoOptions = {}): DemoController {
  return async (ctx) => {
    const cfg = parseExternalDnsArgs(`${demoNamespace}/external-dns`, externalDnsDemoArgs(ctx.dns)).config;
    const interval = opts.intervalMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    let lastError = '';
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const n = await syncOnce(ctx.store, ctx.dns, cfg, ctx.signal);
        if (n > 0) ctx.log(`external-dns: applied ${n} changes`);
        lastError = '';
      } catch (err) {
        const msg = (err as Error).message;
        if (msg !== lastError && !ctx.signal.aborted) ctx.log(`external-dns: sync failed: ${msg}`);
        lastError = msg;
      } finally {
        running = false;
      }
      if (again && !ctx.signal.aborted) {
        again = false;
        schedule(200);
      }
    };
    const schedule = (ms: number) => {
      if (ctx.signal.aborted) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void run().then(() => schedule(interval));
      }, ms);
    };
    const sources = [
      gvr.services,
      gvr.ingresses,
      gvr.gateways,
      gvr.virtualservices,
      gvr.dnsendpoints,
      gvr.endpointslices,
    ];
    const unwatch = sources.map((r) => ctx.store.watch(r, () => schedule(300)));
    schedule(0);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    clearTimeout(timer);
    for (const u of unwatch) u();
  };
}
