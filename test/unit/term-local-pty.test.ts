import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalPtySession } from '../../src/term/local-pty.js';
import { Terminal } from '../../src/term/terminal.js';

test('a local command runs in a pty: output reaches the terminal, its exit code comes back', async () => {
  const s = new LocalPtySession({
    file: '/bin/sh',
    args: ['-c', 'printf "cols=%s" "$(tput cols 2>/dev/null || stty size | cut -d" " -f2)"; exit 3'],
    cols: 33,
    rows: 5,
  });
  const t = new Terminal({ cols: 40, rows: 5 });
  s.onData((d) => void t.write(d));
  const code = await new Promise<number | null>((resolve) => s.onExit((c) => resolve(c)));
  await t.write('');
  assert.equal(code, 3);
  assert.match(t.text(), /cols=33/);
  t.dispose();
});

test('typed input reaches the program and resize reaches its tty', async () => {
  const s = new LocalPtySession({
    file: '/bin/sh',
    args: ['-c', 'read line; stty size; echo "got:$line"'],
    cols: 20,
    rows: 5,
  });
  const out: Buffer[] = [];
  s.onData((d) => out.push(d));
  const exited = new Promise<number | null>((resolve) => s.onExit((c) => resolve(c)));
  s.resize(50, 12);
  s.write('abc\r');
  assert.equal(await exited, 0);
  const text = Buffer.concat(out).toString();
  assert.match(text, /12 50/);
  assert.match(text, /got:abc/);
});

test('close ends the session and onExit still fires once', async () => {
  const s = new LocalPtySession({ file: '/bin/sh', args: ['-c', 'sleep 30'], cols: 20, rows: 5 });
  const exits: (number | null)[] = [];
  const exited = new Promise<void>((resolve) =>
    s.onExit((c) => {
      exits.push(c);
      resolve();
    }),
  );
  s.close();
  await exited;
  s.close();
  assert.equal(exits.length, 1);
});
