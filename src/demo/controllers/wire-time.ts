/** RFC 3339 at second precision, as the API server writes timestamps. */
export function rfc3339(ms: number = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A timestamp for an object field: client-node types them as Date, but the store holds wire JSON,
 * so the one cast from the RFC 3339 string lives here.
 */
export function wireTime(ms: number = Date.now()): Date {
  return rfc3339(ms) as unknown as Date;
}

/** Milliseconds since the epoch of a timestamp read from the store (a string, or a Date if a writer kept one). */
export function timeOf(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** A MicroTime field (Lease renewTime, Event eventTime), RFC 3339 with microseconds, cast as wireTime is. */
export function wireMicroTime(ms: number = Date.now()): Date {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') as unknown as Date;
}
