import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotate } from '../../src/kube/actions/annotate.js';
import { applyManifests, resolverFrom } from '../../src/kube/actions/apply.js';
import { cordon } from '../../src/kube/actions/cordon.js';
import { suspendCronJob, triggerCronJob } from '../../src/kube/actions/cronjob.js';
import { deleteBySelector, deleteObjects } from '../../src/kube/actions/delete.js';
import { drain } from '../../src/kube/actions/drain.js';
import { edit } from '../../src/kube/actions/edit.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import { killPods } from '../../src/kube/actions/kill.js';
import { label } from '../../src/kube/actions/label.js';
import { ActionError, type ActionOutcome } from '../../src/kube/actions/outcome.js';
import { restart } from '../../src/kube/actions/restart.js';
import { rollback } from '../../src/kube/actions/rollback.js';
import { scale } from '../../src/kube/actions/scale.js';
import { setImage } from '../../src/kube/actions/set-image.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import { KubeError } from '../../src/kube/kube-error.js';
import { fakeClient, type SeenRequest } from './helpers/fake-client.js';

const deploy: Target = { ref: kinds.deployment, namespace: 'default', name: 'test' };
const pod: Target = { ref: kinds.pod, namespace: 'default', name: 'webserver' };
const node: Target = { ref: kinds.node, name: 'node-1' };
const cron: Target = { ref: kinds.cronJob, namespace: 'default', name: 'hello' };

const ssarPath = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

function allowAll(req: SeenRequest): unknown {
  if (req.path === ssarPath) return { status: { allowed: true } };
  return { metadata: { name: 'x' }, spec: { replicas: 1 } };
}

describe('read-only gate', () => {
  it('refuses every action before any request', async () => {
    const client = fakeClient(allowAll);
    const ctx = new ActionGate(client, {
      readOnly: true,
      exec: () => Promise.reject(new Error('must not run')),
    }).context();
    const never = () => Promise.reject(new Error('the editor must not open'));
    const outcomes: ActionOutcome[] = [
      await scale(ctx, [deploy], 3),
      await restart(ctx, [deploy]),
      await rollback(ctx, [deploy], 0),
      await setImage(ctx, [deploy], { nginx: 'nginx:1.27' }),
      await deleteObjects(ctx, [deploy, pod]),
      await deleteBySelector(ctx, kinds.pod, 'default', 'app=web'),
      await killPods(ctx, [pod]),
      await cordon(ctx, [node], true),
      await cordon(ctx, [node], false),
      await drain(ctx, [node]),
      await label(ctx, [pod], { set: { a: 'b' }, remove: [] }),
      await annotate(ctx, [pod], { set: { a: 'b' }, remove: [] }),
      await triggerCronJob(ctx, [cron]),
      await suspendCronJob(ctx, [cron], true),
      await edit(ctx, [deploy], { runEditor: never }),
      await applyManifests(ctx, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', {
        resolve: resolverFrom([
          { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
        ]),
        namespace: 'default',
        mode: 'apply',
      }),
    ];
    assert.deepEqual(client.seen, []);
    for (const o of outcomes) {
      assert.equal(o.done.length, 0, `${o.action} did something`);
      assert.ok(o.failures.length > 0, `${o.action} reported no refusal`);
      for (const f of o.failures) {
        assert.equal(f.reason, 'ReadOnly', `${o.action}: ${f.message}`);
        assert.match(f.hint, /--readonly/);
      }
    }
  });

  it('refuses at the Mutator too, so an action that skips the early check still sends nothing', async () => {
    const client = fakeClient(allowAll);
    const { mutate } = new ActionGate(client, { readOnly: true }).context();
    const calls: Promise<unknown>[] = [
      mutate.patch(deploy, 'merge', {}),
      mutate.update(deploy, {}),
      mutate.delete(pod),
      mutate.create(kinds.job, 'default', {}),
      mutate.createSubresource(pod, 'eviction', {}),
      mutate.exec({ namespace: 'default', pod: 'webserver', command: ['tar'], stdin: true }),
    ];
    for (const c of calls)
      await assert.rejects(c, (e: unknown) => e instanceof ActionError && e.reason === 'ReadOnly');
    assert.deepEqual(client.seen, []);
  });

  it('answers can() with false for writes and sends no access review', async () => {
    const client = fakeClient(allowAll);
    const gate = new ActionGate(client, { readOnly: true });
    assert.equal(await gate.can('patch', kinds.deployment, 'default'), false);
    assert.equal(await gate.can('delete', kinds.pod, 'default'), false);
    assert.equal(gate.peek('create', kinds.pod, 'default', 'exec'), false);
    assert.equal(await gate.can('get', kinds.pod, 'default'), true);
    assert.deepEqual(client.seen, []);
  });
});

