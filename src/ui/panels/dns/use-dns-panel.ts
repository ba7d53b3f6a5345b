import { readFileSync } from 'node:fs';
import type { KubernetesObject, V1Deployment, V1Secret } from '@kubernetes/client-node';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseKeyFile } from '../../../dns/key-file.js';
import { readZones } from '../../../dns/read-zone.js';
import { serverLabel } from '../../../dns/tcp.js';
import { makeTsigKey, type TsigKey } from '../../../dns/tsig.js';
import type { ClusterState } from '../../../model/dns/cluster-state.js';
import { applyOverride, type DnsInstanceOption, discoverInstances } from '../../../model/dns/config.js';
import { dnsTable } from '../../../model/dns/dns-table.js';
import {
  dnsPanelModel,
  type InstanceRead,
  type InstanceView,
  namesToQuery,
} from '../../../model/dns/panel.js';
import type { DnsRow, ExternalDnsConfig, SecretSource, SourceRef } from '../../../model/dns/types.js';
import type { Column, Row } from '../../../model/table.js';
import type { Query } from '../../../store/query.js';
import type { ResourceStore } from '../../../store/store.js';
import { useServices } from '../../app-context.js';
import { useQuery } from '../../hooks/use-query.js';

export interface DnsPanelOptions {
  instances?: readonly DnsInstanceOption[];
  /** How often the DNS server is re-read. */
  intervalMs?: number;
}

export interface DnsPanelData {
  instances: InstanceView[];
  columns: Column[];
  rows: Row[];
  /** The first reading problem, e.g. "AXFR refused by 127.0.0.1:5353: NOTAUTH …"; '' when all is well. */
  banner: string;
  explain(rowKey: string): string;
  sourceOf(rowKey: string): SourceRef | undefined;
  refresh(): void;
  loading: boolean;
}

const KINDS = {
  services: 'services',
  ingresses: 'ingresses.networking.k8s.io',
  nodes: 'nodes',
  pods: 'pods',
  endpointSlices: 'endpointslices.discovery.k8s.io',
  istioGateways: 'gateways.networking.istio.io',
  virtualServices: 'virtualservices.networking.istio.io',
  dnsEndpoints: 'dnsendpoints.externaldns.k8s.io',
  gateways: 'gateways.gateway.networking.k8s.io',
  httpRoutes: 'httproutes.gateway.networking.k8s.io',
  deployments: 'deployments.apps',
} as const;

type Role = keyof typeof KINDS;

/** Reads a TSIG secret: a Secret from the store, a file (BIND key file or bare base64), or a literal flag value. */
function subscribeSecret(
  store: ResourceStore,
  query: Query | undefined,
  onChange: (s: V1Secret | undefined) => void,
): () => void {
  if (!query) return () => {};
  const sub = store.subscribe(query, () => onChange(sub.snapshot().items[0] as V1Secret | undefined));
  onChange(sub.snapshot().items[0] as V1Secret | undefined);
  return () => sub.close();
}

function keyFrom(
  cfg: ExternalDnsConfig,
  secrets: ReadonlyMap<string, V1Secret | undefined>,
): { key?: TsigKey; problem?: string } {
  const src = cfg.rfc2136.secret;
  if (cfg.rfc2136.insecure) return {};
  if (!src) return { problem: 'no TSIG secret configured (--rfc2136-tsig-secret or kdeck config)' };
  try {
    if (src.from === 'literal')
      return { key: makeTsigKey(cfg.rfc2136.keyName, cfg.rfc2136.algorithm, src.value) };
    if (src.from === 'file') {
      const entries = parseKeyFile(readFileSync(src.path, 'utf8'));
      const e = entries.find((x) => x.name === cfg.rfc2136.keyName || x.name === '') ?? entries[0];
      if (!e) return { problem: `TSIG key file ${src.path} holds no key` };
      return {
        key: makeTsigKey(cfg.rfc2136.keyName || e.name, e.algorithm || cfg.rfc2136.algorithm, e.secret),
      };
    }
    const secret = secrets.get(secretId(src));
    const data = secret?.data?.[src.key];
    if (data === undefined)
      return {
        problem: `TSIG secret ${src.namespace}/${src.name} key "${src.key}" not found or not readable`,
      };
    const text = Buffer.from(data, 'base64').toString('utf8');
    const entries = parseKeyFile(text);
    return {
      key: makeTsigKey(
        cfg.rfc2136.keyName || entries[0]?.name || '',
        entries[0]?.algorithm || cfg.rfc2136.algorithm,
        entries[0]?.secret ?? text.trim(),
      ),
    };
  } catch (err) {
    // makeTsigKey's messages never include the secret; file errors name only the path.
    return { problem: `TSIG key unusable: ${(err as Error).message}` };
  }
}

