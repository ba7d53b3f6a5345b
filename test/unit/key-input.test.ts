import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitKeys } from '../../src/term/key-input.js';

describe('one read from the terminal becomes single keys', () => {
  const cases: [string, string[]][] = [
    ['\x7f3\r', ['\x7f', '3', '\r']],
    ['/web', ['/', 'w', 'e', 'b']],
    ['\x1b[B\r', ['\x1b[B', '\r']],
    ['\x1b[1;5A\x1bOP', ['\x1b[1;5A', '\x1bOP']],
    ['\x1b\x1b[A', ['\x1b\x1b[A']],
    ['\x1bx', ['\x1bx']],
    ['\x1b', ['\x1b']],
    ['a\x1b[200~line 1\nline 2\x1b[201~b', ['a', '\x1b[200~line 1\nline 2\x1b[201~', 'b']],
    ['😀x', ['😀', 'x']],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(splitKeys(input), want));
  }
});
