// What a pod change costs kdeck, in-process: the real App (bench/in-process-app.ts) on namespace load of a cluster
// in another process, pods relabelled by a third (bench/churn.ts), so this process's CPU is kdeck's alone.
// Labels are not a pods column: such a change alters no visible cell, and should build no frame.
//   node --import tsx bench/churn-profile.ts [--pods=10000] [--rate=50] [--seconds=10] [--fps=30]
// With KDECK_BENCH_KUBECONFIG (and KDECK_BENCH_NAMESPACE) it runs against that cluster instead of the demo.
import { spawn } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { benchTarget } from './demo-target.js';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
setFlagsFromString('--heap-growing-percent=30');
process.env.NODE_ENV ??= 'production';
const pods = arg('pods', 10_000);
const rate = arg('rate', 50);
const seconds = arg('seconds', 10);
const fps = arg('fps', 30);

const { mountInProcess } = await import('./in-process-app.js');

export interface ChurnFigures {
  pods: number;
  changesPerSecond: number;
  changes: number;
  churnSeconds: number;
  idleCpuPercent: number;
  churnCpuPercent: number;
  cpuMsPerChange: number;
  framesIdle: number;
  framesChurn: number;
  rendersChurn: number;
  rssMb: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runChurn(kubeconfig: string, namespace: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/churn.ts', kubeconfig, namespace, String(rate), String(seconds)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`churn exited ${code}`)))),
  );
}

const target = await benchTarget(pods);
const app = mountInProcess({
  kubeconfig: target.kubeconfig,
  route: { view: 'resources', resource: 'pods', namespaces: [target.namespace] },
  cols: 160,
  rows: 45,
  fps,
});
const rowsShown = () => Number(/\b(\d+) rows?\b/.exec(app.screen().join('\n'))?.[1] ?? 0);
// The full table: a row count above zero that holds for two seconds.
for (let last = -1, since = Date.now(); ; await new Promise((r) => setTimeout(r, 200))) {
  const n = rowsShown();
  if (n !== last) [last, since] = [n, Date.now()];
  else if (n > 0 && Date.now() - since > 2000) break;
}

// At rest first, over the same span: the ages' once-a-second tick is the baseline a change is measured against.
let c0 = cpuMs();
let w0 = app.writes();
await new Promise((r) => setTimeout(r, seconds * 1000));
const idleMs = cpuMs() - c0;
const framesIdle = app.writes() - w0;

c0 = cpuMs();
w0 = app.writes();
const r0 = app.renders().count;
const t0 = performance.now();
await runChurn(target.kubeconfig, target.namespace);
// The last changes' notification and frame.
await new Promise((r) => setTimeout(r, 1000));
const spanS = (performance.now() - t0) / 1000;
const churnMs = cpuMs() - c0;
const changes = rate * seconds;
const figures: ChurnFigures = {
  pods: rowsShown(),
  changesPerSecond: rate,
  changes,
  churnSeconds: Number(spanS.toFixed(1)),
  idleCpuPercent: Number(((idleMs / (seconds * 1000)) * 100).toFixed(1)),
  churnCpuPercent: Number(((churnMs / (spanS * 1000)) * 100).toFixed(1)),
  cpuMsPerChange: Number(((churnMs - (idleMs * spanS) / seconds) / changes).toFixed(3)),
  framesIdle,
  framesChurn: app.writes() - w0,
  rendersChurn: app.renders().count - r0,
  rssMb: Math.round(process.memoryUsage().rss / 1048576),
};
for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(18)} ${v}\n`);
app.stop();
await target.stop();
process.exit(0);
