import { randomInt } from 'node:crypto';
import { answerError } from './axfr.js';
import { DnsError } from './dns-error.js';
import { type Endpoint, serverLabel, tcpExchange } from './tcp.js';
import { decodeTsigRdata, findTsig, signMessage, type TsigKey, verifyMessage } from './tsig.js';
import {
  CLASS,
  decodeMessage,
  encodeMessage,
  makeFlags,
  normalizeName,
  OPCODE,
  RCODE,
  type ResourceRecord,
  RR,
  rcodeOf,
} from './wire.js';

/** One change of an RFC 2136 update, in the order the server applies them. */
export type UpdateOp =
  | { op: 'add'; record: ResourceRecord }
  /** Deletes every record of that name and type. */
  | { op: 'delete-rrset'; name: string; type: number }
  /** Deletes one record, matched on its RDATA. */
  | { op: 'delete-record'; record: ResourceRecord }
  | { op: 'delete-name'; name: string };

export interface UpdateOptions {
  server: Endpoint;
  zone: string;
  key?: TsigKey;
  ops: UpdateOp[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

function toRecord(op: UpdateOp): ResourceRecord {
  switch (op.op) {
    case 'add':
      return { ...op.record, class: CLASS.IN };
    case 'delete-rrset':
      return {
        name: normalizeName(op.name),
        type: op.type,
        class: CLASS.ANY,
        ttl: 0,
        rdata: Buffer.alloc(0),
      };
    case 'delete-record':
      return { ...op.record, class: CLASS.NONE, ttl: 0 };
    case 'delete-name':
      return { name: normalizeName(op.name), type: RR.ANY, class: CLASS.ANY, ttl: 0, rdata: Buffer.alloc(0) };
  }
}

/** Sends one TSIG-signed UPDATE over TCP and checks the signed answer. */
export async function sendUpdate(opts: UpdateOptions): Promise<void> {
  const zone = normalizeName(opts.zone);
  const label = serverLabel(opts.server);
  const what = `UPDATE of ${zone}`;
  const id = randomInt(0, 0x10000);
  let wire = encodeMessage({
    id,
    flags: makeFlags({ opcode: OPCODE.UPDATE }),
    questions: [{ name: zone, type: RR.SOA, class: CLASS.IN }],
    answers: [],
    authorities: opts.ops.map(toRecord),
    additionals: [],
  });
  let mac: Buffer | undefined;
  if (opts.key) ({ wire, mac } = signMessage(wire, opts.key));
  let answer: Buffer | undefined;
  await tcpExchange({ ...opts.server, timeoutMs: opts.timeoutMs, signal: opts.signal }, wire, (m) => {
    answer = m;
    return true;
  });
  const msg = decodeMessage(answer!);
  const tsigRr = findTsig(msg);
  const rcode = rcodeOf(msg.flags);
  if (rcode !== RCODE.NOERROR)
    throw answerError(what, rcode, tsigRr ? decodeTsigRdata(tsigRr.rdata).error : 0, label);
  if (opts.key) {
    const verdict = verifyMessage(answer!, opts.key, { priorMac: mac, message: msg });
    if (!verdict.ok)
      throw new DnsError(
        'badsig',
        `${what}: answer from ${label} failed TSIG verification (${verdict.error}): ${verdict.detail}`,
        label,
      );
  }
}
