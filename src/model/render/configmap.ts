import type { V1ConfigMap } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** printConfigMap: NAME DATA AGE; DATA counts data and binaryData keys. */
export const configMapRenderer: Renderer<V1ConfigMap> = {
  columns: [NAME, { name: 'DATA', align: 'right', sort: 'number' }, AGE],
  render(cm, ctx) {
    const n = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    const [age, created] = ageOf(cm, ctx.now);
    return makeRow(cm, [cm.metadata?.name ?? '', String(n), age], deleting(cm) ? 'deleting' : 'neutral', [
      undefined,
      n,
      created,
    ]);
  },
};
