import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { PortForwards } from '../../src/kube/actions/port-forward.js';
import { actionSession } from './helpers/action-session.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const skip = kubeconfig ? false : 'KDECK_CLUSTER_KUBECONFIG is not set: run through npm run test:cluster';

/** Sends text through a local port and resolves with what comes back. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes(text)) {
        s.end();
        resolve(got);
      }
    });
    s.on('error', reject);
    setTimeout(() => reject(new Error(`no echo within 15 s (got ${JSON.stringify(got)})`)), 15_000);
  });
}

describe("kdeck's port-forward through the real API server", { skip }, () => {
  const ns = `kdeck-pf-${randomBytes(3).toString('hex')}`;
  const kc = new KubeConfig();
  let core: CoreV1Api;
  let echo: Server;
  const sockets = new Set<Socket>();
  const forwards = new PortForwards();

  before(async () => {
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080 }] }] },
      },
    });
    echo = createServer((s) => {
      sockets.add(s);
      s.pipe(s);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    // kwok forwards this pod's port 8080 to a local echo, as a kubelet would reach the container.
    await KubernetesObjectApi.makeApiClient(kc).create({
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'PortForward',
      metadata: { name: 'web', namespace: ns },
      spec: {
        forwards: [
          {
            ports: [8080],
            target: { port: (echo.address() as { port: number }).port, address: '127.0.0.1' },
          },
        ],
      },
    } as never);
    for (let i = 0; i < 120; i++) {
      const p = await core.readNamespacedPod({ namespace: ns, name: 'web' });
      if (p.status?.phase === 'Running') break;
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  after(async () => {
    await forwards.stopAll();
    for (const s of sockets) s.destroy();
    echo?.close();
    await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('forwards a local port to the pod and back', async () => {
    const { ctx } = actionSession(false);
    const active = await forwards.start(ctx.read, { namespace: ns, pod: 'web', podPort: 8080, localPort: 0 });
    assert.ok(active.localPort > 0);
    const token = `ping-${randomBytes(4).toString('hex')}`;
    assert.match(await roundTrip(active.localPort, token), new RegExp(token));
    assert.equal(forwards.list().length, 1);
    await forwards.stop(active.id);
    assert.equal(forwards.list().length, 0);
  });
});
