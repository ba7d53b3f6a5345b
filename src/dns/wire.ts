import dnsPacket from 'dns-packet';

/** Record types kdeck reads and writes, by their wire number. */
export const RR = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  TSIG: 250,
  AXFR: 252,
  ANY: 255,
} as const;

export const CLASS = { IN: 1, NONE: 254, ANY: 255 } as const;

export const OPCODE = { QUERY: 0, UPDATE: 5 } as const;

export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
} as const;

const rcodeNames = new Map<number, string>(Object.entries(RCODE).map(([k, v]) => [v, k]));
const typeNames = new Map<number, string>(Object.entries(RR).map(([k, v]) => [v, k]));

export function rcodeName(code: number): string {
  return rcodeNames.get(code) ?? `RCODE${code}`;
}

export function typeName(type: number): string {
  return typeNames.get(type) ?? `TYPE${type}`;
}

export function typeNumber(name: string): number | undefined {
  return (RR as Record<string, number>)[name.toUpperCase()];
}

export interface Question {
  name: string;
  type: number;
  class: number;
}

/** A resource record with its RDATA uncompressed, so it can be re-encoded or compared byte for byte. */
export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  rdata: Buffer;
}

export interface Message {
  id: number;
  /** The 16 flag bits of the header: QR, opcode, AA, TC, RD, RA, rcode. */
  flags: number;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

/** A decoded message plus where its last additional record starts, which TSIG needs. */
export interface DecodedMessage extends Message {
  lastAdditionalOffset?: number;
}

export const FLAG_QR = 0x8000;
export const FLAG_AA = 0x0400;
export const FLAG_TC = 0x0200;
export const FLAG_RD = 0x0100;

export function opcodeOf(flags: number): number {
  return (flags >> 11) & 0xf;
}

export function rcodeOf(flags: number): number {
  return flags & 0xf;
}

export function makeFlags(opts: {
  response?: boolean;
  opcode?: number;
  aa?: boolean;
  tc?: boolean;
  rd?: boolean;
  rcode?: number;
}): number {
  return (
    (opts.response ? FLAG_QR : 0) |
    ((opts.opcode ?? 0) << 11) |
    (opts.aa ? FLAG_AA : 0) |
    (opts.tc ? FLAG_TC : 0) |
    (opts.rd ? FLAG_RD : 0) |
    ((opts.rcode ?? 0) & 0xf)
  );
}

interface NameCodec {
  encode(name: string, buf?: Buffer, offset?: number): Buffer;
  decode(buf: Buffer, offset?: number): string;
  encodingLength(name: string): number;
}
interface Codec<T> {
  encode(value: T, buf?: Buffer, offset?: number): Buffer;
  decode(buf: Buffer, offset?: number): T;
  encodingLength(value: T): number;
}
interface SoaValue {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

// @types/dns-packet leaves out the per-field codecs that the package exports.
const codecs = dnsPacket as unknown as {
  name: NameCodec & { decode: { bytes: number }; encode: { bytes: number } };
  a: Codec<string>;
  aaaa: Codec<string>;
  cname: Codec<string>;
  ns: Codec<string>;
  ptr: Codec<string>;
  txt: Codec<Buffer[] | string[]>;
  soa: Codec<SoaValue>;
};

export type SoaData = SoaValue;

/** Lower-cases and drops the trailing dot: the form names are compared in. */
export function normalizeName(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

/** A name as uncompressed wire labels, lower-cased (RFC 4034 canonical form). */
export function canonicalName(name: string): Buffer {
  const n = normalizeName(name);
  return codecs.name.encode(n === '' ? '.' : n);
}

function decodeName(buf: Buffer, offset: number): { name: string; next: number } {
  const name = codecs.name.decode(buf, offset);
  return { name: name === '.' ? '' : name, next: offset + codecs.name.decode.bytes };
}

function withLength(rdata: Buffer): Buffer {
  const b = Buffer.alloc(rdata.length + 2);
  b.writeUInt16BE(rdata.length, 0);
  rdata.copy(b, 2);
  return b;
}

function stripLength(buf: Buffer): Buffer {
  return buf.subarray(2, 2 + buf.readUInt16BE(0));
}

const nameTypes = new Set<number>([RR.CNAME, RR.NS, RR.PTR]);

/** RDATA with any compressed names expanded, read out of the whole message. */
function readRdata(type: number, msg: Buffer, offset: number, length: number): Buffer {
  if (length === 0) return Buffer.alloc(0);
  if (nameTypes.has(type)) return encodeName(decodeName(msg, offset).name);
  if (type === RR.SOA) {
    const soa = codecs.soa.decode(msg, offset - 2);
    return stripLength(codecs.soa.encode(soa));
  }
  if (type === RR.MX) {
    const pref = msg.subarray(offset, offset + 2);
    return Buffer.concat([pref, encodeName(decodeName(msg, offset + 2).name)]);
  }
  return Buffer.from(msg.subarray(offset, offset + length));
}

/** A name as uncompressed wire labels, case kept. */
function encodeName(name: string): Buffer {
  return codecs.name.encode(name === '' ? '.' : name);
}

function readRecord(buf: Buffer, offset: number): { rr: ResourceRecord; next: number } {
  const { name, next } = decodeName(buf, offset);
  if (next + 10 > buf.length) throw new Error('truncated resource record');
  const type = buf.readUInt16BE(next);
  const klass = buf.readUInt16BE(next + 2);
  const ttl = buf.readUInt32BE(next + 4);
  const len = buf.readUInt16BE(next + 8);
  const start = next + 10;
  if (start + len > buf.length) throw new Error('truncated RDATA');
  return {
    rr: { name, type, class: klass, ttl, rdata: readRdata(type, buf, start, len) },
    next: start + len,
  };
}

export function decodeMessage(buf: Buffer): DecodedMessage {
  if (buf.length < 12) throw new Error('DNS message shorter than its header');
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)];
  const msg: DecodedMessage = {
    id: buf.readUInt16BE(0),
    flags: buf.readUInt16BE(2),
    questions: [],
    answers: [],
    authorities: [],
    additionals: [],
  };
  let off = 12;
  for (let i = 0; i < counts[0]!; i++) {
    const { name, next } = decodeName(buf, off);
    msg.questions.push({ name, type: buf.readUInt16BE(next), class: buf.readUInt16BE(next + 2) });
    off = next + 4;
  }
  const sections = [msg.answers, msg.authorities, msg.additionals];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      if (s === 2) msg.lastAdditionalOffset = off;
      const { rr, next } = readRecord(buf, off);
      sections[s]!.push(rr);
      off = next;
    }
  }
  return msg;
}

