import type { KeyBinding } from './key-binding.js';

/** Shell, attach and the session pane. */
export const paneKeys: KeyBinding[] = [
  {
    key: 's',
    scope: 'pod',
    description:
      'Shell in the container (bash, then sh; config "shell"); picks a container when there are several',
    mutates: true,
    note: 'exec can change the container, so read-only mode refuses it, as k9s does',
  },
  { key: 's', scope: 'container', description: 'Shell in this container', mutates: true },
  {
    key: 'a',
    scope: 'pod',
    description: 'Attach to the container’s main process (its stdin/TTY)',
    mutates: true,
  },
  { key: 'a', scope: 'container', description: 'Attach to this container', mutates: true },
  {
    key: 'ctrl-]',
    scope: 'pane',
    description: 'Back to the list; the session keeps running (from the list: into the session again)',
    note: 'k9s has no way back without ending the shell; ctrl-] is telnet’s escape key and no shell needs it',
  },
  {
    key: 'shift-pgup / shift-pgdn',
    scope: 'pane',
    description: 'Scroll the session’s scrollback; typing returns to the live screen',
  },
  { key: '[ / ]', scope: 'pane', description: 'Previous / next session tab (from the list, pane open)' },
  { key: 'shift-p', scope: 'pane', description: 'Pane full screen on/off (from the list, pane open)' },
  {
    key: 'shift-x',
    scope: 'pane',
    description: 'Close the session tab, ending its session (from the list, pane open)',
  },
];
