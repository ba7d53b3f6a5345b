import type { KubernetesObject, V1Deployment, V1Ingress, V1Service } from '@kubernetes/client-node';
import type {
  DemoController,
  DemoDnsEndpoint,
  DemoObjectStore,
  GroupVersionResource,
} from '../controller.js';
import { isApiError } from '../controllers/api-error.js';
import { externalDnsDemoObjects } from '../controllers/external-dns.js';
import { observe } from '../controllers/informer.js';
import { gvr } from '../controllers/resources.js';
import { rfc3339 } from '../controllers/wire-time.js';
import { helmStorage } from './helm.js';
import { loadPods } from './load.js';
import * as net from './network.js';
import { loadNodes, scenarioNodes } from './nodes.js';
import * as w from './workloads.js';

export interface SeedOptions {
  /** The demo DNS server, for external-dns's Deployment and TSIG Secret; without it they are left out. */
  dns: DemoDnsEndpoint | undefined;
  /** Extra running pods in namespace `load` (--demo-pods). */
  extraPods: number;
}

const namespaces = ['metallb-system', 'external-dns', 'istio-system', 'ingress-nginx', 'shop', 'demo'];

/** Creates obj unless it exists, so seeding twice (or after a person created it) is harmless. */
function put(store: DemoObjectStore, resource: GroupVersionResource, obj: KubernetesObject): void {
  try {
    store.create(resource, obj);
  } catch (e) {
    if (!isApiError(e, 'AlreadyExists')) throw e;
  }
}

function withPodLabels(d: V1Deployment, labels: Record<string, string>): V1Deployment {
  const all = { ...d.spec!.selector.matchLabels, ...labels };
  return {
    ...d,
    metadata: { ...d.metadata, labels: all },
    spec: {
      ...d.spec!,
      selector: { matchLabels: all },
      template: { ...d.spec!.template, metadata: { labels: all } },
    },
  };
}

/**
 * Loads the reference scenario (shared/SCENARIO.md) through the store, as `kubectl apply` of the seeds
 * would: nodes, namespaces, MetalLB and external-dns configuration, the workloads and their services.
 * The control loops then bring it to life.
 */
export function seedScenario(store: DemoObjectStore, opts: SeedOptions): void {
  for (const name of [...namespaces, ...(opts.extraPods > 0 ? ['load'] : [])]) {
    put(store, gvr.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const load = loadNodes(opts.extraPods);
  for (const node of [...scenarioNodes(), ...load]) put(store, gvr.nodes, node);

  put(store, gvr.configmaps, net.metallbLegacyConfig);
  put(store, gvr.ipaddresspools, net.metallbPool);
  put(store, gvr.l2advertisements, net.metallbL2);
  put(
    store,
    gvr.deployments,
    withPodLabels(
      w.simpleDeployment('metallb-system', 'controller', 'quay.io/metallb/controller:v0.15.2', 1, 7472),
      { component: 'controller' },
    ),
  );
  put(store, gvr.daemonsets, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'speaker',
      namespace: 'metallb-system',
      labels: { app: 'metallb', component: 'speaker' },
    },
    spec: {
      selector: { matchLabels: { app: 'metallb', component: 'speaker' } },
      template: {
        metadata: { labels: { app: 'metallb', component: 'speaker' } },
        spec: {
          hostNetwork: true,
          tolerations: [
            { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'speaker',
              image: 'quay.io/metallb/speaker:v0.15.2',
              args: ['--port=7472', '--log-level=info'],
            },
          ],
        },
      },
    },
  } as KubernetesObject);

  if (opts.dns) {
    const { secret, deployment } = externalDnsDemoObjects(opts.dns);
    put(store, gvr.secrets, secret);
    put(store, gvr.deployments, deployment);
  }

  for (const o of [w.testCm]) put(store, gvr.configmaps, o);
  for (const o of [net.dbCredentials, net.wwwTls]) put(store, gvr.secrets, o);
  put(store, gvr.serviceaccounts, net.deployerAccount);
  put(store, gvr.secrets, net.deployerToken);

  put(store, gvr.daemonsets, w.fluentd);
  put(store, gvr.services, w.nginxHeadless);
  put(store, gvr.statefulsets, w.web);
  put(store, gvr.pods, w.frontendOrphan);
  put(store, gvr.replicasets, w.frontend);
  put(store, gvr.deployments, w.simpleDeployment('default', 'test', 'nginx', 1, 80));
  for (const s of [net.testClusterIp, net.testNodePort, net.legacyLb]) put(store, gvr.services, s);
  for (const p of [w.webserver, w.crashy, w.hungry]) put(store, gvr.pods, p);
  put(store, gvr.jobs, w.piJob);
  put(store, gvr.cronjobs, w.helloCron);
  put(store, gvr.pods, w.seedNginx);
  put(store, gvr.services, w.seedNginxLb);

  put(
    store,
    gvr.deployments,
    withPodLabels(
      w.simpleDeployment(
        'ingress-nginx',
        'ingress-nginx-controller',
        'registry.k8s.io/ingress-nginx/controller:v1.14.0',
        1,
        80,
      ),
      { 'app.kubernetes.io/name': 'ingress-nginx' },
    ),
  );
  put(store, gvr.services, net.ingressNginxLb);
  put(store, gvr.ingresses, net.wwwIngress);

  put(
    store,
    gvr.deployments,
    w.simpleDeployment('istio-system', 'istiod', 'docker.io/istio/pilot:1.28.0', 1, 15010),
  );
  put(
    store,
    gvr.deployments,
    withPodLabels(
      w.simpleDeployment('istio-system', 'istio-ingressgateway', 'docker.io/istio/proxyv2:1.28.0', 1, 8080),
      { istio: 'ingressgateway' },
    ),
  );
  put(store, gvr.services, net.istioIngressLb);

  put(store, gvr.deployments, w.simpleDeployment('shop', 'storefront', 'nginx:1.27', 2, 80));
  put(store, gvr.deployments, w.simpleDeployment('shop', 'cart', 'nginx:1.27', 2, 80));
  put(store, gvr.services, {
    ...net.testClusterIp,
    metadata: { name: 'cart', namespace: 'shop', labels: { app: 'cart' } },
    spec: { selector: { app: 'cart' }, ports: [{ port: 80, targetPort: 80 }] },
  } as V1Service);
  put(store, gvr.services, net.storefrontLb);
  put(store, gvr.gateways, net.shopGateway);
  put(store, gvr.virtualservices, net.shopVirtualService);
  put(store, gvr.dnsendpoints, net.staticRecords);

  const helm = helmStorage(Date.now());
  for (const s of helm.secrets) put(store, gvr.secrets, s);
  for (const c of helm.configMaps) put(store, gvr.configmaps, c);

  for (const pod of loadPods(opts.extraPods, load)) store.create(gvr.pods, pod);
}

