/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanup, render } from 'ink-testing-library';
import { type PtySession, SessionEvents } from '../../src/term/pty-source.js';
import { openLocalInPane } from '../../src/ui/pane/open-local.js';
import { Pane, withCursor } from '../../src/ui/pane/Pane.js';
import { PaneManager } from '../../src/ui/pane/pane-manager.js';
import { usePaneKeys } from '../../src/ui/pane/use-pane-keys.js';
import { usePaneState } from '../../src/ui/pane/use-pane-state.js';
import { loadTheme } from '../../src/ui/theme.js';

/** A session the test drives: what the pane writes is recorded, output and exit are pushed by hand. */
class FakeSession implements PtySession {
  readonly events = new SessionEvents();
  readonly written: string[] = [];
  readonly sizes: [number, number][] = [];
  closed = false;
  write(data: string | Buffer): void {
    this.written.push(data.toString());
  }
  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }
  onData(fn: (data: Buffer) => void) {
    return this.events.onData(fn);
  }
  onExit(fn: (code: number | null, message?: string) => void) {
    return this.events.onExit(fn);
  }
  close(): void {
    this.closed = true;
  }
  output(text: string): void {
    this.events.data(Buffer.from(text));
  }
}

const theme = loadTheme('dark');

/** The pane plus the list-side keys, as the app mounts them. */
function App({ manager }: { manager: PaneManager }) {
  const state = usePaneState(manager);
  usePaneKeys(manager, !state.focused);
  return <Pane manager={manager} width={60} height={8} theme={theme} />;
}

/** The newest frame that is a screen (not the bracketed-paste mode switch written beside it). */
const screen = (frames: string[]) => frames.filter((f) => !f.startsWith('\x1b[?2004')).at(-1) ?? '';

async function until(frames: string[], re: RegExp): Promise<string> {
  for (;;) {
    const f = screen(frames);
    if (re.test(f)) return f;
    await sleep(10);
  }
}

afterEach(() => cleanup());

test('session output is drawn, keystrokes go raw to the session, ctrl-] hands focus back', async () => {
  const manager = new PaneManager();
  const session = new FakeSession();
  manager.open('web-0/nginx', 'shell', session);
  const { stdin, frames } = render(<App manager={manager} />);
  session.output('\x1b[32mroot@web-0\x1b[0m:/# ');
  await until(frames, /root@web-0:\/#/);
  assert.equal(manager.state().focused, true);
  // The TTY follows the pane: 60 columns, 8 rows less the tab bar.
  assert.deepEqual(session.sizes.at(-1), [60, 7]);

  for (const key of ['l', 's', '\r', '\x03', '\x1b[A', '\x1bOP', '\x04']) stdin.write(key);
  await sleep(20);
  assert.deepEqual(session.written, ['l', 's', '\r', '\x03', '\x1b[A', '\x1bOP', '\x04']);

  stdin.write('\x1d');
  await sleep(20);
  assert.equal(manager.state().focused, false);
  stdin.write('q');
  await sleep(20);
  assert.equal(session.written.includes('q'), false);
  assert.equal(session.closed, false);
  await until(frames, /ctrl-\] type into the session/);

  stdin.write('\x1d');
  await sleep(20);
  assert.equal(manager.state().focused, true);
});

test('a paste reaches the shell without markers unless it enabled bracketed paste', async () => {
  const manager = new PaneManager();
  const session = new FakeSession();
  manager.open('web-0/nginx', 'shell', session);
  const { stdin } = render(<App manager={manager} />);
  await sleep(20);
  stdin.write('\x1b[200~echo hi\x1b[201~');
  await sleep(20);
  assert.equal(session.written.join(''), 'echo hi');
  session.output('\x1b[?2004h');
  await sleep(50);
  session.written.length = 0;
  stdin.write('\x1b[200~ls\x1b[201~');
  await sleep(20);
  assert.equal(session.written.join(''), '\x1b[200~ls\x1b[201~');
});

test('the exit code is shown when the session ends, and focus returns to the list', async () => {
  const manager = new PaneManager();
  const session = new FakeSession();
  manager.open('web-0/nginx', 'shell', session);
  const { frames } = render(<App manager={manager} />);
  session.output('$ exit 3\r\n');
  session.events.exit(3);
  const f = await until(frames, /session ended with exit code 3/);
  assert.match(f, /1 web-0\/nginx 3/);
  assert.equal(manager.state().focused, false);
});

test('tabs stay alive: a second session, switching with [ ], closing with shift-x', async () => {
  const manager = new PaneManager();
  const a = new FakeSession();
  const b = new FakeSession();
  manager.open('web-0/nginx', 'shell', a);
  manager.open('web-1/nginx', 'shell', b);
  const { stdin, frames } = render(<App manager={manager} />);
  a.output('in A');
  b.output('in B');
  await until(frames, /in B/);
  stdin.write('\x1d');
  await sleep(20);
  stdin.write('[');
  await until(frames, /in A/);
  stdin.write('X');
  await until(frames, /in B/);
  assert.equal(a.closed, true);
  assert.equal(b.closed, false);
  assert.equal(manager.state().tabs.length, 1);
});

test('the cursor cell is drawn inverted, also past the end of the text', () => {
  assert.deepEqual(withCursor([{ text: 'abc', fg: 'red' }], 1), [
    { text: 'a', fg: 'red' },
    { text: 'b', fg: 'red', inverse: true },
    { text: 'c', fg: 'red' },
  ]);
  assert.deepEqual(withCursor([{ text: 'ab' }], 5), [{ text: 'ab' }, { text: ' ', inverse: true }]);
});

test('a local command runs in a pane tab and its exit code shows', async () => {
  const manager = new PaneManager();
  const { frames } = render(<App manager={manager} />);
  openLocalInPane(manager, 'hello', '/bin/sh', ['-c', 'echo local-output; exit 4']);
  const f = await until(frames, /local-output[\s\S]*session ended with exit code 4/);
  assert.match(f, /1 hello 4/);
});

test('shift-pgup shows the scrollback without sending the key; typing returns to the live screen', async () => {
  const manager = new PaneManager();
  const session = new FakeSession();
  manager.open('web-0/nginx', 'shell', session);
  const { stdin, frames } = render(<App manager={manager} />);
  session.output(Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\r\n'));
  await until(frames, /row 29/);
  stdin.write('\x1b[5;2~');
  await until(frames, /row 20\n/);
  assert.deepEqual(session.written, []);
  stdin.write('x');
  await until(frames, /row 29/);
  assert.deepEqual(session.written, ['x']);
});
