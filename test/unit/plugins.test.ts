import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlugins, pluginApplies, pluginArgs, pluginEnv } from '../../src/model/plugins.js';

describe('plugins: local commands on keys, as in k9s', () => {
  it('reads valid entries and names the invalid ones', () => {
    const { plugins, problems } = parsePlugins([
      {
        key: 'shift-l',
        description: 'stern',
        scopes: ['Pods', 'deployments'],
        command: 'stern',
        args: ['-n', '$NAMESPACE', '$NAME'],
      },
      { key: 'x' },
      { key: 'ctrl-r', command: 'kubectl', args: ['rollout', 'restart'], dangerous: true },
    ]);
    assert.equal(plugins.length, 2);
    assert.deepEqual(plugins[0]!.scopes, ['pods', 'deployments']);
    assert.deepEqual(plugins[1]!.scopes, ['all']);
    assert.equal(plugins[1]!.dangerous, true);
    assert.deepEqual(problems, ['plugins[1] needs a key and a command']);
    assert.deepEqual(parsePlugins({}).problems, ['plugins should be a list']);
  });

  it('applies by plural, kind or all', () => {
    const [p] = parsePlugins([{ key: 'a', command: 'c', scopes: ['pods'] }]).plugins;
    assert.ok(pluginApplies(p!, 'pods', 'Pod'));
    assert.ok(!pluginApplies(p!, 'services', 'Service'));
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${NAME} is the plugin syntax under test, not a template
  it('fills $NAMESPACE, ${NAME}, $CONTEXT into the arguments and the environment', () => {
    const [p] = parsePlugins([
      {
        key: 'a',
        command: 'c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the plugin syntax under test
        args: ['logs', '-n', '$NAMESPACE', '${NAME}', '--context', '$CONTEXT', '$UNKNOWN'],
      },
    ]).plugins;
    const env = pluginEnv({
      obj: { metadata: { name: 'web-0', namespace: 'default' } },
      resource: 'pods',
      kind: 'Pod',
      context: 'prod',
      cluster: 'c',
      user: 'u',
      kubeconfig: '/tmp/kc',
    });
    assert.equal(env.KUBECONFIG, '/tmp/kc');
    assert.deepEqual(pluginArgs(p!, env), [
      'logs',
      '-n',
      'default',
      'web-0',
      '--context',
      'prod',
      '$UNKNOWN',
    ]);
  });
});
