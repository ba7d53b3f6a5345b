import type { CoreV1Event, V1ConfigMap, V1Namespace, V1Node, V1Service } from '@kubernetes/client-node';
import type { Health } from '../table.js';
import { formatAnnouncers, poolAnnouncers } from './advertisements.js';
import { Allocator, type AllocSubject } from './allocator.js';
import {
  allocateIps,
  annotation,
  byServiceKey,
  formatRequest,
  isForeignClass,
  serviceKey,
  serviceRequest,
} from './converge.js';
import {
  countBuggy,
  formatIp,
  formatRange,
  type IpAddr,
  type IpFamily,
  type IpRange,
  rangeSize,
  subtractAddresses,
} from './ip-range.js';
import {
  type Advertisement,
  annotations,
  type ConfigurationState,
  type IPAddressPool,
  type ServiceAnnounceStatus,
  statusLabels,
} from './metallb-types.js';
import { formatAllocation, type LbFinding, type Pool, poolConfig, poolForIps } from './pools.js';

/** Everything the panel watches, as plain lists. */
export interface LbInput {
  ipAddressPools: readonly IPAddressPool[];
  configMap?: V1ConfigMap;
  l2Advertisements: readonly Advertisement[];
  bgpAdvertisements: readonly Advertisement[];
  services: readonly V1Service[];
  /** Events with reason AllocationFailed, IPAllocated or nodeAssigned (others are ignored). */
  events: readonly CoreV1Event[];
  l2Statuses: readonly ServiceAnnounceStatus[];
  bgpStatuses: readonly ServiceAnnounceStatus[];
  nodes: readonly V1Node[];
  namespaces: readonly V1Namespace[];
  /** MetalLB's --lb-class; '' (its default) handles only services without spec.loadBalancerClass. */
  metallbClass?: string;
  /** MetalLB's ConfigurationState objects (0.15+), when served. */
  configurationStates?: readonly ConfigurationState[];
}

export type AssignmentStatus = 'Assigned' | 'Pending' | 'Conflict' | 'Outside' | 'Ignored';

export interface AssignmentRow {
  key: string;
  namespace: string;
  name: string;
  ips: string[];
  pool: string;
  /** annotation: MetalLB's ip-allocated-from-pool; computed: kdeck's allocator found it. */
  poolFrom: 'annotation' | 'computed' | '';
  requested: string;
  status: AssignmentStatus;
  /** Why it is pending, conflicting, outside or ignored; notes for assigned ones. */
  reason: string;
  /** event: the controller's AllocationFailed event; computed: kdeck's allocator. */
  reasonFrom: 'event' | 'computed' | '';
  /** Nodes announcing it (ServiceL2Status/ServiceBGPStatus, else the latest nodeAssigned event). */
  nodes: string[];
  health: Health;
}

export interface PoolRow {
  name: string;
  source: Pool['source'];
  addresses: string;
  family: IpFamily | 'dual' | '-';
  /** Addresses MetalLB may hand out: .0/.255 excluded with avoidBuggyIPs. */
  size: bigint;
  used: number;
  free: bigint;
  usageBar: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  allocation: string;
  advertisedBy: string;
  /** The pool's own status counts, when MetalLB publishes them. */
  statusCounts: string;
  freeRanges: string[];
  /** More free ranges than listed. */
  freeRangesTruncated: boolean;
  /** The next address a plain new service would get from this pool, per family. */
  next: Partial<Record<IpFamily, string>>;
  services: string[];
  health: Health;
}

export interface NextAddress {
  ip: string;
  pool: string;
  /** Other pools MetalLB might pick instead: it tries auto-assign pools in Go map order. */
  alternatives: string[];
}

export interface LbView {
  source: 'IPAddressPool' | 'ConfigMap' | 'none';
  pools: PoolRow[];
  assignments: AssignmentRow[];
  /** What a new IPv4 LoadBalancer service in `default` without labels or requests would get. */
  next?: NextAddress;
  findings: LbFinding[];
}

const MAX_FREE_RANGES = 32;

function timeOf(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? new Date(t as unknown as string).getTime() : 0;
}

/** Events by the service they are about (namespace/name), newest first; uid checked at lookup. */
type EventIndex = Map<string, CoreV1Event[]>;

