import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { currentScale, parseReplicas, scale } from '../../kube/actions/scale.js';
import { describeTarget } from '../../kube/actions/target.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { CheckedField, useCheckedValue } from './TextField.js';
import { useActionRun } from './use-action-run.js';

/** Shows each target's desired/current replicas, takes a validated count, scales them all. */
export function ScaleDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const [counts, setCounts] = useState<Record<string, string>>({});
  const input = useCheckedValue();
  // A useState setter: stable, so the effect does not rerun for it.
  const { setValue } = input;
  const run = useActionRun(onClose);
  useEffect(() => {
    const ctl = new AbortController();
    const ctx = services.gate.context();
    for (const t of targets) {
      currentScale(ctx, t, ctl.signal).then(
        (s) => {
          setCounts((c) => ({ ...c, [describeTarget(t)]: `${s.desired} desired, ${s.current} current` }));
          if (targets.length === 1) setValue(String(s.desired));
        },
        (err: unknown) =>
          setCounts((c) => ({ ...c, [describeTarget(t)]: err instanceof Error ? err.message : String(err) })),
      );
    }
    return () => ctl.abort();
  }, [targets, services.gate, setValue]);
  const submit = (text: string) => {
    const n = parseReplicas(text);
    if (typeof n === 'string') {
      input.setProblem(n);
      return;
    }
    run.start((opts) => scale(services.gate.context(), targets, n, opts));
  };
  return (
    <DialogFrame
      title="Scale"
      theme={theme}
      hint={run.phase === 'input' ? 'enter scale · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          {targets.map((t) => (
            <Text key={describeTarget(t)}>
              {describeTarget(t)}:{' '}
              <Text color={theme.dim || undefined}>{counts[describeTarget(t)] ?? '…'}</Text>
            </Text>
          ))}
          <CheckedField
            label="replicas"
            value={input.value}
            problem={input.problem}
            onChange={input.edit}
            onSubmit={submit}
            onCancel={() => onClose()}
            theme={theme}
          />
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
