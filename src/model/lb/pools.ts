import type { V1ConfigMap, V1LabelSelector, V1Namespace } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import {
  formatSelector,
  type LabelSelector,
  matchesLabels,
  selectorFromLabelSelector,
} from '../label-selector.js';
import {
  formatIp,
  type IpAddr,
  type IpRange,
  isBuggyIp,
  parseAddressEntry,
  rangeContains,
  rangesOverlap,
} from './ip-range.js';
import type { IPAddressPool } from './metallb-types.js';

/** Something wrong or worth knowing in MetalLB's configuration or state; never thrown, always shown. */
export interface LbFinding {
  severity: 'error' | 'warning' | 'info';
  /** What it is about: `pool default`, `service default/web`, `ConfigMap metallb-system/config`. */
  subject: string;
  message: string;
}

/** serviceAllocation as MetalLB resolves it: namespace selectors already turned into namespace names. */
export interface ServiceAllocationRule {
  /** 0 means none, which sorts after every set priority. */
  priority: number;
  /** Explicit namespaces plus those matched by namespaceSelectors; empty means any namespace. */
  namespaces: string[];
  namespaceSelectors: string[];
  /** Empty means no service restriction; MetalLB puts "everything" here when serviceAllocation is `{}`. */
  serviceSelectors: LabelSelector[];
}

