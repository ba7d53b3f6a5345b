import type { ExternalDnsConfig, ZoneRecord } from './types.js';

const TEMPLATE = '%{record_type}';
const SUPPORTED = ['A', 'AAAA', 'CNAME', 'NS', 'MX', 'PTR', 'SRV', 'NAPTR', 'TXT', 'DNAME'];

type Affix = Pick<ExternalDnsConfig, 'txtPrefix' | 'txtSuffix' | 'txtWildcardReplacement'>;

/** The ownership TXT name external-dns 0.22 writes for a record (new format, the only one it still creates). */
export function txtNameFor(fqdn: string, type: string, cfg: Affix): string {
  const prefix = cfg.txtPrefix.toLowerCase();
  const suffix = cfg.txtSuffix.toLowerCase();
  const t = type.toLowerCase();
  const inAffix = prefix.includes(TEMPLATE) || suffix.includes(TEMPLATE);
  const dot = fqdn.indexOf('.');
  let first = dot < 0 ? fqdn : fqdn.slice(0, dot);
  const rest = dot < 0 ? undefined : fqdn.slice(dot + 1);
  if (cfg.txtWildcardReplacement && first === '*') first = cfg.txtWildcardReplacement.toLowerCase();
  if (!inAffix) first = `${t}-${first}`;
  const head = prefix.replaceAll(TEMPLATE, t) + first + suffix.replaceAll(TEMPLATE, t);
  return rest === undefined ? head : `${head}.${rest}`;
}

function typeFromDefaultPosition(name: string): { name: string; type: string } {
  const first = name.split('-')[0]!;
  const t = SUPPORTED.find((s) => s.toLowerCase() === first);
  return t ? { name: name.slice(first.length + 1), type: t } : { name, type: '' };
}

function dropAffix(name: string, prefix: string, suffix: string): { name: string; type: string } | undefined {
  const isPrefix = suffix.length === 0;
  const isSuffix = prefix.length === 0 && suffix.length > 0;
  if (prefix.includes(TEMPLATE) || suffix.includes(TEMPLATE)) {
    for (const t of SUPPORTED) {
      const p = prefix.replaceAll(TEMPLATE, t.toLowerCase());
      const s = suffix.replaceAll(TEMPLATE, t.toLowerCase());
      if (isPrefix && name.startsWith(p)) return { name: name.slice(p.length), type: t };
      if (isSuffix && name.endsWith(s)) return { name: name.slice(0, name.length - s.length), type: t };
    }
    prefix = prefix.replaceAll(TEMPLATE, '');
    suffix = suffix.replaceAll(TEMPLATE, '');
  }
  if (isPrefix && name.startsWith(prefix)) return typeFromDefaultPosition(name.slice(prefix.length));
  if (isSuffix && name.endsWith(suffix))
    return typeFromDefaultPosition(name.slice(0, name.length - suffix.length));
  return undefined;
}

/** mapper.ToEndpointName: which record a TXT name claims, and its type ('' for the old format). */
export function endpointNameFor(txtName: string, cfg: Affix): { name: string; type: string } | undefined {
  const lower = txtName.toLowerCase();
  const prefix = cfg.txtPrefix.toLowerCase();
  const suffix = cfg.txtSuffix.toLowerCase();
  if (suffix.length === 0) return dropAffix(lower, prefix, suffix);
  if (prefix.length > 0) return undefined;
  const dc = suffix.split('.').length - 1;
  const parts = lower.split('.');
  if (parts.length <= dc) return undefined;
  const head = parts.slice(0, 1 + dc).join('.');
  const tail = parts.slice(1 + dc).join('.');
  const r = dropAffix(head, prefix, suffix);
  if (!r) return undefined;
  return { name: tail ? `${r.name}.${tail}` : r.name, type: r.type };
}

/** Labels of a registry TXT value, or why it is not one. */
export type TxtLabels =
  | { kind: 'labels'; labels: Record<string, string> }
  | { kind: 'encrypted' }
  | { kind: 'foreign' };

export function parseTxtValue(value: string, encryptEnabled: boolean): TxtLabels {
  const text = value.replace(/^"|"$/g, '');
  const labels: Record<string, string> = {};
  let heritage = false;
  for (const token of text.split(',')) {
    const eq = token.indexOf('=');
    if (eq < 0) continue;
    const k = token.slice(0, eq);
    const v = token.slice(eq + 1);
    if (k === 'heritage') {
      if (v !== 'external-dns') return { kind: 'foreign' };
      heritage = true;
      continue;
    }
    if (k.startsWith('external-dns/')) labels[k.slice('external-dns/'.length)] = v;
  }
  if (heritage) return { kind: 'labels', labels };
  // AES-GCM output is base64 of nonce+ciphertext: without the key kdeck can only say it is encrypted.
  if (encryptEnabled || /^[A-Za-z0-9+/]{40,}={0,2}$/.test(text))
    return /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? { kind: 'encrypted' } : { kind: 'foreign' };
  return { kind: 'foreign' };
}

export interface Ownership {
  txtName: string;
  /** '' for the old format (no type in the name), which claims A and CNAME but not AAAA. */
  type: string;
  owner: string;
  resource: string;
  encrypted: boolean;
  format: 'new' | 'old';
}

export interface Registry {
  /** Ownership by `fqdn|TYPE` (new format) and `fqdn|` (old format). */
  byKey: Map<string, Ownership>;
  /** Names of TXT records that are registry records, so they are not shown as records of their own. */
  txtNames: Set<string>;
  /** The registry entries, for orphaned ownership records. */
  entries: { endpoint: string; ownership: Ownership }[];
}

export function readRegistry(
  records: readonly ZoneRecord[],
  cfg: Affix & Pick<ExternalDnsConfig, 'txtEncryptEnabled'>,
): Registry {
  const byKey = new Map<string, Ownership>();
  const txtNames = new Set<string>();
  const entries: Registry['entries'] = [];
  for (const r of records) {
    if (r.type !== 'TXT') continue;
    const parsed = parseTxtValue(r.value, cfg.txtEncryptEnabled);
    if (parsed.kind === 'foreign') continue;
    const ep = endpointNameFor(r.fqdn, cfg);
    if (!ep || ep.name === '') continue;
    let name = ep.name;
    if (cfg.txtWildcardReplacement && name.split('.')[0] === cfg.txtWildcardReplacement.toLowerCase())
      name = `*${name.slice(cfg.txtWildcardReplacement.length)}`;
    const ownership: Ownership = {
      txtName: r.fqdn,
      type: ep.type,
      owner: parsed.kind === 'labels' ? (parsed.labels.owner ?? '') : '',
      resource: parsed.kind === 'labels' ? (parsed.labels.resource ?? '') : '',
      encrypted: parsed.kind === 'encrypted',
      format: ep.type === '' ? 'old' : 'new',
    };
    byKey.set(`${name}|${ep.type}`, ownership);
    txtNames.add(r.fqdn);
    entries.push({ endpoint: name, ownership });
  }
  return { byKey, txtNames, entries };
}

/** The ownership of a record as external-dns resolves it: new format first, then old format except for AAAA. */
export function ownershipOf(reg: Registry, fqdn: string, type: string): Ownership | undefined {
  return reg.byKey.get(`${fqdn}|${type}`) ?? (type !== 'AAAA' ? reg.byKey.get(`${fqdn}|`) : undefined);
}

/** The value external-dns 0.22 writes into an ownership TXT record (labels sorted). */
export function txtValueFor(owner: string, resource: string): string {
  return `heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}`;
}
