import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rendererFor } from '../../src/model/render/index.js';
import { cellText, fromTable, type MetaTable } from '../../src/model/render/table-output.js';
import { NOW } from './render-fixtures.js';

// What kube-apiserver answers for `kubectl get ipaddresspools -n metallb-system` with includeObject=Metadata.
const pools: MetaTable = {
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: '4711' },
  columnDefinitions: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique', priority: 0 },
    { name: 'Auto Assign', type: 'boolean', format: '', description: '', priority: 0 },
    { name: 'Avoid Buggy IPs', type: 'boolean', format: '', description: '', priority: 0 },
    { name: 'Addresses', type: 'string', format: '', description: '', priority: 0 },
    { name: 'Age', type: 'date', format: '', description: '', priority: 0 },
    { name: 'Serviceallocation', type: 'string', format: '', description: '', priority: 1 },
  ],
  rows: [
    {
      cells: ['default', true, false, '["203.0.113.220-203.0.113.240"]', '3d', null],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {
          name: 'default',
          namespace: 'metallb-system',
          creationTimestamp: new Date(NOW - 3 * 86400_000 - 7200_000),
        },
      },
    },
  ],
};

describe('server-side Table output', () => {
  it('columns are upper-cased as kubectl heads them, priority > 0 is wide, dates sort as ages', () => {
    const { columns } = fromTable(pools, { now: NOW });
    assert.deepEqual(
      columns.map((c) => (c.wide ? `(${c.name})` : c.name)),
      ['NAME', 'AUTO ASSIGN', 'AVOID BUGGY IPS', 'ADDRESSES', 'AGE', '(SERVICEALLOCATION)'],
    );
    assert.equal(columns[4]?.sort, 'age');
  });
  it('cells print as kubectl prints them; Age is recomputed from metadata so it stays live', () => {
    const { rows } = fromTable(pools, { now: NOW });
    const row = rows[0]!;
    assert.deepEqual(row.cells, ['default', 'true', 'false', '["203.0.113.220-203.0.113.240"]', '3d2h', '']);
    assert.equal(row.key, 'metallb-system/default');
    assert.equal(row.namespace, 'metallb-system');
    assert.equal(row.object, pools.rows[0]?.object);
    assert.equal(row.health, 'neutral');
  });
  it('moves the name column first and keeps its cells in step', () => {
    const events: MetaTable = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [
        { name: 'Last Seen', type: 'string' },
        { name: 'Type', type: 'string' },
        { name: 'Count', type: 'integer', priority: 1 },
        { name: 'Name', type: 'string', format: 'name', priority: 1 },
      ],
      rows: [{ cells: ['5m', 'Normal', 3, 'web.17'] }],
    };
    const { columns, rows } = fromTable(events, { now: NOW });
    assert.deepEqual(
      columns.map((c) => c.name),
      ['NAME', 'LAST SEEN', 'TYPE', 'COUNT'],
    );
    assert.deepEqual(rows[0]?.cells, ['web.17', '5m', 'Normal', '3']);
    assert.equal(rows[0]?.name, 'web.17');
    assert.equal(rows[0]?.sortValues?.[3], 3);
    assert.equal(columns[3]?.sort, 'number');
  });
  it('rows marked Completed are done; Failed ones error; deleting objects deleting', () => {
    const t: MetaTable = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }],
      rows: [
        { cells: ['a'], conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded' }] },
        { cells: ['b'], conditions: [{ type: 'Completed', status: 'True', reason: 'Failed' }] },
        { cells: ['c'], object: { metadata: { name: 'c', deletionTimestamp: new Date(NOW) } } },
      ],
    };
    assert.deepEqual(
      fromTable(t, { now: NOW }).rows.map((r) => r.health),
      ['done', 'error', 'deleting'],
    );
  });
  it('cellText as kubectl prints cells: line breaks cut with "...", ESC shown as ^[, nil as nothing', () => {
    assert.equal(cellText('first\nsecond'), 'first...');
    assert.equal(cellText('a\x1b[31mred'), 'a^[[31mred');
    assert.equal(cellText(1.5), '1.5');
    assert.equal(cellText(undefined), '');
  });
});

describe('rendererFor', () => {
  it('finds built-in kinds by group and kind', () => {
    const cases: [string, string, string][] = [
      ['', 'Pod', 'STATUS'],
      ['apps', 'Deployment', 'UP-TO-DATE'],
      ['batch', 'CronJob', 'SCHEDULE'],
      ['networking.k8s.io', 'Ingress', 'HOSTS'],
      ['rbac.authorization.k8s.io', 'ClusterRoleBinding', 'ROLE'],
      ['apiextensions.k8s.io', 'CustomResourceDefinition', 'CREATED AT'],
      ['', 'Endpoints', 'ENDPOINTS'],
    ];
    for (const [group, kind, column] of cases) {
      const r = rendererFor(group, kind);
      assert.ok(r, `${group}/${kind}`);
      assert.ok(
        r.columns.some((c) => c.name === column),
        `${group}/${kind} has ${column}`,
      );
    }
  });
  it('every built-in renderer starts with NAME', () => {
    for (const [g, k] of [
      ['', 'Event'],
      ['apps', 'DaemonSet'],
      ['', 'PersistentVolumeClaim'],
    ] as const) {
      assert.equal(rendererFor(g, k)?.columns[0]?.name, 'NAME');
    }
  });
  it('leaves other kinds to the Table output', () => {
    assert.equal(rendererFor('metallb.io', 'IPAddressPool'), undefined);
    assert.equal(rendererFor('', 'Deployment'), undefined);
  });
});
