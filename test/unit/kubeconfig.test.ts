import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/app/load-config.js';
import { contextNamespace, loadKubeconfig } from '../../src/kube/kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kdeck-kc-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const one = (ctx: string, server: string, ns?: string) => `apiVersion: v1
kind: Config
current-context: ${ctx}
clusters:
- name: ${ctx}-cluster
  cluster: { server: ${server} }
users:
- name: ${ctx}-user
  user: { token: abc }
contexts:
- name: ${ctx}
  context: { cluster: ${ctx}-cluster, user: ${ctx}-user${ns ? `, namespace: ${ns}` : ''} }
`;

describe('kubeconfig, read as kubectl reads it', () => {
  it('merges every KUBECONFIG file; the first current-context and the first of each name win', () => {
    const a = file('a.yaml', one('a', 'https://a.example:6443', 'shop'));
    const b = file('b.yaml', one('b', 'https://b.example:6443'));
    const r = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } });
    assert.equal(r.kind, 'loaded');
    if (r.kind !== 'loaded') return;
    assert.deepEqual(
      r.kc.contexts.map((c) => c.name),
      ['a', 'b'],
    );
    assert.equal(r.kc.getCurrentContext(), 'a');
    assert.equal(contextNamespace(r.kc), 'shop');
  });

  it('--context picks another context, and a missing one is named', () => {
    const a = file('c.yaml', one('c', 'https://c.example'));
    const ok = loadKubeconfig({ file: a, context: 'c', env: {} });
    assert.equal(ok.kind, 'loaded');
    const bad = loadKubeconfig({ file: a, context: 'nope', env: {} });
    assert.deepEqual(bad.kind === 'invalid' && bad.message, `context "nope" is not in ${a}`);
  });

  it('a malformed file is reported with its name, not thrown', () => {
    const broken = file('broken.yaml', 'clusters: [\n  - name: x\n  this is: : not yaml');
    const r = loadKubeconfig({ file: broken, env: {} });
    assert.equal(r.kind, 'invalid');
    assert.match(r.kind === 'invalid' ? r.message : '', /cannot read kubeconfig .*broken\.yaml/);
  });

  it('no kubeconfig at all means none (kdeck then runs the demo)', () => {
    const r = loadKubeconfig({ env: { HOME: mkdtempSync(join(tmpdir(), 'kdeck-home-')) } });
    assert.equal(r.kind, 'none');
  });

  it('a --kubeconfig that does not exist is an error, not the demo', () => {
    const r = loadKubeconfig({ file: join(dir, 'missing.yaml'), env: {} });
    assert.equal(r.kind, 'invalid');
  });
});

describe('kdeck config', () => {
  it('a broken config file is reported and the defaults used', () => {
    const home = mkdtempSync(join(tmpdir(), 'kdeck-cfg-'));
    const cfgDir = join(home, 'kdeck');
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(join(cfgDir, 'config.yaml'), 'theme: [unclosed');
    const r = loadConfig({ XDG_CONFIG_HOME: home });
    assert.match(r.warning ?? '', /config\.yaml.*using defaults/);
    assert.deepEqual(r.config.shell, ['bash', 'sh']);
  });

  it('reads aliases, favourites and read-only; wrong types are named and ignored', () => {
    const home = mkdtempSync(join(tmpdir(), 'kdeck-cfg-'));
    mkdirSync(join(home, 'kdeck'));
    writeFileSync(
      join(home, 'kdeck', 'config.yaml'),
      'readOnly: true\naliases: { dp: deployments }\nfavoriteNamespaces: [a, b]\ntheme: 3\n',
    );
    const r = loadConfig({ XDG_CONFIG_HOME: home });
    assert.equal(r.config.readOnly, true);
    assert.deepEqual(r.config.aliases, { dp: 'deployments' });
    assert.deepEqual(r.config.favoriteNamespaces, ['a', 'b']);
    assert.equal(r.config.theme, undefined);
    assert.match(r.warning ?? '', /theme should be a string/);
  });
});
