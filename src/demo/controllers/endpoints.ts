import type {
  DiscoveryV1EndpointPort,
  V1EndpointAddress,
  V1EndpointSlice,
  V1Endpoints,
  V1Pod,
  V1Service,
} from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { observe } from './informer.js';
import { matchesMapSelector } from './label-selector.js';
import { controllerRef, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isPodReady, isTerminal } from './pod-facts.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const sliceManager = 'endpointslice-controller.k8s.io';

/** A service port's target on one pod: a number, or a named container port looked up in the pod. */
function targetPort(pod: V1Pod, target: number | string | undefined, fallback: number): number | undefined {
  if (typeof target === 'number') return target;
  if (target === undefined) return fallback;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const p = c.ports?.find((x) => x.name === target);
    if (p) return p.containerPort;
  }
  return undefined;
}

function address(pod: V1Pod, svc: V1Service): V1EndpointAddress {
  const hostname =
    pod.spec?.hostname && pod.spec.subdomain === svc.metadata!.name ? pod.spec.hostname : undefined;
  return {
    ip: pod.status!.podIP!,
    ...(hostname ? { hostname } : {}),
    nodeName: pod.spec?.nodeName,
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata!.namespace,
      name: pod.metadata!.name,
      uid: pod.metadata!.uid,
    },
  };
}

/** Writes a service's Endpoints and its EndpointSlice from the pods its selector picks. */
export function syncService(store: DemoObjectStore, svc: V1Service): void {
  const ns = svc.metadata!.namespace!;
  const name = svc.metadata!.name!;
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0 || svc.spec?.type === 'ExternalName') return;
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const pods = store
    .list<V1Pod>(gvr.pods, ns)
    .filter((p) => matchesMapSelector(selector, p.metadata?.labels) && p.status?.podIP && !isTerminal(p))
    .sort((a, b) => (a.status!.podIP! < b.status!.podIP! ? -1 : 1));
  const ports = svc.spec?.ports ?? [];
  const first = pods[0];
  const resolved = ports.map((p) => ({
    name: p.name,
    port: (first && targetPort(first, p.targetPort, p.port)) ?? p.port,
    protocol: p.protocol ?? 'TCP',
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
  const ready = pods.filter((p) => (isPodReady(p) || publishNotReady) && !isDeleting(p));
  const notReady = pods.filter((p) => !ready.includes(p) && !isDeleting(p));
  const subsets =
    pods.length === 0
      ? undefined
      : [
          {
            ...(ready.length ? { addresses: ready.map((p) => address(p, svc)) } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady.map((p) => address(p, svc)) } : {}),
            ...(resolved.length ? { ports: resolved } : {}),
          },
        ];
  const labels = {
    ...(svc.metadata?.labels ?? {}),
    ...(svc.spec?.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
  };
  const ep: V1Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: ns, labels },
    ...(subsets ? { subsets } : {}),
  };
  const cur = store.get<V1Endpoints>(gvr.endpoints, ns, name);
  if (!cur) ignoreRace(() => store.create(gvr.endpoints, ep));
  else if (
    JSON.stringify(cur.subsets) !== JSON.stringify(ep.subsets) ||
    JSON.stringify(cur.metadata?.labels) !== JSON.stringify(labels)
  ) {
    store.update(gvr.endpoints, { ...ep, metadata: { ...cur.metadata, labels } });
  }

  const slicePorts: DiscoveryV1EndpointPort[] = resolved.map((p) => ({
    name: p.name ?? '',
    port: p.port,
    protocol: p.protocol,
  }));
  const endpoints = pods.map((p) => {
    const a = address(p, svc);
    const isReady = ready.includes(p);
    return {
      addresses: [a.ip],
      conditions: { ready: isReady, serving: isPodReady(p), terminating: isDeleting(p) },
      ...(a.hostname ? { hostname: a.hostname } : {}),
      nodeName: a.nodeName,
      targetRef: a.targetRef,
    };
  });
  const sliceLabels = {
    ...labels,
    'kubernetes.io/service-name': name,
    'endpointslice.kubernetes.io/managed-by': sliceManager,
  };
  const existing = store
    .list<V1EndpointSlice>(gvr.endpointslices, ns)
    .find(
      (s) =>
        s.metadata?.labels?.['kubernetes.io/service-name'] === name &&
        s.metadata.labels['endpointslice.kubernetes.io/managed-by'] === sliceManager,
    );
  if (!existing) {
    store.create<V1EndpointSlice>(gvr.endpointslices, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels: sliceLabels,
        ownerReferences: [controllerRef(svc)],
      },
      addressType: 'IPv4',
      endpoints,
      ports: slicePorts,
    });
  } else if (
    JSON.stringify([existing.endpoints, existing.ports]) !== JSON.stringify([endpoints, slicePorts])
  ) {
    store.update(gvr.endpointslices, { ...existing, endpoints, ports: slicePorts });
  }
}

/** The endpoints and endpointslice controllers: keep each selector service's backends in step with its pods. */
export function endpointsController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const svc = store.get<V1Service>(gvr.services, ns, name);
        if (svc) syncService(store, svc);
        else {
          const ep = store.get<V1Endpoints>(gvr.endpoints, ns, name);
          // Endpoints have no owner reference, so the controller removes them with their service.
          if (ep) ignoreRace(() => store.delete(gvr.endpoints, ns, name));
        }
      },
      signal,
      log,
    );
    observe(store, gvr.services, signal, (_type, obj) => queue.add(keyOf(obj)));
    observe(store, gvr.pods, signal, (_type, obj) => {
      for (const svc of store.list<V1Service>(gvr.services, obj.metadata?.namespace)) {
        if (matchesMapSelector(svc.spec?.selector, obj.metadata?.labels)) queue.add(keyOf(svc));
      }
    });
  };
}
