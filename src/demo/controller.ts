import type { KubernetesObject } from '@kubernetes/client-node';

/** Which collection an object lives in: core kinds have group ''. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** An API error as the demo returns it: becomes a metav1.Status with this reason and code. */
export interface DemoApiError {
  code: number;
  reason:
    | 'NotFound'
    | 'AlreadyExists'
    | 'Conflict'
    | 'Forbidden'
    | 'Invalid'
    | 'BadRequest'
    | 'Gone'
    | 'MethodNotAllowed';
  message: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
}

/**
 * The demo API server's storage, as controllers see it: every write bumps resourceVersion,
 * fills uid/creationTimestamp/generation and is seen by watchers, exactly like writes over HTTP.
 * Errors are thrown as DemoApiError values.
 */
export interface DemoObjectStore {
  get<T extends KubernetesObject>(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  list<T extends KubernetesObject>(gvr: GroupVersionResource, namespace?: string): T[];
  create<T extends KubernetesObject>(gvr: GroupVersionResource, obj: T): T;
  /** Replaces the object; a set metadata.resourceVersion must match (else Conflict). */
  update<T extends KubernetesObject>(gvr: GroupVersionResource, obj: T): T;
  /** Replaces only .status, as the status subresource does. */
  updateStatus<T extends KubernetesObject>(gvr: GroupVersionResource, obj: T): T;
  delete(gvr: GroupVersionResource, namespace: string | undefined, name: string, opts?: DeleteOptions): void;
  /** Calls fn for every later change of that resource (all namespaces); returns the unsubscribe. */
  watch(gvr: GroupVersionResource, fn: (type: WatchEventType, obj: KubernetesObject) => void): () => void;
  /** Records a core/v1 Event about obj, as a controller's event recorder would. */
  recordEvent(
    obj: KubernetesObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void;
}

/** Where the demo's authoritative DNS server listens and the TSIG key that guards it. */
export interface DemoDnsEndpoint {
  host: string;
  port: number;
  zones: string[];
  keyName: string;
  algorithm: 'hmac-sha256';
  /** base64 secret; never logged or shown. */
  secret: string;
}

export interface DemoControllerContext {
  store: DemoObjectStore;
  dns: DemoDnsEndpoint;
  signal: AbortSignal;
  log(message: string): void;
}

/** A control loop of the demo cluster; it runs until ctx.signal aborts. */
export type DemoController = (ctx: DemoControllerContext) => void | Promise<void>;