export interface ActivityOptions {
  /** Time between rollouts of shop/cart; default two minutes. */
  rolloutEveryMs?: number;
}

/**
 * Keeps the demo alive and coherent: a rollout of shop/cart now and then (alternating a new image and a
 * restart), and, standing in for ingress-nginx, every nginx-class Ingress reporting its controller's address.
 */
export function scenarioActivity(opts: ActivityOptions = {}): DemoController {
  return ({ store, signal, log }) => {
    let turn = 0;
    const rollout = () => {
      const d = store.get<V1Deployment>(gvr.deployments, 'shop', 'cart');
      if (!d?.spec?.template?.spec) return;
      const tpl = structuredClone(d.spec.template);
      const c = tpl.spec!.containers[0]!;
      if (turn++ % 2 === 0) c.image = c.image === 'nginx:1.27' ? 'nginx:1.27-alpine' : 'nginx:1.27';
      else
        tpl.metadata = {
          ...tpl.metadata,
          annotations: { ...tpl.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': rfc3339() },
        };
      try {
        store.update(gvr.deployments, { ...d, spec: { ...d.spec, template: tpl } });
      } catch (e) {
        log(`scenario rollout: ${JSON.stringify(e)}`);
      }
    };
    const timer = setInterval(rollout, opts.rolloutEveryMs ?? 120_000);
    timer.unref();
    signal.addEventListener('abort', () => clearInterval(timer));

    const publish = () => {
      const svc = store.get<V1Service>(gvr.services, 'ingress-nginx', 'ingress-nginx-controller');
      const ingress = svc?.status?.loadBalancer?.ingress;
      if (!ingress?.length) return;
      const lbStatus = {
        ingress: ingress.map((i) => ({
          ...(i.ip ? { ip: i.ip } : {}),
          ...(i.hostname ? { hostname: i.hostname } : {}),
        })),
      };
      for (const ing of store.list<V1Ingress>(gvr.ingresses)) {
        if (ing.spec?.ingressClassName !== 'nginx') continue;
        if (JSON.stringify(ing.status?.loadBalancer) === JSON.stringify(lbStatus)) continue;
        try {
          store.updateStatus(gvr.ingresses, { ...ing, status: { loadBalancer: lbStatus } });
        } catch (e) {
          if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
            log(`ingress status: ${JSON.stringify(e)}`);
        }
      }
    };
    observe(store, gvr.services, signal, (_t, obj) => {
      if (obj.metadata?.namespace === 'ingress-nginx') setImmediate(publish);
    });
    observe(store, gvr.ingresses, signal, () => setImmediate(publish));
  };
}
