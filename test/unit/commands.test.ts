import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance, parseCommand, suggest } from '../../src/model/commands.js';

const names = [
  'pods',
  'po',
  'pod',
  'deployments',
  'deploy',
  'deployment',
  'deployments.apps',
  'services',
  'svc',
  'ipaddresspools',
];
const ctx = {
  isResource: (n: string) => names.includes(n),
  aliases: { sys: 'pods kube-system', dp: 'deployments' },
  names,
};

describe(': commands', () => {
  const cases: [string, ReturnType<typeof parseCommand>][] = [
    ['pods', { kind: 'resource', name: 'pods', namespaces: undefined, labelSelector: undefined }],
    [
      'po kube-system',
      { kind: 'resource', name: 'po', namespaces: ['kube-system'], labelSelector: undefined },
    ],
    [
      'pods default,kube-system',
      { kind: 'resource', name: 'pods', namespaces: ['default', 'kube-system'], labelSelector: undefined },
    ],
    ['pods app=web', { kind: 'resource', name: 'pods', namespaces: undefined, labelSelector: 'app=web' }],
    [
      'pods app=web,tier!=db shop',
      { kind: 'resource', name: 'pods', namespaces: ['shop'], labelSelector: 'app=web,tier!=db' },
    ],
    ['pods -A', { kind: 'resource', name: 'pods', namespaces: 'all', labelSelector: undefined }],
    ['helm', { kind: 'helm', namespaces: undefined }],
    ['releases -A', { kind: 'helm', namespaces: 'all' }],
    ['charts shop,demo', { kind: 'helm', namespaces: ['shop', 'demo'] }],
    [
      'Deployments.Apps',
      { kind: 'resource', name: 'deployments.apps', namespaces: undefined, labelSelector: undefined },
    ],
    ['sys', { kind: 'resource', name: 'pods', namespaces: ['kube-system'], labelSelector: undefined }],
    ['dp shop', { kind: 'resource', name: 'deployments', namespaces: ['shop'], labelSelector: undefined }],
    ['ctx', { kind: 'contexts', switchTo: undefined }],
    ['ctx prod', { kind: 'contexts', switchTo: 'prod' }],
    ['ns kube-system', { kind: 'namespace', set: 'kube-system' }],
    ['dns', { kind: 'panel', panel: 'dns' }],
    ['lb', { kind: 'panel', panel: 'lb' }],
    ['requests', { kind: 'panel', panel: 'requests' }],
    ['q', { kind: 'quit' }],
    ['q!', { kind: 'quit' }],
    [
      'pods /crash',
      { kind: 'resource', name: 'pods', namespaces: undefined, labelSelector: undefined, filter: 'crash' },
    ],
    [
      'pods kube-system /^core dns',
      {
        kind: 'resource',
        name: 'pods',
        namespaces: ['kube-system'],
        labelSelector: undefined,
        filter: '^core dns',
      },
    ],
    [
      'pods @prod',
      { kind: 'resource', name: 'pods', namespaces: undefined, labelSelector: undefined, context: 'prod' },
    ],
    [
      'svc @prod -A /web',
      {
        kind: 'resource',
        name: 'svc',
        namespaces: 'all',
        labelSelector: undefined,
        filter: 'web',
        context: 'prod',
      },
    ],
  ];
  for (const [line, want] of cases) {
    it(`:${line}`, () => assert.deepEqual(parseCommand(line, ctx), want));
  }

  it('says what it does not know and suggests the nearest names', () => {
    const got = parseCommand('deplyo', ctx);
    assert.equal(got.kind, 'error');
    assert.match((got as { message: string }).message, /no resource named "deplyo".*deploy/);
  });

  it('suggests only names a typo or two away, never something unrelated', () => {
    const all = [...names, 'statefulsets', 'bgppeers', 'persistentvolumes', 'popeyes'];
    assert.equal(editDistance('pdos', 'pods'), 1);
    assert.deepEqual(
      closest('pdos', all),
      ['pods', 'po', 'pod'].filter((n) => editDistance('pdos', n) <= 1),
    );
    assert.deepEqual(closest('pulses', all), []);
    assert.deepEqual(closest('popeye', ['statefulsets', 'bgppeers']), []);
    assert.deepEqual(closest('sevrices', all), ['services']);
    const pulses = parseCommand('pulses', { ...ctx, names: all });
    assert.equal(pulses.kind, 'error');
    assert.doesNotMatch((pulses as { message: string }).message, /did you mean/);
  });

  it('completes by prefix first, then fuzzily', () => {
    assert.deepEqual(suggest('dep', names).slice(0, 2), ['deploy', 'deployment']);
    assert.ok(suggest('ipool', names).includes('ipaddresspools'));
    assert.deepEqual(suggest('', names), []);
  });
});
