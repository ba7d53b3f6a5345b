import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { parseQuantity } from '../quantity.js';
import type { Health, Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';
import { accessModes } from './persistent-volume.js';

/** printPersistentVolumeClaim: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. */
export const persistentVolumeClaimRenderer: Renderer<V1PersistentVolumeClaim> = {
  columns: [
    NAME,
    { name: 'STATUS' },
    { name: 'VOLUME' },
    { name: 'CAPACITY', align: 'right', sort: 'quantity' },
    { name: 'ACCESS MODES' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    AGE,
    { name: 'VOLUMEMODE', wide: true },
  ],
  render(pvc, ctx) {
    const phase = deleting(pvc) ? 'Terminating' : (pvc.status?.phase ?? '');
    // Capacity and modes come from status, so they are empty until the claim is bound.
    const capacity = pvc.spec?.volumeName ? (pvc.status?.capacity?.storage ?? '') : '';
    const modes = pvc.spec?.volumeName ? accessModes(pvc.status?.accessModes) : '';
    const storageClass =
      pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      pvc.spec?.storageClassName ??
      '';
    const [age, created] = ageOf(pvc, ctx.now);
    const health: Health =
      phase === 'Bound'
        ? 'ok'
        : phase === 'Pending'
          ? 'pending'
          : phase === 'Terminating'
            ? 'deleting'
            : 'error';
    return makeRow(
      pvc,
      [
        pvc.metadata?.name ?? '',
        phase,
        pvc.spec?.volumeName ?? '',
        capacity,
        modes,
        storageClass,
        pvc.spec?.volumeAttributesClassName || '<unset>',
        age,
        pvc.spec?.volumeMode || '<unset>',
      ],
      health,
      [undefined, undefined, undefined, parseQuantity(capacity), undefined, undefined, undefined, created],
    );
  },
};
