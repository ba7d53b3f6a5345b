import type { ClusterState } from './cluster-state.js';
import { matchDomain } from './domain-filter.js';
import { refText } from './source-common.js';
import { crdSource } from './source-crd.js';
import { httpRouteSource } from './source-httproute.js';
import { ingressSource } from './source-ingress.js';
import { istioGatewaySource, istioVirtualServiceSource } from './source-istio.js';
import { serviceSource } from './source-service.js';
import type { DesiredEndpoint, ExternalDnsConfig, HeldName, SourceOutput } from './types.js';

const sourceImpls: Record<string, (s: ClusterState, c: ExternalDnsConfig) => SourceOutput> = {
  service: serviceSource,
  ingress: ingressSource,
  'istio-gateway': istioGatewaySource,
  'istio-virtualservice': istioVirtualServiceSource,
  crd: crdSource,
  'gateway-httproute': httpRouteSource,
};

export const modelledSources = Object.keys(sourceImpls);

/** Every candidate for one name and type; external-dns publishes one of them. */
export interface DesiredGroup {
  fqdn: string;
  type: string;
  candidates: DesiredEndpoint[];
}

export interface PlanResult {
  groups: DesiredGroup[];
  held: HeldName[];
  /** Sources named in --source that kdeck does not model. */
  unmodelled: string[];
}

export function isManagedType(type: string, cfg: ExternalDnsConfig): boolean {
  return cfg.managedRecordTypes.includes(type) && !cfg.excludeRecordTypes.includes(type);
}

export function zoneOf(fqdn: string, zones: readonly string[]): string | undefined {
  const n = fqdn.toLowerCase();
  return zones
    .map((z) => z.toLowerCase().replace(/\.$/, ''))
    .filter((z) => n === z || n.endsWith(`.${z}`))
    .sort((a, b) => b.length - a.length)[0];
}

