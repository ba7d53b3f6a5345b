/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import type { DemoCluster } from '../../src/demo/index.js';
import { startDemo } from '../../src/demo-launch.js';
import { KubeClient } from '../../src/kube/client.js';
import { Discovery } from '../../src/kube/discovery.js';
import { RequestLog } from '../../src/kube/request-log.js';
import type { SourceRef } from '../../src/model/dns/types.js';
import { ResourceStore } from '../../src/store/store.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { DnsPanel } from '../../src/ui/panels/dns/DnsPanel.js';
import { loadTheme } from '../../src/ui/theme.js';

let demo: DemoCluster;
let services: Services;
let store: ResourceStore;

before(async () => {
  demo = await startDemo({ extraPods: 0, timeScale: 0.05, alive: false });
  const kc = new KubeConfig();
  kc.loadFromFile(demo.kubeconfigPath);
  const client = new KubeClient(kc, new RequestLog());
  const discovery = new Discovery(client);
  await discovery.refresh();
  store = new ResourceStore(client);
  // The panel reads only these services; the rest of the app's context is not involved.
  services = {
    client,
    discovery,
    store,
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

test(':dns on the demo cluster: discovers its external-dns, reads the demo DNS server by signed AXFR, shows Synced names', async () => {
  const opened: SourceRef[] = [];
  const ui = render(
    <ServicesContext.Provider value={services}>
      <DnsPanel width={220} height={30} intervalMs={500} onOpenObject={(r) => opened.push(r)} />
    </ServicesContext.Provider>,
  );
  const screen = await waitFor(
    () => ui.lastFrame() ?? '',
    /storefront\.svc\.mydomain\.test\s+A\s+Synced\s+203\.0\.113\.\d+\s+203\.0\.113\.\d+\s+\S+\s+kdeck-demo/,
  );
  assert.match(
    screen,
    /external-dns\/external-dns · AXFR \(TSIG verified\) \S+@\d+ .* · rfc2136 127\.0\.0\.1:\d+/,
  );
  assert.match(screen, /AXFR \(TSIG verified\)/);
  assert.match(screen, /legacy\.svc\.mydomain\.test.*Filtered.*external-dns\.alpha\.kubernetes\.io/);
  assert.ok(demo.dns, 'the demo runs a DNS server');
  assert.doesNotMatch(
    screen,
    new RegExp(demo.dns.secret.replace(/[+/=]/g, '.')),
    'the TSIG secret never reaches the screen',
  );
  ui.stdin.write('/');
  ui.stdin.write('storefront');
  ui.stdin.write('\r');
  await sleep(50);
  ui.stdin.write('\r');
  await sleep(50);
  assert.deepEqual(opened, [
    { kind: 'Service', resource: 'services', namespace: 'shop', name: 'storefront' },
  ]);
  ui.unmount();
});
