import type { IntOrString } from '@kubernetes/client-node';

/** Resolves maxSurge/maxUnavailable/partition-style values against a total, rounding as the controllers do. */
export function intOrPercent(
  v: IntOrString | undefined,
  total: number,
  roundUp: boolean,
  fallback: number,
): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
