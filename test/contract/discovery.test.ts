// Discovery and CRDs as the real API server serves them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { type ContractCluster, contractCluster, eventually, raw } from './helpers/cluster.js';

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  singularName?: string;
  categories?: string[];
}

describe('discovery', () => {
  let c: ContractCluster;
  before(async () => {
    c = await contractCluster();
  });
  after(async () => {
    await c.stop();
  });

  it('serves /version, /api and /apis with the built-in groups', async () => {
    const version = JSON.parse((await raw(c.kc, 'GET', '/version')).body);
    assert.equal(version.major, '1');
    const api = JSON.parse((await raw(c.kc, 'GET', '/api')).body);
    assert.equal(api.kind, 'APIVersions');
    assert.deepEqual(api.versions, ['v1']);
    const apis = JSON.parse((await raw(c.kc, 'GET', '/apis')).body);
    assert.equal(apis.kind, 'APIGroupList');
    const names = apis.groups.map((g: { name: string }) => g.name);
    for (const g of [
      'apps',
      'batch',
      'networking.k8s.io',
      'discovery.k8s.io',
      'rbac.authorization.k8s.io',
      'policy',
      'apiextensions.k8s.io',
      'coordination.k8s.io',
      'events.k8s.io',
      'authorization.k8s.io',
    ]) {
      assert.ok(names.includes(g), `group ${g} missing`);
    }
    const appsGroup = apis.groups.find((g: { name: string }) => g.name === 'apps');
    assert.deepEqual(appsGroup.preferredVersion, { groupVersion: 'apps/v1', version: 'v1' });
  });

  it('lists core resources with verbs, short names, categories and subresources', async () => {
    const list = JSON.parse((await raw(c.kc, 'GET', '/api/v1')).body) as {
      kind: string;
      groupVersion: string;
      resources: ApiResource[];
    };
    assert.equal(list.kind, 'APIResourceList');
    assert.equal(list.groupVersion, 'v1');
    const byName = new Map(list.resources.map((r) => [r.name, r]));
    const pods = byName.get('pods')!;
    assert.equal(pods.kind, 'Pod');
    assert.equal(pods.namespaced, true);
    assert.equal(pods.singularName, 'pod');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.ok(pods.categories?.includes('all'));
    for (const v of ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'])
      assert.ok(pods.verbs.includes(v), v);
    for (const sub of [
      'pods/log',
      'pods/exec',
      'pods/portforward',
      'pods/status',
      'pods/eviction',
      'pods/attach',
    ])
      assert.ok(byName.has(sub), sub);
    assert.equal(byName.get('namespaces')?.namespaced, false);
    assert.deepEqual(byName.get('services')?.shortNames, ['svc']);
  });

  it('serves apps/v1 with scale subresources as autoscaling/v1 Scale', async () => {
    const list = JSON.parse((await raw(c.kc, 'GET', '/apis/apps/v1')).body) as {
      resources: (ApiResource & { group?: string; version?: string })[];
    };
    const scale = list.resources.find((r) => r.name === 'deployments/scale');
    assert.ok(scale);
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.group, 'autoscaling');
    assert.equal(scale.version, 'v1');
    assert.deepEqual(list.resources.find((r) => r.name === 'deployments')?.shortNames, ['deploy']);
  });

  it('answers an unknown group version with 404', async () => {
    const res = await raw(c.kc, 'GET', '/apis/nonexistent.example.com/v1');
    assert.equal(res.status, 404);
  });

  it('serves a new CRD in discovery and for CRUD, and drops it when the CRD goes', async () => {
    const ext = c.kc.makeApiClient(ApiextensionsV1Api);
    const group = `g${Date.now().toString(36)}.contract.kdeck.test`;
    await ext.createCustomResourceDefinition({
      body: {
        metadata: { name: `widgets.${group}` },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wdg'] },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
              subresources: { status: {} },
              additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
            },
          ],
        },
      },
    });
    await eventually('CRD Established', async () => {
      const crd = await ext.readCustomResourceDefinition({ name: `widgets.${group}` });
      return crd.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True')
        ? true
        : undefined;
    });
    const list = await eventually('widgets in discovery', async () => {
      const res = await raw(c.kc, 'GET', `/apis/${group}/v1`);
      return res.status === 200 ? (JSON.parse(res.body) as { resources: ApiResource[] }) : undefined;
    });
    const widgets = list.resources.find((r) => r.name === 'widgets');
    assert.equal(widgets?.kind, 'Widget');
    assert.deepEqual(widgets?.shortNames, ['wdg']);
    const objects = c.kc.makeApiClient(CustomObjectsApi);
    await objects.createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: c.namespace,
      plural: 'widgets',
      body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } },
    });
    const got = (await objects.getNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: c.namespace,
      plural: 'widgets',
      name: 'w1',
    })) as { spec: { size: number } };
    assert.equal(got.spec.size, 3);
    const table = JSON.parse(
      (
        await raw(c.kc, 'GET', `/apis/${group}/v1/namespaces/${c.namespace}/widgets`, {
          accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
        })
      ).body,
    );
    assert.deepEqual(
      table.columnDefinitions.map((d: { name: string }) => d.name),
      ['Name', 'Size'],
    );
    assert.deepEqual(table.rows[0].cells, ['w1', 3]);
    await ext.deleteCustomResourceDefinition({ name: `widgets.${group}` });
    await eventually('widgets gone from discovery', async () =>
      (await raw(c.kc, 'GET', `/apis/${group}/v1`)).status === 404 ? true : undefined,
    );
  });

  it('preloads the MetalLB, external-dns and Istio resources (demo) or serves them when installed (cluster)', async (t) => {
    const apis = JSON.parse((await raw(c.kc, 'GET', '/apis')).body) as { groups: { name: string }[] };
    const names = apis.groups.map((g) => g.name);
    if (!c.demo && !names.includes('networking.istio.io')) {
      t.skip('the cluster has no Istio CRDs installed');
      return;
    }
    for (const [gv, resource] of [
      ['metallb.io/v1beta1', 'ipaddresspools'],
      ['metallb.io/v1beta1', 'l2advertisements'],
      ['externaldns.k8s.io/v1alpha1', 'dnsendpoints'],
      ['networking.istio.io/v1', 'gateways'],
      ['networking.istio.io/v1', 'virtualservices'],
    ]) {
      const list = JSON.parse((await raw(c.kc, 'GET', `/apis/${gv}`)).body) as { resources: ApiResource[] };
      assert.ok(
        list.resources.some((r) => r.name === resource),
        `${gv} ${resource}`,
      );
    }
  });
});
