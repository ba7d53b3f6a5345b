import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { drain } from '../../kube/actions/drain.js';
import { targetList } from './ConfirmDialog.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { useActionRun } from './use-action-run.js';

/** Drain with kubectl's two escapes (force, delete emptyDir data), then live progress; esc cancels. */
export function DrainDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const [force, setForce] = useState(false);
  const [emptyDir, setEmptyDir] = useState(false);
  const run = useActionRun(onClose);
  useInput(
    (input, key) => {
      if (input === 'f') setForce((v) => !v);
      else if (input === 'd') setEmptyDir((v) => !v);
      else if (key.return)
        run.start((opts) =>
          drain(services.gate.context(), targets, { force, deleteEmptyDirData: emptyDir }, opts),
        );
      else if (key.escape) onClose();
    },
    { isActive: run.phase === 'input' },
  );
  return (
    <DialogFrame
      title="Drain"
      theme={theme}
      hint={run.phase === 'input' ? 'f force · d delete emptyDir data · enter drain · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          <Text color={theme.warn || undefined}>
            drain {targetList(targets)}? (cordon, then evict; DaemonSet and mirror pods stay)
          </Text>
          <Text>[{force ? 'x' : ' '}] force: also evict pods no controller manages (they are lost)</Text>
          <Text>[{emptyDir ? 'x' : ' '}] delete emptyDir data</Text>
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
