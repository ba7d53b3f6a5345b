import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startKdeck } from './helpers/kdeck-pty.js';

// The README's run command on a machine with no kubeconfig: the demo cluster, plainly labelled.
it('npm start with no kubeconfig shows the demo cluster', async () => {
  const k = startKdeck({ command: ['npm', 'start', '--silent'], cols: 120, rows: 30 });
  const s = await k.waitFor(/webserver\s+1\/1\s+Running/, 120_000);
  assert.match(s, /DEMO CLUSTER/);
  assert.match(s, /ctx kdeck-demo/);
  await k.stop();
});
