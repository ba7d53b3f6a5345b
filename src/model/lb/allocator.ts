import { matchesLabels } from '../label-selector.js';
import { formatIp, type IpAddr, type IpFamily, ipKey, isBuggyIp } from './ip-range.js';
import { type Pool, poolForIps } from './pools.js';

/** A port a service uses on its address: two services may share an IP only on different ports. */
export interface Port {
  proto: string;
  port: number;
}

/** The service's IP family as MetalLB's ipfamily.ForService derives it from its ClusterIPs. */
export type ServiceFamily = IpFamily | 'dual';
export type FamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

/** What the allocator needs to know about a service besides its key. */
export interface AllocSubject {
  namespace: string;
  labels: Record<string, string>;
  family: ServiceFamily;
  policy: FamilyPolicy;
  /** spec.ipFamilies[0] === 'IPv6' makes IPv6 the preferred family of a dual-stack service. */
  prefersIPv6: boolean;
  ports: Port[];
  sharingKey: string;
  /** The selector when externalTrafficPolicy is Local: shared IPs must then have the same backends. */
  backendKey: string;
}

interface Alloc {
  pool: string;
  ips: IpAddr[];
  ports: Port[];
  sharing: string;
  backend: string;
}

export type AllocResult = { ips: IpAddr[]; pool: string } | { error: string };

const portKey = (p: Port): string => `${p.proto}/${p.port}`;

/** Go's %q of a []net.IP: `["a" "b"]`, with `<nil>` for a missing address. */
export function quoteIps(ips: readonly (IpAddr | undefined)[]): string {
  return `[${ips.map((ip) => `"${ip ? formatIp(ip) : '<nil>'}"`).join(' ')}]`;
}

/** Whether a pool's serviceAllocation lets this service use it (allocator.isPoolCompatibleWithService). */
export function poolAdmits(pool: Pool, svc: Pick<AllocSubject, 'namespace' | 'labels'>): boolean {
  const rule = pool.allocation;
  if (!rule) return true;
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(svc.namespace)) return false;
  if (rule.serviceSelectors.length > 0)
    return rule.serviceSelectors.some((s) => matchesLabels(s, svc.labels));
  return true;
}

/** Lower priority number first, unset (0) last, as allocator.sortPools orders pinned pools. */
function byPriority(a: Pool, b: Pool): number {
  const pa = a.allocation?.priority ?? 0;
  const pb = b.allocation?.priority ?? 0;
  if (pa > 0 && pb > 0) return pa - pb;
  if (pa === 0 && pb > 0) return 1;
  if (pa > 0 && pb === 0) return -1;
  return 0;
}

/**
 * MetalLB v0.16's IP allocator (internal/allocator), rule for rule: which address a service may hold,
 * which one it gets next, and the error text when it gets none. Pools are tried in name order where
 * MetalLB iterates a Go map (an unspecified order); `autoAssignCandidates` tells when that matters.
 */
export class Allocator {
  readonly #pools: readonly Pool[];
  readonly #byName = new Map<string, Pool>();
  readonly #allocated = new Map<string, Alloc>();
  readonly #sharingKeyForIp = new Map<string, { sharing: string; backend: string }>();
  readonly #portsInUse = new Map<string, Map<string, string>>();
  readonly #servicesOnIp = new Map<string, Set<string>>();

  constructor(pools: readonly Pool[]) {
    this.#pools = [...pools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of this.#pools) if (!this.#byName.has(p.name)) this.#byName.set(p.name, p);
  }

  get pools(): readonly Pool[] {
    return this.#pools;
  }

  pool(svc: string): string | undefined {
    return this.#allocated.get(svc)?.pool;
  }

  ips(svc: string): IpAddr[] {
    return this.#allocated.get(svc)?.ips ?? [];
  }

