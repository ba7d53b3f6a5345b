import type { V1Node } from '@kubernetes/client-node';
import { nodeStatus } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** printNode: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodeRenderer: Renderer<V1Node> = {
  columns: [
    NAME,
    { name: 'STATUS' },
    { name: 'ROLES' },
    AGE,
    { name: 'VERSION' },
    { name: 'INTERNAL-IP', wide: true },
    { name: 'EXTERNAL-IP', wide: true },
    { name: 'OS-IMAGE', wide: true },
    { name: 'KERNEL-VERSION', wide: true },
    { name: 'CONTAINER-RUNTIME', wide: true },
  ],
  render(node, ctx) {
    const s = nodeStatus(node);
    const info = node.status?.nodeInfo;
    const addresses = node.status?.addresses ?? [];
    const address = (type: string) => addresses.find((a) => a.type === type)?.address || '<none>';
    const [age, created] = ageOf(node, ctx.now);
    return makeRow(
      node,
      [
        node.metadata?.name ?? '',
        s.status,
        s.roles,
        age,
        info?.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ],
      deleting(node) ? 'deleting' : s.health,
      [undefined, undefined, undefined, created],
    );
  },
};
