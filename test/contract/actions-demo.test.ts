import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { builtinControllers } from '../../src/demo/controllers/index.js';
import { type DemoCluster, startDemoCluster } from '../../src/demo/index.js';
import { copyFromPod, copyToPod } from '../../src/kube/actions/copy.js';
import { deleteObjects } from '../../src/kube/actions/delete.js';
import { execOverWebsocket } from '../../src/kube/actions/exec-session.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import { PortForwards } from '../../src/kube/actions/port-forward.js';
import { restart } from '../../src/kube/actions/restart.js';
import { rollback } from '../../src/kube/actions/rollback.js';
import { rolloutHistory } from '../../src/kube/actions/rollout-history.js';
import { scale } from '../../src/kube/actions/scale.js';
import { setImage } from '../../src/kube/actions/set-image.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import { KubeClient } from '../../src/kube/client.js';
import { loadKubeconfig } from '../../src/kube/kubeconfig.js';
import { RequestLog } from '../../src/kube/request-log.js';
import { ResourceStore } from '../../src/store/store.js';
import { watchUntil } from '../cluster/helpers/action-session.js';

const ok = (o: { failures: { message: string }[] }) =>
  assert.deepEqual(
    o.failures.map((f) => f.message),
    [],
  );

async function snapshot(root: string): Promise<Record<string, [string, number]>> {
  const out: Record<string, [string, number]> = {};
  const visit = async (dir: string) => {
    for (const name of await readdir(dir)) {
      const p = join(dir, name);
      const st = await stat(p);
      if (st.isDirectory()) {
        out[relative(root, p)] = ['dir', st.mode & 0o777];
        await visit(p);
      } else
        out[relative(root, p)] = [
          createHash('sha256')
            .update(await readFile(p))
            .digest('hex'),
          st.mode & 0o777,
        ];
    }
  };
  await visit(root);
  return out;
}

/** The actions over the wire (HTTP, patches, exec and port-forward websockets) against the demo's API server. */
describe('actions against the demo API server', { timeout: 120_000 }, () => {
  let demo: DemoCluster;
  let client: KubeClient;
  let store: ResourceStore;
  let gate: ActionGate;
  const ns = 'default';
  const dep: Target = { ref: kinds.deployment, namespace: ns, name: 'kdeck-actions' };
  const deployments = {
    resource: kinds.deployment,
    namespaces: [ns],
    fieldSelector: 'metadata.name=kdeck-actions',
  };

  before(async () => {
    demo = await startDemoCluster({ controllers: builtinControllers({ timeScale: 0.05 }) });
    const loaded = loadKubeconfig({ file: demo.kubeconfigPath, env: {} });
    if (loaded.kind !== 'loaded') throw new Error('demo kubeconfig did not load');
    client = new KubeClient(loaded.kc, new RequestLog());
    store = new ResourceStore(client);
    gate = new ActionGate(client, { readOnly: false, exec: execOverWebsocket(client) });
    await client.request({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'kdeck-actions' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'kdeck-actions' } },
          template: {
            metadata: { labels: { app: 'kdeck-actions' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
          },
        },
      } satisfies V1Deployment,
    });
  });
  after(async () => {
    client?.close();
    await demo?.stop();
  });

  it('scale, restart, set image and undo land on the deployment, seen from the watch', async () => {
    const ctx = gate.context();
    ok(await scale(ctx, [dep], 2));
    await watchUntil(
      store,
      deployments,
      (items) => (items[0] as V1Deployment | undefined)?.status?.readyReplicas === 2,
    );
    ok(await restart(ctx, [dep]));
    ok(await setImage(ctx, [dep], { nginx: 'nginx:1.27' }));
    await watchUntil(
      store,
      deployments,
      (items) =>
        (items[0] as V1Deployment).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3',
    );
    const history = await rolloutHistory(ctx, dep);
    assert.deepEqual(
      history.map((r) => [r.revision, r.images[0]]),
      [
        [1, 'nginx'],
        [2, 'nginx'],
        [3, 'nginx:1.27'],
      ],
    );
    ok(await rollback(ctx, [dep], 1));
    const [d] = (await watchUntil(
      store,
      deployments,
      (items) =>
        (items[0] as V1Deployment).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '4',
    )) as V1Deployment[];
    assert.equal(d.spec?.template.spec?.containers[0].image, 'nginx');
  });

  it('cp round-trips a directory tree through the exec websocket, and port-forward echoes through the pod', async () => {
    const pods = await watchUntil(
      store,
      { resource: kinds.pod, namespaces: [ns], labelSelector: 'app=kdeck-actions' },
      (items) => items.some((p) => (p as V1Pod).status?.phase === 'Running'),
    );
    const pod = pods.find((p) => (p as V1Pod).status?.phase === 'Running') as V1Pod;
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-demo-'));
    const src = join(base, 'tree');
    await mkdir(join(src, 'a/b'), { recursive: true });
    await writeFile(join(src, 'a/b/blob.bin'), randomBytes(1_500_000));
    await writeFile(join(src, 'run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(join(src, 'run.sh'), 0o755);
    const where = { namespace: ns, pod: pod.metadata?.name ?? '', path: '.' };
    ok(await copyToPod(gate.context(), src, where));
    ok(await copyFromPod(gate.context(), { ...where, path: 'tree' }, join(base, 'back')));
    assert.deepEqual(await snapshot(join(base, 'back')), await snapshot(src));

    const forwards = new PortForwards();
    try {
      const f = await forwards.start(gate.context().read, {
        namespace: ns,
        pod: where.pod,
        podPort: 80,
        localPort: 0,
      });
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(f.localPort, '127.0.0.1', () => sock.write('GET / HTTP/1.0\r\n\r\n'));
        let text = '';
        sock.on('data', (c) => {
          text += c.toString();
        });
        sock.once('end', () => resolve(text));
        sock.once('error', reject);
      });
      assert.match(reply, /^HTTP\/1\.[01] 200/);
    } finally {
      await forwards.stopAll();
    }
  });

  it('delete removes the deployment and, in the background, its pods', async () => {
    ok(await deleteObjects(gate.context(), [dep], { propagation: 'Background', force: false }));
    await watchUntil(store, deployments, (items) => items.length === 0);
  });
});
