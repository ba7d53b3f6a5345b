import type { KeyBinding } from './key-binding.js';

export const coreKeys: KeyBinding[] = [
  {
    key: ':',
    scope: 'global',
    description:
      'Command: a kind (pods, deploy, svc, crds by name), ctx, ns, dns, lb, helm, requests, q; Tab completes; as k9s, `:pods /crash` opens filtered and `:pods @ctx` in that context',
  },
  { key: '-', scope: 'global', description: 'Last view: the trail before the last : command (again: back)' },
  {
    key: '/',
    scope: 'table',
    description: 'Filter rows: regex (default), !inverse, -l label selector (server-side), -f fuzzy',
  },
  { key: '?', scope: 'global', description: 'Help: the keys of this view' },
  {
    key: 'esc',
    scope: 'global',
    description: 'Back: clear the filter, close the view, go up the breadcrumbs',
  },
  { key: 'ctrl-c', scope: 'global', description: 'Quit (also :q)' },
  { key: 'j / down', scope: 'table', description: 'Next row' },
  { key: 'k / up', scope: 'table', description: 'Previous row' },
  { key: 'g / home', scope: 'table', description: 'First row' },
  { key: 'G / end', scope: 'table', description: 'Last row' },
  { key: 'pgdn / ctrl-f', scope: 'table', description: 'Page down' },
  { key: 'pgup / ctrl-b', scope: 'table', description: 'Page up' },
  {
    key: 'enter',
    scope: 'table',
    description:
      'Drill down: namespace → pods, workload → its pods, node → pods on it, service → pods it selects',
  },
  { key: 'd', scope: 'any-resource', description: 'Describe, with events' },
  { key: 'y', scope: 'any-resource', description: 'YAML (highlighted, / searches, n/N next/previous match)' },
  { key: 'x', scope: 'yaml', description: 'Reveal or mask Secret values' },
  { key: 'space', scope: 'table', description: 'Mark or unmark the row (actions take every marked row)' },
  { key: 'ctrl-space', scope: 'table', description: 'Clear all marks' },
  { key: 'shift-n', scope: 'table', description: 'Sort by name (again: reverse)' },
  { key: 'shift-a', scope: 'table', description: 'Sort by age (again: reverse)' },
  { key: 'shift-s', scope: 'table', description: 'Sort by status (again: reverse)' },
  {
    key: '< / >',
    scope: 'table',
    description: 'Sort by the previous / next column',
    note: 'k9s has only fixed sort keys',
  },
  { key: 'ctrl-w', scope: 'table', description: 'Wide columns on/off (kubectl -o wide)' },
  { key: 'ctrl-z', scope: 'table', description: 'Faulty rows only on/off: not Running, Ready or Completed' },
  {
    key: 'c',
    scope: 'table',
    description: 'Copy the name to the clipboard (OSC 52, works over SSH); on nodes c is cordon',
  },
  { key: 'n', scope: 'table', description: 'Copy the namespace to the clipboard (OSC 52)' },
  { key: 'u', scope: 'namespace', description: 'Use this namespace: the lists show it from now on' },
  {
    key: 'ctrl-s',
    scope: 'table',
    description: 'Screen dump: the list as shown (filter, sort, columns) to CSV in the dump folder',
  },
  { key: ':sd', scope: 'global', description: 'Screen dumps: list, enter opens one, ctrl-d deletes one' },
  {
    key: ':config',
    scope: 'global',
    description: "Every config file read (kdeck's, k9s's), what came from each, every entry ignored and why",
  },
  { key: '0', scope: 'table', description: 'All namespaces' },
  {
    key: '1-9',
    scope: 'table',
    description:
      'Favourite namespaces, listed in the header: config favoriteNamespaces, then the recently used',
  },
];
