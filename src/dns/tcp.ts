import net from 'node:net';
import { DnsError } from './dns-error.js';

export interface Endpoint {
  host: string;
  port: number;
}

export function serverLabel(ep: Endpoint): string {
  return ep.host.includes(':') ? `[${ep.host}]:${ep.port}` : `${ep.host}:${ep.port}`;
}

/** Splits a TCP byte stream into DNS messages (each prefixed by a 2-byte length). */
export class TcpFramer {
  private buf: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    while (this.buf.length >= 2) {
      const len = this.buf.readUInt16BE(0);
      if (this.buf.length < len + 2) break;
      out.push(Buffer.from(this.buf.subarray(2, len + 2)));
      this.buf = this.buf.subarray(len + 2);
    }
    return out;
  }
}

export function frame(wire: Buffer): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(wire.length, 0);
  return Buffer.concat([len, wire]);
}

export interface TcpExchangeOptions extends Endpoint {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Sends one message over TCP and hands each answer message to `onMessage` until it returns true
 * (done). The timeout restarts with every message, so long transfers are not cut short.
 */
export function tcpExchange(
  opts: TcpExchangeOptions,
  request: Buffer,
  onMessage: (wire: Buffer) => boolean,
): Promise<void> {
  const label = serverLabel(opts);
  const timeoutMs = opts.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const framer = new TcpFramer();
    let settled = false;
    const socket = net.connect({ host: opts.host, port: opts.port });
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new DnsError('timeout', `request to ${label} cancelled`, label));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    socket.setTimeout(timeoutMs, () =>
      finish(new DnsError('timeout', `no answer from ${label} within ${timeoutMs} ms`, label)),
    );
    socket.on('connect', () => socket.write(frame(request)));
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const msg of framer.push(chunk)) {
          if (onMessage(msg)) return finish();
        }
      } catch (err) {
        finish(err as Error);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ECONNREFUSED' ? 'connection refused' : (err.code ?? err.message);
      finish(new DnsError('unreachable', `DNS server ${label} unreachable: ${why}`, label));
    });
    socket.on('close', () =>
      finish(
        new DnsError('unreachable', `${label} closed the connection before the answer was complete`, label),
      ),
    );
  });
}
