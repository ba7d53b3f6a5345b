// List and watch semantics: pages and continue tokens, selectors, watch from a resourceVersion, bookmarks, 410.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, PatchStrategy, setHeaderOptions, type V1ConfigMapList } from '@kubernetes/client-node';
import {
  type ContractCluster,
  contractCluster,
  eventually,
  raw,
  rawWatch,
  runningPod,
} from './helpers/cluster.js';

const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('list and watch', () => {
  let c: ContractCluster;
  let core: CoreV1Api;
  before(async () => {
    c = await contractCluster({ historyPerResource: 200 });
    core = c.kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedConfigMap({
        namespace: c.namespace,
        body: {
          metadata: { name: `page-${i}`, labels: { set: 'pages', parity: i % 2 ? 'odd' : 'even' } },
          data: { i: String(i) },
        },
      });
    }
  });
  after(async () => {
    await c.stop();
  });

  it('pages with limit and continue at one resourceVersion, counting what remains', async () => {
    const first = await core.listNamespacedConfigMap({
      namespace: c.namespace,
      labelSelector: 'set=pages',
      limit: 3,
    });
    assert.equal(first.items.length, 3);
    assert.ok(first.metadata?._continue);
    const rv = first.metadata?.resourceVersion;
    // Written between pages: a consistent list does not show it.
    await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'page-late', labels: { set: 'pages' } } },
    });
    const names = first.items.map((i) => i.metadata!.name!);
    for (let token: string | undefined = first.metadata?._continue; token !== undefined; ) {
      const page: V1ConfigMapList = await core.listNamespacedConfigMap({
        namespace: c.namespace,
        labelSelector: 'set=pages',
        limit: 3,
        _continue: token,
      });
      assert.equal(page.metadata?.resourceVersion, rv);
      names.push(...page.items.map((i) => i.metadata!.name!));
      token = page.metadata?._continue;
    }
    assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    await core.deleteNamespacedConfigMap({ namespace: c.namespace, name: 'page-late' });
  });

  it('reports remainingItemCount when no selector narrows the list', async () => {
    const res = JSON.parse(
      (await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/configmaps?limit=2`)).body,
    );
    const total = (await core.listNamespacedConfigMap({ namespace: c.namespace })).items.length;
    assert.equal(res.items.length, 2);
    assert.equal(res.metadata.remainingItemCount, total - 2);
  });

  it('rejects a malformed continue token with 400', async () => {
    const res = await raw(
      c.kc,
      'GET',
      `/api/v1/namespaces/${c.namespace}/configmaps?limit=2&continue=not-a-token`,
    );
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body).reason, 'BadRequest');
  });

  it('filters by label selector (set-based too) and by field selector', async () => {
    const odd = await core.listNamespacedConfigMap({
      namespace: c.namespace,
      labelSelector: 'set=pages,parity in (odd)',
    });
    assert.deepEqual(
      odd.items.map((i) => i.metadata?.name),
      ['page-1', 'page-3', 'page-5'],
    );
    const notEven = await core.listNamespacedConfigMap({
      namespace: c.namespace,
      labelSelector: 'set=pages,parity!=even',
    });
    assert.equal(notEven.items.length, 3);
    const byName = await core.listNamespacedConfigMap({
      namespace: c.namespace,
      fieldSelector: 'metadata.name=page-4',
    });
    assert.deepEqual(
      byName.items.map((i) => i.metadata?.name),
      ['page-4'],
    );
    const notName = await core.listNamespacedConfigMap({
      namespace: c.namespace,
      fieldSelector: 'metadata.name!=page-4',
      labelSelector: 'set=pages',
    });
    assert.equal(notName.items.length, 6);
    const bad = await raw(
      c.kc,
      'GET',
      `/api/v1/namespaces/${c.namespace}/configmaps?fieldSelector=spec.nonsense%3Dx`,
    );
    assert.equal(bad.status, 400);
  });

  it('selects pods by spec.nodeName and status.phase', async () => {
    // The scheduler picks the node: select by the one it chose.
    const pod = await runningPod(c, 'selected');
    const onNode = await core.listNamespacedPod({
      namespace: c.namespace,
      fieldSelector: `spec.nodeName=${pod.spec?.nodeName},status.phase=Running`,
    });
    assert.deepEqual(
      onNode.items.map((p) => p.metadata?.name),
      ['selected'],
    );
    const pending = await core.listNamespacedPod({
      namespace: c.namespace,
      fieldSelector: 'status.phase==Pending',
    });
    assert.equal(pending.items.length, 0);
  });

  it('watches from a resourceVersion: every later change in order, nothing before it', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: c.namespace });
    const rv = list.metadata!.resourceVersion!;
    await core.createNamespacedConfigMap({
      namespace: c.namespace,
      body: { metadata: { name: 'watched' }, data: { a: '1' } },
    });
    await core.patchNamespacedConfigMap(
      { namespace: c.namespace, name: 'watched', body: { data: { a: '2' } } },
      MERGE,
    );
    await core.deleteNamespacedConfigMap({ namespace: c.namespace, name: 'watched' });
    const w = await rawWatch(
      c.kc,
      `/api/v1/namespaces/${c.namespace}/configmaps?watch=1&resourceVersion=${rv}`,
    );
    try {
      await eventually('three events', async () => (w.events.length >= 3 ? true : undefined), 20_000);
      assert.deepEqual(
        w.events.map((e) => `${e.type} ${e.object.metadata?.name}`),
        ['ADDED watched', 'MODIFIED watched', 'DELETED watched'],
      );
      const rvs = w.events.map((e) => Number(e.object.metadata?.resourceVersion));
      assert.ok(rvs[0] > Number(rv) && rvs[1] > rvs[0] && rvs[2] > rvs[1]);
    } finally {
      w.stop();
    }
  });

  it('starts a watch without a resourceVersion with the current objects as ADDED', async () => {
    const w = await rawWatch(
      c.kc,
      `/api/v1/namespaces/${c.namespace}/configmaps?watch=1&labelSelector=set%3Dpages`,
    );
    try {
      await eventually('seven ADDED', async () => (w.events.length >= 7 ? true : undefined), 20_000);
      assert.ok(w.events.every((e) => e.type === 'ADDED'));
    } finally {
      w.stop();
    }
  });

  it('sends a BOOKMARK before a watch times out when bookmarks are allowed', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: c.namespace });
    const w = await rawWatch(
      c.kc,
      `/api/v1/namespaces/${c.namespace}/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=10&resourceVersion=${list.metadata!.resourceVersion}`,
    );
    await eventually('the watch to end', async () => (w.ended() ? true : undefined), 30_000);
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    assert.ok(bookmark, `no bookmark in ${JSON.stringify(w.events.map((e) => e.type))}`);
    assert.equal(bookmark.object.kind, 'ConfigMap');
    assert.ok(Number(bookmark.object.metadata?.resourceVersion) >= Number(list.metadata!.resourceVersion));
  });

  it('ends a watch from a resourceVersion outside the kept window with ERROR 410 Expired', async (t) => {
    if (!c.demo) {
      t.skip('a real server only drops history on its compaction schedule, which a test cannot force');
      return;
    }
    const list = await core.listNamespacedConfigMap({ namespace: c.namespace });
    const old = list.metadata!.resourceVersion!;
    for (let i = 0; i < 210; i++) {
      await core.patchNamespacedConfigMap(
        { namespace: c.namespace, name: 'page-0', body: { data: { i: String(i) } } },
        MERGE,
      );
    }
    const w = await rawWatch(
      c.kc,
      `/api/v1/namespaces/${c.namespace}/configmaps?watch=1&resourceVersion=${old}`,
    );
    await eventually('the watch to end', async () => (w.ended() ? true : undefined), 20_000);
    assert.equal(w.status(), 200);
    assert.equal(w.events.length, 1);
    assert.equal(w.events[0].type, 'ERROR');
    assert.equal(w.events[0].object.kind, 'Status');
    assert.equal(w.events[0].object.code, 410);
    assert.equal(w.events[0].object.reason, 'Expired');
    assert.match(String(w.events[0].object.message), /too old resource version/);
    // A continue token from before the window is expired too.
    const page = await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/configmaps?limit=1`);
    const token = JSON.parse(page.body).metadata.continue as string;
    for (let i = 0; i < 210; i++) {
      await core.patchNamespacedConfigMap(
        { namespace: c.namespace, name: 'page-1', body: { data: { i: String(i) } } },
        MERGE,
      );
    }
    const expired = await raw(
      c.kc,
      'GET',
      `/api/v1/namespaces/${c.namespace}/configmaps?limit=1&continue=${encodeURIComponent(token)}`,
    );
    assert.equal(expired.status, 410);
    assert.equal(JSON.parse(expired.body).reason, 'Expired');
  });
});
