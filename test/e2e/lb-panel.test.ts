import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// `:lb` on the demo cluster, whose MetalLB loop runs kdeck's copy of MetalLB's allocator.
describe('the load-balancer panel on the demo cluster', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: [], cols: 180, rows: 40 });
    await k.waitFor('DEMO CLUSTER');
    k.press(':');
    await k.type('lb');
    k.press(KEYS.enter);
    await k.waitFor(/POOL\s+ADDRESSES\s+FAMILY\s+SIZE\s+USED\s+FREE\s+USAGE\s+NEXT/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  it('shows the scenario pool with its size, usage bar and next address, and every LoadBalancer service', async () => {
    const s = await k.waitFor(
      /default\s+203\.0\.113\.220-203\.0\.113\.240\s+IPv4\s+21\s+\d+\s+\d+\s+[█░]{10}\s+\d+%\s+203\.0\.113\.2\d\d/,
    );
    assert.match(s, /pools from (IPAddressPools|ConfigMap metallb-system\/config)/);
    assert.match(s, /next 203\.0\.113\.2\d\d \(default\)/);
    assert.match(s, /EXTERNAL-IP\s+POOL\s+STATUS/);
    assert.match(s, /203\.0\.113\.2\d\d\s+default\s+Assigned/);
  });

  it('enter on the pool lists its services, esc brings all back, f shows free ranges', async () => {
    k.press(KEYS.tab);
    k.press(KEYS.enter);
    await k.waitFor('SERVICES IN POOL default');
    k.press(KEYS.esc);
    await k.waitForGone('SERVICES IN POOL default');
    k.press('f');
    await k.waitFor(/POOL default · FREE RANGES/);
    k.press(KEYS.esc);
    await k.waitForGone('FREE RANGES');
  });

  it('/ filters the services, esc clears the filter, and the next esc leaves the panel', async () => {
    // enter on the pool (above) left the services table focused.
    k.press('/');
    await k.type('legacy');
    k.press(KEYS.enter);
    await k.waitFor(/SERVICES {2}\/legacy/);
    await k.waitForGone('ingress-nginx-controller');
    k.press(KEYS.esc);
    await k.waitFor('ingress-nginx-controller');
    k.press(KEYS.esc);
    await k.waitForGone(/POOL\s+ADDRESSES/);
  });
});
