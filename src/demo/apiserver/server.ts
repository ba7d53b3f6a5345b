import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubernetesObject } from '@kubernetes/client-node';
import YAML from 'yaml';
import { matchesLabels, parseLabelSelector } from '../../model/label-selector.js';
import { type DenyRule, forbidden, isDenied, type RequestAttributes } from './authz.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import { ApiError, badRequest, isApiError, notFound, statusOf } from './errors.js';
import { parseFieldSelector } from './field-selector.js';
import { objectJson } from './json-cache.js';
import { listPage } from './list.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { type Json, jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import type { PodRuntime } from './pod-runtime.js';
import { decodeKubernetesProtobuf } from './protobuf/decode.js';
import type { ResourcePath } from './resource-path.js';
import {
  apiVersionOf,
  gvrKey,
  type ResourceRegistry,
  type ResourceType,
  VIRTUAL_RESOURCES,
} from './resources.js';
import { getScale, updateScale } from './scale.js';
import type { ObjectStore } from './store.js';
import { StreamEndpoints } from './streams.js';
import { toTable } from './table.js';
import { serveWatch } from './watch.js';

export interface ApiServerOptions {
  store: ObjectStore;
  registry: ResourceRegistry;
  runtime: PodRuntime;
  token: string;
  /** Requests matching a rule get 403 Forbidden; tests change this list at will. */
  deny: DenyRule[];
  bookmarkIntervalMs?: number;
  log?: (m: string) => void;
}

const MAX_BODY = 8 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, e: unknown): void {
  const status = statusOf(e);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code as number, status);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request body as an object: JSON, YAML, or the protobuf kubectl's typed clients send. */
function parseBody(body: Buffer, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/vnd.kubernetes.protobuf')) return decodeKubernetesProtobuf(body);
  return parseObject(body.toString('utf8'), contentType);
}

