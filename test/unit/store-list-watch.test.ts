import assert from 'node:assert/strict';
import type http from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { ListWatch } from '../../src/store/list-watch.js';
import { ResourceStore } from '../../src/store/store.js';
import { Backoff } from '../../src/util/backoff.js';
import { eventually, pod, type Scripted, scriptedApi, sendJson } from './helpers/scripted-api.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' };
const fastBackoff = () => new Backoff(5, 20);
let api: Scripted | undefined;
let lws: ListWatch[] = [];

afterEach(async () => {
  for (const lw of lws) lw.stop();
  lws = [];
  await api?.close();
  api = undefined;
});

function start(opts: ConstructorParameters<typeof ListWatch>[2] = {}, namespace = 'default') {
  const lw = new ListWatch(
    api!.client,
    { resource: PODS, namespace },
    { backoff: fastBackoff, notifyIntervalMs: 0, ...opts },
  );
  lws.push(lw);
  lw.start();
  return lw;
}

function names(lw: ListWatch): string[] {
  return [...lw.items.keys()].sort();
}

/** Answers a watch with headers only and keeps it open, as a quiet API server does. */
function hold(res: http.ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.flushHeaders();
}

function event(res: http.ServerResponse, type: string, object: unknown) {
  res.write(`${JSON.stringify({ type, object })}\n`);
}

