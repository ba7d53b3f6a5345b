import type { V1Container, V1Deployment, V1EnvVar } from '@kubernetes/client-node';
import { CURRENT_PREFIX } from './annotations.js';
import type { ExternalDnsConfig, SecretSource } from './types.js';

/** external-dns v0.22's defaults for the flags kdeck reads. */
export function defaultConfig(instance: string): ExternalDnsConfig {
  return {
    instance,
    sources: [],
    namespace: '',
    domainFilter: [],
    excludeDomains: [],
    regexDomainFilter: '',
    regexDomainExclusion: '',
    annotationFilter: '',
    labelFilter: '',
    fqdnTemplates: [],
    combineFqdnAnnotation: false,
    ignoreHostnameAnnotation: false,
    managedRecordTypes: ['A', 'AAAA', 'CNAME'],
    excludeRecordTypes: [],
    serviceTypeFilter: [],
    publishInternalServices: false,
    publishHostIp: false,
    ingressClasses: [],
    ownerId: 'default',
    txtPrefix: '',
    txtSuffix: '',
    txtWildcardReplacement: '',
    txtEncryptEnabled: false,
    annotationPrefix: CURRENT_PREFIX,
    policy: 'sync',
    provider: '',
    registry: 'txt',
    rfc2136: {
      host: '',
      port: 0,
      zones: [],
      keyName: '',
      algorithm: 'hmac-sha256',
      insecure: false,
      axfr: false,
      minTtl: 0,
    },
  };
}

const boolFlags = new Set([
  'combine-fqdn-annotation',
  'ignore-hostname-annotation',
  'publish-internal-services',
  'publish-host-ip',
  'txt-encrypt-enabled',
  'rfc2136-insecure',
  'rfc2136-axfr',
  'rfc2136-tsig-axfr',
  'once',
  'dry-run',
]);

function seconds(d: string): number {
  let total = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g))
    total += Number(m[1]) * { h: 3600, m: 60, s: 1, ms: 0.001 }[m[2] as 'h' | 'm' | 's' | 'ms'];
  return /^\d+$/.test(d) ? Number(d) : Math.trunc(total);
}

export interface ParsedFlags {
  config: ExternalDnsConfig;
  /** Flags kdeck saw but does not model, for the header's honesty line. */
  ignored: string[];
}

/**
 * Reads external-dns's flags from a command line and EXTERNAL_DNS_* variables (kingpin's DefaultEnvars);
 * `$(VAR)` references are expanded from env as the kubelet does. Secrets are kept as references.
 */
