import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  encodeRelease,
  HELM_SECRET_TYPE,
  type HelmRelease,
  type ReleaseStatus,
  releaseObjectName,
} from '../../model/helm/release.js';

interface Revision {
  version: number;
  status: ReleaseStatus;
  description: string;
  chartVersion: string;
  appVersion: string;
  config: Record<string, unknown>;
  manifest: string;
  /** Minutes before seeding. */
  ago: number;
}

interface ReleaseSpec {
  name: string;
  namespace: string;
  chart: string;
  description: string;
  defaults: Record<string, unknown>;
  notes: string;
  revisions: Revision[];
}

// Helm writes Go's RFC 3339 with nanoseconds.
const goTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

const doc = (chart: string, template: string, yaml: string) =>
  `---\n# Source: ${chart}/templates/${template}\n${yaml}`;

function deployment(
  ns: string,
  name: string,
  image: string,
  replicas: number,
  release: string,
  chart: string,
): string {
  return doc(
    chart,
    `${name === 'cart' ? 'cart' : 'deployment'}.yaml`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/managed-by: Helm
    app.kubernetes.io/instance: ${release}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: nginx
          image: ${image}
          ports:
            - containerPort: 80`,
  );
}

function service(
  ns: string,
  name: string,
  type: string,
  release: string,
  chart: string,
  template: string,
): string {
  return doc(
    chart,
    template,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/managed-by: Helm
    app.kubernetes.io/instance: ${release}
spec:
  type: ${type}
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 80`,
  );
}

const shopManifest = (image: string, replicas: number) =>
  [
    deployment('shop', 'storefront', image, replicas, 'shop', 'shop'),
    deployment('shop', 'cart', image, replicas, 'shop', 'shop'),
    service('shop', 'cart', 'ClusterIP', 'shop', 'shop', 'cart-service.yaml'),
  ].join('\n');

const shopDefaults = {
  image: { repository: 'nginx', tag: '1.27' },
  replicaCount: 1,
  database: { host: 'db.shop.svc.cluster.local', user: 'shop', password: '' },
  ingress: { enabled: false },
};

/** The demo's Helm releases: shop (installed, upgraded, a failed upgrade), ingress-nginx, metallb (ConfigMap driver). */
const releases: ReleaseSpec[] = [
  {
    name: 'shop',
    namespace: 'shop',
    chart: 'shop',
    description: 'The demo shop: storefront and cart',
    defaults: shopDefaults,
    notes: 'The shop is at http://shop.svc.mydomain.test/ (through the Istio gateway).',
    revisions: [
      {
        version: 1,
        status: 'superseded',
        description: 'Install complete',
        chartVersion: '0.3.0',
        appVersion: '1.27',
        config: { replicaCount: 1, database: { password: 's3cr3t-demo-only' } },
        manifest: shopManifest('nginx:1.27', 1),
        ago: 3 * 24 * 60,
      },
      {
        version: 2,
        status: 'deployed',
        description: 'Upgrade complete',
        chartVersion: '0.3.1',
        appVersion: '1.27',
        config: { replicaCount: 2, database: { password: 's3cr3t-demo-only' } },
        manifest: shopManifest('nginx:1.27', 2),
        ago: 2 * 24 * 60,
      },
      {
        version: 3,
        status: 'failed',
        description:
          'Upgrade "shop" failed: failed to create resource: Deployment.apps "storefront" is invalid: spec.template.spec.containers[0].image: Required value',
        chartVersion: '0.4.0',
        appVersion: '1.28',
        config: { replicaCount: 2, image: { tag: '' }, database: { password: 's3cr3t-demo-only' } },
        manifest: shopManifest('nginx:', 2),
        ago: 45,
      },
    ],
  },
  {
    name: 'ingress-nginx',
    namespace: 'ingress-nginx',
    chart: 'ingress-nginx',
    description: 'Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer',
    defaults: { controller: { replicaCount: 1, service: { type: 'LoadBalancer' }, ingressClass: 'nginx' } },
    notes:
      'The ingress-nginx controller has been installed.\nIt may take a few minutes for the load balancer IP to be available.',
    revisions: [
      {
        version: 1,
        status: 'deployed',
        description: 'Install complete',
        chartVersion: '4.14.0',
        appVersion: '1.14.0',
        config: {
          controller: {
            service: {
              annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'ingress.svc.mydomain.test' },
            },
          },
        },
        manifest: [
          deployment(
            'ingress-nginx',
            'ingress-nginx-controller',
            'registry.k8s.io/ingress-nginx/controller:v1.14.0',
            1,
            'ingress-nginx',
            'ingress-nginx',
          ).replace('deployment.yaml', 'controller-deployment.yaml'),
          service(
            'ingress-nginx',
            'ingress-nginx-controller',
            'LoadBalancer',
            'ingress-nginx',
            'ingress-nginx',
            'controller-service.yaml',
          ),
        ].join('\n'),
        ago: 7 * 24 * 60,
      },
    ],
  },
  {
    name: 'metallb',
    namespace: 'metallb-system',
    chart: 'metallb',
    description: 'A network load-balancer implementation for Kubernetes using standard routing protocols',
    defaults: { controller: { enabled: true }, speaker: { enabled: true } },
    notes: 'MetalLB is now running in the cluster.',
    revisions: [
      {
        version: 1,
        status: 'deployed',
        description: 'Install complete',
        chartVersion: '0.15.2',
        appVersion: 'v0.15.2',
        config: {},
        manifest: deployment(
          'metallb-system',
          'controller',
          'quay.io/metallb/controller:v0.15.2',
          1,
          'metallb',
          'metallb',
        ).replace('deployment.yaml', 'controller.yaml'),
        ago: 7 * 24 * 60 + 5,
      },
    ],
  },
];

