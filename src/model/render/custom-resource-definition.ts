import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import type { Health, Renderer } from '../table.js';
import { deleting, makeRow, NAME } from './common.js';
import { createdAt } from './role.js';

/** The apiextensions server's default table for CRDs: NAME CREATED AT. */
export const customResourceDefinitionRenderer: Renderer<V1CustomResourceDefinition> = {
  columns: [NAME, { name: 'CREATED AT' }],
  render(crd) {
    const created = crd.metadata?.creationTimestamp;
    const established = crd.status?.conditions?.find((c) => c.type === 'Established')?.status === 'True';
    const health: Health = deleting(crd) ? 'deleting' : established ? 'neutral' : 'pending';
    return makeRow(crd, [crd.metadata?.name ?? '', createdAt(created)], health);
  },
};
