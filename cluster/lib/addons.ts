import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { dnsZone, keyAlgorithm, keyName, readKeySecret } from './bind.js';
import { readManifests } from './kube.js';
import { crdDir, paths, readVersions, requireBinary } from './paths.js';
import { type Started, startDaemon } from './proc.js';

export const metallbNamespace = 'metallb-system';
export const metallbPodName = 'metallb-controller';
export const poolRange = '203.0.113.220-203.0.113.240';
export const txtOwnerId = 'kdeck-harness';

interface Crd extends KubernetesObject {
  spec: { group: string; names: { kind: string } };
}

/** The CRDs MetalLB, external-dns and its Istio sources need, from the pinned modules. */
export function addonCrds(): KubernetesObject[] {
  const dir = crdDir();
  const istio = (readManifests(join(dir, 'istio.yaml')) as Crd[]).filter(
    (c) =>
      c.spec.group === 'networking.istio.io' && ['Gateway', 'VirtualService'].includes(c.spec.names.kind),
  );
  return [
    ...readManifests(join(dir, 'metallb.yaml')),
    ...readManifests(join(dir, 'dnsendpoint.yaml')),
    ...istio,
  ];
}

/** The namespace, the pod object MetalLB's start-up looks itself up by, and the scenario's pool. */
export function metallbObjects(controlPlaneNode: string): KubernetesObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: metallbNamespace } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: metallbPodName,
        namespace: metallbNamespace,
        labels: { app: 'metallb', component: 'controller' },
      },
      spec: {
        nodeName: controlPlaneNode,
        tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [
          { name: 'controller', image: `quay.io/metallb/controller:${readVersions().METALLB_VERSION}` },
        ],
      },
    } as KubernetesObject,
  ];
}

export function metallbPool(): KubernetesObject[] {
  return [
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'default', namespace: metallbNamespace },
      spec: { addresses: [poolRange] },
    } as KubernetesObject,
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'default', namespace: metallbNamespace },
      spec: { ipAddressPools: ['default'] },
    } as KubernetesObject,
  ];
}

export function startMetallb(healthPort: number): Started {
  return startDaemon(
    'metallb-controller',
    requireBinary('metallb-controller'),
    [
      `--namespace=${metallbNamespace}`,
      `--pod-name=${metallbPodName}`,
      '--webhook-mode=disabled',
      '--disable-cert-rotation',
      '--port=0',
      `--health-probe-port=${healthPort}`,
      '--log-level=info',
    ],
    { env: { ...process.env, KUBECONFIG: paths.kubeconfig } },
  );
}

export function startExternalDns(dnsPort: number, metricsPort: number): Started {
  const sources = ['service', 'ingress', 'istio-gateway', 'istio-virtualservice', 'crd'];
  return startDaemon(
    'external-dns',
    requireBinary('external-dns'),
    [
      `--kubeconfig=${paths.kubeconfig}`,
      ...sources.map((s) => `--source=${s}`),
      '--provider=rfc2136',
      '--rfc2136-host=127.0.0.1',
      `--rfc2136-port=${dnsPort}`,
      `--rfc2136-zone=${dnsZone}`,
      `--rfc2136-tsig-keyname=${keyName}`,
      `--rfc2136-tsig-secret-alg=${keyAlgorithm}`,
      '--rfc2136-axfr',
      '--registry=txt',
      `--txt-owner-id=${txtOwnerId}`,
      `--domain-filter=${dnsZone}`,
      '--policy=sync',
      '--interval=10s',
      '--events',
      '--min-event-sync-interval=1s',
      `--metrics-address=127.0.0.1:${metricsPort}`,
    ],
    // The TSIG secret goes through the environment (kingpin's EXTERNAL_DNS_* binding) to keep it out of `ps`.
    { env: { ...process.env, EXTERNAL_DNS_RFC2136_TSIG_SECRET: readKeySecret() } },
  );
}
