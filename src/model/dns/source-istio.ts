import { matchesLabels, selectorFromMap } from '../label-selector.js';
import { type AnnotationKeys, hostnamesFrom, targetsFrom, ttlFrom } from './annotations.js';
import type { ClusterState, IstioGateway, IstioVirtualService } from './cluster-state.js';
import { emptyOutput, endpointsForHostname, pending, refOf, runSource } from './source-common.js';
import type { ExternalDnsConfig, SourceOutput } from './types.js';

/** Where an Istio Gateway's targets come from: the target annotation, the ingress annotation, or its selected Services. */
export function gatewayTargets(
  gw: IstioGateway,
  state: ClusterState,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
): { targets: string[]; from: string } {
  const annotated = targetsFrom(gw.metadata?.annotations, keys);
  if (annotated.length > 0) return { targets: annotated, from: `Gateway ${keys.target}` };
  const ingressRef = gw.metadata?.annotations?.[keys.ingress];
  if (ingressRef) {
    const [a, b] = ingressRef.split('/');
    const [ns, name] = b === undefined ? [gw.metadata?.namespace, a] : [a, b];
    const ing = state.ingresses.find((i) => i.metadata?.namespace === ns && i.metadata?.name === name);
    const targets: string[] = [];
    for (const lb of ing?.status?.loadBalancer?.ingress ?? []) {
      if (lb.ip) targets.push(lb.ip);
      else if (lb.hostname) targets.push(lb.hostname);
    }
    return { targets, from: `status of Ingress ${ns}/${name} (${keys.ingress})` };
  }
  const sel = selectorFromMap(gw.spec?.selector);
  const targets: string[] = [];
  const names: string[] = [];
  for (const svc of state.services) {
    if (cfg.namespace && svc.metadata?.namespace !== cfg.namespace) continue;
    if (!matchesLabels(sel, svc.spec?.selector)) continue;
    names.push(`${svc.metadata?.namespace}/${svc.metadata?.name}`);
    if (svc.spec?.externalIPs?.length) {
      targets.push(...svc.spec.externalIPs);
      continue;
    }
    for (const lb of svc.status?.loadBalancer?.ingress ?? []) {
      if (lb.ip) targets.push(lb.ip);
      else if (lb.hostname) targets.push(lb.hostname);
    }
  }
  const sels =
    Object.entries(gw.spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '(everything)';
  return {
    targets: [...new Set(targets)],
    from: `load-balancer addresses of Services whose selector matches ${sels}: ${names.join(', ') || 'none'}`,
  };
}

function gatewayHosts(gw: IstioGateway): string[] {
  const out: string[] = [];
  for (const server of gw.spec?.servers ?? []) {
    for (let host of server.hosts ?? []) {
      if (!host) continue;
      const parts = host.split('/');
      if (parts.length === 2) host = parts[1]!;
      if (host !== '*') out.push(host);
    }
  }
  return out;
}

function generateGateway(
  gw: IstioGateway,
  state: ClusterState,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
  fromTemplate?: string[],
): SourceOutput {
  const out = emptyOutput();
  const source = refOf(gw, 'Gateway');
  const resource = `gateway/${gw.metadata?.namespace}/${gw.metadata?.name}`;
  const hosts = fromTemplate
    ? fromTemplate.map((host) => ({ host, from: '--fqdn-template' }))
    : [
        ...gatewayHosts(gw).map((host) => ({ host, from: 'spec.servers[].hosts' })),
        ...(cfg.ignoreHostnameAnnotation
          ? []
          : hostnamesFrom(gw.metadata?.annotations, keys.hostname).map((host) => ({
              host,
              from: keys.hostname,
            }))),
      ];
  const { targets, from } = gatewayTargets(gw, state, cfg, keys);
  const ttl = ttlFrom(gw.metadata?.annotations, keys).ttl;
  for (const { host, from: nameFrom } of hosts) {
    if (targets.length === 0) {
      out.held.push(
        pending(
          host,
          source,
          nameFrom,
          'Gateway has no target address yet',
          `${resource} asks for ${host} (${nameFrom}); its targets come from ${from}, and none has an address yet.`,
        ),
      );
      continue;
    }
    out.endpoints.push(
      ...endpointsForHostname(host, targets, { ttl, source, resource, nameFrom, targetsFrom: from }),
    );
  }
  return out;
}

export function istioGatewaySource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  return runSource(state.istioGateways, 'Gateway', cfg, (gw, keys, tpl) =>
    generateGateway(gw, state, cfg, keys, tpl),
  );
}

