// `npm run cluster -- load N`: N ordinary-looking pods in namespace `load`, for `npm run bench` against the real control plane.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, type KubernetesObject, type V1Pod } from '@kubernetes/client-node';
import { KubeClient } from '../../src/kube/client.js';
import { KubeError } from '../../src/kube/kube-error.js';
import { RequestLog } from '../../src/kube/request-log.js';
import { clusterNodes } from './harness.js';
import { applyAll, loadKubeConfig } from './kube.js';
import { paths, stateDir } from './paths.js';

export const loadNamespace = 'load';
/**
 * The pod-agent skips these: its per-pod life would cost ~0.75 core at 10,000 pods,
 * and the namespace-wide rules below already give these pods logs and exec.
 */
export const agentlessLabel = 'kdeck.test/agentless';
const sharedDir = join(stateDir, 'load');
/** bench/tables.ts filters on `load-1234`, so names are load- plus five digits. */
const namePrefix = 'load-';
/** Creates or deletes in flight at once, over one keep-alive agent. */
const concurrency = 48;
const pageSize = 500;
/** Only metadata comes back from the lists here: names and phases are all this file needs. */
const partialMetadata = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface LoadReport {
  /** Pods in the namespace once done. */
  pods: number;
  created: number;
  deleted: number;
  deleteMs: number;
  /** From the first create to the last, in ms (0 when nothing was created). */
  createMs: number;
  /** From the first create until kwok reported every pod Running, in ms. */
  runningMs: number;
}

export function podName(index: number): string {
  return `${namePrefix}${String(index).padStart(5, '0')}`;
}

/**
 * A pod as a Deployment would leave it: app labels, one container with requests and a probe.
 * spec.nodeName spreads them over the kwok nodes directly: the scheduler bound ~65 pods a second here.
 */
export function loadPod(index: number): V1Pod {
  const node = clusterNodes[(index - 1) % clusterNodes.length]!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(index),
      namespace: loadNamespace,
      labels: {
        app: 'load',
        'app.kubernetes.io/name': 'load',
        tier: index % 2 === 0 ? 'web' : 'worker',
        [agentlessLabel]: 'true',
      },
    },
    spec: {
      nodeName: node.name,
      // The control-plane node is tainted; a pod that runs there tolerates it.
      tolerations: node.controlPlane
        ? [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }]
        : undefined,
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
          args: ['netexec', '--http-port=8080'],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        },
      ],
    },
  };
}

/** One kwok Logs and one Exec rule for the whole namespace: a fixed log file and a shared scratch dir. */
async function applySharedRules(kubeconfig: string): Promise<void> {
  mkdirSync(join(sharedDir, 'root'), { recursive: true });
  const now = Date.now();
  const lines = Array.from(
    { length: 20 },
    (_, i) => `${new Date(now - (20 - i) * 1000).toISOString()} stdout F load pod line ${i + 1}\n`,
  );
  writeFileSync(join(sharedDir, 'app.log'), lines.join(''));
  const selector = { matchNamespaces: [loadNamespace] };
  const rules: (KubernetesObject & { spec: object })[] = [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterLogs',
      metadata: { name: loadNamespace },
      spec: { selector, logs: [{ containers: ['app'], logsFile: join(sharedDir, 'app.log'), follow: true }] },
    },
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterExec',
      metadata: { name: loadNamespace },
      spec: { selector, execs: [{ local: { workDir: join(sharedDir, 'root') } }] },
    },
  ];
  await applyAll(loadKubeConfig(kubeconfig), rules);
}

function kubeClient(kubeconfig: string): KubeClient {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return new KubeClient(kc, new RequestLog(pageSize));
}

interface Meta {
  metadata: { name: string };
}

interface MetaList {
  /** null in an empty PartialObjectMetadataList. */
  items: Meta[] | null;
  metadata: { continue?: string };
}

/** Names of the pods in the namespace, through paginated metadata-only lists. */
async function podNames(client: KubeClient, fieldSelector?: string): Promise<string[]> {
  const names: string[] = [];
  let cont: string | undefined;
  do {
    const page = await client.request<MetaList>({
      path: `/api/v1/namespaces/${loadNamespace}/pods`,
      query: { limit: pageSize, continue: cont, fieldSelector },
      accept: partialMetadata,
    });
    for (const item of page.items ?? []) names.push(item.metadata.name);
    cont = page.metadata.continue || undefined;
  } while (cont);
  return names;
}

/** Runs each job with at most `limit` in flight; the first failure stops new jobs and is thrown. */
async function parallel<T>(items: T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await job(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function ensureNamespace(client: KubeClient): Promise<void> {
  try {
    await client.request({
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: loadNamespace } },
    });
  } catch (e) {
    if (!(e instanceof KubeError && e.status === 409)) throw e;
  }
}

async function waitRunning(
  client: KubeClient,
  count: number,
  progress: (msg: string) => void,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const pending = (await podNames(client, 'status.phase!=Running')).length;
    if (pending === 0) return;
    if (pending !== last) progress(`${count - pending}/${count} Running`);
    last = pending;
    if (Date.now() > deadline)
      throw new Error(`${pending} pods in ${loadNamespace} not Running after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Makes namespace `load` hold exactly load-00001..load-N: creates the missing ones (existing pods stay),
 * deletes the rest, then waits until kwok reports all of them Running. N=0 empties the namespace.
 */
export async function load(
  count: number,
  progress: (msg: string) => void = () => undefined,
  kubeconfig = paths.kubeconfig,
): Promise<LoadReport> {
  const client = kubeClient(kubeconfig);
  try {
    await ensureNamespace(client);
    await applySharedRules(kubeconfig);
    const wanted = new Set(Array.from({ length: count }, (_, i) => podName(i + 1)));
    const existing = new Set(await podNames(client));
    const extra = [...existing].filter((n) => !wanted.has(n));
    const missing = [...wanted]
      .filter((n) => !existing.has(n))
      .map((n) => Number(n.slice(namePrefix.length)));

    const d0 = performance.now();
    // Grace period 0: kwok pods have no process to stop, and the namespace is empty when this returns.
    await parallel(extra, concurrency, async (name) => {
      try {
        await client.request({
          method: 'DELETE',
          path: `/api/v1/namespaces/${loadNamespace}/pods/${name}`,
          body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
        });
      } catch (e) {
        if (!(e instanceof KubeError && e.status === 404)) throw e;
      }
    });
    const deleteMs = extra.length > 0 ? performance.now() - d0 : 0;

    const t0 = performance.now();
    let created = 0;
    await parallel(missing, concurrency, async (index) => {
      try {
        await client.request({
          method: 'POST',
          path: `/api/v1/namespaces/${loadNamespace}/pods`,
          body: loadPod(index),
        });
      } catch (e) {
        if (!(e instanceof KubeError && e.status === 409)) throw e;
      }
      created++;
      if (created % 1000 === 0)
        progress(`created ${created}/${missing.length} in ${Math.round(performance.now() - t0)} ms`);
    });
    const createMs = missing.length > 0 ? performance.now() - t0 : 0;
    // kwok brought 10,000 pods to Running in 111 s on 2 busy cores (11 ms a pod): allow five times that.
    await waitRunning(client, count, progress, 120_000 + count * 55);
    const runningMs = missing.length > 0 ? performance.now() - t0 : 0;
    return {
      pods: count,
      created: missing.length,
      deleted: extra.length,
      deleteMs: Math.round(deleteMs),
      createMs: Math.round(createMs),
      runningMs: Math.round(runningMs),
    };
  } finally {
    client.close();
  }
}
