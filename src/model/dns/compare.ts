import type { PlanResult } from './planner.js';
import { isManagedType, pickCandidate, planFilter } from './planner.js';
import { type Ownership, ownershipOf, readRegistry, txtNameFor, txtValueFor } from './registry.js';
import { refOf, refText } from './source-common.js';
import type {
  DesiredEndpoint,
  DnsRow,
  DnsStatus,
  ExternalDnsConfig,
  HeldName,
  SourceRef,
  ZoneRecord,
} from './types.js';

export interface CompareInput {
  cfg: ExternalDnsConfig;
  plan: PlanResult;
  /** undefined when the server could not be read: rows keep the desired side and say Unknown. */
  actual: readonly ZoneRecord[] | undefined;
  /** Why `actual` is missing, or how it was read (e.g. "per-name queries"), for explanations. */
  actualNote?: string;
}

function norm(v: string): string {
  return v.toLowerCase().replace(/\.$/, '');
}

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a.map(norm))].sort();
  const y = [...new Set(b.map(norm))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function ownerText(o: Ownership | undefined): string {
  if (!o) return '';
  return o.encrypted ? '(encrypted)' : o.owner || '(none)';
}

function ownershipLine(o: Ownership | undefined, fqdn: string, type: string, cfg: ExternalDnsConfig): string {
  if (!o)
    return `Ownership: no registry TXT record claims it (external-dns would write ${txtNameFor(fqdn, type, cfg)} = "${txtValueFor(cfg.ownerId, '…')}").`;
  if (o.encrypted)
    return `Ownership: TXT ${o.txtName} is encrypted (--txt-encrypt-enabled); kdeck has no AES key to read the owner.`;
  return `Ownership: TXT ${o.txtName} (${o.format} format) says owner=${o.owner || '(none)'}${o.resource ? `, resource=${o.resource}` : ''}.`;
}

function candidateLines(c: DesiredEndpoint): string[] {
  return [
    `Source: ${refText(c.source)} (${c.resource})`,
    `Name from: ${c.nameFrom}`,
    `Targets from: ${c.targetsFrom} → ${c.targets.join(', ')}`,
    c.ttl !== undefined
      ? `TTL: ${c.ttl}s from the ttl annotation`
      : 'TTL: not set; the rfc2136 provider writes --rfc2136-min-ttl (0 by default)',
  ];
}

function policyNote(cfg: ExternalDnsConfig, action: 'update' | 'delete'): string {
  if (cfg.provider === 'rfc2136' && !cfg.rfc2136.axfr)
    return `external-dns runs without --rfc2136-axfr: it cannot list the zone, so it never ${action}s records.`;
  if (action === 'update')
    return cfg.policy === 'create-only'
      ? 'With --policy=create-only external-dns never updates it.'
      : 'external-dns updates it on its next sync.';
  return cfg.policy === 'sync'
    ? 'With --policy=sync external-dns deletes it on its next sync.'
    : `With --policy=${cfg.policy} external-dns keeps it.`;
}

export function compareDns(input: CompareInput): DnsRow[] {
  const { cfg, plan } = input;
  const rows: DnsRow[] = [];
  const actual = input.actual ?? [];
  const known = input.actual !== undefined;
  const reg = readRegistry(actual, cfg);
  const byKey = new Map<string, ZoneRecord[]>();
  for (const r of actual) {
    const k = `${r.fqdn}|${r.type}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const consumed = new Set<string>();
  const push = (r: Omit<DnsRow, 'key' | 'instance'>) =>
    rows.push({
      ...r,
      key: `${cfg.instance}|${r.fqdn}|${r.type}|${r.status}|${r.source ? refText(r.source) : ''}`,
      instance: cfg.instance,
    });
  const values = (recs: ZoneRecord[] | undefined) => (recs ?? []).map((r) => r.value);
  const ttlOf = (recs: ZoneRecord[] | undefined) => (recs?.length ? String(recs[0]!.ttl) : '');

  for (const g of plan.groups) {
    const key = `${g.fqdn}|${g.type}`;
    const recs = byKey.get(key);
    consumed.add(key);
    const own = ownershipOf(reg, g.fqdn, g.type);
    const w = pickCandidate(g.candidates, own?.resource);
    const header = `${g.fqdn} ${g.type}`;
    const others = g.candidates
      .filter((c) => c !== w)
      .map(
        (c) =>
          `Also asked for by ${refText(c.source)} (${c.targets.join(', ')}); external-dns keeps one candidate per name and type.`,
      );
    const detail = [
      ...candidateLines(w),
      ...others,
      `Domain filter: ${planFilter(g.fqdn, g.type, cfg) ? 'fails' : 'passes'}.`,
    ];
    const base = { fqdn: g.fqdn, type: g.type, desired: w.targets, source: w.source, owner: ownerText(own) };
    if (!known) {
      push({
        ...base,
        actual: [],
        ttl: w.ttl !== undefined ? String(w.ttl) : '',
        status: 'Unknown',
        reason: input.actualNote ?? 'DNS server not read',
        explanation: [
          header,
          ...detail,
          `In the zone: unknown — ${input.actualNote ?? 'the DNS server was not read'}.`,
        ].join('\n'),
      });
      continue;
    }
    if (!recs?.length) {
      const blockers = ['A', 'AAAA', 'CNAME']
        .filter((t) => t !== g.type && isManagedType(t, cfg))
        .flatMap((t) => (byKey.get(`${g.fqdn}|${t}`)?.length ? [{ t, o: ownershipOf(reg, g.fqdn, t) }] : []))
        .filter((b) => b.o?.owner !== cfg.ownerId);
      if (blockers.length > 0) {
        const b = blockers[0]!;
        const who = b.o?.owner ? `owner ${b.o.owner}` : 'nobody (no ownership TXT)';
        push({
          ...base,
          owner: ownerText(b.o),
          actual: [],
          ttl: '',
          status: 'Foreign',
          reason: `name holds a ${b.t} record owned by ${who}; external-dns will not add ${g.type}`,
          explanation: [
            header,
            ...detail,
            `In the zone: no ${g.type}, but a ${b.t} record owned by ${who}.`,
            ownershipLine(b.o, g.fqdn, b.t, cfg),
            `external-dns creates records only at names whose existing records it owns (owner id ${cfg.ownerId}), so ${g.type} stays missing.`,
          ].join('\n'),
        });
        continue;
      }
      push({
        ...base,
        actual: [],
        ttl: w.ttl !== undefined ? String(w.ttl) : '',
        status: 'Missing',
        reason: 'not in the zone yet',
        explanation: [
          header,
          ...detail,
          `In the zone: nothing at ${g.fqdn} ${g.type}.`,
          'external-dns creates it (with its ownership TXT) on its next sync; if it stays missing, its log says why (update refused, zone not found, TSIG).',
        ].join('\n'),
      });
      continue;
    }
    const have = values(recs);
    const zoneLine = `In the zone: ${have.join(', ')} (TTL ${ttlOf(recs)})${input.actualNote ? ` — ${input.actualNote}` : ''}.`;
    if (own && !own.encrypted && own.owner === cfg.ownerId) {
      const wantTtl = w.ttl !== undefined ? Math.max(w.ttl, cfg.rfc2136.minTtl) : undefined;
      const ttlDiff = wantTtl !== undefined && recs.some((r) => r.ttl !== wantTtl);
      const targetDiff = !sameTargets(w.targets, have);
      if (!ttlDiff && !targetDiff) {
        push({
          ...base,
          actual: have,
          ttl: ttlOf(recs),
          status: 'Synced',
          reason: '',
          explanation: [
            header,
            ...detail,
            zoneLine,
            ownershipLine(own, g.fqdn, g.type, cfg),
            'In sync.',
          ].join('\n'),
        });
        continue;
      }
      const what = targetDiff
        ? `targets differ: want ${w.targets.join(',')}, have ${have.join(',')}`
        : `TTL ${ttlOf(recs)} ≠ ${wantTtl}`;
      push({
        ...base,
        actual: have,
        ttl: ttlOf(recs),
        status: 'Drift',
        reason: what,
        explanation: [
          header,
          ...detail,
          zoneLine,
          ownershipLine(own, g.fqdn, g.type, cfg),
          `Drift: ${what}. ${policyNote(cfg, 'update')}`,
        ].join('\n'),
      });
      continue;
    }
    const reason = own?.encrypted
      ? 'ownership TXT is encrypted; owner unknown to kdeck'
      : own
        ? `owned by ${own.owner || '(no owner)'}, not ${cfg.ownerId}`
        : 'in the zone without an ownership TXT record';
    push({
      ...base,
      actual: have,
      ttl: ttlOf(recs),
      status: 'Foreign',
      reason,
      explanation: [
        header,
        ...detail,
        zoneLine,
        ownershipLine(own, g.fqdn, g.type, cfg),
        `external-dns (owner id ${cfg.ownerId}) never updates or deletes records it does not own, so it leaves this one as it is.`,
      ].join('\n'),
    });
  }

  for (const h of plan.held) rows.push(heldRow(h, cfg, byKey, reg, consumed, known, input.actualNote));

  for (const [key, recs] of byKey) {
    if (consumed.has(key)) continue;
    const first = recs[0]!;
    if (first.type === 'SOA' || first.type === 'NS') continue;
    if (first.type === 'TXT' && reg.txtNames.has(first.fqdn)) continue;
    const own = ownershipOf(reg, first.fqdn, first.type);
    const have = values(recs);
    const row = {
      fqdn: first.fqdn,
      type: first.type,
      desired: [],
      actual: have,
      ttl: ttlOf(recs),
      owner: ownerText(own),
    };
    const header = `${first.fqdn} ${first.type}`;
    const zoneLine = `In the zone: ${have.join(', ')} (TTL ${ttlOf(recs)}).`;
    const outside = planFilter(first.fqdn, first.type, cfg);
    if (outside) {
      push({
        ...row,
        status: 'Unmanaged',
        reason: outside.reason,
        explanation: [
          header,
          zoneLine,
          `external-dns ${cfg.instance} does not consider it: ${outside.explanation}`,
        ].join('\n'),
      });
      continue;
    }
    if (own && own.owner === cfg.ownerId) {
      push({
        ...row,
        status: 'Orphaned',
        source: sourceFromResource(own.resource),
        reason: `no source asks for it${own.resource ? ` (was ${own.resource})` : ''}`,
        explanation: [
          header,
          zoneLine,
          ownershipLine(own, first.fqdn, first.type, cfg),
          `No source of ${cfg.instance} asks for this name any more. ${policyNote(cfg, 'delete')}`,
        ].join('\n'),
      });
      continue;
    }
    const reason = own?.encrypted
      ? 'ownership TXT is encrypted'
      : own
        ? `owned by another external-dns (owner ${own.owner || '(none)'})`
        : 'not created by external-dns';
    push({
      ...row,
      status: 'Unmanaged',
      reason,
      explanation: [
        header,
        zoneLine,
        ownershipLine(own, first.fqdn, first.type, cfg),
        'No source asks for it and this instance does not own it, so external-dns leaves it alone.',
      ].join('\n'),
    });
  }

  for (const e of reg.entries) {
    if (e.ownership.owner !== cfg.ownerId) continue;
    const types = e.ownership.type ? [e.ownership.type] : ['A', 'CNAME'];
    if (types.some((t) => byKey.get(`${e.endpoint}|${t}`)?.length)) continue;
    push({
      fqdn: e.ownership.txtName,
      type: 'TXT',
      desired: [],
      actual: [txtValueFor(e.ownership.owner, e.ownership.resource)],
      ttl: '',
      owner: e.ownership.owner,
      source: sourceFromResource(e.ownership.resource),
      status: 'Orphaned',
      reason: `ownership record for ${e.endpoint} ${types.join('/')}, which is not in the zone`,
      explanation: [
        `${e.ownership.txtName} TXT`,
        ownershipLine(e.ownership, e.endpoint, types[0]!, cfg),
        `It claims ${e.endpoint} ${types.join('/')}, which the zone does not hold. external-dns removes ownership records together with their record; this one was left behind (or the record was deleted by hand).`,
      ].join('\n'),
    });
  }
  return rows.sort(
    (a, b) =>
      a.fqdn.localeCompare(b.fqdn) || a.type.localeCompare(b.type) || a.status.localeCompare(b.status),
  );
}

function heldRow(
  h: HeldName,
  cfg: ExternalDnsConfig,
  byKey: Map<string, ZoneRecord[]>,
  reg: ReturnType<typeof readRegistry>,
  consumed: Set<string>,
  known: boolean,
  note: string | undefined,
): DnsRow {
  const types = h.type === '?' ? ['A', 'AAAA', 'CNAME'] : [h.type];
  const found = types.map((t) => ({ t, recs: byKey.get(`${h.fqdn}|${t}`) })).find((x) => x.recs?.length);
  const header = `${h.fqdn} ${h.type === '?' ? '' : h.type}`.trim();
  const key = (status: DnsStatus) => `${cfg.instance}|${h.fqdn}|${h.type}|${status}|${refText(h.source)}`;
  const base = {
    instance: cfg.instance,
    fqdn: h.fqdn,
    type: found?.t ?? (h.type === '?' ? '' : h.type),
    desired: [],
    source: h.source,
  };
  const lines = [header, `Source: ${refText(h.source)}`, `Name from: ${h.nameFrom}`, h.explanation];
  if (!found || !known) {
    return {
      ...base,
      key: key(h.status),
      actual: [],
      ttl: '',
      owner: '',
      status: h.status,
      reason: h.reason,
      explanation: [
        ...lines,
        known ? 'In the zone: nothing.' : `In the zone: unknown — ${note ?? 'not read'}.`,
      ].join('\n'),
    };
  }
  consumed.add(`${h.fqdn}|${found.t}`);
  const own = ownershipOf(reg, h.fqdn, found.t);
  const have = found.recs!.map((r) => r.value);
  const zoneLine = `In the zone: ${have.join(', ')} (TTL ${found.recs![0]!.ttl}).`;
  const row = {
    ...base,
    actual: have,
    ttl: String(found.recs![0]!.ttl),
    owner: own ? (own.encrypted ? '(encrypted)' : own.owner) : '',
  };
  // A name whose source no longer qualifies but whose record this instance owns will be removed by external-dns.
  if (own?.owner === cfg.ownerId && !planFilter(h.fqdn, found.t, cfg)) {
    return {
      ...row,
      key: key('Orphaned'),
      status: 'Orphaned',
      reason: `${h.status.toLowerCase()}: ${h.reason}`,
      explanation: [
        ...lines,
        zoneLine,
        ownershipLine(own, h.fqdn, found.t, cfg),
        `The source no longer yields this record, and this instance owns it. ${policyNote(cfg, 'delete')}`,
      ].join('\n'),
    };
  }
  return {
    ...row,
    key: key(h.status),
    status: h.status,
    reason: h.reason,
    explanation: [...lines, zoneLine, ownershipLine(own, h.fqdn, found.t, cfg)].join('\n'),
  };
}

/** `service/default/nginx` → the object, so enter can jump to it. */
export function sourceFromResource(resource: string): SourceRef | undefined {
  const [kind, namespace, name] = resource.split('/');
  if (!kind || !namespace || !name) return undefined;
  const kinds: Record<string, string> = {
    service: 'Service',
    ingress: 'Ingress',
    gateway: 'Gateway',
    virtualservice: 'VirtualService',
    crd: 'DNSEndpoint',
    httproute: 'HTTPRoute',
  };
  return refOf({ metadata: { namespace, name } }, kinds[kind] ?? kind);
}

/** Every record external-dns would write for the plan, ownership TXT included: what the zone should hold when all is Synced. */
export function expectedRecords(plan: PlanResult, cfg: ExternalDnsConfig): ZoneRecord[] {
  const out: ZoneRecord[] = [];
  for (const g of plan.groups) {
    const w = pickCandidate(g.candidates);
    const ttl = w.ttl !== undefined ? Math.max(w.ttl, cfg.rfc2136.minTtl) : cfg.rfc2136.minTtl;
    for (const t of w.targets) out.push({ fqdn: g.fqdn, type: g.type, ttl, value: norm(t) });
    out.push({
      fqdn: txtNameFor(g.fqdn, g.type, cfg),
      type: 'TXT',
      ttl: cfg.rfc2136.minTtl,
      value: txtValueFor(cfg.ownerId, w.resource),
    });
  }
  return out;
}