  /** The services holding ip now, sorted. */
  servicesOn(ip: IpAddr): string[] {
    return [...(this.#servicesOnIp.get(ipKey(ip)) ?? [])].sort();
  }

  /** The distinct addresses of a pool in use. */
  usedIps(pool: string): IpAddr[] {
    const seen = new Map<string, IpAddr>();
    for (const a of this.#allocated.values()) {
      if (a.pool === pool) for (const ip of a.ips) seen.set(ipKey(ip), ip);
    }
    return [...seen.values()];
  }

  #record(svc: string, alloc: Alloc): void {
    this.unassign(svc);
    this.#allocated.set(svc, alloc);
    for (const ip of alloc.ips) {
      const k = ipKey(ip);
      this.#sharingKeyForIp.set(k, { sharing: alloc.sharing, backend: alloc.backend });
      const ports = this.#portsInUse.get(k) ?? new Map<string, string>();
      this.#portsInUse.set(k, ports);
      for (const p of alloc.ports) ports.set(portKey(p), svc);
      const svcs = this.#servicesOnIp.get(k) ?? new Set<string>();
      this.#servicesOnIp.set(k, svcs);
      svcs.add(svc);
    }
  }

  unassign(svc: string): void {
    const a = this.#allocated.get(svc);
    if (!a) return;
    this.#allocated.delete(svc);
    for (const ip of a.ips) {
      const k = ipKey(ip);
      const ports = this.#portsInUse.get(k);
      for (const p of a.ports) if (ports?.get(portKey(p)) === svc) ports.delete(portKey(p));
      this.#servicesOnIp.get(k)?.delete(svc);
      if (!ports || ports.size === 0) {
        this.#portsInUse.delete(k);
        this.#sharingKeyForIp.delete(k);
      }
    }
  }

  #checkSharing(svc: string, ip: IpAddr, subject: AllocSubject): string | undefined {
    const k = ipKey(ip);
    const existing = this.#sharingKeyForIp.get(k);
    if (!existing) return undefined;
    const compatible =
      existing.sharing !== '' &&
      subject.sharingKey !== '' &&
      existing.sharing === subject.sharingKey &&
      existing.backend === subject.backendKey;
    if (!compatible) {
      const others = [...(this.#servicesOnIp.get(k) ?? [])].filter((s) => s !== svc).sort();
      if (others.length > 0)
        return `can't change sharing key for "${svc}", address also in use by ${others.join(',')}`;
    }
    const ports = this.#portsInUse.get(k);
    for (const p of subject.ports) {
      const cur = ports?.get(portKey(p));
      if (cur !== undefined && cur !== svc)
        return `port ${portKey(p)} is already in use on "${formatIp(ip)}"`;
    }
    return undefined;
  }

  /** Allocator.Assign: give svc exactly these addresses, or say why not. */
  assign(svc: string, subject: AllocSubject, ips: readonly (IpAddr | undefined)[]): string | undefined {
    const present = ips.filter((ip): ip is IpAddr => ip !== undefined);
    const pool = present.length === ips.length ? poolForIps(this.#pools, present) : undefined;
    if (!pool) return `${quoteIps(ips)} is not allowed in config`;
    if (!poolAdmits(pool, subject)) return `pool ${pool.name} not compatible for ip assignment`;
    if (present.length > 2) return `more than two addresses ${quoteIps(present)}`;
    if (present.length === 2 && present[0]!.family === present[1]!.family) {
      return `"${formatIp(present[0]!)}" "${formatIp(present[1]!)}" has the same family`;
    }
    for (const ip of present) {
      const err = this.#checkSharing(svc, ip, subject);
      if (err) return err;
    }
    this.#record(svc, {
      pool: pool.name,
      ips: present,
      ports: [...subject.ports],
      sharing: subject.sharingKey,
      backend: subject.backendKey,
    });
    return undefined;
  }

  /** The first address of the pool's ranges (declaration order) of that family svc could take. */
  firstFree(pool: Pool, family: IpFamily, svc: string, subject: AllocSubject): IpAddr | undefined {
    for (const r of pool.ranges) {
      if (r.family !== family) continue;
      for (let v = r.first; v <= r.last; v++) {
        const ip: IpAddr = { family, value: v };
        if (pool.avoidBuggyIPs && isBuggyIp(ip)) continue;
        if (this.#checkSharing(svc, ip, subject) === undefined) return ip;
      }
    }
    return undefined;
  }

  /** getFreeIPsFromPool: one candidate per family, from the first range of that family with room. */
  #freeFromPool(pool: Pool, svc: string, subject: AllocSubject): { v4?: IpAddr; v6?: IpAddr } | string {
    const found: { v4?: IpAddr; v6?: IpAddr } = {};
    for (const r of pool.ranges) {
      const slot = r.family === 'IPv4' ? 'v4' : 'v6';
      if (found[slot]) continue;
      for (let v = r.first; v <= r.last; v++) {
        const ip: IpAddr = { family: r.family, value: v };
        if (pool.avoidBuggyIPs && isBuggyIp(ip)) continue;
        if (this.#checkSharing(svc, ip, subject) === undefined) {
          found[slot] = ip;
          break;
        }
      }
    }
    if (!found.v4 && !found.v6) return `no available IPs in pool ${pool.name}`;
    return found;
  }

  /** Allocation.selectIPsForFamilyAndPolicy; a single-family service gets its family's slot even when empty. */
  #select(
    found: { v4?: IpAddr; v6?: IpAddr },
    pool: string,
    subject: AllocSubject,
  ): (IpAddr | undefined)[] | string {
    if (subject.family === 'IPv4') return [found.v4];
    if (subject.family === 'IPv6') return [found.v6];
    if (subject.policy === 'RequireDualStack' && found.v4 && found.v6) return [found.v4, found.v6];
    if (subject.policy === 'PreferDualStack') {
      if (found.v4 && found.v6) return [found.v4, found.v6];
      if (found.v4) return [found.v4];
      if (found.v6) return [found.v6];
    }
    return `no available IPs in pool ${pool} for ${familyName(subject.family)} IPFamily`;
  }

