import type { EndpointType } from './types.js';

export const CURRENT_PREFIX = 'external-dns.kubernetes.io/';
export const LEGACY_PREFIX = 'external-dns.alpha.kubernetes.io/';

/** The annotation names external-dns reads, under a configured prefix. */
export function annotationKeys(prefix: string) {
  return {
    hostname: `${prefix}hostname`,
    internalHostname: `${prefix}internal-hostname`,
    target: `${prefix}target`,
    ttl: `${prefix}ttl`,
    access: `${prefix}access`,
    endpointsType: `${prefix}endpoints-type`,
    controller: `${prefix}controller`,
    ingress: `${prefix}ingress`,
    ingressHostnameSource: `${prefix}ingress-hostname-source`,
  };
}

export type AnnotationKeys = ReturnType<typeof annotationKeys>;

/** Comma-separated, spaces removed, as SplitHostnameAnnotation does. */
export function splitHostnames(value: string): string[] {
  return value
    .replace(/ /g, '')
    .trim()
    .split(',')
    .map((h) => h.replace(/\.$/, ''))
    .filter((h) => h !== '');
}

export function hostnamesFrom(annotations: Record<string, string> | undefined, key: string): string[] {
  const v = annotations?.[key];
  return v === undefined ? [] : splitHostnames(v);
}

export function targetsFrom(annotations: Record<string, string> | undefined, keys: AnnotationKeys): string[] {
  const v = annotations?.[keys.target];
  return v ? splitHostnames(v) : [];
}

const durationUnits: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go's time.ParseDuration, to whole seconds: "10m" and "600" are the same TTL. */
function parseGoDuration(s: string): number | undefined {
  const m = /^([+-])?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m) return s === '0' ? 0 : undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(part[1]) * durationUnits[part[2]!]!;
  return Math.trunc(m[1] === '-' ? -total : total);
}

/** The ttl annotation as external-dns reads it; undefined when absent, invalid or out of [1, 2^31-1]. */
export function ttlFrom(
  annotations: Record<string, string> | undefined,
  keys: AnnotationKeys,
): { ttl?: number; problem?: string } {
  const raw = annotations?.[keys.ttl];
  if (raw === undefined) return {};
  let ttl = parseGoDuration(raw);
  if (ttl === undefined && /^-?\d+$/.test(raw)) ttl = Number(raw);
  if (ttl === undefined)
    return { problem: `${keys.ttl}="${raw}" is not a valid TTL; the provider default applies` };
  if (ttl < 1 || ttl > 2147483647)
    return { problem: `${keys.ttl}=${ttl} is outside [1, 2147483647]; the provider default applies` };
  return { ttl };
}

/** endpoint.SuitableType: an IPv4 address is A, an IPv6 address AAAA, anything else CNAME. */
export function suitableType(target: string): EndpointType {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(target)) return 'A';
  if (target.includes(':') && /^[0-9a-fA-F:.]+$/.test(target)) return 'AAAA';
  return 'CNAME';
}

/** Annotations under the old prefix that 0.22 no longer reads, for the "Filtered" explanation. */
export function legacyAnnotations(annotations: Record<string, string> | undefined, prefix: string): string[] {
  if (!annotations || prefix === LEGACY_PREFIX) return [];
  return Object.keys(annotations).filter((k) => k.startsWith(LEGACY_PREFIX));
}
