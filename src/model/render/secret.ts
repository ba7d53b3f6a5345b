import type { V1Secret } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** printSecret: NAME TYPE DATA AGE. */
export const secretRenderer: Renderer<V1Secret> = {
  columns: [NAME, { name: 'TYPE' }, { name: 'DATA', align: 'right', sort: 'number' }, AGE],
  render(s, ctx) {
    const n = Object.keys(s.data ?? {}).length;
    const [age, created] = ageOf(s, ctx.now);
    return makeRow(
      s,
      [s.metadata?.name ?? '', s.type ?? '', String(n), age],
      deleting(s) ? 'deleting' : 'neutral',
      [undefined, undefined, n, created],
    );
  },
};
