import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiextensionsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  Health,
  type KubeConfig,
  type KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
  type V1Node,
  VersionApi,
} from '@kubernetes/client-node';
import {
  addonCrds,
  metallbObjects,
  metallbPool,
  poolRange,
  startExternalDns,
  startMetallb,
} from './addons.js';
import { axfr, dnsZone, keyName, type NodeAddress, writeBindConfig } from './bind.js';
import { applyAll, isStatus, loadKubeConfig, readManifests } from './kube.js';
import { createCluster, deleteCluster, kwokComponents } from './kwok.js';
import { auditLogPath, binDir, clusterDir, paths, readVersions, repoRoot, stateDir } from './paths.js';
import {
  freePort,
  isAlive,
  logFile,
  pidFile,
  readPid,
  startDaemon,
  stopDaemon,
  stopPid,
  tail,
  waitFor,
} from './proc.js';

export interface ClusterNode extends NodeAddress {
  controlPlane: boolean;
}

export interface HarnessState {
  ports: { dns: number; echo: number; metallbHealth: number; externalDnsMetrics: number };
  nodes: ClusterNode[];
  startedAt: string;
}

/** Three workers and a tainted control-plane node; addresses are documentation data, never contacted. */
export const clusterNodes: ClusterNode[] = [
  { name: 'kdeck-control-plane', address: '198.51.100.10', controlPlane: true },
  { name: 'kdeck-worker-1', address: '198.51.100.11', controlPlane: false },
  { name: 'kdeck-worker-2', address: '198.51.100.12', controlPlane: false },
  { name: 'kdeck-worker-3', address: '198.51.100.13', controlPlane: false },
];

const probeNamespace = 'kdeck-harness';
const probeHost = `probe.${dnsZone}`;

/** The daemons the harness starts itself (kwokctl starts and stops the control plane). */
const ownDaemons = [
  { name: 'external-dns', binary: 'external-dns' },
  { name: 'metallb-controller', binary: 'metallb-controller' },
  { name: 'pod-agent', binary: 'node' },
  { name: 'named', binary: 'named' },
] as const;

export class ComponentError extends Error {
  constructor(
    readonly component: string,
    message: string,
    readonly log?: string,
  ) {
    super(`${component}: ${message}`);
  }
}

