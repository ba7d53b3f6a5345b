import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';

/** The SPDY/3 header compression dictionary (draft-mbelshe-httpbis-spdy-00, section 2.6.10.1). */
const DICTIONARY = Buffer.from(
  'AAAAB29wdGlvbnMAAAAEaGVhZAAAAARwb3N0AAAAA3B1dAAAAAZkZWxldGUAAAAFdHJhY2UAAAAGYWNjZXB0AAAADmFjY2VwdC1jaGFyc2V0AAAAD2FjY2VwdC1lbmNvZGluZwAAAA9hY2NlcHQtbGFuZ3VhZ2UAAAANYWNjZXB0LXJhbmdlcwAAAANhZ2UAAAAFYWxsb3cAAAANYXV0aG9yaXphdGlvbgAAAA1jYWNoZS1jb250cm9sAAAACmNvbm5lY3Rpb24AAAAMY29udGVudC1iYXNlAAAAEGNvbnRlbnQtZW5jb2RpbmcAAAAQY29udGVudC1sYW5ndWFnZQAAAA5jb250ZW50LWxlbmd0aAAAABBjb250ZW50LWxvY2F0aW9uAAAAC2NvbnRlbnQtbWQ1AAAADWNvbnRlbnQtcmFuZ2UAAAAMY29udGVudC10eXBlAAAABGRhdGUAAAAEZXRhZwAAAAZleHBlY3QAAAAHZXhwaXJlcwAAAARmcm9tAAAABGhvc3QAAAAIaWYtbWF0Y2gAAAARaWYtbW9kaWZpZWQtc2luY2UAAAANaWYtbm9uZS1tYXRjaAAAAAhpZi1yYW5nZQAAABNpZi11bm1vZGlmaWVkLXNpbmNlAAAADWxhc3QtbW9kaWZpZWQAAAAIbG9jYXRpb24AAAAMbWF4LWZvcndhcmRzAAAABnByYWdtYQAAABJwcm94eS1hdXRoZW50aWNhdGUAAAATcHJveHktYXV0aG9yaXphdGlvbgAAAAVyYW5nZQAAAAdyZWZlcmVyAAAAC3JldHJ5LWFmdGVyAAAABnNlcnZlcgAAAAJ0ZQAAAAd0cmFpbGVyAAAAEXRyYW5zZmVyLWVuY29kaW5nAAAAB3VwZ3JhZGUAAAAKdXNlci1hZ2VudAAAAAR2YXJ5AAAAA3ZpYQAAAAd3YXJuaW5nAAAAEHd3dy1hdXRoZW50aWNhdGUAAAAGbWV0aG9kAAAAA2dldAAAAAZzdGF0dXMAAAAGMjAwIE9LAAAAB3ZlcnNpb24AAAAISFRUUC8xLjEAAAADdXJsAAAABnB1YmxpYwAAAApzZXQtY29va2llAAAACmtlZXAtYWxpdmUAAAAGb3JpZ2luMTAwMTAxMjAxMjAyMjA1MjA2MzAwMzAyMzAzMzA0MzA1MzA2MzA3NDAyNDA1NDA2NDA3NDA4NDA5NDEwNDExNDEyNDEzNDE0NDE1NDE2NDE3NTAyNTA0NTA1MjAzIE5vbi1BdXRob3JpdGF0aXZlIEluZm9ybWF0aW9uMjA0IE5vIENvbnRlbnQzMDEgTW92ZWQgUGVybWFuZW50bHk0MDAgQmFkIFJlcXVlc3Q0MDEgVW5hdXRob3JpemVkNDAzIEZvcmJpZGRlbjQwNCBOb3QgRm91bmQ1MDAgSW50ZXJuYWwgU2VydmVyIEVycm9yNTAxIE5vdCBJbXBsZW1lbnRlZDUwMyBTZXJ2aWNlIFVuYXZhaWxhYmxlSmFuIEZlYiBNYXIgQXByIE1heSBKdW4gSnVsIEF1ZyBTZXB0IE9jdCBOb3YgRGVjIDAwOjAwOjAwIE1vbiwgVHVlLCBXZWQsIFRodSwgRnJpLCBTYXQsIFN1biwgR01UY2h1bmtlZCx0ZXh0L2h0bWwsaW1hZ2UvcG5nLGltYWdlL2pwZyxpbWFnZS9naWYsYXBwbGljYXRpb24veG1sLGFwcGxpY2F0aW9uL3hodG1sK3htbCx0ZXh0L3BsYWluLHRleHQvamF2YXNjcmlwdCxwdWJsaWNwcml2YXRlbWF4LWFnZT1nemlwLGRlZmxhdGUsc2RjaGNoYXJzZXQ9dXRmLThjaGFyc2V0PWlzby04ODU5LTEsdXRmLSwqLGVucT0wLg==',
  'base64',
);

const VERSION = 3;
const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const FLAG_FIN = 0x01;

/** One SPDY stream as the server sees it. */
export interface SpdyStream {
  id: number;
  headers: Record<string, string>;
  write(data: Buffer): void;
  end(): void;
  onData(fn: (data: Buffer) => void): void;
  onEnd(fn: () => void): void;
}

/** Data and FIN that arrive before anyone listens are kept for the first listener. */
class StreamState {
  private readonly dataFns: ((d: Buffer) => void)[] = [];
  private readonly endFns: (() => void)[] = [];
  private pending: Buffer[] = [];
  private ended = false;
  closed = false;

