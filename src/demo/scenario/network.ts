import type {
  KubernetesObject,
  V1ConfigMap,
  V1Ingress,
  V1Secret,
  V1Service,
  V1ServiceAccount,
} from '@kubernetes/client-node';

const zone = 'svc.mydomain.test';

/** MetalLB 0.10–0.12 configuration, as the seeds write it. */
export const metallbLegacyConfig: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'config', namespace: 'metallb-system' },
  data: {
    config: [
      'address-pools:',
      '- name: default',
      '  protocol: layer2',
      '  addresses:',
      '  - 203.0.113.220-203.0.113.240',
      '',
    ].join('\n'),
  },
};

/** The same pool the MetalLB 0.13+ way. */
export const metallbPool: KubernetesObject & { spec: unknown } = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'default', namespace: 'metallb-system' },
  spec: { addresses: ['203.0.113.220-203.0.113.240'], autoAssign: true, avoidBuggyIPs: false },
};

export const metallbL2: KubernetesObject & { spec: unknown } = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'L2Advertisement',
  metadata: { name: 'default', namespace: 'metallb-system' },
  spec: { ipAddressPools: ['default'] },
};

function lb(
  ns: string,
  name: string,
  selector: Record<string, string>,
  annotations: Record<string, string> = {},
  port = 80,
  targetPort = 80,
): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: ns,
      labels: selector,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: { type: 'LoadBalancer', selector, ports: [{ name: 'http', port, protocol: 'TCP', targetPort }] },
  };
}

/** A LoadBalancer Service external-dns publishes through its hostname annotation. */
export const storefrontLb = lb(
  'shop',
  'storefront',
  { app: 'storefront' },
  {
    'external-dns.kubernetes.io/hostname': `storefront.${zone}`,
    'external-dns.kubernetes.io/ttl': '300',
  },
);

/** The same with the annotation prefix external-dns used before v0.14, which it still reads. */
export const legacyLb = lb(
  'default',
  'legacy-app',
  { app: 'test' },
  { 'external-dns.alpha.kubernetes.io/hostname': `legacy.${zone}` },
);

export const testNodePort: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'test-nodeport', namespace: 'default', labels: { app: 'test' } },
  spec: {
    type: 'NodePort',
    selector: { app: 'test' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
  },
};

export const testClusterIp: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'test', namespace: 'default', labels: { app: 'test' } },
  spec: { selector: { app: 'test' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
};

/** ingress-nginx's controller Service: the address every nginx-class Ingress reports. */
export const ingressNginxLb = lb('ingress-nginx', 'ingress-nginx-controller', {
  'app.kubernetes.io/name': 'ingress-nginx',
});

export const wwwIngress: V1Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'www', namespace: 'default' },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [`www.${zone}`], secretName: 'www-tls' }],
    rules: [
      {
        host: `www.${zone}`,
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'test', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};

/** Istio's ingress gateway Service, which the Gateway below selects (and external-dns follows). */
export const istioIngressLb: V1Service = {
  ...lb('istio-system', 'istio-ingressgateway', { app: 'istio-ingressgateway', istio: 'ingressgateway' }),
};

export const shopGateway: KubernetesObject & { spec: unknown } = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'shop-gateway', namespace: 'shop' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [`shop.${zone}`] }],
  },
};

export const shopVirtualService: KubernetesObject & { spec: unknown } = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    hosts: [`shop.${zone}`],
    gateways: ['shop/shop-gateway'],
    http: [
      {
        match: [{ uri: { prefix: '/cart' } }],
        route: [{ destination: { host: 'cart.shop.svc.cluster.local', port: { number: 80 } } }],
      },
      { route: [{ destination: { host: 'storefront.shop.svc.cluster.local', port: { number: 80 } } }] },
    ],
  },
};

/** Records external-dns publishes from its crd source: one A record and one CNAME. */
export const staticRecords: KubernetesObject & { spec: unknown } = {
  apiVersion: 'externaldns.k8s.io/v1alpha1',
  kind: 'DNSEndpoint',
  metadata: { name: 'static-records', namespace: 'default' },
  spec: {
    endpoints: [
      { dnsName: `api.${zone}`, recordTTL: 300, recordType: 'A', targets: ['203.0.113.250'] },
      { dnsName: `docs.${zone}`, recordTTL: 300, recordType: 'CNAME', targets: [`www.${zone}`] },
    ],
  },
};