function toRelease(spec: ReleaseSpec, rev: Revision, now: number): HelmRelease {
  const first = now - spec.revisions[0]!.ago * 60_000;
  return {
    name: spec.name,
    namespace: spec.namespace,
    version: rev.version,
    info: {
      first_deployed: goTime(first),
      last_deployed: goTime(now - rev.ago * 60_000),
      deleted: '',
      description: rev.description,
      status: rev.status,
      notes: spec.notes,
    },
    chart: {
      metadata: {
        name: spec.chart,
        version: rev.chartVersion,
        appVersion: rev.appVersion,
        description: spec.description,
        apiVersion: 'v2',
        type: 'application',
      },
      lock: null,
      templates: [],
      values: spec.defaults,
      schema: null,
      files: [],
    },
    config: rev.config,
    manifest: rev.manifest,
    hooks: [],
  };
}

function labels(spec: ReleaseSpec, rev: Revision, now: number): Record<string, string> {
  return {
    name: spec.name,
    owner: 'helm',
    status: rev.status,
    version: String(rev.version),
    createdAt: String(Math.floor((now - rev.ago * 60_000) / 1000)),
  };
}

/** The storage objects, exactly as Helm's Secret and ConfigMap drivers write them. */
export function helmStorage(now: number): { secrets: V1Secret[]; configMaps: V1ConfigMap[] } {
  const secrets: V1Secret[] = [];
  const configMaps: V1ConfigMap[] = [];
  for (const spec of releases) {
    for (const rev of spec.revisions) {
      const metadata = {
        name: releaseObjectName(spec.name, rev.version),
        namespace: spec.namespace,
        labels: labels(spec, rev, now),
      };
      const encoded = encodeRelease(toRelease(spec, rev, now));
      if (spec.name === 'metallb')
        configMaps.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { release: encoded } });
      // The Secret's data is base64 on the wire around Helm's own base64, as Helm stores it.
      else
        secrets.push({
          apiVersion: 'v1',
          kind: 'Secret',
          type: HELM_SECRET_TYPE,
          metadata,
          data: { release: Buffer.from(encoded).toString('base64') },
        });
    }
  }
  // A revision a failed tool overwrote: kdeck must show it as unreadable, with the reason, and list the rest.
  secrets.push({
    apiVersion: 'v1',
    kind: 'Secret',
    type: HELM_SECRET_TYPE,
    metadata: {
      name: releaseObjectName('legacy-cron', 1),
      namespace: 'demo',
      labels: { name: 'legacy-cron', owner: 'helm', status: 'deployed', version: '1' },
    },
    // gzip's header and nothing after it: a write cut short.
    data: {
      release: Buffer.from(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]).toString('base64')).toString(
        'base64',
      ),
    },
  });
  return { secrets, configMaps };
}
