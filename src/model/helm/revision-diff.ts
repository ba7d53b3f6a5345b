import { partText } from './content.js';
import { type DiffLine, unifiedDiff } from './diff.js';
import type { HelmRelease } from './release.js';

/** What of two revisions can be compared. */
export type DiffPart = 'manifest' | 'values' | 'all-values';

/**
 * The unified diff of one part between two revisions, older first, labelled `name#rev part`; values are compared
 * masked unless `reveal`, so a diff never shows a secret the value view would hide.
 */
export function revisionDiff(
  from: HelmRelease,
  to: HelmRelease,
  part: DiffPart,
  opts: { reveal?: boolean } = {},
): DiffLine[] {
  return unifiedDiff(partText(from, part, opts), partText(to, part, opts), {
    from: `${from.name}#${from.version} ${part}`,
    to: `${to.name}#${to.version} ${part}`,
  });
}
