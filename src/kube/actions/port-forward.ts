import net from 'node:net';
import type WebSocket from 'ws';
import { KubeError } from '../kube-error.js';
import type { Reader } from './gate.js';
import { ActionError } from './outcome.js';

export interface ForwardSpec {
  namespace: string;
  pod: string;
  podPort: number;
  /** 0 lets the system choose a free port. */
  localPort: number;
}

/** One forward as the list dialog shows it. */
export interface ActiveForward {
  id: number;
  spec: ForwardSpec;
  /** The port actually listened on (127.0.0.1). */
  localPort: number;
  connections: number;
  bytesIn: number;
  bytesOut: number;
  startedAt: number;
  /** The last error the pod side reported (connection refused in the pod, pod gone). */
  lastError?: string;
}

interface Running {
  info: ActiveForward;
  server: net.Server;
  sockets: Set<net.Socket>;
}

/** Validates a `local:pod` or `pod` port text from the dialog; a bare port listens on the same number. */
export function parsePorts(text: string): { localPort: number; podPort: number } | string {
  const m = /^\s*(?:(\d+):)?(\d+)\s*$/.exec(text);
  if (!m) return 'write a port (8080) or local:pod (9000:80)';
  const podPort = Number(m[2]);
  const localPort = m[1] === undefined ? podPort : Number(m[1]);
  if (podPort < 1 || podPort > 65535 || localPort > 65535) return 'ports go from 1 to 65535 (local 0 = any)';
  return { localPort, podPort };
}

/** The socket's failure in words: a 406 means the server accepts none of the offered port-forward protocols. */
export function explainForwardError(err: unknown): string {
  if (err instanceof KubeError && err.status === 406) {
    return 'the API server accepts none of the websocket port-forward protocols kdeck offers (v4.channel.k8s.io, portforward.k8s.io)';
  }
  return err instanceof Error ? err.message : String(err);
}

const dataChannel = 0;
const errorChannel = 1;

/**
 * Active port-forwards: each listens on 127.0.0.1 and opens, per TCP connection, a websocket to the
 * pod's portforward subresource (one data and one error channel; the first frame on each carries
 * the port, which is dropped). One registry per session, passed to whoever lists or stops them.
 */
export class PortForwards {
  private readonly running = new Map<number, Running>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  list(): ActiveForward[] {
    return [...this.running.values()].map((r) => ({ ...r.info }));
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts listening; resolves once the local port is bound. */
  async start(read: Reader, spec: ForwardSpec): Promise<ActiveForward> {
    // One handshake up front, so an unsupported server or a missing pod fails here, not on first use.
    try {
      const probe = await read.portForward(spec.namespace, spec.pod, spec.podPort);
      probe.close(1000);
    } catch (err) {
      throw new ActionError(
        `cannot forward to ${spec.namespace}/${spec.pod}:${spec.podPort}: ${explainForwardError(err)}`,
        err instanceof KubeError ? err.reason : 'Error',
        'check that the pod runs and declares the port; see the message',
      );
    }
    const id = this.nextId++;
    const sockets = new Set<net.Socket>();
    const info: ActiveForward = {
      id,
      spec,
      localPort: spec.localPort,
      connections: 0,
      bytesIn: 0,
      bytesOut: 0,
      startedAt: Date.now(),
    };
    const server = net.createServer((sock) => {
      sockets.add(sock);
      info.connections++;
      this.emit();
      sock.once('close', () => {
        sockets.delete(sock);
        info.connections--;
        this.emit();
      });
      this.pipe(read, spec, sock, info).catch((err: unknown) => {
        info.lastError = explainForwardError(err);
        sock.destroy();
        this.emit();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new ActionError(
            `cannot listen on 127.0.0.1:${spec.localPort}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`,
            'PortInUse',
            'choose another local port (0 = any free one)',
          ),
        ),
      );
      server.listen(spec.localPort, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    info.localPort = typeof addr === 'object' && addr ? addr.port : spec.localPort;
    this.running.set(id, { info, server, sockets });
    this.emit();
    return { ...info };
  }

  /** Stops listening and closes its open connections. */
  async stop(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    for (const s of r.sockets) s.destroy();
    await new Promise<void>((resolve) => r.server.close(() => resolve()));
    this.emit();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private async pipe(read: Reader, spec: ForwardSpec, sock: net.Socket, info: ActiveForward): Promise<void> {
    sock.pause();
    const closed = new AbortController();
    sock.once('close', () => closed.abort());
    const ws: WebSocket = await read.portForward(spec.namespace, spec.pod, spec.podPort, closed.signal);
    const portSeen = [false, false];
    ws.on('message', (data: Buffer) => {
      if (data.length === 0) return;
      const channel = data[0];
      let payload = data.subarray(1);
      if (channel <= errorChannel && !portSeen[channel]) {
        portSeen[channel] = true;
        payload = payload.subarray(2);
      }
      if (payload.length === 0) return;
      if (channel === dataChannel) {
        info.bytesIn += payload.length;
        sock.write(payload);
      } else if (channel === errorChannel) {
        info.lastError = payload.toString('utf8').trim();
        this.emit();
      }
    });
    ws.once('close', () => sock.end());
    ws.once('error', (e: Error) => {
      info.lastError = e.message;
      sock.destroy();
    });
    sock.on('data', (chunk: Buffer) => {
      info.bytesOut += chunk.length;
      const frame = Buffer.allocUnsafe(chunk.length + 1);
      frame[0] = dataChannel;
      chunk.copy(frame, 1);
      ws.send(frame);
    });
    sock.once('end', () => ws.close(1000));
    sock.once('close', () => {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
    });
    sock.resume();
    // KubeClient hands sockets over paused so no frame arrives before the listeners above.
    if (ws.isPaused) ws.resume();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
