import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startKdeck } from './helpers/kdeck-pty.js';

describe('the terminal is always given back', () => {
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
    it(`on ${sig}: normal screen, cursor shown`, async () => {
      const k = startKdeck({ args: ['--demo'], cols: 100, rows: 30 });
      await k.waitFor('DEMO CLUSTER');
      assert.equal(k.terminalRestored(), false, 'kdeck runs on the alternate screen');
      k.signal(sig);
      await k.exited;
      await k.waitFor(/[\s\S]*/, 2000).catch(() => undefined);
      assert.equal(k.terminalRestored(), true);
      await k.stop();
    });
  }

  it('on ctrl-c', async () => {
    const k = startKdeck({ args: ['--demo'], cols: 100, rows: 30 });
    await k.waitFor('DEMO CLUSTER');
    const code = await k.stop();
    assert.equal(code, 0);
    assert.equal(k.terminalRestored(), true);
  });
});

describe('small and changing terminals', () => {
  it('works at 80x24 and says plainly when the terminal is too small', async () => {
    const k = startKdeck({ args: ['--demo'], cols: 80, rows: 24 });
    await k.waitFor(/webserver/, 30_000);
    k.resize(25, 6);
    await k.waitFor(/kdeck needs 30x8; this\s*terminal is 25x6/);
    k.resize(80, 24);
    await k.waitFor(/webserver/);
    await k.stop();
  });

  it('survives a resize storm and draws the last size', async () => {
    const k = startKdeck({ args: ['--demo'], cols: 100, rows: 30 });
    await k.waitFor(/webserver/, 30_000);
    for (let i = 0; i < 60; i++) k.resize(60 + (i % 50), 15 + (i % 20));
    k.resize(90, 28);
    // The frame for the last size has its key hints on the 27th line (the 28th stays free).
    const s = await k.waitFor(/^(?:.*\n){26} : command {2}\/ filter/);
    assert.match(s, /webserver/);
    assert.ok(
      s.split('\n').every((l) => l.length <= 90),
      'no line is wider than the terminal',
    );
    assert.match(s, /DEMO CLUSTER/);
    await k.stop();
  });
});

describe('bad input', () => {
  it('a malformed kubeconfig is explained on screen, and kdeck waits for the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-badkc-'));
    const file = join(dir, 'config');
    writeFileSync(file, 'clusters: [\n  - name: x\n  : : broken');
    const k = startKdeck({ args: ['--kubeconfig', file], cols: 120, rows: 20 });
    const s = await k.waitFor(/cannot read kubeconfig/);
    assert.match(s, new RegExp(`${file}`));
    assert.doesNotMatch(s, /at .*\.js:\d+/, 'no stack trace');
    k.press('q');
    assert.equal(await k.exited, 1);
  });

  it('an unknown flag gets a clear message and the usage', async () => {
    const k = startKdeck({ args: ['--bogus'], cols: 120, rows: 30 });
    assert.equal(await k.exited, 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.match(k.screen(), /kdeck: Unknown option '--bogus'[\s\S]*Usage: kdeck/);
  });

  it('an unreachable API server shows the context and the cause, and retries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-deadkc-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
current-context: dead
clusters: [{ name: dead, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: dead, context: { cluster: dead, user: u } }]
`,
    );
    const k = startKdeck({ args: ['--kubeconfig', file], cols: 160, rows: 20 });
    const s = await k.waitFor(/Cannot connect: context dead \(https:\/\/127\.0\.0\.1:9\).*nothing listens/);
    assert.match(s, /Retrying in\s+\d+s/);
    await k.stop();
  });
});
