// Proves the cluster harness through @kubernetes/client-node: real API server, kwok nodes, MetalLB, external-dns, BIND.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppsV1Api,
  CoreV1Api,
  Exec,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  Log,
  PatchStrategy,
  PortForward,
  setHeaderOptions,
  type V1Pod,
  type V1Status,
} from '@kubernetes/client-node';
import { axfr } from '../../cluster/lib/bind.js';
import { eventually as poll } from '../contract/helpers/cluster.js';
import { collector } from '../helpers/collector.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const dnsPort = Number(process.env.KDECK_DNS_PORT);
const dnsZone = process.env.KDECK_DNS_ZONE ?? 'svc.mydomain.test';
const dnsKeyFile = process.env.KDECK_DNS_KEY_FILE ?? '';
const skip = kubeconfig ? false : 'KDECK_CLUSTER_KUBECONFIG not set (run through npm run test:cluster)';

const ns = `harness-${randomBytes(3).toString('hex')}`;
const kc = new KubeConfig();
let core: CoreV1Api;
let apps: AppsV1Api;

/** Polls until check() returns a value; the harness's components get 90 s. */
const eventually = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000) =>
  poll(what, check, timeoutMs);

async function runningPods(selector: string): Promise<V1Pod[]> {
  const { items } = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  return items.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
}

async function podCount(selector: string, n: number): Promise<V1Pod[] | undefined> {
  const { items } = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  const live = items.filter((p) => !p.metadata?.deletionTimestamp);
  const running = live.filter((p) => p.status?.phase === 'Running');
  return live.length === n && running.length === n ? running : undefined;
}

interface ExecResult {
  stdout: string;
  stderr: string;
  status: V1Status;
}

/** Runs a command in the pod; a TTY session gets an open stdin, as `kubectl exec -it` gives it. */
async function exec(pod: string, command: string[], tty: boolean): Promise<ExecResult> {
  const out = collector();
  const err = collector();
  const stdin = tty ? new PassThrough() : null;
  return new Promise<ExecResult>((resolve, reject) => {
    let status: V1Status | undefined;
    new Exec(kc)
      .exec(ns, pod, 'app', command, out.stream, tty ? null : err.stream, stdin, tty, (s) => {
        status = s;
      })
      .then((ws) => {
        ws.on('close', () => {
          stdin?.end();
          if (status) resolve({ stdout: out.text(), stderr: err.text(), status });
          else reject(new Error(`exec closed without a status; stdout=${out.text()} stderr=${err.text()}`));
        });
        ws.on('error', reject);
      }, reject);
  });
}

/** A kubelet reports NonZeroExitCode with an ExitCode cause; kwok 0.8 only says "exit status N" in a Failure message. */
function exitCode(s: V1Status): number {
  if (s.status === 'Success') return 0;
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  if (cause?.message) return Number(cause.message);
  const m = /exit status (\d+)/.exec(s.message ?? '');
  if (m) return Number(m[1]);
  throw new Error(`no exit code in status: ${JSON.stringify(s)}`);
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The pool addresses no service holds yet, lowest first; IP math by hand because it is four lines. */
async function freePoolAddresses(): Promise<string[]> {
  const { items } = await core.listServiceForAllNamespaces();
  const used = new Set(items.flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip)));
  const out: string[] = [];
  for (let n = ipToNumber('203.0.113.220'); n <= ipToNumber('203.0.113.240'); n++) {
    if (!used.has(numberToIp(n))) out.push(numberToIp(n));
  }
  return out;
}

function lbService(name: string, annotations: Record<string, string> = {}): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, annotations },
    spec: { type: 'LoadBalancer', selector: { app: 'harness' }, ports: [{ port: 80, targetPort: 80 }] },
  } as KubernetesObject;
}

async function loadBalancerIp(name: string): Promise<string> {
  return eventually(`a MetalLB address for ${ns}/${name}`, async () => {
    const svc = await core.readNamespacedService({ name, namespace: ns });
    return svc.status?.loadBalancer?.ingress?.[0]?.ip;
  });
}

