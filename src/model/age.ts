/** A Kubernetes timestamp as client-node types it (Date), as raw JSON carries it (RFC 3339 string), or ms since the epoch. */
export type Timestamp = Date | string | number | undefined | null;

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

// Hand-parsed because Date.parse costs ~1 µs and ages of 10,000 rows are recomputed every second.
function parseRfc3339Utc(s: string): number {
  const n = s.length;
  if (n < 20 || s[4] !== '-' || s[10] !== 'T' || s[n - 1] !== 'Z') return Date.parse(s);
  // MicroTime and JSON dates carry a fraction: `.000000Z`; only milliseconds matter.
  let ms = 0;
  if (n > 20) {
    if (s[19] !== '.' || n < 22) return Date.parse(s);
    const frac = Math.min(n - 21, 3);
    ms = digits(s, 20, frac) * 10 ** (3 - frac);
  }
  return Date.UTC(
    digits(s, 0, 4),
    digits(s, 5, 2) - 1,
    digits(s, 8, 2),
    digits(s, 11, 2),
    digits(s, 14, 2),
    digits(s, 17, 2),
    ms,
  );
}

/** Milliseconds since the epoch, or undefined when the timestamp is missing or unparsable. */
export function toMillis(t: Timestamp): number | undefined {
  if (t === undefined || t === null || t === '') return undefined;
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? parseRfc3339Utc(t) : t.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** apimachinery's duration.HumanDuration: `5s`, `3m20s`, `2d3h`, `45d`, `3y20d`, exactly as kubectl prints them. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** kubectl's translateTimestampSince: the age of `t` at `now`, `<unknown>` when there is no timestamp. */
export function since(t: Timestamp, now: number): string {
  const ms = toMillis(t);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}