/** MergeEndpoints: the same name, type and TTL from one source kind becomes one endpoint with all targets. */
function mergeWithinSource(eps: DesiredEndpoint[]): DesiredEndpoint[] {
  const map = new Map<string, DesiredEndpoint>();
  const out: DesiredEndpoint[] = [];
  for (const ep of eps) {
    const key = `${ep.source.kind}|${ep.fqdn}|${ep.type}|${ep.ttl ?? ''}|${ep.type === 'CNAME' ? ep.targets[0] : ''}`;
    const existing = map.get(key);
    if (existing && existing.resource !== ep.resource && ep.type !== 'CNAME') {
      for (const t of ep.targets) if (!existing.targets.includes(t)) existing.targets.push(t);
      existing.targetsFrom = `${existing.targetsFrom}; ${ep.resource}: ${ep.targetsFrom}`;
      continue;
    }
    if (existing && existing.resource === ep.resource) {
      for (const t of ep.targets) if (!existing.targets.includes(t)) existing.targets.push(t);
      continue;
    }
    const copy = { ...ep, targets: [...ep.targets] };
    map.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** What one external-dns instance would ask for: every source, then the domain, zone and record-type filters of the plan. */
export function planDesired(state: ClusterState, cfg: ExternalDnsConfig): PlanResult {
  const endpoints: DesiredEndpoint[] = [];
  const held: HeldName[] = [];
  const unmodelled: string[] = [];
  for (const name of cfg.sources) {
    const impl = sourceImpls[name];
    if (!impl) {
      unmodelled.push(name);
      continue;
    }
    const out = impl(state, cfg);
    endpoints.push(...mergeWithinSource(out.endpoints));
    held.push(...out.held);
  }
  const groups = new Map<string, DesiredGroup>();
  for (const ep of endpoints) {
    const filtered = planFilter(ep.fqdn, ep.type, cfg);
    if (filtered) {
      held.push({
        fqdn: ep.fqdn,
        type: ep.type,
        status: 'Filtered',
        source: ep.source,
        nameFrom: ep.nameFrom,
        reason: filtered.reason,
        explanation: `${refText(ep.source)} asks for ${ep.fqdn} ${ep.type} (${ep.nameFrom}). ${filtered.explanation}`,
      });
      continue;
    }
    const key = `${ep.fqdn}|${ep.type}`;
    const g = groups.get(key) ?? { fqdn: ep.fqdn, type: ep.type, candidates: [] };
    g.candidates.push(ep);
    groups.set(key, g);
  }
  const finalHeld = held.map((h) => {
    if (h.status !== 'Pending' || h.fqdn.startsWith('(')) return h;
    const filtered = planFilter(h.fqdn, h.type === '?' ? 'A' : h.type, cfg);
    return filtered
      ? {
          ...h,
          status: 'Filtered' as const,
          reason: filtered.reason,
          explanation: `${h.explanation}\nEven with an address: ${filtered.explanation}`,
        }
      : h;
  });
  // external-dns drops CNAME candidates for a name that also has A or AAAA candidates (PerResource resolver).
  for (const g of [...groups.values()]) {
    if (g.type !== 'CNAME' || !(groups.has(`${g.fqdn}|A`) || groups.has(`${g.fqdn}|AAAA`))) continue;
    groups.delete(`${g.fqdn}|CNAME`);
    for (const c of g.candidates) {
      finalHeld.push({
        fqdn: g.fqdn,
        type: 'CNAME',
        status: 'Filtered',
        source: c.source,
        nameFrom: c.nameFrom,
        reason: 'CNAME discarded: the name also has A/AAAA candidates',
        explanation: `${refText(c.source)} asks for ${g.fqdn} CNAME ${c.targets.join(', ')}, but other sources ask for A/AAAA records at the same name. A CNAME cannot coexist with them, so external-dns discards the CNAME candidate.`,
      });
    }
  }
  // A host named twice by one object (an Ingress rule and its TLS block) is one name, as MergeEndpoints makes it.
  const seen = new Set<string>();
  const uniqueHeld = finalHeld.filter((h) => {
    const k = `${h.fqdn}|${h.type}|${h.status}|${refText(h.source)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    groups: [...groups.values()].sort((a, b) => a.fqdn.localeCompare(b.fqdn) || a.type.localeCompare(b.type)),
    held: uniqueHeld,
    unmodelled,
  };
}

function ipValue(s: string): bigint | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s))
    return s.split('.').reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n);
  if (!s.includes(':') || !/^[0-9a-fA-F:]+$/.test(s)) return undefined;
  const [head = '', tail = ''] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = s.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  if (groups.length !== 8) return undefined;
  // IPv6 sorts after every IPv4, as netip.Addr.Less orders them.
  return (1n << 128n) + groups.reduce((acc, g) => (acc << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
}

/** endpoint.Targets.IsLess: fewer targets first, then the first differing sorted target, addresses before names. */
export function targetsLess(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const x = [...a].sort();
  const y = [...b].sort();
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    const ia = ipValue(x[i]!);
    const ib = ipValue(y[i]!);
    if (ia !== undefined && ib !== undefined) return ia < ib;
    if (ia !== undefined) return true;
    if (ib !== undefined) return false;
    return x[i]! < y[i]!;
  }
  return false;
}

/**
 * The candidate external-dns publishes for one name and type (plan.PerResource): the one whose resource
 * already owns the record, else the one with the least targets, the first on ties.
 */
export function pickCandidate(
  candidates: readonly DesiredEndpoint[],
  ownerResource?: string,
): DesiredEndpoint {
  const owned = ownerResource ? candidates.find((c) => c.resource === ownerResource) : undefined;
  if (owned) return owned;
  let best = candidates[0]!;
  for (const c of candidates.slice(1)) if (targetsLess(c.targets, best.targets)) best = c;
  return best;
}

/** The plan-level filters: domain filter, managed record types, and for rfc2136 the configured zones. */
export function planFilter(
  fqdn: string,
  type: string,
  cfg: ExternalDnsConfig,
): { reason: string; explanation: string } | undefined {
  const d = matchDomain(cfg, fqdn);
  if (!d.ok)
    return {
      reason: `outside ${d.rule}`,
      explanation: `external-dns ${cfg.instance} drops names that fail its domain filter (${d.rule}).`,
    };
  if (!isManagedType(type, cfg)) {
    return {
      reason: `record type ${type} not managed`,
      explanation: `${type} is not in --managed-record-types=${cfg.managedRecordTypes.join(',')}${cfg.excludeRecordTypes.length ? ` or is in --exclude-record-types=${cfg.excludeRecordTypes.join(',')}` : ''}.`,
    };
  }
  if (cfg.provider === 'rfc2136' && cfg.rfc2136.zones.length > 0 && !zoneOf(fqdn, cfg.rfc2136.zones)) {
    return {
      reason: `outside every --rfc2136-zone (${cfg.rfc2136.zones.join(', ')})`,
      explanation: `The rfc2136 provider only updates names inside its zones (${cfg.rfc2136.zones.join(', ')}).`,
    };
  }
  return undefined;
}