function parseObject(text: string, contentType: string): Record<string, unknown> {
  try {
    const v = contentType.includes('yaml') ? YAML.parse(text) : JSON.parse(text);
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw badRequest(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${e instanceof Error ? e.message : e})`,
    );
  }
}

function verbOf(method: string, p: ResourcePath, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : p.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return p.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** The demo cluster's HTTP API: discovery, CRUD, list/watch, patch, subresources, Table, streams. */
export class ApiServer {
  private readonly server: Server;
  private readonly streams: StreamEndpoints;

  constructor(private readonly opts: ApiServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!isApiError(e))
          opts.log?.(`demo apiserver: ${req.method} ${req.url}: ${e instanceof Error ? e.stack : e}`);
        sendError(res, e);
      });
    });
    this.server.keepAliveTimeout = 65_000;
    this.streams = new StreamEndpoints(opts.store, opts.runtime, (req) => this.authorizeStream(req));
    this.server.on('upgrade', (req, socket, head) => this.streams.upgrade(req, socket, head));
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.streams.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A wrong token is refused; no credentials at all is let in, because client-go (kubectl) never sends
   * credentials over plain HTTP and the demo serves HTTP on 127.0.0.1 only.
   */
  private authenticate(req: IncomingMessage): void {
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${this.opts.token}`) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
  }

  /** Authentication and authorization of an exec/attach/portforward upgrade; returns the pod path. */
  private authorizeStream(req: IncomingMessage): ResourcePath {
    this.authenticate(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = this.parsePath(url.pathname.split('/').filter(Boolean));
    if (!p?.name || !p.subresource) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    this.authorize({
      verb: 'create',
      group: '',
      resource: p.type.resource,
      subresource: p.subresource,
      namespace: p.namespace,
      name: p.name,
    });
    return p;
  }

  private authorize(a: RequestAttributes): void {
    if (isDenied(this.opts.deny, a)) throw forbidden(a);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    this.authenticate(req);
    const reg = this.opts.registry;
    if (path === '/version') {
      sendJson(res, 200, {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.0-kdeck-demo',
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2026-01-01T00:00:00Z',
        goVersion: 'go1.23.0',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    if (path === '/openapi/v3') return sendJson(res, 200, openApiRoot(reg));
    if (path.startsWith('/openapi/v3/')) {
      const [kind, ...rest] = path.slice('/openapi/v3/'.length).split('/');
      const doc =
        kind === 'api' ? openApiGroupVersion(reg, '', rest[0]) : openApiGroupVersion(reg, rest[0], rest[1]);
      return this.sendDiscovery(res, doc);
    }
    if (path === '/api') return sendJson(res, 200, apiVersions(req.headers.host ?? '127.0.0.1'));
    if (path === '/apis') return sendJson(res, 200, apiGroupList(reg));
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'api' && parts.length === 2)
      return this.sendDiscovery(res, apiResourceList(reg, '', parts[1]));
    if (parts[0] === 'apis' && parts.length === 2) return this.sendDiscovery(res, apiGroup(reg, parts[1]));
    if (parts[0] === 'apis' && parts.length === 3)
      return this.sendDiscovery(res, apiResourceList(reg, parts[1], parts[2]));
    const p = this.parsePath(parts);
    if (!p) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const watch = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    const verb = verbOf(req.method ?? 'GET', p, watch);
    this.authorize({
      verb,
      group: p.type.group,
      resource: p.type.resource,
      subresource: p.subresource,
      namespace: p.namespace,
      name: p.name,
    });
    if (p.subresource && ['log', 'exec', 'attach', 'portforward'].includes(p.subresource)) {
      if (p.subresource !== 'log') throw badRequest('Upgrade request required');
      return this.streams.logs(p, url.searchParams, req, res);
    }
    await this.dispatch(req, res, url, p, verb);
  }

  private sendDiscovery(res: ServerResponse, body: Record<string, unknown> | undefined): void {
    if (!body) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    sendJson(res, 200, body);
  }

  /** /api/v1/[namespaces/ns/]res[/name[/sub]] and /apis/g/v/... into a resource request. */
  parsePath(parts: string[]): ResourcePath | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 3) {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 4) {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else return undefined;
    const reg = this.opts.registry;
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && reg.get(group, version, rest[2])) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const type = reg.get(group, version, rest[0]);
    if (!type || rest.length > 3) return undefined;
    if (namespace && !type.namespaced) return undefined;
    return {
      type,
      gvr: { group, version, resource: type.resource },
      namespace,
      name: rest[1],
      subresource: rest[2],
    };
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    p: ResourcePath,
    verb: string,
  ): Promise<void> {
    const { store } = this.opts;
    const q = url.searchParams;
    const accept = req.headers.accept ?? '';
    const contentType = req.headers['content-type'] ?? 'application/json';
    if (VIRTUAL_RESOURCES.has(gvrKey(p.type))) {
      if (verb !== 'create')
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return sendJson(res, 201, this.review(p.type, parseBody(await readBody(req), contentType)));
    }
    if (p.subresource) {
      const allowed = this.subresourceAllowed(p);
      if (!allowed) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    if (verb === 'list' || verb === 'watch') return this.list(req, res, p, q, accept, verb === 'watch');
    if (verb === 'get') {
      if (p.subresource === 'scale') return sendJson(res, 200, getScale(store, p));
      const sp = this.storagePath(p);
      const o = store.mustGet(sp.gvr, p.namespace, p.name!);
      if (!accept.includes('as=Table')) return sendJson(res, 200, this.out(p, o));
      const includeObject = q.get('includeObject') ?? 'Metadata';
      return sendJson(
        res,
        200,
        toTable(sp.type, [o], { includeObject, resourceVersion: o.metadata?.resourceVersion ?? '' }),
      );
    }
    // The body is read first so that the write itself is synchronous: a dry run cannot interleave with real writes.
    const body = await readBody(req);
    const write = () => this.write(res, p, q, verb, body, contentType);
    return q.getAll('dryRun').includes('All') ? store.withDryRun(write) : write();
  }

  private write(
    res: ServerResponse,
    p: ResourcePath,
    q: URLSearchParams,
    verb: string,
    raw: Buffer,
    contentType: string,
  ) {
    const { store } = this.opts;
    const sp = this.storagePath(p);
    const inb = (o: KubernetesObject): KubernetesObject => (p.type.view ? p.type.view.fromView(o) : o);
    switch (verb) {
      case 'create': {
        const body = parseBody(raw, contentType) as KubernetesObject;
        if (p.name) return this.createSubresource(res, p, body);
        this.checkBodyNamespace(p, body);
        if (p.type.namespaced) body.metadata = { ...body.metadata, namespace: p.namespace };
        // Workload controllers own status: a client's create starts from an empty one, as on a real server.
        if (p.type.subresources.status && p.type.group !== '') delete (body as { status?: unknown }).status;
        return sendJson(res, 201, this.out(p, store.create(sp.gvr, inb(body))));
      }
      case 'update': {
        const body = parseBody(raw, contentType) as KubernetesObject;
        if (p.subresource === 'scale') return sendJson(res, 200, updateScale(store, p, body));
        if (body.metadata?.name && body.metadata.name !== p.name) {
          throw badRequest(
            `the name of the object (${body.metadata.name}) does not match the name on the URL (${p.name})`,
          );
        }
        this.checkBodyNamespace(p, body);
        body.metadata = { ...body.metadata, name: p.name, namespace: p.namespace };
        const updated =
          p.subresource === 'status'
            ? store.updateStatus(sp.gvr, inb(body))
            : store.update(sp.gvr, inb(body));
        return sendJson(res, 200, this.out(p, updated));
      }
      case 'patch':
        return this.patch(res, p, raw.toString('utf8'), contentType);
      case 'delete': {
        const { obj, removed } = store.deleteObject(
          sp.gvr,
          p.namespace,
          p.name!,
          this.deleteOptions(raw, q, contentType),
        );
        const returnsObject = !removed || (p.type.group === '' && p.type.kind === 'Pod') || p.type.custom;
        if (returnsObject) return sendJson(res, 200, this.out(p, obj));
        return sendJson(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name: p.name, group: p.type.group, kind: p.type.resource, uid: obj.metadata?.uid },
        });
      }
      case 'deletecollection': {
        const match = this.matcher(p.type, q);
        const deleted = store.deleteCollection(
          sp.gvr,
          p.namespace,
          match,
          this.deleteOptions(raw, q, contentType),
        );
        return sendJson(res, 200, {
          kind: `${p.type.kind}List`,
          apiVersion: apiVersionOf(p.type),
          metadata: { resourceVersion: String(store.resourceVersion) },
          items: deleted.map((o) => (p.type.view ? p.type.view.toView(o) : o)),
        });
      }
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  /** Where a request's objects are stored: itself, or the resource it is a view of. */
  private storagePath(p: ResourcePath): ResourcePath {
    const v = p.type.view;
    if (!v) return p;
    const type = this.opts.registry.get(v.storage.group, v.storage.version, v.storage.resource)!;
    return { ...p, type, gvr: v.storage };
  }

  /** A stored object as the request's resource shows it. */
  private out(p: ResourcePath, o: KubernetesObject): string | KubernetesObject {
    return p.type.view ? p.type.view.toView(o) : objectJson(o);
  }

  private subresourceAllowed(p: ResourcePath): boolean {
    const s = p.subresource!;
    const sub = p.type.subresources;
    return (
      (s === 'status' && !!sub.status) || (s === 'scale' && !!sub.scale) || (sub.extra ?? []).includes(s)
    );
  }

  private checkBodyNamespace(p: ResourcePath, body: KubernetesObject): void {
    const ns = body.metadata?.namespace;
    if (p.type.namespaced && ns && ns !== p.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
  }

  private deleteOptions(raw: Buffer, q: URLSearchParams, contentType: string) {
    const body = raw.length
      ? (parseBody(raw, contentType) as {
          propagationPolicy?: string;
          gracePeriodSeconds?: number;
          preconditions?: { uid?: string; resourceVersion?: string };
          orphanDependents?: boolean;
        })
      : {};
    const policy =
      q.get('propagationPolicy') ??
      body.propagationPolicy ??
      (body.orphanDependents || q.get('orphanDependents') === 'true' ? 'Orphan' : undefined);
    if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
      throw badRequest(
        `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    const graceText = q.get('gracePeriodSeconds');
    const grace = graceText !== null ? Number(graceText) : body.gracePeriodSeconds;
    return {
      propagationPolicy: policy as 'Background' | 'Foreground' | 'Orphan' | undefined,
      gracePeriodSeconds: grace,
      uid: body.preconditions?.uid,
      resourceVersion: body.preconditions?.resourceVersion,
    };
  }

  /** The object filter of labelSelector and fieldSelector (400 on a malformed one, as the server says). */
  matcher(type: ResourceType, q: URLSearchParams): (o: KubernetesObject) => boolean {
    const ls = q.get('labelSelector');
    const fs = q.get('fieldSelector');
    let labelMatch: ((o: KubernetesObject) => boolean) | undefined;
    if (ls) {
      try {
        const sel = parseLabelSelector(ls);
        labelMatch = (o) => matchesLabels(sel, o.metadata?.labels);
      } catch (e) {
        throw badRequest(`unable to parse requirement: ${e instanceof Error ? e.message : e}`);
      }
    }
    const fieldMatch = fs ? parseFieldSelector(fs, type.kind) : undefined;
    return (o) => (!labelMatch || labelMatch(o)) && (!fieldMatch || fieldMatch(o));
  }

  private list(
    req: IncomingMessage,
    res: ServerResponse,
    p: ResourcePath,
    q: URLSearchParams,
    accept: string,
    watch: boolean,
  ) {
    const { store } = this.opts;
    const match = this.matcher(p.type, q);
    const table = accept.includes('as=Table');
    const sp = this.storagePath(p);
    if (watch) {
      serveWatch(store, p, q, match, req, res, {
        table,
        storage: sp,
        bookmarkIntervalMs: this.opts.bookmarkIntervalMs ?? 15_000,
      });
      return;
    }
    const limitText = q.get('limit');
    const page = listPage(store, sp.gvr, {
      namespace: p.namespace,
      limit: limitText ? Number(limitText) : undefined,
      continueToken: q.get('continue') ?? undefined,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      match,
      selective: Boolean(q.get('labelSelector') || q.get('fieldSelector')),
    });
    if (table) {
      return sendJson(
        res,
        200,
        toTable(sp.type, page.items, {
          includeObject: q.get('includeObject') ?? 'Metadata',
          resourceVersion: page.resourceVersion,
          continueToken: page.continueToken,
          remainingItemCount: page.remainingItemCount,
        }),
      );
    }
    const meta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
    if (page.continueToken) meta.continue = page.continueToken;
    if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
    const head = `{"kind":"${p.type.kind}List","apiVersion":"${apiVersionOf(p.type)}","metadata":${JSON.stringify(meta)},"items":[`;
    const items = p.type.view
      ? page.items.map((o) => JSON.stringify(this.out(p, o)))
      : page.items.map(objectJson);
    const body = `${head}${items.join(',')}]}`;
    sendJson(res, 200, body);
  }

  private patch(res: ServerResponse, p: ResourcePath, text: string, contentType: string) {
    const { store } = this.opts;
    const kind = contentType.split(';')[0].trim();
    const apply = (cur: Json): Json => {
      switch (kind) {
        case 'application/merge-patch+json':
          return mergePatch(cur, parseObject(text, kind) as Json);
        case 'application/strategic-merge-patch+json':
          if (p.type.custom) {
            throw new ApiError(
              415,
              'UnsupportedMediaType',
              `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
            );
          }
          return strategicMergePatch(cur, parseObject(text, kind) as Json);
        case 'application/json-patch+json': {
          let ops: unknown;
          try {
            ops = JSON.parse(text);
          } catch {
            throw badRequest('the body of the request was in an unknown format');
          }
          return jsonPatch(cur, ops);
        }
        case 'application/apply-patch+yaml':
          return p.type.custom
            ? mergePatch(cur, parseObject(text, 'yaml') as Json)
            : strategicMergePatch(cur, parseObject(text, 'yaml') as Json);
        default:
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
          );
      }
    };
    if (p.subresource === 'scale') {
      const scale = apply(getScale(store, p) as Json) as KubernetesObject;
      return sendJson(res, 200, updateScale(store, p, scale));
    }
    const sp = this.storagePath(p);
    const view = p.type.view;
    const stored = store.get(sp.gvr, p.namespace, p.name!);
    const cur = stored && view ? view.toView(stored) : stored;
    if (!cur) {
      if (kind !== 'application/apply-patch+yaml') throw notFound(p.type.group, p.type.resource, p.name!);
      const body = parseObject(text, 'yaml') as KubernetesObject;
      body.metadata = { ...body.metadata, name: p.name, namespace: p.namespace };
      return sendJson(res, 201, this.out(p, store.create(sp.gvr, view ? view.fromView(body) : body)));
    }
    const patched = apply(structuredClone(cur) as unknown as Json) as unknown as KubernetesObject;
    if (typeof patched !== 'object' || patched === null)
      throw badRequest('the patch did not produce an object');
    const patchedRv = patched.metadata?.resourceVersion;
    patched.metadata = {
      ...patched.metadata,
      name: p.name,
      namespace: p.namespace,
      resourceVersion: patchedRv ?? cur.metadata?.resourceVersion,
    };
    const toStore = view ? view.fromView(patched) : patched;
    const updated =
      p.subresource === 'status' ? store.updateStatus(sp.gvr, toStore) : store.update(sp.gvr, toStore);
    sendJson(res, 200, this.out(p, updated));
  }

  private createSubresource(res: ServerResponse, p: ResourcePath, body: KubernetesObject) {
    const { store } = this.opts;
    if (p.type.kind === 'Pod' && p.subresource === 'eviction') {
      const pod = store.mustGet(p.gvr, p.namespace, p.name!);
      const grace = (body as { deleteOptions?: { gracePeriodSeconds?: number } }).deleteOptions
        ?.gracePeriodSeconds;
      this.checkDisruptionBudgets(pod);
      store.deleteObject(p.gvr, p.namespace, p.name!, { gracePeriodSeconds: grace });
      return sendJson(res, 201, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        code: 201,
      });
    }
    if (p.type.kind === 'Pod' && p.subresource === 'binding') {
      const pod = structuredClone(store.mustGet(p.gvr, p.namespace, p.name!)) as KubernetesObject & {
        spec: { nodeName?: string };
      };
      if (pod.spec.nodeName)
        throw new ApiError(
          409,
          'Conflict',
          `pod ${p.name} is already assigned to node "${pod.spec.nodeName}"`,
        );
      pod.spec.nodeName = (body as { target?: { name?: string } }).target?.name;
      store.update(p.gvr, pod);
      return sendJson(res, 201, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        code: 201,
      });
    }
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }

  /** Eviction honours PodDisruptionBudgets the way the disruption controller reports them. */
  private checkDisruptionBudgets(pod: KubernetesObject): void {
    const pdbs = this.opts.store.list<
      KubernetesObject & {
        spec?: { selector?: { matchLabels?: Record<string, string> } };
        status?: { disruptionsAllowed?: number };
      }
    >({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }, pod.metadata?.namespace);
    for (const pdb of pdbs) {
      const labels = pdb.spec?.selector?.matchLabels ?? {};
      const selects = Object.entries(labels).every(([k, v]) => pod.metadata?.labels?.[k] === v);
      if (selects && (pdb.status?.disruptionsAllowed ?? 0) <= 0) {
        throw new ApiError(
          429,
          'TooManyRequests',
          `Cannot evict pod as it would violate the pod's disruption budget.`,
          {
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${pdb.metadata?.name} needs ${0} healthy pods and has ${0} currently`,
              },
            ],
          },
        );
      }
    }
  }

  private review(type: ResourceType, body: Record<string, unknown>): Record<string, unknown> {
    const spec = (body.spec ?? {}) as {
      resourceAttributes?: RequestAttributes & { subresource?: string };
      namespace?: string;
    };
    if (type.resource === 'selfsubjectaccessreviews') {
      const a = spec.resourceAttributes;
      const denied = a
        ? isDenied(this.opts.deny, { ...a, group: a.group ?? '', resource: a.resource ?? '' })
        : false;
      return {
        ...body,
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: denied
          ? { allowed: false, denied: true, reason: "denied by the demo cluster's deny rules" }
          : { allowed: true },
      };
    }
    return {
      ...body,
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: this.opts.deny.length > 0,
      },
    };
  }
}
