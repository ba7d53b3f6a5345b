import { randomInt } from 'node:crypto';
import { DnsError } from './dns-error.js';
import { type Endpoint, serverLabel, tcpExchange } from './tcp.js';
import {
  decodeTsigRdata,
  findTsig,
  signMessage,
  type TsigKey,
  tsigErrorName,
  verifyMessage,
} from './tsig.js';
import {
  CLASS,
  decodeMessage,
  decodeRdata,
  encodeMessage,
  makeFlags,
  normalizeName,
  RCODE,
  type ResourceRecord,
  RR,
  rcodeName,
  rcodeOf,
  type SoaData,
} from './wire.js';

export interface AxfrOptions {
  server: Endpoint;
  zone: string;
  /** Without a key the transfer is unsigned, which BIND refuses when transfers need a key. */
  key?: TsigKey;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ZoneTransfer {
  zone: string;
  serial: number;
  /** Every record of the zone, the closing SOA left out. */
  records: ResourceRecord[];
  /** How many DNS messages the server used; each was verified when a key was given. */
  messages: number;
  signed: boolean;
}

/** Maps an error answer (rcode plus any TSIG error) to a DnsError that says what to do. */
export function answerError(what: string, rcode: number, tsigError: number, server: string): DnsError {
  if (tsigError === 17)
    return new DnsError(
      'badkey',
      `${what}: ${server} does not know the TSIG key (BADKEY); check the key name and algorithm`,
      server,
    );
  if (tsigError === 16)
    return new DnsError(
      'badsig',
      `${what}: ${server} rejected the signature (BADSIG); the TSIG secret is wrong`,
      server,
    );
  if (tsigError === 18)
    return new DnsError(
      'badtime',
      `${what}: ${server} rejected the signing time (BADTIME); check the clocks`,
      server,
    );
  if (tsigError !== 0)
    return new DnsError('badsig', `${what}: ${server} answered ${tsigErrorName(tsigError)}`, server);
  switch (rcode) {
    case RCODE.REFUSED:
      return new DnsError(
        'refused',
        `${what} refused by ${server}: REFUSED (not allowed for this key or address)`,
        server,
      );
    case RCODE.NOTAUTH:
      return new DnsError(
        'notauth',
        `${what} refused by ${server}: NOTAUTH (the server is not authoritative for it, or the key is not accepted)`,
        server,
      );
    case RCODE.NXDOMAIN:
      return new DnsError('nxdomain', `${what}: ${server} answered NXDOMAIN (no such zone)`, server);
    case RCODE.SERVFAIL:
      return new DnsError('servfail', `${what}: ${server} answered SERVFAIL (zone not loaded?)`, server);
    default:
      return new DnsError('rcode', `${what}: ${server} answered ${rcodeName(rcode)}`, server);
  }
}

/** Transfers a whole zone over TCP, verifying the TSIG chain of every message (RFC 8945 §5.3.1). */
export async function axfr(opts: AxfrOptions): Promise<ZoneTransfer> {
  const zone = normalizeName(opts.zone);
  const label = serverLabel(opts.server);
  const what = `AXFR of ${zone}`;
  const id = randomInt(0, 0x10000);
  let request = encodeMessage({
    id,
    flags: makeFlags({ opcode: 0 }),
    questions: [{ name: zone, type: RR.AXFR, class: CLASS.IN }],
    answers: [],
    authorities: [],
    additionals: [],
  });
  let priorMac: Buffer | undefined;
  if (opts.key) {
    const signed = signMessage(request, opts.key);
    request = signed.wire;
    priorMac = signed.mac;
  }
  const records: ResourceRecord[] = [];
  let serial = -1;
  let messages = 0;
  let unsigned: Buffer[] = [];
  let done = false;
  await tcpExchange({ ...opts.server, timeoutMs: opts.timeoutMs, signal: opts.signal }, request, (wire) => {
    const msg = decodeMessage(wire);
    if (msg.id !== id)
      throw new DnsError('formerr', `${what}: ${label} answered with a different message id`, label);
    messages++;
    const tsigRr = findTsig(msg);
    const rcode = rcodeOf(msg.flags);
    if (rcode !== RCODE.NOERROR) {
      const tsigError = tsigRr ? decodeTsigRdata(tsigRr.rdata).error : 0;
      throw answerError(what, rcode, tsigError, label);
    }
    if (opts.key) {
      if (!tsigRr) {
        if (messages === 1)
          throw new DnsError(
            'unsigned',
            `${what}: ${label} sent an unsigned answer to a signed request`,
            label,
          );
        unsigned.push(wire);
        if (unsigned.length > 99)
          throw new DnsError(
            'unsigned',
            `${what}: more than 99 unsigned messages in a row from ${label}`,
            label,
          );
      } else {
        const verdict = verifyMessage(wire, opts.key, {
          priorMac,
          timersOnly: messages > 1,
          unsignedSince: unsigned,
          message: msg,
        });
        if (!verdict.ok) {
          const code =
            verdict.error === 'BADTIME' ? 'badtime' : verdict.error === 'BADKEY' ? 'badkey' : 'badsig';
          throw new DnsError(
            code,
            `${what}: answer from ${label} failed TSIG verification (${verdict.error}): ${verdict.detail}`,
            label,
          );
        }
        priorMac = verdict.mac;
        unsigned = [];
      }
    }
    for (const rr of msg.answers) {
      if (rr.type === RR.SOA) {
        if (serial < 0) {
          serial = (decodeRdata(RR.SOA, rr.rdata) as SoaData).serial;
          records.push(rr);
          continue;
        }
        done = true;
        break;
      }
      if (serial < 0)
        throw new DnsError('formerr', `${what}: ${label} did not start the transfer with the SOA`, label);
      records.push(rr);
    }
    if (done && opts.key && unsigned.length > 0)
      throw new DnsError('unsigned', `${what}: the last message from ${label} is not signed`, label);
    return done;
  });
  return { zone, serial, records, messages, signed: opts.key !== undefined };
}
