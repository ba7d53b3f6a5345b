import { type EditorRunner, editorCommand } from '../../kube/actions/edit.js';
import { ActionError } from '../../kube/actions/outcome.js';
import { openLocalInPane } from '../pane/open-local.js';
import type { PaneManager } from '../pane/pane-manager.js';

/**
 * Runs `$KUBE_EDITOR`/`$EDITOR` under node-pty in a pane tab, so the list stays live while the user
 * edits; resolves when the editor exits. The command goes through sh with the file as "$1".
 */
export function paneEditor(
  manager: PaneManager,
  command = editorCommand(),
  env: NodeJS.ProcessEnv = process.env,
): EditorRunner {
  return (file, signal) =>
    new Promise((resolve, reject) => {
      const tab = openLocalInPane(
        manager,
        `edit ${file.split('/').at(-1)}`,
        'sh',
        ['-c', `${command} "$1"`, 'kdeck-edit', file],
        { env },
      );
      const onAbort = () => tab.session.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      tab.session.onExit((code, message) => {
        signal?.removeEventListener('abort', onAbort);
        if (code === 0) resolve();
        else
          reject(
            new ActionError(
              `editor ${command} ${message ?? `exited with code ${code}`}`,
              'EditorFailed',
              'set KUBE_EDITOR or EDITOR to an editor that exits 0 on save',
            ),
          );
      });
    });
}
