import { createHash } from 'node:crypto';
import type { V1ConfigMap, V1Namespace, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import { poolAnnouncers } from '../../model/lb/advertisements.js';
import { Allocator } from '../../model/lb/allocator.js';
import {
  byServiceKey,
  converge,
  isForeignClass,
  serviceKey,
  serviceRequest,
} from '../../model/lb/converge.js';
import { countBuggy, formatIp, rangeSize } from '../../model/lb/ip-range.js';
import {
  type Advertisement,
  annotations,
  type IPAddressPool,
  type ServiceAnnounceStatus,
  statusLabels,
} from '../../model/lb/metallb-types.js';
import { legacyConfigMap, type Pool, poolConfig } from '../../model/lb/pools.js';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace, isApiError } from './api-error.js';
import { observe } from './informer.js';
import { matchesMapSelector } from './label-selector.js';
import { isPodReady } from './pod-facts.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const controllerComponent = 'metallb-controller';
const speakerComponent = 'metallb-speaker';
const reprocessKey = 'reprocess-all';

export interface MetallbOptions {
  /** MetalLB's --lb-class; '' (its default) handles only services without spec.loadBalancerClass. */
  metallbClass?: string;
}

function isReady(node: V1Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The layer-2 election of MetalLB's speakers: candidates sorted by sha256(node + "#" + ip), the first wins. */
export function electL2Node(candidates: readonly string[], ip: string): string | undefined {
  const hash = (n: string): string => createHash('sha256').update(`${n}#${ip}`).digest('hex');
  return [...candidates].sort((a, b) => (hash(a) < hash(b) ? -1 : hash(a) > hash(b) ? 1 : 0))[0];
}

interface Memory {
  /** The last AllocationFailed message per service, so a retry that fails the same way records nothing new. */
  failed: Map<string, string>;
  /** The node last announced per service. */
  announcedBy: Map<string, string>;
}

function readPools(store: DemoObjectStore) {
  const configMap = store.get<V1ConfigMap>(gvr.configmaps, legacyConfigMap.namespace, legacyConfigMap.name);
  return poolConfig({
    ipAddressPools: store.list<IPAddressPool>(gvr.ipaddresspools),
    configMap,
    namespaces: store.list<V1Namespace>(gvr.namespaces),
  });
}

/** Nodes the speakers would announce a service from: advertisement nodes, Ready, with a ready backend if Local. */
function announceCandidates(store: DemoObjectStore, svc: V1Service, nodes: string[]): string[] {
  const pods = store
    .list<V1Pod>(gvr.pods, svc.metadata?.namespace)
    .filter((p) => isPodReady(p) && matchesMapSelector(svc.spec?.selector, p.metadata?.labels));
  if (pods.length === 0) return [];
  if (svc.spec?.externalTrafficPolicy !== 'Local') return nodes;
  const withBackend = new Set(pods.map((p) => p.spec?.nodeName));
  return nodes.filter((n) => withBackend.has(n));
}

/**
 * One pass of MetalLB's controller over every service (its reprocessAll): services holding addresses
 * first, then the rest, each converged with kdeck's copy of MetalLB's allocator; then the speakers' pick.
 */
export function reconcileLoadBalancers(
  store: DemoObjectStore,
  memory: Memory,
  opts: MetallbOptions = {},
): void {
  const cfg = readPools(store);
  const alloc = new Allocator(cfg.pools);
  const allNodes = store.list<V1Node>(gvr.nodes);
  const announcers = poolAnnouncers(
    cfg.pools,
    store.list<Advertisement>(gvr.l2advertisements),
    [],
    allNodes,
  ).byPool;
  const readyNodes = new Set(allNodes.filter(isReady).map((n) => n.metadata?.name ?? ''));
  const services = store
    .list<V1Service>(gvr.services)
    .sort(byServiceKey)
    .sort(
      (a, b) =>
        (b.status?.loadBalancer?.ingress?.length ?? 0) - (a.status?.loadBalancer?.ingress?.length ?? 0),
    );
  const seen = new Set<string>();
  for (const svc of services) {
    const key = serviceKey(svc);
    if (isForeignClass(svc, opts.metallbClass)) continue;
    const managed = svc.metadata?.annotations?.[annotations.allocatedFromPool] !== undefined;
    if (svc.spec?.type !== 'LoadBalancer') {
      if (managed) write(store, svc, [], undefined);
      continue;
    }
    seen.add(key);
    const out = converge(alloc, serviceRequest(svc));
    for (const e of out.events) {
      if (e.reason === 'AllocationFailed') {
        if (memory.failed.get(key) === e.message) continue;
        memory.failed.set(key, e.message);
      }
      store.recordEvent(svc, e.type, e.reason, e.message, controllerComponent);
    }
    if (out.ips.length > 0) memory.failed.delete(key);
    const updated = write(store, svc, out.ips.map(formatIp), out.pool);
    // MetalLB warns about the old annotation keys only when it has something to write, not on every pass.
    if (updated !== svc) {
      for (const k of Object.keys(svc.metadata?.annotations ?? {})) {
        if (k.startsWith('metallb.universe.tf/')) {
          store.recordEvent(
            svc,
            'Warning',
            'deprecatedAnnotation',
            `Service uses deprecated annotation ${k}`,
            controllerComponent,
          );
        }
      }
    }
    const ip = out.ips[0];
    const pool = out.pool;
    if (!ip || !pool) {
      memory.announcedBy.delete(key);
      continue;
    }
    const advNodes = (announcers.get(pool) ?? []).flatMap((a) => a.nodes).filter((n) => readyNodes.has(n));
    const node = electL2Node(announceCandidates(store, updated, [...new Set(advNodes)]), formatIp(ip));
    if (node && memory.announcedBy.get(key) !== node) {
      memory.announcedBy.set(key, node);
      store.recordEvent(
        updated,
        'Normal',
        'nodeAssigned',
        `announcing from node "${node}" with protocol "layer2"`,
        speakerComponent,
      );
    } else if (!node) {
      memory.announcedBy.delete(key);
    }
  }
  publishPoolStatus(store, cfg.pools, alloc);
  for (const key of [...memory.failed.keys()]) if (!seen.has(key)) memory.failed.delete(key);
  for (const key of [...memory.announcedBy.keys()]) if (!seen.has(key)) memory.announcedBy.delete(key);
  syncL2Statuses(store, memory.announcedBy);
}

const serviceL2Statuses = { group: 'metallb.io', version: 'v1beta1', resource: 'servicel2statuses' };

/** The speakers' ServiceL2Status objects (l2-xxxxx in metallb-system), one per announced service, when the CRD is served. */
function syncL2Statuses(store: DemoObjectStore, announcedBy: ReadonlyMap<string, string>): void {
  const existing = store.list<ServiceAnnounceStatus>(serviceL2Statuses, legacyConfigMap.namespace);
  const byService = new Map<string, ServiceAnnounceStatus>();
  for (const st of existing) {
    const l = st.metadata?.labels ?? {};
    const key = `${l[statusLabels.serviceNamespace]}/${l[statusLabels.serviceName]}`;
    if (!announcedBy.has(key) || byService.has(key)) {
      ignoreRace(() => store.delete(serviceL2Statuses, st.metadata?.namespace, st.metadata?.name ?? ''));
    } else {
      byService.set(key, st);
    }
  }
  for (const [key, node] of announcedBy) {
    const [namespace, name] = key.split('/') as [string, string];
    const labels = {
      [statusLabels.node]: node,
      [statusLabels.serviceName]: name,
      [statusLabels.serviceNamespace]: namespace,
    };
    const status = { node, serviceName: name, serviceNamespace: namespace, interfaces: [{ name: 'eth0' }] };
    const cur = byService.get(key);
    if (cur?.status?.node === node) continue;
    try {
      const obj = cur
        ? store.update(serviceL2Statuses, { ...cur, metadata: { ...cur.metadata, labels } })
        : store.create<ServiceAnnounceStatus>(serviceL2Statuses, {
            apiVersion: 'metallb.io/v1beta1',
            kind: 'ServiceL2Status',
            metadata: { generateName: 'l2-', namespace: legacyConfigMap.namespace, labels },
          });
      store.updateStatus(serviceL2Statuses, { ...obj, status });
    } catch (e) {
      // Without MetalLB's CRDs there is nowhere to write; the nodeAssigned event still tells.
      if (isApiError(e, 'NotFound')) return;
      throw e;
    }
  }
}

/** The counters MetalLB's pool status controller publishes on each IPAddressPool. */
function publishPoolStatus(store: DemoObjectStore, pools: readonly Pool[], alloc: Allocator): void {
  for (const pool of pools) {
    if (pool.source !== 'IPAddressPool') continue;
    const cr = store.get<IPAddressPool>(gvr.ipaddresspools, pool.namespace, pool.name);
    if (!cr) continue;
    const used = alloc.usedIps(pool.name);
    const size = (family: 'IPv4' | 'IPv6'): bigint =>
      pool.ranges
        .filter((r) => r.family === family)
        .reduce((n, r) => n + rangeSize(r) - (pool.avoidBuggyIPs ? countBuggy(r) : 0n), 0n);
    const capped = (n: bigint): number =>
      n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
    const v4 = used.filter((ip) => ip.family === 'IPv4').length;
    const v6 = used.length - v4;
    const status = {
      assignedIPv4: v4,
      assignedIPv6: v6,
      availableIPv4: capped(size('IPv4') - BigInt(v4)),
      availableIPv6: capped(size('IPv6') - BigInt(v6)),
    };
    const cur = cr.status ?? {};
    if (Object.entries(status).some(([k, v]) => cur[k as keyof typeof status] !== v)) {
      ignoreRace(() => store.updateStatus(gvr.ipaddresspools, { ...cr, status }));
    }
  }
}

/** Writes the ingress addresses and the ip-allocated-from-pool annotation when they differ; returns the service. */
function write(store: DemoObjectStore, svc: V1Service, ips: string[], pool: string | undefined): V1Service {
  let cur = svc;
  const anns = { ...(svc.metadata?.annotations ?? {}) };
  if (pool === undefined) delete anns[annotations.allocatedFromPool];
  else anns[annotations.allocatedFromPool] = pool;
  if (anns[annotations.allocatedFromPool] !== svc.metadata?.annotations?.[annotations.allocatedFromPool]) {
    cur =
      ignoreRace(() =>
        store.update(gvr.services, { ...cur, metadata: { ...cur.metadata, annotations: anns } }),
      ) ?? cur;
  }
  const have = (cur.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '');
  if (have.join(',') !== ips.join(',')) {
    const status = {
      ...cur.status,
      loadBalancer: ips.length > 0 ? { ingress: ips.map((ip) => ({ ip })) } : {},
    };
    cur = ignoreRace(() => store.updateStatus(gvr.services, { ...cur, status })) ?? cur;
  }
  return cur;
}

/**
 * MetalLB for the demo: its controller's allocation (IPAddressPools, or the legacy ConfigMap) with its
 * events, and its layer-2 speakers' node election. Any change to what it reads reprocesses every service.
 */
export function metallbController(opts: MetallbOptions = {}): DemoController {
  return ({ store, signal, log }) => {
    const memory: Memory = { failed: new Map(), announcedBy: new Map() };
    const queue = new WorkQueue(
      (): undefined => {
        reconcileLoadBalancers(store, memory, opts);
        return undefined;
      },
      signal,
      log,
    );
    const poke = (): void => queue.add(reprocessKey);
    for (const r of [gvr.services, gvr.ipaddresspools, gvr.l2advertisements, gvr.namespaces, gvr.nodes]) {
      observe(store, r, signal, poke);
    }
    observe(store, gvr.configmaps, signal, (_t, obj) => {
      if (
        obj.metadata?.namespace === legacyConfigMap.namespace &&
        obj.metadata?.name === legacyConfigMap.name
      )
        poke();
    });
    observe(store, gvr.pods, signal, (_t, obj) => {
      // Only readiness changes matter here: they decide which node may announce.
      if ((obj as V1Pod).status?.conditions?.some((c) => c.type === 'Ready')) poke();
    });
  };
}
