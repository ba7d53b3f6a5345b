import { useEffect, useRef } from 'react';
import { edit } from '../../kube/actions/edit.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { useActionRun } from './use-action-run.js';

/** Opens each target in the editor at once (the runner suspends the UI), then shows what was applied. */
export function EditDialog({ targets, services, onClose }: DialogProps) {
  const run = useActionRun(onClose);
  const { start } = run;
  const started = useRef(false);
  useEffect(() => {
    // Once per dialog: a re-render with new props must not open the editor again.
    if (started.current) return;
    started.current = true;
    start((opts) => edit(services.gate.context(), targets, { ...opts, runEditor: services.runEditor }));
  }, [start, targets, services]);
  return (
    <DialogFrame title="Edit" theme={services.theme}>
      {run.phase === 'result' && run.outcome ? (
        <OutcomeView outcome={run.outcome} theme={services.theme} />
      ) : (
        <ProgressView progress={run.progress} theme={services.theme} />
      )}
    </DialogFrame>
  );
}