const b64 = (s: string) => Buffer.from(s).toString('base64');

export const dbCredentials: V1Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-credentials', namespace: 'default' },
  type: 'Opaque',
  data: { username: b64('shop'), password: b64('s3cr3t-demo-only') },
};

/** A self-signed certificate for www.svc.mydomain.test, made for the demo only (openssl, P-256, 10 years). */
export const wwwTls: V1Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'www-tls', namespace: 'default' },
  type: 'kubernetes.io/tls',
  data: {
    'tls.crt': b64(`-----BEGIN CERTIFICATE-----
MIIBtzCCAV2gAwIBAgIUbtCqIeVd9wkwJriXMDi25NG9iNcwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVd3d3LnN2Yy5teWRvbWFpbi50ZXN0MB4XDTI2MTEyODA4MjI1
OFoXDTM2MTEyNTA4MjI1OFowIDEeMBwGA1UEAwwVd3d3LnN2Yy5teWRvbWFpbi50
ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE08WGM1xloplzeDfcczlw4pJu
t+C6S7AvdeDczo59C9xvNP+E4o7+yeM8eCscp+DNT1D0qiJibYcX+fV3y6W4dKN1
MHMwHQYDVR0OBBYEFKofq2J/OG63IQxliykq9Nx5T3oTMB8GA1UdIwQYMBaAFKof
q2J/OG63IQxliykq9Nx5T3oTMA8GA1UdEwEB/wQFMAMBAf8wIAYDVR0RBBkwF4IV
d3d3LnN2Yy5teWRvbWFpbi50ZXN0MAoGCCqGSM49BAMCA0gAMEUCIQCnsATdnNbV
aywXwwR2jMRl4y+8hXqJQGcieDeE77bfdQIgAnAIwcG2kKCgDsOne7Qkt1fLHBmm
3Ppx41Xi8XQBjd4=
-----END CERTIFICATE-----
`),
    'tls.key': b64(`-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggcGTgZHcVdvIJZ0l
Kb+vWP8S5QleIDeIVClGuAaXEbGhRANCAATTxYYzXGWimXN4N9xzOXDikm634LpL
sC914NzOjn0L3G80/4Tijv7J4zx4Kxyn4M1PUPSqImJthxf59XfLpbh0
-----END PRIVATE KEY-----
`),
  },
};

export const deployerAccount: V1ServiceAccount = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'deployer', namespace: 'default' },
};

/** A long-lived token Secret as people still create them for CI: the token controller would fill it in. */
export const deployerToken: V1Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'deployer-token',
    namespace: 'default',
    annotations: { 'kubernetes.io/service-account.name': 'deployer' },
  },
  type: 'kubernetes.io/service-account-token',
  data: {
    'ca.crt': b64(`-----BEGIN CERTIFICATE-----
MIIBtzCCAV2gAwIBAgIUbtCqIeVd9wkwJriXMDi25NG9iNcwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVd3d3LnN2Yy5teWRvbWFpbi50ZXN0MB4XDTI2MTEyODA4MjI1
OFoXDTM2MTEyNTA4MjI1OFowIDEeMBwGA1UEAwwVd3d3LnN2Yy5teWRvbWFpbi50
ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE08WGM1xloplzeDfcczlw4pJu
t+C6S7AvdeDczo59C9xvNP+E4o7+yeM8eCscp+DNT1D0qiJibYcX+fV3y6W4dKN1
MHMwHQYDVR0OBBYEFKofq2J/OG63IQxliykq9Nx5T3oTMB8GA1UdIwQYMBaAFKof
q2J/OG63IQxliykq9Nx5T3oTMA8GA1UdEwEB/wQFMAMBAf8wIAYDVR0RBBkwF4IV
d3d3LnN2Yy5teWRvbWFpbi50ZXN0MAoGCCqGSM49BAMCA0gAMEUCIQCnsATdnNbV
aywXwwR2jMRl4y+8hXqJQGcieDeE77bfdQIgAnAIwcG2kKCgDsOne7Qkt1fLHBmm
3Ppx41Xi8XQBjd4=
-----END CERTIFICATE-----
`),
    namespace: b64('default'),
    token: b64(
      'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrZGVjay1kZW1vIiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmRlZmF1bHQ6ZGVwbG95ZXIifQ.ZGVtbw',
    ),
  },
};
