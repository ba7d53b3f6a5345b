/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig, type V1Service } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import type { DemoCluster } from '../../src/demo/index.js';
import { startDemo } from '../../src/demo-launch.js';
import { KubeClient } from '../../src/kube/client.js';
import { Discovery } from '../../src/kube/discovery.js';
import { RequestLog } from '../../src/kube/request-log.js';
import { ResourceStore } from '../../src/store/store.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { LbPanel } from '../../src/ui/panels/lb/LbPanel.js';
import type { ObjectRef } from '../../src/ui/router.js';
import { loadTheme } from '../../src/ui/theme.js';

let demo: DemoCluster;
let services: Services;
let client: KubeClient;

before(async () => {
  demo = await startDemo({ extraPods: 0, timeScale: 0.05, alive: false });
  const kc = new KubeConfig();
  kc.loadFromFile(demo.kubeconfigPath);
  client = new KubeClient(kc, new RequestLog());
  const discovery = new Discovery(client);
  await discovery.refresh();
  // The panel reads only these services; the rest of the app's context is not involved.
  services = {
    client,
    discovery,
    store: new ResourceStore(client),
    theme: loadTheme('dark'),
    readOnly: false,
    flash: () => {},
  } as unknown as Services;
});

after(async () => {
  await demo?.stop();
});

async function waitFor(frame: () => string, re: RegExp, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const f = frame();
    if (re.test(f)) return f;
    await sleep(100);
  }
  assert.fail(`screen never matched ${re}:\n${frame()}`);
}

test(':lb on the demo cluster: live pools and services, a new service gets the predicted address', async () => {
  const opened: ObjectRef[] = [];
  const ui = render(
    <ServicesContext.Provider value={services}>
      <LbPanel width={200} height={30} onOpenObject={(r) => opened.push(r)} />
    </ServicesContext.Provider>,
  );
  try {
    const before = await waitFor(
      () => ui.lastFrame() ?? '',
      /default\s+203\.0\.113\.220-203\.0\.113\.240\s+IPv4\s+21\s+\d+\s+\d+\s+[█░]{10}\s+\d+%\s+203\.0\.113\.2\d\d/,
    );
    const next = /next (203\.0\.113\.\d+) \(default\)/.exec(before)?.[1];
    assert.ok(next, `a predicted next address:\n${before}`);
    await client.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/services',
      body: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb-live-probe' },
        spec: { type: 'LoadBalancer', selector: { app: 'nobody' }, ports: [{ port: 80 }] },
      },
    });
    const after = await waitFor(
      () => ui.lastFrame() ?? '',
      /lb-live-probe\s+203\.0\.113\.\d+\s+default\s+Assigned/,
    );
    assert.match(after, new RegExp(`lb-live-probe\\s+${next.replace(/\./g, '\\.')}\\s+default\\s+Assigned`));
    const svc = await client.request<V1Service>({
      path: '/api/v1/namespaces/default/services/lb-live-probe',
    });
    assert.equal(svc.status?.loadBalancer?.ingress?.[0]?.ip, next);
    ui.stdin.write('/');
    ui.stdin.write('lb-live');
    ui.stdin.write('\r');
    await waitFor(() => ui.lastFrame() ?? '', /SERVICES {2}\/lb-live/);
    ui.stdin.write('\r');
    await waitFor(() => (opened.length > 0 ? 'opened' : ''), /opened/);
    assert.deepEqual(
      opened.map((o) => [o.ref.resource, o.namespace, o.name]),
      [['services', 'default', 'lb-live-probe']],
    );
  } finally {
    ui.unmount();
  }
});
