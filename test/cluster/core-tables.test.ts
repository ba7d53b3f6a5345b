import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { type Kdeck, KEYS, startKdeck } from '../e2e/helpers/kdeck-pty.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const skip = kubeconfig ? false : 'KDECK_CLUSTER_KUBECONFIG is not set: run through npm run test:cluster';

/** The harness kubeconfig plus a second context on the same cluster, so :ctx has somewhere to go. */
function twoContexts(file: string): string {
  const kc = parse(readFileSync(file, 'utf8')) as {
    contexts: { name: string; context: Record<string, string> }[];
  };
  const first = kc.contexts[0]!;
  kc.contexts.push({ name: 'kdeck-second', context: { ...first.context, namespace: 'kube-system' } });
  const out = join(mkdtempSync(join(tmpdir(), 'kdeck-core-')), 'kubeconfig');
  writeFileSync(out, stringify(kc));
  return out;
}

describe('kdeck against the real control plane', { skip }, () => {
  const ns = `kdeck-core-${Math.random().toString(36).slice(2, 7)}`;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let k: Kdeck;

  before(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'test', labels: { app: 'test' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'test' } },
          template: {
            metadata: { labels: { app: 'test' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
          },
        },
      },
    });
    k = startKdeck({ args: ['--kubeconfig', twoContexts(kubeconfig!), '-n', ns], cols: 140, rows: 36 });
  });

  after(async () => {
    await k?.stop();
    await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('shows the pod list of the namespace, with the server version in the header', async () => {
    const s = await k.waitFor(
      /test-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running[\s\S]*test-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/,
      60_000,
    );
    assert.match(s, /k8s v1\.\d+/);
    assert.match(s, new RegExp(`ns ${ns}`));
  });

  it('a pod created elsewhere appears without a keypress, and a deleted one goes', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'newcomer', labels: { app: 'other' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    });
    await k.waitFor(/newcomer\s+\d\/1/);
    await core.deleteNamespacedPod({ namespace: ns, name: 'newcomer', gracePeriodSeconds: 0 });
    await k.waitForGone('newcomer');
  });

  it('/ narrows the rows, esc brings them back', async () => {
    k.press('/');
    await k.type('^test');
    await k.waitFor(/filter \/\^test\//);
    k.press(KEYS.enter);
    k.press(KEYS.esc);
    await k.waitForGone(/filter \//);
  });

  it(':deploy switches kinds and enter drills into the deployment’s pods', async () => {
    k.press(':');
    await k.type('deploy');
    k.press(KEYS.enter);
    await k.waitFor(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    await k.waitFor(/test\s+2\/2\s+2\s+2/, 60_000);
    k.press(KEYS.enter);
    const s = await k.waitFor('deployment/test');
    assert.match(s, /NAME\s+READY\s+STATUS/);
    await k.waitFor(/labels app=test|2 rows/);
    k.press(KEYS.esc);
    await k.waitFor(/test\s+2\/2/);
  });

  it('help lists the keys', async () => {
    k.press('?');
    const s = await k.waitFor('Help — keys');
    assert.match(s, /Drill down/);
    k.press(KEYS.esc);
    await k.waitForGone('Help — keys');
  });

  it(':ctx lists the contexts and switches without restarting', async () => {
    k.press(':');
    await k.type('ctx');
    k.press(KEYS.enter);
    await k.waitFor(/kdeck-second/);
    k.press(KEYS.down);
    k.press(KEYS.enter);
    const s = await k.waitFor(/ctx kdeck-second/);
    assert.match(s, /ns kube-system/);
    await k.waitFor(/● connected/);
  });
});
