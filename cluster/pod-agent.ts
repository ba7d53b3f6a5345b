// Gives every kwok pod a life on this machine: a scratch directory its exec shell runs in,
// a log file per container that grows a line a second, and the kwok Logs/Exec rules that point at them.
// Usage: node --import tsx cluster/pod-agent.ts <kubeconfig> <pods-dir> <echo-port>
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoreV1Api,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  type V1Pod,
} from '@kubernetes/client-node';
import { fieldManager, loadKubeConfig } from './lib/kube.js';
import { kwokComponents, kwokctl } from './lib/kwok.js';
import { agentlessLabel } from './lib/load.js';
import { pidFile, readPid } from './lib/proc.js';

const [kubeconfig, podsDir, echoPortArg] = process.argv.slice(2);
if (!kubeconfig || !podsDir || !echoPortArg) {
  console.error('usage: pod-agent <kubeconfig> <pods-dir> <echo-port>');
  process.exit(2);
}

const kc = loadKubeConfig(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const objects = KubernetesObjectApi.makeApiClient(kc);
const rulesApplied = new Set<string>();
const lineCount = new Map<string, number>();

// The default port-forward target: whatever a client sends comes straight back.
createServer((socket) => socket.pipe(socket)).listen(Number(echoPortArg), '127.0.0.1');

function podDir(pod: V1Pod): string {
  return join(podsDir, pod.metadata!.namespace!, pod.metadata!.name!);
}

function containerNames(pod: V1Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
}

/** Per-pod kwok rules, owned by the pod so the garbage collector removes them with it. */
function rulesFor(pod: V1Pod): KubernetesObject[] {
  const meta = pod.metadata!;
  const dir = podDir(pod);
  const owner = { apiVersion: 'v1', kind: 'Pod', name: meta.name!, uid: meta.uid!, controller: false };
  const metadata = { name: meta.name!, namespace: meta.namespace!, ownerReferences: [owner] };
  const logs = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Logs',
    metadata,
    spec: {
      logs: containerNames(pod).map((c) => ({
        containers: [c],
        logsFile: join(dir, 'logs', `${c}.log`),
        follow: true,
      })),
    },
  };
  const exec = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Exec',
    metadata,
    spec: {
      execs: [
        {
          local: {
            workDir: join(dir, 'root'),
            envs: [
              { name: 'HOME', value: join(dir, 'root') },
              { name: 'HOSTNAME', value: meta.name! },
              { name: 'POD_NAME', value: meta.name! },
              { name: 'POD_NAMESPACE', value: meta.namespace! },
              { name: 'PS1', value: `${meta.name}:$PWD# ` },
            ],
          },
        },
      ],
    },
  };
  return [logs, exec];
}

/** One CRI-format log line, the format kwok's log reader (the kubelet's) expects. */
function criLine(text: string): string {
  return `${new Date().toISOString()} stdout F ${text}\n`;
}

async function tick(): Promise<void> {
  // `cluster -- load` pods share namespace-wide rules: a life each for 10,000 of them would cost a core.
  const { items } = await core.listPodForAllNamespaces({ labelSelector: `!${agentlessLabel}` });
  const live = new Set<string>();
  for (const pod of items) {
    const meta = pod.metadata;
    if (!meta?.name || !meta.namespace || !meta.uid || !pod.spec?.nodeName) continue;
    const dir = podDir(pod);
    live.add(dir);
    mkdirSync(join(dir, 'root'), { recursive: true });
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const running = pod.status?.phase === 'Running' && !meta.deletionTimestamp;
    for (const c of containerNames(pod)) {
      const key = `${meta.uid}/${c}`;
      const n = (lineCount.get(key) ?? 0) + 1;
      if (running || n === 1) {
        lineCount.set(key, n);
        appendFileSync(
          join(dir, 'logs', `${c}.log`),
          criLine(`${meta.namespace}/${meta.name} ${c} line ${n}`),
        );
      }
    }
    if (!rulesApplied.has(meta.uid) && !meta.deletionTimestamp) {
      try {
        for (const rule of rulesFor(pod)) {
          await objects.patch(rule, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
        }
        rulesApplied.add(meta.uid);
      } catch (e) {
        const code = (e as { code?: number }).code;
        console.error(
          `rules for ${meta.namespace}/${meta.name}: ${code ?? (e instanceof Error ? e.message : e)}`,
        );
      }
    }
  }
  for (const ns of existsSync(podsDir) ? readdirSync(podsDir) : []) {
    for (const name of readdirSync(join(podsDir, ns))) {
      const dir = join(podsDir, ns, name);
      if (!live.has(dir)) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * kwok 0.8's controller panics on a TTY exec without stdin (and then every pod stops progressing),
 * so it is started again; `kwokctl start cluster` only starts components that are not running.
 */
async function reviveKwokController(): Promise<void> {
  const controller = kwokComponents().find((c) => c.name === 'kwok-controller');
  if (!controller || controller.alive) return;
  console.error(`kwok-controller (pid ${controller.pid}) is not running; starting it again`);
  await kwokctl(['start', 'cluster'], 120_000);
}

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
process.on('SIGINT', () => {
  stopping = true;
});

while (!stopping) {
  try {
    await reviveKwokController();
    await tick();
  } catch (e) {
    console.error(`tick: ${e instanceof Error ? e.message : String(e)}`);
  }
  await sleep(1000);
  // A pod agent whose pid file names another process belongs to an older harness run: it leaves.
  if (readPid(pidFile('pod-agent')) !== process.pid) break;
}
process.exit(0);
