import dgram from 'node:dgram';
import net from 'node:net';
import { frame, TcpFramer } from './tcp.js';
import {
  appendTsig,
  decodeTsigRdata,
  findTsig,
  makeTsigKey,
  signMessage,
  TSIG_ERROR,
  type TsigKey,
  verifyMessage,
} from './tsig.js';
import {
  CLASS,
  type DecodedMessage,
  decodeMessage,
  decodeRdata,
  encodeMessage,
  FLAG_RD,
  type Message,
  makeFlags,
  normalizeName,
  OPCODE,
  opcodeOf,
  RCODE,
  type RecordValue,
  type ResourceRecord,
  RR,
  record,
  type SoaData,
  typeNumber,
} from './wire.js';

export interface DnsServerRecord {
  /** Relative to the zone (`www`, `@`) or absolute (`www.example.test.`). */
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'NS';
  ttl?: number;
  value: string | string[];
}

export interface DnsServerZone {
  name: string;
  records?: DnsServerRecord[];
}

export interface DnsServerKey {
  name: string;
  algorithm: string;
  /** base64, as tsig-keygen prints it. */
  secret: string;
}

export interface DnsServerOptions {
  host?: string;
  /** 0 or unset picks a free port; UDP and TCP share it. */
  port?: number;
  zones: DnsServerZone[];
  keys: DnsServerKey[];
  /** Records per AXFR message, small enough that a demo zone already spans several signed messages. */
  axfrChunk?: number;
}

export interface DnsServer {
  host: string;
  port: number;
  /** Current records of a zone, SOA first: what an AXFR would return. */
  records(zone: string): ResourceRecord[];
  stop(): Promise<void>;
}

interface Zone {
  name: string;
  soa: SoaData;
  records: ResourceRecord[];
}

function absolute(name: string, zone: string): string {
  if (name === '@' || name === '') return zone;
  if (name.endsWith('.')) return normalizeName(name);
  return `${normalizeName(name)}.${zone}`;
}

function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

function sameRecord(a: ResourceRecord, b: ResourceRecord): boolean {
  return a.type === b.type && normalizeName(a.name) === normalizeName(b.name) && rdataKey(a) === rdataKey(b);
}

// Names inside RDATA compare case-insensitively; everything else byte for byte.
function rdataKey(rr: ResourceRecord): string {
  if (rr.type === RR.CNAME || rr.type === RR.NS) return String(decodeRdata(rr.type, rr.rdata)).toLowerCase();
  return rr.rdata.toString('hex');
}

/** The authoritative side of kdeck's demo: A/AAAA/CNAME/TXT/SOA/NS, AXFR and UPDATE behind TSIG. */
class AuthoritativeServer {
  private readonly zones: Zone[];
  private readonly keys: TsigKey[];
  private readonly chunk: number;

  constructor(opts: DnsServerOptions) {
    this.keys = opts.keys.map((k) => makeTsigKey(k.name, k.algorithm, k.secret));
    this.chunk = Math.max(1, opts.axfrChunk ?? 40);
    this.zones = opts.zones.map((z) => {
      const name = normalizeName(z.name);
      const records: ResourceRecord[] = [record(name, RR.NS, 3600, `ns.${name}`)];
      for (const r of z.records ?? []) {
        const type = typeNumber(r.type)!;
        const value: RecordValue =
          r.type === 'TXT' ? (Array.isArray(r.value) ? r.value : [r.value]) : String(r.value);
        records.push(record(absolute(r.name, name), type, r.ttl ?? 300, value));
      }
      const soa: SoaData = {
        mname: `ns.${name}`,
        rname: `hostmaster.${name}`,
        serial: 1,
        refresh: 3600,
        retry: 600,
        expire: 86400,
        minimum: 60,
      };
      return { name, soa, records };
    });
  }

  records(zone: string): ResourceRecord[] {
    const z = this.zones.find((x) => x.name === normalizeName(zone));
    if (!z) return [];
    return [record(z.name, RR.SOA, 3600, z.soa), ...z.records];
  }

