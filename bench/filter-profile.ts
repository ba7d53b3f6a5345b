// Filter keystroke → frame, in-process: the real App under Ink with kdeck's FrameWriter and KeyInput, as
// src/app/cli.ts mounts them, against the demo cluster in its own process. No pty or xterm between key and frame,
// so the figures are kdeck's own; run with --cpu-prof to see where a keystroke goes.
//   node --import tsx bench/filter-profile.ts [--pods=10000] [--fps=30] [--rounds=3]
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
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

// Imported after the V8 flags and NODE_ENV above are set, as bin/kdeck.js loads the bundle.
const { mountInProcess } = await import('./in-process-app.js');

const target = await demoTarget(pods);
const app = mountInProcess({
  kubeconfig: target.kubeconfig,
  route: { view: 'resources', resource: 'pods', namespaces: ['load'] },
  cols: COLS,
  rows: ROWS,
  fps,
});
const { until, press } = app;

const t0 = performance.now();
await until((l) => l.some((x) => new RegExp(`\\b${pods} rows`).test(x)));
const firstTable = performance.now() - t0;
await new Promise((r) => setTimeout(r, 1500));

const promptIs = (text: string) => (l: string[]) => l.some((x) => x === `/${text}`);
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
const renders0 = app.renders();
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
  inkRenders: app.renders().count - renders0.count,
  inkRenderMs: Number((app.renders().ms - renders0.ms).toFixed(0)),
  phaseUs: `${phaseStart}-${phaseEnd}`,
  each: lat.map((x) => Math.round(x)).join(' '),
};
for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
app.stop();
await target.stop();
process.exit(0);
