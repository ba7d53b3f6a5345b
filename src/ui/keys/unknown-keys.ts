/** k9s keys kdeck does not have (yet), and what to use instead: a habit gets an answer, never nothing. */
const INSTEAD: Record<string, string> = {
  '[': 'k9s history back: kdeck goes back with esc, and - returns to the last view ([ / ] switch shell tabs)',
  ']': 'k9s history forward: kdeck returns to the last view with -',
  'shift-j': 'no owner jump yet: d describes the object, its owner is under "Controlled By"',
  w: 'no warp to namespace yet: 1-9 pick a favourite namespace, :ns NAME any other',
  'ctrl-e': 'the header cannot be hidden yet',
  'ctrl-g': 'the breadcrumbs cannot be hidden yet',
  'shift-p':
    'no sort by namespace yet (shift-p is the pane full screen when a pane is open); : then -A lists all',
  'ctrl-l': 'rollback is shift-u (undo) or h (history) on the workload; ctrl-l does nothing here',
  'shift-f': 'port-forward is shift-f on a pod: enter a pod from the list first',
  f: 'port-forwards are listed by :pf',
};

// The app's own keys reach the list too; they are handled there.
const APP_KEYS = new Set([':', '/', '?', '-', 'ctrl-c']);

/** What to tell the user after an unbound key: the k9s equivalent, or where the keys are; undefined to stay quiet. */
export function unknownKeyHint(key: string): string | undefined {
  if (APP_KEYS.has(key)) return undefined;
  const instead = INSTEAD[key];
  if (instead) return `${key}: ${instead}`;
  if (/^([!-~]|ctrl-[a-z])$/.test(key) || /^shift-[a-z]$/.test(key))
    return `${key}: not a key of this view — ? lists them`;
  return undefined;
}
