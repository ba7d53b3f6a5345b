import type { V1Ingress } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, loadBalancerIngress, makeRow, NAME } from './common.js';

/** formatHosts: up to three hosts, then `+ N more...`; `*` when no rule names a host. */
export function ingressHosts(ing: V1Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    if (hosts.length === max) more = true;
    if (!more && r.host) hosts.push(r.host);
  }
  if (hosts.length === 0) return '*';
  const s = hosts.join(',');
  return more ? `${s} + ${rules.length - max} more...` : s;
}

/** printIngress: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressRenderer: Renderer<V1Ingress> = {
  columns: [NAME, { name: 'CLASS' }, { name: 'HOSTS' }, { name: 'ADDRESS' }, { name: 'PORTS' }, AGE],
  render(ing, ctx) {
    const address = loadBalancerIngress(ing.status?.loadBalancer?.ingress, ctx.wide ?? false);
    const [age, created] = ageOf(ing, ctx.now);
    return makeRow(
      ing,
      [
        ing.metadata?.name ?? '',
        ing.spec?.ingressClassName || '<none>',
        ingressHosts(ing),
        address,
        (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
        age,
      ],
      deleting(ing) ? 'deleting' : address ? 'ok' : 'pending',
      [undefined, undefined, undefined, undefined, undefined, created],
    );
  },
};
