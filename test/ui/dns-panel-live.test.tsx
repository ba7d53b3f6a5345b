/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { render } from 'ink-testing-library';
import type { DemoCluster } from '../../src/demo/index.js';
import type { SourceRef } from '../../src/model/dns/types.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { DnsPanel } from '../../src/ui/panels/dns/DnsPanel.js';
import { type LiveDemo, startLiveDemo, waitForFrame } from './helpers/live-demo.js';

let live: LiveDemo;
let demo: DemoCluster;
let services: Services;

before(async () => {
  live = await startLiveDemo();
  ({ demo, services } = live);
});

after(async () => {
  await live?.demo.stop();
});

test(':dns on the demo cluster: discovers its external-dns, reads the demo DNS server by signed AXFR, shows Synced names', async () => {
  const opened: SourceRef[] = [];
  const ui = render(
    <ServicesContext.Provider value={services}>
      <DnsPanel width={220} height={30} intervalMs={500} onOpenObject={(r) => opened.push(r)} />
    </ServicesContext.Provider>,
  );
  const screen = await waitForFrame(
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
