import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { drain, planDrain } from '../../src/kube/actions/drain.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import { kinds } from '../../src/kube/actions/target.js';
import { KubeError } from '../../src/kube/kube-error.js';
import { fakeClient } from './helpers/fake-client.js';

function pod(
  name: string,
  opts: { owner?: string; mirror?: boolean; emptyDir?: boolean; phase?: string } = {},
): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      annotations: opts.mirror ? { 'kubernetes.io/config.mirror': 'x' } : undefined,
      ownerReferences: opts.owner
        ? [{ apiVersion: 'apps/v1', kind: opts.owner, name: 'o', uid: 'u', controller: true }]
        : undefined,
    },
    spec: { containers: [], volumes: opts.emptyDir ? [{ name: 'v', emptyDir: {} }] : undefined },
    status: { phase: opts.phase ?? 'Running' },
  };
}

const names = (ps: { pod?: V1Pod; metadata?: V1Pod['metadata'] }[]) =>
  ps.map((p) => ('pod' in p && p.pod ? p.pod : (p as V1Pod)).metadata?.name);

describe('drain', () => {
  it('plans like kubectl: DaemonSet and mirror pods skipped, bare and emptyDir pods block unless allowed', () => {
    const pods = [
      pod('rs', { owner: 'ReplicaSet' }),
      pod('ds', { owner: 'DaemonSet' }),
      pod('static', { mirror: true }),
      pod('bare'),
      pod('scratch', { owner: 'ReplicaSet', emptyDir: true }),
      pod('done', { phase: 'Succeeded' }),
    ];
    const strict = planDrain(pods, { force: false, deleteEmptyDirData: false });
    assert.deepEqual(names(strict.evict), ['rs', 'done']);
    assert.deepEqual(names(strict.skipped), ['ds', 'static']);
    assert.deepEqual(names(strict.blocked), ['bare', 'scratch']);
    const loose = planDrain(pods, { force: true, deleteEmptyDirData: true });
    assert.deepEqual(names(loose.evict), ['rs', 'bare', 'scratch', 'done']);
    assert.deepEqual(loose.blocked, []);
  });

  it('cordons, evicts through pods/eviction, retries a 429 from a disruption budget, waits until gone', async () => {
    const gone = new Set<string>();
    let refusals = 1;
    const client = fakeClient((req) => {
      if (req.path.endsWith('selfsubjectaccessreviews')) return { status: { allowed: true } };
      if (req.method === 'PATCH') return {};
      if (req.method === 'GET' && req.path === '/api/v1/pods')
        return {
          items: [
            pod('a', { owner: 'ReplicaSet' }),
            pod('b', { owner: 'ReplicaSet' }),
            pod('d', { owner: 'DaemonSet' }),
          ],
          metadata: {},
        };
      if (req.method === 'POST' && req.path.endsWith('/eviction')) {
        const name = req.path.split('/').at(-2) ?? '';
        if (name === 'b' && refusals-- > 0) {
          throw new KubeError(
            "Cannot evict pod as it would violate the pod's disruption budget.",
            429,
            'TooManyRequests',
            'POST',
            req.path,
          );
        }
        gone.add(name);
        return {};
      }
      if (req.method === 'GET') {
        const name = req.path.split('/').at(-1) ?? '';
        if (gone.has(name)) throw new KubeError('not found', 404, 'NotFound', 'GET', req.path);
        return pod(name, { owner: 'ReplicaSet' });
      }
      throw new Error(`unexpected ${req.method} ${req.path}`);
    });
    const messages: string[] = [];
    const outcome = await drain(
      new ActionGate(client, { readOnly: false }).context(),
      [{ ref: kinds.node, name: 'node-1' }],
      { force: false, deleteEmptyDirData: false, pollMs: 1, retryMs: 1 },
      { onProgress: (p) => p.message && messages.push(p.message) },
    );
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.done[0].note, 'drained: 2 evicted, 1 skipped');
    const patch = client.seen.find((r) => r.method === 'PATCH');
    assert.equal(patch?.path, '/api/v1/nodes/node-1');
    assert.deepEqual(patch?.body, { spec: { unschedulable: true } });
    assert.equal(
      client.seen.find((r) => r.path === '/api/v1/pods')?.query?.fieldSelector,
      'spec.nodeName=node-1',
    );
    const evictions = client.seen.filter((r) => r.path.endsWith('/eviction'));
    assert.deepEqual(evictions.map((r) => r.path.split('/').at(-2)).sort(), ['a', 'b', 'b']);
    assert.deepEqual(evictions[0].body, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: evictions[0].path.split('/').at(-2), namespace: 'default' },
    });
    assert.ok(
      messages.some((m) => /disruption budget.*retrying/.test(m)),
      messages.join('\n'),
    );
  });

  it('stops when cancelled while a budget keeps refusing, and says so', async () => {
    const abort = new AbortController();
    const client = fakeClient((req) => {
      if (req.path.endsWith('selfsubjectaccessreviews')) return { status: { allowed: true } };
      if (req.method === 'PATCH') return {};
      if (req.path === '/api/v1/pods') return { items: [pod('a', { owner: 'ReplicaSet' })], metadata: {} };
      if (req.path.endsWith('/eviction')) {
        abort.abort();
        throw new KubeError('budget', 429, 'TooManyRequests', 'POST', req.path);
      }
      throw new Error(`unexpected ${req.method} ${req.path}`);
    });
    const outcome = await drain(
      new ActionGate(client, { readOnly: false }).context(),
      [{ ref: kinds.node, name: 'n' }],
      { force: false, deleteEmptyDirData: false, retryMs: 1 },
      { signal: abort.signal },
    );
    assert.equal(outcome.cancelled, true);
    assert.deepEqual(outcome.done, []);
  });

  it('refuses to evict pods nothing would recreate, naming them, and leaves the node cordoned', async () => {
    const client = fakeClient((req) => {
      if (req.path.endsWith('selfsubjectaccessreviews')) return { status: { allowed: true } };
      if (req.method === 'PATCH') return {};
      if (req.path === '/api/v1/pods') return { items: [pod('bare')], metadata: {} };
      throw new Error(`unexpected ${req.method} ${req.path}`);
    });
    const outcome = await drain(new ActionGate(client, { readOnly: false }).context(), [
      { ref: kinds.node, name: 'n' },
    ]);
    assert.equal(outcome.failures[0]?.reason, 'Blocked');
    assert.match(outcome.failures[0].message, /default\/bare: not managed by a controller/);
    assert.equal(client.seen.filter((r) => r.path.endsWith('/eviction')).length, 0);
  });
});
