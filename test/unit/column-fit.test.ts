import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitColumns } from '../../src/model/column-fit.js';

// Pods in all namespaces: NAMESPACE NAME READY STATUS RESTARTS AGE.
const pods = [
  { natural: 14, role: 'namespace' as const },
  { natural: 34, role: 'name' as const },
  { natural: 5 },
  { natural: 16 },
  { natural: 12 },
  { natural: 4 },
];

describe('fitColumns', () => {
  it('keeps every width when they fit', () => {
    assert.deepEqual(fitColumns(pods, 200), [14, 34, 5, 16, 12, 4]);
  });

  it('at 80 columns NAME gives way before STATUS, RESTARTS and AGE are cut', () => {
    // 80 minus the margin (2) and five gaps (10).
    const w = fitColumns(pods, 68);
    assert.deepEqual(w.slice(2), [5, 16, 12, 4], 'CrashLoopBackOff and "5 (2m2s ago)" whole');
    assert.equal(
      w.reduce((a, b) => a + b),
      68,
    );
    assert.ok(w[1]! >= 16 && w[1]! < 34);
  });

  it('cuts long free text (a MESSAGE) before the names', () => {
    const events = [{ natural: 30, role: 'name' as const }, { natural: 10 }, { natural: 90 }];
    assert.deepEqual(fitColumns(events, 80), [30, 10, 40]);
    assert.deepEqual(fitColumns(events, 60), [26, 10, 24]);
  });

  it('when even that is not enough, the other columns are capped evenly and NAME shrinks last', () => {
    const w = fitColumns(pods, 40);
    assert.ok(w[3]! >= 8 && w[4]! >= 8);
    assert.ok(w[1]! >= 8);
    assert.ok(w.reduce((a, b) => a + b) <= 40 || w.every((x, j) => x <= 8 || j === 2 || j === 5));
  });
});
