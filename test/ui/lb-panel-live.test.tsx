/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { V1Service } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import type { KubeClient } from '../../src/kube/client.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { LbPanel } from '../../src/ui/panels/lb/LbPanel.js';
import type { ObjectRef } from '../../src/ui/router.js';
import { type LiveDemo, startLiveDemo, waitForFrame } from './helpers/live-demo.js';

let live: LiveDemo;
let services: Services;
let client: KubeClient;

before(async () => {
  live = await startLiveDemo();
  ({ services, client } = live);
});

after(async () => {
  await live?.demo.stop();
});

test(':lb on the demo cluster: live pools and services, a new service gets the predicted address', async () => {
  const opened: ObjectRef[] = [];
  const ui = render(
    <ServicesContext.Provider value={services}>
      <LbPanel width={200} height={30} onOpenObject={(r) => opened.push(r)} />
    </ServicesContext.Provider>,
  );
  try {
    // The prediction shows once every list has loaded; before that the header says so.
    const before = await waitForFrame(
      () => ui.lastFrame() ?? '',
      /next 203\.0\.113\.\d+ \(default\)[\s\S]*default\s+203\.0\.113\.220-203\.0\.113\.240\s+IPv4\s+21\s+\d+\s+\d+\s+[█░]{10}\s+\d+%\s+203\.0\.113\.2\d\d/,
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
    const after = await waitForFrame(
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
    await waitForFrame(() => ui.lastFrame() ?? '', /SERVICES {2}\/lb-live/);
    ui.stdin.write('\r');
    await waitForFrame(() => (opened.length > 0 ? 'opened' : ''), /opened/);
    assert.deepEqual(
      opened.map((o) => [o.ref.resource, o.namespace, o.name]),
      [['services', 'default', 'lb-live-probe']],
    );
  } finally {
    ui.unmount();
  }
});
