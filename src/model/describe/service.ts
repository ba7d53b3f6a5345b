import type { CoreV1Event, V1EndpointSlice, V1Service } from '@kubernetes/client-node';
import { formatLabels } from '../label-selector.js';
import { annotationsMultiline, events, labelsMultiline } from './format.js';
import { PrefixWriter } from './tab-writer.js';

/** formatEndpointSlices: ready `ip:port` for one port name, up to three, then `+ N more...`; `<none>` without slices. */
export function endpointSliceText(slices: V1EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const ports = slice.ports ?? [];
    const targets =
      ports.length === 0 ? [undefined] : ports.filter((p) => (p.name ?? '') === (portName ?? ''));
    for (const port of targets) {
      for (const ep of slice.endpoints) {
        if (list.length === max) more = true;
        if (ep.conditions?.ready === false) continue;
        const addr = ep.addresses[0] ?? '';
        if (!more) {
          const host = addr.includes(':') ? `[${addr}]` : addr;
          list.push(port ? `${host}:${port.port}` : addr);
        }
        count++;
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${count - max} more...` : s;
}

/** describeService; endpoints come from the service's EndpointSlices when the caller has them. */
export function describeService(
  svc: V1Service,
  evs: CoreV1Event[],
  slices: V1EndpointSlice[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const spec = svc.spec ?? {};
  const name = svc.metadata?.name ?? '';
  const own = (slices ?? []).filter((s) => {
    const owner = s.metadata?.labels?.['kubernetes.io/service-name'];
    return owner === undefined || owner === name;
  });
  w.write(0, `Name:\t${name}\n`);
  w.write(0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', svc.metadata?.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    const list = ingress.map((i) =>
      i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''),
    );
    w.write(0, `LoadBalancer Ingress:\t${list.join(', ')}\n`);
  }
  for (const p of spec.ports ?? []) {
    const portName = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${portName}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.appProtocol) w.write(0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${portName}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointSliceText(own, p.name)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) {
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  }
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  events(w, evs, now);
  return w.toString();
}
