import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { answerError } from './axfr.js';
import { DnsError } from './dns-error.js';
import { type Endpoint, serverLabel, tcpExchange } from './tcp.js';
import {
  CLASS,
  type DecodedMessage,
  decodeMessage,
  encodeMessage,
  FLAG_TC,
  makeFlags,
  normalizeName,
  RCODE,
  type ResourceRecord,
  rcodeOf,
} from './wire.js';

export interface QueryOptions {
  server: Endpoint;
  name: string;
  type: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface QueryAnswer {
  rcode: number;
  /** Answer records of exactly the asked name and type (a CNAME in their place is returned too). */
  records: ResourceRecord[];
  viaTcp: boolean;
}

function udpExchange(opts: QueryOptions, wire: Buffer, id: number): Promise<Buffer> {
  const label = serverLabel(opts.server);
  const timeoutMs = opts.timeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(opts.server.host.includes(':') ? 'udp6' : 'udp4');
    let settled = false;
    const finish = (err: Error | undefined, msg?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (err) reject(err);
      else resolve(msg!);
    };
    const onAbort = () => finish(new DnsError('timeout', `query to ${label} cancelled`, label));
    const timer = setTimeout(
      () => finish(new DnsError('timeout', `no answer from ${label} within ${timeoutMs} ms`, label)),
      timeoutMs,
    );
    opts.signal?.addEventListener('abort', onAbort);
    socket.on('message', (msg) => {
      if (msg.length >= 2 && msg.readUInt16BE(0) === id) finish(undefined, msg);
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish(
        new DnsError('unreachable', `DNS server ${label} unreachable: ${err.code ?? err.message}`, label),
      ),
    );
    socket.send(wire, opts.server.port, opts.server.host);
  });
}

/** Asks one question over UDP, and again over TCP when the answer comes back truncated. */
export async function query(opts: QueryOptions): Promise<QueryAnswer> {
  const id = randomInt(0, 0x10000);
  const name = normalizeName(opts.name);
  const wire = encodeMessage({
    id,
    flags: makeFlags({}),
    questions: [{ name, type: opts.type, class: CLASS.IN }],
    answers: [],
    authorities: [],
    additionals: [],
  });
  let msg: DecodedMessage = decodeMessage(await udpExchange(opts, wire, id));
  let viaTcp = false;
  if (msg.flags & FLAG_TC) {
    viaTcp = true;
    let tcpAnswer: Buffer | undefined;
    await tcpExchange({ ...opts.server, timeoutMs: opts.timeoutMs, signal: opts.signal }, wire, (m) => {
      tcpAnswer = m;
      return true;
    });
    msg = decodeMessage(tcpAnswer!);
  }
  const rcode = rcodeOf(msg.flags);
  if (rcode !== RCODE.NOERROR && rcode !== RCODE.NXDOMAIN)
    throw answerError(`query ${name}`, rcode, 0, serverLabel(opts.server));
  const records = msg.answers.filter((rr) => normalizeName(rr.name) === name);
  return { rcode, records, viaTcp };
}
