import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KEYS, startKdeck } from './helpers/kdeck-pty.js';

function configWithPlugin(): string {
  const home = mkdtempSync(join(tmpdir(), 'kdeck-plugin-'));
  mkdirSync(join(home, 'kdeck'));
  writeFileSync(
    join(home, 'kdeck', 'config.yaml'),
    `plugins:
  whoami:
    shortCut: Shift-E
    description: whoami
    scopes: [pods]
    command: sh
    args: ["-c", "echo plugin saw $NAMESPACE/$NAME in $CONTEXT; sleep 30"]
  zap:
    shortCut: Shift-Z
    description: zap
    scopes: [po]
    command: sh
    args: ["-c", "echo zapped"]
    dangerous: true
`,
  );
  return home;
}

describe('plugins from the config run in the pane', () => {
  it('runs with the selected row in its arguments', async () => {
    const k = startKdeck({
      args: ['--demo'],
      env: { XDG_CONFIG_HOME: configWithPlugin() },
      cols: 120,
      rows: 34,
    });
    await k.waitFor(/webserver\s+1\/1/, 30_000);
    k.press('/');
    await k.type('^webserver');
    k.press(KEYS.enter);
    await k.waitFor(/filter \/\^webserver\//);
    k.press('E');
    const s = await k.waitFor(/plugin saw default\/webserver in kdeck-demo/);
    assert.match(s, /whoami webserver/);
    await k.stop();
  });

  it('a dangerous plugin is refused in read-only mode', async () => {
    const k = startKdeck({
      args: ['--demo', '--readonly'],
      env: { XDG_CONFIG_HOME: configWithPlugin() },
      cols: 120,
      rows: 34,
    });
    await k.waitFor(/webserver\s+1\/1/, 30_000);
    k.press('Z');
    await k.waitFor('zap: kdeck is read-only');
    assert.doesNotMatch(k.screen(), /zapped/);
    await k.stop();
  });
});
