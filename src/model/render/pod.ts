import type { V1Pod } from '@kubernetes/client-node';
import { podStatus } from '../pod-status.js';
import type { Renderer } from '../table.js';
import { AGE, ageOf, makeRow, NAME } from './common.js';

/** printPod: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podRenderer: Renderer<V1Pod> = {
  columns: [
    NAME,
    { name: 'READY' },
    { name: 'STATUS' },
    { name: 'RESTARTS', align: 'right', sort: 'number' },
    AGE,
    { name: 'IP', wide: true },
    { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true },
    { name: 'READINESS GATES', wide: true },
  ],
  render(pod, ctx) {
    const s = podStatus(pod, ctx.now);
    const [age, created] = ageOf(pod, ctx.now);
    const gates = pod.spec?.readinessGates ?? [];
    let readiness = '<none>';
    if (gates.length > 0) {
      const conditions = pod.status?.conditions ?? [];
      const ok = gates.filter(
        (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
      ).length;
      readiness = `${ok}/${gates.length}`;
    }
    return makeRow(
      pod,
      [
        pod.metadata?.name ?? '',
        s.ready,
        s.status,
        s.restarts,
        age,
        pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
        pod.spec?.nodeName || '<none>',
        pod.status?.nominatedNodeName || '<none>',
        readiness,
      ],
      s.health,
      [undefined, s.readyCount / Math.max(s.totalCount, 1), undefined, s.restartCount, created],
    );
  },
};
