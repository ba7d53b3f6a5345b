// Watch events that change nothing on screen are taken without a frame (issue 16); the rows they touched must
// still be right when the user scrolls to them, and a change on screen must still be drawn.
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { DemoCluster } from '../../src/demo/index.js';
import { startDemo } from '../../src/demo/launch.js';
import { KubeClient } from '../../src/kube/client.js';
import { RequestLog } from '../../src/kube/request-log.js';
import { type Kdeck, startKdeck } from './helpers/kdeck-pty.js';

const HOLD = 'kdeck.test/hold';

describe('live rows on a 300-pod list', { timeout: 120_000 }, () => {
  let demo: DemoCluster;
  let client: KubeClient;
  let k: Kdeck | undefined;
  before(async () => {
    demo = await startDemo({ extraPods: 300, alive: false });
    const kc = new KubeConfig();
    kc.loadFromFile(demo.kubeconfigPath);
    client = new KubeClient(kc, new RequestLog());
  });
  after(async () => {
    await k?.stop();
    client.close();
    await demo.stop();
  });

  const podPath = (name: string) => `/api/v1/namespaces/load/pods/${name}`;
  const finalizers = (name: string, list: string[]) =>
    client.request({
      method: 'PATCH',
      path: podPath(name),
      body: { metadata: { finalizers: list } },
      contentType: 'application/merge-patch+json',
    });
  /** A finalizer keeps the deleted pod: it stays, Terminating, until the test lets it go. */
  async function terminate(name: string) {
    await finalizers(name, [HOLD]);
    await client.request({ method: 'DELETE', path: podPath(name) });
  }

  it('a change off screen is there when scrolled to; a change on screen is drawn at once', async () => {
    k = startKdeck({ args: ['--kubeconfig', demo.kubeconfigPath, '-c', 'pods load'], cols: 160, rows: 20 });
    await k.waitFor(/\b300 rows\b/, 60_000);
    // Relabels change no cell: the table must not move or change.
    for (const name of ['load-9-00259', 'load-0-00000'])
      await client.request({
        method: 'PATCH',
        path: podPath(name),
        body: { metadata: { labels: { touched: 'yes' } } },
        contentType: 'application/merge-patch+json',
      });
    await terminate('load-0-00000');
    await k.waitFor(/load-0-00000\s+\S+\s+Terminating/);
    // Off screen, no wider cell: taken in place, with no frame. The row must show it once scrolled to.
    await client.request({
      method: 'PATCH',
      path: `${podPath('load-9-00259')}/status`,
      body: { status: { containerStatuses: [{ name: 'app', restartCount: 7 }] } },
      contentType: 'application/strategic-merge-patch+json',
    });
    // Its own notification, apart from any change on screen (they come at most every 50 ms).
    await new Promise((r) => setTimeout(r, 1000));
    k.press('G');
    await k.waitFor(/load-9-00259\s+\S+\s+Running\s+7\b/);
    await finalizers('load-0-00000', []);
    await k.waitFor(/\b299 rows\b/);
  });
});
