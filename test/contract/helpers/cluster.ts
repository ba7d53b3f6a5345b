// The cluster a contract test talks to: the embedded demo by default, a real one when KDECK_CLUSTER_KUBECONFIG is set.
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { builtinControllers } from '../../../src/demo/controllers/index.js';
import { type DemoCluster, startDemoCluster } from '../../../src/demo/index.js';

export interface ContractCluster {
  kc: KubeConfig;
  kubeconfigPath: string;
  /** Set when running against the embedded demo (to force what a real server cannot be made to do on demand). */
  demo?: DemoCluster;
  /** A fresh namespace for this test file. */
  namespace: string;
  /** A schedulable node name. */
  node: string;
  stop(): Promise<void>;
}

const NODES = { group: '', version: 'v1', resource: 'nodes' };

/** Starts (or connects to) the cluster and creates this file's namespace. */
export async function contractCluster(opts: { historyPerResource?: number } = {}): Promise<ContractCluster> {
  const kc = new KubeConfig();
  let demo: DemoCluster | undefined;
  let kubeconfigPath: string;
  const real = process.env.KDECK_CLUSTER_KUBECONFIG;
  if (real) {
    kubeconfigPath = real;
    kc.loadFromFile(real);
  } else {
    demo = await startDemoCluster({
      historyPerResource: opts.historyPerResource,
      bookmarkIntervalSeconds: 60,
      log: (m) => process.env.KDECK_DEMO_LOG && process.stderr.write(`${m}\n`),
      controllers: builtinControllers({ timeScale: 0.05 }),
    });
    kubeconfigPath = demo.kubeconfigPath;
    kc.loadFromString(demo.kubeconfig);
    if (demo.store.list(NODES).length === 0) {
      demo.store.create<V1Node>(NODES, {
        metadata: {
          name: 'contract-node',
          labels: { 'kubernetes.io/hostname': 'contract-node', 'kubernetes.io/os': 'linux' },
        },
        spec: { podCIDR: '10.244.9.0/24' },
        status: {
          capacity: { cpu: '16', memory: '64Gi', pods: '500' },
          allocatable: { cpu: '16', memory: '64Gi', pods: '500' },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
          ],
          addresses: [{ type: 'InternalIP', address: '10.0.9.1' }],
        },
      });
    }
  }
  const core = kc.makeApiClient(CoreV1Api);
  const namespace = `contract-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  // Other suites share a real cluster and may cordon or taint nodes for a while.
  const node = await eventually('a schedulable Ready node', async () =>
    (await core.listNode()).items.find(
      (n) =>
        !n.spec?.unschedulable &&
        !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule') &&
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ),
  );
  return {
    kc,
    kubeconfigPath,
    demo,
    namespace,
    node: node.metadata!.name!,
    async stop() {
      await core.deleteNamespace({ name: namespace }).catch(() => {});
      await demo?.stop();
    },
  };
}

/** Polls until check() returns a value (bounded, so a broken server fails rather than hangs). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}

export interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

async function requestOptions(
  kc: KubeConfig,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ url: URL; opts: RequestOptions }> {
  const url = new URL(path, kc.getCurrentCluster()!.server);
  const opts: RequestOptions = { method, headers: { ...headers } };
  await kc.applyToHTTPSOptions(opts);
  return { url, opts };
}

/** One HTTP request through the kubeconfig's credentials, for what the typed clients do not expose. */
export async function raw(
  kc: KubeConfig,
  method: string,
  path: string,
  opts: { accept?: string; body?: unknown; contentType?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const { url, opts: ro } = await requestOptions(kc, method, path, headers);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, ro, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
  } & Record<string, unknown>;
}

/** A raw watch: collects events until stop() or the server ends the stream. */
export async function rawWatch(kc: KubeConfig, path: string, accept = 'application/json') {
  const events: WatchEvent[] = [];
  let ended = false;
  const { url, opts } = await requestOptions(kc, 'GET', path, { Accept: accept });
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  let status = 0;
  const req = send(url, opts, (res) => {
    status = res.statusCode ?? 0;
    let buf = '';
    res.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (line) events.push(JSON.parse(line) as WatchEvent);
      }
    });
    res.on('end', () => {
      ended = true;
    });
    res.on('error', () => {
      ended = true;
    });
  });
  req.on('error', () => {
    ended = true;
  });
  req.end();
  return {
    events,
    status: () => status,
    ended: () => ended,
    stop: () => req.destroy(),
  };
}

/** A pod that runs until deleted, on a schedulable node, once it is Running. */
export async function runningPod(
  c: ContractCluster,
  name: string,
  extra: Partial<V1Pod['spec']> = {},
): Promise<V1Pod> {
  const core = c.kc.makeApiClient(CoreV1Api);
  await core.createNamespacedPod({
    namespace: c.namespace,
    body: {
      metadata: { name, labels: { app: name } },
      spec: {
        containers: [
          { name: 'app', image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 1; done'] },
        ],
        terminationGracePeriodSeconds: 30,
        ...extra,
      },
    },
  });
  return eventually(`pod ${name} Running`, async () => {
    const p = await core.readNamespacedPod({ namespace: c.namespace, name });
    return p.status?.phase === 'Running' && p.status.containerStatuses?.every((s) => s.ready) ? p : undefined;
  });
}