export function parseExternalDnsArgs(
  instance: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  secretEnv: Readonly<Record<string, SecretSource>> = {},
): ParsedFlags {
  const cfg = defaultConfig(instance);
  const ignored: string[] = [];
  const seen = new Map<string, string[]>();
  const add = (flag: string, value: string) => seen.set(flag, [...(seen.get(flag) ?? []), value]);
  const expand = (v: string) =>
    v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
  let secretRefFlag: SecretSource | undefined;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('EXTERNAL_DNS_')) continue;
    const flag = name.slice('EXTERNAL_DNS_'.length).toLowerCase().replace(/_/g, '-');
    if (flag === 'rfc2136-tsig-secret') {
      secretRefFlag = { from: 'literal', value, origin: `the ${name} variable` };
      continue;
    }
    for (const v of value.split('\n')) if (v !== '') add(flag, v);
  }
  for (const [name, src] of Object.entries(secretEnv)) {
    if (name === 'EXTERNAL_DNS_RFC2136_TSIG_SECRET') secretRefFlag = src;
  }
  const list = [...args];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    let flag = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (flag.startsWith('no-') && boolFlags.has(flag.slice(3))) {
      flag = flag.slice(3);
      value = 'false';
    } else if (boolFlags.has(flag)) value = 'true';
    else value = list[++i] ?? '';
    const raw = value;
    value = expand(value);
    if (flag === 'rfc2136-tsig-secret') {
      const ref = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(raw);
      secretRefFlag =
        ref && secretEnv[ref[1]!]
          ? secretEnv[ref[1]!]
          : { from: 'literal', value, origin: 'the --rfc2136-tsig-secret flag' };
      continue;
    }
    add(flag, value);
  }
  const one = (f: string) => seen.get(f)?.at(-1);
  const many = (f: string) =>
    (seen.get(f) ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const bool = (f: string) => one(f) === 'true';
  for (const flag of seen.keys()) {
    if (!known.has(flag)) ignored.push(`--${flag}`);
  }
  cfg.sources = many('source');
  cfg.namespace = one('namespace') ?? '';
  cfg.domainFilter = many('domain-filter');
  cfg.excludeDomains = many('exclude-domains');
  cfg.regexDomainFilter = one('regex-domain-filter') ?? '';
  cfg.regexDomainExclusion = one('regex-domain-exclusion') ?? '';
  cfg.annotationFilter = one('annotation-filter') ?? '';
  cfg.labelFilter = one('label-filter') ?? '';
  cfg.fqdnTemplates = seen.get('fqdn-template') ?? [];
  cfg.combineFqdnAnnotation = bool('combine-fqdn-annotation');
  cfg.ignoreHostnameAnnotation = bool('ignore-hostname-annotation');
  if (seen.has('managed-record-types'))
    cfg.managedRecordTypes = many('managed-record-types').map((t) => t.toUpperCase());
  cfg.excludeRecordTypes = many('exclude-record-types').map((t) => t.toUpperCase());
  cfg.serviceTypeFilter = many('service-type-filter');
  cfg.publishInternalServices = bool('publish-internal-services');
  cfg.publishHostIp = bool('publish-host-ip');
  cfg.ingressClasses = many('ingress-class');
  cfg.ownerId = one('txt-owner-id') ?? cfg.ownerId;
  cfg.txtPrefix = one('txt-prefix') ?? '';
  cfg.txtSuffix = one('txt-suffix') ?? '';
  cfg.txtWildcardReplacement = one('txt-wildcard-replacement') ?? '';
  cfg.txtEncryptEnabled = bool('txt-encrypt-enabled');
  cfg.annotationPrefix = one('annotation-prefix') || CURRENT_PREFIX;
  const policy = one('policy');
  if (policy === 'upsert-only' || policy === 'create-only' || policy === 'sync') cfg.policy = policy;
  cfg.provider = one('provider') ?? '';
  cfg.registry = one('registry') ?? 'txt';
  cfg.rfc2136 = {
    host: one('rfc2136-host') ?? '',
    port: Number(one('rfc2136-port') ?? 0),
    zones: many('rfc2136-zone'),
    keyName: one('rfc2136-tsig-keyname') ?? '',
    algorithm: one('rfc2136-tsig-secret-alg') || 'hmac-sha256',
    insecure: bool('rfc2136-insecure'),
    axfr: bool('rfc2136-axfr') || bool('rfc2136-tsig-axfr'),
    minTtl: seconds(one('rfc2136-min-ttl') ?? '0'),
    secret: secretRefFlag,
  };
  return { config: cfg, ignored };
}

const known = new Set([
  'source',
  'namespace',
  'domain-filter',
  'exclude-domains',
  'regex-domain-filter',
  'regex-domain-exclusion',
  'annotation-filter',
  'label-filter',
  'fqdn-template',
  'combine-fqdn-annotation',
  'ignore-hostname-annotation',
  'managed-record-types',
  'exclude-record-types',
  'service-type-filter',
  'publish-internal-services',
  'publish-host-ip',
  'ingress-class',
  'txt-owner-id',
  'txt-prefix',
  'txt-suffix',
  'txt-wildcard-replacement',
  'txt-encrypt-enabled',
  'txt-encrypt-aes-key',
  'annotation-prefix',
  'policy',
  'provider',
  'registry',
  'rfc2136-host',
  'rfc2136-port',
  'rfc2136-zone',
  'rfc2136-tsig-keyname',
  'rfc2136-tsig-secret-alg',
  'rfc2136-insecure',
  'rfc2136-axfr',
  'rfc2136-tsig-axfr',
  'rfc2136-min-ttl',
  'interval',
  'log-level',
  'log-format',
  'kubeconfig',
  'server',
  'metrics-address',
  'once',
  'dry-run',
  'events',
]);

