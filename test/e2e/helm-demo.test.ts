import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

const clientNode = pathToFileURL(resolve('node_modules/@kubernetes/client-node/dist/index.js')).href;

/**
 * A stand-in helm for rollback: it prints its arguments, then stores a new revision as Helm's Secret driver does
 * (copying the target revision, status deployed), so kdeck must show it live without a key.
 */
function fakeHelm(dir: string): string {
  const file = join(dir, 'helm');
  writeFileSync(
    file,
    `#!/usr/bin/env node
import { gunzipSync, gzipSync } from 'node:zlib';
import { CoreV1Api, KubeConfig } from '${clientNode}';
const args = process.argv.slice(2);
console.log('fake helm ' + args.join(' '));
if (args[0] === 'rollback') {
  const [, name, rev] = args;
  const ns = args[args.indexOf('--namespace') + 1];
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listNamespacedSecret({ namespace: ns, labelSelector: 'owner=helm,name=' + name });
  const latest = Math.max(...list.items.map((s) => Number(s.metadata.labels.version)));
  const src = list.items.find((s) => s.metadata.labels.version === rev);
  const rel = JSON.parse(gunzipSync(Buffer.from(Buffer.from(src.data.release, 'base64').toString(), 'base64')));
  const version = latest + 1;
  Object.assign(rel, { version, info: { ...rel.info, status: 'deployed', description: 'Rollback to ' + rev } });
  const enc = gzipSync(Buffer.from(JSON.stringify(rel))).toString('base64');
  await api.createNamespacedSecret({ namespace: ns, body: {
    metadata: { name: 'sh.helm.release.v1.' + name + '.v' + version, labels: { name, owner: 'helm', status: 'deployed', version: String(version) } },
    type: 'helm.sh/release.v1', data: { release: Buffer.from(enc).toString('base64') } } });
  console.log('Rollback was a success! Happy Helming!');
}
setTimeout(() => {}, 30000);
`,
  );
  chmodSync(file, 0o755);
  return file;
}

function home(helm: string): string {
  const h = mkdtempSync(join(tmpdir(), 'kdeck-helm-'));
  mkdirSync(join(h, 'kdeck'));
  writeFileSync(join(h, 'kdeck', 'config.yaml'), `helmBinary: ${helm}\n`);
  return h;
}

describe(':helm on the demo cluster', () => {
  let k: Kdeck;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-fake-helm-'));
    k = startKdeck({
      args: ['--demo', '-A'],
      env: { XDG_CONFIG_HOME: home(fakeHelm(dir)) },
      cols: 170,
      rows: 40,
    });
    await k.waitFor('DEMO CLUSTER');
    k.press(':');
    await k.type('helm');
    k.press(KEYS.enter);
    await k.waitFor(/NAME\s+NAMESPACE\s+REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION/, 30_000);
  });
  after(async () => {
    await k?.stop();
  });

  it('lists every release as helm list does, a failed upgrade and an unreadable one among them', async () => {
    const s = await k.waitFor(
      /shop\s+shop\s+3\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+failed\s+shop-0\.4\.0\s+1\.28/,
    );
    assert.match(s, /ingress-nginx\s+ingress-nginx\s+1\s+.*deployed\s+ingress-nginx-4\.14\.0\s+1\.14\.0/);
    // The ConfigMap driver.
    assert.match(s, /metallb\s+metallb-system\s+1\s+.*deployed\s+metallb-0\.15\.2\s+v0\.15\.2/);
    assert.match(s, /legacy-cron\s+demo\s+1\s+-\s+deployed \(unreadable\)/);
    assert.match(s, /4 releases, 1 failed or pending, 1 unreadable/);
  });

  it('enter shows the history; values are masked until x; d diffs with the revision before', async () => {
    k.press('G');
    k.press(KEYS.enter);
    const h = await k.waitFor(/History of shop\/shop · 3 revisions/);
    assert.match(h, /3\s+\S+ \S+ UTC\s+failed\s+shop-0\.4\.0\s+1\.28\s+Upgrade "shop" failed/);
    assert.match(h, /2\s+\S+ \S+ UTC\s+deployed\s+shop-0\.3\.1\s+1\.27\s+Upgrade complete/);
    assert.match(h, /1\s+\S+ \S+ UTC\s+superseded\s+shop-0\.3\.0\s+1\.27\s+Install complete/);
    k.press('V');
    let s = await k.waitFor('revision 3 · computed values');
    assert.match(s, /host: db\.shop\.svc\.cluster\.local/);
    assert.match(s, /password: "\*{8}"/);
    assert.doesNotMatch(s, /s3cr3t-demo-only/);
    k.press('x');
    await k.waitFor('password: s3cr3t-demo-only');
    k.press(KEYS.esc);
    await k.waitFor('History of shop/shop');
    k.press('d');
    s = await k.waitFor('diff manifest 2 → 3');
    assert.match(s, /-\s+image: nginx:1\.27/);
    assert.match(s, /\+\s+image: nginx: *$/m);
    k.press(KEYS.esc);
    await k.waitFor('History of shop/shop');
  });

  it('o lists the release objects with their live status', async () => {
    k.press('j');
    k.press('o');
    const s = await k.waitFor(/Objects of shop\/shop revision 2 · 3 in the manifest/);
    assert.match(s, /Deployment\s+shop\s+storefront\s+\S+/);
    assert.match(s, /Service\s+shop\s+cart\s+exists/);
    k.press(KEYS.esc);
    await k.waitFor('History of shop/shop');
  });

  it('r asks first, runs helm rollback in the pane, and the new revision appears live', async () => {
    // Back from the objects the history starts at the newest revision again: one down is revision 2.
    k.press('j');
    k.press('r');
    await k.waitFor(/Roll shop\/shop back to revision 2\?/);
    assert.match(k.screen(), /runs: \S+helm rollback shop 2 --namespace shop --kube-context kdeck-demo/);
    k.press('y');
    await k.waitFor('fake helm rollback shop 2 --namespace shop --kube-context kdeck-demo', 20_000);
    await k.waitFor('Rollback was a success!', 20_000);
    await k.waitFor(/4\s+\S+ \S+ UTC\s+deployed\s+shop-0\.3\.1\s+1\.27\s+Rollback to 2/, 20_000);
  });
});

describe(':helm without a helm binary, and read-only', () => {
  it('says exactly what is missing; read-only refuses first', async () => {
    const k = startKdeck({
      args: ['--demo', '-A', '-c', 'pods'],
      env: { PATH: '/usr/bin:/bin' },
      cols: 150,
      rows: 30,
    });
    await k.waitFor('DEMO CLUSTER');
    k.press(':');
    await k.type('releases');
    k.press(KEYS.enter);
    await k.waitFor(/shop\s+shop\s+3/, 30_000);
    k.press(KEYS.ctrlD);
    await k.waitFor(
      'helm uninstall needs the helm binary: no helm on PATH (or set helmBinary in the config)',
    );
    await k.stop();
    const ro = startKdeck({ args: ['--demo', '-A', '--readonly'], cols: 150, rows: 30 });
    await ro.waitFor('DEMO CLUSTER');
    ro.press(':');
    await ro.type('helm');
    ro.press(KEYS.enter);
    await ro.waitFor(/shop\s+shop\s+3/, 30_000);
    ro.press('r');
    await ro.waitFor('helm rollback: kdeck is read-only');
    await ro.stop();
  });
});
