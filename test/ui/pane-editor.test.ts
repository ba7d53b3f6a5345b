import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { paneEditor } from '../../src/ui/dialogs/pane-editor.js';
import { PaneManager } from '../../src/ui/pane/pane-manager.js';

describe('the editor in a pane tab', () => {
  it('runs $KUBE_EDITOR under a pty in the pane and resolves when it exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kdeck-pane-editor-'));
    const script = join(dir, 'ed.sh');
    await writeFile(script, '#!/bin/sh\n[ -t 1 ] || exit 4\necho edited >> "$1"\n');
    await chmod(script, 0o755);
    const file = join(dir, 'obj.yaml');
    await writeFile(file, 'a: 1\n');
    const manager = new PaneManager();
    await paneEditor(manager, script)(file);
    assert.equal(await readFile(file, 'utf8'), 'a: 1\nedited\n');
    assert.equal(
      manager.state().tabs.at(-1)?.kind,
      'local',
      'the editor ran as a local pane tab, on a terminal',
    );
    await assert.rejects(paneEditor(manager, 'false')(file), /exited with code 1/);
    manager.closeAll();
  });
});
