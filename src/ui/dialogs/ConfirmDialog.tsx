import { Box, Text, useInput } from 'ink';
import { cordon } from '../../kube/actions/cordon.js';
import { toggleSuspend, triggerCronJob } from '../../kube/actions/cronjob.js';
import type { ActionContext } from '../../kube/actions/gate.js';
import { killPods } from '../../kube/actions/kill.js';
import type { ActionOptions, ActionOutcome } from '../../kube/actions/outcome.js';
import { restart } from '../../kube/actions/restart.js';
import { rollback } from '../../kube/actions/rollback.js';
import { describeTarget, type Target } from '../../kube/actions/target.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { useActionRun } from './use-action-run.js';

type Run = (ctx: ActionContext, targets: readonly Target[], opts: ActionOptions) => Promise<ActionOutcome>;

/** The yes/no actions: what the question says and what runs on yes. */
export const confirmActions = {
  kill: {
    title: 'Kill',
    verb: 'kill (delete now, no grace period)',
    run: ((c, t, o) => killPods(c, t, o)) as Run,
  },
  restart: { title: 'Restart', verb: 'restart', run: ((c, t, o) => restart(c, t, o)) as Run },
  undo: {
    title: 'Undo',
    verb: 'roll back to the previous revision',
    run: ((c, t, o) => rollback(c, t, 0, o)) as Run,
  },
  cordon: { title: 'Cordon', verb: 'cordon', run: ((c, t, o) => cordon(c, t, true, o)) as Run },
  uncordon: { title: 'Uncordon', verb: 'uncordon', run: ((c, t, o) => cordon(c, t, false, o)) as Run },
  trigger: {
    title: 'Trigger',
    verb: 'run now (a Job from the template)',
    run: ((c, t, o) => triggerCronJob(c, t, o)) as Run,
  },
  suspend: {
    title: 'Suspend/resume',
    verb: 'suspend or resume',
    run: ((c, t, o) => toggleSuspend(c, t, o)) as Run,
  },
} as const;

export type ConfirmAction = keyof typeof confirmActions;

/** Lists the targets, shortened when many are marked. */
export function targetList(targets: readonly Target[], max = 5): string {
  const names = targets.slice(0, max).map(describeTarget);
  return targets.length > max ? `${names.join(', ')} and ${targets.length - max} more` : names.join(', ');
}

/** `y`/enter runs the action on every target, `n`/esc closes; then the outcome. */
export function ConfirmDialog({
  targets,
  services,
  onClose,
  action,
}: DialogProps & { action: ConfirmAction }) {
  const spec = confirmActions[action];
  const run = useActionRun(onClose);
  const { theme } = services;
  useInput(
    (input, key) => {
      if (input === 'y' || key.return) run.start((opts) => spec.run(services.gate.context(), targets, opts));
      else if (input === 'n' || key.escape) onClose();
    },
    { isActive: run.phase === 'input' },
  );
  return (
    <DialogFrame
      title={spec.title}
      theme={theme}
      hint={run.phase === 'input' ? 'y/enter yes · n/esc no' : undefined}
    >
      {run.phase === 'input' ? (
        <Box>
          <Text>
            {spec.verb} {targetList(targets)}?
          </Text>
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
