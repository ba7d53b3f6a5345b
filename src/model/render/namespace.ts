import type { V1Namespace } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, makeRow, NAME } from './common.js';

/** printNamespace: NAME STATUS AGE. */
export const namespaceRenderer: Renderer<V1Namespace> = {
  columns: [NAME, { name: 'STATUS' }, AGE],
  render(ns, ctx) {
    const phase = ns.status?.phase ?? '';
    const [age, created] = ageOf(ns, ctx.now);
    return makeRow(
      ns,
      [ns.metadata?.name ?? '', phase, age],
      phase === 'Terminating' ? 'deleting' : phase === 'Active' ? 'ok' : 'neutral',
      [undefined, undefined, created],
    );
  },
};
