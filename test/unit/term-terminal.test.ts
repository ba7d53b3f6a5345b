import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeInput } from '../../src/term/input.js';
import { Terminal } from '../../src/term/terminal.js';

test('plain text lands on the screen and the cursor follows it', async () => {
  const t = new Terminal({ cols: 20, rows: 4 });
  await t.write('hello\r\nworld');
  assert.equal(t.text(), 'hello\nworld\n\n');
  assert.deepEqual(t.screen().cursor, { x: 5, y: 1, visible: true });
  t.dispose();
});

test('SGR colours and attributes become styled runs covering the width', async () => {
  const t = new Terminal({ cols: 12, rows: 2 });
  await t.write('\x1b[1;31mred\x1b[0m \x1b[38;5;200m\x1b[44mx\x1b[0m\x1b[4;7m\x1b[38;2;1;2;3mu\x1b[0m');
  const [line] = t.screen().lines;
  assert.deepEqual(line?.[0], { text: 'red', fg: 'red', bold: true });
  assert.deepEqual(line?.[1], { text: ' ' });
  assert.deepEqual(line?.[2], { text: 'x', fg: 'ansi256(200)', bg: 'blue' });
  assert.deepEqual(line?.[3], { text: 'u', fg: '#010203', underline: true, inverse: true });
  assert.equal(line?.map((r) => r.text).join('').length, 12);
  t.dispose();
});

test('a hidden cursor (DECTCEM) is reported hidden, and shown again', async () => {
  const t = new Terminal({ cols: 10, rows: 2 });
  await t.write('\x1b[?25l');
  assert.equal(t.screen().cursor.visible, false);
  await t.write('\x1b[?25h');
  assert.equal(t.screen().cursor.visible, true);
  t.dispose();
});

test('resize reflows the screen size and onChange fires', async () => {
  const t = new Terminal({ cols: 10, rows: 2 });
  let changes = 0;
  t.onChange(() => changes++);
  t.resize(30, 5);
  assert.equal(t.screen().lines.length, 5);
  assert.equal(t.screen().cols, 30);
  assert.ok(changes > 0);
  t.dispose();
});

test('lines scrolled off the top are kept as scrollback and can be scrolled back to', async () => {
  const t = new Terminal({ cols: 10, rows: 2, scrollback: 100 });
  await t.write('one\r\ntwo\r\nthree\r\nfour');
  assert.equal(t.screen().scrollback, 2);
  t.scroll(-2);
  assert.equal(t.text(), 'one\ntwo');
  assert.equal(t.screen().cursor.visible, false);
  t.scroll(0);
  assert.equal(t.text(), 'three\nfour');
  t.dispose();
});

test('the terminal answers a cursor position request through onReply', async () => {
  const t = new Terminal({ cols: 10, rows: 3 });
  const replies: string[] = [];
  t.onReply((d) => replies.push(d));
  await t.write('ab\x1b[6n');
  assert.deepEqual(replies, ['\x1b[1;3R']);
  t.dispose();
});

test('the window title (OSC 2) is kept', async () => {
  const t = new Terminal({ cols: 10, rows: 1 });
  await t.write('\x1b]2;root@web-0\x07');
  assert.equal(t.screen().title, 'root@web-0');
  t.dispose();
});

test('full-screen programs use the alternate buffer and the shell returns to its own', async () => {
  const t = new Terminal({ cols: 10, rows: 2 });
  await t.write('$ vi\r\n');
  await t.write('\x1b[?1049h\x1b[Hvim');
  assert.equal(t.text(), 'vim\n');
  await t.write('\x1b[?1049l');
  assert.equal(t.text(), '$ vi\n');
  t.dispose();
});

test('arrow keys follow application cursor mode and paste markers only reach programs that asked', async () => {
  const t = new Terminal({ cols: 10, rows: 1 });
  assert.equal(t.encodeInput('\x1b[A'), '\x1b[A');
  assert.equal(t.encodeInput('\x1b[200~ls\x1b[201~'), 'ls');
  await t.write('\x1b[?1h\x1b[?2004h');
  assert.equal(t.encodeInput('\x1b[A\x1b[1;5C'), '\x1bOA\x1b[1;5C');
  assert.equal(t.encodeInput('\x1b[200~ls\x1b[201~'), '\x1b[200~ls\x1b[201~');
  t.dispose();
});

test('encodeInput leaves control keys alone', () => {
  const modes = { applicationCursorKeysMode: true, bracketedPasteMode: false };
  assert.equal(encodeInput('\x03\x04\x1a\x1bOP', modes), '\x03\x04\x1a\x1bOP');
});
