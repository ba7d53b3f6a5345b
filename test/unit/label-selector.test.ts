import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatLabels,
  formatSelector,
  LabelSelectorError,
  matchesLabels,
  parseLabelSelector,
  selectorFromLabelSelector,
  selectorFromMap,
} from '../../src/model/label-selector.js';

const web = { app: 'web', tier: 'frontend', 'statefulset.kubernetes.io/pod-name': 'web-0', replicas: '3' };

describe('parseLabelSelector + matchesLabels', () => {
  // [selector, labels, matches]: the semantics of apimachinery labels.Parse/Matches.
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', web, true],
    ['app=web', web, true],
    ['app==web', web, true],
    ['app=db', web, false],
    ['app!=db', web, true],
    ['app!=web', web, false],
    ['missing!=x', web, true],
    ['app in (web,db)', web, true],
    ['app in (db)', web, false],
    ['app notin (db, cache)', web, true],
    ['app notin (web)', web, false],
    ['missing notin (web)', web, true],
    ['tier', web, true],
    ['missing', web, false],
    ['!missing', web, true],
    ['!tier', web, false],
    ['app=web,tier=frontend', web, true],
    ['app=web,tier=backend', web, false],
    ['statefulset.kubernetes.io/pod-name=web-0', web, true],
    ['replicas>2', web, true],
    ['replicas<3', web, false],
    ['app>2', web, false],
    ['app=web', undefined, false],
    ['!app', undefined, true],
    ['  app = web ,  tier  ', web, true],
    ['empty=', { empty: '' }, true],
    ['empty=', { empty: 'x' }, false],
  ];
  for (const [sel, labels, want] of cases) {
    it(`${JSON.stringify(sel)} ${want ? 'matches' : 'does not match'}`, () => {
      assert.equal(matchesLabels(parseLabelSelector(sel), labels), want);
    });
  }

  it('throws a LabelSelectorError naming the problem and where', () => {
    const bad: [string, RegExp][] = [
      ['app in web', /expected "\(" after in/],
      ['app in (web', /missing "\)"/],
      ['app in ()', /needs at least one value/],
      ['app=web,', /trailing ","/],
      ['app web', /unexpected "web"|expected ","/],
      ['=web', /expected a key/],
      ['-bad=1', /key "-bad"/],
      ['app=we b', /expected "," but found "b"/],
      ['n>x', /"x" is not an integer/],
      ['Bad_Prefix/app=1', /key prefix/],
    ];
    for (const [input, message] of bad) {
      assert.throws(
        () => parseLabelSelector(input),
        (e: unknown) => e instanceof LabelSelectorError && message.test(e.message) && e.input === input,
        input,
      );
    }
  });
});

describe('selectors from objects and kubectl formatting', () => {
  it('formats as apimachinery Selector.String(): sorted by key, sorted values', () => {
    assert.equal(formatSelector(parseLabelSelector('z=1,a in (y,x),!m,k')), 'a in (x,y),k,!m,z=1');
  });
  it('metav1.LabelSelector: matchLabels and matchExpressions', () => {
    const sel = selectorFromLabelSelector({
      matchLabels: { tier: 'frontend' },
      matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }],
    });
    assert.ok(sel);
    assert.equal(formatSelector(sel), 'env notin (prod),tier=frontend');
    assert.equal(matchesLabels(sel, { tier: 'frontend' }), true);
    assert.equal(matchesLabels(sel, { tier: 'frontend', env: 'prod' }), false);
  });
  it('a missing metav1.LabelSelector selects nothing; an empty one everything', () => {
    assert.equal(selectorFromLabelSelector(undefined), undefined);
    assert.equal(matchesLabels(selectorFromLabelSelector({})!, { any: 'thing' }), true);
  });
  it('service selector maps and FormatLabels', () => {
    assert.equal(matchesLabels(selectorFromMap({ app: 'nginx' }), { app: 'nginx', x: 'y' }), true);
    assert.equal(formatLabels({ tier: 'frontend', app: 'guestbook' }), 'app=guestbook,tier=frontend');
    assert.equal(formatLabels({}), '<none>');
  });
});
