/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { render } from 'ink-testing-library';
import { buildLbView } from '../../src/model/lb/lb-view.js';
import { LbPanelView } from '../../src/ui/panels/lb/LbPanel.js';
import { loadTheme } from '../../src/ui/theme.js';
import { ipPool, lbService } from '../unit/lb-fixtures.js';

const view = buildLbView({
  ipAddressPools: [ipPool('default', ['203.0.113.220-203.0.113.240']), ipPool('tiny', ['198.51.100.1/32'])],
  l2Advertisements: [{ metadata: { name: 'l2' }, spec: { ipAddressPools: ['default'] } }],
  bgpAdvertisements: [],
  services: [
    lbService('nginx', { ingress: ['203.0.113.220'] }),
    lbService('tiny-a', { ingress: ['198.51.100.1'] }),
    lbService('late', { annotations: { 'metallb.io/address-pool': 'tiny' } }),
  ],
  events: [],
  l2Statuses: [],
  bgpStatuses: [],
  nodes: [{ metadata: { name: 'node-1' } }],
  namespaces: [],
});

const tick = () => sleep(20);

/** Effects run after the frame is drawn; poll instead of guessing how long that takes on a busy machine. */
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await sleep(20);
  assert.ok(ok(), what);
}

type Opened = { namespace: string; name: string };

function mount(opened: Opened[], searching: boolean[] = []) {
  return render(
    <LbPanelView
      width={160}
      height={20}
      onOpenService={(r) => opened.push(r)}
      onSearching={(x) => searching.push(x)}
      data={{ view, missing: [], errors: [], loading: false }}
      theme={loadTheme('dark')}
    />,
  );
}

test('shows pools with usage and next address, services with status and reason', () => {
  const { lastFrame, unmount } = mount([]);
  const screen = lastFrame()!;
  unmount();
  assert.match(screen, /next 203\.0\.113\.221 \(default\)/);
  assert.match(
    screen,
    /default\s+203\.0\.113\.220-203\.0\.113\.240\s+IPv4\s+21\s+1\s+20\s+█░{9}\s+4%\s+203\.0\.113\.221/,
  );
  assert.match(screen, /tiny .* ⚠ none/);
  assert.match(screen, /default\s+late\s+<pending>.*Pending.*pool tiny.*no available IPs in pool tiny/);
  assert.match(screen, /1 finding \(f\)/);
});

test('enter on a service opens it; enter on a pool lists its services; / filters; esc goes back', async () => {
  const opened: Opened[] = [];
  const searching: boolean[] = [];
  const { lastFrame, stdin, unmount } = mount(opened, searching);
  try {
    await tick();
    stdin.write('j');
    await tick();
    stdin.write('\r');
    await tick();
    assert.deepEqual(opened, [{ namespace: 'default', name: 'nginx' }]);
    assert.deepEqual(searching, [], 'nothing to unwind yet: esc stays the app’s');

    stdin.write('\t');
    await tick();
    stdin.write('j');
    await tick();
    stdin.write('\r');
    await tick();
    let screen = lastFrame()!;
    assert.match(screen, /SERVICES IN POOL tiny/);
    await until('esc belongs to the panel while a pool is scoped', () => searching.at(-1) === true);
    assert.match(screen, /tiny-a/);
    assert.doesNotMatch(screen, /nginx/);

    stdin.write('\u001b');
    await tick();
    stdin.write('/');
    await tick();
    // Typed in one burst: every key must see the one before it.
    for (const c of 'ngi') stdin.write(c);
    await tick();
    stdin.write('\r');
    await tick();
    screen = lastFrame()!;
    assert.match(screen, /SERVICES {2}\/ngi/);
    assert.match(screen, /nginx/);
    assert.doesNotMatch(screen, /tiny-a/);
  } finally {
    unmount();
  }
});

test('f shows the selected pool’s free ranges and the findings', async () => {
  const { lastFrame, stdin, unmount } = mount([]);
  try {
    await tick();
    stdin.write('\t');
    await tick();
    stdin.write('f');
    await tick();
    const screen = lastFrame()!;
    assert.match(screen, /POOL default · FREE RANGES/);
    assert.match(screen, /203\.0\.113\.221-203\.0\.113\.240/);
    assert.match(screen, /⚠ pool tiny: no L2Advertisement or BGPAdvertisement announces it/);
  } finally {
    unmount();
  }
});
