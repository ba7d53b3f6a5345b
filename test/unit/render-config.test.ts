import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1ClusterRoleBinding, V1RoleBinding } from '@kubernetes/client-node';
import { clusterRoleRenderer } from '../../src/model/render/cluster-role.js';
import { clusterRoleBindingRenderer } from '../../src/model/render/cluster-role-binding.js';
import { configMapRenderer } from '../../src/model/render/configmap.js';
import { customResourceDefinitionRenderer } from '../../src/model/render/custom-resource-definition.js';
import { roleRenderer } from '../../src/model/render/role.js';
import { roleBindingRenderer } from '../../src/model/render/role-binding.js';
import { secretRenderer } from '../../src/model/render/secret.js';
import { serviceAccountRenderer } from '../../src/model/render/service-account.js';
import { ago, NOW, T } from './render-fixtures.js';

const ctx = { now: NOW };

describe('config renderers', () => {
  it('configmap counts data and binaryData (printConfigMap)', () => {
    const row = configMapRenderer.render(
      {
        metadata: { name: 'test-cm', namespace: 'default', creationTimestamp: ago(T.HOUR) },
        data: { CM_ENV: 'hello', other: 'x' },
        binaryData: { blob: 'AAE=' },
      },
      ctx,
    );
    assert.deepEqual(row.cells, ['test-cm', '3', '60m']);
  });
  it('secret type and data count (printSecret)', () => {
    const row = secretRenderer.render(
      {
        metadata: { name: 'db-pass', namespace: 'default', creationTimestamp: ago(3 * T.DAY) },
        type: 'Opaque',
        data: { username: 'YWRtaW4=', password: 'czNjcjN0' },
      },
      ctx,
    );
    assert.deepEqual(
      secretRenderer.columns.map((c) => c.name),
      ['NAME', 'TYPE', 'DATA', 'AGE'],
    );
    assert.deepEqual(row.cells, ['db-pass', 'Opaque', '2', '3d']);
  });
  it('service account secrets (printServiceAccount)', () => {
    const row = serviceAccountRenderer.render(
      { metadata: { name: 'default', namespace: 'default', creationTimestamp: ago(45 * T.DAY) } },
      ctx,
    );
    assert.deepEqual(row.cells, ['default', '0', '45d']);
  });
});

describe('rbac renderers', () => {
  it('roles and cluster roles print CREATED AT in RFC 3339 UTC', () => {
    const role = {
      metadata: {
        name: 'pod-reader',
        namespace: 'default',
        creationTimestamp: new Date('2026-01-08T12:00:00.250Z'),
      },
    };
    assert.deepEqual(
      roleRenderer.columns.map((c) => c.name),
      ['NAME', 'CREATED AT'],
    );
    assert.deepEqual(roleRenderer.render(role, ctx).cells, ['pod-reader', '2026-01-08T12:00:00Z']);
    assert.deepEqual(clusterRoleRenderer.render({ metadata: { name: 'view' } }, ctx).cells, ['view', '']);
  });
  it('role binding ROLE kind/name, wide subjects (printRoleBinding)', () => {
    const rb: V1RoleBinding = {
      metadata: { name: 'read-pods', namespace: 'default', creationTimestamp: ago(100) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'deployer', namespace: 'default' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'kube-system' },
      ],
    };
    assert.deepEqual(
      roleBindingRenderer.columns.map((c) => c.name),
      ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    );
    assert.deepEqual(roleBindingRenderer.render(rb, ctx).cells, [
      'read-pods',
      'Role/pod-reader',
      '100s',
      'jane',
      '',
      'default:deployer, kube-system:ci',
    ]);
  });
  it('cluster role binding (printClusterRoleBinding)', () => {
    const crb: V1ClusterRoleBinding = {
      metadata: { name: 'cluster-admin', creationTimestamp: ago(45 * T.DAY) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'Group', name: 'system:masters', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    const row = clusterRoleBindingRenderer.render(crb, ctx);
    assert.deepEqual(row.cells, [
      'cluster-admin',
      'ClusterRole/cluster-admin',
      '45d',
      '',
      'system:masters',
      '',
    ]);
    assert.equal(row.key, 'cluster-admin');
    assert.equal(row.namespace, undefined);
  });
  it('CRD: NAME CREATED AT', () => {
    const row = customResourceDefinitionRenderer.render(
      {
        metadata: { name: 'ipaddresspools.metallb.io', creationTimestamp: new Date('2025-12-01T08:30:00Z') },
        spec: {
          group: 'metallb.io',
          names: { kind: 'IPAddressPool', plural: 'ipaddresspools' },
          scope: 'Namespaced',
          versions: [],
        },
        status: { conditions: [{ type: 'Established', status: 'True' }] } as never,
      },
      ctx,
    );
    assert.deepEqual(row.cells, ['ipaddresspools.metallb.io', '2025-12-01T08:30:00Z']);
  });
});
