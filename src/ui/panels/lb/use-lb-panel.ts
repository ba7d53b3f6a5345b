import type {
  CoreV1Event,
  KubernetesObject,
  V1ConfigMap,
  V1Namespace,
  V1Node,
  V1Service,
} from '@kubernetes/client-node';
import { useMemo } from 'react';
import type { ResourceRef } from '../../../kube/discovery.js';
import { buildLbView, type LbView } from '../../../model/lb/lb-view.js';
import type {
  Advertisement,
  ConfigurationState,
  IPAddressPool,
  ServiceAnnounceStatus,
} from '../../../model/lb/metallb-types.js';
import { legacyConfigMap } from '../../../model/lb/pools.js';
import type { Query } from '../../../store/query.js';
import type { Snapshot } from '../../../store/store.js';
import { useServices } from '../../app-context.js';
import { useQuery } from '../../hooks/use-query.js';

/** The watches the panel needs, by role; undefined where the cluster does not serve the kind. */
export interface LbQueries {
  ipAddressPools?: Query;
  l2Advertisements?: Query;
  bgpAdvertisements?: Query;
  l2Statuses?: Query;
  bgpStatuses?: Query;
  configurationStates?: Query;
  configMap?: Query;
  services?: Query;
  allocationFailed?: Query;
  ipAllocated?: Query;
  nodeAssigned?: Query;
  nodes?: Query;
  namespaces?: Query;
}

const METALLB_KINDS = {
  ipAddressPools: 'ipaddresspools.metallb.io',
  l2Advertisements: 'l2advertisements.metallb.io',
  bgpAdvertisements: 'bgpadvertisements.metallb.io',
  l2Statuses: 'servicel2statuses.metallb.io',
  bgpStatuses: 'servicebgpstatuses.metallb.io',
  configurationStates: 'configurationstates.metallb.io',
} as const;

/** Builds the panel's queries from discovery; MetalLB kinds a cluster lacks are left out, not errors. */
export function lbQueries(resolve: (name: string) => ResourceRef | undefined): LbQueries {
  const q = (name: string, extra: Omit<Query, 'resource'> = {}): Query | undefined => {
    const resource = resolve(name);
    return resource ? { resource, ...extra } : undefined;
  };
  const event = (reason: string) => q('events', { fieldSelector: `reason=${reason}` });
  return {
    ipAddressPools: q(METALLB_KINDS.ipAddressPools),
    l2Advertisements: q(METALLB_KINDS.l2Advertisements),
    bgpAdvertisements: q(METALLB_KINDS.bgpAdvertisements),
    l2Statuses: q(METALLB_KINDS.l2Statuses),
    bgpStatuses: q(METALLB_KINDS.bgpStatuses),
    configurationStates: q(METALLB_KINDS.configurationStates),
    configMap: q('configmaps', {
      namespaces: [legacyConfigMap.namespace],
      fieldSelector: `metadata.name=${legacyConfigMap.name}`,
    }),
    services: q('services'),
    allocationFailed: event('AllocationFailed'),
    ipAllocated: event('IPAllocated'),
    nodeAssigned: event('nodeAssigned'),
    nodes: q('nodes'),
    namespaces: q('namespaces'),
  };
}

/** The MetalLB kinds the cluster does not serve, for the panel's header. */
export function missingKinds(queries: LbQueries): string[] {
  return Object.entries(METALLB_KINDS)
    .filter(([role]) => queries[role as keyof LbQueries] === undefined)
    .map(([, name]) => name);
}

export type LbSnapshots = { [K in keyof LbQueries]-?: Pick<Snapshot, 'items'> };

/** The panel's pure core: snapshots in, view out. */
export function lbViewFromSnapshots(s: LbSnapshots, metallbClass?: string): LbView {
  const items = <T extends KubernetesObject>(x: Pick<Snapshot, 'items'>): T[] => x.items as T[];
  return buildLbView({
    ipAddressPools: items<IPAddressPool>(s.ipAddressPools),
    configMap: items<V1ConfigMap>(s.configMap)[0],
    l2Advertisements: items<Advertisement>(s.l2Advertisements),
    bgpAdvertisements: items<Advertisement>(s.bgpAdvertisements),
    services: items<V1Service>(s.services),
    events: [
      ...items<CoreV1Event>(s.allocationFailed),
      ...items<CoreV1Event>(s.ipAllocated),
      ...items<CoreV1Event>(s.nodeAssigned),
    ],
    l2Statuses: items<ServiceAnnounceStatus>(s.l2Statuses),
    bgpStatuses: items<ServiceAnnounceStatus>(s.bgpStatuses),
    nodes: items<V1Node>(s.nodes),
    namespaces: items<V1Namespace>(s.namespaces),
    configurationStates: items<ConfigurationState>(s.configurationStates),
    metallbClass,
  });
}

export interface LbPanelData {
  view: LbView;
  /** MetalLB kinds the cluster does not serve (e.g. MetalLB ≤ 0.12 has no CRDs). */
  missing: string[];
  /** Watches that failed, as `resource: message`. */
  errors: string[];
  /** True until every watch has listed once. */
  loading: boolean;
}

/**
 * Watches everything MetalLB reads and writes (pools, advertisements, the legacy ConfigMap, services,
 * its events, announce statuses, nodes, namespaces) and returns the live load-balancer view.
 */
export function useLbPanel(options: { metallbClass?: string } = {}): LbPanelData {
  const { discovery, session } = useServices();
  // Discovery fills in after connecting and changes when CRDs come and go: resolve again then.
  const loaded = discovery.loaded;
  const revision = session?.discoveryRevision ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded and revision say when discovery's answers change.
  const queries = useMemo(() => lbQueries((n) => discovery.resolve(n)), [discovery, loaded, revision]);
  const s: { [K in keyof LbQueries]-?: Snapshot } = {
    ipAddressPools: useQuery(queries.ipAddressPools),
    l2Advertisements: useQuery(queries.l2Advertisements),
    bgpAdvertisements: useQuery(queries.bgpAdvertisements),
    l2Statuses: useQuery(queries.l2Statuses),
    bgpStatuses: useQuery(queries.bgpStatuses),
    configurationStates: useQuery(queries.configurationStates),
    configMap: useQuery(queries.configMap),
    services: useQuery(queries.services),
    allocationFailed: useQuery(queries.allocationFailed),
    ipAllocated: useQuery(queries.ipAllocated),
    nodeAssigned: useQuery(queries.nodeAssigned),
    nodes: useQuery(queries.nodes),
    namespaces: useQuery(queries.namespaces),
  };
  const roles = Object.keys(s) as (keyof LbQueries)[];
  const revisions = roles.map((r) => s[r].revision).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revisions string changes exactly when a snapshot does.
  const view = useMemo(() => lbViewFromSnapshots(s, options.metallbClass), [revisions, options.metallbClass]);
  const errors = roles.flatMap((r) =>
    s[r].error ? [`${queries[r]?.resource.resource ?? r}: ${s[r].error.message}`] : [],
  );
  const loading = roles.some(
    (r) => queries[r] !== undefined && (s[r].state === 'connecting' || s[r].state === 'listing'),
  );
  return { view, missing: missingKinds(queries), errors, loading };
}
