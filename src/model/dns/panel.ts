import type { ClusterState } from './cluster-state.js';
import { compareDns } from './compare.js';
import { planDesired } from './planner.js';
import { txtNameFor } from './registry.js';
import type { DnsRow, ExternalDnsConfig, ZoneRecord } from './types.js';

/** What was read from one instance's DNS server, as the panel hands it to the model. */
export interface InstanceRead {
  records: ZoneRecord[] | undefined;
  via: 'axfr' | 'queries' | 'none';
  /** The status line: how the zone was read or why it was not. */
  status: string;
  /** Set when the reading failed or fell back; shown as the banner. */
  problem?: string;
}

export interface InstanceView {
  config: ExternalDnsConfig;
  /** Provider, server, zones, owner id, policy, filters and sources (the instance name is shown beside it). */
  header: string;
  status: string;
  problem?: string;
  rows: DnsRow[];
  unmodelled: string[];
}

export function instanceHeader(cfg: ExternalDnsConfig): string {
  const where =
    cfg.provider === 'rfc2136'
      ? `rfc2136 ${cfg.rfc2136.host}:${cfg.rfc2136.port || 53} zones ${cfg.rfc2136.zones.join(',') || '(none)'}`
      : `provider ${cfg.provider || '(unset)'}`;
  const filter = cfg.domainFilter.length ? ` · domain-filter ${cfg.domainFilter.join(',')}` : '';
  return `${where} · owner ${cfg.ownerId} · policy ${cfg.policy}${filter} · sources ${cfg.sources.join(',') || '(none)'}`;
}

/** Names worth asking for one by one when the zone cannot be transferred: desired, held and their ownership TXT. */
export function namesToQuery(state: ClusterState, cfg: ExternalDnsConfig): string[] {
  const plan = planDesired(state, cfg);
  const names = new Set<string>();
  for (const g of plan.groups) {
    names.add(g.fqdn);
    names.add(txtNameFor(g.fqdn, g.type, cfg));
  }
  for (const h of plan.held) {
    if (h.fqdn.startsWith('(')) continue;
    names.add(h.fqdn);
    for (const t of ['A', 'AAAA', 'CNAME']) names.add(txtNameFor(h.fqdn, t, cfg));
  }
  return [...names];
}

/** Plans and compares every instance; the panel's whole model in one pure call. */
export function dnsPanelModel(
  state: ClusterState,
  instances: readonly { config: ExternalDnsConfig; read?: InstanceRead }[],
): InstanceView[] {
  return instances.map(({ config, read }) => {
    const plan = planDesired(state, config);
    const rows = compareDns({
      cfg: config,
      plan,
      actual: read?.records,
      actualNote: read?.problem ?? (read ? undefined : 'not read yet'),
    });
    return {
      config,
      header: instanceHeader(config),
      status: read?.status ?? 'reading…',
      problem: read?.problem,
      rows,
      unmodelled: plan.unmodelled,
    };
  });
}
