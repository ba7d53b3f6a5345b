import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { startDnsServer } from '../dns/server.js';
import type { DenyRule } from './apiserver/authz.js';
import { builtinCrds } from './apiserver/builtin-crds.js';
import { followCrds } from './apiserver/crd.js';
import { builtinResourceTypes, ResourceRegistry } from './apiserver/resources.js';
import { ApiServer } from './apiserver/server.js';
import { ObjectStore } from './apiserver/store.js';
import type { DemoController, DemoDnsEndpoint, DemoObjectStore } from './controller.js';
import { LocalPodRuntime } from './runtime/local-runtime.js';

export type { DenyRule } from './apiserver/authz.js';

export interface DemoClusterOptions {
  /** 0 or unset: an ephemeral port. */
  port?: number;
  /** Extra plain pods in namespace `load`, for trying kdeck at scale. */
  extraPods?: number;
  controllers?: DemoController[];
  /** Where the kubeconfig and the containers' scratch directories go; default a fresh temp dir. */
  stateDir?: string;
  log?: (m: string) => void;
  /** Seconds between watch BOOKMARKs (the real server sends one about every minute). */
  bookmarkIntervalSeconds?: number;
  /** Changes kept per resource for watches and continue tokens; older ones get 410 Gone. */
  historyPerResource?: number;
}

export interface DemoCluster {
  url: string;
  kubeconfigPath: string;
  /** The kubeconfig as YAML. */
  kubeconfig: string;
  store: DemoObjectStore;
  dns?: DemoDnsEndpoint;
  /** Requests matching one of these rules get 403 Forbidden (and SelfSubjectAccessReviews say so). */
  deny: DenyRule[];
  stop(): Promise<void>;
}

const DNS_ZONES = ['svc.mydomain.test', 'hosts.mydomain.test', 'mydomain.test'];
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function kubeconfigYaml(url: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kdeck-demo',
    '  cluster:',
    `    server: ${url}`,
    // client-node 1.x refuses plain HTTP unless TLS verification is (vacuously) off.
    '    insecure-skip-tls-verify: true',
    'contexts:',
    '- name: kdeck-demo',
    '  context:',
    '    cluster: kdeck-demo',
    '    user: demo',
    '    namespace: default',
    'current-context: kdeck-demo',
    'users:',
    '- name: demo',
    '  user:',
    `    token: ${token}`,
    '',
  ].join('\n');
}

/** What a fresh control plane holds before anyone uses it: namespaces, the kubernetes Service, CRDs. */
function bootstrap(store: ObjectStore): void {
  for (const name of SYSTEM_NAMESPACES) {
    store.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name } });
  }
  store.create<V1Service>(
    { group: '', version: 'v1', resource: 'services' },
    {
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
  );
  const crdGvr = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
  for (const crd of builtinCrds()) store.create(crdGvr, crd);
}

function addExtraPods(store: ObjectStore, count: number): void {
  const pods = { group: '', version: 'v1', resource: 'pods' };
  store.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name: 'load' } });
  for (let i = 0; i < count; i++) {
    const app = `load-${i % 50}`;
    const pod: V1Pod = {
      metadata: {
        name: `${app}-${String(i).padStart(5, '0')}`,
        namespace: 'load',
        labels: { app, tier: i % 3 === 0 ? 'web' : 'worker' },
      },
      spec: {
        containers: [
          {
            name: 'app',
            image: i % 2 ? 'nginx:1.27' : 'registry.example/load/app:1.8.2',
            ports: [{ containerPort: 8080 }],
          },
        ],
      },
    };
    store.create(pods, pod);
  }
}

/**
 * Starts the embedded demo cluster: an API server on 127.0.0.1 over plain HTTP, its storage, a pod
 * runtime on this machine, the authoritative DNS server, and the given control loops; writes a
 * kubeconfig (context kdeck-demo) that kubectl, client-node and kdeck use unchanged.
 */
export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const log = opts.log ?? (() => {});
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'kdeck-demo-'));
  mkdirSync(stateDir, { recursive: true });
  const registry = new ResourceRegistry(builtinResourceTypes());
  const store = new ObjectStore(registry, { historyPerResource: opts.historyPerResource });
  followCrds(store, registry);
  bootstrap(store);
  if (opts.extraPods) addExtraPods(store, opts.extraPods);
  const token = randomBytes(24).toString('base64url');
  const runtime = new LocalPodRuntime(store, stateDir);
  const deny: DenyRule[] = [];
  const server = new ApiServer({
    store,
    registry,
    runtime,
    token,
    deny,
    bookmarkIntervalMs: (opts.bookmarkIntervalSeconds ?? 60) * 1000,
    log,
  });
  const port = await server.listen(opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const tsigSecret = randomBytes(32).toString('base64');
  const dnsServer = await startDnsServer({
    host: '127.0.0.1',
    port: 0,
    zones: DNS_ZONES.map((name) => ({ name })),
    keys: [{ name: 'externaldns', algorithm: 'hmac-sha256', secret: tsigSecret }],
  });
  const dns: DemoDnsEndpoint = {
    host: dnsServer.host,
    port: dnsServer.port,
    zones: DNS_ZONES,
    keyName: 'externaldns',
    algorithm: 'hmac-sha256',
    secret: tsigSecret,
  };
  const abort = new AbortController();
  // Every control loop listens on this one signal (0 would mean unlimited, but Node 20's getMaxListeners then throws).
  setMaxListeners(1000, abort.signal);
  for (const controller of opts.controllers ?? []) {
    Promise.resolve()
      .then(() => controller({ store, dns, signal: abort.signal, log }))
      .catch((e: unknown) =>
        log(`demo controller failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
      );
  }
  const kubeconfig = kubeconfigYaml(url, token);
  const kubeconfigPath = join(stateDir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  log(`demo cluster at ${url}, kubeconfig ${kubeconfigPath}`);
  let stopped = false;
  return {
    url,
    kubeconfigPath,
    kubeconfig,
    store,
    dns,
    deny,
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      store.close();
      await server.close();
      await runtime.close();
      await dnsServer.stop();
    },
  };
}
