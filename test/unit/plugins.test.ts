import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Plugin,
  parsePlugins,
  pluginApplies,
  pluginArgs,
  pluginEnv,
  pluginInvocation,
  pluginProcessEnv,
  substitute,
} from '../../src/model/plugins.js';

const one = (raw: Record<string, unknown>): Plugin => {
  const p = parsePlugins({ p: raw }, 'plugins', 'f.yaml').value[0];
  assert.ok(p, 'the plugin parses');
  return p;
};

describe('plugins: k9s schema, one format for kdeck and k9s', () => {
  it('reads valid entries and names each invalid one with its reason', () => {
    const r = parsePlugins(
      {
        stern: {
          shortCut: 'Ctrl-Y',
          description: 'Logs <Stern>',
          scopes: ['Pods', 'deploy'],
          command: 'stern',
          args: ['--tail', 50, '$FILTER'],
        },
        nokey: { command: 'x' },
        nocmd: { shortCut: 'x' },
        alt: { shortCut: 'Alt-X', command: 'x' },
        forms: { shortCut: 'x', command: 'x', inputs: [{ name: 'n' }] },
        odd: { shortCut: 'Shift-O', command: 'x', colour: 'red', background: 'yes' },
      },
      'plugins',
      'f.yaml',
    );
    assert.deepEqual(
      r.value.map((p) => [p.name, p.key, p.scopes, p.args]),
      [
        ['stern', 'ctrl-y', ['pods', 'deploy'], ['--tail', '50', '$FILTER']],
        ['odd', 'shift-o', ['all'], []],
      ],
    );
    assert.deepEqual(
      r.ignored.map((i) => [i.entry, i.reason.split(':')[0]]),
      [
        ['plugins.nokey', 'no shortCut'],
        ['plugins.nocmd', 'no command'],
        ['plugins.alt.shortCut', 'Alt keys are not supported (terminals send them as esc + key)'],
        ['plugins.forms.inputs', 'unsupported feature'],
        ['plugins.odd.colour', 'unknown key'],
        ['plugins.odd.background', 'bad value'],
      ],
    );
    assert.deepEqual(parsePlugins([{ key: 'x' }], 'plugins', 'f').ignored[0]?.entry, 'plugins');
  });

  it('applies by plural, kind, short name, alias or all', () => {
    const p = one({ shortCut: 'a', command: 'c', scopes: ['po'] });
    const pods = { resource: 'pods', kind: 'Pod', singular: 'pod', shortNames: ['po'] };
    assert.ok(pluginApplies(p, pods));
    assert.ok(!pluginApplies(p, { resource: 'services', kind: 'Service', shortNames: ['svc'] }));
    const byAlias = one({ shortCut: 'a', command: 'c', scopes: ['pp'] });
    assert.ok(pluginApplies(byAlias, { ...pods, aliases: ['pp'] }));
    assert.ok(!pluginApplies(byAlias, pods));
  });

  it("fills k9s's variables: $NAMESPACE, {NAME} in braces, $COL-<NAME>, $RESOURCE_*, $!negation", () => {
    const env = pluginEnv({
      obj: { metadata: { name: 'nightly', namespace: 'shop' } },
      resource: 'cronjobs',
      group: 'batch',
      version: 'v1',
      kind: 'CronJob',
      context: 'prod',
      cluster: 'c1',
      user: 'alice',
      groups: ['dev', 'ops'],
      kubeconfig: '/tmp/kc',
      columns: [
        { name: 'SUSPEND', value: 'False' },
        { name: 'ACTIVE', value: '1' },
        { name: 'Last Schedule', value: '5m' },
      ],
    });
    const cases: [string, string][] = [
      ['$NAMESPACE/$NAME', 'shop/nightly'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the plugin syntax under test
      ['${NAME}-x', 'nightly-x'],
      ['$name', 'nightly'],
      ['$RESOURCE_NAME.$RESOURCE_GROUP/$RESOURCE_VERSION', 'cronjobs.batch/v1'],
      ['{"suspend": $!COL-SUSPEND}', '{"suspend": true}'],
      ['$COL-SUSPEND', 'false'],
      ['$!COL-ACTIVE', '1'],
      ['$CONTEXT $CLUSTER $USER $GROUPS', 'prod c1 alice dev,ops'],
      ['$FILTER', 'nightly'],
      ['$POD', ''],
      ['$UNKNOWN', '$UNKNOWN'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax k9s leaves to the shell
      ['${RESOURCE_GROUP:+x}', '${RESOURCE_GROUP:+x}'],
    ];
    for (const [arg, want] of cases) assert.equal(substitute(arg, env), want, arg);
    assert.equal(env.KUBECONFIG, '/tmp/kc');
    assert.equal(pluginProcessEnv(env)['COL-SUSPEND'], undefined);
    assert.equal(pluginProcessEnv(env).NAMESPACE, 'shop');
  });

  it('runs pipes as one shell pipeline, arguments quoted', () => {
    const p = one({
      shortCut: 'a',
      command: 'kubectl',
      args: ['get', '$NAME', '-o', 'json'],
      pipes: ['jq .spec'],
    });
    assert.deepEqual(pluginInvocation(p, { NAME: "it's" }), {
      file: 'sh',
      args: ['-c', `kubectl get 'it'\\''s' -o json | jq .spec`],
    });
    const plain = one({ shortCut: 'a', command: 'echo', args: ['$NAME'] });
    assert.deepEqual(pluginInvocation(plain, { NAME: 'x y' }), { file: 'echo', args: ['x y'] });
    assert.deepEqual(pluginArgs(plain, {}), ['$NAME']);
  });
});
