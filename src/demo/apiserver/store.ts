import { randomUUID } from 'node:crypto';
import type { CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import type { DeleteOptions, DemoObjectStore, GroupVersionResource, WatchEventType } from '../controller.js';
import { applyDefaults, ServiceAllocator } from './defaults.js';
import { ApiError, alreadyExists, conflict, invalid, notFound } from './errors.js';
import { EventHistory, type StoredEvent } from './history.js';
import {
  apiVersionOf,
  gvrKey,
  type ResourceRegistry,
  type ResourceType,
  VIRTUAL_RESOURCES,
} from './resources.js';
import { validate } from './validate.js';

type Meta = NonNullable<KubernetesObject['metadata']>;
type Obj = KubernetesObject & Record<string, unknown>;

interface Collection {
  key: string;
  items: Map<string, KubernetesObject>;
  sorted?: string[];
  history: EventHistory;
  subscribers: Set<(ev: StoredEvent) => void>;
}

export interface StoreOptions {
  /** Changes kept per collection for watches and continue tokens. */
  historyPerResource?: number;
  /** Longest time a gracefully deleted pod lingers (its containers "stop" by then). */
  maxPodTerminationSeconds?: number;
}

/** Time as the API server writes it: RFC 3339, whole seconds. */
export function wireTime(ms = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function objKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** JSON with sorted keys: clients serialise fields in their own order, which must not count as a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    const keys = Object.keys(rec)
      .filter((k) => rec[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(rec[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function specOf(o: KubernetesObject): string {
  const { metadata: _m, status: _s, ...rest } = o as Obj;
  return canonical(rest);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * Drops null fields, as decoding into Go types does (`creationTimestamp: null` in a template is
 * the same as no field), so equal objects serialise equally whoever wrote them.
 */
function withoutNulls<T>(o: T): T {
  if (Array.isArray(o)) {
    for (const v of o) withoutNulls(v);
  } else if (o && typeof o === 'object') {
    const rec = o as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      if (rec[k] === null) delete rec[k];
      else withoutNulls(rec[k]);
    }
  }
  return o;
}

/** What the Job strategy does on create: a selector on the job's uid and the labels that match it. */
function selectJobPods(job: Obj, uid: string, name: string): void {
  job.spec ??= {};
  const spec = job.spec as {
    manualSelector?: boolean;
    selector?: unknown;
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  if (spec.manualSelector) return;
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.metadata.labels = { ...spec.template.metadata.labels, ...labels };
}

const MAX_EVENT_KEYS = 50_000;
/** Events kept per events collection, like a short --event-ttl: controllers record several per pod. */
const MAX_EVENTS = 5_000;

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** The same 5-character suffix alphabet the API server uses for generateName. */
function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

/**
 * The demo cluster's storage: plain JSON objects, frozen once stored (clone before changing them),
 * one global resourceVersion counter, a bounded change history per collection.
 */
export class ObjectStore implements DemoObjectStore {
  private rv = 1;
  private readonly collections = new Map<string, Collection>();
  private queue: [Collection, StoredEvent][] = [];
  private dispatching = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly allocator = new ServiceAllocator();
  /** Recorded events by what makes them the same, oldest first, so repeats update one Event. */
  private readonly recentEvents = new Map<string, [namespace: string, name: string]>();
  private readonly historyCapacity: number;
  private readonly maxPodTermination: number;
  /** Inside withDryRun: writes are computed and validated but neither stored nor seen by watchers. */
  private dry = false;
  /** Called after a CRD is stored or removed so the registry follows. */
  onCrdChange?: (crd: KubernetesObject, deleted: boolean) => void;

  constructor(
    readonly registry: ResourceRegistry,
    opts: StoreOptions = {},
  ) {
    this.historyCapacity = opts.historyPerResource ?? 10_000;
    this.maxPodTermination = opts.maxPodTerminationSeconds ?? 2;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** The served type for gvr, or NotFound as the server answers for an unknown resource. */
  typeOf(gvr: GroupVersionResource): ResourceType {
    const t =
      this.registry.get(gvr.group, gvr.version, gvr.resource) ??
      this.registry.anyVersion(gvr.group, gvr.resource);
    if (!t) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return t;
  }

  collection(gvr: GroupVersionResource): Collection {
    const key = gvrKey(gvr);
    let c = this.collections.get(key);
    if (!c) {
      c = { key, items: new Map(), history: new EventHistory(this.historyCapacity), subscribers: new Set() };
      this.collections.set(key, c);
    }
    return c;
  }

  get<T extends KubernetesObject>(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const t = this.typeOf(gvr);
    return this.collection(gvr).items.get(objKey(t.namespaced ? namespace : undefined, name)) as
      | T
      | undefined;
  }

  /** get, or NotFound. */
  mustGet<T extends KubernetesObject>(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
  ): T {
    const o = this.get<T>(gvr, namespace, name);
    if (!o) throw notFound(gvr.group, gvr.resource, name);
    return o;
  }

  list<T extends KubernetesObject>(gvr: GroupVersionResource, namespace?: string): T[] {
    const c = this.collection(gvr);
    const out: T[] = [];
    for (const o of c.items.values()) if (!namespace || o.metadata?.namespace === namespace) out.push(o as T);
    return out;
  }

  /** Keys in etcd order (namespace/name), cached until the key set changes. */
  sortedKeys(gvr: GroupVersionResource): string[] {
    const c = this.collection(gvr);
    c.sorted ??= [...c.items.keys()].sort();
    return c.sorted;
  }

  history(gvr: GroupVersionResource): EventHistory {
    return this.collection(gvr).history;
  }

  /** Every later change to gvr as stored events (the HTTP watch path); returns the unsubscribe. */
  subscribe(gvr: GroupVersionResource, fn: (ev: StoredEvent) => void): () => void {
    const c = this.collection(gvr);
    c.subscribers.add(fn);
    return () => c.subscribers.delete(fn);
  }

  watch(gvr: GroupVersionResource, fn: (type: WatchEventType, obj: KubernetesObject) => void): () => void {
    return this.subscribe(gvr, (ev) => fn(ev.type, ev.obj));
  }

  create<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    const t = this.typeOf(gvr);
    if (VIRTUAL_RESOURCES.has(gvrKey(t)))
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const o = withoutNulls(structuredClone(input)) as Obj;
    o.metadata ??= {};
    const meta: Meta = o.metadata;
    o.apiVersion = apiVersionOf(t);
    o.kind = t.kind;
    if (!t.namespaced) delete meta.namespace;
    else {
      meta.namespace ||= 'default';
      this.checkNamespace(meta.namespace);
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) {
      throw invalid(t.group, t.kind, '', [
        {
          field: 'metadata.name',
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
        },
      ]);
    }
    const c = this.collection(gvr);
    const key = objKey(meta.namespace, meta.name);
    if (c.items.has(key)) throw alreadyExists(t.group, t.resource, meta.name);
    applyDefaults(t.kind, o, this.allocator);
    validate(t, o);
    meta.uid = randomUUID();
    if (t.group === 'batch' && t.kind === 'Job') selectJobPods(o, meta.uid, meta.name);
    meta.creationTimestamp = wireTime() as unknown as Date;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (
      t.group !== '' ||
      !['Pod', 'Event', 'ConfigMap', 'Secret', 'Endpoints', 'ServiceAccount'].includes(t.kind)
    ) {
      meta.generation = 1;
    }
    meta.resourceVersion = String(++this.rv);
    this.put(c, key, o, 'ADDED');
    if (this.dry) return o as unknown as T;
    if (t.kind === 'CustomResourceDefinition') this.onCrdChange?.(o, false);
    if (t.kind === 'Event') this.expireEvents(c);
    return o as unknown as T;
  }

  update<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    return this.replace(gvr, input, 'main');
  }

  updateStatus<T extends KubernetesObject>(gvr: GroupVersionResource, input: T): T {
    return this.replace(gvr, input, 'status');
  }

  private replace<T extends KubernetesObject>(
    gvr: GroupVersionResource,
    input: T,
    part: 'main' | 'status',
  ): T {
    const t = this.typeOf(gvr);
    const name = input.metadata?.name ?? '';
    const namespace = t.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const c = this.collection(gvr);
    const key = objKey(namespace, name);
    const cur = c.items.get(key) as Obj | undefined;
    if (!cur) throw notFound(t.group, t.resource, name);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== cur.metadata?.resourceVersion) throw conflict(t.group, t.resource, name);
    let next: Obj;
    if (part === 'status') {
      // Only status and metadata are fresh; the rest is shared with the frozen current object.
      next = {
        ...cur,
        metadata: structuredClone(cur.metadata),
        status: withoutNulls(structuredClone((input as Obj).status)),
      };
    } else {
      next = withoutNulls(structuredClone(input)) as Obj;
      // With a status subresource, the main resource ignores status changes (and vice versa).
      if (t.subresources.status) {
        if (cur.status === undefined) delete next.status;
        else next.status = structuredClone(cur.status);
      }
    }
    next.apiVersion = apiVersionOf(t);
    next.kind = t.kind;
    next.metadata ??= {};
    const meta: Meta = next.metadata;
    const curMeta = cur.metadata!;
    meta.name = curMeta.name;
    if (namespace) meta.namespace = namespace;
    else delete meta.namespace;
    meta.uid = curMeta.uid;
    meta.creationTimestamp = curMeta.creationTimestamp;
    if (curMeta.deletionTimestamp) {
      meta.deletionTimestamp = curMeta.deletionTimestamp;
      meta.deletionGracePeriodSeconds = curMeta.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    let specSame = true;
    if (part === 'status') {
      // The status subresource never changes metadata beyond what the server owns.
      next.metadata = structuredClone(curMeta);
    } else {
      validate(t, next);
      specSame = specOf(next) === specOf(cur);
      if (curMeta.generation !== undefined)
        meta.generation = specSame ? curMeta.generation : curMeta.generation + 1;
    }
    if (specSame && canonical(next.status) === canonical(cur.status) && sameMeta(meta, curMeta)) {
      return cur as unknown as T;
    }
    next.metadata!.resourceVersion = String(++this.rv);
    if (
      next.metadata!.deletionTimestamp &&
      (next.metadata!.finalizers ?? []).length === 0 &&
      !this.isTerminatingPod(t, next)
    ) {
      this.remove(c, key, next);
      return next as unknown as T;
    }
    this.put(c, key, next, 'MODIFIED', cur);
    if (t.kind === 'CustomResourceDefinition') this.onCrdChange?.(next, false);
    return next as unknown as T;
  }

  /** A pod in graceful deletion waits for its timer even once its finalizers are gone. */
  private isTerminatingPod(t: ResourceType, o: KubernetesObject): boolean {
    return t.group === '' && t.kind === 'Pod' && (o.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  }

  delete(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): void {
    this.deleteObject(gvr, namespace, name, opts);
  }

  /** Deletes and says what happened: the object removed now, or the object as marked for deletion. */
  deleteObject(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions & { uid?: string; resourceVersion?: string } = {},
  ): { obj: KubernetesObject; removed: boolean } {
    const t = this.typeOf(gvr);
    const ns = t.namespaced ? namespace || 'default' : undefined;
    const c = this.collection(gvr);
    const key = objKey(ns, name);
    const cur = c.items.get(key) as Obj | undefined;
    if (!cur) throw notFound(t.group, t.resource, name);
    if (opts.uid && opts.uid !== cur.metadata?.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${t.resource} "${name}": Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata?.uid}`,
      );
    }
    if (opts.resourceVersion && opts.resourceVersion !== cur.metadata?.resourceVersion)
      throw conflict(t.group, t.resource, name);
    const meta = cur.metadata!;
    const finalizers = [...(meta.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (t.kind === 'Namespace' && t.group === '')
      return { obj: this.terminateNamespace(c, key, cur), removed: false };
    const isPod = t.group === '' && t.kind === 'Pod';
    let grace = 0;
    if (
      isPod &&
      (cur.spec as { nodeName?: string } | undefined)?.nodeName &&
      (cur.status as { phase?: string })?.phase !== 'Succeeded' &&
      (cur.status as { phase?: string })?.phase !== 'Failed'
    ) {
      grace =
        opts.gracePeriodSeconds ??
        (cur.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ??
        30;
    }
    if (finalizers.length === 0 && grace === 0) {
      const gone = { ...structuredClone(cur) } as Obj;
      gone.metadata!.resourceVersion = String(++this.rv);
      this.remove(c, key, gone);
      return { obj: gone, removed: true };
    }
    if (meta.deletionTimestamp) {
      // A second delete may shorten a pod's grace period (kubectl delete --force / --grace-period).
      if (isPod && grace < (meta.deletionGracePeriodSeconds ?? 0) && !this.dry)
        this.schedulePodRemoval(gvr, cur, grace);
      return { obj: cur, removed: false };
    }
    const next = structuredClone(cur) as Obj;
    next.metadata!.deletionTimestamp = wireTime(Date.now() + grace * 1000) as unknown as Date;
    next.metadata!.deletionGracePeriodSeconds = grace;
    next.metadata!.finalizers = finalizers.length ? finalizers : undefined;
    if (!next.metadata!.finalizers) delete next.metadata!.finalizers;
    if (next.metadata!.generation !== undefined) next.metadata!.generation++;
    next.metadata!.resourceVersion = String(++this.rv);
    this.put(c, key, next, 'MODIFIED', cur);
    if (isPod && grace > 0 && !this.dry) this.schedulePodRemoval(gvr, next, grace);
    return { obj: next, removed: false };
  }

  private schedulePodRemoval(gvr: GroupVersionResource, pod: KubernetesObject, grace: number): void {
    const uid = pod.metadata?.uid;
    const ms = Math.min(grace, this.maxPodTermination) * 1000;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const cur = this.get(gvr, pod.metadata?.namespace, pod.metadata?.name ?? '');
      if (!cur || cur.metadata?.uid !== uid || !cur.metadata?.deletionTimestamp) return;
      const c = this.collection(gvr);
      const next = structuredClone(cur) as Obj;
      next.metadata!.deletionGracePeriodSeconds = 0;
      next.metadata!.resourceVersion = String(++this.rv);
      const key = objKey(cur.metadata?.namespace, cur.metadata?.name ?? '');
      if ((next.metadata!.finalizers ?? []).length === 0) this.remove(c, key, next);
      else this.put(c, key, next, 'MODIFIED', cur);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private terminateNamespace(c: Collection, key: string, cur: Obj): KubernetesObject {
    if (cur.metadata?.deletionTimestamp) return cur;
    const next = structuredClone(cur) as Obj;
    next.metadata!.deletionTimestamp = wireTime() as unknown as Date;
    next.metadata!.deletionGracePeriodSeconds = 0;
    next.status = { phase: 'Terminating' };
    next.metadata!.resourceVersion = String(++this.rv);
    this.put(c, key, next, 'MODIFIED', cur);
    if (!this.dry) this.drainNamespace(cur.metadata!.name!);
    return next;
  }

  /** The namespace controller's job: delete everything inside, then the namespace once empty. */
  private drainNamespace(ns: string): void {
    for (const t of this.registry.all()) {
      if (!t.namespaced || VIRTUAL_RESOURCES.has(gvrKey(t))) continue;
      for (const o of this.list(t, ns)) {
        try {
          this.deleteObject(t, ns, o.metadata!.name!, { propagationPolicy: 'Background' });
        } catch {
          // Already gone: another loop or a person deleted it first.
        }
      }
    }
    const timer = setInterval(() => {
      const remaining = this.registry
        .all()
        .some((t) => t.namespaced && !VIRTUAL_RESOURCES.has(gvrKey(t)) && this.list(t, ns).length > 0);
      if (remaining) return;
      clearInterval(timer);
      this.timers.delete(timer);
      const nsGvr = { group: '', version: 'v1', resource: 'namespaces' };
      const c = this.collection(nsGvr);
      const cur = c.items.get(ns) as Obj | undefined;
      if (!cur) return;
      const gone = structuredClone(cur) as Obj;
      gone.spec = { finalizers: [] };
      gone.metadata!.resourceVersion = String(++this.rv);
      this.remove(c, ns, gone);
    }, 200);
    timer.unref();
    this.timers.add(timer);
  }

  /** Deletes every object of gvr in namespace that matches; returns what was deleted. */
  deleteCollection(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    match: (o: KubernetesObject) => boolean,
    opts: DeleteOptions = {},
  ): KubernetesObject[] {
    const out: KubernetesObject[] = [];
    for (const o of this.list(gvr, namespace)) {
      if (!match(o)) continue;
      try {
        out.push(this.deleteObject(gvr, o.metadata?.namespace, o.metadata!.name!, opts).obj);
      } catch {
        // Deleted meanwhile.
      }
    }
    return out;
  }

  recordEvent(
    obj: KubernetesObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    const ns = obj.metadata?.namespace || 'default';
    const now = wireTime();
    const base = `${obj.metadata?.name}.${(Date.now() * 1000 + Math.floor(Math.random() * 1000)).toString(16)}`;
    const gvr = { group: '', version: 'v1', resource: 'events' };
    // Repeats of the same event bump count, as the client-go recorder does (found by key, not by scanning).
    const dedupKey = `${obj.metadata?.uid}|${type}|${reason}|${message}`;
    const known = this.recentEvents.get(dedupKey);
    const same = known ? this.get<CoreV1Event>(gvr, known[0], known[1]) : undefined;
    if (same) {
      const next = structuredClone(same);
      next.count = (next.count ?? 1) + 1;
      next.lastTimestamp = now as unknown as Date;
      this.update(gvr, next);
      return;
    }
    const ev: CoreV1Event = {
      metadata: { name: base, namespace: ns },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata?.name,
        namespace: obj.metadata?.namespace,
        uid: obj.metadata?.uid,
        resourceVersion: obj.metadata?.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component },
      firstTimestamp: now as unknown as Date,
      lastTimestamp: now as unknown as Date,
      count: 1,
      reportingComponent: component,
      reportingInstance: '',
    };
    try {
      this.create(gvr, ev);
      if (this.recentEvents.size >= MAX_EVENT_KEYS)
        this.recentEvents.delete(this.recentEvents.keys().next().value!);
      this.recentEvents.set(dedupKey, [ns, base]);
    } catch {
      // The namespace is going away: its events go with it.
    }
  }

  private checkNamespace(ns: string): void {
    const n = this.collections.get('/namespaces')?.items.get(ns);
    if (!n) throw notFound('', 'namespaces', ns);
    if (n.metadata?.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name: ns,
          kind: 'namespaces',
        },
      );
    }
  }

  private put(
    c: Collection,
    key: string,
    o: KubernetesObject,
    type: WatchEventType,
    prev?: KubernetesObject,
  ): void {
    if (this.dry) return;
    if (!c.items.has(key)) c.sorted = undefined;
    c.items.set(key, deepFreeze(o));
    this.emit(c, { rv: Number(o.metadata!.resourceVersion), type, key, obj: o, prev });
  }

  private remove(c: Collection, key: string, gone: KubernetesObject): void {
    if (this.dry) return;
    const prev = c.items.get(key);
    c.items.delete(key);
    c.sorted = undefined;
    deepFreeze(gone);
    this.emit(c, { rv: Number(gone.metadata!.resourceVersion), type: 'DELETED', key, obj: gone, prev });
    if (gone.kind === 'CustomResourceDefinition') this.onCrdChange?.(gone, true);
  }

  /** The stand-in for the API server's event TTL: beyond MAX_EVENTS, the oldest Events go. */
  private expireEvents(c: Collection): void {
    while (c.items.size > MAX_EVENTS) {
      const [key, oldest] = c.items.entries().next().value!;
      const gone = { ...oldest, metadata: { ...oldest.metadata, resourceVersion: String(++this.rv) } };
      this.remove(c, key, gone);
    }
  }

  /** Events go out in write order even when a watcher writes from inside its callback. */
  private emit(c: Collection, ev: StoredEvent): void {
    c.history.push(ev);
    this.queue.push([c, ev]);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      // An index, not shift(): a burst of nested writes would make shift() quadratic.
      for (let i = 0; i < this.queue.length; i++) {
        const item = this.queue[i];
        for (const fn of [...item[0].subscribers]) {
          try {
            fn(item[1]);
          } catch (e) {
            process.emitWarning(
              `demo watch subscriber failed: ${e instanceof Error ? e.message : String(e)}`,
            );
          }
        }
      }
    } finally {
      this.queue = [];
      this.dispatching = false;
    }
  }

  /** Drops a whole collection (a deleted CRD's objects). */
  dropCollection(gvr: GroupVersionResource): void {
    const c = this.collections.get(gvrKey(gvr));
    if (!c) return;
    for (const [key, o] of [...c.items]) {
      const gone = structuredClone(o) as Obj;
      gone.metadata!.resourceVersion = String(++this.rv);
      this.remove(c, key, gone);
    }
  }

  /** Runs writes as `dryRun=All` does: the same checks and result, nothing stored, no resourceVersion used. */
  withDryRun<T>(fn: () => T): T {
    const rv = this.rv;
    this.dry = true;
    try {
      return fn();
    } finally {
      this.dry = false;
      this.rv = rv;
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

function sameMeta(a: Meta, b: Meta): boolean {
  const strip = (m: Meta) => canonical({ ...m, resourceVersion: undefined, generation: undefined });
  return strip(a) === strip(b);
}