function encodeRecord(rr: ResourceRecord): Buffer {
  const name = encodeName(rr.name);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(rr.type, 0);
  fixed.writeUInt16BE(rr.class, 2);
  fixed.writeUInt32BE(rr.ttl >>> 0, 4);
  fixed.writeUInt16BE(rr.rdata.length, 8);
  return Buffer.concat([name, fixed, rr.rdata]);
}

/** Encodes without name compression: simple, and what TSIG digests expect anyway. */
export function encodeMessage(msg: Message): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.id, 0);
  header.writeUInt16BE(msg.flags, 2);
  header.writeUInt16BE(msg.questions.length, 4);
  header.writeUInt16BE(msg.answers.length, 6);
  header.writeUInt16BE(msg.authorities.length, 8);
  header.writeUInt16BE(msg.additionals.length, 10);
  const parts: Buffer[] = [header];
  for (const q of msg.questions) {
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(q.type, 0);
    tail.writeUInt16BE(q.class, 2);
    parts.push(encodeName(q.name), tail);
  }
  for (const rr of [...msg.answers, ...msg.authorities, ...msg.additionals]) parts.push(encodeRecord(rr));
  return Buffer.concat(parts);
}

/** The value of a record as text: an address, a name, TXT strings joined, or SOA fields. */
export type RecordValue = string | string[] | SoaData;

export function encodeRdata(type: number, value: RecordValue): Buffer {
  switch (type) {
    case RR.A:
      return stripLength(codecs.a.encode(value as string));
    case RR.AAAA:
      return stripLength(codecs.aaaa.encode(value as string));
    case RR.CNAME:
    case RR.NS:
    case RR.PTR:
      return encodeName(normalizeName(value as string));
    case RR.TXT:
      return stripLength(codecs.txt.encode(Array.isArray(value) ? value : [value as string]));
    case RR.SOA:
      return stripLength(codecs.soa.encode(value as SoaData));
    default:
      throw new Error(`cannot encode RDATA of ${typeName(type)}`);
  }
}

export function decodeRdata(type: number, rdata: Buffer): RecordValue {
  switch (type) {
    case RR.A:
      return codecs.a.decode(withLength(rdata));
    case RR.AAAA:
      return codecs.aaaa.decode(withLength(rdata));
    case RR.CNAME:
    case RR.NS:
    case RR.PTR:
      return decodeName(rdata, 0).name;
    case RR.TXT:
      return (codecs.txt.decode(withLength(rdata)) as Buffer[]).map((b) => b.toString('utf8'));
    case RR.SOA:
      return codecs.soa.decode(withLength(rdata));
    default:
      return rdata.toString('hex');
  }
}

/** A record's value as one display string: TXT strings concatenated, as resolvers hand them to apps. */
export function rdataText(type: number, rdata: Buffer): string {
  const v = decodeRdata(type, rdata);
  if (Array.isArray(v)) return v.join('');
  if (typeof v === 'string') return v;
  return `${v.mname} ${v.rname} ${v.serial} ${v.refresh} ${v.retry} ${v.expire} ${v.minimum}`;
}

export function record(
  name: string,
  type: number,
  ttl: number,
  value: RecordValue,
  klass: number = CLASS.IN,
): ResourceRecord {
  return { name: normalizeName(name), type, class: klass, ttl, rdata: encodeRdata(type, value) };
}
