import assert from 'node:assert/strict';
import type http from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { ResourceStore } from '../../src/store/store.js';
import { Backoff } from '../../src/util/backoff.js';
import { eventually, pod, type Scripted, scriptedApi, sendJson } from './helpers/scripted-api.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' };
let api: Scripted | undefined;
let store: ResourceStore | undefined;

afterEach(async () => {
  store?.dispose();
  await api?.close();
  api = undefined;
});

describe('store change sets: the few objects a watch event changed, not the whole cache', () => {
  it('tells upserts and deletes since the last look; a new state or a relist says it cannot', async () => {
    let watch: http.ServerResponse | undefined;
    api = await scriptedApi((url, res) => {
      if (!url.searchParams.get('watch'))
        return sendJson(res, 200, {
          metadata: { resourceVersion: '10' },
          items: [pod('a', 10), pod('b', 10)],
        });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      watch = res;
    });
    store = new ResourceStore(api.client, {
      lingerMs: 0,
      backoff: () => new Backoff(5, 20),
      notifyIntervalMs: 0,
    });
    let notified = 0;
    const sub = store.subscribe({ resource: PODS, namespaces: ['default'] }, () => notified++);
    await eventually(() => sub.snapshot().state === 'watching', 'watching');
    assert.equal(sub.snapshot().items.length, 2);
    assert.deepEqual(sub.changes(), { upserted: [], deleted: [] }, 'nothing since the snapshot');

    const seen = notified;
    const send = (type: string, object: unknown) => watch!.write(`${JSON.stringify({ type, object })}\n`);
    send('MODIFIED', { ...pod('a', 11), metadata: { ...pod('a', 11).metadata, labels: { x: '1' } } });
    send('MODIFIED', { ...pod('a', 12), metadata: { ...pod('a', 12).metadata, labels: { x: '2' } } });
    send('ADDED', pod('c', 13));
    send('DELETED', pod('b', 14));
    await eventually(() => notified > seen, 'notified');
    // The four events may arrive in more than one chunk, each with its notification.
    let changes = sub.changes();
    for (let i = 0; i < 50 && changes && changes.upserted.length + changes.deleted.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const more = sub.changes();
      if (!more) break;
      changes = {
        upserted: [...changes.upserted, ...more.upserted],
        deleted: [...changes.deleted, ...more.deleted],
      };
    }
    assert.ok(changes, 'events are told object by object');
    assert.deepEqual(
      changes.upserted.map((o) => o.metadata?.name).sort(),
      ['a', 'c'],
      'a once, at its latest',
    );
    assert.equal(changes.upserted.find((o) => o.metadata?.name === 'a')?.metadata?.labels?.x, '2');
    assert.deepEqual(changes.deleted, ['default/b']);
    assert.deepEqual(sub.changes(), { upserted: [], deleted: [] }, 'told once');

    // The watch ends and is opened again: the state goes through a change the journal cannot tell.
    watch!.end();
    await eventually(() => sub.changes() === undefined, 'a state change is not an object change');
    assert.deepEqual(
      sub
        .snapshot()
        .items.map((o) => o.metadata?.name)
        .sort(),
      ['a', 'c'],
    );
    sub.close();
  });
});
