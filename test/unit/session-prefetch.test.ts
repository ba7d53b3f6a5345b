import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { RequestLog } from '../../src/kube/request-log.js';
import { Session } from '../../src/session/session.js';
import { eventually, pod, type Scripted, scriptedApi, sendJson } from './helpers/scripted-api.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' };
let api: Scripted | undefined;
let session: Session | undefined;

afterEach(async () => {
  session?.dispose();
  session = undefined;
  await api?.close();
  api = undefined;
});

function sessionFor(url: string): Session {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: false }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u', namespace: 'default' }],
    currentContext: 'ctx',
  });
  return new Session(kc, new RequestLog(), { lingerMs: 5000 });
}

/** Pods in two pages, the first held back until `release`; discovery with just the core group. */
async function apiWithSlowPods() {
  let release: () => void = () => undefined;
  const firstPage = new Promise<void>((r) => {
    release = r;
  });
  api = await scriptedApi((url, res) => {
    const path = url.pathname;
    if (path === '/version') return sendJson(res, 200, { gitVersion: 'v1.34.0' });
    if (path === '/api') return sendJson(res, 200, { kind: 'APIVersions', versions: ['v1'] });
    if (path === '/apis') return sendJson(res, 200, { kind: 'APIGroupList', groups: [] });
    if (path === '/api/v1')
      return sendJson(res, 200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['list', 'watch'] },
        ],
      });
    if (path === '/api/v1/namespaces/default/pods') {
      if (url.searchParams.get('watch')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return;
      }
      const second = url.searchParams.get('continue') === 'c1';
      const answer = () =>
        sendJson(res, 200, {
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '9', continue: second ? undefined : 'c1' },
          items: [pod(second ? 'b' : 'a', second ? 2 : 1)],
        });
      if (second) answer();
      else void firstPage.then(answer);
      return;
    }
    sendJson(res, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: `${path} not found` });
  });
  return { release };
}

describe('the first table is listed before discovery', () => {
  it('asks for the pods before the UI does, and holds discovery until they are in', async () => {
    const { release } = await apiWithSlowPods();
    session = sessionFor(api!.url);
    session.prefetch({ resource: PODS, namespaces: ['default'] });
    void session.connect();
    await eventually(() => api!.requests.some((u) => u.pathname === '/version'), '/version asked');
    await eventually(() => session!.state.kind === 'connected', 'connected once the server answers');
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      !api!.requests.some((u) => u.pathname === '/api/v1' || u.pathname === '/apis'),
      'no discovery while the first page is on its way',
    );
    // The view subscribes to the same query a moment later and shares the watch.
    const sub = session.store.subscribe({ resource: PODS, namespaces: ['default'] }, () => undefined);
    release();
    await eventually(() => sub.snapshot().state === 'watching', 'listed');
    assert.deepEqual(
      sub.snapshot().items.map((p) => p.metadata?.name),
      ['a', 'b'],
    );
    await eventually(() => session!.discovery.loaded, 'discovery after the list');
    const paths = api!.requests.map((u) => u.pathname + (u.searchParams.get('continue') ? '?c1' : ''));
    assert.ok(
      paths.indexOf('/apis') > paths.indexOf('/api/v1/namespaces/default/pods?c1'),
      `discovery after the list: ${paths.join(' ')}`,
    );
    const lists = api!.requests.filter((u) => u.pathname.endsWith('/pods') && !u.searchParams.get('watch'));
    assert.equal(lists.length, 2, 'one list, shared by the prefetch and the view');
    sub.close();
  });

  it('does not hold discovery past its limit when the list is slow', async () => {
    await apiWithSlowPods();
    session = sessionFor(api!.url);
    session.prefetch({ resource: PODS, namespaces: ['default'] }, 200);
    void session.connect();
    await eventually(() => session!.discovery.loaded, 'discovery while the pods still list');
  });
});