function secretId(s: Extract<SecretSource, { from: 'secret' }>): string {
  return `${s.namespace}/${s.name}`;
}

/**
 * The `:dns` panel's data: watches every source kind external-dns reads plus its Deployments and the TSIG
 * Secret, reads each instance's DNS server by signed AXFR on an interval and on demand, and compares.
 */
export function useDnsPanel(options: DnsPanelOptions = {}): DnsPanelData {
  const { discovery, store } = useServices();
  const queries = useMemo(() => {
    const out: Partial<Record<Role, Query>> = {};
    for (const [role, name] of Object.entries(KINDS) as [Role, string][]) {
      const resource = discovery.resolve(name);
      if (resource) out[role] = { resource };
    }
    return out;
  }, [discovery]);
  const snaps = {
    services: useQuery(queries.services),
    ingresses: useQuery(queries.ingresses),
    nodes: useQuery(queries.nodes),
    pods: useQuery(queries.pods),
    endpointSlices: useQuery(queries.endpointSlices),
    istioGateways: useQuery(queries.istioGateways),
    virtualServices: useQuery(queries.virtualServices),
    dnsEndpoints: useQuery(queries.dnsEndpoints),
    gateways: useQuery(queries.gateways),
    httpRoutes: useQuery(queries.httpRoutes),
    deployments: useQuery(queries.deployments),
  };
  const rev = Object.values(snaps)
    .map((s) => s.revision)
    .join(',');
  // Planning 10,000 pods takes ~90 ms: do it at most once a second, not on every watch tick.
  const planRev = useThrottled(rev, 1000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the snapshots change exactly when their revisions do
  const state = useMemo((): ClusterState => {
    const items = <T extends KubernetesObject>(role: Exclude<Role, 'deployments'>) =>
      snaps[role].items as T[];
    return {
      services: items('services'),
      ingresses: items('ingresses'),
      nodes: items('nodes'),
      pods: items('pods'),
      endpointSlices: items('endpointSlices'),
      istioGateways: items('istioGateways'),
      virtualServices: items('virtualServices'),
      dnsEndpoints: items('dnsEndpoints'),
      gateways: items('gateways'),
      httpRoutes: items('httpRoutes'),
    };
  }, [planRev]);

  const optionList = options.instances ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when deployments or the options change
  const configs = useMemo((): { config: ExternalDnsConfig; resolver?: { host: string; port: number } }[] => {
    const discovered = discoverInstances(snaps.deployments.items as V1Deployment[]).map((d) => d.config);
    const out = discovered.map((config) => ({
      config,
      resolver: undefined as { host: string; port: number } | undefined,
    }));
    for (const o of optionList) {
      const i = out.findIndex((x) => x.config.instance === o.instance);
      const { resolver, ...override } = o;
      const config = applyOverride(i >= 0 ? out[i]!.config : undefined, override);
      if (i >= 0) out[i] = { config, resolver };
      else out.push({ config, resolver });
    }
    return out;
  }, [snaps.deployments.revision, JSON.stringify(optionList)]);

  const secretRefs = useMemo(() => {
    const refs = new Map<string, Extract<SecretSource, { from: 'secret' }>>();
    for (const { config } of configs)
      if (config.rfc2136.secret?.from === 'secret')
        refs.set(secretId(config.rfc2136.secret), config.rfc2136.secret);
    return [...refs.values()];
  }, [configs]);
  const [secrets, setSecrets] = useState<ReadonlyMap<string, V1Secret | undefined>>(new Map());
  const secretResource = useMemo(() => discovery.resolve('secrets'), [discovery]);
  useEffect(() => {
    const closers = secretRefs.map((ref) =>
      subscribeSecret(
        store,
        secretResource
          ? {
              resource: secretResource,
              namespaces: [ref.namespace],
              fieldSelector: `metadata.name=${ref.name}`,
            }
          : undefined,
        (s) =>
          setSecrets((prev) => (prev.get(secretId(ref)) === s ? prev : new Map(prev).set(secretId(ref), s))),
      ),
    );
    return () => {
      for (const c of closers) c();
    };
  }, [store, secretResource, secretRefs]);

  const [reads, setReads] = useState<ReadonlyMap<string, InstanceRead>>(new Map());
  const [tick, setTick] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const interval = options.intervalMs ?? 10_000;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the refresh trigger
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const readAll = async () => {
      for (const { config, resolver } of configs) {
        const read = await readInstance(config, resolver, secrets, stateRef.current, ctrl.signal).catch(
          (err: unknown): InstanceRead => {
            const problem = `reading ${config.instance}'s DNS server failed: ${err instanceof Error ? err.message : String(err)}`;
            return { records: undefined, via: 'none', status: 'unreadable', problem };
          },
        );
        if (ctrl.signal.aborted) return;
        setReads((prev) => new Map(prev).set(config.instance, read));
      }
      if (!ctrl.signal.aborted) timer = setTimeout(readAll, interval);
    };
    void readAll();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [configs, secrets, interval, tick]);

  const instances = useMemo(
    () =>
      dnsPanelModel(
        state,
        configs.map(({ config }) => ({ config, read: reads.get(config.instance) })),
      ),
    [state, configs, reads],
  );
  const allRows = useMemo(() => instances.flatMap((i) => i.rows), [instances]);
  const table = useMemo(() => dnsTable(allRows, instances.length > 1), [allRows, instances.length]);
  const byKey = useMemo(() => new Map<string, DnsRow>(allRows.map((r) => [r.key, r])), [allRows]);
  const banner =
    instances
      .map((i) => (i.problem ? `${instances.length > 1 ? `${i.config.instance}: ` : ''}${i.problem}` : ''))
      .filter((b) => b !== '')[0] ?? '';
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const loading = (Object.keys(snaps) as Role[]).some(
    (role) =>
      queries[role] !== undefined && (snaps[role].state === 'connecting' || snaps[role].state === 'listing'),
  );
  return {
    instances,
    columns: table.columns,
    rows: table.rows,
    banner,
    explain: (key) => byKey.get(key)?.explanation ?? '',
    sourceOf: (key) => byKey.get(key)?.source,
    refresh,
    loading,
  };
}

