import type { V1Endpoints } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** formatEndpoints: up to three `ip:port`, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: V1Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${count - max} more...` : s;
}

/** printEndpoints: NAME ENDPOINTS AGE. */
export const endpointsRenderer: Renderer<V1Endpoints> = {
  columns: [NAME, { name: 'ENDPOINTS' }, AGE],
  render(ep, ctx) {
    const [age, created] = ageOf(ep, ctx.now);
    const text = formatEndpoints(ep);
    return makeRow(
      ep,
      [ep.metadata?.name ?? '', text, age],
      deleting(ep) ? 'deleting' : text === '<none>' || text === '' ? 'warn' : 'neutral',
      [undefined, undefined, created],
    );
  },
};
