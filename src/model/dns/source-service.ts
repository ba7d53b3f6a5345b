import type { V1EndpointSlice, V1Node, V1Pod, V1Service } from '@kubernetes/client-node';
import { matchesLabels, selectorFromMap } from '../label-selector.js';
import { type AnnotationKeys, hostnamesFrom, targetsFrom, ttlFrom } from './annotations.js';
import type { ClusterState } from './cluster-state.js';
import { emptyOutput, endpointsForHostname, pending, refOf, runSource } from './source-common.js';
import type { DesiredEndpoint, ExternalDnsConfig, SourceOutput } from './types.js';

function podReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

// Pods by namespace, built once per pod list: 10,000 pods times every Service would be too slow per tick.
const podIndex = new WeakMap<readonly V1Pod[], Map<string, V1Pod[]>>();

function podsIn(state: ClusterState, namespace: string | undefined): V1Pod[] {
  let index = podIndex.get(state.pods);
  if (!index) {
    index = new Map();
    for (const p of state.pods) {
      const ns = p.metadata?.namespace ?? '';
      const list = index.get(ns);
      if (list) list.push(p);
      else index.set(ns, [p]);
    }
    podIndex.set(state.pods, index);
  }
  return index.get(namespace ?? '') ?? [];
}

/** The Service's pods as external-dns lists them: its selector as a label set (empty selects the namespace). */
function podsOf(svc: V1Service, state: ClusterState): V1Pod[] {
  const sel = selectorFromMap(svc.spec?.selector);
  return podsIn(state, svc.metadata?.namespace).filter((p) => matchesLabels(sel, p.metadata?.labels));
}

/** Nodes that run a pod of the service, preferring ready non-terminating pods, as with externalTrafficPolicy: Local. */
function localNodes(svc: V1Service, state: ClusterState): V1Node[] {
  const best = new Map<string, number>();
  let max = 0;
  for (const pod of podsOf(svc, state)) {
    if (pod.status?.phase !== 'Running' || !pod.spec?.nodeName) continue;
    const p = podReady(pod) ? (pod.metadata?.deletionTimestamp ? 2 : 3) : 1;
    best.set(pod.spec.nodeName, Math.max(best.get(pod.spec.nodeName) ?? 0, p));
    max = Math.max(max, p);
  }
  return state.nodes.filter((n) => best.get(n.metadata?.name ?? '') === max && max > 0);
}

function nodePortTargets(
  svc: V1Service,
  state: ClusterState,
  keys: AnnotationKeys,
): { targets: string[]; from: string } {
  const local = svc.spec?.externalTrafficPolicy === 'Local';
  const nodes = local ? localNodes(svc, state) : state.nodes;
  const external: string[] = [];
  const internal: string[] = [];
  for (const n of nodes) {
    for (const a of n.status?.addresses ?? []) {
      if (a.type === 'ExternalIP') external.push(a.address);
      if (a.type === 'InternalIP') internal.push(a.address);
    }
  }
  const scope = local ? 'nodes running a pod of the service (externalTrafficPolicy: Local)' : 'all nodes';
  const access = svc.metadata?.annotations?.[keys.access];
  if (access === 'public')
    return { targets: external, from: `ExternalIP of ${scope} (${keys.access}=public)` };
  if (access === 'private')
    return { targets: internal, from: `InternalIP of ${scope} (${keys.access}=private)` };
  if (external.length > 0) return { targets: external, from: `ExternalIP of ${scope}` };
  return { targets: internal, from: `InternalIP of ${scope} (no node has an ExternalIP)` };
}

function loadBalancerTargets(svc: V1Service): { targets: string[]; from: string } {
  if (svc.spec?.externalIPs?.length) return { targets: svc.spec.externalIPs, from: 'spec.externalIPs' };
  const targets: string[] = [];
  for (const lb of svc.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) targets.push(lb.ip);
    if (lb.hostname) targets.push(lb.hostname);
  }
  return { targets, from: 'status.loadBalancer.ingress' };
}

