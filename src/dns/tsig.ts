// Hand-written: no npm package signs DNS messages with TSIG (dns-packet has no TSIG RR codec or MAC logic).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CLASS, canonicalName, type DecodedMessage, decodeMessage, type ResourceRecord, RR } from './wire.js';

export type TsigAlgorithm = 'hmac-sha1' | 'hmac-sha224' | 'hmac-sha256' | 'hmac-sha384' | 'hmac-sha512';

const hashes: Record<TsigAlgorithm, string> = {
  'hmac-sha1': 'sha1',
  'hmac-sha224': 'sha224',
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};

export const TSIG_ERROR = { NOERROR: 0, BADSIG: 16, BADKEY: 17, BADTIME: 18, BADTRUNC: 22 } as const;

export function tsigErrorName(code: number): string {
  for (const [k, v] of Object.entries(TSIG_ERROR)) if (v === code) return k;
  return `TSIG error ${code}`;
}

/** A TSIG key. The secret is raw bytes and must never reach a log, an error or the screen. */
export interface TsigKey {
  name: string;
  algorithm: TsigAlgorithm;
  secret: Buffer;
}

/** Accepts the names BIND, external-dns and miekg/dns use: `hmac-sha256`, `hmac-sha256.`, `HMACSHA256`. */
export function parseTsigAlgorithm(text: string): TsigAlgorithm | undefined {
  const t = text
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^hmacsha/, 'hmac-sha');
  return t in hashes ? (t as TsigAlgorithm) : undefined;
}

export function makeTsigKey(name: string, algorithm: string, secretBase64: string): TsigKey {
  const alg = parseTsigAlgorithm(algorithm);
  if (!alg)
    throw new Error(`unsupported TSIG algorithm "${algorithm}" (use hmac-sha1, hmac-sha256 or hmac-sha512)`);
  const secret = Buffer.from(secretBase64.trim(), 'base64');
  if (secret.length === 0) throw new Error(`TSIG key "${name}" has an empty or non-base64 secret`);
  return { name, algorithm: alg, secret };
}

export interface TsigRdata {
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  other: Buffer;
}

export function encodeTsigRdata(t: TsigRdata): Buffer {
  const alg = canonicalName(t.algorithm);
  const b = Buffer.alloc(alg.length + 10 + t.mac.length + 6 + t.other.length);
  let o = alg.copy(b, 0);
  b.writeUIntBE(t.timeSigned, o, 6);
  b.writeUInt16BE(t.fudge, o + 6);
  b.writeUInt16BE(t.mac.length, o + 8);
  o += 10;
  o += t.mac.copy(b, o);
  b.writeUInt16BE(t.originalId, o);
  b.writeUInt16BE(t.error, o + 2);
  b.writeUInt16BE(t.other.length, o + 4);
  t.other.copy(b, o + 6);
  return b;
}

export function decodeTsigRdata(rdata: Buffer): TsigRdata {
  const labels: string[] = [];
  let o = 0;
  while (rdata[o] !== 0) {
    const len = rdata[o]!;
    labels.push(rdata.subarray(o + 1, o + 1 + len).toString('ascii'));
    o += len + 1;
    if (o >= rdata.length) throw new Error('TSIG algorithm name runs past its record');
  }
  o += 1;
  const timeSigned = rdata.readUIntBE(o, 6);
  const fudge = rdata.readUInt16BE(o + 6);
  const macLen = rdata.readUInt16BE(o + 8);
  o += 10;
  const mac = Buffer.from(rdata.subarray(o, o + macLen));
  o += macLen;
  const originalId = rdata.readUInt16BE(o);
  const error = rdata.readUInt16BE(o + 2);
  const otherLen = rdata.readUInt16BE(o + 4);
  const other = Buffer.from(rdata.subarray(o + 6, o + 6 + otherLen));
  return { algorithm: labels.join('.'), timeSigned, fudge, mac, originalId, error, other };
}

function macLength(prior: Buffer | undefined): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(prior?.length ?? 0, 0);
  return b;
}

/** The TSIG variables of RFC 8945 §4.3.3; `timersOnly` for the later messages of a multi-message answer. */
function tsigVariables(key: TsigKey, t: TsigRdata, timersOnly: boolean): Buffer {
  const timers = Buffer.alloc(8);
  timers.writeUIntBE(t.timeSigned, 0, 6);
  timers.writeUInt16BE(t.fudge, 6);
  if (timersOnly) return timers;
  const classTtl = Buffer.alloc(6);
  classTtl.writeUInt16BE(CLASS.ANY, 0);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(t.error, 0);
  tail.writeUInt16BE(t.other.length, 2);
  return Buffer.concat([
    canonicalName(key.name),
    classTtl,
    canonicalName(t.algorithm),
    timers,
    tail,
    t.other,
  ]);
}

