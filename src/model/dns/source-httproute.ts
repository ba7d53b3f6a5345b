import { type AnnotationKeys, hostnamesFrom, targetsFrom, ttlFrom } from './annotations.js';
import type { ClusterState, HttpRoute } from './cluster-state.js';
import { emptyOutput, endpointsForHostname, pending, refOf, runSource } from './source-common.js';
import type { ExternalDnsConfig, SourceOutput } from './types.js';

function hostMatches(listener: string | undefined, host: string): string | undefined {
  if (!listener) return host;
  if (listener === host) return host;
  if (listener.startsWith('*.') && host.endsWith(listener.slice(1))) return host;
  if (host.startsWith('*.') && listener.endsWith(host.slice(1))) return listener;
  return undefined;
}

/**
 * gateway-httproute, simplified: hostnames of the route narrowed by each accepting parent Gateway's
 * listeners, targets from that Gateway's status.addresses.
 */
function generate(
  route: HttpRoute,
  state: ClusterState,
  keys: AnnotationKeys,
  cfg: ExternalDnsConfig,
  fromTemplate?: string[],
): SourceOutput {
  const out = emptyOutput();
  const source = refOf(route, 'HTTPRoute');
  const resource = `httproute/${route.metadata?.namespace}/${route.metadata?.name}`;
  const ttl = ttlFrom(route.metadata?.annotations, keys).ttl;
  const annotatedTargets = targetsFrom(route.metadata?.annotations, keys);
  const routeHosts = fromTemplate ?? route.spec?.hostnames ?? [];
  const extra =
    fromTemplate || cfg.ignoreHostnameAnnotation
      ? []
      : hostnamesFrom(route.metadata?.annotations, keys.hostname);
  for (const ref of route.spec?.parentRefs ?? []) {
    if (ref.kind && ref.kind !== 'Gateway') continue;
    const ns = ref.namespace ?? route.metadata?.namespace;
    const gw = state.gateways.find((g) => g.metadata?.namespace === ns && g.metadata?.name === ref.name);
    const accepted = route.status?.parents?.some(
      (p) =>
        p.parentRef.name === ref.name &&
        (p.parentRef.namespace ?? route.metadata?.namespace) === ns &&
        p.conditions?.some((c) => c.type === 'Accepted' && c.status === 'True'),
    );
    const listeners = (gw?.spec?.listeners ?? []).filter(
      (l) => !ref.sectionName || l.name === ref.sectionName,
    );
    const hosts = new Set<string>();
    for (const l of listeners.length ? listeners : [{ hostname: undefined }]) {
      if (routeHosts.length === 0 && l.hostname) hosts.add(l.hostname);
      for (const h of routeHosts) {
        const m = hostMatches(l.hostname, h);
        if (m) hosts.add(m);
      }
    }
    for (const h of extra) hosts.add(h);
    const targets = annotatedTargets.length
      ? annotatedTargets
      : (gw?.status?.addresses ?? []).map((a) => a.value ?? '').filter((v) => v !== '');
    const from = annotatedTargets.length ? keys.target : `status.addresses of Gateway ${ns}/${ref.name}`;
    for (const host of hosts) {
      if (!gw || !accepted || targets.length === 0) {
        const why = !gw
          ? `parent Gateway ${ns}/${ref.name} not found`
          : !accepted
            ? `parent Gateway ${ns}/${ref.name} has not accepted the route`
            : `Gateway ${ns}/${ref.name} has no address yet`;
        out.held.push(pending(host, source, 'spec.hostnames', why, `${resource} asks for ${host}; ${why}.`));
        continue;
      }
      out.endpoints.push(
        ...endpointsForHostname(host, targets, {
          ttl,
          source,
          resource,
          nameFrom: fromTemplate ? '--fqdn-template' : 'spec.hostnames',
          targetsFrom: from,
        }),
      );
    }
  }
  return out;
}

export function httpRouteSource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  return runSource(state.httpRoutes, 'HTTPRoute', cfg, (r, keys, tpl) => generate(r, state, keys, cfg, tpl));
}
