import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoreV1Event, V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { eventRenderer } from '../../src/model/render/event.js';
import { namespaceRenderer } from '../../src/model/render/namespace.js';
import { nodeRenderer } from '../../src/model/render/node.js';
import { persistentVolumeRenderer } from '../../src/model/render/persistent-volume.js';
import { persistentVolumeClaimRenderer } from '../../src/model/render/persistent-volume-claim.js';
import { ago, controlPlane, NOW, T } from './render-fixtures.js';

const ctx = { now: NOW };

describe('node renderer (printNode)', () => {
  it('columns', () => {
    assert.deepEqual(
      nodeRenderer.columns.map((c) => c.name),
      [
        'NAME',
        'STATUS',
        'ROLES',
        'AGE',
        'VERSION',
        'INTERNAL-IP',
        'EXTERNAL-IP',
        'OS-IMAGE',
        'KERNEL-VERSION',
        'CONTAINER-RUNTIME',
      ],
    );
  });
  it('cordoned control-plane node', () => {
    const row = nodeRenderer.render(controlPlane, ctx);
    assert.deepEqual(row.cells, [
      'kind-control-plane',
      'Ready,SchedulingDisabled',
      'control-plane,master',
      '45d',
      'v1.31.2',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.1.0-18-amd64',
      'containerd://1.7.18',
    ]);
    assert.equal(row.health, 'warn');
  });
  it('a bare node: Unknown, <none> roles, <unknown> node info', () => {
    assert.deepEqual(nodeRenderer.render({ metadata: { name: 'n' } }, ctx).cells, [
      'n',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});

describe('namespace renderer (printNamespace)', () => {
  it('status phase', () => {
    const row = namespaceRenderer.render(
      { metadata: { name: 'gone', creationTimestamp: ago(T.DAY) }, status: { phase: 'Terminating' } },
      ctx,
    );
    assert.deepEqual(row.cells, ['gone', 'Terminating', '24h']);
    assert.equal(row.health, 'deleting');
  });
});

describe('event renderer (printEvent)', () => {
  it('columns: NAME first but wide-only, as kubectl shows it only with -o wide', () => {
    assert.deepEqual(
      eventRenderer.columns.map((c) => (c.wide ? `(${c.name})` : c.name)),
      [
        '(NAME)',
        'LAST SEEN',
        'TYPE',
        'REASON',
        'OBJECT',
        '(SUBOBJECT)',
        '(SOURCE)',
        'COUNT',
        'FIRST SEEN',
        'MESSAGE',
      ],
    );
  });
  it('core/v1 event with count', () => {
    const e: CoreV1Event = {
      metadata: { name: 'crashy.17a1b2c3', namespace: 'default' },
      involvedObject: {
        kind: 'Pod',
        name: 'crashy',
        namespace: 'default',
        fieldPath: 'spec.containers{crashy}',
      },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container crashy in pod crashy_default(1234)\n',
      source: { component: 'kubelet', host: 'node-2' },
      firstTimestamp: ago(10 * T.MIN),
      lastTimestamp: ago(30),
      count: 12,
    };
    const row = eventRenderer.render(e, ctx);
    assert.deepEqual(row.cells, [
      'crashy.17a1b2c3',
      '30s',
      'Warning',
      'BackOff',
      'pod/crashy',
      'spec.containers{crashy}',
      'kubelet, node-2',
      '12',
      '10m',
      'Back-off restarting failed container crashy in pod crashy_default(1234)',
    ]);
    assert.equal(row.health, 'warn');
  });
  it('events.k8s.io-style event: eventTime, series, reporting controller', () => {
    const e: CoreV1Event = {
      metadata: { name: 'stuck.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'stuck' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient cpu.',
      eventTime: ago(5 * T.MIN) as unknown as CoreV1Event['eventTime'],
      reportingComponent: 'default-scheduler',
      series: { count: 3, lastObservedTime: ago(20) as unknown as Date },
    };
    const cells = eventRenderer.render(e, ctx).cells;
    assert.deepEqual(
      [cells[1], cells[4], cells[6], cells[8], cells[7]],
      ['20s', 'pod/stuck', 'default-scheduler', '5m', '3'],
    );
  });
  it('messages from object data cannot drive the terminal: ESC escaped, cut at a line break', () => {
    const e: CoreV1Event = {
      metadata: { name: 'x' },
      involvedObject: { kind: 'Pod', name: 'p' },
      message: 'evil \x1b]0;pwned\x07 title\nsecond line',
    };
    assert.equal(eventRenderer.render(e, ctx).cells[9], 'evil ^[]0;pwned\x07 title...');
  });
  it('single event without count shows 1, missing times <unknown>', () => {
    const e: CoreV1Event = { metadata: { name: 'x' }, involvedObject: { kind: 'Node' } };
    const cells = eventRenderer.render(e, ctx).cells;
    assert.deepEqual([cells[1], cells[4], cells[7]], ['<unknown>', 'node', '1']);
  });
});

describe('persistent volume renderers', () => {
  const pv: V1PersistentVolume = {
    metadata: { name: 'pvc-123', creationTimestamp: ago(5 * T.DAY) },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      claimRef: { namespace: 'default', name: 'www-web-0' },
    },
    status: { phase: 'Bound' },
  };
  it('PV (printPersistentVolume)', () => {
    assert.deepEqual(
      persistentVolumeRenderer.columns.map((c) => c.name),
      [
        'NAME',
        'CAPACITY',
        'ACCESS MODES',
        'RECLAIM POLICY',
        'STATUS',
        'CLAIM',
        'STORAGECLASS',
        'VOLUMEATTRIBUTESCLASS',
        'REASON',
        'AGE',
        'VOLUMEMODE',
      ],
    );
    const row = persistentVolumeRenderer.render(pv, ctx);
    assert.deepEqual(row.cells, [
      'pvc-123',
      '1Gi',
      'RWO',
      'Delete',
      'Bound',
      'default/www-web-0',
      'standard',
      '<unset>',
      '',
      '5d',
      'Filesystem',
    ]);
    assert.equal(row.sortValues?.[1], 2 ** 30);
  });
  it('access modes in kubectl order', () => {
    const many = {
      ...pv,
      spec: { ...pv.spec!, accessModes: ['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce'] },
    };
    assert.equal(persistentVolumeRenderer.render(many, ctx).cells[2], 'RWO,ROX,RWX');
  });
  it('PVC bound and pending (printPersistentVolumeClaim)', () => {
    const bound: V1PersistentVolumeClaim = {
      metadata: { name: 'www-web-0', namespace: 'default', creationTimestamp: ago(5 * T.DAY) },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: 'standard',
        volumeName: 'pvc-123',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    };
    assert.deepEqual(persistentVolumeClaimRenderer.render(bound, ctx).cells, [
      'www-web-0',
      'Bound',
      'pvc-123',
      '1Gi',
      'RWO',
      'standard',
      '<unset>',
      '5d',
      'Filesystem',
    ]);
    const pending: V1PersistentVolumeClaim = {
      metadata: { name: 'data', namespace: 'default', creationTimestamp: ago(10) },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard' },
      status: { phase: 'Pending' },
    };
    const row = persistentVolumeClaimRenderer.render(pending, ctx);
    assert.deepEqual(row.cells, ['data', 'Pending', '', '', '', 'standard', '<unset>', '10s', '<unset>']);
    assert.equal(row.health, 'pending');
  });
});
