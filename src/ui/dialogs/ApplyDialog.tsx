import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { applyFile } from '../../kube/actions/apply.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { TextField } from './TextField.js';
import { useActionRun } from './use-action-run.js';

/** A YAML file's path, then create (fails on existing objects) or server-side apply; tab switches the mode. */
export function ApplyDialog({ services, onClose }: DialogProps) {
  const { theme } = services;
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'apply' | 'create'>('apply');
  const run = useActionRun(onClose);
  useInput(
    (_input, key) => {
      if (key.tab) setMode((m) => (m === 'apply' ? 'create' : 'apply'));
    },
    { isActive: run.phase === 'input' },
  );
  const submit = (p: string) => {
    if (p.trim() === '') return;
    const choice = { resolve: services.resolveKind, namespace: services.namespace, mode };
    run.start((opts) => applyFile(services.gate.context(), p.trim(), choice, opts));
  };
  return (
    <DialogFrame
      title="Create / apply from a file"
      theme={theme}
      hint={run.phase === 'input' ? 'tab apply ↔ create · enter go · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          <Text>
            mode:{' '}
            <Text inverse>
              {mode === 'apply' ? ' apply (server-side, field manager kdeck) ' : ' create '}
            </Text>
          </Text>
          <Text color={theme.dim || undefined}>objects without a namespace go to {services.namespace}</Text>
          <Box>
            <Text>file: </Text>
            <TextField
              value={path}
              onChange={setPath}
              onSubmit={submit}
              onCancel={() => onClose()}
              focus
              theme={theme}
              placeholder="./manifest.yaml"
            />
          </Box>
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