/** An address pool as MetalLB's config package sees it, plus what kdeck needs to show it. */
export interface Pool {
  name: string;
  /** The IPAddressPool's namespace (MetalLB's own), or the ConfigMap's. */
  namespace: string;
  source: 'IPAddressPool' | 'ConfigMap';
  /** The entries as written. */
  addresses: string[];
  /** The entries that parse, in declaration order: MetalLB hands out addresses in this order. */
  ranges: IpRange[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  /** The legacy ConfigMap's `protocol` (layer2 | bgp). */
  protocol?: string;
  allocation?: ServiceAllocationRule;
  labels: Record<string, string>;
  /** The counts MetalLB publishes in the pool's status (0.14+). */
  status?: IPAddressPool['status'];
}

export interface PoolConfig {
  pools: Pool[];
  /** Where the pools came from: MetalLB ≥ 0.13 reads only the CRDs. */
  source: 'IPAddressPool' | 'ConfigMap' | 'none';
  findings: LbFinding[];
}

export const legacyConfigMap = { namespace: 'metallb-system', name: 'config' } as const;

function parseEntries(name: string, entries: string[], findings: LbFinding[]): IpRange[] {
  const ranges: IpRange[] = [];
  for (const entry of entries) {
    const r = parseAddressEntry(entry);
    if ('error' in r) {
      findings.push({
        severity: 'error',
        subject: `pool ${name}`,
        message: `invalid CIDR "${entry}" in pool "${name}": ${r.error}`,
      });
    } else {
      ranges.push(r.range);
    }
  }
  if (entries.length === 0)
    findings.push({ severity: 'error', subject: `pool ${name}`, message: 'pool has no prefixes defined' });
  return ranges;
}

function selectorsText(list: V1LabelSelector[] | undefined): string[] {
  return (list ?? []).map((s) => formatSelector(selectorFromLabelSelector(s) ?? []) || '<everything>');
}

function allocationRule(
  pool: IPAddressPool,
  namespaces: readonly V1Namespace[],
  findings: LbFinding[],
): ServiceAllocationRule | undefined {
  const sa = pool.spec?.serviceAllocation;
  if (!sa) return undefined;
  const name = pool.metadata?.name ?? '';
  const explicit = sa.namespaces ?? [];
  if (new Set(explicit).size !== explicit.length) {
    findings.push({
      severity: 'error',
      subject: `pool ${name}`,
      message: 'duplicate definition in namespaces field',
    });
  }
  const rule: ServiceAllocationRule = {
    priority: sa.priority ?? 0,
    namespaces: [...new Set(explicit)],
    namespaceSelectors: selectorsText(sa.namespaceSelectors),
    serviceSelectors: [],
  };
  const nsSelectors = sa.namespaceSelectors ?? [];
  const svcSelectors = sa.serviceSelectors ?? [];
  // As MetalLB: serviceAllocation with nothing in it selects every service.
  if (explicit.length === 0 && nsSelectors.length === 0 && svcSelectors.length === 0) {
    rule.serviceSelectors = [[]];
    return rule;
  }
  for (const s of nsSelectors) {
    const sel = selectorFromLabelSelector(s) ?? [];
    for (const ns of namespaces) {
      const nsName = ns.metadata?.name;
      if (nsName && matchesLabels(sel, ns.metadata?.labels) && !rule.namespaces.includes(nsName))
        rule.namespaces.push(nsName);
    }
  }
  rule.namespaces.sort();
  rule.serviceSelectors = svcSelectors.map((s) => selectorFromLabelSelector(s) ?? []);
  return rule;
}

function poolFromCR(cr: IPAddressPool, namespaces: readonly V1Namespace[], findings: LbFinding[]): Pool {
  const name = cr.metadata?.name ?? '';
  const addresses = cr.spec?.addresses ?? [];
  return {
    name,
    namespace: cr.metadata?.namespace ?? '',
    source: 'IPAddressPool',
    addresses,
    ranges: parseEntries(name, addresses, findings),
    autoAssign: cr.spec?.autoAssign ?? true,
    avoidBuggyIPs: cr.spec?.avoidBuggyIPs ?? false,
    allocation: allocationRule(cr, namespaces, findings),
    labels: cr.metadata?.labels ?? {},
    status: cr.status,
  };
}

interface LegacyPool {
  name?: unknown;
  protocol?: unknown;
  addresses?: unknown;
  'auto-assign'?: unknown;
  'avoid-buggy-ips'?: unknown;
}

function poolsFromConfigMap(cm: V1ConfigMap, findings: LbFinding[]): Pool[] {
  const subject = `ConfigMap ${legacyConfigMap.namespace}/${legacyConfigMap.name}`;
  const text = cm.data?.config;
  if (text === undefined) {
    findings.push({
      severity: 'error',
      subject,
      message: 'has no "config" key: MetalLB finds no address pools in it',
    });
    return [];
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    findings.push({ severity: 'error', subject, message: `could not parse config: ${(e as Error).message}` });
    return [];
  }
  const raw = (doc as { 'address-pools'?: unknown } | null)?.['address-pools'];
  if (!Array.isArray(raw)) return [];
  const pools: Pool[] = [];
  raw.forEach((entry: LegacyPool, i) => {
    const fail = (message: string): void => {
      findings.push({ severity: 'error', subject, message: `parsing address pool #${i + 1}: ${message}` });
    };
    const name = typeof entry?.name === 'string' ? entry.name : '';
    if (!name) {
      fail('missing pool name');
      return;
    }
    const protocol = typeof entry.protocol === 'string' ? entry.protocol : '';
    if (protocol === '') fail('address pool is missing the protocol field');
    else if (protocol !== 'layer2' && protocol !== 'bgp') fail(`unknown protocol "${protocol}"`);
    const addresses = Array.isArray(entry.addresses) ? entry.addresses.map(String) : [];
    pools.push({
      name,
      namespace: legacyConfigMap.namespace,
      source: 'ConfigMap',
      addresses,
      ranges: parseEntries(name, addresses, findings),
      autoAssign: entry['auto-assign'] !== false,
      avoidBuggyIPs: entry['avoid-buggy-ips'] === true,
      protocol,
      labels: {},
    });
  });
  return pools;
}

/** Duplicate names and overlapping addresses (also within one pool): MetalLB then rejects the whole config. */
function checkOverlaps(pools: Pool[], findings: LbFinding[]): void {
  const seen = new Set<string>();
  const all: { pool: string; range: IpRange }[] = [];
  for (const p of pools) {
    if (seen.has(p.name))
      findings.push({
        severity: 'error',
        subject: `pool ${p.name}`,
        message: `duplicate definition of pool "${p.name}"`,
      });
    seen.add(p.name);
    for (const r of p.ranges) {
      for (const other of all) {
        if (rangesOverlap(r, other.range)) {
          const a = `${formatIp({ family: r.family, value: r.first })}-${formatIp({ family: r.family, value: r.last })}`;
          const b = `${formatIp({ family: other.range.family, value: other.range.first })}-${formatIp({ family: other.range.family, value: other.range.last })}`;
          findings.push({
            severity: 'error',
            subject: `pool ${p.name}`,
            message: `addresses ${a} in pool "${p.name}" overlap ${b} of pool "${other.pool}": MetalLB rejects the whole configuration`,
          });
        }
      }
      all.push({ pool: p.name, range: r });
    }
  }
}

/**
 * The pools MetalLB would use: IPAddressPools when any exist (MetalLB ≥ 0.13), else the legacy
 * ConfigMap metallb-system/config (≤ 0.12). Problems become findings; valid parts are still used.
 */
export function poolConfig(input: {
  ipAddressPools: readonly IPAddressPool[];
  configMap?: V1ConfigMap;
  namespaces: readonly V1Namespace[];
}): PoolConfig {
  const findings: LbFinding[] = [];
  let pools: Pool[];
  let source: PoolConfig['source'];
  const crs = [...input.ipAddressPools].sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  if (crs.length > 0) {
    pools = crs.map((cr) => poolFromCR(cr, input.namespaces, findings));
    source = 'IPAddressPool';
    if (input.configMap) {
      findings.push({
        severity: 'info',
        subject: `ConfigMap ${legacyConfigMap.namespace}/${legacyConfigMap.name}`,
        message: 'ignored: IPAddressPools exist, and MetalLB ≥ 0.13 reads only those',
      });
    }
  } else if (input.configMap) {
    pools = poolsFromConfigMap(input.configMap, findings);
    source = 'ConfigMap';
  } else {
    pools = [];
    source = 'none';
    findings.push({
      severity: 'warning',
      subject: 'MetalLB',
      message: 'no IPAddressPool and no ConfigMap metallb-system/config: MetalLB assigns nothing',
    });
  }
  checkOverlaps(pools, findings);
  return { pools, source, findings };
}

/** MetalLB's poolFor: the pool holding every one of ips (avoidBuggyIPs pools never hold .0/.255). */
export function poolForIps(pools: readonly Pool[], ips: readonly IpAddr[]): Pool | undefined {
  return pools.find((p) =>
    ips.every((ip) => !(p.avoidBuggyIPs && isBuggyIp(ip)) && p.ranges.some((r) => rangeContains(r, ip))),
  );
}

/** Short text for the SERVICE ALLOCATION column: `prio 1 ns a,b svc app=x`. */
export function formatAllocation(rule: ServiceAllocationRule | undefined): string {
  if (!rule) return '';
  const parts: string[] = [];
  if (rule.priority > 0) parts.push(`prio ${rule.priority}`);
  if (rule.namespaceSelectors.length > 0) parts.push(`nsSel ${rule.namespaceSelectors.join(';')}`);
  if (rule.namespaces.length > 0) parts.push(`ns ${rule.namespaces.join(',')}`);
  const svc = rule.serviceSelectors.map((s) => formatSelector(s) || '<all>');
  if (svc.length > 0) parts.push(`svc ${svc.join(';')}`);
  return parts.join(' ');
}
