import { badRequest } from '../errors.js';
import schemaJson from './schema.json' with { type: 'json' };

/** Per message: field number -> [JSON name, type, 'r' when repeated] or [name, 'map', value type]. */
type Schema = Record<string, Record<string, [string, string, string?]>>;
const schema = schemaJson as unknown as Schema;

type Value = unknown;

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
/** Go types whose JSON form is not their protobuf message shape. */
const SPECIAL: Record<string, (fields: Map<number, Field[]>) => Value> = {
  [`${META}.Time`]: (f) => timeText(f, false),
  [`${META}.MicroTime`]: (f) => timeText(f, true),
  [`${META}.Duration`]: (f) => `${Number(varintOf(f, 1) ?? 0n) / 1e9}s`,
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f) =>
    Number(varintOf(f, 1) ?? 0n) === 1
      ? (bytesOf(f, 3)?.toString('utf8') ?? '')
      : toInt32(varintOf(f, 2) ?? 0n),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => bytesOf(f, 1)?.toString('utf8') ?? '',
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (f) => rawJson(bytesOf(f, 1)),
  [`${META}.FieldsV1`]: (f) => rawJson(bytesOf(f, 1)),
};

/** Kubernetes API groups -> the protobuf package of their types. */
const PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  batch: 'batch',
  'networking.k8s.io': 'networking',
  policy: 'policy',
  'rbac.authorization.k8s.io': 'rbac',
  autoscaling: 'autoscaling',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
  'authorization.k8s.io': 'authorization',
  'authentication.k8s.io': 'authentication',
};

interface Field {
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw badRequest('protobuf: truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

/** The raw fields of one protobuf message, grouped by field number (the wire format, no schema). */
function readFields(buf: Buffer): Map<number, Field[]> {
  const out = new Map<number, Field[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const num = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let f: Field;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      f = { wire, varint: v };
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      f = { wire, bytes: buf.subarray(p2, end) };
      pos = end;
    } else if (wire === 1) {
      f = { wire, bytes: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else if (wire === 5) {
      f = { wire, bytes: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else throw badRequest(`protobuf: unsupported wire type ${wire}`);
    if (!out.has(num)) out.set(num, []);
    out.get(num)!.push(f);
  }
  return out;
}

function varintOf(f: Map<number, Field[]>, n: number): bigint | undefined {
  return f.get(n)?.at(-1)?.varint;
}

function bytesOf(f: Map<number, Field[]>, n: number): Buffer | undefined {
  return f.get(n)?.at(-1)?.bytes;
}

function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

function timeText(f: Map<number, Field[]>, micro: boolean): string | undefined {
  if (!f.size) return undefined;
  const seconds = Number(BigInt.asIntN(64, varintOf(f, 1) ?? 0n));
  const nanos = Number(varintOf(f, 2) ?? 0n);
  const iso = new Date(seconds * 1000).toISOString();
  return micro
    ? `${iso.slice(0, 19)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`
    : `${iso.slice(0, 19)}Z`;
}

function rawJson(b: Buffer | undefined): Value {
  if (!b || b.length === 0) return undefined;
  try {
    return JSON.parse(b.toString('utf8'));
  } catch {
    return b.toString('base64');
  }
}

function scalar(type: string, f: Field): Value {
  switch (type) {
    case 'string':
      return f.bytes?.toString('utf8') ?? '';
    case 'bytes':
      return f.bytes?.toString('base64') ?? '';
    case 'bool':
      return f.varint !== 0n;
    case 'int32':
      return toInt32(f.varint ?? 0n);
    case 'int64':
      return Number(BigInt.asIntN(64, f.varint ?? 0n));
    case 'uint32':
    case 'uint64':
      return Number(f.varint ?? 0n);
    case 'double':
      return f.bytes?.readDoubleLE(0) ?? 0;
    case 'float':
      return f.bytes?.readFloatLE(0) ?? 0;
    default:
      return undefined;
  }
}

/** Pointer fields where an explicit zero means something; other zero scalars are Go's omitempty defaults. */
const KEEP_ZERO = new Set([
  'replicas',
  'backoffLimit',
  'terminationGracePeriodSeconds',
  'gracePeriodSeconds',
  'completions',
  'parallelism',
  'partition',
  'exitCode',
  'expirationSeconds',
]);

/** go-to-protobuf writes every non-pointer scalar; JSON omits the empty ones, so this does too. */
function omitted(name: string, v: Value): boolean {
  if (v === undefined || v === '' || v === false) return true;
  return v === 0 && !KEEP_ZERO.has(name);
}

function isScalar(type: string): boolean {
  return !type.includes('.');
}

/** Repeated numeric fields may arrive packed (one length-delimited run of varints). */
function unpack(type: string, f: Field): Value[] {
  if (f.wire !== 2 || type === 'string' || type === 'bytes') return [scalar(type, f)];
  const out: Value[] = [];
  let pos = 0;
  const b = f.bytes!;
  while (pos < b.length) {
    const [v, p] = readVarint(b, pos);
    pos = p;
    out.push(scalar(type, { wire: 0, varint: v }));
  }
  return out;
}

function decodeMessage(type: string, buf: Buffer): Value {
  const fields = readFields(buf);
  const special = SPECIAL[type];
  if (special) return special(fields);
  const def = schema[type];
  if (!def) throw badRequest(`protobuf: unknown message type ${type}`);
  const out: Record<string, Value> = {};
  for (const [num, list] of fields) {
    const spec = def[String(num)];
    if (!spec) continue;
    const [name, t, repeated] = spec;
    if (t === 'map') {
      const valueType = spec[2]!;
      const map: Record<string, Value> = {};
      for (const entry of list) {
        const ef = readFields(entry.bytes ?? Buffer.alloc(0));
        const key = bytesOf(ef, 1)?.toString('utf8') ?? '';
        const v = ef.get(2)?.at(-1);
        map[key] =
          v === undefined
            ? valueType === 'string' || valueType === 'bytes'
              ? ''
              : {}
            : isScalar(valueType)
              ? scalar(valueType, v)
              : decodeMessage(valueType, v.bytes ?? Buffer.alloc(0));
      }
      out[name] = map;
    } else if (repeated) {
      out[name] = isScalar(t)
        ? list.flatMap((f) => unpack(t, f))
        : list.map((f) => decodeMessage(t, f.bytes ?? Buffer.alloc(0)));
    } else {
      const f = list.at(-1)!;
      const v = isScalar(t) ? scalar(t, f) : decodeMessage(t, f.bytes ?? Buffer.alloc(0));
      if (!omitted(name, v)) out[name] = v;
    }
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * Reads a `application/vnd.kubernetes.protobuf` body (the `k8s\0` envelope around runtime.Unknown)
 * into the object's JSON form; kubectl's typed clients (create deployment, drain...) send these.
 */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw badRequest('protobuf: missing k8s envelope');
  const unknown = readFields(body.subarray(4));
  const typeMeta = readFields(bytesOf(unknown, 1) ?? Buffer.alloc(0));
  const apiVersion = bytesOf(typeMeta, 1)?.toString('utf8') ?? '';
  const kind = bytesOf(typeMeta, 2)?.toString('utf8') ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg =
    group === 'meta.k8s.io' ? META : PACKAGES[group] ? `k8s.io.api.${PACKAGES[group]}.${version}` : undefined;
  if (!pkg) throw badRequest(`protobuf: no protobuf types for ${apiVersion}`);
  const obj = decodeMessage(`${pkg}.${kind}`, bytesOf(unknown, 2) ?? Buffer.alloc(0)) as Record<
    string,
    unknown
  >;
  return { apiVersion, kind, ...obj };
}
