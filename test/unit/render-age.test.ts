import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanDuration, since, toMillis } from '../../src/model/age.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

// Expected strings are apimachinery duration.HumanDuration's, the AGE kubectl prints.
const cases: [number, string][] = [
  [0, '0s'],
  [-1 * S, '0s'],
  [-2 * S, '<invalid>'],
  [999, '0s'],
  [59 * S, '59s'],
  [119 * S, '119s'],
  [120 * S, '2m'],
  [125 * S, '2m5s'],
  [9 * M + 59 * S, '9m59s'],
  [10 * M + 30 * S, '10m'],
  [179 * M, '179m'],
  [3 * H, '3h'],
  [3 * H + 20 * M, '3h20m'],
  [7 * H + 59 * M, '7h59m'],
  [8 * H + 30 * M, '8h'],
  [47 * H, '47h'],
  [2 * D, '2d'],
  [2 * D + 3 * H, '2d3h'],
  [7 * D + 23 * H, '7d23h'],
  [8 * D + 5 * H, '8d'],
  [45 * D, '45d'],
  [729 * D, '729d'],
  [730 * D, '2y'],
  [750 * D, '2y20d'],
  [8 * 365 * D + 40 * D, '8y'],
];

describe('humanDuration', () => {
  for (const [ms, want] of cases) {
    it(`${ms} ms → ${want}`, () => assert.equal(humanDuration(ms), want));
  }
});

describe('since / toMillis', () => {
  it('is <unknown> without a timestamp, as translateTimestampSince', () => {
    assert.equal(since(undefined, 0), '<unknown>');
    assert.equal(since('not a date', 0), '<unknown>');
  });
  it('accepts Date, RFC 3339 strings and epoch ms alike', () => {
    const ms = Date.parse('2026-01-10T12:00:00Z');
    assert.equal(toMillis(new Date(ms)), ms);
    assert.equal(toMillis('2026-01-10T12:00:00Z'), ms);
    assert.equal(toMillis(ms), ms);
    assert.equal(since('2026-01-10T11:55:00Z', ms), '5m');
  });
});

describe('toMillis on API timestamps', () => {
  const cases: string[] = [
    '2026-01-10T12:00:00Z',
    '2026-01-10T12:00:00.5Z',
    '2026-01-10T12:00:00.123Z',
    '2026-01-10T12:00:00.123456Z',
    '2026-01-10T14:00:00+02:00',
    '1999-12-31T23:59:59Z',
  ];
  for (const s of cases) {
    it(s, () => assert.equal(toMillis(s), Date.parse(s)));
  }
  it('garbage is undefined', () => {
    assert.equal(toMillis('2026-01-10Tab:00:00Z'), undefined);
    assert.equal(toMillis(''), undefined);
  });
});
