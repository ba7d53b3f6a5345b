import { randomUUID } from 'node:crypto';
import type { CoreV1Event, KubernetesObject, V1Pod } from '@kubernetes/client-node';
import type {
  DeleteOptions,
  DemoApiError,
  DemoObjectStore,
  GroupVersionResource,
  WatchEventType,
} from '../../../src/demo/controller.js';

const clusterScoped = new Set(['nodes', 'namespaces', 'persistentvolumes']);

function fail(code: number, reason: DemoApiError['reason'], message: string): never {
  throw { code, reason, message } satisfies DemoApiError;
}

type Stored = KubernetesObject & { spec?: unknown; status?: unknown };

/**
 * A DemoObjectStore in memory with the API server's semantics the control loops rely on:
 * optimistic concurrency, generation bumps on spec changes, finalizers, propagation policies and
 * graceful pod deletion. For unit tests of the loops until they run against the demo's own store.
 */
export class MemoryStore implements DemoObjectStore {
  readonly #objects = new Map<string, Map<string, Stored>>();
  readonly #watchers = new Map<string, Set<(type: WatchEventType, obj: KubernetesObject) => void>>();
  #rv = 1;
  readonly events: CoreV1Event[] = [];

  #bucket(gvr: GroupVersionResource): Map<string, Stored> {
    const k = `${gvr.group}/${gvr.resource}`;
    let b = this.#objects.get(k);
    if (!b) {
      b = new Map();
      this.#objects.set(k, b);
    }
    return b;
  }

  #key(gvr: GroupVersionResource, namespace: string | undefined, name: string): string {
    return clusterScoped.has(gvr.resource) ? name : `${namespace}/${name}`;
  }

  #emit(gvr: GroupVersionResource, type: WatchEventType, obj: Stored): void {
    for (const fn of this.#watchers.get(`${gvr.group}/${gvr.resource}`) ?? []) fn(type, structuredClone(obj));
  }

  #put(gvr: GroupVersionResource, obj: Stored, type: WatchEventType): Stored {
    obj.metadata!.resourceVersion = String(++this.#rv);
    this.#bucket(gvr).set(this.#key(gvr, obj.metadata!.namespace, obj.metadata!.name!), obj);
    this.#emit(gvr, type, obj);
    return structuredClone(obj);
  }

  #remove(gvr: GroupVersionResource, obj: Stored): void {
    this.#bucket(gvr).delete(this.#key(gvr, obj.metadata!.namespace, obj.metadata!.name!));
    obj.metadata!.resourceVersion = String(++this.#rv);
    this.#emit(gvr, 'DELETED', obj);
  }

  get<T extends KubernetesObject>(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const o = this.#bucket(gvr).get(this.#key(gvr, namespace, name));
    return o ? (structuredClone(o) as T) : undefined;
  }

  list<T extends KubernetesObject>(gvr: GroupVersionResource, namespace?: string): T[] {
    const out: T[] = [];
    for (const o of this.#bucket(gvr).values()) {
      if (namespace === undefined || o.metadata?.namespace === namespace) out.push(structuredClone(o) as T);
    }
    return out;
  }

  create<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    const obj = structuredClone(input) as Stored;
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomUUID().slice(0, 5);
    if (!meta.name) fail(422, 'Invalid', 'name or generateName is required');
    if (clusterScoped.has(gvr.resource)) delete meta.namespace;
    else if (!meta.namespace) fail(422, 'Invalid', 'namespace is required');
    if (this.#bucket(gvr).has(this.#key(gvr, meta.namespace, meta.name!))) {
      fail(409, 'AlreadyExists', `${gvr.resource} "${meta.name}" already exists`);
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z') as unknown as Date;
    meta.generation = 1;
    delete meta.deletionTimestamp;
    return this.#put(gvr, obj, 'ADDED') as T;
  }

  #current(gvr: GroupVersionResource, obj: KubernetesObject): Stored {
    const cur = this.#bucket(gvr).get(this.#key(gvr, obj.metadata?.namespace, obj.metadata?.name ?? ''));
    if (!cur) fail(404, 'NotFound', `${gvr.resource} "${obj.metadata?.name}" not found`);
    const rv = obj.metadata?.resourceVersion;
    if (rv && rv !== cur.metadata!.resourceVersion) {
      fail(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${gvr.resource} "${obj.metadata?.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    return cur;
  }

  update<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    const cur = this.#current(gvr, input);
    const next = structuredClone(input) as Stored;
    const meta = next.metadata!;
    meta.uid = cur.metadata!.uid;
    meta.creationTimestamp = cur.metadata!.creationTimestamp;
    meta.deletionTimestamp = cur.metadata!.deletionTimestamp;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    next.status = cur.status;
    const { metadata: _a, status: _b, ...restNext } = next;
    const { metadata: _c, status: _d, ...restCur } = cur;
    meta.generation =
      (cur.metadata!.generation ?? 1) + (JSON.stringify(restNext) === JSON.stringify(restCur) ? 0 : 1);
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0 && !this.#graceful(gvr, next)) {
      this.#remove(gvr, next);
      return structuredClone(next) as T;
    }
    return this.#put(gvr, next, 'MODIFIED') as T;
  }

  updateStatus<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    const cur = this.#current(gvr, input);
    const next = structuredClone(cur);
    next.status = structuredClone((input as Stored).status);
    return this.#put(gvr, next, 'MODIFIED') as T;
  }

  /** Whether a pod is still inside its grace period (the kubelet removes it, not the finalizer logic). */
  #graceful(gvr: GroupVersionResource, obj: Stored): boolean {
    return gvr.resource === 'pods' && (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  }

  delete(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): void {
    const cur = this.#bucket(gvr).get(this.#key(gvr, namespace, name));
    if (!cur) fail(404, 'NotFound', `${gvr.resource} "${name}" not found`);
    const meta = cur.metadata!;
    const finalizers = new Set(meta.finalizers ?? []);
    if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
    if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
    let grace = 0;
    if (gvr.resource === 'pods') {
      const pod = cur as V1Pod;
      const scheduled = pod.spec?.nodeName !== undefined;
      grace =
        opts.gracePeriodSeconds ??
        meta.deletionGracePeriodSeconds ??
        pod.spec?.terminationGracePeriodSeconds ??
        30;
      if (!scheduled) grace = 0;
    }
    if (gvr.resource === 'namespaces') {
      const spec = (cur.spec ?? {}) as { finalizers?: string[] };
      if ((spec.finalizers ?? []).length > 0) {
        meta.deletionTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z') as unknown as Date;
        cur.status = { ...(cur.status as object), phase: 'Terminating' };
        this.#put(gvr, cur, 'MODIFIED');
        return;
      }
    }
    if (finalizers.size > 0 || grace > 0) {
      meta.finalizers = finalizers.size > 0 ? [...finalizers] : meta.finalizers;
      meta.deletionTimestamp ??= new Date(Date.now() + grace * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z') as unknown as Date;
      if (gvr.resource === 'pods') meta.deletionGracePeriodSeconds = grace;
      this.#put(gvr, cur, 'MODIFIED');
      return;
    }
    this.#remove(gvr, cur);
  }

  watch(gvr: GroupVersionResource, fn: (type: WatchEventType, obj: KubernetesObject) => void): () => void {
    const k = `${gvr.group}/${gvr.resource}`;
    let set = this.#watchers.get(k);
    if (!set) {
      set = new Set();
      this.#watchers.set(k, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  recordEvent(
    obj: KubernetesObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    this.events.push({
      metadata: {
        namespace: obj.metadata?.namespace ?? 'default',
        name: `${obj.metadata?.name}.${this.#rv}`,
      },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata?.name,
        namespace: obj.metadata?.namespace,
        uid: obj.metadata?.uid,
      },
      type,
      reason,
      message,
      source: { component },
    });
  }
}
