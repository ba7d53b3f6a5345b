import type { Route } from '../router.js';

/** Footer hints per view: what works on the screen shown, with how much each matters (lower stays longer). */
const HINTS: Partial<Record<Route['view'], [string, number][]>> = {
  resources: [
    [': command', 0],
    ['/ filter', 1],
    ['? help', 0],
    ['enter drill', 2],
    ['d describe', 2],
    ['y yaml', 3],
    ['esc back', 1],
    ['ctrl-c quit', 4],
  ],
  describe: [
    ['/ search', 1],
    ['n/N next/prev', 2],
    ['? help', 0],
    ['esc back', 0],
  ],
  yaml: [
    ['/ search', 1],
    ['n/N next/prev', 2],
    ['x reveal secrets', 3],
    ['? help', 0],
    ['esc back', 0],
  ],
  logs: [
    ['/ filter', 1],
    ['s follow', 1],
    ['t timestamps', 3],
    ['w wrap', 3],
    ['? help', 0],
    ['esc back', 0],
  ],
};
const DEFAULT: [string, number][] = [
  [': command', 0],
  ['? help', 0],
  ['esc back', 0],
  ['ctrl-c quit', 2],
];

/** The footer line for a view, dropping the hints that matter least until it fits: never cut mid-word. */
export function footerHints(view: Route['view'], width: number): string {
  const all = HINTS[view] ?? DEFAULT;
  const kept = new Set(all);
  const text = () =>
    ` ${all
      .filter((h) => kept.has(h))
      .map(([t]) => t)
      .join('  ')}`;
  const byLeastNeeded = [...all].sort((a, b) => b[1] - a[1]);
  for (const h of byLeastNeeded) {
    if (text().length <= width) break;
    kept.delete(h);
  }
  return text();
}
