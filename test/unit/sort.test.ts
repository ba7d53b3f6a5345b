import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFilter, parseFilter } from '../../src/model/filter.js';
import { sortRows } from '../../src/model/sort.js';
import type { Column, Row } from '../../src/model/table.js';

const columns: Column[] = [
  { name: 'NAME' },
  { name: 'RESTARTS', sort: 'number' },
  { name: 'AGE', sort: 'age' },
  { name: 'CAPACITY', sort: 'quantity' },
];

const row = (name: string, restarts: string, created: number | undefined, capacity: string): Row => ({
  key: name,
  name,
  cells: [name, restarts, created === undefined ? '<unknown>' : 'x', capacity],
  sortValues: [undefined, undefined, created, undefined],
  health: 'neutral',
});

const rows = [
  row('web-10', '5 (3m ago)', 1000, '1Gi'),
  row('web-2', '0', 3000, '512Mi'),
  row('Web-1', '12', 2000, '2G'),
  row('db', '0', undefined, ''),
];
const names = (rs: Row[]) => rs.map((r) => r.name);

describe('sortRows', () => {
  it('text sorts naturally and case-insensitively', () => {
    assert.deepEqual(names(sortRows(rows, columns, { column: 'NAME' })), ['db', 'Web-1', 'web-2', 'web-10']);
    assert.deepEqual(names(sortRows(rows, columns, { column: 0, descending: true })), [
      'web-10',
      'web-2',
      'Web-1',
      'db',
    ]);
  });
  it('numbers by value, from the leading number of the cell', () => {
    assert.deepEqual(names(sortRows(rows, columns, { column: 'RESTARTS' })), [
      'web-2',
      'db',
      'web-10',
      'Web-1',
    ]);
  });
  it('ages youngest first (latest creation time), unknown last', () => {
    assert.deepEqual(names(sortRows(rows, columns, { column: 'AGE' })), ['web-2', 'Web-1', 'web-10', 'db']);
    assert.deepEqual(names(sortRows(rows, columns, { column: 'AGE', descending: true })), [
      'db',
      'web-10',
      'Web-1',
      'web-2',
    ]);
  });
  it('quantities by value (512Mi < 1Gi < 2G), unparsable last', () => {
    assert.deepEqual(names(sortRows(rows, columns, { column: 'CAPACITY' })), [
      'web-2',
      'web-10',
      'Web-1',
      'db',
    ]);
  });
  it('is stable: ties keep their order, in both directions', () => {
    const ties = [row('b', '0', 1, ''), row('a', '0', 1, ''), row('c', '0', 1, '')];
    assert.deepEqual(names(sortRows(ties, columns, { column: 'RESTARTS' })), ['b', 'a', 'c']);
    assert.deepEqual(names(sortRows(ties, columns, { column: 'RESTARTS', descending: true })), [
      'b',
      'a',
      'c',
    ]);
  });
  it('filtering the sorted rows gives the order sorting the filtered rows would (the list sorts once, not per keystroke)', () => {
    const many = [
      ...rows,
      row('web-3', '0', 3000, '1Gi'),
      row('api-1', '5', 1000, '512Mi'),
      row('web-20', '12', undefined, ''),
      row('api-2', '0', 2000, '2G'),
    ];
    for (const column of [0, 1, 2, 3])
      for (const descending of [false, true])
        for (const input of ['web', 'api', '!web', '0', 'nothing', '']) {
          const spec = parseFilter(input);
          const sort = { column, descending };
          assert.deepEqual(
            names(applyFilter(sortRows(many, columns, sort), spec)),
            names(sortRows(applyFilter(many, spec), columns, sort)),
            `column ${column} ${descending ? 'descending' : 'ascending'}, filter "${input}"`,
          );
        }
  });
  it('an unknown column leaves the order alone and does not mutate the input', () => {
    const copy = rows.slice();
    assert.deepEqual(sortRows(rows, columns, { column: 'NOPE' }), rows);
    sortRows(rows, columns, { column: 'NAME' });
    assert.deepEqual(rows, copy);
  });
});
