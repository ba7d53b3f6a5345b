import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import xterm from '@xterm/headless';
import { FrameWriter, lineUpdate } from '../../src/term/frame-writer.js';

class FakeTty extends EventEmitter {
  columns = 40;
  rows = 10;
  written: string[] = [];
  write(s: string) {
    this.written.push(s);
    return true;
  }
}

const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;

describe('frame writer', () => {
  it('writes only the lines that changed, at absolute positions', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    fw.write('a\nb\nc\n');
    assert.equal(tty.written.length, 1);
    assert.match(tty.written[0]!, /\x1b\[1;1H\x1b\[2Ka.*\x1b\[2;1H\x1b\[2Kb.*\x1b\[3;1H\x1b\[2Kc/);
    fw.write(`${erase(4)}a\nB\nc\n`);
    assert.equal(tty.written.length, 2);
    assert.ok(tty.written[1]!.includes('\x1b[2;1H\x1b[2KB'));
    assert.ok(!tty.written[1]!.includes('\x1b[1;1H'), 'unchanged line 1 is not rewritten');
    assert.ok(!tty.written[1]!.includes('\x1b[3;1H'), 'unchanged line 3 is not rewritten');
  });

  it('writes nothing when a frame is the same as the last', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    fw.write('x\ny\n');
    fw.write(`${erase(3)}x\ny\n`);
    assert.equal(tty.written.length, 1);
    assert.equal(fw.framesWritten, 1);
  });

  it('clears lines a shorter frame no longer covers, and repaints everything after a resize', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    fw.write('1\n2\n3\n');
    fw.write(`${erase(4)}1\n`);
    assert.ok(tty.written[1]!.includes('\x1b[2;1H\x1b[2K') && tty.written[1]!.includes('\x1b[3;1H\x1b[2K'));
    tty.emit('resize');
    fw.write(`${erase(2)}1\n`);
    assert.ok(tty.written[2]!.includes('\x1b[1;1H\x1b[2K1'));
  });
});

describe('frame cap', () => {
  it('writes the first frame after a quiet spell at once, and only the newest of a burst after the gap', async () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream, { maxFps: 20 });
    fw.write('a\n');
    assert.equal(tty.written.length, 1, 'a keystroke after a quiet spell is not held back');
    fw.write(`${erase(2)}b\n`);
    fw.write(`${erase(2)}c\n`);
    assert.equal(tty.written.length, 1, 'frames within 1/maxFps of the last wait');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(tty.written.length, 2, 'one write for the burst');
    assert.ok(tty.written[1]!.includes('\x1b[1;1H\x1b[2Kc'), 'the newest frame wins');
    assert.ok(!tty.written.join('').includes('b'), 'the frame it replaced is never written');
  });

  it('passes control writes (bracketed paste, OSC 52) through in order, without capping or diffing them', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream, { maxFps: 1 });
    fw.write('row 1\nrow 2\n');
    fw.write(`${erase(3)}row 1\nrow two\n`);
    fw.write('\x1b[?2004h');
    fw.write('\x1b]52;c;aGVsbG8=\x07');
    assert.ok(tty.written[1]!.includes('row two'), 'the held frame first');
    assert.deepEqual(tty.written.slice(2), ['\x1b[?2004h', '\x1b]52;c;aGVsbG8=\x07']);
    fw.write(`${erase(3)}row 1\nrow two\n`);
    fw.flush();
    assert.equal(tty.written.length, 4, 'the screen is still known: an unchanged frame writes nothing');
  });

  it('writes nothing once closed (the terminal was restored under it)', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream, { maxFps: 1 });
    fw.write('a\n');
    fw.write(`${erase(2)}held\n`);
    fw.close();
    fw.write(`${erase(2)}later\n`);
    fw.flush();
    assert.equal(tty.written.length, 1);
  });

  it('writes a held frame before anything else goes to the terminal', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream, { maxFps: 1 });
    fw.write('a\n');
    fw.write(`${erase(2)}last\n`);
    fw.write('\x1b[?25h');
    assert.ok(tty.written[1]!.includes('last'), 'the last frame is not lost when Ink unmounts');
    assert.equal(tty.written[2], '\x1b[?25h');
    fw.write(`${erase(2)}after\n`);
    fw.flush();
    assert.ok(tty.written[3]!.includes('after'));
  });
});

describe('line updates', () => {
  it('rewrites a line from its first change, restoring the colours in force there', () => {
    const prev = '\x1b[32m  web-0   Running   5s\x1b[39m';
    const next = '\x1b[32m  web-0   Running   6s\x1b[39m';
    const u = lineUpdate(3, prev, next);
    assert.equal(u, '\x1b[3;21H\x1b[K\x1b[32m6s\x1b[39m\x1b[0m');
  });

  it('never erases after a line: a full-width line (a dialog border) keeps its last column', () => {
    const tty = new FakeTty();
    const fw = new FrameWriter(tty as unknown as NodeJS.WriteStream);
    const border = `╭${'─'.repeat(38)}╮`;
    fw.write(`${border}\n`);
    fw.write(`${erase(2)}${border.replace('╭', '┌')}\n`);
    // On a real terminal the cursor waits on the last column after it: an erase there takes the ╮.
    for (const w of tty.written) assert.doesNotMatch(w, /╮\x1b\[0m\x1b\[K/);
    assert.match(tty.written[0]!, /\x1b\[2K╭─+╮\x1b\[0m/);
  });

  it('repaints the whole line when the prefix is not plain ASCII', () => {
    const u = lineUpdate(1, 'héllo wörld 1', 'héllo wörld 2');
    assert.ok(u.startsWith('\x1b[1;1H'));
  });

  it('replayed through a terminal, a partial update leaves the line as a full repaint would', async () => {
    const term = new xterm.Terminal({ cols: 40, rows: 3, allowProposedApi: true });
    const write = (s: string) => new Promise<void>((r) => term.write(s, r));
    const a = '\x1b[1m  NAME\x1b[22m  \x1b[31mpod-1  Error  9s\x1b[39m';
    const b = '\x1b[1m  NAME\x1b[22m  \x1b[31mpod-1  Error  10s\x1b[39m';
    await write(`\x1b[2;1H${a}`);
    await write(lineUpdate(2, a, b));
    assert.equal(term.buffer.active.getLine(1)?.translateToString(true), '  NAME  pod-1  Error  10s');
    const cell = term.buffer.active.getLine(1)?.getCell(22);
    assert.equal(cell?.getFgColor(), 1, 'the changed cells keep the red of their segment');
  });
});
