import type { KubernetesObject } from '@kubernetes/client-node';
import { matchesLabels, parseLabelSelector } from '../label-selector.js';
import {
  type AnnotationKeys,
  annotationKeys,
  LEGACY_PREFIX,
  legacyAnnotations,
  suitableType,
} from './annotations.js';
import { execFqdnTemplates } from './fqdn-template.js';
import type {
  DesiredEndpoint,
  EndpointType,
  ExternalDnsConfig,
  HeldName,
  SourceOutput,
  SourceRef,
} from './types.js';

const resources: Record<string, string> = {
  Service: 'services',
  Ingress: 'ingresses.networking.k8s.io',
  Gateway: 'gateways.networking.istio.io',
  VirtualService: 'virtualservices.networking.istio.io',
  DNSEndpoint: 'dnsendpoints.externaldns.k8s.io',
  HTTPRoute: 'httproutes.gateway.networking.k8s.io',
};

export function refOf(obj: KubernetesObject, kind: string): SourceRef {
  return {
    kind,
    resource: resources[kind],
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '',
  };
}

export function refText(ref: SourceRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function emptyOutput(): SourceOutput {
  return { endpoints: [], held: [] };
}

/** endpoint.EndpointsForHostname: one endpoint per record type the targets call for, A before AAAA before CNAME. */
export function endpointsForHostname(
  hostname: string,
  targets: readonly string[],
  base: { ttl?: number; source: SourceRef; resource: string; nameFrom: string; targetsFrom: string },
): DesiredEndpoint[] {
  const byType = new Map<EndpointType, string[]>();
  for (const t of targets) {
    const type = suitableType(t);
    const list = byType.get(type) ?? [];
    if (!list.includes(t)) list.push(t);
    byType.set(type, list);
  }
  const fqdn = hostname.replace(/\.$/, '').toLowerCase();
  const out: DesiredEndpoint[] = [];
  for (const type of ['A', 'AAAA', 'CNAME'] as const) {
    const list = byType.get(type);
    if (list?.length) out.push({ fqdn, type, targets: list, ...base });
  }
  return out;
}

export function pending(
  hostname: string,
  source: SourceRef,
  nameFrom: string,
  reason: string,
  explanation: string,
): HeldName {
  return {
    fqdn: hostname.replace(/\.$/, '').toLowerCase(),
    type: '?',
    status: 'Pending',
    source,
    nameFrom,
    reason,
    explanation,
  };
}

/** Turns what an object would publish into Filtered rows with one shared reason. */
export function filterAll(out: SourceOutput, reason: string, explanation: string): HeldName[] {
  return [
    ...out.endpoints.map((e) => ({
      fqdn: e.fqdn,
      type: e.type,
      status: 'Filtered' as const,
      source: e.source,
      nameFrom: e.nameFrom,
      reason,
      explanation,
    })),
    ...out.held.map((h) => ({
      ...h,
      status: 'Filtered' as const,
      reason,
      explanation: `${explanation}\n(It would also be pending: ${h.reason}.)`,
    })),
  ];
}

function selectorMatches(
  expr: string,
  map: Record<string, string> | undefined,
): { ok: boolean; problem?: string } {
  if (!expr.trim()) return { ok: true };
  try {
    return { ok: matchesLabels(parseLabelSelector(expr), map ?? {}) };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

/** The object-level filters every source applies before looking at names: namespace, annotation, label, controller. */
export function objectFilter(
  obj: KubernetesObject,
  cfg: ExternalDnsConfig,
  keys: AnnotationKeys,
): { reason: string; explanation: string } | undefined {
  const ns = obj.metadata?.namespace;
  if (cfg.namespace && ns !== undefined && ns !== cfg.namespace) {
    return {
      reason: `namespace ${ns} outside --namespace=${cfg.namespace}`,
      explanation: `external-dns ${cfg.instance} only watches namespace ${cfg.namespace} (--namespace).`,
    };
  }
  const ann = selectorMatches(cfg.annotationFilter, obj.metadata?.annotations);
  if (!ann.ok) {
    return {
      reason: `annotations do not match --annotation-filter=${cfg.annotationFilter}`,
      explanation:
        ann.problem ??
        `--annotation-filter=${cfg.annotationFilter} is a label selector applied to the object's annotations; this object's annotations do not satisfy it.`,
    };
  }
  const lab = selectorMatches(cfg.labelFilter, obj.metadata?.labels);
  if (!lab.ok) {
    return {
      reason: `labels do not match --label-filter=${cfg.labelFilter}`,
      explanation: lab.problem ?? `--label-filter=${cfg.labelFilter} does not select this object's labels.`,
    };
  }
  const controller = obj.metadata?.annotations?.[keys.controller];
  if (controller !== undefined && controller !== 'dns-controller') {
    return {
      reason: `${keys.controller}=${controller} (not dns-controller)`,
      explanation: `The annotation ${keys.controller}="${controller}" hands this object to another controller; external-dns only handles objects without it or with the value "dns-controller".`,
    };
  }
  return undefined;
}

/**
 * Runs one source's generator over its objects with the shared rules: object filters become Filtered rows,
 * fqdn-templates apply when the object names no host (or always, with --combine-fqdn-annotation), and
 * annotations under the pre-0.22 prefix are reported instead of silently ignored.
 */
export function runSource<T extends KubernetesObject>(
  objects: readonly T[],
  kind: string,
  cfg: ExternalDnsConfig,
  generate: (obj: T, keys: AnnotationKeys, hostsFromTemplate?: string[]) => SourceOutput,
  extraFilter?: (obj: T) => { reason: string; explanation: string } | undefined,
): SourceOutput {
  const keys = annotationKeys(cfg.annotationPrefix);
  const result = emptyOutput();
  for (const obj of objects) {
    let out = generate(obj, keys);
    if (
      cfg.fqdnTemplates.length > 0 &&
      (cfg.combineFqdnAnnotation || (out.endpoints.length === 0 && out.held.length === 0))
    ) {
      const t = execFqdnTemplates(cfg.fqdnTemplates, obj, kind);
      if (t.problem) {
        result.held.push({
          fqdn: `(${refText(refOf(obj, kind))})`,
          type: '?',
          status: 'Filtered',
          source: refOf(obj, kind),
          nameFrom: '--fqdn-template',
          reason: t.problem,
          explanation: t.problem,
        });
      } else if (t.hostnames.length > 0) {
        const fromTemplate = generate(obj, keys, t.hostnames);
        out = cfg.combineFqdnAnnotation
          ? {
              endpoints: [...out.endpoints, ...fromTemplate.endpoints],
              held: [...out.held, ...fromTemplate.held],
            }
          : fromTemplate;
      }
    }
    const filtered = objectFilter(obj, cfg, keys) ?? extraFilter?.(obj);
    if (filtered) {
      result.held.push(...filterAll(out, filtered.reason, filtered.explanation));
      continue;
    }
    result.endpoints.push(...out.endpoints);
    result.held.push(...out.held);
    const legacy = legacyAnnotations(obj.metadata?.annotations, cfg.annotationPrefix);
    if (legacy.length > 0) {
      const published = new Set([...out.endpoints.map((e) => e.fqdn), ...out.held.map((h) => h.fqdn)]);
      const old = generate(obj, annotationKeys(LEGACY_PREFIX));
      const onlyOld = {
        endpoints: old.endpoints.filter((e) => !published.has(e.fqdn)),
        held: old.held.filter((h) => !published.has(h.fqdn)),
      };
      const reason = `uses ${LEGACY_PREFIX} annotations, which external-dns 0.22 ignores`;
      const explanation = `The object carries ${legacy.join(', ')}. Since v0.22 external-dns reads annotations under ${cfg.annotationPrefix} only (--annotation-prefix), so this name is never published. Rename the annotation to ${legacy[0]!.replace(LEGACY_PREFIX, cfg.annotationPrefix)}.`;
      const held = filterAll(onlyOld, reason, explanation);
      if (held.length === 0 && out.endpoints.length === 0 && out.held.length === 0) {
        held.push({
          fqdn: `(${refText(refOf(obj, kind))})`,
          type: '?',
          status: 'Filtered',
          source: refOf(obj, kind),
          nameFrom: legacy.join(', '),
          reason,
          explanation,
        });
      }
      result.held.push(...held);
    }
  }
  return result;
}
