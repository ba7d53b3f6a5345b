import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { expandAliasChains, gvrCommand, parseK9sAliases } from '../../src/model/k9s/aliases.js';
import { parseK9sHotkeys } from '../../src/model/k9s/hotkeys.js';
import { parseK9sConfig } from '../../src/model/k9s/k9s-config.js';
import { mergeK9s } from '../../src/model/k9s/merge.js';
import { parseK9sPluginFile } from '../../src/model/k9s/plugins-file.js';
import { shortcutKey } from '../../src/model/k9s/shortcut.js';
import { k9sColour, parseK9sSkin } from '../../src/model/k9s/skin.js';
import { applyView, evalPath, parseColumnSpec, parseK9sViews, viewFor } from '../../src/model/k9s/views.js';
import type { Column, Row } from '../../src/model/table.js';

describe("k9s's files as kdeck reads them", () => {
  it('shortCut names become kdeck keys, or a reason', () => {
    const cases: [string, string][] = [
      ['Ctrl-Y', 'ctrl-y'],
      ['Shift-E', 'shift-e'],
      ['Shift-1', '!'],
      ['Shift-0', ')'],
      ['g', 'g'],
      ['Alt-N', 'error'],
      ['F1', 'error'],
      ['Ctrl-1', 'error'],
    ];
    for (const [sc, want] of cases) {
      const k = shortcutKey(sc);
      assert.equal('key' in k ? k.key : 'error', want, sc);
    }
  });

  it('aliases: GVRs to the names kdeck resolves, commands kept, chains expanded', () => {
    const cases: [string, string][] = [
      ['v1/pods', 'pods'],
      ['apps/v1/deployments', 'deployments.apps'],
      ['rbac.authorization.k8s.io/v1/clusterroles', 'clusterroles.rbac.authorization.k8s.io'],
      ['pods kube-system app=web', 'pods kube-system app=web'],
      ['dp', 'dp'],
    ];
    for (const [v, want] of cases) assert.equal(gvrCommand(v), want);
    const r = parseK9sAliases(parse('aliases:\n  pp: v1/pods\n  bad: 3\nextra: 1\n'));
    assert.deepEqual(r.value, { pp: 'pods' });
    assert.deepEqual(
      r.ignored.map((i) => i.entry),
      ['extra', 'aliases.bad'],
    );
    assert.deepEqual(expandAliasChains({ a: 'b default', b: 'pods', loop: 'loop' }), {
      a: 'pods default',
      b: 'pods',
      loop: 'loop',
    });
  });

  it('hotkeys: shortCut, command, description, keepHistory', () => {
    const r = parseK9sHotkeys(
      parse(`hotKeys:
  shift-0: {shortCut: Shift-0, description: Pods, command: pods, keepHistory: true}
  nocmd: {shortCut: x}
  alt: {shortCut: Alt-x, command: pods}
`),
      'hk.yaml',
    );
    assert.deepEqual(
      r.value.map((h) => [h.key, h.command, h.description, h.keepHistory]),
      [[')', 'pods', 'Pods', true]],
    );
    assert.deepEqual(
      r.ignored.map((i) => i.entry),
      ['hotKeys.nocmd', 'hotKeys.alt.shortCut'],
    );
  });

  it('plugin files in the three shapes k9s reads', () => {
    const shapes: [string, string[]][] = [
      ['plugins:\n  a: {shortCut: a, command: x}\n  b: {shortCut: b, command: y}\n', ['a', 'b']],
      ['shortCut: Shift-Q\ncommand: sh\n', ['watch-events']],
      ['a: {shortCut: a, command: x}\n', ['a']],
    ];
    for (const [text, names] of shapes)
      assert.deepEqual(
        parseK9sPluginFile(parse(text), 'f', 'watch-events').value.map((p) => p.name),
        names,
      );
  });

  it('config.yaml: keys with a kdeck meaning taken, the rest ignored with a reason', () => {
    const r = parseK9sConfig(
      parse(`k9s:
  readOnly: true
  refreshRate: 2
  ui: {headless: true, skin: night, enableMouse: true, crumbsless: maybe}
  logger: {tail: 200, sinceSeconds: -1, textWrap: true}
  shellPod: {image: busybox:1.37.0, namespace: tools, limits: {cpu: 100m}}
  imageScans: {enable: true}
  featureGates: {nodeShell: true}
  wat: 1
`),
    );
    assert.equal(r.value.readOnly, true);
    assert.equal(r.value.headless, true);
    assert.equal(r.value.skin, 'night');
    assert.deepEqual(r.value.logs, { tail: 200, textWrap: true });
    const reasons = Object.fromEntries(r.ignored.map((i) => [i.entry, i.reason]));
    assert.match(reasons['k9s.refreshRate']!, /watches/);
    assert.match(reasons['k9s.ui.enableMouse']!, /keyboard/);
    assert.match(reasons['k9s.ui.crumbsless']!, /bad value/);
    assert.match(reasons['k9s.imageScans']!, /unsupported feature/);
    assert.equal(reasons['k9s.wat'], 'unknown key');
    assert.match(reasons['k9s.shellPod']!, /no node shell/);
    assert.match(reasons['k9s.featureGates.nodeShell']!, /no node shell/);
    assert.deepEqual(parseK9sConfig('nope').ignored[0]?.reason, 'bad value: should be a mapping');
  });

  it('column specs: names, JSONPath-like specs and attributes, as k9s writes them', () => {
    const cases: [string, unknown][] = [
      ['NAME', { name: 'NAME' }],
      ['AGE|T', { name: 'AGE', time: true }],
      ['IP|WR', { name: 'IP', wide: true, align: 'right' }],
      [
        'REPLICAS:.spec.replicas|N',
        { name: 'REPLICAS', path: '.spec.replicas', number: true, align: 'right' },
      ],
      ['IMG:spec.containers[0].image', { name: 'IMG', path: 'spec.containers[0].image' }],
      ['SECRET|H', { name: 'SECRET', hidden: true }],
    ];
    for (const [s, want] of cases) assert.deepEqual(parseColumnSpec(s), want, s);
    assert.ok('error' in parseColumnSpec('X:.a[oops'));
  });

  it('paths find values in objects', () => {
    const obj = {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { containers: [{ image: 'nginx' }, { image: 'envoy' }], replicas: 3 },
    };
    const cases: [string, string][] = [
      ['.spec.replicas', '3'],
      ['.spec.containers[*].image', 'nginx,envoy'],
      ['{.spec.containers[1].image}', 'envoy'],
      ['.metadata.labels.app\\.kubernetes\\.io/name', 'web'],
      ['.spec.nothing', '<none>'],
      ['.spec.containers[0]', '{"image":"nginx"}'],
    ];
    for (const [p, want] of cases) assert.equal(evalPath(obj, p), want, p);
  });

  it('a custom view lays out columns: its order, computed ones, the rest wide, hidden dropped', () => {
    const columns: Column[] = [
      { name: 'NAME' },
      { name: 'STATUS' },
      { name: 'IP' },
      { name: 'AGE', sort: 'age' },
    ];
    const rows: Row[] = [
      {
        key: 'default/web',
        name: 'web',
        cells: ['web', 'Running', '10.0.0.1', '5m'],
        sortValues: [undefined, undefined, undefined, 1000],
        health: 'ok',
        object: { metadata: { name: 'web' }, spec: { nodeName: 'node-1' } } as Row['object'],
      },
    ];
    const views = parseK9sViews(
      parse(
        'views:\n  v1/pods:\n    sortColumn: AGE:desc\n    columns: [AGE, NAME, "NODE:.spec.nodeName|R", IP|H]\n',
      ),
    ).value;
    const v = viewFor(views, { group: '', version: 'v1', resource: 'pods' }, 'default');
    assert.ok(v);
    assert.deepEqual(v.sort, { column: 'AGE', descending: true });
    const out = applyView(columns, rows, v, 0);
    assert.deepEqual(
      out.columns.map((c) => [c.name, c.wide ?? false, c.align ?? 'left']),
      [
        ['AGE', false, 'left'],
        ['NAME', false, 'left'],
        ['NODE', false, 'right'],
        ['STATUS', true, 'left'],
      ],
    );
    assert.deepEqual(out.rows[0]!.cells, ['5m', 'web', 'node-1', 'Running']);
    assert.equal(out.rows[0]!.sortValues?.[0], 1000);
    assert.equal(
      viewFor(views, { group: 'apps', version: 'v1', resource: 'deployments' }, undefined),
      undefined,
    );
  });

  it('skins: k9s colours (names, #hex, default) onto theme keys; the rest ignored with a reason', () => {
    const cases: [string, string | undefined][] = [
      ['dodgerblue', '#1e90ff'],
      ['#ABCDEF', '#abcdef'],
      ['#abc', '#aabbcc'],
      ['default', ''],
      ['-', ''],
      ['nope', undefined],
    ];
    for (const [c, want] of cases) assert.equal(k9sColour(c), want, c);
    const r = parseK9sSkin(
      parse(`fg: &fg "#f8f8f2"
k9s:
  body: {fgColor: *fg, logoColor: red}
  frame: {border: {fgColor: dodgerblue}, status: {errorColor: nope}}
  views: {table: {cursorBgColor: default}}
`),
    );
    assert.equal(r.value.border, '#1e90ff');
    assert.equal(r.value.selectionBg, '');
    assert.equal(r.value.health?.ok, '#f8f8f2');
    assert.deepEqual(
      r.ignored.map((i) => i.entry),
      ['k9s.body.logoColor', 'k9s.frame.status.errorColor'],
    );
  });

  it("merge: kdeck's config is the first word, losing entries are reported", () => {
    const plugins = parseK9sPluginFile(
      parse('plugins:\n  mine: {shortCut: Shift-W, command: a}\n  taken: {shortCut: d, command: b}\n'),
      'k9s/plugins.yaml',
      'plugins',
    ).value;
    const hotkeys = parseK9sHotkeys(
      parse('hotKeys:\n  w: {shortCut: Shift-W, command: pods}\n'),
      'k9s/hotkeys.yaml',
    ).value;
    const merged = mergeK9s(
      { ...DEFAULT_CONFIG, aliases: { dp: 'daemonsets' }, readOnly: undefined },
      {
        dir: 'k9s',
        aliases: { dp: 'deployments.apps', pp: 'pods', x: 'pp kube-system' },
        hotkeys,
        plugins,
        views: {},
        settings: { logs: {}, readOnly: true, favorites: ['shop'] },
        files: [
          {
            file: 'k9s/plugins.yaml',
            kind: 'k9s plugins.yaml',
            read: ['plugin mine on shift-w', 'plugin taken on d'],
            ignored: [],
          },
          { file: 'k9s/hotkeys.yaml', kind: 'k9s hotkeys.yaml', read: ['hotkey w on shift-w'], ignored: [] },
        ],
      },
      (key) => (key === 'd' ? 'kdeck uses d for: Describe' : undefined),
    );
    assert.equal(merged.aliases.dp, 'daemonsets');
    assert.equal(merged.aliases.x, 'pods kube-system');
    assert.equal(merged.readOnly, true);
    assert.deepEqual(merged.favoriteNamespaces, ['shop']);
    assert.deepEqual(
      merged.plugins.map((p) => p.name),
      ['mine'],
    );
    assert.equal(merged.hotkeys.length, 0);
    const [pf, hf] = merged.files;
    assert.deepEqual(pf?.read, ['plugin mine on shift-w']);
    assert.deepEqual(pf?.ignored, [{ entry: 'plugins.taken', reason: 'kdeck uses d for: Describe' }]);
    assert.match(hf?.ignored[0]?.reason ?? '', /runs plugin mine/);
  });
});
