import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../../../src/kube/client.js';
import { RequestLog } from '../../../src/kube/request-log.js';

interface Follower {
  res: http.ServerResponse;
  sent: number;
  dropAfter: number | undefined;
}

/**
 * A pod log endpoint on 127.0.0.1 with the API server's query semantics (follow, timestamps,
 * tailLines, sinceTime with second precision), and a switch that drops followers mid-stream.
 */
export class FakeLogServer {
  readonly logs = new Map<string, { time: string; text: string }[]>();
  readonly requests: URLSearchParams[] = [];
  /** Drops the next follow connection after this many lines; later connections are left alone. */
  dropAfter: number | undefined;
  #followers = new Map<string, Set<Follower>>();
  #server = http.createServer((req, res) => this.#handle(req, res));
  client!: KubeClient;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const port = (this.#server.address() as AddressInfo).port;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}` }],
      users: [{ name: 'dev', token: 'x' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'dev' }],
      currentContext: 'fake',
    });
    this.client = new KubeClient(kc, new RequestLog());
    return this;
  }

  /** Appends a line to pod/container's log and pushes it to followers. */
  append(pod: string, container: string, time: string, text: string): void {
    const key = `${pod}/${container}`;
    const lines = this.logs.get(key) ?? [];
    lines.push({ time, text });
    this.logs.set(key, lines);
    for (const f of this.#followers.get(key) ?? []) this.#send(key, f, { time, text });
  }

  /** Ends every follow connection of pod/container, as the API server does when the container exits. */
  endFollowers(pod: string, container: string): void {
    for (const f of this.#followers.get(`${pod}/${container}`) ?? []) f.res.end();
  }

  async stop(): Promise<void> {
    this.client.close();
    for (const set of this.#followers.values()) for (const f of set) f.res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)(\/log)?$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const pod = m[1] as string;
    if (!m[2]) {
      // The pod itself, for the stream's default reconnect check: running while anyone appends.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ metadata: { name: pod }, status: { containerStatuses: [] } }));
      return;
    }
    this.requests.push(url.searchParams);
    const container = url.searchParams.get('container') ?? '';
    const key = `${pod}/${container}`;
    if (!this.logs.has(key)) {
      const message = `pods "${pod}" not found`;
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message }));
      return;
    }
    let lines = this.logs.get(key) ?? [];
    const since = url.searchParams.get('sinceTime');
    if (since) lines = lines.filter((l) => l.time.slice(0, 19) >= since.slice(0, 19));
    const tail = url.searchParams.get('tailLines');
    if (tail) lines = lines.slice(-Number(tail));
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    const follower: Follower = { res, sent: 0, dropAfter: this.dropAfter };
    this.dropAfter = undefined;
    for (const l of lines) this.#send(key, follower, l);
    if (url.searchParams.get('follow') !== 'true') {
      res.end();
      return;
    }
    if (follower.dropAfter !== undefined && follower.sent >= follower.dropAfter) return;
    const set = this.#followers.get(key) ?? new Set();
    set.add(follower);
    this.#followers.set(key, set);
    res.on('close', () => set.delete(follower));
  }

  #send(key: string, f: Follower, l: { time: string; text: string }): void {
    if (f.res.destroyed || f.res.writableEnded || (f.dropAfter !== undefined && f.sent >= f.dropAfter))
      return;
    f.sent++;
    if (f.dropAfter !== undefined && f.sent >= f.dropAfter) {
      // A dropped connection: once the line is out, the socket goes away without the chunked terminator.
      const socket = f.res.socket;
      f.res.write(`${l.time} ${l.text}\n`, () => setTimeout(() => socket?.destroy(), 20));
      this.#followers.get(key)?.delete(f);
      return;
    }
    f.res.write(`${l.time} ${l.text}\n`);
  }
}