describe('list-watch', () => {
  it('lists in pages and follows continue tokens to the end', async () => {
    const all = Array.from({ length: 1203 }, (_, i) => pod(`p${String(i).padStart(4, '0')}`, i + 1));
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      const limit = Number(url.searchParams.get('limit'));
      const from = Number(url.searchParams.get('continue') ?? '0');
      const next = from + limit < all.length ? String(from + limit) : undefined;
      sendJson(res, 200, {
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '5000', continue: next },
        items: all.slice(from, from + limit),
      });
    });
    const lw = start({ pageSize: 500 });
    await eventually(() => lw.state === 'watching', 'watching');
    assert.equal(lw.items.size, 1203);
    const lists = api.requests.filter((u) => !u.searchParams.get('watch'));
    assert.deepEqual(
      lists.map((u) => u.searchParams.get('continue')),
      [null, '500', '1000'],
    );
    const watch = api.requests.find((u) => u.searchParams.get('watch'));
    assert.equal(watch?.searchParams.get('resourceVersion'), '5000');
    assert.equal(watch?.searchParams.get('allowWatchBookmarks'), 'true');
    assert.ok(Number(watch?.searchParams.get('timeoutSeconds')) > 0);
    assert.equal(lw.items.get('default/p0000')?.kind, 'Pod', 'list items get their kind from the list');
  });

  it('asks for the next page while the current one is still arriving', async () => {
    const all = Array.from({ length: 30 }, (_, i) => pod(`p${String(i).padStart(2, '0')}`, i + 1));
    // Each page's body is held open after its metadata until the next page has been asked for:
    // a client that waits for the whole page before asking would never finish.
    const asked = new Map<string, () => void>();
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      const from = Number(url.searchParams.get('continue') ?? '0');
      asked.get(String(from))?.();
      const next = from + 10 < all.length ? String(from + 10) : undefined;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const head = JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '70', continue: next },
      });
      res.write(`${head.slice(0, -1)},"items":`);
      const rest = () => res.end(`${JSON.stringify(all.slice(from, from + 10))}}`);
      if (next === undefined) rest();
      else asked.set(next, rest);
    });
    const lw = start({ pageSize: 10 });
    await eventually(() => lw.state === 'watching', 'watching');
    assert.deepEqual(
      names(lw),
      all.map((p) => `default/${p.metadata.name}`),
    );
    const lists = api.requests.filter((u) => !u.searchParams.get('watch'));
    assert.deepEqual(
      lists.map((u) => u.searchParams.get('continue')),
      [null, '10', '20'],
      'each page asked for once',
    );
  });

  it('a first list shows page by page; a relist swaps the whole cache at its end', async () => {
    const all = Array.from({ length: 3 }, (_, i) => pod(`p${i}`, i + 1));
    let lists = 0;
    let releaseSecondPage: (() => void) | undefined;
    let watch: http.ServerResponse | undefined;
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) {
        watch = res;
        return hold(res);
      }
      const from = Number(url.searchParams.get('continue') ?? '0');
      if (from === 0) lists++;
      const items = lists === 1 ? all : [pod('fresh', 50), ...all.slice(1)];
      const send = () =>
        sendJson(res, 200, {
          metadata: {
            resourceVersion: '60',
            continue: from + 1 < items.length ? String(from + 1) : undefined,
          },
          items: items.slice(from, from + 1),
        });
      // The page after the first waits until the test has seen the first page's row.
      if (from === 1) releaseSecondPage = send;
      else send();
    });
    const lw = start({ pageSize: 1 });
    await eventually(() => releaseSecondPage !== undefined && lw.items.size === 1, 'the first page shown');
    assert.equal(lw.state, 'listing');
    assert.deepEqual(names(lw), ['default/p0']);
    const release = releaseSecondPage!;
    releaseSecondPage = undefined;
    release();
    await eventually(() => lw.state === 'watching', 'watching');
    assert.deepEqual(names(lw), ['default/p0', 'default/p1', 'default/p2']);

    // 410 on the watch: the relist keeps the old rows until the new list is whole.
    event(watch!, 'ERROR', { kind: 'Status', code: 410, message: 'too old' });
    watch!.end();
    await eventually(() => releaseSecondPage !== undefined, 'the relist waits on its second page');
    assert.deepEqual(
      names(lw),
      ['default/p0', 'default/p1', 'default/p2'],
      'no half list, no stale swap yet',
    );
    releaseSecondPage!();
    await eventually(() => lw.lists === 2 && lw.state === 'watching', 'relisted');
    assert.deepEqual(names(lw), ['default/fresh', 'default/p1', 'default/p2']);
  });

  it('restarts the list when a continue token expires', async () => {
    let expired = false;
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      if (url.searchParams.get('continue') === 'c1' && !expired) {
        expired = true;
        return sendJson(res, 410, {
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'continue token expired',
        });
      }
      if (url.searchParams.get('continue') === 'c1')
        return sendJson(res, 200, { metadata: { resourceVersion: '9' }, items: [pod('b', 9)] });
      sendJson(res, 200, { metadata: { resourceVersion: '9', continue: 'c1' }, items: [pod('a', 8)] });
    });
    const lw = start({ pageSize: 1 });
    await eventually(() => lw.state === 'watching', 'watching');
    assert.deepEqual(names(lw), ['default/a', 'default/b']);
  });

  it('applies added, modified and deleted events and resumes from the last bookmark', async () => {
    let watches = 0;
    api = await scriptedApi((url, res) => {
      if (!url.searchParams.get('watch'))
        return sendJson(res, 200, { metadata: { resourceVersion: '10' }, items: [pod('a', 10)] });
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (watches === 1) {
        event(res, 'ADDED', pod('b', 11));
        event(res, 'MODIFIED', { ...pod('a', 12), spec: { nodeName: 'n1' } });
        event(res, 'DELETED', pod('b', 13));
        event(res, 'BOOKMARK', { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '20' } });
        res.end(); // the server's timeoutSeconds ran out
      }
    });
    const lw = start();
    await eventually(() => watches >= 2, 'second watch');
    const second = api.requests.filter((u) => u.searchParams.get('watch'))[1];
    assert.equal(second?.searchParams.get('resourceVersion'), '20', 'resumes from the bookmark, no relist');
    assert.equal(lw.lists, 1);
    assert.deepEqual(names(lw), ['default/a']);
    assert.deepEqual((lw.items.get('default/a') as { spec?: unknown }).spec, { nodeName: 'n1' });
  });

  it('relists on 410 Gone and replaces the cache without stale or duplicate rows', async () => {
    let lists = 0;
    api = await scriptedApi((url, res) => {
      if (!url.searchParams.get('watch')) {
        lists++;
        // Between the two lists, "old" was deleted and "new" created while the watch was gone.
        const items = lists === 1 ? [pod('old', 1), pod('keep', 2)] : [pod('keep', 2), pod('new', 40)];
        return sendJson(res, 200, { metadata: { resourceVersion: lists === 1 ? '2' : '40' }, items });
      }
      hold(res);
      if (url.searchParams.get('resourceVersion') === '2') {
        event(res, 'ERROR', {
          kind: 'Status',
          apiVersion: 'v1',
          code: 410,
          reason: 'Expired',
          message: 'too old resource version: 2 (30)',
        });
        res.end();
      }
    });
    const lw = start();
    await eventually(() => lw.lists === 2 && lw.state === 'watching', 'relisted');
    assert.deepEqual(names(lw), ['default/keep', 'default/new']);
    assert.equal(lw.error, undefined);
  });

  it('decodes a character split across two chunks of the watch stream', async () => {
    let watches = 0;
    api = await scriptedApi((url, res) => {
      if (!url.searchParams.get('watch'))
        return sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [] });
      watches++;
      hold(res);
      if (watches > 1) return;
      const line = Buffer.from(
        `${JSON.stringify({ type: 'ADDED', object: { ...pod('x', 2), metadata: { ...pod('x', 2).metadata, annotations: { note: 'grüße ✓' } } } })}\n`,
      );
      const cut = line.indexOf(Buffer.from('✓')) + 1; // inside the three bytes of ✓
      res.write(line.subarray(0, cut));
      setTimeout(() => res.write(line.subarray(cut)), 20);
    });
    const lw = start();
    await eventually(() => lw.items.has('default/x'), 'the pod');
    assert.equal(lw.items.get('default/x')?.metadata?.annotations?.note, 'grüße ✓');
  });

  it('reconnects from the last resourceVersion when the connection drops', async () => {
    let watches = 0;
    api = await scriptedApi((url, res, req) => {
      if (!url.searchParams.get('watch'))
        return sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [] });
      watches++;
      res.writeHead(200);
      if (watches === 1) {
        event(res, 'ADDED', pod('x', 7));
        setTimeout(() => req.socket.destroy(), 20);
      }
    });
    const lw = start();
    await eventually(() => watches >= 2, 'reconnect');
    const second = api.requests.filter((u) => u.searchParams.get('watch'))[1];
    assert.equal(second?.searchParams.get('resourceVersion'), '7');
    assert.equal(lw.lists, 1, 'a dropped connection does not relist');
    assert.deepEqual(names(lw), ['default/x']);
  });

  it('notices a watch that went silent and opens a new one', async () => {
    let watches = 0;
    api = await scriptedApi((url, res) => {
      if (!url.searchParams.get('watch'))
        return sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [] });
      watches++;
      hold(res); // headers, then nothing ever again
    });
    start({ watchTimeoutSeconds: () => 0, inactivityGraceMs: 50 });
    await eventually(() => watches >= 3, 'watch re-opened after silence');
  });

  it('backs off on errors, shows them, and recovers', async () => {
    let failures = 0;
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      if (failures < 3) {
        failures++;
        return sendJson(res, 503, {
          kind: 'Status',
          code: 503,
          reason: 'ServiceUnavailable',
          message: 'etcd is restarting',
        });
      }
      sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [pod('a', 1)] });
    });
    const lw = start();
    const states: string[] = [];
    lw.subscribe(() => states.push(`${lw.state}:${lw.error?.message ?? ''}`));
    await eventually(() => lw.state === 'watching', 'recovered');
    assert.ok(
      states.some((s) => s === 'backoff:etcd is restarting'),
      `states seen: ${states.join(', ')}`,
    );
    assert.equal(lw.error, undefined);
    assert.deepEqual(names(lw), ['default/a']);
  });
});

