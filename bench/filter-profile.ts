// Filter keystroke → frame, in-process: the real App under Ink with kdeck's FrameWriter and KeyInput, as
// src/app/cli.ts mounts them, against the demo cluster in its own process. No pty or xterm between key and frame,
// so the figures are kdeck's own; run with --cpu-prof to see where a keystroke goes.
//   node --import tsx bench/filter-profile.ts [--pods=10000] [--fps=30] [--rounds=3]
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { demoTarget } from './demo-target.js';
import { percentile } from './proc-stats.js';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
// As bin/kdeck.js runs: V8's heap growing factor (0 leaves V8's own) and React's production build.
const heapGrowing = arg('heap-growing', 30);
if (heapGrowing > 0) setFlagsFromString(`--heap-growing-percent=${heapGrowing}`);
process.env.NODE_ENV ??= 'production';
const pods = arg('pods', 10_000);
const fps = arg('fps', 30);
const rounds = arg('rounds', 3);
// --sort=N: keys pressed on the table before filtering (N sorts by name, A by age).
const sortKeys = process.argv.find((a) => a.startsWith('--sort='))?.split('=')[1] ?? '';
// --alloc-prof=FILE: a sampling heap profile of the keystrokes alone (open it in Chrome's DevTools).
const allocProf = process.argv.find((a) => a.startsWith('--alloc-prof='))?.split('=')[1];
const COLS = 160;
const ROWS = 45;

const { render } = await import('ink');
const { createElement } = await import('react');
const { FrameWriter } = await import('../src/term/frame-writer.js');
const { KeyInput } = await import('../src/term/key-input.js');
const { loadConfig } = await import('../src/app/load-config.js');
const { loadKubeconfig, withContext } = await import('../src/kube/kubeconfig.js');
const { RequestLog } = await import('../src/kube/request-log.js');
const { Session } = await import('../src/session/session.js');
const { App } = await import('../src/ui/App.js');
const { useKdeckFeatures } = await import('../src/ui/features.js');
const { loadTheme } = await import('../src/ui/theme.js');

/** A terminal that is only a size: the FrameWriter's output goes nowhere, its line table is the screen. */
class FakeTty extends EventEmitter {
  readonly isTTY = true;
  columns = COLS;
  rows = ROWS;
  write(_s: string): boolean {
    onWrite();
    return true;
  }
}

/** A stdin that is a TTY: keys are pushed as the terminal would send them. */
class FakeStdin extends PassThrough {
  readonly isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
}

const target = await demoTarget(pods);
const { kubeconfig } = target;
const loaded = loadKubeconfig({ file: kubeconfig, env: {} });
if (loaded.kind !== 'loaded') throw new Error('demo kubeconfig unreadable');
const kc = loaded.kc;
const requestLog = new RequestLog();
const makeSession = (context: string) => new Session(withContext(kc, context), requestLog);
const session = makeSession(kc.getCurrentContext());

const tty = new FakeTty();
const stdin = new FakeStdin();
const frames = new FrameWriter(tty as unknown as NodeJS.WriteStream);
const screen = () => (frames as unknown as { previous: string[] }).previous;
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd();

let waiting: { test: (lines: string[]) => boolean; resolve: () => void } | undefined;
function onWrite() {
  if (waiting?.test(screen().map(plain))) {
    const w = waiting;
    waiting = undefined;
    w.resolve();
  }
}
function until(test: (lines: string[]) => boolean, timeoutMs = 120_000): Promise<void> {
  if (test(screen().map(plain))) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out; screen:\n${screen().map(plain).join('\n')}`)),
      timeoutMs,
    );
    waiting = {
      test,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
  });
}

let inkRenders = 0;
let inkMs = 0;
const app = render(
  createElement(App, {
    kc,
    initialSession: session,
    makeSession,
    requestLog,
    config: loadConfig({ XDG_CONFIG_HOME: '/nonexistent' }).config,
    theme: loadTheme('dark'),
    readOnly: false,
    demo: false,
    initialRoute: { view: 'resources', resource: 'pods', namespaces: ['load'] },
    initialNamespace: 'default',
    warnings: [],
    onExit: () => undefined,
    useFeatures: useKdeckFeatures,
  }),
  {
    stdout: frames as unknown as NodeJS.WriteStream,
    stdin: new KeyInput(stdin as unknown as NodeJS.ReadStream) as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    maxFps: fps,
    patchConsole: false,
    onRender: ({ renderTime }: { renderTime: number }) => {
      inkRenders++;
      inkMs += renderTime;
    },
  },
);

const t0 = performance.now();
await until((l) => l.some((x) => new RegExp(`\\b${pods} rows`).test(x)));
const firstTable = performance.now() - t0;
await new Promise((r) => setTimeout(r, 1500));

const promptIs = (text: string) => (l: string[]) => l.some((x) => x === `/${text}`);
const press = (k: string) => stdin.write(k);
for (const k of sortKeys) {
  press(k);
  await new Promise((r) => setTimeout(r, 300));
}
press('/');
await until(promptIs(''));
const text = 'load-1234';
const lat: number[] = [];
// In the clock of --cpu-prof's samples (µs), to cut a profile down to the keystrokes.
const phaseStart = process.hrtime.bigint() / 1000n;
inkRenders = 0;
inkMs = 0;
const inspector = allocProf ? new Inspector() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
for (let round = 0; round < rounds; round++) {
  for (let i = 1; i <= text.length; i++) {
    const t = performance.now();
    press(text[i - 1]!);
    await until(promptIs(text.slice(0, i)), 10_000);
    lat.push(performance.now() - t);
  }
  for (let i = text.length - 1; i >= 0; i--) {
    const t = performance.now();
    press('\x7f');
    await until(promptIs(text.slice(0, i)), 10_000);
    lat.push(performance.now() - t);
  }
}
const phaseEnd = process.hrtime.bigint() / 1000n;
if (inspector && allocProf) {
  const { profile } = await inspector.post('HeapProfiler.stopSampling');
  writeFileSync(allocProf, JSON.stringify(profile));
}
press('\x1b');
const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
const out = {
  pods,
  maxFps: fps,
  sort: sortKeys || 'none',
  heapGrowing,
  firstTableMs: Math.round(firstTable),
  keystrokes: lat.length,
  p50Ms: Number(percentile(lat, 50).toFixed(1)),
  p95Ms: Number(percentile(lat, 95).toFixed(1)),
  maxMs: Number(Math.max(...lat).toFixed(1)),
  meanMs: Number(mean.toFixed(1)),
  rssMb: Math.round(process.memoryUsage().rss / 1048576),
  inkRenders: inkRenders,
  inkRenderMs: Number(inkMs.toFixed(0)),
  phaseUs: `${phaseStart}-${phaseEnd}`,
  each: lat.map((x) => Math.round(x)).join(' '),
};
for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
app.unmount();
session.dispose();
await target.stop();
process.exit(0);
