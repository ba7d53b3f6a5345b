/** A column's widest cell (header included), and whether it is the NAME or NAMESPACE column. */
export interface ColumnNeed {
  natural: number;
  role?: 'name' | 'namespace';
}

/** Long free text (messages, labels, images) is cut first; statuses, counts and ages only once names gave way. */
const LONG = 24;
const NAME_FLOOR = 16;
const NAMESPACE_FLOOR = 10;
const LAST_FLOOR = 8;

/**
 * Widths that fit `available` characters (gaps and margin already taken off), shrinking in order
 * of what a reader misses least: long free text down to 24, NAME to 16, NAMESPACE to 10, then every
 * other column evenly by capping the widest, and NAME last, to 8. "CrashLoopBackOff" and
 * "5 (2m2s ago)" stay whole at 80 columns while a long pod name is cut.
 */
export function fitColumns(needs: readonly ColumnNeed[], available: number): number[] {
  const widths = needs.map((n) => n.natural);
  const over = () => widths.reduce((a, b) => a + b, 0) - available;
  const give = (j: number, floor: number) => {
    const o = over();
    if (o > 0 && widths[j]! > floor) widths[j] = Math.max(floor, widths[j]! - o);
  };
  const roles = (r: ColumnNeed['role']) => needs.flatMap((n, j) => (n.role === r ? [j] : []));
  const others = needs.flatMap((n, j) => (n.role === undefined ? [j] : []));
  for (const j of [...others].reverse()) if (widths[j]! > LONG) give(j, LONG);
  for (const j of roles('name')) give(j, NAME_FLOOR);
  for (const j of roles('namespace')) give(j, NAMESPACE_FLOOR);
  for (let cap = LONG; over() > 0 && cap >= LAST_FLOOR; cap--)
    for (const j of others) widths[j] = Math.min(widths[j]!, Math.max(cap, LAST_FLOOR));
  for (const j of roles('namespace')) give(j, LAST_FLOOR);
  for (const j of roles('name')) give(j, LAST_FLOOR);
  return widths;
}
