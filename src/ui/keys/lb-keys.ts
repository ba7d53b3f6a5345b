import type { KeyBinding } from './key-binding.js';

/** The keys of the load-balancer panel (`:lb`). */
export const lbKeys: KeyBinding[] = [
  { key: 'tab', scope: 'lb', description: 'Switch between the pools and the services table' },
  {
    key: 'enter',
    scope: 'lb',
    description: 'On a service: open it; on a pool: list the services holding its addresses',
  },
  {
    key: 'f',
    scope: 'lb',
    description: 'Show the selected pool’s free ranges and the findings (overlaps, unannounced pools)',
  },
  { key: '/', scope: 'lb', description: 'Filter the focused table (regex, !inverse, -f fuzzy)' },
  { key: 'esc', scope: 'lb', description: 'Back from a pool’s services to all services; clear the filter' },
];
