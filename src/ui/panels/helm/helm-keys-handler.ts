import type { Key } from 'ink';
import type { ReleasePart } from '../../../model/helm/content.js';

/** What a key on a release or a revision asks for. */
export type HelmIntent =
  | { kind: 'part'; part: ReleasePart }
  | { kind: 'objects' }
  | { kind: 'storage' }
  | { kind: 'diff' }
  | { kind: 'rollback' }
  | { kind: 'uninstall' };

/** The keys shared by the release list and the history (src/ui/keys/helm-keys.ts lists them). */
export function helmIntent(input: string, key: Pick<Key, 'ctrl'>): HelmIntent | undefined {
  if (key.ctrl && input === 'd') return { kind: 'uninstall' };
  if (key.ctrl) return undefined;
  switch (input) {
    case 'v':
      return { kind: 'part', part: 'values' };
    case 'V':
      return { kind: 'part', part: 'all-values' };
    case 'm':
      return { kind: 'part', part: 'manifest' };
    case 'n':
      return { kind: 'part', part: 'notes' };
    case 'H':
      return { kind: 'part', part: 'hooks' };
    case 'o':
      return { kind: 'objects' };
    case 'y':
      return { kind: 'storage' };
    case 'd':
      return { kind: 'diff' };
    case 'r':
      return { kind: 'rollback' };
    default:
      return undefined;
  }
}
