// kdeck core figures (issue 3): start to first full table vs the bare paginated list, filter latency,
// bytes written while pods change, CPU at rest, peak RSS.
import { spawnSync } from 'node:child_process';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../src/kube/client.js';
import { RequestLog } from '../src/kube/request-log.js';
import { type Kdeck, KEYS, startKdeck } from '../test/e2e/helpers/kdeck-pty.js';
import { churn } from './churn.js';
import { benchTarget } from './demo-target.js';
import { cpuSeconds, memoryMb, percentile } from './proc-stats.js';

/** The prompt line showing exactly this text: the frame that carries the filtered rows too. */
const promptLine = (text: string) => new RegExp(`^/${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function bareList(kubeconfig: string, namespace: string): Promise<{ ms: number; count: number }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const client = new KubeClient(kc, new RequestLog());
  const t0 = performance.now();
  let count = 0;
  let cont: string | undefined;
  do {
    const page = await client.request<{ items: unknown[]; metadata: { continue?: string } }>({
      path: `/api/v1/namespaces/${namespace}/pods`,
      query: { limit: 500, continue: cont },
    });
    count += page.items.length;
    cont = page.metadata.continue || undefined;
  } while (cont);
  const ms = performance.now() - t0;
  client.close();
  return { ms, count };
}

/** The same list from a fresh process (node + client-node's kubeconfig + the pages): what kdeck's start also pays. */
function bareListProcess(kubeconfig: string, namespace: string, count: number): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bench/bare-list.mjs', kubeconfig, namespace], { encoding: 'utf8' });
  if (r.status !== 0 || Number(r.stdout.trim()) !== count)
    throw new Error(`bare list process: ${r.stderr || r.stdout}`);
  return performance.now() - t0;
}

/** `kubectl get pods` for the same pods, start to finish (a reference: it also starts a process and prints a table). */
function kubectlGet(kubeconfig: string, namespace: string): number | undefined {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      'kubectl',
      ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', namespace, '--chunk-size=500'],
      {
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    if (r.error || r.status !== 0) return undefined;
    times.push(performance.now() - t0);
  }
  return Math.round(percentile(times, 50));
}

export async function runTablesBench(pods: number): Promise<Record<string, number | string>> {
  const external = process.env.KDECK_BENCH_KUBECONFIG;
  const target = await benchTarget(pods);
  const out: Record<string, number | string> = {
    target: external ? `cluster ${external}` : `demo cluster, ${pods} extra pods (separate process)`,
  };
  try {
    // The server's first list of these pods warms its caches (the demo's JSON, the apiserver's watch cache):
    // kdeck and the bare list are both timed against a warm server, best of three each.
    const cold = await bareList(target.kubeconfig, target.namespace);
    out.podsListed = cold.count;
    out.coldBareListMs = Math.round(cold.ms);
    const bares: number[] = [];
    for (let i = 0; i < 3; i++) bares.push((await bareList(target.kubeconfig, target.namespace)).ms);
    const bareMs = percentile(bares, 50);
    out.bareListMs = Math.round(bareMs);
    const procs: number[] = [];
    for (let i = 0; i < 3; i++) procs.push(bareListProcess(target.kubeconfig, target.namespace, cold.count));
    out.bareListProcessMs = Math.round(percentile(procs, 50));
    const kubectl = kubectlGet(target.kubeconfig, target.namespace);
    if (kubectl) out.kubectlGetPodsMs = kubectl;

    const starts: number[] = [];
    let k: Kdeck | undefined;
    for (let i = 0; i < 3; i++) {
      await k?.stop();
      const t0 = performance.now();
      k = startKdeck({
        args: ['--kubeconfig', target.kubeconfig, '-c', `pods ${target.namespace}`],
        cols: 160,
        rows: 45,
        env: process.env.KDECK_BENCH_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.KDECK_BENCH_NODE_OPTIONS }
          : {},
      });
      await k.waitFor(new RegExp(`\\b${cold.count} rows`), 120_000, 0);
      starts.push(performance.now() - t0);
    }
    if (!k) throw new Error('kdeck did not start');
    out.startToFullTableMs = Math.round(percentile(starts, 50));
    out.startRunsMs = starts.map((t) => Math.round(t)).join(' ');
    out.rssAtFirstTableMb = memoryMb(k.pid).now;
    out.ratioToBareList = Number((out.startToFullTableMs / bareMs).toFixed(2));
    out.ratioToBareListProcess = Number((out.startToFullTableMs / out.bareListProcessMs).toFixed(2));

    // Filter latency: each keystroke until the screen shows the new filter.
    const lat: number[] = [];
    k.press('/');
    await k.waitFor(/^\/$/m);
    const text = 'load-1234';
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i <= text.length; i++) {
        const t = performance.now();
        k.press(text[i - 1]!);
        await k.waitFor(promptLine(text.slice(0, i)), 10_000, 0);
        lat.push(performance.now() - t);
      }
      for (let i = text.length - 1; i >= 0; i--) {
        const t = performance.now();
        k.press(KEYS.backspace);
        await k.waitFor(promptLine(text.slice(0, i)), 10_000, 0);
        lat.push(performance.now() - t);
      }
    }
    k.press(KEYS.esc);
    out.rssAfterFilteringMb = memoryMb(k.pid).now;
    out.filterKeystrokes = lat.length;
    out.filterP50Ms = Math.round(percentile(lat, 50));
    out.filterP95Ms = Math.round(percentile(lat, 95));

    // At rest: CPU and bytes over 10 s with nothing changing (ages tick once a second).
    await sleep(2000);
    let cpu0 = cpuSeconds(k.pid);
    let b0 = k.bytes();
    await sleep(10_000);
    out.idleCpuPercent = Number((((cpuSeconds(k.pid) - cpu0) / 10) * 100).toFixed(1));
    out.idleBytesPerSecond = Math.round((k.bytes() - b0) / 10);

    // 50 pods change every second (labels: nothing on screen changes but what the watch brings).
    cpu0 = cpuSeconds(k.pid);
    b0 = k.bytes();
    await churn(target.kubeconfig, target.namespace, 50, 10);
    out.churnBytesPerSecond = Math.round((k.bytes() - b0) / 10);
    out.churnCpuPercent = Number((((cpuSeconds(k.pid) - cpu0) / 10) * 100).toFixed(1));
    out.rssAfterChurnMb = memoryMb(k.pid).now;
    out.fullFrameBytesApprox = 160 * 45;
    const mem = memoryMb(k.pid);
    out.peakRssMb = mem.peak;
    await k.stop();
  } finally {
    await target.stop();
  }
  return out;
}
