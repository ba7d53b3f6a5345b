import { stringify } from 'yaml';
import type { HelmRelease } from './release.js';
import { coalesceValues, maskSecretValues } from './values.js';

/** What of a revision can be shown: the `helm get` subcommands. */
export type ReleasePart = 'values' | 'all-values' | 'manifest' | 'notes' | 'hooks';

export const PART_TITLES: Record<ReleasePart, string> = {
  values: 'user-supplied values',
  'all-values': 'computed values',
  manifest: 'manifest',
  notes: 'notes',
  hooks: 'hooks',
};

/** The values of a part, unmasked: what `helm get values [--all] -o json` prints (user values may be null). */
export function partValues(release: HelmRelease, part: 'values' | 'all-values'): Record<string, unknown> {
  if (part === 'values') return release.config ?? {};
  return coalesceValues(release.chart?.values, release.config);
}

const yamlOf = (v: unknown) => stringify(v, { indentSeq: false, lineWidth: 0, sortMapEntries: true });

/**
 * A part of a revision as text: values as YAML (secret-looking keys masked unless `reveal`), the manifest as
 * `helm get manifest` prints it, the notes, the hooks as `helm get hooks` lists them.
 */
export function partText(release: HelmRelease, part: ReleasePart, opts: { reveal?: boolean } = {}): string {
  switch (part) {
    case 'values':
    case 'all-values': {
      const values = partValues(release, part);
      return yamlOf(opts.reveal ? values : maskSecretValues(values)).trimEnd();
    }
    case 'manifest':
      return (release.manifest ?? '').replace(/\n+$/, '');
    case 'notes':
      return (release.info?.notes ?? '').replace(/\n+$/, '');
    case 'hooks':
      return (release.hooks ?? [])
        .map((h) => `---\n# Source: ${h.path ?? ''}\n${(h.manifest ?? '').replace(/\n+$/, '')}`)
        .join('\n');
  }
}
