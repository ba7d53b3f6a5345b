import type { V1ServiceAccount } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** printServiceAccount: NAME SECRETS AGE. */
export const serviceAccountRenderer: Renderer<V1ServiceAccount> = {
  columns: [NAME, { name: 'SECRETS', align: 'right', sort: 'number' }, AGE],
  render(sa, ctx) {
    const n = sa.secrets?.length ?? 0;
    const [age, created] = ageOf(sa, ctx.now);
    return makeRow(sa, [sa.metadata?.name ?? '', String(n), age], deleting(sa) ? 'deleting' : 'neutral', [
      undefined,
      n,
      created,
    ]);
  },
};
