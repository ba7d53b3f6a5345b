import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { rollback } from '../../kube/actions/rollback.js';
import { type Revision, rolloutHistory } from '../../kube/actions/rollout-history.js';
import { describeTarget } from '../../kube/actions/target.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { useActionRun } from './use-action-run.js';

/** `kubectl rollout history` of the first target as a picker; enter then y undoes to that revision. */
export function HistoryDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const target = targets[0];
  const [revisions, setRevisions] = useState<Revision[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [row, setRow] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const run = useActionRun(onClose);
  useEffect(() => {
    if (!target) return;
    const ctl = new AbortController();
    rolloutHistory(services.gate.context(), target, ctl.signal).then(
      (revs) => {
        setRevisions(revs);
        setRow(Math.max(0, revs.length - 1));
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => ctl.abort();
  }, [target, services.gate]);
  const chosen = revisions?.[row];
  useInput(
    (input, key) => {
      if (confirming) {
        if ((input === 'y' || key.return) && chosen && target) {
          run.start((opts) => rollback(services.gate.context(), [target], chosen.revision, opts));
        } else if (input === 'n' || key.escape) setConfirming(false);
        return;
      }
      if (key.upArrow) setRow((r) => Math.max(0, r - 1));
      else if (key.downArrow) setRow((r) => Math.min((revisions?.length ?? 1) - 1, r + 1));
      else if (key.return && chosen && !chosen.current) setConfirming(true);
      else if (key.escape) onClose();
    },
    { isActive: run.phase === 'input' },
  );
  return (
    <DialogFrame
      title={`Rollout history: ${target ? describeTarget(target) : ''}`}
      theme={theme}
      hint={
        run.phase === 'input'
          ? confirming
            ? 'y/enter undo · n/esc back'
            : '↑↓ revision · enter undo to it · esc close'
          : undefined
      }
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          {loadError ? <Text color={theme.error || undefined}>{loadError}</Text> : null}
          {!revisions && !loadError ? <Text color={theme.dim || undefined}>reading history…</Text> : null}
          {revisions?.length === 0 ? <Text color={theme.dim || undefined}>no revisions kept</Text> : null}
          <Text color={theme.header || undefined}>{'REVISION  CHANGE-CAUSE / IMAGES'}</Text>
          {(revisions ?? []).map((r, i) => (
            <Text key={r.source} inverse={i === row}>
              {`${String(r.revision).padEnd(8)}${r.current ? '* ' : '  '}${r.changeCause ?? r.images.join(', ')}`}
            </Text>
          ))}
          {confirming && chosen ? (
            <Text color={theme.warn || undefined}>undo to revision {chosen.revision}?</Text>
          ) : null}
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
