import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isInteractiveShell, startDemoShell, words } from '../../src/demo/runtime/demo-shell.js';

function shell(tty = true) {
  const root = mkdtempSync(join(tmpdir(), 'kdeck-demo-shell-'));
  writeFileSync(join(root, 'hello.txt'), 'hi there\n');
  mkdirSync(join(root, 'data'));
  const s = startDemoShell({ root, env: { MY_ENV: '123456', PATH: '/bin' }, tty, hostname: 'webserver' });
  let out = '';
  s.onStdout((d) => {
    out += d.toString();
  });
  let exit: number | undefined;
  s.onExit((e) => {
    exit = e.code;
  });
  const type = (text: string) => {
    const before = out.length;
    s.write(Buffer.from(text));
    return out.slice(before);
  };
  return { root, s, type, out: () => out, exit: () => exit };
}

describe('the demo shell', () => {
  it('says it is the demo shell, confined to the container folder', () => {
    const sh = shell();
    assert.match(sh.out(), /kdeck demo shell/);
    assert.match(sh.out(), /nothing outside it can be reached/);
    assert.match(sh.out(), /\[demo\] webserver:\/# $/);
  });

  it('ls / lists the container folder, never the machine root', () => {
    const sh = shell();
    const out = sh.type('ls /\r');
    assert.match(out, /data {2}hello\.txt/);
    assert.doesNotMatch(out, /\b(etc|usr|proc)\b/);
  });

  it('cannot leave the folder: .. stops at /, absolute paths stay inside, symlinks out are refused', () => {
    const sh = shell();
    sh.type('cd ../../..\r');
    assert.match(sh.type('pwd\r'), /^pwd\r\n\/\r\n/);
    assert.match(sh.type('cat /etc/passwd\r'), /No such file or directory/);
    symlinkSync('/etc', join(sh.root, 'out'));
    assert.match(sh.type('ls /out\r'), /Permission denied/);
    assert.match(sh.type('cat out/passwd\r'), /Permission denied/);
  });

  it('runs the everyday commands: cd, cat, echo $VAR > file, mkdir, exit', () => {
    const sh = shell();
    sh.type('cd data\r');
    sh.type('echo "env is $MY_ENV" > note\r');
    assert.equal(readFileSync(join(sh.root, 'data', 'note'), 'utf8'), 'env is 123456\n');
    assert.match(sh.type('cat /hello.txt\r'), /hi there/);
    assert.match(sh.type('vi x\r'), /sh: vi: not found/);
    sh.type('exit 3\r');
    assert.equal(sh.exit(), 3);
  });

  it('edits the line: backspace, ctrl-c, ctrl-d on an empty line ends it', () => {
    const sh = shell();
    sh.type('pwx\x7fd\r');
    assert.match(sh.out(), /\r\n\/\r\n/);
    sh.type('abc\x03');
    assert.match(sh.out(), /\^C/);
    sh.type('\x04');
    assert.equal(sh.exit(), 0);
  });

  it('reads commands from stdin without a TTY', () => {
    const sh = shell(false);
    sh.type('echo one; echo two\n');
    sh.s.endInput();
    assert.equal(sh.out(), 'one\ntwo\n');
    assert.equal(sh.exit(), 0);
  });

  it('is what an interactive shell request gets; other commands are not', () => {
    assert.equal(isInteractiveShell(['bash']), true);
    assert.equal(isInteractiveShell(['/bin/sh', '-i']), true);
    assert.equal(isInteractiveShell(['sh', '-c', 'echo hi']), false);
    assert.equal(isInteractiveShell(['tar', 'cf', '-', '/etc']), false);
  });

  it('splits words as a shell does', () => {
    assert.deepEqual(words(`echo 'a $X' "b $X" c\\ d $X>f`, { X: '1' }), [
      'echo',
      'a $X',
      'b 1',
      'c d',
      '1',
      '>',
      'f',
    ]);
  });
});
