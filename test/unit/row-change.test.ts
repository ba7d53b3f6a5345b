import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absorbable, cellWidths, type RowChangeContext } from '../../src/model/row-change.js';
import type { Row } from '../../src/model/table.js';

const row = (cells: string[], extra: Partial<Row> = {}): Row => ({
  key: 'default/web-1',
  namespace: 'default',
  name: 'web-1',
  cells,
  sortValues: [undefined, undefined, 1_000],
  health: 'ok',
  ...extra,
});
// NAME STATUS AGE
const ctx = (c: Partial<RowChangeContext> = {}): RowChangeContext => ({
  textFilter: false,
  widths: [10, 16, 5],
  onScreen: false,
  ageColumns: [false, false, true],
  ...c,
});

describe('a changed row taken in place, without a frame', () => {
  const before = row(['web-1', 'Running', '5m']);
  it('a relabel (no cell changes) is taken, on screen or off', () => {
    assert.ok(absorbable(before, row(['web-1', 'Running', '5m']), ctx({ onScreen: true })));
    assert.ok(absorbable(before, row(['web-1', 'Running', '5m']), ctx()));
  });
  it('an age cell rendered at another moment is the same look: ages are drawn from the creation time', () => {
    assert.ok(absorbable(before, row(['web-1', 'Running', '6m']), ctx({ onScreen: true })));
  });
  it('a changed cell on screen is drawn; off screen it is taken', () => {
    const after = row(['web-1', 'CrashLoopBackOff', '5m'], { health: 'error' });
    assert.equal(absorbable(before, after, ctx({ onScreen: true })), false);
    assert.ok(absorbable(before, after, ctx()));
  });
  it('a cell wider than its column changes the layout: drawn', () => {
    assert.equal(absorbable(before, row(['web-1', 'ContainerCreatingXX', '5m']), ctx()), false);
  });
  it('a change of the sorted column moves the row: drawn', () => {
    assert.equal(absorbable(before, row(['web-1', 'Pending', '5m']), ctx({ sortColumn: 1 })), false);
    assert.ok(absorbable(before, row(['web-1', 'Pending', '5m']), ctx({ sortColumn: 0 })));
  });
  it('under a text filter any changed cell may change the match: drawn', () => {
    assert.equal(absorbable(before, row(['web-1', 'Pending', '5m']), ctx({ textFilter: true })), false);
  });
  it('a colour change alone is seen on screen', () => {
    assert.equal(
      absorbable(before, row(['web-1', 'Running', '5m'], { health: 'warn' }), ctx({ onScreen: true })),
      false,
    );
  });
  it('measures the widest cell of each column', () => {
    assert.deepEqual(cellWidths(3, [before, row(['web-10', 'Pending', '12m'])]), [6, 7, 3]);
  });
});
