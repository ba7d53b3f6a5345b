import type { V1Ingress } from '@kubernetes/client-node';
import { type AnnotationKeys, hostnamesFrom, targetsFrom, ttlFrom } from './annotations.js';
import type { ClusterState } from './cluster-state.js';
import { emptyOutput, endpointsForHostname, pending, refOf, runSource } from './source-common.js';
import type { ExternalDnsConfig, SourceOutput } from './types.js';

export function ingressStatusTargets(ing: V1Ingress): string[] {
  const out: string[] = [];
  for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) out.push(lb.ip);
    if (lb.hostname) out.push(lb.hostname);
  }
  return out;
}

function generate(
  ing: V1Ingress,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
  fromTemplate?: string[],
): SourceOutput {
  const out = emptyOutput();
  const ann = ing.metadata?.annotations;
  const source = refOf(ing, 'Ingress');
  const resource = `ingress/${ing.metadata?.namespace}/${ing.metadata?.name}`;
  const ttl = ttlFrom(ann, keys).ttl;
  let targets = targetsFrom(ann, keys);
  const targetsFromText = targets.length > 0 ? keys.target : 'status.loadBalancer.ingress';
  if (targets.length === 0) targets = ingressStatusTargets(ing);
  const defined: { host: string; from: string }[] = [];
  const annotated: { host: string; from: string }[] = [];
  if (fromTemplate) for (const h of fromTemplate) annotated.push({ host: h, from: '--fqdn-template' });
  else {
    for (const rule of ing.spec?.rules ?? [])
      if (rule.host) defined.push({ host: rule.host, from: 'spec.rules[].host' });
    for (const tls of ing.spec?.tls ?? [])
      for (const h of tls.hosts ?? []) if (h) defined.push({ host: h, from: 'spec.tls[].hosts' });
    if (!cfg.ignoreHostnameAnnotation)
      for (const h of hostnamesFrom(ann, keys.hostname)) annotated.push({ host: h, from: keys.hostname });
  }
  const mode = ann?.[keys.ingressHostnameSource]?.toLowerCase();
  const hosts =
    fromTemplate || mode === undefined
      ? [...defined, ...annotated]
      : mode === 'defined-hosts-only'
        ? defined
        : mode === 'annotation-only'
          ? annotated
          : [];
  for (const { host, from } of hosts) {
    if (targets.length === 0) {
      out.held.push(
        pending(
          host,
          source,
          from,
          'Ingress has no load-balancer address in status yet',
          `${resource} asks for ${host} (${from}), but its status.loadBalancer.ingress is empty and it has no ${keys.target} annotation. The ingress controller has not published an address yet.`,
        ),
      );
      continue;
    }
    const nameFrom = mode ? `${from} (${keys.ingressHostnameSource}=${mode})` : from;
    out.endpoints.push(
      ...endpointsForHostname(host, targets, {
        ttl,
        source,
        resource,
        nameFrom,
        targetsFrom: targetsFromText,
      }),
    );
  }
  return out;
}

export function ingressSource(state: ClusterState, cfg: ExternalDnsConfig): SourceOutput {
  return runSource(
    state.ingresses,
    'Ingress',
    cfg,
    (ing, keys, tpl) => generate(ing, cfg, keys, tpl),
    (ing) => {
      if (cfg.ingressClasses.length === 0) return undefined;
      const cls = ing.spec?.ingressClassName || ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
      if (cls && cfg.ingressClasses.includes(cls)) return undefined;
      return {
        reason: `ingress class ${cls ?? '(none)'} not in --ingress-class=${cfg.ingressClasses.join(',')}`,
        explanation: `external-dns ${cfg.instance} only reads Ingresses of class ${cfg.ingressClasses.join(', ')} (--ingress-class).`,
      };
    },
  );
}
