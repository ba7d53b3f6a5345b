import type { ZoneRecord } from '../model/dns/types.js';
import { axfr } from './axfr.js';
import { DnsError } from './dns-error.js';
import { query } from './query.js';
import type { Endpoint } from './tcp.js';
import type { TsigKey } from './tsig.js';
import { normalizeName, type ResourceRecord, RR, rdataText, typeName } from './wire.js';

export interface ReadZonesOptions {
  server: Endpoint;
  zones: readonly string[];
  key?: TsigKey;
  /** Names to ask one by one when a transfer is refused. */
  fallbackNames?: readonly string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ReadZonesResult {
  /** undefined when nothing could be read at all. */
  records: ZoneRecord[] | undefined;
  via: 'axfr' | 'queries' | 'none';
  serials: Record<string, number>;
  messages: number;
  /** The first failure, for the panel's status line; set even when queries filled in. */
  error?: DnsError;
}

export function toZoneRecord(rr: ResourceRecord): ZoneRecord {
  return {
    fqdn: normalizeName(rr.name),
    type: typeName(rr.type),
    ttl: rr.ttl,
    value: rdataText(rr.type, rr.rdata).toLowerCase().replace(/\.$/, ''),
  };
}

// TXT values keep their case: ownership labels are compared as written.
function convert(rr: ResourceRecord): ZoneRecord {
  const z = toZoneRecord(rr);
  return rr.type === RR.TXT ? { ...z, value: rdataText(rr.type, rr.rdata) } : z;
}

/** Reads every zone by signed AXFR; when a transfer is refused, asks for the given names one by one instead. */
export async function readZones(opts: ReadZonesOptions): Promise<ReadZonesResult> {
  const records: ZoneRecord[] = [];
  const serials: Record<string, number> = {};
  let messages = 0;
  let error: DnsError | undefined;
  const refusedZones: string[] = [];
  for (const zone of opts.zones) {
    try {
      const t = await axfr({
        server: opts.server,
        zone,
        key: opts.key,
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
      });
      serials[t.zone] = t.serial;
      messages += t.messages;
      records.push(...t.records.map(convert));
    } catch (err) {
      if (!(err instanceof DnsError)) throw err;
      error ??= err;
      if (err.code === 'unreachable' || err.code === 'timeout')
        return { records: undefined, via: 'none', serials, messages, error };
      refusedZones.push(normalizeName(zone));
    }
  }
  if (refusedZones.length === 0) return { records, via: 'axfr', serials, messages, error };
  const names = (opts.fallbackNames ?? [])
    .map(normalizeName)
    .filter((n) => refusedZones.some((z) => n === z || n.endsWith(`.${z}`)));
  try {
    for (const name of new Set(names)) {
      for (const type of [RR.A, RR.AAAA, RR.CNAME, RR.TXT]) {
        const a = await query({
          server: opts.server,
          name,
          type,
          timeoutMs: opts.timeoutMs,
          signal: opts.signal,
        });
        records.push(...a.records.filter((r) => r.type === type).map(convert));
      }
    }
  } catch (err) {
    if (!(err instanceof DnsError)) throw err;
    return { records: undefined, via: 'none', serials, messages, error: error ?? err };
  }
  return { records, via: Object.keys(serials).length > 0 ? 'axfr' : 'queries', serials, messages, error };
}
