import type WebSocket from 'ws';
import type { KubeClient, Query } from '../client.js';
import type { ExecFn, ExecRequest, ExecSession } from './exec-session.js';
import { ActionError } from './outcome.js';
import { describeTarget, kinds, type ResourceKind, resourcePath, type Target } from './target.js';

export type MutatingVerb = 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
export type Verb = MutatingVerb | 'get' | 'list' | 'watch';

const mutatingVerbs: ReadonlySet<Verb> = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** The field manager every kdeck write is recorded under (server-side apply, managedFields). */
export const fieldManager = 'kdeck';

export interface WriteOptions {
  signal?: AbortSignal;
  subresource?: string;
  query?: Query;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
}

/** Every request that changes the cluster. Only the gate can make one; actions receive it. */
export interface Mutator {
  create<T>(ref: ResourceKind, namespace: string | undefined, body: unknown, opts?: WriteOptions): Promise<T>;
  /** POST to an object's subresource, e.g. `pods/eviction`. */
  createSubresource<T>(target: Target, subresource: string, body: unknown, opts?: WriteOptions): Promise<T>;
  update<T>(target: Target, body: unknown, opts?: WriteOptions): Promise<T>;
  patch<T>(target: Target, type: PatchType, body: unknown, opts?: WriteOptions): Promise<T>;
  delete<T>(target: Target, options?: DeleteOptions, opts?: WriteOptions): Promise<T>;
  /** A command in a container (copy into a pod); refused like any write in read-only mode. */
  exec(req: ExecRequest): Promise<ExecSession>;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  signal?: AbortSignal;
}

/** Reads actions need (current object, its pods, its revisions), and the port-forward socket, which changes nothing. */
export interface Reader {
  get<T>(target: Target, opts?: { subresource?: string; signal?: AbortSignal }): Promise<T>;
  list<T>(ref: ResourceKind, namespace: string | undefined, opts?: ListOptions): Promise<T[]>;
  portForward(namespace: string, pod: string, port: number, signal?: AbortSignal): Promise<WebSocket>;
}

/** What every action function receives: reads, and writes that went through the gate. */
export interface ActionContext {
  read: Reader;
  mutate: Mutator;
  readOnly: boolean;
}

/** The client surface the gate uses; a narrow type so tests can count requests with a fake. */
export type GateClient = Pick<KubeClient, 'request' | 'websocket'>;

export interface GateOptions {
  readOnly: boolean;
  /** How long an access review answer is trusted; RBAC changes show up after this. */
  ttlMs?: number;
  exec?: ExecFn;
  now?: () => number;
}

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

interface CacheEntry {
  at: number;
  allowed: Promise<boolean | undefined>;
  settled?: boolean | undefined;
}

interface ListPage<T> {
  items?: T[];
  metadata?: { continue?: string };
}

/**
 * The one place a mutating request leaves kdeck. It refuses everything in read-only mode before
 * any request, asks the API server (SelfSubjectAccessReview, cached per verb/group/resource/
 * namespace/subresource) whether the user may, and hands actions a Mutator that does both.
 */