function hmac(key: TsigKey, parts: Buffer[]): Buffer {
  const h = createHmac(hashes[key.algorithm], key.secret);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The message bytes as they were before the TSIG record: ARCOUNT less one, the original ID. */
function unsignedBytes(wire: Buffer, tsigOffset: number, originalId: number): Buffer {
  const b = Buffer.from(wire.subarray(0, tsigOffset));
  b.writeUInt16BE(originalId, 0);
  b.writeUInt16BE(b.readUInt16BE(10) - 1, 10);
  return b;
}

export interface SignOptions {
  /** The request's MAC when signing a response; the previous message's MAC for later messages. */
  priorMac?: Buffer;
  /** Later messages of a multi-message answer digest only the timers (RFC 8945 §5.3.1). */
  timersOnly?: boolean;
  /** Messages since the last signed one, when not every message is signed. */
  unsignedSince?: Buffer[];
  now?: number;
  error?: number;
  fudge?: number;
}

/** Appends a TSIG record to an encoded message; returns the signed bytes and its MAC for chaining. */
export function signMessage(
  wire: Buffer,
  key: TsigKey,
  opts: SignOptions = {},
): { wire: Buffer; mac: Buffer } {
  const t: TsigRdata = {
    algorithm: `${key.algorithm}.`,
    timeSigned: Math.floor((opts.now ?? Date.now()) / 1000),
    fudge: opts.fudge ?? 300,
    mac: Buffer.alloc(0),
    originalId: wire.readUInt16BE(0),
    error: opts.error ?? 0,
    other: Buffer.alloc(0),
  };
  const prior = opts.priorMac ? [macLength(opts.priorMac), opts.priorMac] : [];
  t.mac = hmac(key, [
    ...prior,
    ...(opts.unsignedSince ?? []),
    wire,
    tsigVariables(key, t, opts.timersOnly ?? false),
  ]);
  return { wire: appendTsig(wire, key.name, t), mac: t.mac };
}

/** Adds a TSIG RR (signed or not, e.g. a BADKEY answer with an empty MAC) to an encoded message. */
export function appendTsig(wire: Buffer, keyName: string, t: TsigRdata): Buffer {
  const name = canonicalName(keyName);
  const rdata = encodeTsigRdata(t);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(RR.TSIG, 0);
  fixed.writeUInt16BE(CLASS.ANY, 2);
  fixed.writeUInt32BE(0, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  const out = Buffer.concat([wire, name, fixed, rdata]);
  out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
  return out;
}

export type TsigVerdict =
  | { ok: true; mac: Buffer; tsig: TsigRdata; message: DecodedMessage }
  | {
      ok: false;
      error: 'unsigned' | 'BADKEY' | 'BADSIG' | 'BADTIME' | 'FORMERR';
      detail: string;
      tsig?: TsigRdata;
      message?: DecodedMessage;
    };

export interface VerifyOptions extends Omit<SignOptions, 'error' | 'fudge'> {
  /** Where the TSIG record starts, when the caller already decoded the message. */
  message?: DecodedMessage;
}

/** The TSIG record of a message, if its last additional record is one. */
export function findTsig(message: DecodedMessage): ResourceRecord | undefined {
  const last = message.additionals.at(-1);
  return last && last.type === RR.TSIG ? last : undefined;
}

/** Checks a signed message against a key: name, algorithm, MAC (RFC 8945 §5.2) and time window. */
export function verifyMessage(wire: Buffer, key: TsigKey, opts: VerifyOptions = {}): TsigVerdict {
  let message: DecodedMessage;
  try {
    message = opts.message ?? decodeMessage(wire);
  } catch (err) {
    return { ok: false, error: 'FORMERR', detail: `malformed message: ${(err as Error).message}` };
  }
  const rr = findTsig(message);
  if (!rr || message.lastAdditionalOffset === undefined)
    return { ok: false, error: 'unsigned', detail: 'message carries no TSIG record', message };
  let tsig: TsigRdata;
  try {
    tsig = decodeTsigRdata(rr.rdata);
  } catch (err) {
    return {
      ok: false,
      error: 'FORMERR',
      detail: `malformed TSIG record: ${(err as Error).message}`,
      message,
    };
  }
  const sameKey = rr.name.toLowerCase().replace(/\.$/, '') === key.name.toLowerCase().replace(/\.$/, '');
  if (!sameKey || parseTsigAlgorithm(tsig.algorithm) !== key.algorithm) {
    return {
      ok: false,
      error: 'BADKEY',
      detail: `signed with key "${rr.name}" (${tsig.algorithm}), expected "${key.name}" (${key.algorithm})`,
      tsig,
      message,
    };
  }
  if (tsig.error !== 0 && tsig.mac.length === 0) {
    return {
      ok: false,
      error:
        tsig.error === TSIG_ERROR.BADTIME
          ? 'BADTIME'
          : tsig.error === TSIG_ERROR.BADKEY
            ? 'BADKEY'
            : 'BADSIG',
      detail: `the server reports ${tsigErrorName(tsig.error)}`,
      tsig,
      message,
    };
  }
  const prior = opts.priorMac ? [macLength(opts.priorMac), opts.priorMac] : [];
  const expected = hmac(key, [
    ...prior,
    ...(opts.unsignedSince ?? []),
    unsignedBytes(wire, message.lastAdditionalOffset, tsig.originalId),
    tsigVariables(key, tsig, opts.timersOnly ?? false),
  ]);
  const minLen = Math.max(10, expected.length / 2);
  if (
    tsig.mac.length < minLen ||
    tsig.mac.length > expected.length ||
    !timingSafeEqual(tsig.mac, expected.subarray(0, tsig.mac.length))
  ) {
    return {
      ok: false,
      error: 'BADSIG',
      detail: 'the MAC does not match: wrong secret or altered message',
      tsig,
      message,
    };
  }
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - tsig.timeSigned) > tsig.fudge) {
    return {
      ok: false,
      error: 'BADTIME',
      detail: `signed at ${tsig.timeSigned}, ${now - tsig.timeSigned}s away from now (fudge ${tsig.fudge}s)`,
      tsig,
      message,
    };
  }
  return { ok: true, mac: tsig.mac, tsig, message };
}

/** A fresh base64 secret of the digest's length, as `tsig-keygen -a hmac-sha256` makes. */
export function generateTsigSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64');
}