function indexEvents(events: readonly CoreV1Event[]): EventIndex {
  const index: EventIndex = new Map();
  for (const e of events) {
    const o = e.involvedObject;
    if (o?.kind !== 'Service') continue;
    const key = `${o.namespace ?? ''}/${o.name ?? ''}`;
    const list = index.get(key) ?? [];
    list.push(e);
    index.set(key, list);
  }
  for (const list of index.values()) list.sort((a, b) => timeOf(b) - timeOf(a));
  return index;
}

function latestEvent(index: EventIndex, svc: V1Service, reason: string): CoreV1Event | undefined {
  const uid = svc.metadata?.uid;
  return index
    .get(serviceKey(svc))
    ?.find((e) => e.reason === reason && (!e.involvedObject.uid || !uid || e.involvedObject.uid === uid));
}

/** Announcing nodes by service (namespace/name) from ServiceL2Status/ServiceBGPStatus objects. */
function indexAnnouncers(input: LbInput): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const s of [...input.l2Statuses, ...input.bgpStatuses]) {
    const l = s.metadata?.labels ?? {};
    const ns = s.status?.serviceNamespace ?? l[statusLabels.serviceNamespace];
    const name = s.status?.serviceName ?? l[statusLabels.serviceName];
    const node = s.status?.node ?? l[statusLabels.node];
    if (!ns || !name || !node) continue;
    const set = index.get(`${ns}/${name}`) ?? new Set<string>();
    set.add(node);
    index.set(`${ns}/${name}`, set);
  }
  return index;
}

const FAILED_PREFIX = /^Failed to allocate IP for "[^"]*": /;
const NODE_ASSIGNED = /^announcing from node "([^"]+)"/;

function announcingNodes(statuses: Map<string, Set<string>>, events: EventIndex, svc: V1Service): string[] {
  const nodes = new Set(statuses.get(serviceKey(svc)) ?? []);
  if (nodes.size === 0) {
    const m = latestEvent(events, svc, 'nodeAssigned')?.message?.match(NODE_ASSIGNED);
    if (m) nodes.add(m[1]!);
  }
  return [...nodes].sort();
}

function plainSubject(namespace: string, family: IpFamily): AllocSubject {
  return {
    namespace,
    labels: {},
    family,
    policy: 'SingleStack',
    prefersIPv6: false,
    ports: [],
    sharingKey: '',
    backendKey: '',
  };
}

function usableSize(pool: Pool): bigint {
  let n = 0n;
  for (const r of pool.ranges) n += rangeSize(r) - (pool.avoidBuggyIPs ? countBuggy(r) : 0n);
  return n;
}

/** Free spans of a pool, split around .0/.255 when avoidBuggyIPs; stops after `max` spans. */
function freeRanges(pool: Pool, used: readonly IpAddr[], max: number): { ranges: IpRange[]; more: boolean } {
  const out: IpRange[] = [];
  for (const r of subtractAddresses(pool.ranges, used)) {
    if (!pool.avoidBuggyIPs || r.family !== 'IPv4') {
      out.push(r);
    } else {
      // Walk /24 blocks: each gives one span without its .0 and .255.
      for (let block = r.first & ~0xffn; block <= r.last && out.length <= max; block += 256n) {
        const first = r.first > block + 1n ? r.first : block + 1n;
        const last = r.last < block + 254n ? r.last : block + 254n;
        if (first <= last) out.push({ family: 'IPv4', first, last });
      }
    }
    if (out.length > max) break;
  }
  return { ranges: out.slice(0, max), more: out.length > max };
}

function usageBar(used: number, size: bigint, width = 10): string {
  if (size === 0n) return `${'░'.repeat(width)}   -`;
  const filled = Number((BigInt(used) * BigInt(width) + size - 1n) / size);
  const pct = Number((BigInt(used) * 100n) / size);
  return `${'█'.repeat(Math.min(width, filled))}${'░'.repeat(Math.max(0, width - filled))} ${String(pct).padStart(3)}%`;
}

function statusCounts(pool: Pool): string {
  const s = pool.status;
  if (!s) return '';
  const parts: string[] = [];
  if ((s.assignedIPv4 ?? 0) + (s.availableIPv4 ?? 0) > 0)
    parts.push(`v4 ${s.assignedIPv4 ?? 0}/${(s.assignedIPv4 ?? 0) + (s.availableIPv4 ?? 0)}`);
  if ((s.assignedIPv6 ?? 0) + (s.availableIPv6 ?? 0) > 0)
    parts.push(`v6 ${s.assignedIPv6 ?? 0}/${(s.assignedIPv6 ?? 0) + (s.availableIPv6 ?? 0)}`);
  return parts.join(' ');
}

