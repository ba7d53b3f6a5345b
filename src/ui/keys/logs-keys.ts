import type { KeyBinding } from './key-binding.js';

/** Opening logs, and the keys of the log view. */
export const logsKeys: KeyBinding[] = [
  { key: 'l', scope: 'pod', description: 'Logs of every container of the pod, merged' },
  { key: 'l', scope: 'container', description: 'Logs of this container' },
  {
    key: 'l',
    scope: 'workload',
    description: 'Logs of all its pods, merged and followed as pods come and go',
    note: 'kubectl logs deploy/x reads one pod; kdeck follows all (kubernetes/kubernetes#52218)',
  },
  { key: 'l', scope: 'service', description: 'Logs of the pods the service selects, merged' },
  {
    key: 's',
    scope: 'logs',
    description: 'Follow (autoscroll) on/off; off holds the view, lines keep arriving',
  },
  {
    key: '/',
    scope: 'logs',
    description: 'Filter: regex, smart-case, matches highlighted; !pattern shows lines that do not match',
  },
  { key: 'esc', scope: 'logs', description: 'Clear the filter, then back' },
  { key: 't', scope: 'logs', description: 'Timestamps on/off' },
  { key: 'w', scope: 'logs', description: 'Wrap long lines on/off' },
  { key: 'shift-j', scope: 'logs', description: 'Pretty-print JSON lines on/off' },
  { key: 'p', scope: 'logs', description: 'Previous (terminated) container instance on/off' },
  { key: 'shift-c', scope: 'logs', description: 'Show one container, the next, then all again' },
  { key: '0', scope: 'logs', description: 'Tail: last 100, 500, 1000 lines, or the whole log (cycles)' },
  { key: '1-4', scope: 'logs', description: 'Since 1m, 5m, 15m, 1h' },
  {
    key: 'c',
    scope: 'logs',
    description: 'Copy the selected line (bottom line) to the clipboard via OSC 52, works over SSH',
  },
  {
    key: 'ctrl-s',
    scope: 'logs',
    description: 'Save the buffered log into the dump folder (--screen-dump-dir; :sd lists the dumps)',
  },
  { key: 'j / k', scope: 'logs', description: 'Scroll a line (stops following)' },
  { key: 'pgdn / pgup', scope: 'logs', description: 'Scroll a page' },
  { key: 'g / G', scope: 'logs', description: 'Top / bottom (G follows again)' },
];
