import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLbView } from '../../src/model/lb/lb-view.js';
import {
  initialLbPanelState,
  type LbKey,
  type LbPanelState,
  lbPanelKey,
  lbTables,
  splitKeys,
} from '../../src/ui/panels/lb/lb-panel-state.js';
import { ipPool, lbService } from './lb-fixtures.js';

describe('splitKeys: one terminal read may carry several keys', () => {
  const cases: [string, string, LbKey, [string, LbKey][]][] = [
    ['a single key passes through', 'j', {}, [['j', {}]]],
    ['a special key passes through', '', { tab: true }, [['', { tab: true }]]],
    [
      'tab then enter',
      '\t\r',
      {},
      [
        ['', { tab: true }],
        ['', { return: true }],
      ],
    ],
    [
      'slash then a letter',
      '/l',
      {},
      [
        ['/', {}],
        ['l', {}],
      ],
    ],
    [
      'typed text ending in enter',
      'ng\r',
      {},
      [
        ['n', {}],
        ['g', {}],
        ['', { return: true }],
      ],
    ],
    [
      'an arrow inside a chunk',
      'j\x1b[Bk',
      {},
      [
        ['j', {}],
        ['', { downArrow: true }],
        ['k', {}],
      ],
    ],
    [
      'esc then a letter',
      '\x1bf',
      {},
      [
        ['', { escape: true }],
        ['f', {}],
      ],
    ],
    [
      'backspace inside a chunk',
      'ab\x7f',
      {},
      [
        ['a', {}],
        ['b', {}],
        ['', { backspace: true }],
      ],
    ],
    ['ctrl chords are left alone', 'w', { ctrl: true }, [['w', { ctrl: true }]]],
  ];
  for (const [name, input, key, want] of cases) {
    it(name, () => assert.deepEqual(splitKeys(input, key), want));
  }
});

describe('lbPanelKey', () => {
  const view = buildLbView({
    ipAddressPools: [ipPool('a', ['10.0.0.1/32']), ipPool('b', ['10.0.1.0/30'])],
    l2Advertisements: [],
    bgpAdvertisements: [],
    services: [lbService('x', { ingress: ['10.0.0.1'] }), lbService('y', { ingress: ['10.0.1.0'] })],
    events: [],
    l2Statuses: [],
    bgpStatuses: [],
    nodes: [],
    namespaces: [],
  });
  const run = (keys: [string, LbKey][], s: LbPanelState = initialLbPanelState) => {
    const opened: string[] = [];
    for (const [input, key] of keys) {
      const r = lbPanelKey(s, input, key, lbTables(view, s));
      s = r.state;
      if (r.open) opened.push(`${r.open.namespace}/${r.open.name}`);
    }
    return { s, opened };
  };
  it('moves within bounds and opens the selected service', () => {
    const { s, opened } = run([
      ['j', {}],
      ['j', {}],
      ['j', {}],
      ['', { return: true }],
    ]);
    assert.equal(s.services.selected, 1);
    assert.deepEqual(opened, ['default/y']);
  });
  it('enter on a pool scopes the services to it; esc unwinds one thing at a time', () => {
    let { s } = run(splitKeys('\tj\r', {}));
    assert.deepEqual([s.pane, s.poolScope], ['services', 'b']);
    assert.deepEqual(
      lbTables(view, s).services.rows.map((r) => r.name),
      ['y'],
    );
    ({ s } = run(splitKeys('/zz\r', {}), s));
    assert.equal(s.services.filter, 'zz');
    ({ s } = run([['', { escape: true }]], s));
    assert.deepEqual([s.services.filter, s.poolScope], ['', 'b']);
    ({ s } = run([['', { escape: true }]], s));
    assert.equal(s.poolScope, undefined);
  });
});
