// Deletion: propagation policies through ownerReferences, graceful pod deletion, finalizers, deletecollection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiException, AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { deployment as baseDeployment } from '../helpers/objects.js';
import { type ContractCluster, contractCluster, eventually, runningPod } from './helpers/cluster.js';

const deployment = (name: string) =>
  baseDeployment(name, { replicas: 2, containers: [{ name: 'web', image: 'nginx:1.27' }] });

async function gone(read: () => Promise<unknown>): Promise<true | undefined> {
  try {
    await read();
    return undefined;
  } catch (e) {
    if (e instanceof ApiException && e.code === 404) return true;
    throw e;
  }
}

describe('delete', () => {
  let c: ContractCluster;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  before(async () => {
    c = await contractCluster();
    core = c.kc.makeApiClient(CoreV1Api);
    apps = c.kc.makeApiClient(AppsV1Api);
  });
  after(async () => {
    await c.stop();
  });

  async function rolledOut(name: string) {
    await apps.createNamespacedDeployment({ namespace: c.namespace, body: deployment(name) });
    return eventually(`${name} pods`, async () => {
      const rs = (
        await apps.listNamespacedReplicaSet({ namespace: c.namespace, labelSelector: `app=${name}` })
      ).items;
      const pods = (await core.listNamespacedPod({ namespace: c.namespace, labelSelector: `app=${name}` }))
        .items;
      return rs.length === 1 && pods.length === 2 ? { rs: rs[0], pods } : undefined;
    });
  }

  it('Background: the owner goes at once, its dependents after', async () => {
    const { rs } = await rolledOut('bg');
    await apps.deleteNamespacedDeployment({
      namespace: c.namespace,
      name: 'bg',
      propagationPolicy: 'Background',
    });
    await eventually('deployment gone', () =>
      gone(() => apps.readNamespacedDeployment({ namespace: c.namespace, name: 'bg' })),
    );
    await eventually('replicaset gone', () =>
      gone(() => apps.readNamespacedReplicaSet({ namespace: c.namespace, name: rs.metadata!.name! })),
    );
    await eventually('pods gone', async () =>
      (await core.listNamespacedPod({ namespace: c.namespace, labelSelector: 'app=bg' })).items.length === 0
        ? true
        : undefined,
    );
  });

  it('Foreground: the owner waits, marked, until its dependents are gone', async () => {
    const { rs } = await rolledOut('fg');
    await apps.deleteNamespacedDeployment({
      namespace: c.namespace,
      name: 'fg',
      propagationPolicy: 'Foreground',
    });
    const marked = await apps
      .readNamespacedDeployment({ namespace: c.namespace, name: 'fg' })
      .catch(() => undefined);
    if (marked) {
      assert.ok(marked.metadata?.deletionTimestamp);
      assert.ok(marked.metadata?.finalizers?.includes('foregroundDeletion'));
    }
    await eventually('replicaset gone', () =>
      gone(() => apps.readNamespacedReplicaSet({ namespace: c.namespace, name: rs.metadata!.name! })),
    );
    await eventually('deployment gone', () =>
      gone(() => apps.readNamespacedDeployment({ namespace: c.namespace, name: 'fg' })),
    );
  });

  it('Orphan: dependents stay, without the ownerReference', async () => {
    const { rs } = await rolledOut('orphan');
    await apps.deleteNamespacedDeployment({
      namespace: c.namespace,
      name: 'orphan',
      propagationPolicy: 'Orphan',
    });
    await eventually('deployment gone', () =>
      gone(() => apps.readNamespacedDeployment({ namespace: c.namespace, name: 'orphan' })),
    );
    const left = await eventually('replicaset orphaned', async () => {
      const r = await apps.readNamespacedReplicaSet({ namespace: c.namespace, name: rs.metadata!.name! });
      return (r.metadata?.ownerReferences ?? []).length === 0 ? r : undefined;
    });
    assert.equal(left.spec?.replicas, 2);
    await apps.deleteNamespacedReplicaSet({ namespace: c.namespace, name: rs.metadata!.name! });
  });

  it('deletes a running pod gracefully: deletionTimestamp and grace period first, then gone', async () => {
    await runningPod(c, 'graceful');
    const marked = await core.deleteNamespacedPod({ namespace: c.namespace, name: 'graceful' });
    assert.ok(marked.metadata?.deletionTimestamp, 'the pod is marked, not gone');
    assert.equal(marked.metadata?.deletionGracePeriodSeconds, 30);
    await eventually('pod gone', () =>
      gone(() => core.readNamespacedPod({ namespace: c.namespace, name: 'graceful' })),
    );
  });

  it('deletes a pod at once with gracePeriodSeconds=0', async () => {
    await runningPod(c, 'forced');
    await core.deleteNamespacedPod({ namespace: c.namespace, name: 'forced', gracePeriodSeconds: 0 });
    await eventually(
      'pod gone',
      () => gone(() => core.readNamespacedPod({ namespace: c.namespace, name: 'forced' })),
      10_000,
    );
  });

  it('keeps an object with finalizers until the last one is removed', async () => {
    await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'held', finalizers: ['contract.kdeck.test/hold'] } },
    });
    await core.deleteNamespacedConfigMap({ namespace: c.namespace, name: 'held' });
    const held = await core.readNamespacedConfigMap({ namespace: c.namespace, name: 'held' });
    assert.ok(held.metadata?.deletionTimestamp);
    await core.patchNamespacedConfigMap(
      { namespace: c.namespace, name: 'held', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await eventually('configmap gone', () =>
      gone(() => core.readNamespacedConfigMap({ namespace: c.namespace, name: 'held' })),
    );
  });

  it('deletes a collection by label selector', async () => {
    for (const [name, group] of [
      ['dc-a', 'x'],
      ['dc-b', 'x'],
      ['dc-c', 'y'],
    ]) {
      await core.createNamespacedConfigMap({
        namespace: c.namespace,
        body: { metadata: { name, labels: { group } } },
      });
    }
    await core.deleteCollectionNamespacedConfigMap({ namespace: c.namespace, labelSelector: 'group=x' });
    const left = await core.listNamespacedConfigMap({ namespace: c.namespace, labelSelector: 'group' });
    assert.deepEqual(
      left.items.map((i) => i.metadata?.name),
      ['dc-c'],
    );
  });
});
