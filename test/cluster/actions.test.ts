import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  KubernetesObject,
  V1ConfigMap,
  V1Deployment,
  V1Node,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import tar from 'tar-stream';
import { runCp } from '../../src/app/cli-cp.js';
import { copyFromPod, copyToPod } from '../../src/kube/actions/copy.js';
import { cordon } from '../../src/kube/actions/cordon.js';
import { deleteBySelector, deleteObjects } from '../../src/kube/actions/delete.js';
import { drain } from '../../src/kube/actions/drain.js';
import { edit, spawnEditor } from '../../src/kube/actions/edit.js';
import { execOverWebsocket } from '../../src/kube/actions/exec-session.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import { restart, restartedAtAnnotation } from '../../src/kube/actions/restart.js';
import { rollback } from '../../src/kube/actions/rollback.js';
import { rolloutHistory } from '../../src/kube/actions/rollout-history.js';
import { scale } from '../../src/kube/actions/scale.js';
import { setImage } from '../../src/kube/actions/set-image.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import { execCollect } from '../../src/kube/streams/exec.js';
import { deployment as baseDeployment } from '../helpers/objects.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';
import {
  actionSession,
  createObject,
  deleteQuietly,
  eventually,
  skipReason,
  uniqueName,
  watchUntil,
} from './helpers/action-session.js';

const configMaps = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const pdbs = {
  group: 'policy',
  version: 'v1',
  resource: 'poddisruptionbudgets',
  kind: 'PodDisruptionBudget',
  namespaced: true,
};

const deployment = (name: string, replicas: number, spec: Partial<V1Deployment['spec']> = {}) =>
  baseDeployment(name, {
    replicas,
    containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }],
    spec,
  });

const ok = (o: { failures: { message: string }[] }) =>
  assert.deepEqual(
    o.failures.map((f) => f.message),
    [],
  );