describe('access review cache', () => {
  it('asks once per verb/group/resource/namespace/subresource within the TTL', async () => {
    let now = 0;
    const client = fakeClient(allowAll);
    const gate = new ActionGate(client, { readOnly: false, ttlMs: 1000, now: () => now });
    const ctx = gate.context();
    await ctx.mutate.patch(deploy, 'merge', { spec: { replicas: 2 } }, { subresource: 'scale' });
    await ctx.mutate.patch(
      { ...deploy, name: 'other' },
      'merge',
      { spec: { replicas: 2 } },
      { subresource: 'scale' },
    );
    const reviews = () => client.seen.filter((r) => r.path === ssarPath);
    assert.equal(reviews().length, 1);
    assert.deepEqual(reviews()[0].body, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb: 'patch',
          group: 'apps',
          resource: 'deployments',
          namespace: 'default',
          subresource: 'scale',
        },
      },
    });
    await ctx.mutate.patch({ ...deploy, namespace: 'prod' }, 'merge', {}, { subresource: 'scale' });
    await ctx.mutate.patch(deploy, 'merge', {});
    assert.equal(reviews().length, 3, 'another namespace and another subresource are other questions');
    assert.equal(gate.peek('patch', kinds.deployment, 'default', 'scale'), true);
    now = 1001;
    assert.equal(gate.peek('patch', kinds.deployment, 'default', 'scale'), undefined);
    await ctx.mutate.patch(deploy, 'merge', {}, { subresource: 'scale' });
    assert.equal(reviews().length, 4, 'an expired answer is asked again');
  });

  it('refuses a denied write without sending it, and says what permission is missing', async () => {
    const client = fakeClient((req) => (req.path === ssarPath ? { status: { allowed: false } } : {}));
    const gate = new ActionGate(client, { readOnly: false });
    const outcome = await scale(gate.context(), [deploy], 3);
    assert.equal(outcome.failures.length, 1);
    assert.equal(outcome.failures[0].reason, 'Forbidden');
    assert.match(outcome.failures[0].message, /patch deployments\.apps\/scale in namespace default/);
    assert.equal(client.seen.filter((r) => r.method === 'PATCH').length, 0);
    assert.equal(await gate.can('patch', kinds.deployment, 'default', 'scale'), false);
    assert.equal(client.seen.filter((r) => r.path === ssarPath).length, 1);
  });

  it('lets the server decide when the review itself fails, and asks again next time', async () => {
    const client = fakeClient((req) => {
      if (req.path === ssarPath) throw new KubeError('forbidden', 403, 'Forbidden', 'POST', ssarPath);
      return {};
    });
    const gate = new ActionGate(client, { readOnly: false });
    await gate.context().mutate.delete(pod, { propagationPolicy: 'Background' });
    assert.equal(await gate.can('delete', kinds.pod, 'default'), true);
    assert.equal(client.seen.filter((r) => r.path === ssarPath).length, 2);
    const del = client.seen.find((r) => r.method === 'DELETE');
    assert.equal(del?.path, '/api/v1/namespaces/default/pods/webserver');
    assert.deepEqual(del?.query, { propagationPolicy: 'Background' });
    assert.equal(del?.body, undefined, 'no DELETE body: Node sends it without Content-Length');
  });
});
