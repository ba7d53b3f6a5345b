/** The record types external-dns derives from targets: an IPv4 gives A, an IPv6 AAAA, anything else CNAME. */
export type EndpointType = 'A' | 'AAAA' | 'CNAME';

/** The object a name comes from, so the panel can jump to it. */
export interface SourceRef {
  kind: string;
  /** The resource as discovery resolves it without ambiguity: `gateways.networking.istio.io`, not `Gateway`. */
  resource?: string;
  namespace?: string;
  name: string;
}

/** How external-dns v0.22 would publish names: one instance's flags, read from its Deployment or kdeck config. */
export interface ExternalDnsConfig {
  /** namespace/name of the Deployment, or the name given in kdeck config. */
  instance: string;
  sources: string[];
  namespace: string;
  domainFilter: string[];
  excludeDomains: string[];
  regexDomainFilter: string;
  regexDomainExclusion: string;
  annotationFilter: string;
  labelFilter: string;
  fqdnTemplates: string[];
  combineFqdnAnnotation: boolean;
  ignoreHostnameAnnotation: boolean;
  managedRecordTypes: string[];
  excludeRecordTypes: string[];
  serviceTypeFilter: string[];
  publishInternalServices: boolean;
  publishHostIp: boolean;
  ingressClasses: string[];
  ownerId: string;
  txtPrefix: string;
  txtSuffix: string;
  txtWildcardReplacement: string;
  txtEncryptEnabled: boolean;
  annotationPrefix: string;
  policy: 'sync' | 'upsert-only' | 'create-only';
  provider: string;
  registry: string;
  rfc2136: Rfc2136Config;
}

export interface Rfc2136Config {
  host: string;
  port: number;
  zones: string[];
  keyName: string;
  algorithm: string;
  insecure: boolean;
  axfr: boolean;
  minTtl: number;
  /** Where the TSIG secret lives. A literal value is kept only in memory and never shown. */
  secret?: SecretSource;
}

export type SecretSource =
  | { from: 'secret'; namespace: string; name: string; key: string }
  | { from: 'literal'; value: string; origin: string }
  | { from: 'file'; path: string };

/** A name external-dns would ask the provider for, with what produced it. */
export interface DesiredEndpoint {
  fqdn: string;
  type: EndpointType;
  targets: string[];
  /** Unset when no ttl annotation: external-dns then leaves the TTL to the provider. */
  ttl?: number;
  source: SourceRef;
  /** external-dns's resource label: `service/default/nginx`. */
  resource: string;
  /** Which field or annotation produced the name. */
  nameFrom: string;
  /** Which field or annotation produced the targets. */
  targetsFrom: string;
}

/** A name a source asks for but that will not be published, and why. */
export interface HeldName {
  fqdn: string;
  type: EndpointType | '?';
  status: 'Pending' | 'Filtered';
  source: SourceRef;
  nameFrom: string;
  reason: string;
  explanation: string;
}

export interface SourceOutput {
  endpoints: DesiredEndpoint[];
  held: HeldName[];
}

/** A record the DNS server holds, as read by AXFR or by queries. */
export interface ZoneRecord {
  fqdn: string;
  type: string;
  ttl: number;
  value: string;
}

/** Unknown: the DNS server could not be read, so only the desired side is known. */
export type DnsStatus =
  | 'Synced'
  | 'Missing'
  | 'Drift'
  | 'Foreign'
  | 'Orphaned'
  | 'Pending'
  | 'Filtered'
  | 'Unmanaged'
  | 'Unknown';

export interface DnsRow {
  key: string;
  instance: string;
  fqdn: string;
  type: string;
  desired: string[];
  actual: string[];
  ttl: string;
  owner: string;
  source?: SourceRef;
  status: DnsStatus;
  /** One line; empty for Synced. */
  reason: string;
  explanation: string;
}