function isExternalDns(c: V1Container): boolean {
  const cmd = [...(c.command ?? []), c.image ?? ''].join(' ');
  return /external-dns/.test(cmd);
}

/** Env of a container: plain values as text, secretKeyRef values as references (never read here). */
function containerEnv(
  c: V1Container,
  namespace: string,
): { env: Record<string, string>; secrets: Record<string, SecretSource> } {
  const env: Record<string, string> = {};
  const secrets: Record<string, SecretSource> = {};
  for (const e of c.env ?? ([] as V1EnvVar[])) {
    if (e.value !== undefined) env[e.name] = e.value;
    const ref = e.valueFrom?.secretKeyRef;
    if (ref?.name) secrets[e.name] = { from: 'secret', namespace, name: ref.name, key: ref.key };
  }
  return { env, secrets };
}

export interface DiscoveredInstance {
  config: ExternalDnsConfig;
  ignored: string[];
}

/** Every external-dns container in the given Deployments, each an instance of its own. */
export function discoverInstances(deployments: readonly V1Deployment[]): DiscoveredInstance[] {
  const out: DiscoveredInstance[] = [];
  for (const d of deployments) {
    const ns = d.metadata?.namespace ?? 'default';
    for (const c of d.spec?.template.spec?.containers ?? []) {
      if (!isExternalDns(c)) continue;
      const { env, secrets } = containerEnv(c, ns);
      const parsed = parseExternalDnsArgs(
        `${ns}/${d.metadata?.name}`,
        [...(c.command ?? []).slice(1), ...(c.args ?? [])],
        env,
        secrets,
      );
      const volumeSecret = secretFromMountedFile(d, c, ns);
      if (!parsed.config.rfc2136.secret && volumeSecret) parsed.config.rfc2136.secret = volumeSecret;
      out.push(parsed);
    }
  }
  return out;
}

/** A TSIG secret passed as a file path env (e.g. EXTERNAL_DNS_RFC2136_TSIG_SECRET_FILE) from a mounted Secret. */
function secretFromMountedFile(d: V1Deployment, c: V1Container, ns: string): SecretSource | undefined {
  const path = c.env?.find((e) => /TSIG_SECRET_FILE$/.test(e.name))?.value;
  if (!path) return undefined;
  for (const m of c.volumeMounts ?? []) {
    if (!path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)) continue;
    const vol = d.spec?.template.spec?.volumes?.find((v) => v.name === m.name);
    if (vol?.secret?.secretName)
      return {
        from: 'secret',
        namespace: ns,
        name: vol.secret.secretName,
        key: path.slice(m.mountPath.replace(/\/$/, '').length + 1),
      };
  }
  return { from: 'file', path };
}

/** Overrides from kdeck's config, applied field by field over what was discovered. */
export type ExternalDnsOverride = Partial<Omit<ExternalDnsConfig, 'rfc2136'>> & {
  instance: string;
  rfc2136?: Partial<ExternalDnsConfig['rfc2136']>;
  args?: string[];
};

/** An instance configured in kdeck rather than (or on top of) a discovered Deployment. */
export type DnsInstanceOption = ExternalDnsOverride & {
  /** For providers other than rfc2136: the server to ask name by name. */
  resolver?: { host: string; port: number };
};

export function applyOverride(
  base: ExternalDnsConfig | undefined,
  o: ExternalDnsOverride,
): ExternalDnsConfig {
  const fromArgs = o.args ? parseExternalDnsArgs(o.instance, o.args).config : undefined;
  const start = base ?? fromArgs ?? defaultConfig(o.instance);
  const { args: _args, rfc2136, ...rest } = o;
  return { ...start, ...rest, rfc2136: { ...start.rfc2136, ...rfc2136 } };
}
