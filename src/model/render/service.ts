import type { V1Service } from '@kubernetes/client-node';
import { formatLabels } from '../label-selector.js';
import type { Health, Renderer } from '../table.js';
import { AGE, ageOf, deleting, loadBalancerIngress, makeRow, NAME } from './common.js';

/** getServiceExternalIP in printers.go: external IPs, load-balancer ingress, `<pending>` while a LoadBalancer waits. */
export function serviceExternalIP(svc: V1Service, wide: boolean): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc.status?.loadBalancer?.ingress, wide);
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP` with a node port, comma-joined; `<none>` without ports. */
export function servicePorts(svc: V1Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

/** printService: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const serviceRenderer: Renderer<V1Service> = {
  columns: [
    NAME,
    { name: 'TYPE' },
    { name: 'CLUSTER-IP' },
    { name: 'EXTERNAL-IP' },
    { name: 'PORT(S)' },
    AGE,
    { name: 'SELECTOR', wide: true },
  ],
  render(svc, ctx) {
    const external = serviceExternalIP(svc, ctx.wide ?? false);
    const [age, created] = ageOf(svc, ctx.now);
    const health: Health = deleting(svc) ? 'deleting' : external === '<pending>' ? 'pending' : 'neutral';
    return makeRow(
      svc,
      [
        svc.metadata?.name ?? '',
        svc.spec?.type ?? 'ClusterIP',
        svc.spec?.clusterIP || '<none>',
        external,
        servicePorts(svc),
        age,
        formatLabels(svc.spec?.selector),
      ],
      health,
      [undefined, undefined, undefined, undefined, undefined, created],
    );
  },
};
