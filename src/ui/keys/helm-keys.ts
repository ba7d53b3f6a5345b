import type { KeyBinding } from './key-binding.js';

/** The keys of the Helm views (`:helm`, a release's history, its values, manifest and diff). */
export const helmKeys: KeyBinding[] = [
  {
    key: ':helm',
    scope: 'helm',
    description:
      'Helm releases of the namespace (also :releases, :charts; :helm -A for all), read from Helm’s own storage, live',
  },
  { key: 'enter', scope: 'helm', description: 'On a release: its history; on a revision: its manifest' },
  {
    key: 'v',
    scope: 'helm',
    description: 'User-supplied values (helm get values); x reveals secret-looking values',
  },
  { key: 'shift-v', scope: 'helm', description: 'All computed values (helm get values --all)' },
  { key: 'm', scope: 'helm', description: 'Manifest (helm get manifest), / searches' },
  { key: 'n', scope: 'helm', description: 'Notes' },
  { key: 'shift-h', scope: 'helm', description: 'Hooks (helm get hooks)' },
  {
    key: 'o',
    scope: 'helm',
    description: 'Objects of the release, from the manifest, with their live status; enter describes',
  },
  { key: 'y', scope: 'helm', description: 'The storage object (Secret or ConfigMap) as YAML' },
  { key: 'space', scope: 'helm', description: 'In the history: mark a revision to diff against' },
  {
    key: 'd',
    scope: 'helm',
    description:
      'In the history: diff the revision with the marked one (else the one before); m/v/shift-v switch manifest, values, all values',
  },
  {
    key: 'r',
    scope: 'helm',
    description:
      'Rollback (helm rollback in the pane, after a confirm): from the list to the previous revision, from the history to the selected one',
    mutates: true,
    note: 'needs a helm binary on PATH or helmBinary in the config',
  },
  {
    key: 'ctrl-d',
    scope: 'helm',
    description: 'Uninstall the release (helm uninstall in the pane, after a confirm)',
    mutates: true,
    note: 'needs a helm binary on PATH or helmBinary in the config',
  },
];