describe('resource store', () => {
  it('shares one watch between subscribers of the same query and stops it after the last leaves', async () => {
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [pod('a', 1)] });
    });
    const store = new ResourceStore(api.client, { lingerMs: 0, backoff: fastBackoff, notifyIntervalMs: 0 });
    const q = { resource: PODS, namespaces: ['default'] };
    let changes = 0;
    const s1 = store.subscribe(q, () => changes++);
    const s2 = store.subscribe({ ...q }, () => undefined);
    await eventually(() => s1.snapshot().state === 'watching', 'watching');
    assert.equal(store.stats().watches, 1);
    assert.equal(
      api.requests.filter((u) => !u.searchParams.get('watch')).length,
      1,
      'one list for two subscribers',
    );
    assert.equal(s2.snapshot().items.length, 1);
    assert.ok(changes > 0);
    s1.close();
    assert.equal(store.stats().watches, 1);
    s2.close();
    assert.equal(store.stats().watches, 0);
    store.dispose();
  });

  it('serves several namespaces as one merged snapshot', async () => {
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      const ns = url.pathname.split('/')[4] ?? '';
      sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [pod(`in-${ns}`, 1, ns)] });
    });
    const store = new ResourceStore(api.client, { lingerMs: 0, backoff: fastBackoff, notifyIntervalMs: 0 });
    const sub = store.subscribe({ resource: PODS, namespaces: ['default', 'kube-system'] }, () => undefined);
    await eventually(() => sub.snapshot().state === 'watching', 'watching');
    assert.deepEqual(
      sub
        .snapshot()
        .items.map((p) => p.metadata?.name)
        .sort(),
      ['in-default', 'in-kube-system'],
    );
    assert.equal(store.stats().watches, 2);
    sub.close();
    store.dispose();
  });

  it('sends label and field selectors to the server', async () => {
    api = await scriptedApi((url, res) => {
      if (url.searchParams.get('watch')) return hold(res);
      sendJson(res, 200, { metadata: { resourceVersion: '1' }, items: [] });
    });
    const store = new ResourceStore(api.client, { lingerMs: 0, backoff: fastBackoff });
    const sub = store.subscribe(
      { resource: PODS, labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' },
      () => undefined,
    );
    await eventually(() => sub.snapshot().state === 'watching', 'watching');
    for (const u of api.requests) {
      assert.equal(u.pathname, '/api/v1/pods');
      assert.equal(u.searchParams.get('labelSelector'), 'app=web');
      assert.equal(u.searchParams.get('fieldSelector'), 'spec.nodeName=n1');
    }
    sub.close();
    store.dispose();
  });
});