function headless(
  svc: V1Service,
  hostname: string,
  state: ClusterState,
  keys: AnnotationKeys,
  cfg: ExternalDnsConfig,
  base: { ttl?: number; nameFrom: string },
): DesiredEndpoint[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name ?? '';
  const slices = state.endpointSlices.filter(
    (s: V1EndpointSlice) =>
      s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === name,
  );
  const pods = podsOf(svc, state);
  const endpointsType = svc.metadata?.annotations?.[keys.endpointsType];
  const publishPodIps =
    endpointsType !== 'NodeExternalIP' && endpointsType !== 'HostIP' && !cfg.publishHostIp;
  const notReady = svc.spec?.publishNotReadyAddresses === true;
  const byName = new Map<string, { targets: string[]; from: string }>();
  for (const slice of slices) {
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false && !notReady) continue;
      if (publishPodIps && slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue;
      const ref = ep.targetRef;
      if (ref?.kind !== 'Pod' || (ref.apiVersion ?? '') !== '') continue;
      const pod = pods.find((p) => p.metadata?.name === ref.name);
      if (!pod) continue;
      const domains = [hostname];
      if (pod.spec?.hostname) domains.push(`${pod.spec.hostname}.${hostname}`);
      let targets = targetsFrom(pod.metadata?.annotations, keys);
      let from = `pod ${pod.metadata?.name} ${keys.target}`;
      if (targets.length === 0) {
        if (endpointsType === 'NodeExternalIP') {
          const node = state.nodes.find((n) => n.metadata?.name === pod.spec?.nodeName);
          targets = (node?.status?.addresses ?? [])
            .filter((a) => a.type === 'ExternalIP')
            .map((a) => a.address);
          from = `ExternalIP of node ${pod.spec?.nodeName} (${keys.endpointsType}=NodeExternalIP)`;
        } else if (endpointsType === 'HostIP' || cfg.publishHostIp) {
          targets = pod.status?.hostIP ? [pod.status.hostIP] : [];
          from = 'pod status.hostIP';
        } else {
          targets = ep.addresses.slice(0, 1);
          from = 'EndpointSlice addresses of ready pods';
        }
      }
      for (const d of domains) {
        const entry = byName.get(d) ?? { targets: [], from };
        for (const t of targets) if (!entry.targets.includes(t)) entry.targets.push(t);
        byName.set(d, entry);
      }
    }
  }
  const out: DesiredEndpoint[] = [];
  for (const [domain, { targets, from }] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const nameFrom =
      domain === hostname ? base.nameFrom : `${base.nameFrom} + pod spec.hostname (StatefulSet pod)`;
    out.push(
      ...endpointsForHostname(domain, targets, {
        ttl: base.ttl,
        source: refOf(svc, 'Service'),
        resource: `service/${svc.metadata?.namespace}/${svc.metadata?.name}`,
        nameFrom,
        targetsFrom: from,
      }),
    );
  }
  return out;
}

