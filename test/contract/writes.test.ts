// Writes: errors with kubectl's reasons, optimistic concurrency, the three patch types, scale, status, Table, SSAR.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiException,
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { deployment as baseDeployment } from '../helpers/objects.js';
import { type ContractCluster, contractCluster, eventually, raw } from './helpers/cluster.js';

interface Status {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { name?: string; kind?: string; causes?: { field?: string; reason?: string }[] };
}

async function failure(p: Promise<unknown>): Promise<Status> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) return JSON.parse(e.body as string) as Status;
    throw e;
  }
  throw new Error('expected the request to fail');
}

async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof ApiException && e.code === 409) || attempt >= 20) throw e;
    }
  }
}

const deployment = (name: string, replicas = 1) =>
  baseDeployment(name, {
    replicas,
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80 }],
      },
      { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] },
    ],
  });

describe('writes', () => {
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

  it("answers NotFound, AlreadyExists and Invalid as metav1.Status with kubectl's messages", async () => {
    const nf = await failure(core.readNamespacedPod({ namespace: c.namespace, name: 'nope' }));
    assert.equal(nf.kind, 'Status');
    assert.equal(nf.code, 404);
    assert.equal(nf.reason, 'NotFound');
    assert.equal(nf.message, 'pods "nope" not found');
    const nfd = await failure(apps.readNamespacedDeployment({ namespace: c.namespace, name: 'nope' }));
    assert.equal(nfd.message, 'deployments.apps "nope" not found');
    await core.createNamespacedConfigMap({ namespace: c.namespace, body: { metadata: { name: 'once' } } });
    const ae = await failure(
      core.createNamespacedConfigMap({ namespace: c.namespace, body: { metadata: { name: 'once' } } }),
    );
    assert.equal(ae.code, 409);
    assert.equal(ae.reason, 'AlreadyExists');
    assert.equal(ae.message, 'configmaps "once" already exists');
    const inv = await failure(
      core.createNamespacedConfigMap({ namespace: c.namespace, body: { metadata: { name: 'Bad_Name' } } }),
    );
    assert.equal(inv.code, 422);
    assert.equal(inv.reason, 'Invalid');
    assert.match(inv.message, /^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
    assert.equal(inv.details?.causes?.[0]?.field, 'metadata.name');
    const noNs = await failure(
      core.createNamespacedConfigMap({
        namespace: 'no-such-namespace-here',
        body: { metadata: { name: 'x' } },
      }),
    );
    assert.equal(noNs.code, 404);
    assert.equal(noNs.message, 'namespaces "no-such-namespace-here" not found');
  });

  it('generates names from generateName', async () => {
    const cm = await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { generateName: 'gen-' } },
    });
    assert.match(cm.metadata!.name!, /^gen-[a-z0-9]{5}$/);
  });

  it('refuses an update with a stale resourceVersion with 409 Conflict', async () => {
    const cm = await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'occ' }, data: { v: '1' } },
    });
    const updated = await core.replaceNamespacedConfigMap({
      namespace: c.namespace,
      name: 'occ',
      body: { ...cm, data: { v: '2' } },
    });
    assert.notEqual(updated.metadata?.resourceVersion, cm.metadata?.resourceVersion);
    const conflict = await failure(
      core.replaceNamespacedConfigMap({
        namespace: c.namespace,
        name: 'occ',
        body: { ...cm, data: { v: '3' } },
      }),
    );
    assert.equal(conflict.code, 409);
    assert.equal(conflict.reason, 'Conflict');
    assert.equal(
      conflict.message,
      'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again',
    );
    const noop = await core.replaceNamespacedConfigMap({
      namespace: c.namespace,
      name: 'occ',
      body: updated,
    });
    assert.equal(
      noop.metadata?.resourceVersion,
      updated.metadata?.resourceVersion,
      'an update that changes nothing keeps the resourceVersion',
    );
  });

  it('applies merge, strategic merge and JSON patches with their own list semantics', async () => {
    await apps.createNamespacedDeployment({ namespace: c.namespace, body: deployment('patched') });
    const merged = await apps.patchNamespacedDeployment(
      {
        namespace: c.namespace,
        name: 'patched',
        body: { metadata: { labels: { extra: 'yes', app: null } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    assert.deepEqual(merged.metadata?.labels, { extra: 'yes' });
    const strategic = await apps.patchNamespacedDeployment(
      {
        namespace: c.namespace,
        name: 'patched',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'web',
                    image: 'nginx:1.28',
                    env: [
                      { name: 'B', value: 'two' },
                      { name: 'C', value: '3' },
                    ],
                  },
                  { name: 'sidecar', $patch: 'delete' },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const containers = strategic.spec!.template.spec!.containers;
    assert.deepEqual(
      containers.map((x) => x.name),
      ['web'],
    );
    assert.equal(containers[0].image, 'nginx:1.28');
    assert.deepEqual(
      containers[0].env?.map((e) => `${e.name}=${e.value}`),
      ['A=1', 'B=two', 'C=3'],
    );
    assert.equal(containers[0].ports?.[0]?.containerPort, 80, 'fields the patch does not name are kept');
    const asMerge = await apps.patchNamespacedDeployment(
      {
        namespace: c.namespace,
        name: 'patched',
        body: { spec: { template: { spec: { containers: [{ name: 'only', image: 'busybox' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    assert.deepEqual(
      asMerge.spec!.template.spec!.containers.map((x) => `${x.name}=${x.image}`),
      ['only=busybox'],
      'a merge patch replaces lists',
    );
    const jsonPatched = await apps.patchNamespacedDeployment(
      {
        namespace: c.namespace,
        name: 'patched',
        body: [
          { op: 'test', path: '/spec/replicas', value: 1 },
          { op: 'replace', path: '/spec/replicas', value: 2 },
          { op: 'add', path: '/metadata/annotations', value: { note: 'json' } },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    assert.equal(jsonPatched.spec?.replicas, 2);
    assert.equal(jsonPatched.metadata?.annotations?.note, 'json');
    const failedTest = await failure(
      apps.patchNamespacedDeployment(
        { namespace: c.namespace, name: 'patched', body: [{ op: 'test', path: '/spec/replicas', value: 7 }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    assert.equal(failedTest.status, 'Failure');
    assert.ok(failedTest.code >= 400 && failedTest.code < 500);
  });

  it('reads and writes replicas through the scale subresource', async () => {
    await apps.createNamespacedDeployment({ namespace: c.namespace, body: deployment('scaled') });
    const scale = await apps.readNamespacedDeploymentScale({ namespace: c.namespace, name: 'scaled' });
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.apiVersion, 'autoscaling/v1');
    assert.equal(scale.spec?.replicas, 1);
    await apps.patchNamespacedDeploymentScale(
      { namespace: c.namespace, name: 'scaled', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const d = await apps.readNamespacedDeployment({ namespace: c.namespace, name: 'scaled' });
    assert.equal(d.spec?.replicas, 3);
    const after = await eventually('scale status', async () => {
      const s = await apps.readNamespacedDeploymentScale({ namespace: c.namespace, name: 'scaled' });
      return s.status?.replicas === 3 ? s : undefined;
    });
    assert.equal(after.status?.selector, 'app=scaled');
    const invalid = await failure(
      apps.replaceNamespacedDeploymentScale({
        namespace: c.namespace,
        name: 'scaled',
        body: { metadata: { name: 'scaled' }, spec: { replicas: -1 } },
      }),
    );
    assert.equal(invalid.code, 422);
  });

  it('keeps status out of main-resource updates and spec out of status updates', async () => {
    await core.createNamespacedConfigMap({ namespace: c.namespace, body: { metadata: { name: 'unused' } } });
    await apps.createNamespacedDeployment({ namespace: c.namespace, body: deployment('split', 0) });
    // The deployment controller writes status meanwhile, so each write retries on Conflict as a client would.
    const main = await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ namespace: c.namespace, name: 'split' });
      const out = await apps.replaceNamespacedDeployment({
        namespace: c.namespace,
        name: 'split',
        body: { ...d, status: { ...d.status, replicas: 42 } },
      });
      return { before: d, after: out };
    });
    assert.notEqual(main.after.status?.replicas, 42);
    assert.equal(
      main.after.metadata?.generation,
      main.before.metadata?.generation,
      'an update that changes only status does not bump generation',
    );
    const viaStatus = await retryOnConflict(async () => {
      const d = await apps.readNamespacedDeployment({ namespace: c.namespace, name: 'split' });
      return apps.replaceNamespacedDeploymentStatus({
        namespace: c.namespace,
        name: 'split',
        body: { ...d, spec: { ...d.spec!, replicas: 9 } },
      });
    });
    assert.equal(viaStatus.spec?.replicas, 0);
  });

  it('serves Table output with columns, cells and partial object metadata', async () => {
    await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'tabled' }, data: { a: '1', b: '2' } },
    });
    const res = await raw(
      c.kc,
      'GET',
      `/api/v1/namespaces/${c.namespace}/configmaps?fieldSelector=metadata.name%3Dtabled`,
      {
        accept:
          'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      },
    );
    const table = JSON.parse(res.body);
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(
      table.columnDefinitions.map((d: { name: string }) => d.name),
      ['Name', 'Data', 'Age'],
    );
    assert.equal(table.columnDefinitions[0].format, 'name');
    assert.equal(table.rows.length, 1);
    assert.equal(table.rows[0].cells[0], 'tabled');
    assert.equal(table.rows[0].cells[1], 2);
    assert.equal(table.rows[0].object.kind, 'PartialObjectMetadata');
    assert.equal(table.rows[0].object.metadata.name, 'tabled');
    const pods = JSON.parse(
      (
        await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/pods`, {
          accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
        })
      ).body,
    );
    assert.deepEqual(
      pods.columnDefinitions
        .filter((d: { priority: number }) => d.priority === 0)
        .map((d: { name: string }) => d.name),
      ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    );
    const withObject = JSON.parse(
      (
        await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/configmaps/tabled?includeObject=Object`, {
          accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
        })
      ).body,
    );
    assert.equal(withObject.rows[0].object.kind, 'ConfigMap');
    assert.equal(withObject.rows[0].object.data.a, '1');
  });

  it('validates without storing on dryRun=All', async () => {
    const made = await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'dry' }, data: { a: '1' } },
      dryRun: 'All',
    });
    assert.equal(made.metadata?.name, 'dry');
    assert.equal(
      (await failure(core.readNamespacedConfigMap({ namespace: c.namespace, name: 'dry' }))).code,
      404,
    );
    const bad = await failure(
      core.createNamespacedConfigMap({
        namespace: c.namespace,
        body: { metadata: { name: 'Not_Valid' } },
        dryRun: 'All',
      }),
    );
    assert.equal(bad.code, 422);
    await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'wet' }, data: { a: '1' } },
    });
    await core.deleteNamespacedConfigMap({ namespace: c.namespace, name: 'wet', dryRun: 'All' });
    const still = await core.readNamespacedConfigMap({ namespace: c.namespace, name: 'wet' });
    assert.equal(still.data?.a, '1');
  });

  it('serves core Events through events.k8s.io/v1 too, converted', async () => {
    await core.createNamespacedEvent({
      namespace: c.namespace,
      body: {
        metadata: { name: 'seen.1' },
        involvedObject: { kind: 'ConfigMap', name: 'once', namespace: c.namespace, apiVersion: 'v1' },
        reason: 'Checked',
        message: 'looked at it',
        type: 'Normal',
        source: { component: 'contract' },
        count: 2,
      },
    });
    const res = await raw(
      c.kc,
      'GET',
      `/apis/events.k8s.io/v1/namespaces/${c.namespace}/events?fieldSelector=regarding.name%3Donce`,
    );
    const list = JSON.parse(res.body);
    assert.equal(list.kind, 'EventList');
    const ev = list.items.find((e: { metadata: { name: string } }) => e.metadata.name === 'seen.1');
    assert.equal(ev.note, 'looked at it');
    assert.equal(ev.regarding.name, 'once');
    assert.equal(ev.deprecatedCount, 2);
    assert.equal(ev.reason, 'Checked');
  });

  it('answers SelfSubjectAccessReviews', async () => {
    const authz = c.kc.makeApiClient(AuthorizationV1Api);
    const review = await authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { namespace: c.namespace, verb: 'list', resource: 'pods' } } },
    });
    assert.equal(review.status?.allowed, true);
  });

  it('refuses what deny rules forbid with 403 Forbidden, and says so in reviews (demo)', async (t) => {
    if (!c.demo) {
      t.skip('the real cluster grants the harness user everything');
      return;
    }
    c.demo.deny.push({ verb: 'delete', resource: 'configmaps', namespace: c.namespace });
    try {
      await core.createNamespacedConfigMap({ namespace: c.namespace, body: { metadata: { name: 'keep' } } });
      const f = await failure(core.deleteNamespacedConfigMap({ namespace: c.namespace, name: 'keep' }));
      assert.equal(f.code, 403);
      assert.equal(f.reason, 'Forbidden');
      assert.equal(
        f.message,
        `configmaps "keep" is forbidden: User "demo" cannot delete resource "configmaps" in API group "" in the namespace "${c.namespace}"`,
      );
      const authz = c.kc.makeApiClient(AuthorizationV1Api);
      const review = await authz.createSelfSubjectAccessReview({
        body: {
          spec: { resourceAttributes: { namespace: c.namespace, verb: 'delete', resource: 'configmaps' } },
        },
      });
      assert.equal(review.status?.allowed, false);
    } finally {
      c.demo.deny.length = 0;
    }
  });
});
