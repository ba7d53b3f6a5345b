import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Kdeck, KEYS, startKdeck } from './helpers/kdeck-pty.js';

// A k9s user's folder as it is: aliases, hotkeys, ten plugins, views, two skins, a context's files, a broken file.
const K9S_DIR = fileURLToPath(new URL('./fixtures/k9s', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/kdeck.js', import.meta.url));
const CTRL_RB = '\x1d';
const CTRL_S = '\x13';

async function command(k: Kdeck, line: string): Promise<void> {
  k.press(':');
  await k.type(line);
  k.press(KEYS.enter);
}

describe("a k9s user's setup works unchanged in kdeck", () => {
  let k: Kdeck;
  const dumps = mkdtempSync(join(tmpdir(), 'kdeck-dumps-'));
  before(async () => {
    k = startKdeck({
      args: ['--demo', '--screen-dump-dir', dumps],
      env: { K9S_CONFIG_DIR: K9S_DIR, COLORTERM: 'truecolor' },
      cols: 150,
      rows: 34,
    });
    await k.waitFor(/webserver/, 30_000);
  });
  after(async () => {
    await k.stop();
  });

  it('lays out pods as views.yaml says: its columns, a computed one, IP hidden, sorted by NAME desc', async () => {
    const s = await k.waitFor(/NAME↓\s+STATUS\s+NODE-NAME\s+IMAGE\s+RESTARTS\s+AGE/);
    assert.doesNotMatch(s.split('\n').find((l) => l.includes('NODE-NAME')) ?? '', /\bIP\b/);
    assert.match(s, /webserver\s+\S+\s+kdeck-worker-\d\s+nginx:latest/);
    const names = s.split('\n').filter((l) => /^\s{2}(webserver|web-0|pod1|crashy)\b/.test(l));
    assert.deepEqual(
      names.map((l) => l.trim().split(/\s+/)[0]),
      ['webserver', 'web-0', 'pod1', 'crashy'],
    );
  });

  it('paints with the skin config.yaml names: table header gold, cursor row #9ccfd8', () => {
    assert.equal(k.colourOf('NAME↓'), '#f6c177');
    assert.equal(k.colourOf('webserver', 'bg'), '#9ccfd8');
  });

  it('aliases from aliases.yaml (GVRs, commands, chains) and the context folder', async () => {
    await command(k, 'sys');
    await k.waitFor(/ns kube-system/);
    await command(k, 'pw');
    await k.waitFor(/labels app=web|0 rows|No resources/);
    await command(k, 'ctxpods');
    await k.waitFor(/ns default/);
    await command(k, 'dp');
    await k.waitFor(/NAME\s+WANTED\s+READY/);
  });

  it('hotkeys from hotkeys.yaml run their command; keepHistory keeps the breadcrumbs', async () => {
    k.press('!');
    await k.waitFor(/ns all namespaces/);
    k.press('@');
    await k.waitFor(/NAME\s+WANTED\s+READY/);
    k.press('#');
    await k.waitFor(/deployments\.apps\s+pods/);
    k.press('?');
    const help = await k.waitFor(/Viewing deployments \(hotkey: :dp\)/);
    assert.match(help, /!\s+Viewing pods \(hotkey: :pods -A\)/);
    k.press(KEYS.esc);
  });

  it("plugins in k9s's schema: variables, pipes, background with overwriteOutput, confirm with $!COL-", async () => {
    await command(k, 'pp default');
    await k.waitFor(/webserver/);
    k.press('/');
    await k.type('^webserver');
    k.press(KEYS.enter);
    await k.waitFor(/filter \/\^webserver\//);
    k.press('W');
    await k.waitFor(
      /whoami default\/webserver in kdeck-demo on kdeck-demo col-ready=\S+ filter=\^webserver group=\[\] version=v1 res=pods/,
    );
    k.press(CTRL_RB);
    k.press('Y');
    await k.waitFor('PIPED WEBSERVER');
    k.press(CTRL_RB);
    await command(k, 'dp');
    await k.waitFor(/test\s+1/);
    k.press('T');
    await k.waitFor(/^ touched test$/m);
    await command(k, 'cj');
    await k.waitFor(/hello/);
    k.press('V');
    const dialog = await k.waitFor(/Run Toggle to suspend or resume a running cronjob\?/);
    assert.match(
      dialog,
      /kubectl patch cronjobs hello -n default --context kdeck-demo -p \{"spec" : \{"suspend" : true \}\}/,
    );
    k.press(KEYS.esc);
    await k.waitForGone(/Run Toggle/);
    await k.waitFor(/hello\s+\S+/);
  });

  it('ctrl-s dumps the list as shown to CSV in the dump folder; :sd lists, opens and deletes it', async () => {
    await command(k, 'pp default');
    await k.waitFor(/webserver/);
    k.press('/');
    await k.type('^web');
    k.press(KEYS.enter);
    await k.waitFor(/filter \/\^web\//);
    k.press(CTRL_S);
    const s = await k.waitFor(/\d+ rows dumped to \S+\.csv/);
    const [, count, file] = /(\d+) rows dumped to (\S+\.csv)/.exec(s)!;
    assert.ok(file && count);
    assert.ok(file.startsWith(join(dumps, 'kdeck-demo', 'kdeck-demo')), file);
    const csv = readFileSync(file, 'utf8').split('\r\n');
    assert.equal(csv[0], 'NAME,STATUS,NODE-NAME,IMAGE,RESTARTS,AGE');
    const shown = s
      .split('\n')
      .filter((l) => /^\s{2}web/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    assert.equal(shown.length, Number(count));
    assert.deepEqual(
      csv.slice(1, -1).map((l) => l.split(',')[0]),
      shown,
    );
    assert.equal(csv.at(-1), '');
    await command(k, 'sd');
    await k.waitFor(/1 dumps · enter open/);
    k.press(KEYS.enter);
    await k.waitFor('NAME,STATUS,NODE-NAME,IMAGE,RESTARTS,AGE');
    k.press(KEYS.esc);
    await k.waitFor(/1 dumps/);
    k.press(KEYS.ctrlD);
    await k.waitFor(/y deletes/);
    k.press('y');
    await k.waitFor(/0 dumps/);
    assert.ok(!existsSync(file));
  });

  it("logs start as k9s's logger says (tail 200, wrap) and ctrl-s saves them into the dump folder", async () => {
    await command(k, 'pp default');
    await k.waitFor(/webserver/);
    k.press('/');
    await k.type('^webserver');
    k.press(KEYS.enter);
    await k.waitFor(/filter \/\^webserver\//);
    k.press('l');
    const s = await k.waitFor(/tail 200/);
    assert.match(s, /wrap/);
    k.press(CTRL_S);
    const saved = await k.waitFor(/saved \d+ lines to \S+\.log/);
    const file = /saved \d+ lines to (\S+\.log)/.exec(saved)![1]!;
    assert.ok(file.startsWith(join(dumps, 'kdeck-demo', 'kdeck-demo')), file);
    assert.ok(existsSync(file));
    k.press(KEYS.esc);
  });

  it(':config lists every file read and every entry ignored, with the reason', async () => {
    await command(k, 'config');
    await k.waitFor(/config\s+1-\d+\/\d+ · \d+ files · \d+ entries ignored/);
    const expect: [string, RegExp][] = [
      ['imageScans', /ignored k9s\.imageScans: unsupported feature: image vulnerability scans/],
      ['alt-n', /ignored hotKeys\.alt-n\.shortCut: Alt keys are not supported/],
      ['take-describe:', /ignored hotKeys\.take-describe: kdeck uses d for: Describe/],
      ['with-inputs', /ignored plugins\.with-inputs\.inputs: unsupported feature: plugin input forms/],
      ['remove_finalizers:', /ignored plugins\.remove_finalizers: kdeck uses ctrl-f for: Page down/],
      ['steals-logs:', /ignored plugins\.steals-logs: kdeck uses l on pods/],
      ['broken.yaml', /not read: .*kdeck went on without it/],
      ['aliases.broken', /ignored aliases\.broken: bad value/],
      ['columns[1]', /ignored views\.v1\/services\.columns\[1\]: bad value/],
      ['notacolour', /ignored k9s\.views\.yaml\.valueColor: bad value: "notacolour" is not a colour/],
      ['secretDecode', /ignored k9s\.featureGates\.secretDecode: unknown feature gate/],
      ['refreshRate', /ignored k9s\.refreshRate: kdeck lists follow watches/],
    ];
    for (const [search, want] of expect) {
      k.press('/');
      await k.type(search);
      k.press(KEYS.enter);
      await k.waitFor(want);
    }
  });
});

describe('kdeck --import-k9s', () => {
  it('prints what the k9s setup becomes, every unsupported entry with its reason', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--import-k9s', '--demo'], {
      env: {
        PATH: process.env.PATH,
        HOME: mkdtempSync(join(tmpdir(), 'kdeck-home-')),
        K9S_CONFIG_DIR: K9S_DIR,
      },
    });
    assert.match(stdout, /k9s config folder: .*fixtures\/k9s/);
    assert.match(stdout, /✓ alias dp → deployments\.apps/);
    assert.match(stdout, /✓ plugin stern on ctrl-y \(pods\): stern/);
    assert.match(stdout, /✓ hotkey shift-3 on # → :sys/);
    assert.match(stdout, /✓ k9s\.frame\.menu\.keyColor dodgerblue → key/);
    assert.match(stdout, /clusters\/kdeck-demo\/kdeck-demo\/config\.yaml/);
    assert.match(stdout, /✗ ignored plugins\.with-inputs\.inputs: unsupported feature/);
    assert.match(
      stdout,
      /In kdeck: \d+ aliases, 3 hotkeys, 8 plugins, 3 custom views; \d+ k9s entries not taken/,
    );
    const none = await promisify(execFile)(process.execPath, [BIN, '--import-k9s', '--no-k9s-config'], {
      env: {
        PATH: process.env.PATH,
        HOME: mkdtempSync(join(tmpdir(), 'kdeck-home-')),
        K9S_CONFIG_DIR: K9S_DIR,
      },
    });
    assert.match(none.stdout, /k9s files are not read \(--no-k9s-config\)/);
    assert.match(none.stdout, /0 plugins/);
  });
});
