import http from 'node:http';
import https from 'node:https';
import { type Readable, Transform } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { errorFromResponse, errorFromTransport, KubeError } from './kube-error.js';
import type { RequestLog, RequestRecord } from './request-log.js';

export type QueryValue = string | number | boolean | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: string;
  path: string;
  query?: Query;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** Gives up when no response headers arrived by then. */
  timeoutMs?: number;
  /** Hears the start of a 2xx answer's body (up to its "items", 8 KB, or all of a shorter one) before the rest arrives. */
  onBodyStart?: (head: string) => void;
}

export interface StreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
}

const BODY_START = 8192;

type TlsMaterial = Pick<https.AgentOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;

/**
 * The one door to the API server: authentication from the kubeconfig (client-node does the
 * exec plugins, token files and certificates), one keep-alive agent for every call, streams
 * and websockets, and a record of each request in the request log.
 */
export class KubeClient {
  readonly server: URL;
  private agent: http.Agent | undefined;
  private agentKey = '';

  constructor(
    private readonly kc: KubeConfig,
    private readonly log: RequestLog,
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`context "${kc.getCurrentContext()}" names no cluster`);
    try {
      this.server = new URL(cluster.server);
    } catch {
      throw new Error(
        `cluster "${cluster.name}" has an invalid server URL: ${JSON.stringify(cluster.server)}`,
      );
    }
  }

  get contextName(): string {
    return this.kc.getCurrentContext();
  }

  /** Sends a request and parses the JSON answer; non-2xx answers throw a KubeError. */
  async request<T>(opts: RequestOptions): Promise<T> {
    const text = await this.requestText(opts);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubeError(
        `invalid JSON from ${opts.path}`,
        200,
        'BadResponse',
        opts.method ?? 'GET',
        opts.path,
      );
    }
  }

  async requestText(opts: RequestOptions): Promise<string> {
    const res = await this.stream(opts, false);
    const chunks: Buffer[] = [];
    let size = 0;
    let heard = opts.onBodyStart === undefined;
    for await (const chunk of res.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (!heard) {
        // A list's metadata comes before its items: once "items" shows (or 8 KB), the start is known.
        const head = Buffer.concat(chunks).toString('latin1', 0, BODY_START);
        if (size >= BODY_START || head.includes('"items"')) {
          heard = true;
          opts.onBodyStart?.(head);
        }
      }
    }
    const all = Buffer.concat(chunks);
    if (!heard) opts.onBodyStart?.(all.toString('latin1'));
    return all.toString('utf8');
  }

  /** Resolves once response headers arrive with a 2xx status; the body streams after that. */
  async stream(opts: RequestOptions, streaming = true): Promise<StreamResponse> {
    const method = opts.method ?? 'GET';
    const url = this.url(opts.path, opts.query);
    const record = this.log.start(method, url.pathname + url.search, streaming);
    const reqOpts = await this.httpOptions(method, opts);
    const body = encodeBody(opts.body);
    if (body !== undefined) {
      // Without Content-Length Node sends a DELETE body chunked, which API servers answer with a 400 that poisons the socket.
      reqOpts.headers = {
        ...reqOpts.headers,
        'Content-Type': opts.contentType ?? 'application/json',
        'Content-Length': Buffer.byteLength(body),
      };
    }
    return new Promise<StreamResponse>((resolve, reject) => {
      const started = performance.now();
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(url, reqOpts, (res) => {
        record.status = res.statusCode ?? 0;
        record.latencyMs = Math.round(performance.now() - started);
        this.log.changed();
        const counted = countBytes(res, record, this.log);
        if (record.status >= 200 && record.status < 300) {
          resolve({ status: record.status, headers: res.headers, body: counted });
          return;
        }
        const chunks: Buffer[] = [];
        counted.on('data', (c: Buffer) => chunks.push(c));
        counted.on('end', () => {
          const err = errorFromResponse(
            method,
            opts.path,
            record.status,
            Buffer.concat(chunks).toString('utf8'),
          );
          record.error = err.message;
          this.log.changed();
          reject(err);
        });
        counted.on('error', (e) => reject(errorFromTransport(method, opts.path, this.server.origin, e)));
      });
      const fail = (e: unknown) => {
        const err =
          opts.signal?.aborted === true
            ? new KubeError('cancelled', 0, 'Aborted', method, opts.path)
            : errorFromTransport(method, opts.path, this.server.origin, e);
        record.error = err.message;
        record.latencyMs = Math.round(performance.now() - started);
        this.log.changed();
        reject(err);
      };
      req.on('error', fail);
      if (opts.timeoutMs) {
        req.setTimeout(opts.timeoutMs, () =>
          req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
        );
      }
      if (opts.signal) {
        const signal = opts.signal;
        const onAbort = () => req.destroy(new Error('aborted'));
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          // Long-lived signals (a session's) see thousands of requests: drop the listener when each ends.
          req.once('close', () => signal.removeEventListener('abort', onAbort));
        }
      }
      req.end(body);
    });
  }

  /** Opens a websocket (exec, attach, port-forward) with the kubeconfig's credentials. */
  async websocket(path: string, query: Query, protocols: string[], signal?: AbortSignal): Promise<WebSocket> {
    const url = this.url(path, query);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const record = this.log.start('GET', url.pathname + url.search, true);
    const opts = await this.httpOptions('GET', { path });
    // An upgrade negotiates by subprotocol; an Accept header makes the port-forward handler answer 406.
    delete opts.headers.Accept;
    const started = performance.now();
    return new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { headers: opts.headers, agent: opts.agent });
      const onAbort = () => ws.terminate();
      signal?.addEventListener('abort', onAbort, { once: true });
      ws.once('upgrade', (res) => {
        record.status = res.statusCode ?? 101;
        record.latencyMs = Math.round(performance.now() - started);
        this.log.changed();
      });
      // Frames that came with the handshake would be emitted before the caller listens: hold them until it resumes.
      ws.once('open', () => {
        ws.pause();
        resolve(ws);
      });
      ws.on('message', (data: Buffer) => {
        record.bytes += data.length;
      });
      ws.once('close', () => signal?.removeEventListener('abort', onAbort));
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          record.status = res.statusCode ?? 0;
          const err = errorFromResponse('GET', path, record.status, Buffer.concat(chunks).toString('utf8'));
          record.error = err.message;
          this.log.changed();
          reject(err);
        });
      });
      ws.once('error', (e) => {
        record.error = e.message;
        this.log.changed();
        reject(errorFromTransport('GET', path, this.server.origin, e));
      });
    });
  }

  /** Closes idle keep-alive sockets; in-flight requests finish. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private url(path: string, query?: Query): URL {
    const base = this.server.pathname.replace(/\/$/, '');
    const url = new URL(base + path, this.server.origin);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
      else url.searchParams.set(k, String(v));
    }
    return url;
  }

  private async httpOptions(method: string, opts: Pick<RequestOptions, 'accept'> & { path: string }) {
    const applied: https.RequestOptions = { method, headers: {} };
    try {
      await this.kc.applyToHTTPSOptions(applied);
    } catch (err) {
      // client-node refuses plain-HTTP servers only after applying credentials; kubectl allows them.
      if (this.server.protocol !== 'http:' || !String(err).includes('HTTP protocol is not allowed'))
        throw err;
    }
    const headers: http.OutgoingHttpHeaders = { ...(applied.headers as http.OutgoingHttpHeaders) };
    if (applied.auth) headers.Authorization = `Basic ${Buffer.from(applied.auth).toString('base64')}`;
    headers.Accept = opts.accept ?? 'application/json';
    headers['User-Agent'] = 'kdeck';
    return { method, headers, agent: this.agentFor(applied) };
  }

  /** One agent per TLS identity: client-node would make a new one per call and leak sockets. */
  private agentFor(applied: https.RequestOptions): http.Agent {
    const tls: TlsMaterial = {
      ca: applied.ca,
      cert: applied.cert,
      key: applied.key,
      rejectUnauthorized: applied.rejectUnauthorized,
      servername: applied.servername ?? undefined,
    };
    const key = JSON.stringify(tls);
    if (!this.agent || key !== this.agentKey) {
      this.agent?.destroy();
      this.agentKey = key;
      const common = { keepAlive: true, maxSockets: 64, maxFreeSockets: 8 };
      this.agent =
        this.server.protocol === 'https:' ? new https.Agent({ ...common, ...tls }) : new http.Agent(common);
    }
    return this.agent;
  }
}

function encodeBody(body: unknown): string | Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return JSON.stringify(body);
}

function countBytes(res: http.IncomingMessage, record: RequestRecord, log: RequestLog): Readable {
  let pending = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      record.bytes += chunk.length;
      pending += chunk.length;
      // Streams report byte counts in batches so a busy watch does not flood the request view.
      if (pending > 64 * 1024 || !record.streaming) {
        pending = 0;
        log.changed();
      }
      done(null, chunk);
    },
    flush(done) {
      log.changed();
      done();
    },
  });
  res.on('error', (e) => counter.destroy(e));
  counter.on('close', () => {
    if (!res.complete) res.destroy();
  });
  return res.pipe(counter);
}
