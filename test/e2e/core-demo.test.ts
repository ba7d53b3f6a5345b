import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// The real binary on the embedded demo cluster: what a newcomer sees after `npm start`.
describe('kdeck on the demo cluster', () => {
  let k: Kdeck;
  before(async () => {
    k = startKdeck({ args: [] });
    await k.waitFor('DEMO CLUSTER');
    await k.waitFor(/webserver\s+1\/1\s+Running/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  it('shows the pod list with kubectl columns and the connection in the header', () => {
    const s = k.screen();
    assert.match(s, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    assert.match(s, /ctx kdeck-demo/);
    assert.match(s, /● connected/);
    assert.match(s, /hungry\s+0\/1\s+Pending/);
  });

  it('narrows the list with / and clears the filter with esc', async () => {
    k.press('/');
    await k.type('web');
    await k.waitFor(/filter \/web\//);
    const s = await k.waitForGone('hungry');
    assert.match(s, /webserver/);
    k.press(KEYS.enter);
    k.press(KEYS.esc);
    await k.waitFor('hungry');
  });

  it('switches kinds with : and drills from a deployment into its pods', async () => {
    k.press(':');
    await k.type('deploy');
    k.press(KEYS.enter);
    await k.waitFor(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    await k.waitFor(/test\s+1\/1/);
    k.press('/');
    await k.type('^test');
    k.press(KEYS.enter);
    await k.waitFor(/ 1 row\b|1\/\d+ rows/);
    k.press(KEYS.esc);
    await k.waitFor(/test\s+1\/1/);
  });

  it('lists every key in help', async () => {
    k.press('?');
    const s = await k.waitFor('Help — keys');
    assert.match(s, /Command: a kind/);
    k.press(KEYS.esc);
    await k.waitForGone('Help — keys');
  });
});
