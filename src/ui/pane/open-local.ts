import { LocalPtySession } from '../../term/local-pty.js';
import type { PaneManager, PaneTab } from './pane-manager.js';

/** Runs a local command (a plugin, an editor) in a pane tab, sized to the pane. */
export function openLocalInPane(
  manager: PaneManager,
  title: string,
  file: string,
  args: readonly string[] = [],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): PaneTab {
  const { cols, rows } = manager.size;
  return manager.open(title, 'local', new LocalPtySession({ file, args, cols, rows, ...opts }));
}
