import type { V1Node } from '@kubernetes/client-node';
import { formatSelector, matchesLabels, selectorFromLabelSelector } from '../label-selector.js';
import type { Advertisement } from './metallb-types.js';
import type { LbFinding, Pool } from './pools.js';

/** One advertisement that announces a pool, and from which nodes. */
export interface PoolAnnouncer {
  kind: 'L2Advertisement' | 'BGPAdvertisement' | 'ConfigMap';
  name: string;
  /** Node selectors as text; empty means every node. */
  nodeSelectors: string[];
  /** The nodes the selectors match now. */
  nodes: string[];
}

function selects(adv: Advertisement, pool: Pool): boolean {
  const names = adv.spec?.ipAddressPools ?? [];
  const selectors = adv.spec?.ipAddressPoolSelectors ?? [];
  // As MetalLB: no pool names and no pool selectors means every pool.
  if (names.length === 0 && selectors.length === 0) return true;
  if (names.includes(pool.name)) return true;
  return selectors.some((s) => matchesLabels(selectorFromLabelSelector(s) ?? [], pool.labels));
}

function announcer(kind: PoolAnnouncer['kind'], adv: Advertisement, nodes: readonly V1Node[]): PoolAnnouncer {
  const selectors = (adv.spec?.nodeSelectors ?? []).map((s) => selectorFromLabelSelector(s) ?? []);
  const matched = nodes
    .filter((n) => selectors.length === 0 || selectors.some((s) => matchesLabels(s, n.metadata?.labels)))
    .map((n) => n.metadata?.name ?? '')
    .sort();
  return {
    kind,
    name: adv.metadata?.name ?? '',
    nodeSelectors: selectors.map((s) => formatSelector(s) || '<all>'),
    nodes: matched,
  };
}

/**
 * Which advertisements announce each pool (config.setL2/BGPAdvertisementsToPools); a pool nobody
 * announces gets addresses that nothing answers for, so it is reported.
 */
export function poolAnnouncers(
  pools: readonly Pool[],
  l2: readonly Advertisement[],
  bgp: readonly Advertisement[],
  nodes: readonly V1Node[],
): { byPool: Map<string, PoolAnnouncer[]>; findings: LbFinding[] } {
  const byPool = new Map<string, PoolAnnouncer[]>();
  const findings: LbFinding[] = [];
  for (const pool of pools) {
    const list: PoolAnnouncer[] = [];
    if (pool.source === 'ConfigMap') {
      list.push({
        kind: 'ConfigMap',
        name: pool.protocol || '?',
        nodeSelectors: [],
        nodes: nodes.map((n) => n.metadata?.name ?? '').sort(),
      });
    } else {
      for (const a of l2) if (selects(a, pool)) list.push(announcer('L2Advertisement', a, nodes));
      for (const a of bgp) if (selects(a, pool)) list.push(announcer('BGPAdvertisement', a, nodes));
    }
    byPool.set(pool.name, list);
    if (list.length === 0) {
      findings.push({
        severity: 'warning',
        subject: `pool ${pool.name}`,
        message:
          'no L2Advertisement or BGPAdvertisement announces it: its addresses are assigned but unreachable',
      });
    } else if (list.every((a) => a.nodes.length === 0)) {
      findings.push({
        severity: 'warning',
        subject: `pool ${pool.name}`,
        message: 'its advertisements select no node: nothing announces its addresses',
      });
    }
  }
  return { byPool, findings };
}

/** `L2:l2adv(all) BGP:peers(node=a)` for the ADVERTISED BY column. */
export function formatAnnouncers(list: readonly PoolAnnouncer[] | undefined): string {
  if (!list || list.length === 0) return '⚠ none';
  return list
    .map((a) => {
      const kind = a.kind === 'L2Advertisement' ? 'L2' : a.kind === 'BGPAdvertisement' ? 'BGP' : 'cm';
      const where = a.nodeSelectors.length === 0 ? '' : `(${a.nodeSelectors.join(';')})`;
      return `${kind}:${a.name}${where}`;
    })
    .join(' ');
}
