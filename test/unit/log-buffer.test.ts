import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter, LogBuffer, sanitizeLogLine } from '../../src/model/log-buffer.js';
import {
  compileLogFilter,
  highlightPieces,
  matchesLogFilter,
  matchRanges,
  prettyJson,
} from '../../src/model/log-filter.js';

test('the ring keeps the newest lines and counts every eviction', () => {
  const b = new LogBuffer(3);
  for (let i = 1; i <= 5; i++) b.push(0, `line ${i}`);
  assert.equal(b.length, 3);
  assert.equal(b.evicted, 2);
  assert.equal(b.received, 5);
  assert.deepEqual(
    b.slice().map((l) => [l.seq, l.text]),
    [
      [3, 'line 3'],
      [4, 'line 4'],
      [5, 'line 5'],
    ],
  );
  assert.equal(b.at(0)?.text, 'line 3');
  assert.equal(b.at(3), undefined);
});

test('received always equals held plus evicted, also after clear', () => {
  const b = new LogBuffer(10);
  for (let i = 0; i < 37; i++) b.push(i % 3, 'x', `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`);
  assert.equal(b.length + b.evicted, b.received);
  b.clear();
  assert.equal(b.length, 0);
  assert.equal(b.length + b.evicted, b.received);
  b.push(0, 'after');
  assert.equal(b.at(0)?.seq, 38);
});

test('sanitize removes escapes and controls, expands tabs, keeps text', () => {
  assert.equal(sanitizeLogLine('\x1b[31mERROR\x1b[0m\tdisk full\r'), 'ERROR    disk full');
  assert.equal(sanitizeLogLine('title\x1b]0;pwned\x07 ok\x07\x08'), 'title ok');
  assert.equal(sanitizeLogLine('héllo 世界'), 'héllo 世界');
});

test('sanitize cuts an endless line with a marker and replaces binary with a marker', () => {
  const long = sanitizeLogLine('a'.repeat(100), 10);
  assert.equal(long, 'aaaaaaaaaa … [line cut: 90 more characters]');
  const binary = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + (i % 64))).toString('utf8');
  assert.match(sanitizeLogLine(binary), /^\[binary data: \d+ characters not shown\]$/);
});

test('the splitter joins lines across chunks and emits the tail at end', () => {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  s.push(Buffer.from('one\ntw'));
  s.push(Buffer.from('o\n\nthr'));
  assert.deepEqual(lines, ['one', 'two', '']);
  s.end();
  assert.deepEqual(lines, ['one', 'two', '', 'thr']);
});

test('the splitter bounds an endless line and resumes at the next newline', () => {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), 8);
  s.push(Buffer.from('0123456789'));
  s.push(Buffer.from('abcdef\nnext\n'));
  assert.deepEqual(lines, ['01234567 … [line cut: 8 more bytes]', 'next']);
});

test('the splitter does not split a multibyte character across chunks', () => {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  const bytes = Buffer.from('é\n');
  s.push(bytes.subarray(0, 1));
  s.push(bytes.subarray(1));
  assert.deepEqual(lines, ['é']);
});

test('filters are smart-case regexes, inverse flips them, bad regexes match literally', () => {
  const f = compileLogFilter('err(or)?');
  assert.equal(matchesLogFilter(f, 'ERROR: x'), true);
  assert.equal(matchesLogFilter(f, 'fine'), false);
  assert.equal(matchesLogFilter(compileLogFilter('Err'), 'ERROR'), false);
  const inv = compileLogFilter('debug', true);
  assert.equal(matchesLogFilter(inv, 'DEBUG x'), false);
  assert.equal(matchesLogFilter(inv, 'info'), true);
  const bad = compileLogFilter('a(b');
  assert.ok(bad.error);
  assert.equal(matchesLogFilter(bad, 'xa(by'), true);
  assert.equal(matchesLogFilter(compileLogFilter(''), 'anything'), true);
});

test('match ranges drive highlighting, and empty matches do not loop', () => {
  const f = compileLogFilter('o');
  const text = 'foo bor';
  assert.deepEqual(matchRanges(f, text), [
    [1, 2],
    [2, 3],
    [5, 6],
  ]);
  assert.deepEqual(highlightPieces('abc', [[1, 2]]), [
    { text: 'a', match: false },
    { text: 'b', match: true },
    { text: 'c', match: false },
  ]);
  assert.deepEqual(matchRanges(compileLogFilter('x*'), 'abc'), []);
  assert.deepEqual(matchRanges(compileLogFilter('o', true), text), []);
});

test('JSON lines pretty-print on demand; other lines are left alone', () => {
  assert.deepEqual(prettyJson('{"level":"info","n":1}'), ['{', '  "level": "info",', '  "n": 1', '}']);
  assert.equal(prettyJson('plain {text}'), undefined);
  assert.equal(prettyJson('{broken'), undefined);
});