describe('actions against the real control plane', { skip: skipReason, timeout: 300_000 }, () => {
  const s = skipReason ? undefined : actionSession(false);
  const ns = uniqueName('kdeck-actions');
  const dep: Target = { ref: kinds.deployment, namespace: ns, name: 'test' };
  const deployments = { resource: kinds.deployment, namespaces: [ns] };

  before(async () => {
    if (!s) return;
    await createObject(s.client, kinds.namespace, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await createObject(s.client, kinds.deployment, ns, deployment('test', 1));
    await watchUntil(
      s.store,
      deployments,
      (items) => (items[0] as V1Deployment | undefined)?.status?.readyReplicas === 1,
    );
  });
  after(async () => {
    if (!s) return;
    await deleteQuietly(s.client, kinds.namespace, undefined, ns);
    s.client.close();
  });

  it('scale: the deployment and its pods follow, seen from the watch', async () => {
    ok(await scale(s!.ctx, [dep], 3));
    await watchUntil(
      s!.store,
      deployments,
      (items) => (items[0] as V1Deployment).status?.readyReplicas === 3,
    );
    const pods = await watchUntil(
      s!.store,
      { resource: kinds.pod, namespaces: [ns], labelSelector: 'app=test' },
      (items) => items.length === 3,
    );
    assert.equal(pods.length, 3);
  });

  it('restart, set image, then undo to revision 1: each a new ReplicaSet, the template back as it was', async () => {
    ok(await restart(s!.ctx, [dep]));
    await watchUntil(
      s!.store,
      deployments,
      (items) =>
        (items[0] as V1Deployment).spec?.template.metadata?.annotations?.[restartedAtAnnotation] !==
        undefined,
    );
    ok(await setImage(s!.ctx, [dep], { nginx: 'nginx:1.27' }));
    await watchUntil(s!.store, deployments, (items) => {
      const d = items[0] as V1Deployment;
      return (
        d.spec?.template.spec?.containers[0].image === 'nginx:1.27' &&
        d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3'
      );
    });
    const history = await rolloutHistory(s!.ctx, dep);
    assert.deepEqual(
      history.map((r) => r.revision),
      [1, 2, 3],
    );
    assert.deepEqual(
      history.map((r) => r.images[0]),
      ['nginx', 'nginx', 'nginx:1.27'],
    );
    assert.equal(history.find((r) => r.current)?.revision, 3);
    ok(await rollback(s!.ctx, [dep], 1));
    const [d] = (await watchUntil(s!.store, deployments, (items) => {
      const x = items[0] as V1Deployment;
      return x.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '4';
    })) as V1Deployment[];
    assert.equal(d.spec?.template.spec?.containers[0].image, 'nginx');
    assert.equal(d.spec?.template.metadata?.annotations?.[restartedAtAnnotation], undefined);
    assert.equal(d.spec?.template.metadata?.labels?.['pod-template-hash'], undefined);
  });

  it('StatefulSet history from ControllerRevisions, and undo applies the stored revision', async () => {
    const sts: Target = { ref: kinds.statefulSet, namespace: ns, name: 'web' };
    await createObject(s!.client, kinds.statefulSet, ns, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    } as KubernetesObject);
    const statefulSets = { resource: kinds.statefulSet, namespaces: [ns] };
    const [created] = await watchUntil(
      s!.store,
      statefulSets,
      (items) => (items[0] as V1StatefulSet | undefined)?.status?.currentRevision !== undefined,
    );
    const firstRevision = (created as V1StatefulSet).status?.currentRevision;
    ok(await setImage(s!.ctx, [sts], { nginx: 'nginx:1.27' }));
    // A new revision appears; one pod on kwok may roll over to it between two of the watch's ticks, so
    // waiting to see update and current differ could wait forever.
    await watchUntil(s!.store, statefulSets, (items) => {
      const x = items[0] as V1StatefulSet;
      return x.status?.updateRevision !== undefined && x.status.updateRevision !== firstRevision;
    });
    const history = await eventually(async () => {
      const h = await rolloutHistory(s!.ctx, sts);
      return h.length === 2 ? h : undefined;
    });
    assert.deepEqual(
      history.map((r) => [r.revision, r.images[0], r.current]),
      [
        [1, 'nginx', false],
        [2, 'nginx:1.27', true],
      ],
    );
    ok(await rollback(s!.ctx, [sts], 1));
    await watchUntil(
      s!.store,
      statefulSets,
      (items) => (items[0] as V1StatefulSet).spec?.template.spec?.containers[0].image === 'nginx',
    );
  });

  it('edit with a scripted KUBE_EDITOR: a rejected save reopens with the error and the text, the fix applies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kdeck-edit-'));
    const script = join(dir, 'editor.sh');
    // Round 1 asks for -1 replicas (the API server refuses); round 2 checks the error and the text, then fixes it.
    await writeFile(
      script,
      [
        '#!/bin/sh',
        `n=$(cat "${dir}/round" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/round"`,
        `cp "$1" "${dir}/seen-$n"`,
        'if [ $n = 1 ]; then sed -i "s/^  replicas: .*/  replicas: -1/" "$1"; exit 0; fi',
        'grep -q "^# The change was not applied" "$1" || exit 10',
        'grep -q "^  replicas: -1" "$1" || exit 11',
        'sed -i "s/^  replicas: -1/  replicas: 2/" "$1"',
      ].join('\n'),
    );
    await chmod(script, 0o755);
    const outcome = await edit(s!.ctx, [dep], { runEditor: spawnEditor(script), tmpDir: dir });
    ok(outcome);
    assert.equal(outcome.done[0].note, 'edited');
    assert.match(
      await readFile(join(dir, 'seen-2'), 'utf8'),
      /^# The change was not applied:\n# deployment .*spec\.replicas/,
    );
    await watchUntil(s!.store, deployments, (items) => (items[0] as V1Deployment).spec?.replicas === 2);
  });

  it('delete by label selector and by name (Foreground), gone from the watch', async () => {
    for (const name of ['a', 'b', 'keep']) {
      await createObject(s!.client, configMaps, ns, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { doomed: name === 'keep' ? 'no' : 'yes' } },
      } as V1ConfigMap);
    }
    const outcome = await deleteBySelector(s!.ctx, configMaps, ns, 'doomed=yes');
    ok(outcome);
    assert.deepEqual(outcome.done.map((d) => d.object).sort(), [`configmap ${ns}/a`, `configmap ${ns}/b`]);
    await watchUntil(
      s!.store,
      { resource: configMaps, namespaces: [ns], labelSelector: 'doomed' },
      (items) => items.map((i) => i.metadata?.name).join() === 'keep',
    );
    await createObject(s!.client, kinds.deployment, ns, deployment('gone', 1));
    ok(
      await deleteObjects(s!.ctx, [{ ref: kinds.deployment, namespace: ns, name: 'gone' }], {
        propagation: 'Foreground',
        force: false,
      }),
    );
    await watchUntil(s!.store, deployments, (items) => !items.some((i) => i.metadata?.name === 'gone'));
    await watchUntil(
      s!.store,
      { resource: kinds.pod, namespaces: [ns], labelSelector: 'app=gone' },
      (items) => items.length === 0,
    );
  });

  describe('a node of our own', () => {
    const nodeName = uniqueName('kdeck-drain');
    const node: Target = { ref: kinds.node, name: nodeName };
    const taint = { key: 'kdeck-test/drain', value: nodeName, effect: 'NoSchedule' };
    const toleration = { key: 'kdeck-test/drain', operator: 'Exists', effect: 'NoSchedule' };

    before(async () => {
      if (!s) return;
      // Tainted so nobody else's pods land here; only ours tolerate it.
      await createObject(s.client, kinds.node, undefined, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: nodeName,
          labels: { 'kubernetes.io/hostname': nodeName, type: 'kwok' },
          annotations: { 'kwok.x-k8s.io/node': 'fake' },
        },
        spec: { taints: [taint] },
      } as V1Node);
      await watchUntil(
        s.store,
        { resource: kinds.node, fieldSelector: `metadata.name=${nodeName}` },
        (items) =>
          ((items[0] as V1Node | undefined)?.status?.conditions ?? []).some(
            (c) => c.type === 'Ready' && c.status === 'True',
          ),
      );
    });
    after(async () => {
      if (s) await deleteQuietly(s.client, kinds.node, undefined, nodeName);
    });

    it('cordon and uncordon show on the node', async () => {
      const nodes = { resource: kinds.node, fieldSelector: `metadata.name=${nodeName}` };
      ok(await cordon(s!.ctx, [node], true));
      await watchUntil(s!.store, nodes, (items) => (items[0] as V1Node).spec?.unschedulable === true);
      ok(await cordon(s!.ctx, [node], false));
      await watchUntil(s!.store, nodes, (items) => (items[0] as V1Node).spec?.unschedulable === undefined);
    });

    it('drain evicts through the PodDisruptionBudget and skips the DaemonSet pod', async () => {
      const pinned = { nodeName, tolerations: [toleration] };
      const d = deployment('pinned', 2);
      d.spec!.template.spec = { ...d.spec!.template.spec!, ...pinned };
      await createObject(s!.client, kinds.deployment, ns, d);
      await createObject(s!.client, pdbs, ns, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'pinned' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'pinned' } } },
      } as KubernetesObject);
      await createObject(s!.client, kinds.daemonSet, ns, {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: {
              nodeSelector: { 'kubernetes.io/hostname': nodeName },
              tolerations: [toleration],
              containers: [{ name: 'a', image: 'busybox' }],
            },
          },
        },
      } as KubernetesObject);
      const onNode = { resource: kinds.pod, namespaces: [ns], fieldSelector: `spec.nodeName=${nodeName}` };
      const running = (items: readonly KubernetesObject[]) =>
        items.filter((p) => (p as V1Pod).status?.phase === 'Running');
      const initial = await watchUntil(s!.store, onNode, (items) => running(items).length === 3);
      const evictedNames = initial
        .filter((p) => p.metadata?.labels?.app === 'pinned')
        .map((p) => p.metadata?.name);
      const messages: string[] = [];
      // minAvailable 2 of 2: the budget refuses every eviction (429) until a third pod exists, which
      // the test adds only once the drain has been refused, so the drain must have waited for it.
      let widened: Promise<unknown> | undefined;
      const outcome = await drain(
        s!.ctx,
        [node],
        { force: false, deleteEmptyDirData: false, pollMs: 200, retryMs: 200 },
        {
          onProgress: (p) => {
            if (!p.message) return;
            messages.push(p.message);
            if (/retrying/.test(p.message))
              widened ??= scale(s!.ctx, [{ ref: kinds.deployment, namespace: ns, name: 'pinned' }], 3);
          },
        },
      );
      assert.ok(widened, 'the budget never refused an eviction');
      ok((await widened) as { failures: { message: string }[] });
      ok(outcome);
      assert.match(outcome.done[0].note, /2 evicted, 1 skipped/);
      assert.ok(messages.some((m) => /skipping 1/.test(m)));
      const remaining = await watchUntil(
        s!.store,
        onNode,
        (items) => !items.some((p) => evictedNames.includes(p.metadata?.name)),
      );
      assert.ok(
        remaining.some((p) => p.metadata?.labels?.app === 'agent'),
        'the DaemonSet pod stays',
      );
      const n = await s!.ctx.read.get<V1Node>(node);
      assert.equal(n.spec?.unschedulable, true, 'a drained node stays cordoned');
    });
  });

  describe('a pod with a shell (the harness runs its exec locally in a scratch directory)', () => {
    let pod: V1Pod;
    before(async () => {
      if (!s) return;
      // A pod that stays (not one a rollout is removing) and whose exec rule the harness has added.
      pod = await eventually(async () => {
        const pods = await s.ctx.read.list<V1Pod>(kinds.pod, ns, { labelSelector: 'app=test' });
        const live = pods.find((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
        if (!live) return undefined;
        const r = await execCollect(s.client, { namespace: ns, pod: live.metadata?.name ?? '' }, [
          'mkdir',
          '-p',
          'data',
        ]);
        return r.exitCode === 0 ? live : undefined;
      });
    });

    it('cp round trip of a directory tree: hashes and modes equal', async () => {
      const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
      const src = join(base, 'tree');
      await mkdir(join(src, 'a/b'), { recursive: true });
      await writeFile(join(src, 'a/b/blob.bin'), randomBytes(2_000_000));
      await writeFile(join(src, 'run.sh'), '#!/bin/sh\necho hi\n');
      await chmod(join(src, 'run.sh'), 0o755);
      await writeFile(join(src, 'a/private'), 'secret');
      await chmod(join(src, 'a/private'), 0o600);
      const where = { namespace: ns, pod: pod.metadata!.name!, path: 'data/' };
      ok(await copyToPod(s!.ctx, src, where));
      const back = join(base, 'back');
      const down = await copyFromPod(s!.ctx, { ...where, path: 'data/tree' }, back);
      ok(down);
      assert.deepEqual(await treeSnapshot(back), await treeSnapshot(src));
    });

    it('kdeck cp on the command line copies both ways and exits 0', async () => {
      const base = await mkdtemp(join(tmpdir(), 'kdeck-cli-cp-'));
      await mkdir(join(base, 'site/css'), { recursive: true });
      await writeFile(join(base, 'site/index.html'), '<h1>kdeck</h1>');
      await writeFile(join(base, 'site/css/a.css'), randomBytes(50_000));
      const kubeconfig = ['--kubeconfig', process.env.KDECK_CLUSTER_KUBECONFIG ?? ''];
      const remote = `${ns}/${pod.metadata?.name}:data/site-cli`;
      assert.equal(await runCp([join(base, 'site'), remote, ...kubeconfig]), 0);
      assert.equal(await runCp([remote, join(base, 'back'), ...kubeconfig]), 0);
      assert.deepEqual(await treeSnapshot(join(base, 'back')), await treeSnapshot(join(base, 'site')));
      assert.equal(await runCp([`${ns}/${pod.metadata?.name}:data/none`, join(base, 'x'), ...kubeconfig]), 1);
    });

    it('cp refuses an archive whose entries climb out of the target', async () => {
      const pack = tar.pack();
      pack.entry({ name: 'data/x/ok.txt', mode: 0o644 }, 'ok');
      pack.entry({ name: 'data/x/../../escaped.txt', mode: 0o644 }, 'pwned');
      pack.finalize();
      const chunks: Buffer[] = [];
      for await (const c of pack) chunks.push(c as Buffer);
      const where = { namespace: ns, pod: pod.metadata!.name! };
      const local = await mkdtemp(join(tmpdir(), 'kdeck-evil-'));
      await writeFile(join(local, 'evil.tar'), Buffer.concat(chunks));
      ok(await copyToPod(s!.ctx, join(local, 'evil.tar'), { ...where, path: 'data/evil.tar' }));
      // A container whose tar is hostile: the real exec runs, but `tar cf` answers with the crafted archive.
      const realExec = execOverWebsocket(s!.client);
      const hostile = new ActionGate(s!.client, {
        readOnly: false,
        exec: (req) =>
          realExec(req.command[0] === 'tar' ? { ...req, command: ['cat', 'data/evil.tar'] } : req),
      });
      const dest = join(local, 'inner', 'dest');
      const outcome = await copyFromPod(hostile.context(), { ...where, path: 'data/x' }, dest);
      assert.equal(outcome.failures[0]?.reason, 'PathTraversal');
      assert.deepEqual(await readdir(join(local, 'inner')), ['dest']);
    });
  });
});