/** MetalLB's own verdict: an Invalid configuration means it still runs on the last valid one. */
function configurationFindings(states: readonly ConfigurationState[]): LbFinding[] {
  return states
    .filter((s) => s.status?.result === 'Invalid')
    .map((s) => ({
      severity: 'error' as const,
      subject: `ConfigurationState ${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`,
      message: `MetalLB reports its configuration Invalid: ${s.status?.errorSummary || 'no summary'}`,
    }));
}

const HEALTH: Record<AssignmentStatus, Health> = {
  Assigned: 'ok',
  Pending: 'pending',
  Conflict: 'error',
  Outside: 'warn',
  Ignored: 'neutral',
};

/**
 * The load-balancer view: replays MetalLB's allocator over the cluster's current state (services
 * that hold addresses first, as its reprocessAll does), then explains every service still waiting.
 */
export function buildLbView(input: LbInput): LbView {
  const cfg = poolConfig({
    ipAddressPools: input.ipAddressPools,
    configMap: input.configMap,
    namespaces: input.namespaces,
  });
  const adv = poolAnnouncers(cfg.pools, input.l2Advertisements, input.bgpAdvertisements, input.nodes);
  const findings = [
    ...cfg.findings,
    ...adv.findings,
    ...configurationFindings(input.configurationStates ?? []),
  ];
  const alloc = new Allocator(cfg.pools);
  const events = indexEvents(input.events);
  const announcers = indexAnnouncers(input);
  const lbServices = input.services.filter((s) => s.spec?.type === 'LoadBalancer').sort(byServiceKey);
  const ordered = [...lbServices].sort(
    (a, b) => (b.status?.loadBalancer?.ingress?.length ?? 0) - (a.status?.loadBalancer?.ingress?.length ?? 0),
  );
  const rows = new Map<string, AssignmentRow>();
  const pending: V1Service[] = [];

  for (const svc of ordered) {
    const req = serviceRequest(svc);
    const row: AssignmentRow = {
      key: req.key,
      namespace: svc.metadata?.namespace ?? '',
      name: svc.metadata?.name ?? '',
      ips: (svc.status?.loadBalancer?.ingress ?? [])
        .map((i) => i.ip ?? i.hostname ?? '')
        .filter((x) => x !== ''),
      pool: '',
      poolFrom: '',
      requested: formatRequest(req),
      status: 'Pending',
      reason: '',
      reasonFrom: '',
      nodes: announcingNodes(announcers, events, svc),
      health: 'pending',
    };
    rows.set(req.key, row);
    if (isForeignClass(svc, input.metallbClass)) {
      row.status = row.ips.length > 0 ? 'Ignored' : 'Pending';
      row.reason = `loadBalancerClass "${svc.spec?.loadBalancerClass ?? ''}" is not MetalLB's: MetalLB ignores this service`;
      row.reasonFrom = 'computed';
      continue;
    }
    if (req.statusIps.length === 0) {
      pending.push(svc);
      continue;
    }
    const err = alloc.assign(req.key, req.subject, req.statusIps);
    const recorded = annotation(svc, [
      annotations.allocatedFromPool,
      annotations.deprecatedAllocatedFromPool,
    ]);
    if (!err) {
      row.status = 'Assigned';
      const computed = alloc.pool(req.key) ?? '';
      row.pool = recorded ?? computed;
      row.poolFrom = recorded !== undefined ? 'annotation' : 'computed';
      const notes: string[] = [];
      if (recorded !== undefined && recorded !== computed)
        notes.push(`annotation says pool ${recorded}, addresses are in ${computed}`);
      if (req.requestedPool && req.requestedPool !== computed)
        notes.push(`asks for pool ${req.requestedPool}: MetalLB will reassign`);
      const wanted = req.requestedIps.map(formatIp).sort().join(',');
      if (wanted && wanted !== req.statusIps.map(formatIp).sort().join(','))
        notes.push(`asks for ${wanted}: MetalLB will reassign`);
      if (req.requestError) notes.push(req.requestError);
      row.reason = notes.join('; ');
      row.reasonFrom = notes.length > 0 ? 'computed' : '';
    } else if (!poolForIps(cfg.pools, req.statusIps)) {
      row.status = 'Outside';
      row.pool = recorded ?? '';
      row.poolFrom = recorded !== undefined ? 'annotation' : '';
      row.reason = `${req.statusIps.map(formatIp).join(',')} is in no pool`;
      row.reasonFrom = 'computed';
    } else {
      row.status = 'Conflict';
      row.pool = poolForIps(cfg.pools, req.statusIps)?.name ?? '';
      row.poolFrom = 'computed';
      row.reason = err;
      row.reasonFrom = 'computed';
    }
  }

  for (const svc of pending) {
    const req = serviceRequest(svc);
    const row = rows.get(req.key)!;
    const trial = allocateIps(alloc, req);
    if ('ips' in trial) alloc.unassign(req.key);
    const failed = latestEvent(events, svc, 'AllocationFailed');
    const computed =
      'error' in trial
        ? trial.error
        : cfg.pools.length === 0
          ? 'no address pools configured'
          : `MetalLB would assign ${trial.ips.map(formatIp).join(',')} from pool ${trial.pool}; no controller has acted yet`;
    if (failed?.message) {
      row.reason = failed.message.replace(FAILED_PREFIX, '');
      row.reasonFrom = 'event';
      if ('ips' in trial) row.reason += ` (now it would get ${trial.ips.map(formatIp).join(',')})`;
    } else {
      row.reason = computed;
      row.reasonFrom = 'computed';
    }
  }
  for (const row of rows.values()) row.health = HEALTH[row.status];

  const assignments = lbServices.map((s) => rows.get(serviceKey(s))!);
  const pools = cfg.pools.map((pool): PoolRow => {
    const used = alloc.usedIps(pool.name);
    const size = usableSize(pool);
    const fr = freeRanges(pool, used, MAX_FREE_RANGES);
    const families = new Set(pool.ranges.map((r) => r.family));
    const next: Partial<Record<IpFamily, string>> = {};
    for (const f of families) {
      const ip = alloc.firstFree(pool, f, '<new>', plainSubject('default', f));
      if (ip) next[f] = formatIp(ip);
    }
    const services = assignments
      .filter((a) => a.pool === pool.name && a.status !== 'Pending')
      .map((a) => a.key);
    const free = size - BigInt(used.length) < 0n ? 0n : size - BigInt(used.length);
    return {
      name: pool.name,
      source: pool.source,
      addresses: pool.addresses.join(','),
      family: families.size === 2 ? 'dual' : families.size === 1 ? [...families][0]! : '-',
      size,
      used: used.length,
      free,
      usageBar: usageBar(used.length, size),
      autoAssign: pool.autoAssign,
      avoidBuggyIPs: pool.avoidBuggyIPs,
      allocation: formatAllocation(pool.allocation),
      advertisedBy: formatAnnouncers(adv.byPool.get(pool.name)),
      statusCounts: statusCounts(pool),
      freeRanges: fr.ranges.map(formatRange),
      freeRangesTruncated: fr.more,
      next,
      services,
      health:
        size === 0n
          ? 'error'
          : free === 0n
            ? 'warn'
            : (adv.byPool.get(pool.name)?.length ?? 0) === 0
              ? 'warn'
              : 'ok',
    };
  });

  return { source: cfg.source, pools, assignments, next: nextForNewService(alloc), findings };
}

/** The address a plain new IPv4 service in `default` would get, and the other pools that could give one. */
function nextForNewService(alloc: Allocator): NextAddress | undefined {
  const subject = plainSubject('default', 'IPv4');
  const trialKey = 'default/<new service>';
  const r = alloc.allocate(trialKey, subject);
  if ('error' in r) return undefined;
  alloc.unassign(trialKey);
  const pinned = alloc.pinnedPools(subject).map((p) => p.name);
  const alternatives = pinned.includes(r.pool)
    ? []
    : alloc
        .fallbackPools()
        .filter((p) => p.name !== r.pool && alloc.firstFree(p, 'IPv4', trialKey, subject))
        .map((p) => p.name);
  return { ip: r.ips.map(formatIp).join(','), pool: r.pool, alternatives };
}