export class ActionGate {
  readonly readOnly: boolean;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly execFn: ExecFn | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly client: GateClient,
    opts: GateOptions,
  ) {
    this.readOnly = opts.readOnly;
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.execFn = opts.exec;
  }

  /**
   * Whether the user may do `verb` on the resource. Read-only mode answers false for writes without
   * asking the server; an unanswerable review (no SSAR permission, unreachable) answers true and
   * leaves the decision to the API server.
   */
  async can(verb: Verb, ref: ResourceKind, namespace?: string, subresource?: string): Promise<boolean> {
    if (mutatingVerbs.has(verb) && this.readOnly) return false;
    // Read-only sessions send no reviews at all: an SSAR is itself a create.
    if (this.readOnly) return true;
    return (await this.review(verb, ref, namespace, subresource)) ?? true;
  }

  /** The cached answer for menus drawn synchronously: undefined until `can` has been asked and answered. */
  peek(verb: Verb, ref: ResourceKind, namespace?: string, subresource?: string): boolean | undefined {
    if (mutatingVerbs.has(verb) && this.readOnly) return false;
    if (this.readOnly) return true;
    const entry = this.cache.get(cacheKey(verb, ref, namespace, subresource));
    if (!entry || this.now() - entry.at > this.ttlMs) return undefined;
    return entry.settled;
  }

  /** Hears when a review answer arrives, so a help screen can redraw. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Drops every cached answer (context switch, or the user asked to re-check). */
  forget(): void {
    this.cache.clear();
  }

  context(): ActionContext {
    return { read: this.reader(), mutate: this.mutator(), readOnly: this.readOnly };
  }

  private async review(
    verb: Verb,
    ref: ResourceKind,
    namespace: string | undefined,
    subresource: string | undefined,
  ): Promise<boolean | undefined> {
    const key = cacheKey(verb, ref, namespace, subresource);
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at <= this.ttlMs) return hit.allowed;
    const entry: CacheEntry = { at: this.now(), allowed: Promise.resolve(undefined) };
    entry.allowed = this.client
      .request<AccessReview>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb,
              group: ref.group,
              resource: ref.resource,
              namespace: ref.namespaced ? namespace : undefined,
              subresource,
            },
          },
        },
      })
      .then(
        (r) => r.status?.allowed === true,
        () => {
          // An unanswered review is not remembered: the next ask retries.
          this.cache.delete(key);
          return undefined;
        },
      )
      .then((allowed) => {
        entry.settled = allowed;
        for (const fn of this.listeners) fn();
        return allowed;
      });
    this.cache.set(key, entry);
    return entry.allowed;
  }

  private async authorize(
    verb: MutatingVerb,
    ref: ResourceKind,
    namespace: string | undefined,
    subresource: string | undefined,
    what: string,
  ): Promise<void> {
    if (this.readOnly) {
      throw new ActionError(
        `kdeck is read-only: refusing to ${what}`,
        'ReadOnly',
        'restart kdeck without --readonly (and readOnly: false in the config) to change the cluster',
      );
    }
    const allowed = await this.review(verb, ref, namespace, subresource);
    if (allowed === false) {
      const res = `${ref.group ? `${ref.resource}.${ref.group}` : ref.resource}${subresource ? `/${subresource}` : ''}`;
      const where = ref.namespaced && namespace ? ` in namespace ${namespace}` : '';
      throw new ActionError(
        `not allowed to ${verb} ${res}${where}: refusing to ${what}`,
        'Forbidden',
        `ask a cluster admin for RBAC "${verb}" on ${res}`,
      );
    }
  }

  private mutator(): Mutator {
    const client = this.client;
    return {
      create: async <T>(
        ref: ResourceKind,
        namespace: string | undefined,
        body: unknown,
        opts: WriteOptions = {},
      ) => {
        await this.authorize('create', ref, namespace, undefined, `create ${ref.kind.toLowerCase()}`);
        return client.request<T>({
          method: 'POST',
          path: resourcePath(ref, namespace),
          query: { fieldManager, ...opts.query },
          body,
          signal: opts.signal,
        });
      },
      createSubresource: async <T>(
        target: Target,
        subresource: string,
        body: unknown,
        opts: WriteOptions = {},
      ) => {
        await this.authorize(
          'create',
          target.ref,
          target.namespace,
          subresource,
          `${subresource} ${describeTarget(target)}`,
        );
        return client.request<T>({
          method: 'POST',
          path: resourcePath(target.ref, target.namespace, target.name, subresource),
          query: opts.query,
          body,
          signal: opts.signal,
        });
      },
      update: async <T>(target: Target, body: unknown, opts: WriteOptions = {}) => {
        await this.authorize(
          'update',
          target.ref,
          target.namespace,
          opts.subresource,
          `update ${describeTarget(target)}`,
        );
        return client.request<T>({
          method: 'PUT',
          path: resourcePath(target.ref, target.namespace, target.name, opts.subresource),
          query: { fieldManager, ...opts.query },
          body,
          signal: opts.signal,
        });
      },
      patch: async <T>(target: Target, type: PatchType, body: unknown, opts: WriteOptions = {}) => {
        await this.authorize(
          'patch',
          target.ref,
          target.namespace,
          opts.subresource,
          `patch ${describeTarget(target)}`,
        );
        return client.request<T>({
          method: 'PATCH',
          path: resourcePath(target.ref, target.namespace, target.name, opts.subresource),
          query: { fieldManager, ...opts.query },
          body: typeof body === 'string' ? body : JSON.stringify(body),
          contentType: patchContentType[type],
          signal: opts.signal,
        });
      },
      delete: async <T>(target: Target, options: DeleteOptions = {}, opts: WriteOptions = {}) => {
        await this.authorize(
          'delete',
          target.ref,
          target.namespace,
          undefined,
          `delete ${describeTarget(target)}`,
        );
        // DeleteOptions travel as query parameters: a DELETE body goes without Content-Length in Node and corrupts the keep-alive socket.
        return client.request<T>({
          method: 'DELETE',
          path: resourcePath(target.ref, target.namespace, target.name),
          query: { ...options, ...opts.query },
          signal: opts.signal,
        });
      },
      exec: async (req: ExecRequest) => {
        const pod: Target = { ref: kinds.pod, namespace: req.namespace, name: req.pod };
        await this.authorize(
          'create',
          kinds.pod,
          req.namespace,
          'exec',
          `run ${req.command[0]} in ${describeTarget(pod)}`,
        );
        if (!this.execFn) {
          throw new ActionError(
            'exec is not available in this session',
            'Unsupported',
            'start kdeck with a cluster',
          );
        }
        return this.execFn(req);
      },
    };
  }

  private reader(): Reader {
    const client = this.client;
    return {
      get: <T>(target: Target, opts: { subresource?: string; signal?: AbortSignal } = {}) =>
        client.request<T>({
          path: resourcePath(target.ref, target.namespace, target.name, opts.subresource),
          signal: opts.signal,
        }),
      list: async <T>(ref: ResourceKind, namespace: string | undefined, opts: ListOptions = {}) => {
        const items: T[] = [];
        let cont: string | undefined;
        do {
          const page: ListPage<T> = await client.request<ListPage<T>>({
            path: resourcePath(ref, namespace),
            query: {
              labelSelector: opts.labelSelector,
              fieldSelector: opts.fieldSelector,
              limit: 500,
              continue: cont,
            },
            signal: opts.signal,
          });
          items.push(...(page.items ?? []));
          cont = page.metadata?.continue || undefined;
        } while (cont);
        return items;
      },
      portForward: (namespace: string, pod: string, port: number, signal?: AbortSignal) =>
        client.websocket(
          resourcePath(kinds.pod, namespace, pod, 'portforward'),
          { ports: String(port) },
          ['v4.channel.k8s.io', 'portforward.k8s.io'],
          signal,
        ),
    };
  }
}

function cacheKey(
  verb: Verb,
  ref: ResourceKind,
  namespace: string | undefined,
  subresource: string | undefined,
): string {
  return [verb, ref.group, ref.resource, ref.namespaced ? (namespace ?? '') : '', subresource ?? ''].join(
    '\u0000',
  );
}

/** True for the errors that mean "the gate said no", so the UI can say it without a server round trip. */
export function refusedByGate(err: unknown): boolean {
  return err instanceof ActionError && (err.reason === 'ReadOnly' || err.reason === 'Forbidden');
}