  private zoneFor(name: string): Zone | undefined {
    const n = normalizeName(name);
    return this.zones.filter((z) => inZone(n, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
  }

  /** Answers one request; a TCP AXFR may produce several messages. */
  handle(wire: Buffer, tcp: boolean): Buffer[] {
    let req: DecodedMessage;
    try {
      req = decodeMessage(wire);
    } catch {
      if (wire.length < 12) return [];
      return [this.bare(wire.readUInt16BE(0), 0, RCODE.FORMERR)];
    }
    const tsigRr = findTsig(req);
    let key: TsigKey | undefined;
    let requestMac: Buffer | undefined;
    if (tsigRr) {
      const tsig = decodeTsigRdata(tsigRr.rdata);
      key = this.keys.find((k) => normalizeName(k.name) === normalizeName(tsigRr.name));
      const base = this.responseBase(req);
      if (!key)
        return [
          appendTsig(encodeMessage({ ...base, flags: base.flags | RCODE.NOTAUTH }), tsigRr.name, {
            ...tsig,
            mac: Buffer.alloc(0),
            error: TSIG_ERROR.BADKEY,
            other: Buffer.alloc(0),
          }),
        ];
      const verdict = verifyMessage(wire, key, { message: req });
      if (!verdict.ok) {
        const error =
          verdict.error === 'BADTIME'
            ? TSIG_ERROR.BADTIME
            : verdict.error === 'BADKEY'
              ? TSIG_ERROR.BADKEY
              : TSIG_ERROR.BADSIG;
        return [
          appendTsig(encodeMessage({ ...base, flags: base.flags | RCODE.NOTAUTH }), tsigRr.name, {
            ...tsig,
            mac: Buffer.alloc(0),
            error,
            other: Buffer.alloc(0),
          }),
        ];
      }
      requestMac = verdict.mac;
    }
    const sign = (msgs: Message[]): Buffer[] => {
      let prior = requestMac;
      return msgs.map((m, i) => {
        const raw = encodeMessage(m);
        if (!key) return raw;
        const s = signMessage(raw, key, { priorMac: prior, timersOnly: i > 0 });
        prior = s.mac;
        return s.wire;
      });
    };
    const op = opcodeOf(req.flags);
    const q = req.questions[0];
    if (!q) return sign([{ ...this.responseBase(req), flags: this.responseBase(req).flags | RCODE.FORMERR }]);
    if (op === OPCODE.UPDATE) return sign([this.update(req, key !== undefined)]);
    if (op !== OPCODE.QUERY) return sign([this.fail(req, RCODE.NOTIMP)]);
    if (q.type === RR.AXFR) {
      if (!tcp || !key) return sign([this.fail(req, RCODE.REFUSED)]);
      return sign(this.transfer(req));
    }
    return sign([this.answer(req)]);
  }

  private responseBase(req: DecodedMessage): Message {
    return {
      id: req.id,
      flags: makeFlags({ response: true, opcode: opcodeOf(req.flags), aa: true }) | (req.flags & FLAG_RD),
      questions: req.questions.slice(0, 1),
      answers: [],
      authorities: [],
      additionals: [],
    };
  }

  private bare(id: number, opcode: number, rcode: number): Buffer {
    return encodeMessage({
      id,
      flags: makeFlags({ response: true, opcode, rcode }),
      questions: [],
      answers: [],
      authorities: [],
      additionals: [],
    });
  }

  private fail(req: DecodedMessage, rcode: number): Message {
    const base = this.responseBase(req);
    return { ...base, flags: (base.flags & ~0x0400) | rcode };
  }

  private answer(req: DecodedMessage): Message {
    const q = req.questions[0]!;
    const zone = this.zoneFor(q.name);
    if (!zone) return this.fail(req, RCODE.REFUSED);
    const name = normalizeName(q.name);
    const all = this.records(zone.name);
    const atName = all.filter((r) => normalizeName(r.name) === name);
    const base = this.responseBase(req);
    const soa = all[0]!;
    if (atName.length === 0) {
      const below = all.some((r) => normalizeName(r.name).endsWith(`.${name}`));
      return { ...base, flags: base.flags | (below ? 0 : RCODE.NXDOMAIN), authorities: [soa] };
    }
    let answers = atName.filter((r) => q.type === RR.ANY || r.type === q.type);
    if (answers.length === 0) answers = atName.filter((r) => r.type === RR.CNAME);
    return { ...base, answers, authorities: answers.length === 0 ? [soa] : [] };
  }

  private transfer(req: DecodedMessage): Message[] {
    const q = req.questions[0]!;
    const zone = this.zones.find((z) => z.name === normalizeName(q.name));
    if (!zone) return [this.fail(req, RCODE.NOTAUTH)];
    const all = this.records(zone.name);
    const stream = [...all, all[0]!];
    const out: Message[] = [];
    for (let i = 0; i < stream.length; i += this.chunk) {
      out.push({ ...this.responseBase(req), answers: stream.slice(i, i + this.chunk) });
    }
    return out;
  }

  private prerequisitesHold(zone: Zone, prereqs: ResourceRecord[]): number {
    const all = this.records(zone.name);
    for (const p of prereqs) {
      const name = normalizeName(p.name);
      if (!inZone(name, zone.name)) return RCODE.NOTZONE;
      const here = all.filter((r) => normalizeName(r.name) === name);
      if (p.class === CLASS.ANY && p.type === RR.ANY && here.length === 0) return RCODE.NXDOMAIN;
      if (p.class === CLASS.ANY && p.type !== RR.ANY && !here.some((r) => r.type === p.type))
        return RCODE.NXRRSET;
      if (p.class === CLASS.NONE && p.type === RR.ANY && here.length > 0) return RCODE.YXDOMAIN;
      if (p.class === CLASS.NONE && p.type !== RR.ANY && here.some((r) => r.type === p.type))
        return RCODE.YXRRSET;
      if (p.class === CLASS.IN && !here.some((r) => sameRecord(r, p))) return RCODE.NXRRSET;
    }
    return RCODE.NOERROR;
  }

  private update(req: DecodedMessage, signed: boolean): Message {
    if (!signed) return this.fail(req, RCODE.REFUSED);
    const q = req.questions[0]!;
    const zone = this.zones.find((z) => z.name === normalizeName(q.name));
    if (!zone || q.type !== RR.SOA) return this.fail(req, RCODE.NOTAUTH);
    const pre = this.prerequisitesHold(zone, req.answers);
    if (pre !== RCODE.NOERROR) return this.fail(req, pre);
    for (const u of req.authorities) {
      if (!inZone(normalizeName(u.name), zone.name)) return this.fail(req, RCODE.NOTZONE);
      if (u.class !== CLASS.IN && u.class !== CLASS.ANY && u.class !== CLASS.NONE)
        return this.fail(req, RCODE.FORMERR);
    }
    const before = zone.records.length;
    let changed = false;
    for (const u of req.authorities) {
      const name = normalizeName(u.name);
      const apexGuard = (r: ResourceRecord) => name === zone.name && (r.type === RR.NS || r.type === RR.SOA);
      if (u.class === CLASS.IN) {
        if (u.type === RR.SOA) continue;
        const rr = { ...u, name };
        const same = zone.records.findIndex((r) => sameRecord(r, rr));
        if (same >= 0) {
          if (zone.records[same]!.ttl !== rr.ttl) {
            zone.records[same] = rr;
            changed = true;
          }
          continue;
        }
        // A new TTL applies to the whole RRset, as in BIND.
        for (const r of zone.records)
          if (normalizeName(r.name) === name && r.type === rr.type) r.ttl = rr.ttl;
        zone.records.push(rr);
        changed = true;
      } else if (u.class === CLASS.ANY) {
        zone.records = zone.records.filter(
          (r) => normalizeName(r.name) !== name || (u.type !== RR.ANY && r.type !== u.type) || apexGuard(r),
        );
      } else {
        zone.records = zone.records.filter((r) => !(sameRecord(r, { ...u, name }) && !apexGuard(r)));
      }
    }
    if (changed || zone.records.length !== before)
      zone.soa = { ...zone.soa, serial: (zone.soa.serial + 1) >>> 0 };
    return this.responseBase(req);
  }
}

/** Starts the embedded authoritative server on UDP and TCP at one port. */
export async function startDnsServer(opts: DnsServerOptions): Promise<DnsServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = new AuthoritativeServer(opts);
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    const framer = new TcpFramer();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const msg of framer.push(chunk))
          for (const out of server.handle(msg, true)) socket.write(frame(out));
      } catch {
        // A message kdeck cannot even answer with FORMERR: drop the connection, keep serving others.
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  const makeUdp = () => {
    const udp = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    udp.on('message', (msg, rinfo) => {
      let answers: Buffer[];
      try {
        answers = server.handle(msg, false);
      } catch {
        return;
      }
      for (let out of answers) {
        // Over UDP a long answer is cut to its header and question with TC set, so the client retries over TCP.
        if (out.length > 512) {
          const req = decodeMessage(msg);
          out = encodeMessage({
            id: req.id,
            flags: makeFlags({ response: true, aa: true, tc: true }),
            questions: req.questions,
            answers: [],
            authorities: [],
            additionals: [],
          });
        }
        udp.send(out, rinfo.port, rinfo.address);
      }
    });
    return udp;
  };
  let port = 0;
  let udp: dgram.Socket | undefined;
  // TCP picks a free port and UDP takes the same number; if UDP finds it taken, try another.
  for (let attempt = 0; udp === undefined; attempt++) {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(opts.port ?? 0, host, () => resolve());
    });
    port = (tcp.address() as net.AddressInfo).port;
    const candidate = makeUdp();
    try {
      await new Promise<void>((resolve, reject) => {
        candidate.once('error', reject);
        candidate.bind(port, host, () => resolve());
      });
      udp = candidate;
    } catch (err) {
      try {
        candidate.close();
      } catch {
        // never bound: nothing to close
      }
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (opts.port || attempt >= 4) throw err;
    }
  }
  const bound = udp;
  return {
    host,
    port,
    records: (zone) => server.records(zone),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        bound.close(() => tcp.close(() => resolve()));
      }),
  };
}