/** The value, changing at most once per `ms` (the latest one wins). */
function useThrottled(value: string, ms: number): string {
  const [out, setOut] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (value === out) return;
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setOut(value);
      },
      Math.max(0, last.current + ms - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [value, out, ms]);
  return out;
}

/** Reads one instance's records: AXFR for rfc2136 (queries when refused), queries to a resolver otherwise. */
export async function readInstance(
  config: ExternalDnsConfig,
  resolver: { host: string; port: number } | undefined,
  secrets: ReadonlyMap<string, V1Secret | undefined>,
  state: ClusterState,
  signal: AbortSignal,
): Promise<InstanceRead> {
  if (config.provider !== 'rfc2136') {
    if (!resolver)
      return {
        records: undefined,
        via: 'none',
        status: `provider ${config.provider}: no resolver configured`,
        problem: `provider ${config.provider}: set a resolver for ${config.instance} in kdeck's config to compare`,
      };
    const r = await readZones({
      server: resolver,
      zones: [],
      fallbackNames: namesToQuery(state, config),
      signal,
    });
    return {
      records: r.records,
      via: r.via,
      status: `resolver-based: per-name queries to ${serverLabel(resolver)}`,
    };
  }
  const server = { host: config.rfc2136.host || '127.0.0.1', port: config.rfc2136.port || 53 };
  const { key, problem } = keyFrom(config, secrets);
  if (problem) return { records: undefined, via: 'none', status: problem, problem };
  const r = await readZones({
    server,
    zones: config.rfc2136.zones,
    key,
    fallbackNames: namesToQuery(state, config),
    signal,
    timeoutMs: 4000,
  });
  const label = serverLabel(server);
  const at = new Date().toISOString().slice(11, 19);
  if (r.via === 'none')
    return {
      records: undefined,
      via: 'none',
      status: `unreadable at ${at}`,
      problem: r.error?.message ?? `${label} unreadable`,
    };
  const serials = Object.entries(r.serials)
    .map(([z, s]) => `${z}@${s}`)
    .join(' ');
  if (r.error)
    return {
      records: r.records,
      via: r.via,
      status: `per-name queries at ${at}`,
      problem: `${r.error.message} — showing per-name query results`,
    };
  return {
    records: r.records,
    via: r.via,
    status: `AXFR${key ? ' (TSIG verified)' : ''} ${serials}, ${r.messages} message${r.messages === 1 ? '' : 's'}, at ${at}`,
  };
}
