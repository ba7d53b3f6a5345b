import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import type { DemoCluster } from '../../../src/demo/index.js';
import { startDemo } from '../../../src/demo/launch.js';
import type { KubeClient } from '../../../src/kube/client.js';
import type { Services } from '../../../src/ui/app-context.js';
import { panelServices } from '../../helpers/panel-services.js';

export interface LiveDemo {
  demo: DemoCluster;
  client: KubeClient;
  /** What a panel reads from the app's context: client, discovery, store, theme; the rest is not involved. */
  services: Services;
}

/** The demo cluster (quick control loops) and the services a panel needs to read it live. */
export async function startLiveDemo(): Promise<LiveDemo> {
  const demo = await startDemo({ extraPods: 0, timeScale: 0.05, alive: false });
  const kc = new KubeConfig();
  kc.loadFromFile(demo.kubeconfigPath);
  const { client, services } = await panelServices(kc);
  return { demo, client, services };
}

/** Polls a rendered frame until it matches; fails with the last frame. */
export async function waitForFrame(frame: () => string, re: RegExp, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const f = frame();
    if (re.test(f)) return f;
    await sleep(100);
  }
  assert.fail(`screen never matched ${re}:\n${frame()}`);
}
