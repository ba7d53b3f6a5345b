import type { ExternalDnsConfig } from './types.js';

function prepare(filters: readonly string[]): string[] {
  return filters.map((f) => f.trim().toLowerCase().replace(/\.$/, '')).filter((f) => f !== '');
}

function matchList(filters: string[], domain: string, whenEmpty: boolean): string | undefined | boolean {
  if (filters.length === 0) return whenEmpty;
  for (const f of filters) {
    if (f.startsWith('.') && domain.endsWith(f)) return f;
    if (domain === f) return f;
    if (domain.endsWith(`.${f}`)) return f;
  }
  return undefined;
}

/** Why a name passes or fails external-dns's domain filter (endpoint.DomainFilter.Match). */
export interface DomainVerdict {
  ok: boolean;
  /** The rule that decided, in flag form. */
  rule: string;
}

export function matchDomain(
  cfg: Pick<
    ExternalDnsConfig,
    'domainFilter' | 'excludeDomains' | 'regexDomainFilter' | 'regexDomainExclusion'
  >,
  fqdn: string,
): DomainVerdict {
  const domain = fqdn.toLowerCase().replace(/\.$/, '');
  // A regex filter, when set, replaces the plain lists entirely.
  if (cfg.regexDomainFilter || cfg.regexDomainExclusion) {
    if (cfg.regexDomainExclusion && new RegExp(cfg.regexDomainExclusion).test(domain)) {
      return { ok: false, rule: `--regex-domain-exclusion=${cfg.regexDomainExclusion}` };
    }
    if (cfg.regexDomainFilter && !new RegExp(cfg.regexDomainFilter).test(domain)) {
      return { ok: false, rule: `--regex-domain-filter=${cfg.regexDomainFilter}` };
    }
    return {
      ok: true,
      rule: cfg.regexDomainFilter ? `--regex-domain-filter=${cfg.regexDomainFilter}` : 'no regex filter',
    };
  }
  const include = prepare(cfg.domainFilter);
  const hit = matchList(include, domain, true);
  if (hit === undefined) return { ok: false, rule: `--domain-filter=${include.join(',')}` };
  const excluded = matchList(prepare(cfg.excludeDomains), domain, false);
  if (typeof excluded === 'string') return { ok: false, rule: `--exclude-domains=${excluded}` };
  return { ok: true, rule: typeof hit === 'string' ? `--domain-filter=${hit}` : 'no domain filter' };
}
