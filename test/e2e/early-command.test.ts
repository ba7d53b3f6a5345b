import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// Discovery waits for the first table's list; a command typed while that list is still coming must work.
describe('a command typed while the first list is still loading', () => {
  let k: Kdeck | undefined;
  after(async () => {
    await k?.stop();
  });

  it(':deploy right after the UI appears shows deployments, not "no resource named"', async () => {
    k = startKdeck({ args: ['--demo', '--demo-pods', '10000', '-A'], cols: 120, rows: 30 });
    await k.waitFor('DEMO CLUSTER', 60_000, 0);
    assert.match(k.screen(), /Loading…|listing…/, 'the first list is still loading');
    k.press(':');
    await k.type('deploy');
    k.press(KEYS.enter);
    const s = await k.waitFor(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/, 60_000);
    assert.doesNotMatch(s, /no resource named/);
    await k.waitFor(/test\s+1\/1/, 60_000);
  });
});