describe('cluster harness', { skip }, () => {
  before(async () => {
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await eventually('default service account in the test namespace', async () => {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: ns });
      return true;
    });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'harness' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'harness' } },
          template: {
            metadata: { labels: { app: 'harness' } },
            spec: { containers: [{ name: 'app', image: 'busybox', command: ['sleep', 'infinity'] }] },
          },
        },
      },
    });
  });

  after(async () => {
    if (!skip) await core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('has three Ready workers and a tainted control-plane node with data addresses', async () => {
    const { items } = await core.listNode();
    assert.equal(items.length, 4);
    for (const n of items) {
      assert.ok(
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        n.metadata?.name,
      );
      const internal = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
      assert.match(internal, /^198\.51\.100\.\d+$/);
    }
    const tainted = items.filter((n) =>
      n.spec?.taints?.some((t) => t.key === 'node-role.kubernetes.io/master' && t.effect === 'NoSchedule'),
    );
    assert.equal(tainted.length, 1);
  });

  it("runs a Deployment's pods and follows scaling", async () => {
    const pods = await eventually('2 harness pods Running', () => podCount('app=harness', 2));
    assert.ok(pods.every((p) => p.spec?.nodeName?.startsWith('kdeck-worker-')));
    const scale = (replicas: number) =>
      apps.patchNamespacedDeploymentScale(
        { name: 'harness', namespace: ns, body: { spec: { replicas } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    await scale(4);
    await eventually('4 harness pods Running', () => podCount('app=harness', 4));
    await scale(2);
    await eventually('back to 2 harness pods', () => podCount('app=harness', 2));
  });

  it('streams new log lines while following', async () => {
    const pod = await eventually('a running pod', async () => (await runningPods('app=harness'))[0]);
    const name = pod.metadata!.name!;
    const lastLine = await eventually('a first log line', async () => {
      const text = await core.readNamespacedPodLog({ name, namespace: ns, container: 'app', tailLines: 1 });
      const m = /app line (\d+)/.exec(text);
      return m ? Number(m[1]) : undefined;
    });
    const out = collector();
    const abort = await new Log(kc).log(ns, name, 'app', out.stream, { follow: true, tailLines: 1 });
    try {
      const newer = await eventually(
        `a line after line ${lastLine + 1} arriving while following`,
        async () => {
          const found = [...out.text().matchAll(/app line (\d+)/g)].map((m) => Number(m[1]));
          return found.some((n) => n > lastLine + 1) ? found : undefined;
        },
        30_000,
      );
      assert.ok(newer.length >= 2, `followed lines: ${newer.join(',')}`);
      for (const line of out.text().trim().split('\n')) {
        assert.match(line, new RegExp(`^${ns}/${name} app line \\d+$`));
      }
    } finally {
      abort.abort();
    }
  });

  it('execs a command without a TTY: output, stderr and exit code', async () => {
    const [pod] = await runningPods('app=harness');
    const name = pod.metadata!.name!;
    const ok = await eventually('exec answers', () =>
      exec(name, ['sh', '-c', 'echo out; echo err >&2; pwd'], false),
    );
    assert.equal(exitCode(ok.status), 0);
    assert.match(ok.stdout, /^out\n/);
    assert.equal(ok.stderr, 'err\n');
    assert.match(ok.stdout, new RegExp(`/pods/${ns}/${name}/root\\n$`));
    const failed = await exec(name, ['sh', '-c', 'echo bye; exit 3'], false);
    assert.equal(failed.stdout, 'bye\n');
    assert.equal(exitCode(failed.status), 3);
  });

  it('execs a shell with a TTY', async () => {
    const [pod] = await runningPods('app=harness');
    // kwok 0.8 closes the stream as soon as the command exits and can drop the pty's last bytes; the pause avoids that.
    const r = await exec(
      pod.metadata!.name!,
      ['sh', '-c', 'tty; test -t 0 && echo interactive; sleep 0.5'],
      true,
    );
    assert.equal(exitCode(r.status), 0);
    assert.match(r.stdout, /\/dev\/pts\/\d+\r?\n/);
    assert.match(r.stdout, /interactive\r?\n/);
  });

  it('port-forwards through the API server to a local echo', async () => {
    const [pod] = await runningPods('app=harness');
    const name = pod.metadata!.name!;
    const sockets = new Set<Socket>();
    const echo: Server = createServer((s) => {
      sockets.add(s);
      s.pipe(s);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as { port: number }).port;
    try {
      // A per-pod rule, which kwok prefers over the harness's cluster-wide one.
      await KubernetesObjectApi.makeApiClient(kc).create({
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'PortForward',
        metadata: { name, namespace: ns },
        spec: { forwards: [{ ports: [8080], target: { port, address: '127.0.0.1' } }] },
      } as KubernetesObject);
      const reply = await eventually(
        'an echo through port-forward',
        async () => {
          const out = collector();
          const input = new PassThrough();
          const ws = await new PortForward(kc).portForward(ns, name, [8080], out.stream, null, input);
          const socket = typeof ws === 'function' ? ws() : ws;
          try {
            const token = `ping-${randomBytes(4).toString('hex')}`;
            input.write(token);
            for (let i = 0; i < 20 && !out.text().includes(token); i++) await sleep(100);
            return out.text().includes(token) ? token : undefined;
          } finally {
            socket?.close();
          }
        },
        30_000,
      );
      assert.match(reply, /^ping-/);
    } finally {
      for (const s of sockets) s.destroy();
      echo.close();
    }
  });

  it('gets MetalLB addresses in pool order and external-dns records in BIND', async () => {
    const free = await freePoolAddresses();
    const host = `${ns}.${dnsZone}`;
    const objects = KubernetesObjectApi.makeApiClient(kc);
    await objects.create(lbService('lb-a', { 'external-dns.kubernetes.io/hostname': host }));
    const first = await loadBalancerIp('lb-a');
    assert.equal(first, free[0]);
    await objects.create(lbService('lb-b'));
    const second = await loadBalancerIp('lb-b');
    assert.equal(second, free[1]);

    const records = await eventually(
      `${host} A ${first} with its ownership TXT in a signed AXFR`,
      async () => {
        const rs = axfr(dnsPort, dnsZone, dnsKeyFile);
        const a = rs.find((r) => r.type === 'A' && r.name === `${host}.`);
        const txt = rs.filter(
          (r) => r.type === 'TXT' && r.name.includes(ns) && r.data.includes('heritage=external-dns'),
        );
        return a && txt.length > 0 ? { a, txt } : undefined;
      },
      120_000,
    );
    assert.equal(records.a.data, first);
    assert.ok(
      records.txt.some((t) => t.data.includes('external-dns/owner=kdeck-harness')),
      JSON.stringify(records.txt),
    );
  });
});