function log(msg: string): void {
  process.stderr.write(`[cluster ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export function readState(): HarnessState | undefined {
  if (!existsSync(paths.state)) return undefined;
  return JSON.parse(readFileSync(paths.state, 'utf8')) as HarnessState;
}

async function step<T>(component: string, logPath: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ComponentError) throw e;
    throw new ComponentError(component, e instanceof Error ? e.message : String(e), logPath);
  }
}

function kwokLog(name: string): string {
  return (
    kwokComponents().find((c) => c.name === name)?.log ??
    join(paths.kwokWorkdir, 'clusters', 'kdeck', 'logs', `${name}.log`)
  );
}

function nodeObject(n: ClusterNode): V1Node {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    type: 'kwok',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node-role.kubernetes.io/master'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels, annotations: { 'kwok.x-k8s.io/node': 'fake' } },
    spec: n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] } : {},
  };
}

async function ensureNodes(kc: KubeConfig, nodes: ClusterNode[]): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  for (const n of nodes) {
    try {
      await core.createNode({ body: nodeObject(n) });
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
    }
    // Hostname=localhost sends the API server's kubelet calls to the kwok controller; InternalIP is data.
    await core.patchNodeStatus(
      {
        name: n.name,
        body: {
          status: {
            addresses: [
              { type: 'InternalIP', address: n.address },
              { type: 'Hostname', address: 'localhost' },
            ],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}

async function nodesReady(kc: KubeConfig, count: number): Promise<true | undefined> {
  const { items } = await kc.makeApiClient(CoreV1Api).listNode();
  const ready = items.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  return ready.length >= count ? true : undefined;
}

async function apiHealthy(kc: KubeConfig): Promise<true | undefined> {
  if (!(await new Health(kc).readyz({ timeout: 5000 }))) throw new Error('/readyz is not ok');
  return true;
}

async function defaultServiceAccount(kc: KubeConfig): Promise<true | undefined> {
  try {
    await kc.makeApiClient(CoreV1Api).readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
    return true;
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
}

async function waitCrdsEstablished(kc: KubeConfig, crds: KubernetesObject[]): Promise<void> {
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  for (const crd of crds) {
    const name = crd.metadata!.name!;
    await waitFor(
      `CRD ${name} established`,
      async () => {
        const c = await ext.readCustomResourceDefinition({ name });
        return c.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True')
          ? true
          : undefined;
      },
      60_000,
    );
  }
}

/** Applies, retrying while discovery has not caught up with freshly created CRDs. */
async function applyEventually(kc: KubeConfig, objects: KubernetesObject[], what: string): Promise<void> {
  await waitFor(
    what,
    async () => {
      await applyAll(kc, objects);
      return true;
    },
    60_000,
    1000,
  );
}

/** Creates a LoadBalancer service with an external-dns hostname; returns once MetalLB and BIND both show it. */
async function probeLoadBalancerAndDns(kc: KubeConfig, state: HarnessState): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  await applyAll(kc, [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: probeNamespace } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'probe',
        namespace: probeNamespace,
        annotations: { 'external-dns.kubernetes.io/hostname': probeHost },
      },
      spec: { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
    } as KubernetesObject,
  ]);
  const ip = await step('metallb-controller', logFile('metallb-controller'), () =>
    waitFor(
      `a MetalLB address (${poolRange}) for ${probeNamespace}/probe`,
      async () => {
        const svc = await core.readNamespacedService({ name: 'probe', namespace: probeNamespace });
        return svc.status?.loadBalancer?.ingress?.[0]?.ip;
      },
      90_000,
    ),
  );
  await step('external-dns', logFile('external-dns'), () =>
    waitFor(
      `${probeHost} A ${ip} in BIND (signed AXFR)`,
      async () =>
        axfr(state.ports.dns).some((r) => r.type === 'A' && r.name === `${probeHost}.` && r.data === ip)
          ? true
          : undefined,
      120_000,
      1000,
    ),
  );
  await core.deleteNamespacedService({ name: 'probe', namespace: probeNamespace });
  return ip;
}

function daemonAlive(name: string): boolean {
  const pid = readPid(pidFile(name));
  return pid !== undefined && isAlive(pid);
}

/** True when every process of the harness is alive. */
export function isRunning(): boolean {
  const kwok = kwokComponents();
  return kwok.length >= 5 && kwok.every((c) => c.alive) && ownDaemons.every((d) => daemonAlive(d.name));
}

/** Checks everything `up` promises; throws a ComponentError naming what is not ready. */
async function verifyReady(kc: KubeConfig, state: HarnessState): Promise<void> {
  await step('kube-apiserver', kwokLog('kube-apiserver'), () =>
    waitFor('/readyz', () => apiHealthy(kc), 120_000),
  );
  await step('kwok-controller', kwokLog('kwok-controller'), () =>
    waitFor(`${state.nodes.length} nodes Ready`, () => nodesReady(kc, state.nodes.length), 120_000),
  );
  await step('kube-controller-manager', kwokLog('kube-controller-manager'), () =>
    waitFor('service account default/default', () => defaultServiceAccount(kc), 120_000),
  );
  const ip = await probeLoadBalancerAndDns(kc, state);
  log(`probe service got ${ip} and BIND serves ${probeHost}`);
}

async function upLocked(): Promise<HarnessState> {
  const started = Date.now();
  binDir();
  const existing = readState();
  if (existing && isRunning()) {
    log('already running; checking readiness');
    await verifyReady(loadKubeConfig(paths.kubeconfig), existing);
    return existing;
  }
  if (existing || existsSync(paths.kwokWorkdir)) {
    log('stale state found; cleaning it up first');
    await downLocked();
  }
  mkdirSync(stateDir, { recursive: true });
  const state: HarnessState = {
    ports: {
      dns: await freePort(),
      echo: await freePort(),
      metallbHealth: await freePort(),
      externalDnsMetrics: await freePort(),
    },
    nodes: clusterNodes,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(paths.state, `${JSON.stringify(state, null, 2)}\n`);

  await step('named', logFile('named'), async () => {
    const conf = writeBindConfig(state.ports.dns, state.nodes);
    startDaemon('named', '/usr/sbin/named', ['-g', '-c', conf]);
    await waitFor(
      'BIND answering a signed AXFR',
      async () => (axfr(state.ports.dns).length > 0 ? true : undefined),
      30_000,
    );
  });
  log(`named on 127.0.0.1:${state.ports.dns}`);

  await step('kwokctl', join(paths.logs, 'kwokctl.log'), async () => {
    mkdirSync(paths.logs, { recursive: true });
    try {
      const out = await createCluster();
      writeFileSync(join(paths.logs, 'kwokctl.log'), out);
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      writeFileSync(join(paths.logs, 'kwokctl.log'), `${err.stdout ?? ''}${err.stderr ?? ''}`);
      throw new Error(`kwokctl create cluster failed: ${err.message.split('\n')[0]}`);
    }
  });
  log('control plane started by kwokctl');
  const kc = loadKubeConfig(paths.kubeconfig);
  await step('kube-apiserver', kwokLog('kube-apiserver'), () =>
    waitFor('/readyz', () => apiHealthy(kc), 120_000),
  );

  await step('kube-apiserver', kwokLog('kube-apiserver'), async () => {
    await ensureNodes(kc, state.nodes);
    const crds = addonCrds();
    await applyAll(kc, crds);
    await waitCrdsEstablished(kc, crds);
    await applyEventually(kc, defaultKwokRules(state.ports.echo), 'kwok port-forward rule');
  });

  const controlPlane = state.nodes.find((n) => n.controlPlane)!.name;
  await step('pod-agent', logFile('pod-agent'), async () => {
    startDaemon(
      'pod-agent',
      process.execPath,
      [
        '--import',
        'tsx',
        join(clusterDir, 'pod-agent.ts'),
        paths.kubeconfig,
        paths.pods,
        String(state.ports.echo),
      ],
      { cwd: repoRoot },
    );
  });

  await step('metallb-controller', logFile('metallb-controller'), async () => {
    await applyAll(kc, metallbObjects(controlPlane));
    startMetallb(state.ports.metallbHealth);
    await applyEventually(kc, metallbPool(), 'MetalLB IPAddressPool and L2Advertisement');
  });
  await step('external-dns', logFile('external-dns'), async () => {
    startExternalDns(state.ports.dns, state.ports.externalDnsMetrics);
  });

  await verifyReady(kc, state);
  log(`ready in ${Math.round((Date.now() - started) / 1000)}s`);
  return state;
}

/** A cluster-wide port-forward rule: any pod port reaches the harness's echo server on 127.0.0.1. */
function defaultKwokRules(echoPort: number): KubernetesObject[] {
  return [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterPortForward',
      metadata: { name: 'echo' },
      spec: { forwards: [{ target: { port: echoPort, address: '127.0.0.1' } }] },
    } as KubernetesObject,
  ];
}

async function downLocked(): Promise<void> {
  for (const d of ownDaemons) {
    await stopDaemon(d.name, d.binary);
  }
  try {
    await deleteCluster();
  } catch (e) {
    log(`kwokctl delete cluster: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  // Whatever kwokctl left running, stopped by the pids it recorded.
  for (const c of kwokComponents()) {
    if (c.pid !== undefined && c.alive) await stopPid(c.pid);
  }
  for (const entry of existsSync(stateDir) ? readdirSync(stateDir) : []) {
    if (entry !== lockName) rmSync(join(stateDir, entry), { recursive: true, force: true });
  }
}

const lockName = '.lock';

/** Serialises up/down/seed across processes: several people and test runs share one harness. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const lock = join(stateDir, lockName);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readPid(lock);
      if (holder === undefined || !isAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ComponentError('harness', `pid ${holder} still holds ${lock}`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Starts everything (or checks a running harness) and returns once it is really ready. */
export function up(): Promise<HarnessState> {
  return withLock(upLocked);
}

/** Stops only the processes the harness started, by their pid files, and removes its state. */
export function down(): Promise<void> {
  return withLock(downLocked);
}

export interface ComponentStatus {
  name: string;
  pid: number | undefined;
  port: number | undefined;
  version: string;
  health: string;
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

function kwokctlPorts(): Record<string, number> {
  const file = join(paths.kwokWorkdir, 'clusters', 'kdeck', 'kwok.yaml');
  const out: Record<string, number> = {};
  if (!existsSync(file)) return out;
  const text = readFileSync(file, 'utf8');
  for (const [key, name] of [
    ['etcdPort', 'etcd'],
    ['kubeApiserverPort', 'kube-apiserver'],
    ['kubeControllerManagerPort', 'kube-controller-manager'],
    ['kubeSchedulerPort', 'kube-scheduler'],
    ['kwokControllerPort', 'kwok-controller'],
  ] as const) {
    const m = new RegExp(`\\b${key}: (\\d+)`).exec(text);
    if (m) out[name] = Number(m[1]);
  }
  return out;
}

async function leaseFresh(kc: KubeConfig, name: string): Promise<boolean> {
  try {
    const lease = await kc
      .makeApiClient(CoordinationV1Api)
      .readNamespacedLease({ name, namespace: 'kube-system' });
    const renew = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
    return Date.now() - renew < 60_000;
  } catch {
    return false;
  }
}

export async function status(): Promise<ComponentStatus[]> {
  const state = readState();
  if (!state) return [];
  const v = readVersions();
  const kc = existsSync(paths.kubeconfig) ? loadKubeConfig(paths.kubeconfig) : undefined;
  const ports = kwokctlPorts();
  let apiVersion = v.KUBERNETES_VERSION;
  let apiHealth = 'down';
  if (kc) {
    try {
      await apiHealthy(kc);
      apiHealth = 'ok (/readyz)';
      apiVersion = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
    } catch (e) {
      apiHealth = `unhealthy: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  let etcdVersion = 'unknown';
  try {
    etcdVersion =
      execFileSync(join(binDir(), 'etcd'), ['--version'], { encoding: 'utf8' })
        .split('\n')[0]
        .split(' ')
        .pop() ?? etcdVersion;
  } catch {
    // binary missing: reported as unknown
  }
  const out: ComponentStatus[] = [];
  const versions: Record<string, string> = {
    etcd: etcdVersion,
    'kube-apiserver': apiVersion,
    'kube-controller-manager': v.KUBERNETES_VERSION,
    'kube-scheduler': v.KUBERNETES_VERSION,
    'kwok-controller': v.KWOK_VERSION,
  };
  for (const c of kwokComponents()) {
    let health = c.alive ? 'running' : 'not running';
    if (c.alive && kc) {
      if (c.name === 'kube-apiserver') health = apiHealth;
      else if (c.name === 'etcd')
        health = apiHealth.startsWith('ok') ? 'ok (apiserver /readyz etcd)' : health;
      else if (c.name === 'kube-controller-manager' || c.name === 'kube-scheduler')
        health = (await leaseFresh(kc, c.name)) ? 'ok (leader lease renewed)' : 'lease stale';
      else if (c.name === 'kwok-controller')
        health = (await nodesReady(kc, state.nodes.length).catch(() => undefined))
          ? 'ok (nodes Ready)'
          : 'nodes not Ready';
    }
    out.push({ name: c.name, pid: c.pid, port: ports[c.name], version: versions[c.name] ?? '', health });
  }
  const dnsOk = (() => {
    try {
      return axfr(state.ports.dns).length > 0;
    } catch {
      return false;
    }
  })();
  const own: Record<string, { port: number | undefined; version: string; health: () => Promise<boolean> }> = {
    named: { port: state.ports.dns, version: bindVersion(), health: async () => dnsOk },
    'pod-agent': { port: state.ports.echo, version: 'harness', health: async () => true },
    'metallb-controller': {
      port: state.ports.metallbHealth,
      version: v.METALLB_VERSION,
      health: () => httpOk(`http://127.0.0.1:${state.ports.metallbHealth}/readyz`),
    },
    'external-dns': {
      port: state.ports.externalDnsMetrics,
      version: v.EXTERNAL_DNS_VERSION,
      health: () => httpOk(`http://127.0.0.1:${state.ports.externalDnsMetrics}/healthz`),
    },
  };
  for (const d of [...ownDaemons].reverse()) {
    const pid = readPid(pidFile(d.name));
    const alive = pid !== undefined && isAlive(pid);
    const o = own[d.name];
    const health = alive ? ((await o.health()) ? 'ok' : 'unhealthy') : 'not running';
    out.push({ name: d.name, pid, port: o.port, version: o.version, health });
  }
  return out;
}

function bindVersion(): string {
  try {
    return execFileSync('/usr/sbin/named', ['-v'], { encoding: 'utf8' }).split(' ')[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Shell-evaluable settings for tests and people. */
export function envLines(state: HarnessState): string[] {
  return [
    `KDECK_CLUSTER_KUBECONFIG=${paths.kubeconfig}`,
    `KDECK_DNS_SERVER=127.0.0.1`,
    `KDECK_DNS_PORT=${state.ports.dns}`,
    `KDECK_DNS_ZONE=${dnsZone}`,
    `KDECK_DNS_KEY_FILE=${paths.bindKey}`,
    `KDECK_DNS_KEY_NAME=${keyName}`,
    `KDECK_AUDIT_LOG=${auditLogPath}`,
    `KDECK_CLUSTER_ECHO_PORT=${state.ports.echo}`,
  ];
}

export function envVars(state: HarnessState): Record<string, string> {
  return Object.fromEntries(
    envLines(state).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Applies every manifest in cluster/seed/, in file-name order. */
export function seed(): Promise<number> {
  return withLock(seedLocked);
}

async function seedLocked(): Promise<number> {
  const kc = loadKubeConfig(paths.kubeconfig);
  const dir = join(clusterDir, 'seed');
  let count = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const objects = readManifests(join(dir, file));
    await applyEventually(kc, objects, `seed ${file}`);
    count += objects.length;
  }
  return count;
}

export { logFile, tail };
