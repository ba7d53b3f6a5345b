import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { V1Pod } from '@kubernetes/client-node';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiError, badRequest, statusOf } from './errors.js';
import type { ExecOptions, ExecSession, LogOptions, PodRuntime } from './pod-runtime.js';
import type { ResourcePath } from './resource-path.js';
import { SpdyServerSession, type SpdyStream } from './spdy.js';
import type { ObjectStore } from './store.js';

const CH_STDIN = 0;
const CH_STDOUT = 1;
const CH_STDERR = 2;
const CH_ERROR = 3;
const CH_RESIZE = 4;
const CH_CLOSE = 255;

const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
/** kubectl tunnels SPDY in a websocket under this subprotocol; client-node speaks the channel protocol. */
const SPDY_TUNNEL = 'SPDY/3.1+portforward.k8s.io';
/** `ws` refuses '/' in a subprotocol name, so the tunnel goes through it under this alias. */
const SPDY_TUNNEL_ALIAS = 'spdy31.portforward.k8s.io';
const PORTFORWARD_PROTOCOLS = [SPDY_TUNNEL_ALIAS, 'v4.channel.k8s.io', 'portforward.k8s.io'];

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1';
}

/** Which container a request means: the named one, or the only one (as the server requires). */
export function resolveContainer(pod: V1Pod, requested: string | null): string {
  const names = pod.spec?.containers.map((c) => c.name) ?? [];
  const init = pod.spec?.initContainers?.map((c) => c.name) ?? [];
  const podName = pod.metadata?.name;
  if (requested) {
    if (!names.includes(requested) && !init.includes(requested))
      throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  if (names.length === 1) return names[0];
  const initText = init.length ? ` or one of the init containers: [${init.join(' ')}]` : '';
  throw badRequest(
    `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${initText}`,
  );
}

function websocketServer(protocols: string[]): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => protocols.find((p) => offered.has(p)) ?? false,
  });
}

function frame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

