import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// The cursor is what an action acts on: it must never move under the user.
describe('the selection stays on the chosen object', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: ['--demo'], cols: 160, rows: 45 });
    await k.waitFor(/webserver\s+1\/1\s+Running/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  // The highlighted table row (the breadcrumb is highlighted too, but starts with one space).
  const selectedRow = () => k.highlighted().find((l) => /^\s{2}\S/.test(l)) ?? '';
  const until = async (ok: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(ok(), `${what}; screen:\n${k.screen()}`);
  };

  it('through a cancelled cordon: c n leaves it on the node chosen, and c again names that node', async () => {
    k.press(':');
    await k.type('nodes');
    k.press(KEYS.enter);
    await k.waitFor(/kdeck-worker-3\s+Ready/);
    k.press('j');
    k.press('j');
    await until(() => selectedRow().includes('kdeck-worker-2'), 'j j selects kdeck-worker-2');
    k.press('c');
    await k.waitFor('cordon node kdeck-worker-2?');
    k.press('n');
    await k.waitForGone('cordon node');
    assert.match(selectedRow(), /kdeck-worker-2/);
    k.press('c');
    await k.waitFor('cordon node kdeck-worker-2?');
    k.press(KEYS.esc);
    await k.waitForGone('cordon node');
    assert.match(selectedRow(), /kdeck-worker-2/);
  });

  it('through describe, YAML and a cancelled delete on pods', async () => {
    k.press(':');
    await k.type('pods');
    k.press(KEYS.enter);
    await k.waitFor(/webserver\s+1\/1\s+Running/);
    k.press('G');
    await until(() => selectedRow().includes('webserver'), 'G selects the last pod');
    k.press('k');
    await until(() => !selectedRow().includes('webserver'), 'k moves up');
    const chosen = selectedRow().trim().split(/\s+/)[0]!;
    k.press('d');
    await k.waitFor(`describe ${chosen}`);
    k.press(KEYS.esc);
    await k.waitForGone(`describe ${chosen}`);
    assert.equal(selectedRow().trim().split(/\s+/)[0], chosen);
    k.press('y');
    await k.waitFor(`yaml ${chosen}`);
    k.press(KEYS.esc);
    await k.waitForGone(`yaml ${chosen}`);
    assert.equal(selectedRow().trim().split(/\s+/)[0], chosen);
    k.press(KEYS.ctrlD);
    await k.waitFor(chosen);
    await k.waitFor(/Delete/);
    k.press(KEYS.esc);
    await k.waitForGone(/Delete/);
    assert.equal(selectedRow().trim().split(/\s+/)[0], chosen);
  });
});

// The demo runs on the user's own machine: its shell must not be the user's shell there.
describe('the demo shell', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: ['--demo'], cols: 160, rows: 45 });
    await k.waitFor(/webserver\s+1\/1\s+Running/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  it('s on a pod opens a shell that says it is the demo shell and lists only the container folder', async () => {
    k.press('/');
    await k.type('^webserver');
    k.press(KEYS.enter);
    await k.waitFor(/filter \/\^webserver\//);
    k.press('s');
    await k.waitFor('kdeck demo shell');
    await k.waitFor('[demo] webserver:/#');
    await k.type('ls /\r');
    await k.type('echo done-$HOSTNAME\r');
    const s = await k.waitFor('done-webserver');
    assert.doesNotMatch(s, /\b(usr|proc|etc|home)\b/);
    await k.type('cd /..; pwd\r');
    await k.waitFor(/pwd\n\/\n/);
  });
});
