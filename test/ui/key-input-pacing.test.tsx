/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { Box, render, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { KeyInput } from '../../src/term/key-input.js';

/** A terminal's stdin as KeyInput uses it: raw mode, data events, one chunk per read. */
class FakeTty extends EventEmitter {
  isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  setEncoding() {
    return this;
  }
}

class FakeOut extends Writable {
  columns = 80;
  rows = 24;
  isTTY = true;
  override _write(_c: unknown, _e: unknown, cb: () => void) {
    cb();
  }
}

/** The list's keys: active only while no prompt is open, as the app's views are. */
function List(p: { active: boolean; describes: string[] }) {
  useInput(
    (input) => {
      if (input === 'd') p.describes.push('d');
    },
    { isActive: p.active },
  );
  return (
    <Box flexDirection="column">
      {Array.from({ length: 200 }, (_, i) => (
        <Text key={i}>{`row ${i}`}</Text>
      ))}
    </Box>
  );
}

function Palette(p: { typed: string[]; describes: string[]; done: () => void }) {
  const [open, setOpen] = useState(false);
  const openRef = useRef(false);
  useInput((input, key) => {
    if (!openRef.current) {
      if (input === ':') {
        openRef.current = true;
        setOpen(true);
      }
      return;
    }
    if (key.return) return p.done();
    p.typed.push(input);
  });
  return <List active={!open} describes={p.describes} />;
}

describe('keys that arrive in one read', () => {
  it('":dns⏎" pasted at once goes to the palette, not to the list behind it', async () => {
    for (let round = 0; round < 20; round++) {
      const describes: string[] = [];
      const typed: string[] = [];
      const tty = new FakeTty();
      let finish: () => void = () => undefined;
      const done = new Promise<void>((r) => {
        finish = r;
      });
      const app = render(<Palette typed={typed} describes={describes} done={finish} />, {
        stdout: new FakeOut() as unknown as NodeJS.WriteStream,
        stdin: new KeyInput(tty as unknown as NodeJS.ReadStream) as unknown as NodeJS.ReadStream,
        exitOnCtrlC: false,
        patchConsole: false,
      });
      await new Promise((r) => setTimeout(r, 20));
      tty.emit('data', Buffer.from(':dns\r'));
      await done;
      app.unmount();
      assert.deepEqual(typed, ['d', 'n', 's'], `round ${round}`);
      assert.deepEqual(describes, [], `round ${round}: the list described while the palette was open`);
    }
  });
});
