import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { annotate } from '../../src/kube/actions/annotate.js';
import { applyFile, resolverFrom } from '../../src/kube/actions/apply.js';
import { copyFromPod, copyToPod } from '../../src/kube/actions/copy.js';
import { cordon } from '../../src/kube/actions/cordon.js';
import { suspendCronJob, toggleSuspend, triggerCronJob } from '../../src/kube/actions/cronjob.js';
import { deleteBySelector, deleteObjects } from '../../src/kube/actions/delete.js';
import { drain } from '../../src/kube/actions/drain.js';
import { edit } from '../../src/kube/actions/edit.js';
import { killPods } from '../../src/kube/actions/kill.js';
import { label } from '../../src/kube/actions/label.js';
import type { ActionOutcome } from '../../src/kube/actions/outcome.js';
import { restart } from '../../src/kube/actions/restart.js';
import { rollback } from '../../src/kube/actions/rollback.js';
import { scale } from '../../src/kube/actions/scale.js';
import { setImage } from '../../src/kube/actions/set-image.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import {
  actionSession,
  createObject,
  deleteQuietly,
  eventually,
  skipReason,
  uniqueName,
  watchUntil,
} from './helpers/action-session.js';

const mutatingVerbs = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const configMaps = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };

interface AuditEvent {
  auditID: string;
  verb: string;
  userAgent?: string;
  requestReceivedTimestamp: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
}

/** Mutating requests from kdeck (user agent) in the audit log since `since` that touch our namespace or node. */
async function kdeckWrites(since: number, ns: string, nodeName: string): Promise<AuditEvent[]> {
  const file = process.env.KDECK_AUDIT_LOG;
  if (!file) throw new Error('KDECK_AUDIT_LOG is unset');
  const seen = new Map<string, AuditEvent>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as AuditEvent;
    if (!e.userAgent?.startsWith('kdeck') || !mutatingVerbs.has(e.verb)) continue;
    if (Date.parse(e.requestReceivedTimestamp) < since) continue;
    const ours = e.objectRef?.namespace === ns || e.objectRef?.name === ns || e.objectRef?.name === nodeName;
    if (ours) seen.set(e.auditID, e);
  }
  return [...seen.values()];
}

describe('read-only mode against the real control plane', { skip: skipReason, timeout: 180_000 }, () => {
  const admin = skipReason ? undefined : actionSession(false);
  const ro = skipReason ? undefined : actionSession(true);
  const ns = uniqueName('kdeck-readonly');
  // No such node: if the gate ever let a cordon through, it would land nowhere (and still be counted).
  const nodeName = uniqueName('kdeck-ro-node');
  const dep: Target = { ref: kinds.deployment, namespace: ns, name: 'test' };
  const cron: Target = { ref: kinds.cronJob, namespace: ns, name: 'tick' };
  const cm: Target = { ref: configMaps, namespace: ns, name: 'cm' };
  const node: Target = { ref: kinds.node, name: nodeName };
  let pod: Target;

  before(async () => {
    if (!admin) return;
    await createObject(admin.client, kinds.namespace, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await createObject(admin.client, configMaps, ns, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', labels: { ro: 'yes' } },
    } as KubernetesObject);
    await createObject(admin.client, kinds.deployment, ns, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'test' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'test' } },
        template: {
          metadata: { labels: { app: 'test' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    } as V1Deployment);
    await createObject(admin.client, kinds.cronJob, ns, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '0 0 1 1 *',
        jobTemplate: {
          spec: {
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
          },
        },
      },
    } as KubernetesObject);
    const pods = await watchUntil(admin.store, { resource: kinds.pod, namespaces: [ns] }, (items) =>
      items.some((p) => (p as V1Pod).status?.phase === 'Running'),
    );
    pod = { ref: kinds.pod, namespace: ns, name: pods[0].metadata?.name ?? '' };
  });
  after(async () => {
    if (!admin) return;
    await deleteQuietly(admin.client, kinds.namespace, undefined, ns);
    admin.client.close();
    ro?.client.close();
  });

  it('tries every action and sends zero mutating requests (request log and audit log)', async () => {
    const since = Date.now();
    const ctx = ro!.ctx;
    const dir = await mkdtemp(join(tmpdir(), 'kdeck-ro-'));
    const manifest = join(dir, 'cm.yaml');
    await writeFile(
      manifest,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\n  namespace: ${ns}\n`,
    );
    const editorOpened: string[] = [];
    const podPath = { namespace: ns, pod: pod.name, path: '/tmp' };
    const outcomes: ActionOutcome[] = [
      await scale(ctx, [dep], 3),
      await restart(ctx, [dep]),
      await rollback(ctx, [dep], 0),
      await setImage(ctx, [dep], { nginx: 'nginx:1.27' }),
      await edit(ctx, [dep], { runEditor: async (f) => void editorOpened.push(f) }),
      await deleteObjects(ctx, [cm], { propagation: 'Foreground', force: true }),
      await deleteObjects(ctx, [{ ref: kinds.namespace, name: ns }]),
      await deleteBySelector(ctx, configMaps, ns, 'ro=yes'),
      await killPods(ctx, [pod]),
      await cordon(ctx, [node], true),
      await cordon(ctx, [node], false),
      await drain(ctx, [node]),
      await label(ctx, [cm], { set: { a: 'b' }, remove: [] }),
      await annotate(ctx, [cm], { set: { a: 'b' }, remove: ['ro'] }),
      await triggerCronJob(ctx, [cron]),
      await suspendCronJob(ctx, [cron], true),
      await toggleSuspend(ctx, [cron]),
      await applyFile(ctx, manifest, { resolve: resolverFrom([configMaps]), namespace: ns, mode: 'apply' }),
      await applyFile(ctx, manifest, { resolve: resolverFrom([configMaps]), namespace: ns, mode: 'create' }),
      await copyToPod(ctx, manifest, podPath),
      await copyFromPod(ctx, { ...podPath, path: '/etc/hostname' }, join(dir, 'out')),
    ];
    for (const o of outcomes) {
      assert.equal(o.done.length, 0, `${o.action} did something`);
      assert.ok(
        o.failures.length > 0 && o.failures.every((f) => f.reason === 'ReadOnly'),
        `${o.action}: ${JSON.stringify(o.failures)}`,
      );
    }
    assert.deepEqual(editorOpened, [], 'the editor never opens in read-only mode');
    const sent = ro!.requestLog.list().filter((r) => r.method !== 'GET');
    assert.deepEqual(
      sent.map((r) => `${r.method} ${r.url}`),
      [],
      'the read-only session sent only GETs (no access reviews either)',
    );

    // The control: one real write from a writable kdeck session must show up in the same count.
    const probe = await label(admin!.ctx, [cm], { set: { probe: 'written' }, remove: [] });
    assert.deepEqual(probe.failures, []);
    const writes = await eventually(async () => {
      const w = await kdeckWrites(since, ns, nodeName);
      return w.some((e) => e.verb === 'patch' && e.objectRef?.name === 'cm') ? w : undefined;
    });
    assert.deepEqual(
      writes.map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`),
      ['patch configmaps/cm'],
      'the audit log holds exactly the control write: the read-only attempts sent none',
    );
  });
});