/** The error-channel Status that kubectl reads an exit code from. */
export function exitStatus(code: number, command: string[], message?: string): Record<string, unknown> {
  if (message) return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** Pod logs over HTTP and exec/attach/portforward over websocket, backed by a PodRuntime. */
export class StreamEndpoints {
  private readonly execWss = websocketServer(EXEC_PROTOCOLS);
  private readonly portForwardWss = websocketServer(PORTFORWARD_PROTOCOLS).on('headers', (headers) => {
    const i = headers.indexOf(`Sec-WebSocket-Protocol: ${SPDY_TUNNEL_ALIAS}`);
    if (i >= 0) headers[i] = `Sec-WebSocket-Protocol: ${SPDY_TUNNEL}`;
  });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: PodRuntime,
    private readonly authorize: (req: IncomingMessage) => ResourcePath,
  ) {}

  private pod(p: ResourcePath): V1Pod {
    return this.store.mustGet<V1Pod>(p.gvr, p.namespace, p.name!);
  }

  logs(p: ResourcePath, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
    const pod = this.pod(p);
    const num = (name: string): number | undefined => {
      const v = q.get(name);
      if (v === null) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n)) throw badRequest(`invalid ${name}: ${v}`);
      return n;
    };
    const opts: LogOptions = {
      container: resolveContainer(pod, q.get('container')),
      follow: flag(q, 'follow'),
      previous: flag(q, 'previous'),
      timestamps: flag(q, 'timestamps'),
      tailLines: num('tailLines'),
      sinceSeconds: num('sinceSeconds'),
      sinceTime: q.get('sinceTime') ?? undefined,
      limitBytes: num('limitBytes'),
    };
    if (!pod.spec?.nodeName) {
      // Not on a node yet: there is no kubelet to ask, and the API server answers with an empty log.
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 0 });
      res.end();
      return;
    }
    const abort = new AbortController();
    const stream = this.runtime.logs(pod, opts, abort.signal);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    stream.pipe(res);
    const stop = () => {
      abort.abort();
      stream.destroy();
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let p: ResourcePath;
    try {
      p = this.authorize(req);
      if (!['exec', 'attach', 'portforward'].includes(p.subresource ?? '') || p.type.kind !== 'Pod') {
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      }
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket')
        throw badRequest(`unsupported upgrade: ${req.headers.upgrade}`);
      if (p.subresource !== 'portforward')
        this.checkRunning(p, new URL(req.url ?? '/', 'http://localhost').searchParams);
    } catch (e) {
      const status = statusOf(e);
      const body = JSON.stringify(status);
      socket.end(
        `HTTP/1.1 ${status.code} ${status.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const offered = req.headers['sec-websocket-protocol'];
    if (p.subresource === 'portforward' && offered?.split(',').some((x) => x.trim() === SPDY_TUNNEL)) {
      req.headers['sec-websocket-protocol'] = SPDY_TUNNEL_ALIAS;
    }
    const wss = p.subresource === 'portforward' ? this.portForwardWss : this.execWss;
    wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      try {
        if (p.subresource === 'portforward') this.portForward(ws, p, url.searchParams);
        else this.exec(ws, p, url.searchParams);
      } catch (e) {
        ws.send(frame(CH_ERROR, JSON.stringify(statusOf(e))));
        ws.close(1000);
      }
    });
  }

  /** The kubelet refuses exec into a container that is not running, before any upgrade. */
  private checkRunning(p: ResourcePath, q: URLSearchParams): void {
    const pod = this.pod(p);
    const container = resolveContainer(pod, q.get('container'));
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    if (!statuses.find((s) => s.name === container)?.state?.running) {
      throw badRequest(`unable to upgrade connection: container not found ("${container}")`);
    }
  }

  private exec(ws: WebSocket, p: ResourcePath, q: URLSearchParams): void {
    const pod = this.pod(p);
    const opts: ExecOptions = {
      container: resolveContainer(pod, q.get('container')),
      command: q.getAll('command'),
      stdin: flag(q, 'stdin'),
      stdout: flag(q, 'stdout'),
      stderr: flag(q, 'stderr'),
      tty: flag(q, 'tty'),
    };
    if (p.subresource === 'exec' && opts.command.length === 0)
      throw badRequest('you must specify at least 1 command');
    const session: ExecSession =
      p.subresource === 'attach' ? this.runtime.attach(pod, opts) : this.runtime.exec(pod, opts);
    const v5 = ws.protocol === 'v5.channel.k8s.io';
    let exited = false;
    session.onStdout((d) => ws.readyState === ws.OPEN && ws.send(frame(CH_STDOUT, d)));
    session.onStderr((d) => ws.readyState === ws.OPEN && ws.send(frame(CH_STDERR, d)));
    session.onExit((exit) => {
      exited = true;
      if (ws.readyState !== ws.OPEN) return;
      ws.send(frame(CH_ERROR, JSON.stringify(exitStatus(exit.code, opts.command, exit.message))));
      ws.close(1000);
    });
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      const data = isBinary ? raw : Buffer.from(raw.toString(), 'utf8');
      if (data.length === 0) return;
      const ch = data[0];
      const body = data.subarray(1);
      if (ch === CH_STDIN) session.write(body);
      else if (ch === CH_RESIZE) {
        try {
          const size = JSON.parse(body.toString('utf8')) as { Width?: number; Height?: number };
          if (size.Width && size.Height) session.resize(size.Width, size.Height);
        } catch {
          // A malformed resize is ignored, as the kubelet does.
        }
      } else if (v5 && ch === CH_CLOSE && body[0] === CH_STDIN) session.endInput();
    });
    ws.on('close', () => {
      if (!exited) session.kill();
    });
  }

  /** Port-forward as kubectl does it: SPDY streams (an error and a data stream per connection) in the websocket. */
  private portForwardSpdy(ws: WebSocket, p: ResourcePath): void {
    const pod = this.pod(p);
    const errorStreams = new Map<string, SpdyStream>();
    const conns = new Set<Duplex>();
    const session = new SpdyServerSession(
      (frame) => ws.readyState === ws.OPEN && ws.send(frame),
      (stream) => {
        const requestId = stream.headers.requestid ?? '';
        if (stream.headers.streamtype === 'error') {
          errorStreams.set(requestId, stream);
          return;
        }
        if (stream.headers.streamtype !== 'data') return;
        const port = Number(stream.headers.port);
        const errorStream = errorStreams.get(requestId);
        const finish = (message?: string) => {
          if (message) errorStream?.write(Buffer.from(message));
          errorStream?.end();
          stream.end();
          errorStreams.delete(requestId);
        };
        this.runtime.portForward(pod, port).then(
          (conn) => {
            conns.add(conn);
            stream.onData((d) => conn.write(d));
            stream.onEnd(() => conn.end());
            conn.on('data', (d: Buffer) => stream.write(d));
            conn.on('error', (e) => finish(e.message));
            conn.on('close', () => {
              conns.delete(conn);
              finish();
            });
          },
          (e: unknown) => finish(e instanceof Error ? e.message : String(e)),
        );
      },
      () => ws.readyState === ws.OPEN && ws.close(1000),
    );
    ws.on('message', (raw: Buffer) => session.receive(raw));
    ws.on('close', () => {
      session.close();
      for (const c of conns) c.destroy();
    });
  }

  private portForward(ws: WebSocket, p: ResourcePath, q: URLSearchParams): void {
    if (ws.protocol === SPDY_TUNNEL_ALIAS) {
      this.portForwardSpdy(ws, p);
      return;
    }
    const pod = this.pod(p);
    const ports = q
      .getAll('ports')
      .flatMap((s) => s.split(','))
      .map(Number);
    if (ports.length === 0 || ports.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) {
      throw badRequest('query parameter "port" is required');
    }
    const conns: (Duplex | undefined)[] = [];
    // Bytes the client sends before the pod connection is open wait here.
    const early: Buffer[][] = ports.map(() => []);
    ports.forEach((port, i) => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16LE(port);
      ws.send(frame(2 * i, prefix));
      ws.send(frame(2 * i + 1, prefix));
      this.runtime.portForward(pod, port).then(
        (conn) => {
          conns[i] = conn;
          for (const d of early[i].splice(0)) conn.write(d);
          conn.on('data', (d: Buffer) => ws.readyState === ws.OPEN && ws.send(frame(2 * i, d)));
          conn.on('error', (e) => ws.readyState === ws.OPEN && ws.send(frame(2 * i + 1, e.message)));
          conn.on('close', () => ws.readyState === ws.OPEN && ws.close(1000));
        },
        (e: unknown) => {
          if (ws.readyState === ws.OPEN)
            ws.send(
              frame(
                2 * i + 1,
                `error forwarding port ${port} to pod ${pod.metadata?.name}: ${e instanceof Error ? e.message : e}`,
              ),
            );
        },
      );
    });
    ws.on('message', (raw: Buffer) => {
      if (raw.length === 0) return;
      const ch = raw[0];
      if (ch % 2 !== 0 || ch / 2 >= ports.length) return;
      const conn = conns[ch / 2];
      if (conn) conn.write(raw.subarray(1));
      else early[ch / 2].push(Buffer.from(raw.subarray(1)));
    });
    ws.on('close', () => {
      for (const c of conns) c?.destroy();
    });
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.execWss.close();
    this.portForwardWss.close();
  }
}
