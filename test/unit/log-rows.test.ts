import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogBuffer } from '../../src/model/log-buffer.js';
import { compileLogFilter } from '../../src/model/log-filter.js';
import { FilteredLog } from '../../src/ui/logs/filtered-log.js';
import { rowsOf, splitRows, windowRows } from '../../src/ui/logs/log-rows.js';

const base = { width: 10, wrap: false, json: false, timestamps: false };

test('rows carry prefix, timestamp and highlighted matches', () => {
  const rows = rowsOf(
    { seq: 1, source: 0, time: '2024-01-01T00:00:00Z', text: 'an error here' },
    {
      ...base,
      timestamps: true,
      prefix: () => ({ text: 'web-0 app', color: 'green' }),
      filter: compileLogFilter('error'),
    },
  );
  assert.deepEqual(rows[0]?.pieces, [
    { text: 'web-0 app ', color: 'green' },
    { text: '2024-01-01T00:00:00Z ', dim: true },
    { text: 'an ' },
    { text: 'error', match: true },
    { text: ' here' },
  ]);
});

test('wrap splits a line into rows of the width, keeping styles', () => {
  assert.deepEqual(splitRows([{ text: 'abcd', color: 'red' }, { text: 'efghij' }], 4), [
    [{ text: 'abcd', color: 'red' }],
    [{ text: 'efgh' }],
    [{ text: 'ij' }],
  ]);
  assert.equal(rowsOf({ seq: 1, source: 0, text: 'x'.repeat(25) }, { ...base, wrap: true }).length, 3);
});

test('JSON lines expand to one row per pretty line, indented under the prefix', () => {
  const rows = rowsOf(
    { seq: 1, source: 0, text: '{"a":1}' },
    { ...base, json: true, prefix: () => ({ text: 'p' }) },
  );
  assert.deepEqual(
    rows.map((r) => r.pieces.map((p) => p.text).join('')),
    ['p {', '    "a": 1', '  }'],
  );
});

test('the window ends at the anchor and fills upward', () => {
  const b = new LogBuffer(100);
  for (let i = 0; i < 10; i++) b.push(0, `l${i}`);
  const rows = windowRows((i) => b.at(i), b.length, 5, 3, base);
  assert.deepEqual(
    rows.map((r) => r.seq),
    [4, 5, 6],
  );
  assert.equal(windowRows((i) => b.at(i), b.length, 1, 5, base).length, 2);
});

test('the filtered index follows appends and evictions, and a container choice', () => {
  const b = new LogBuffer(5);
  const f = new FilteredLog(b);
  f.set(compileLogFilter('keep'), undefined);
  for (let i = 0; i < 4; i++) b.push(i % 2, i % 2 === 0 ? `keep ${i}` : `drop ${i}`);
  f.update();
  assert.deepEqual([f.at(0)?.text, f.at(1)?.text], ['keep 0', 'keep 2']);
  for (let i = 4; i < 8; i++) b.push(i % 2, i % 2 === 0 ? `keep ${i}` : `drop ${i}`);
  f.update();
  assert.equal(f.length, 2);
  assert.deepEqual([f.at(0)?.text, f.at(1)?.text], ['keep 4', 'keep 6']);
  f.set(undefined, (source) => source === 1);
  assert.equal(f.length, 3);
  assert.deepEqual([f.at(0)?.text, f.at(2)?.text], ['drop 3', 'drop 7']);
  f.set(undefined, undefined);
  assert.equal(f.length, 5);
});
