import type { V1Service } from '@kubernetes/client-node';
import {
  type Allocator,
  type AllocResult,
  type AllocSubject,
  type FamilyPolicy,
  quoteIps,
  type ServiceFamily,
} from './allocator.js';
import { formatIp, type IpAddr, parseIp } from './ip-range.js';
import { annotations } from './metallb-types.js';

/** namespace/name, the key MetalLB's controller uses in its messages. */
export function serviceKey(svc: V1Service): string {
  return `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
}

/** Orders services by namespace/name as the API server lists them (code-unit order, not locale). */
export function byServiceKey(a: V1Service, b: V1Service): number {
  const ka = serviceKey(a);
  const kb = serviceKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The first of the current and deprecated annotation keys that is present (valueForAnnotation). */
export function annotation(svc: V1Service, keys: readonly string[]): string | undefined {
  const a = svc.metadata?.annotations ?? {};
  for (const k of keys) if (Object.hasOwn(a, k)) return a[k];
  return undefined;
}

/** filterByLoadBalancerClass: MetalLB started without --lb-class handles only services with no class. */
export function isForeignClass(svc: V1Service, metallbClass = ''): boolean {
  const cls = svc.spec?.loadBalancerClass;
  if (cls === undefined || cls === null) return metallbClass !== '';
  return cls !== metallbClass;
}

function familyOf(ips: readonly string[]): ServiceFamily | string {
  const parsed = ips.map(parseIp);
  if (ips.length === 1 && parsed[0]) return parsed[0].family;
  if (ips.length === 2 && parsed[0] && parsed[1]) {
    if (parsed[0].family === parsed[1].family)
      return `IPFamilyForAddresses: same address family ${JSON.stringify(ips)}`;
    return 'dual';
  }
  return `IPFamilyForAddresses: invalid addresses ${JSON.stringify(ips)}`;
}

/** What a service asks of MetalLB, parsed once. */
export interface ServiceRequest {
  key: string;
  subject: AllocSubject;
  /** ipfamily.ForService failed: MetalLB cannot allocate. */
  familyError?: string;
  requestedIps: IpAddr[];
  requestedFamily?: ServiceFamily;
  /** getDesiredLbIPs failed (malformed or conflicting requests). */
  requestError?: string;
  requestedPool?: string;
  /** The addresses in status.loadBalancer.ingress. */
  statusIps: IpAddr[];
}

/** Reads the ports, keys, family and requests of a LoadBalancer service as MetalLB does. */
export function serviceRequest(svc: V1Service): ServiceRequest {
  const spec = svc.spec ?? {};
  const clusterIps =
    spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  const fam = familyOf(clusterIps);
  const family: ServiceFamily = fam === 'IPv4' || fam === 'IPv6' || fam === 'dual' ? fam : 'IPv4';
  const selector = Object.keys(spec.selector ?? {})
    .sort()
    .map((k) => `${k}=${spec.selector![k]}`)
    .join(',');
  const subject: AllocSubject = {
    namespace: svc.metadata?.namespace ?? '',
    labels: svc.metadata?.labels ?? {},
    family,
    policy: (spec.ipFamilyPolicy as FamilyPolicy | undefined) ?? 'SingleStack',
    prefersIPv6: spec.ipFamilies?.[0] === 'IPv6',
    ports: (spec.ports ?? []).map((p) => ({ proto: p.protocol ?? 'TCP', port: p.port })),
    sharingKey: annotation(svc, annotations.allowSharedIP) ?? '',
    backendKey: spec.externalTrafficPolicy === 'Local' ? selector : '',
  };
  const req: ServiceRequest = {
    key: serviceKey(svc),
    subject,
    requestedIps: [],
    requestedPool: annotation(svc, annotations.addressPool) || undefined,
    statusIps: (svc.status?.loadBalancer?.ingress ?? [])
      .map((i) => (i.ip ? parseIp(i.ip) : undefined))
      .filter((ip): ip is IpAddr => ip !== undefined),
  };
  if (fam !== family) req.familyError = clusterIps.length === 0 ? 'no ClusterIPs' : fam;
  const annotated = annotation(svc, annotations.loadBalancerIPs) ?? '';
  const specIp = spec.loadBalancerIP ?? '';
  if (annotated !== '' && specIp !== '') {
    req.requestError = `service can not have both ${annotations.loadBalancerIPs[0]} and svc.Spec.LoadBalancerIP`;
  } else if (annotated !== '') {
    const texts = annotated.split(',').map((s) => s.trim());
    const ips = texts.map(parseIp);
    if (ips.some((ip) => !ip)) {
      req.requestError = `invalid ${annotations.loadBalancerIPs[0]}: "${annotated}"`;
    } else {
      req.requestedIps = ips as IpAddr[];
      const f = familyOf(texts);
      if (f === 'IPv4' || f === 'IPv6' || f === 'dual') req.requestedFamily = f;
      else req.requestError = f;
    }
  } else if (specIp !== '') {
    const ip = parseIp(specIp);
    if (!ip) req.requestError = `invalid spec.loadBalancerIP "${specIp}"`;
    else {
      req.requestedIps = [ip];
      req.requestedFamily = ip.family;
    }
  }
  return req;
}

/** What a service asked for, for the REQUESTED column: `ip 1.2.3.4 pool x share k`. */
export function formatRequest(req: ServiceRequest): string {
  const parts: string[] = [];
  if (req.requestError) parts.push('invalid request');
  else if (req.requestedIps.length > 0) parts.push(`ip ${req.requestedIps.map(formatIp).join(',')}`);
  if (req.requestedPool) parts.push(`pool ${req.requestedPool}`);
  if (req.subject.sharingKey) parts.push(`share ${req.subject.sharingKey}`);
  return parts.join(' ');
}

/** controller.allocateIPs: requested IPs, else the named pool, else pinned pools then auto-assign pools. */
export function allocateIps(alloc: Allocator, req: ServiceRequest): AllocResult {
  if (req.familyError) return { error: req.familyError };
  if (req.requestError) return { error: req.requestError };
  if (req.requestedIps.length > 0) {
    if (req.requestedFamily !== req.subject.family) {
      return {
        error: `requested loadBalancer IP(s) ${quoteIps(req.requestedIps)} does not match the ipFamily of the service`,
      };
    }
    const err = alloc.assign(req.key, req.subject, req.requestedIps);
    if (err) return { error: err };
    const pool = alloc.pool(req.key) ?? '';
    if (req.requestedPool && pool !== req.requestedPool) {
      alloc.unassign(req.key);
      return {
        error: `requested loadBalancer IP(s) ${quoteIps(req.requestedIps)} is not compatible with requested address pool ${req.requestedPool}`,
      };
    }
    return { ips: req.requestedIps, pool };
  }
  if (req.requestedPool) return alloc.allocateFromPool(req.key, req.subject, req.requestedPool);
  return alloc.allocate(req.key, req.subject);
}

/** The event MetalLB records when it fails to allocate: reason AllocationFailed, type Warning. */
export function allocationFailedMessage(key: string, error: string): string {
  return `Failed to allocate IP for "${key}": ${error}`;
}

/** The event MetalLB records when it allocates: reason IPAllocated, type Normal. */
export function ipAllocatedMessage(ips: readonly IpAddr[]): string {
  return `Assigned IP ${quoteIps(ips)}`;
}

function sameIps(a: readonly IpAddr[], b: readonly IpAddr[]): boolean {
  const ka = a.map(formatIp).sort();
  const kb = b.map(formatIp).sort();
  return ka.length === kb.length && ka.every((x, i) => x === kb[i]);
}

/** What convergeBalancer decides for one service, and the events it records on the way. */
export interface ConvergeOutcome {
  ips: IpAddr[];
  pool?: string;
  /** Why there is no address; undefined when ips is set. */
  error?: string;
  /** Events MetalLB would record, in order. */
  events: { type: 'Normal' | 'Warning'; reason: string; message: string }[];
}

/**
 * controller.convergeBalancer for a LoadBalancer service MetalLB handles: keeps a current address
 * that config still allows and the request still wants, else clears it and allocates anew.
 */
export function converge(alloc: Allocator, req: ServiceRequest): ConvergeOutcome {
  const events: ConvergeOutcome['events'] = [];
  if (alloc.pools.length === 0) return { ips: [], error: 'no address pools configured', events };
  if (req.familyError === 'no ClusterIPs')
    return { ips: [], error: 'the service has no ClusterIP yet', events };
  let ips = req.statusIps;
  if (req.subject.policy === 'RequireDualStack' && req.subject.family !== 'dual') {
    events.push({
      type: 'Warning',
      reason: 'not enough clusterips',
      message: 'Service requires dual stack but not enough clusterips',
    });
    alloc.unassign(req.key);
    return { ips: [], error: 'requires dual stack but the ClusterIPs are not dual stack', events };
  }
  if (ips.length > 0) {
    const lbFamily = familyOf(ips.map(formatIp));
    const preferDual = req.subject.family === 'dual' && req.subject.policy === 'PreferDualStack';
    if (lbFamily !== req.subject.family && !preferDual) ips = [];
  }
  if (ips.length > 0) {
    const err = alloc.assign(req.key, req.subject, ips);
    if (err) {
      events.push({
        type: 'Normal',
        reason: 'ClearAssignment',
        message: `current IP for "${req.key}" not allowed by config, will attempt for new IP assignment: ${err}`,
      });
      alloc.unassign(req.key);
      ips = [];
    }
    if (ips.length > 0 && req.requestedPool && alloc.pool(req.key) !== req.requestedPool) {
      alloc.unassign(req.key);
      ips = [];
    }
    if (req.requestError) {
      events.push({
        type: 'Warning',
        reason: 'LoadBalancerFailed',
        message: `invalid requested loadbalancer IPs: ${req.requestError}`,
      });
      return { ips, pool: alloc.pool(req.key), error: ips.length > 0 ? undefined : req.requestError, events };
    }
    if (ips.length > 0 && req.requestedIps.length > 0 && !sameIps(ips, req.requestedIps)) {
      alloc.unassign(req.key);
      ips = [];
    }
  }
  if (ips.length === 1 && req.subject.policy === 'PreferDualStack') {
    const more = alloc.allocateAdditionalFamily(req.key, req.subject, ips[0]!, alloc.pool(req.key) ?? '');
    if (typeof more === 'string') {
      events.push({
        type: 'Normal',
        reason: 'AdditionalAssignFailed',
        message: `cannot assign additional IP in PreferDualStack: ${more}`,
      });
    } else {
      ips = [...ips, more];
      events.push({
        type: 'Normal',
        reason: 'IPAllocated',
        message: `Assigned additional IP "${formatIp(more)}"`,
      });
    }
  }
  if (ips.length === 0) {
    alloc.unassign(req.key);
    const r = allocateIps(alloc, req);
    if ('error' in r) {
      events.push({
        type: 'Warning',
        reason: 'AllocationFailed',
        message: allocationFailedMessage(req.key, r.error),
      });
      return { ips: [], error: r.error, events };
    }
    ips = r.ips;
    events.push({ type: 'Normal', reason: 'IPAllocated', message: ipAllocatedMessage(ips) });
  }
  return { ips, pool: alloc.pool(req.key), events };
}
