import type { V1PersistentVolume } from '@kubernetes/client-node';
import { parseQuantity } from '../quantity.js';
import type { Health, Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

const MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: short names in a fixed order, deduplicated. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return MODES.filter(([long]) => set.has(long))
    .map(([, short]) => short)
    .join(',');
}

function phaseHealth(phase: string): Health {
  if (phase === 'Bound') return 'ok';
  if (phase === 'Available' || phase === 'Pending') return 'pending';
  if (phase === 'Released') return 'neutral';
  if (phase === 'Terminating') return 'deleting';
  return 'error';
}

/** printPersistentVolume: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. */
export const persistentVolumeRenderer: Renderer<V1PersistentVolume> = {
  columns: [
    NAME,
    { name: 'CAPACITY', align: 'right', sort: 'quantity' },
    { name: 'ACCESS MODES' },
    { name: 'RECLAIM POLICY' },
    { name: 'STATUS' },
    { name: 'CLAIM' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'REASON' },
    AGE,
    { name: 'VOLUMEMODE', wide: true },
  ],
  render(pv, ctx) {
    const ref = pv.spec?.claimRef;
    const capacity = pv.spec?.capacity?.storage ?? '';
    const phase = deleting(pv) ? 'Terminating' : (pv.status?.phase ?? '');
    const storageClass =
      pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      pv.spec?.storageClassName ??
      '';
    const [age, created] = ageOf(pv, ctx.now);
    return makeRow(
      pv,
      [
        pv.metadata?.name ?? '',
        capacity,
        accessModes(pv.spec?.accessModes),
        pv.spec?.persistentVolumeReclaimPolicy ?? '',
        phase,
        ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
        storageClass,
        pv.spec?.volumeAttributesClassName || '<unset>',
        pv.status?.reason ?? '',
        age,
        pv.spec?.volumeMode || '<unset>',
      ],
      phaseHealth(phase),
      [
        undefined,
        parseQuantity(capacity),
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        created,
      ],
    );
  },
};
