import type { KeyBinding } from './key-binding.js';

/** The keys of the DNS records panel (`:dns`). */
export const dnsKeys: KeyBinding[] = [
  {
    key: 'w',
    scope: 'dns',
    description: 'Explain the selected row: source, annotation, filter, ownership TXT (esc closes)',
  },
  { key: 'enter', scope: 'dns', description: 'Open the object the name comes from' },
  { key: 'r', scope: 'dns', description: 'Re-read the DNS server now (signed AXFR)' },
  { key: '/', scope: 'dns', description: 'Filter the rows (regex, !inverse, -f fuzzy)' },
  { key: '< / >', scope: 'dns', description: 'Sort by the previous / next column' },
  { key: 'ctrl-w', scope: 'dns', description: 'Toggle wide columns' },
  { key: 'esc', scope: 'dns', description: 'Close the explanation; clear the filter' },
];
