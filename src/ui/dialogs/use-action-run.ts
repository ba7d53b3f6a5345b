import { useInput } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionOptions, ActionOutcome, Progress } from '../../kube/actions/outcome.js';

export type RunPhase = 'input' | 'running' | 'result';

export interface ActionRun {
  phase: RunPhase;
  progress?: Progress;
  outcome?: ActionOutcome;
  /** Starts the action with a fresh AbortSignal and a progress callback. */
  start(run: (opts: ActionOptions) => Promise<ActionOutcome>): void;
}

/**
 * Runs one action for a dialog: esc cancels it while running (its AbortSignal fires), any key
 * after the result closes the dialog with the outcome. Unmounting cancels too.
 */
export function useActionRun(onClose: (result?: ActionOutcome) => void): ActionRun {
  const [phase, setPhase] = useState<RunPhase>('input');
  const [progress, setProgress] = useState<Progress | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const start = useCallback((run: (opts: ActionOptions) => Promise<ActionOutcome>) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setPhase('running');
    run({ signal: ctl.signal, onProgress: setProgress }).then(
      (o) => {
        now.current = { phase: 'result', outcome: o };
        setOutcome(o);
        setPhase('result');
      },
      (err: unknown) => {
        setOutcome({
          action: 'action',
          done: [],
          failures: [
            {
              object: '',
              message: err instanceof Error ? err.message : String(err),
              hint: 'see the message',
              reason: 'Error',
            },
          ],
          cancelled: false,
        });
        setPhase('result');
      },
    );
  }, []);
  // Always listening and reading refs: a key right after the result is drawn must not fall between two handlers.
  const now = useRef({ phase, outcome });
  now.current = { phase, outcome };
  useInput((_input, key) => {
    if (now.current.phase === 'running' && key.escape) abort.current?.abort();
    else if (now.current.phase === 'result') onClose(now.current.outcome);
  });
  return { phase, progress, outcome, start };
}