/** Whether a VirtualService host is served by a Gateway: exportTo, then the gateway's namespace/host patterns. */
function bindsToGateway(vs: IstioVirtualService, gw: IstioGateway, vsHost: string): boolean {
  const exportTo = vs.spec?.exportTo ?? [];
  const gwNs = gw.metadata?.namespace;
  const vsNs = vs.metadata?.namespace;
  if (
    exportTo.length > 0 &&
    !exportTo.some((ns) => ns === '*' || ns === gwNs || (ns === '.' && gwNs === vsNs))
  )
    return false;
  for (const server of gw.spec?.servers ?? []) {
    for (const entry of server.hosts ?? []) {
      const parts = entry.split('/');
      if (parts.length > 2) continue;
      const [ns, host] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['*', parts[0]!];
      if (!(ns === '*' || ns === vsNs || (ns === '.' && vsNs === gwNs))) continue;
      if (host === '*' || host === vsHost) return true;
      if (host.startsWith('*.') && vsHost.endsWith(host.slice(1))) return true;
    }
  }
  return false;
}

function vsTargets(
  vs: IstioVirtualService,
  host: string,
  state: ClusterState,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
): { targets: string[]; from: string } {
  const targets: string[] = [];
  const froms: string[] = [];
  for (const ref of vs.spec?.gateways ?? []) {
    if (ref === '' || ref === 'mesh') continue;
    const parts = ref.split('/');
    const [ns, name] =
      parts.length === 2
        ? [parts[0] || vs.metadata?.namespace, parts[1]]
        : [vs.metadata?.namespace, parts[0]];
    const gw = state.istioGateways.find((g) => g.metadata?.namespace === ns && g.metadata?.name === name);
    if (!gw) {
      froms.push(`gateway ${ns}/${name} (not found)`);
      continue;
    }
    if (!bindsToGateway(vs, gw, host)) {
      froms.push(`gateway ${ns}/${name} (does not serve ${host})`);
      continue;
    }
    const t = gatewayTargets(gw, state, cfg, keys);
    for (const x of t.targets) if (!targets.includes(x)) targets.push(x);
    froms.push(`gateway ${ns}/${name}: ${t.from}`);
  }
  return { targets, from: froms.join('; ') || 'no gateway besides mesh' };
}

function generateVs(
  vs: IstioVirtualService,
  state: ClusterState,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
  fromTemplate?: string[],
): SourceOutput {
  const out = emptyOutput();
  const source = refOf(vs, 'VirtualService');
  const resource = `virtualservice/${vs.metadata?.namespace}/${vs.metadata?.name}`;
  const ttl = ttlFrom(vs.metadata?.annotations, keys).ttl;
  const annotated = targetsFrom(vs.metadata?.annotations, keys);
  const hosts: { host: string; from: string }[] = [];
  if (fromTemplate) for (const host of fromTemplate) hosts.push({ host, from: '--fqdn-template' });
  else {
    for (let host of vs.spec?.hosts ?? []) {
      if (!host || host === '*') continue;
      const parts = host.split('/');
      if (parts.length === 2) host = parts[1]!;
      hosts.push({ host, from: 'spec.hosts' });
    }
    if (!cfg.ignoreHostnameAnnotation)
      for (const host of hostnamesFrom(vs.metadata?.annotations, keys.hostname))
        hosts.push({ host, from: keys.hostname });
  }
  for (const { host, from: nameFrom } of hosts) {
    const t =
      annotated.length > 0
        ? { targets: annotated, from: keys.target }
        : vsTargets(vs, host, state, cfg, keys);
    if (t.targets.length === 0) {
      out.held.push(
        pending(
          host,
          source,
          nameFrom,
          'no bound Gateway has an address yet',
          `${resource} asks for ${host} (${nameFrom}). Its targets come from the Gateways it binds to: ${t.from}. None gives an address yet.`,
        ),
      );
      continue;
    }
    out.endpoints.push(
      ...endpointsForHostname(host, t.targets, { ttl, source, resource, nameFrom, targetsFrom: t.from }),
    );
  }
  return out;
}

export function istioVirtualServiceSource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  return runSource(state.virtualServices, 'VirtualService', cfg, (vs, keys, tpl) =>
    generateVs(vs, state, cfg, keys, tpl),
  );
}