  /** AllocateFromPool: the `address-pool` annotation's path. */
  allocateFromPool(svc: string, subject: AllocSubject, poolName: string): AllocResult {
    const existing = this.#allocated.get(svc);
    if (existing) {
      const err = this.assign(svc, subject, existing.ips);
      return err ? { error: err } : { ips: existing.ips, pool: existing.pool };
    }
    const pool = this.#byName.get(poolName);
    if (!pool) return { error: `unknown pool "${poolName}"` };
    const found = this.#freeFromPool(pool, svc, subject);
    if (typeof found === 'string') return { error: found };
    const ips = this.#select(found, pool.name, subject);
    if (typeof ips === 'string') return { error: ips };
    const err = this.assign(svc, subject, ips);
    return err ? { error: err } : { ips: ips as IpAddr[], pool: pool.name };
  }

  /** pinnedPoolsForService: namespace and service-selector pools this service may use, by priority. */
  pinnedPools(subject: AllocSubject): Pool[] {
    const byNs = this.#pools.filter((p) => p.allocation?.namespaces.includes(subject.namespace));
    const bySel = this.#pools.filter((p) => (p.allocation?.serviceSelectors.length ?? 0) > 0);
    return [...byNs, ...bySel].filter((p) => p.autoAssign && poolAdmits(p, subject)).sort(byPriority);
  }

  /** The pools tried when no pinned pool fits: auto-assign pools without serviceAllocation. */
  fallbackPools(): Pool[] {
    return this.#pools.filter((p) => p.autoAssign && !p.allocation);
  }

  #bestPool(
    pools: readonly Pool[],
    svc: string,
    subject: AllocSubject,
  ): { pool: string; found: { v4?: IpAddr; v6?: IpAddr } } | undefined {
    let primary: { pool: string; found: { v4?: IpAddr; v6?: IpAddr } } | undefined;
    let secondary: typeof primary;
    const first = subject.prefersIPv6 ? 'v6' : 'v4';
    const second = subject.prefersIPv6 ? 'v4' : 'v6';
    for (const pool of pools) {
      const found = this.#freeFromPool(pool, svc, subject);
      if (typeof found === 'string') continue;
      if ((subject.family === 'IPv4' && found.v4) || (subject.family === 'IPv6' && found.v6))
        return { pool: pool.name, found };
      if (found[first] && found[second]) return { pool: pool.name, found };
      if (!(subject.policy === 'PreferDualStack' && subject.family === 'dual')) continue;
      if (found[first] && !primary) primary = { pool: pool.name, found };
      if (found[second] && !secondary) secondary = { pool: pool.name, found };
    }
    return primary ?? secondary;
  }

  #fromPools(pools: readonly Pool[], svc: string, subject: AllocSubject): AllocResult | undefined {
    const best = this.#bestPool(pools, svc, subject);
    if (!best) return undefined;
    const ips = this.#select(best.found, best.pool, subject);
    if (typeof ips === 'string') return undefined;
    return this.assign(svc, subject, ips) ? undefined : { ips: ips as IpAddr[], pool: best.pool };
  }

  /** Allocate: pinned pools by priority first, then the plain auto-assign pools. */
  allocate(svc: string, subject: AllocSubject): AllocResult {
    const existing = this.#allocated.get(svc);
    if (existing) {
      const err = this.assign(svc, subject, existing.ips);
      return err ? { error: err } : { ips: existing.ips, pool: existing.pool };
    }
    return (
      this.#fromPools(this.pinnedPools(subject), svc, subject) ??
      this.#fromPools(this.fallbackPools(), svc, subject) ?? { error: 'no available IPs' }
    );
  }

  /** AllocateFromPoolForAdditionalFamily: a PreferDualStack service with one address gets the other family. */
  allocateAdditionalFamily(
    svc: string,
    subject: AllocSubject,
    existing: IpAddr,
    poolName: string,
  ): IpAddr | string {
    const pool = this.#byName.get(poolName);
    if (!pool) return `unknown pool "${poolName}"`;
    const found = this.#freeFromPool(pool, svc, subject);
    if (typeof found === 'string') return found;
    const other = existing.family === 'IPv4' ? found.v6 : found.v4;
    const otherFamily = existing.family === 'IPv4' ? 'IPv6' : 'IPv4';
    if (!other) return `no available IPs in pool ${pool.name} for ${familyName(otherFamily)} IPFamily`;
    const err = this.assign(svc, subject, [existing, other]);
    return err ?? other;
  }
}

/** MetalLB's ipfamily names, as its messages print them. */
export function familyName(f: ServiceFamily): string {
  return f === 'IPv4' ? 'ipv4' : f === 'IPv6' ? 'ipv6' : 'dual';
}