function generate(
  svc: V1Service,
  state: ClusterState,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
  fromTemplate?: string[],
): SourceOutput {
  const out = emptyOutput();
  const ann = svc.metadata?.annotations;
  const source = refOf(svc, 'Service');
  const resource = `service/${svc.metadata?.namespace}/${svc.metadata?.name}`;
  const ttl = ttlFrom(ann, keys).ttl;
  const hosts: { host: string; internal: boolean; nameFrom: string }[] = [];
  if (fromTemplate)
    for (const h of fromTemplate) hosts.push({ host: h, internal: false, nameFrom: '--fqdn-template' });
  else if (!cfg.ignoreHostnameAnnotation) {
    for (const h of hostnamesFrom(ann, keys.hostname))
      hosts.push({ host: h, internal: false, nameFrom: keys.hostname });
    for (const h of hostnamesFrom(ann, keys.internalHostname))
      hosts.push({ host: h, internal: true, nameFrom: keys.internalHostname });
  }
  const type = svc.spec?.type ?? 'ClusterIP';
  const clusterIp = svc.spec?.clusterIP;
  for (const { host, internal, nameFrom } of hosts) {
    const annotated = targetsFrom(ann, keys);
    const base = { ttl, source, resource, nameFrom };
    if (annotated.length > 0) {
      out.endpoints.push(...endpointsForHostname(host, annotated, { ...base, targetsFrom: keys.target }));
      continue;
    }
    let targets: string[] = [];
    let from = '';
    let why = '';
    if (type === 'LoadBalancer') {
      if (internal)
        ({ targets, from } = {
          targets: clusterIp && clusterIp !== 'None' ? [clusterIp] : [],
          from: 'spec.clusterIP (internal-hostname)',
        });
      else ({ targets, from } = loadBalancerTargets(svc));
      why = internal
        ? 'the Service has no ClusterIP'
        : 'LoadBalancer has no address yet (status.loadBalancer.ingress is empty)';
    } else if (type === 'ClusterIP') {
      if (clusterIp === 'None') {
        const eps = headless(svc, host, state, keys, cfg, { ttl, nameFrom });
        if (eps.length === 0) {
          out.held.push(
            pending(
              host,
              source,
              nameFrom,
              'headless Service has no ready endpoints',
              `The Service is headless (clusterIP: None), so external-dns publishes the addresses of its ready pods from the EndpointSlices labelled kubernetes.io/service-name=${svc.metadata?.name}. There are none yet.`,
            ),
          );
        }
        out.endpoints.push(...eps);
        continue;
      }
      if (internal || cfg.publishInternalServices)
        ({ targets, from } = {
          targets: clusterIp ? [clusterIp] : [],
          from: internal
            ? 'spec.clusterIP (internal-hostname)'
            : 'spec.clusterIP (--publish-internal-services)',
        });
      else {
        out.held.push({
          fqdn: host.toLowerCase(),
          type: '?',
          status: 'Filtered',
          source,
          nameFrom,
          reason: 'ClusterIP Service: needs --publish-internal-services or internal-hostname',
          explanation: `${resource} is of type ClusterIP. external-dns publishes a ClusterIP only for the ${keys.internalHostname} annotation or with --publish-internal-services, and ${cfg.instance} has neither for it.`,
        });
        continue;
      }
      why = 'the Service has no ClusterIP';
    } else if (type === 'NodePort') {
      ({ targets, from } = nodePortTargets(svc, state, keys));
      why =
        svc.spec?.externalTrafficPolicy === 'Local'
          ? 'no node runs a pod of the Service (externalTrafficPolicy: Local)'
          : 'no node has a matching address';
    } else if (type === 'ExternalName') {
      targets = svc.spec?.externalIPs?.length
        ? svc.spec.externalIPs
        : svc.spec?.externalName
          ? [svc.spec.externalName]
          : [];
      from = svc.spec?.externalIPs?.length ? 'spec.externalIPs' : 'spec.externalName';
      why = 'the Service has no externalName';
    }
    if (targets.length === 0) {
      out.held.push(
        pending(
          host,
          source,
          nameFrom,
          why,
          `${resource} (type ${type}) asks for ${host} through ${nameFrom}, but ${why}. external-dns skips a source with no targets until it gets one.`,
        ),
      );
      continue;
    }
    out.endpoints.push(...endpointsForHostname(host, targets, { ...base, targetsFrom: from }));
  }
  return out;
}

export function serviceSource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  const types = cfg.serviceTypeFilter.filter((t) => t !== '');
  return runSource(
    state.services,
    'Service',
    cfg,
    (svc, keys, tpl) => generate(svc, state, cfg, keys, tpl),
    (svc) => {
      const type = svc.spec?.type ?? 'ClusterIP';
      if (types.length > 0 && !types.includes(type)) {
        return {
          reason: `type ${type} not in --service-type-filter=${types.join(',')}`,
          explanation: `external-dns ${cfg.instance} only reads Services of type ${types.join(', ')} (--service-type-filter).`,
        };
      }
      return undefined;
    },
  );
}