  onData(fn: (d: Buffer) => void): void {
    this.dataFns.push(fn);
    for (const d of this.pending) fn(d);
    this.pending = [];
  }

  onEnd(fn: () => void): void {
    if (this.ended) fn();
    else this.endFns.push(fn);
  }

  data(d: Buffer): void {
    if (this.dataFns.length === 0) this.pending.push(d);
    for (const fn of this.dataFns) fn(d);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const fn of this.endFns) fn();
  }
}

/** Runs zlib on one header block at a time over a stream that keeps its state between blocks. */
function flushThrough(z: Deflate | Inflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    z.on('data', onData);
    z.once('error', reject);
    z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () => {
      z.off('data', onData);
      z.off('error', reject);
      resolve(Buffer.concat(chunks));
    });
  });
}

function encodeHeaders(h: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const entries = Object.entries(h);
  parts.push(u32(entries.length));
  for (const [k, v] of entries) {
    parts.push(u32(Buffer.byteLength(k)), Buffer.from(k), u32(Buffer.byteLength(v)), Buffer.from(v));
  }
  return Buffer.concat(parts);
}

function decodeHeaders(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  const n = b.readUInt32BE(pos);
  pos += 4;
  for (let i = 0; i < n; i++) {
    const kl = b.readUInt32BE(pos);
    const k = b.subarray(pos + 4, pos + 4 + kl).toString();
    pos += 4 + kl;
    const vl = b.readUInt32BE(pos);
    out[k.toLowerCase()] = b.subarray(pos + 4, pos + 4 + vl).toString();
    pos += 4 + vl;
  }
  return out;
}

/**
 * The server side of a SPDY/3.1 connection, just enough for Kubernetes port-forward (which kubectl
 * still speaks, tunnelled in a websocket): SYN_STREAM/SYN_REPLY, data, FIN, RST, PING, GOAWAY.
 * Hand-written because no maintained SPDY server exists for Node; flow control is not enforced,
 * as spdystream (the Go side) does not enforce it either.
 */
export class SpdyServerSession {
  private buf = Buffer.alloc(0);
  private readonly inflate = createInflate({ dictionary: DICTIONARY });
  private readonly deflate = createDeflate({ dictionary: DICTIONARY });
  private readonly streams = new Map<number, StreamState>();
  /** Frames go out in order even though header compression is asynchronous. */
  private out: Promise<void> = Promise.resolve();
  private inbound: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly send: (frame: Buffer) => void,
    private readonly onStream: (s: SpdyStream) => void,
    private readonly onClose: () => void,
  ) {}

  receive(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + len) break;
      const frame = this.buf.subarray(0, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      this.inbound = this.inbound.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    const control = (frame[0] & 0x80) !== 0;
    const flags = frame[4];
    const body = frame.subarray(8);
    if (!control) {
      const id = frame.readUInt32BE(0) & 0x7fffffff;
      const s = this.streams.get(id);
      if (!s) return;
      if (body.length) s.data(Buffer.from(body));
      if (flags & FLAG_FIN) s.end();
      return;
    }
    const type = frame.readUInt16BE(2);
    if (type === SYN_STREAM) {
      const id = body.readUInt32BE(0) & 0x7fffffff;
      const headers = decodeHeaders(await flushThrough(this.inflate, body.subarray(10)));
      const state = new StreamState();
      this.streams.set(id, state);
      await this.reply(id);
      this.onStream({
        id,
        headers,
        write: (d) => this.data(id, d, false),
        end: () => {
          if (state.closed) return;
          state.closed = true;
          this.data(id, Buffer.alloc(0), true);
        },
        onData: (fn) => state.onData(fn),
        onEnd: (fn) => state.onEnd(fn),
      });
      if (flags & FLAG_FIN) state.end();
    } else if (type === RST_STREAM) {
      const id = body.readUInt32BE(0) & 0x7fffffff;
      const s = this.streams.get(id);
      s?.end();
      this.streams.delete(id);
    } else if (type === PING) {
      this.enqueue(async () => this.send(frame));
    } else if (type === GOAWAY) {
      this.close();
    }
  }

  private control(type: number, flags: number, body: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8000 | VERSION, 0);
    head.writeUInt16BE(type, 2);
    head.writeUInt32BE(body.length, 4);
    head[4] = flags;
    return Buffer.concat([head, body]);
  }

  private reply(id: number): Promise<void> {
    return this.enqueue(async () => {
      const block = await flushThrough(this.deflate, encodeHeaders({}));
      const sid = Buffer.alloc(4);
      sid.writeUInt32BE(id);
      this.send(this.control(SYN_REPLY, 0, Buffer.concat([sid, block])));
    });
  }

  private data(id: number, d: Buffer, fin: boolean): void {
    void this.enqueue(async () => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(id & 0x7fffffff, 0);
      head.writeUInt32BE(d.length, 4);
      head[4] = fin ? FLAG_FIN : 0;
      this.send(Buffer.concat([head, d]));
    });
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    this.out = this.out.then(() => (this.closed ? undefined : fn())).catch(() => this.close());
    return this.out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.end();
    this.streams.clear();
    this.inflate.close();
    this.deflate.close();
    this.onClose();
  }
}
