import type { KubernetesObject } from '@kubernetes/client-node';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { annotate } from '../../kube/actions/annotate.js';
import { label, parseMetadataEdits } from '../../kube/actions/label.js';
import { targetList } from './ConfirmDialog.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { CheckedField, useCheckedValue } from './TextField.js';
import { useActionRun } from './use-action-run.js';

/** Label or annotate: shows the first target's current ones, takes `k=v k2-`, validated before sending. */
export function MetadataDialog({
  targets,
  services,
  onClose,
  field,
}: DialogProps & { field: 'labels' | 'annotations' }) {
  const { theme } = services;
  const [current, setCurrent] = useState<Record<string, string> | undefined>();
  const input = useCheckedValue();
  const run = useActionRun(onClose);
  useEffect(() => {
    if (!targets[0]) return;
    const ctl = new AbortController();
    services.gate
      .context()
      .read.get<KubernetesObject>(targets[0], { signal: ctl.signal })
      .then(
        (o) => setCurrent(o.metadata?.[field] ?? {}),
        () => setCurrent({}),
      );
    return () => ctl.abort();
  }, [targets, services.gate, field]);
  const submit = (text: string) => {
    const edits = parseMetadataEdits(text, field === 'labels' ? 'label' : 'annotation');
    if (typeof edits === 'string') {
      input.setProblem(edits);
      return;
    }
    const ctx = services.gate.context();
    run.start((opts) =>
      field === 'labels' ? label(ctx, targets, edits, opts) : annotate(ctx, targets, edits, opts),
    );
  };
  const shown = Object.entries(current ?? {}).filter(
    ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
  );
  return (
    <DialogFrame
      title={`${field === 'labels' ? 'Label' : 'Annotate'}: ${targetList(targets)}`}
      theme={theme}
      hint={run.phase === 'input' ? 'key=value sets · key- removes · enter apply · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          {shown.slice(0, 12).map(([k, v]) => (
            <Text key={k} color={theme.dim || undefined}>
              {k}={v.length > 60 ? `${v.slice(0, 59)}…` : v}
            </Text>
          ))}
          <CheckedField
            label={field}
            value={input.value}
            problem={input.problem}
            onChange={input.edit}
            onSubmit={submit}
            onCancel={() => onClose()}
            theme={theme}
            placeholder="app=web tier-"
          />
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
