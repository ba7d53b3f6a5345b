import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import {
  type DeleteChoice,
  deleteBySelector,
  deleteObjects,
  type Propagation,
} from '../../kube/actions/delete.js';
import { isKind, kinds, type ResourceKind } from '../../kube/actions/target.js';
import { targetList } from './ConfirmDialog.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { TextField } from './TextField.js';
import { useActionRun } from './use-action-run.js';

const propagations: Propagation[] = ['Background', 'Foreground', 'Orphan'];

export interface DeleteDialogProps extends DialogProps {
  /** Deletes what a label selector matches instead of the targets (`kubectl delete -l`). */
  selector?: { ref: ResourceKind; namespace?: string; labelSelector: string };
}

type Field = 'propagation' | 'grace' | 'force';
const fields: Field[] = ['propagation', 'grace', 'force'];

/** Delete with kubectl's choices: propagation, grace period, force; tab moves between them. */
export function DeleteDialog({ targets, services, onClose, selector }: DeleteDialogProps) {
  const { theme } = services;
  const [field, setFieldState] = useState<Field>('propagation');
  // The field as of the last key, so keys typed before a re-render go to the right place.
  const fieldNow = useRef<Field>(field);
  const setField = (next: (f: Field) => Field) => {
    fieldNow.current = next(fieldNow.current);
    setFieldState(fieldNow.current);
  };
  const [propagation, setPropagation] = useState<Propagation>('Background');
  const [grace, setGrace] = useState('');
  const [force, setForce] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const run = useActionRun(onClose);
  const submit = () => {
    if (grace !== '' && !/^\d+$/.test(grace)) {
      setProblem('grace period: whole seconds, or empty for the default');
      return;
    }
    const choice: DeleteChoice = {
      propagation,
      force,
      gracePeriodSeconds: grace === '' ? undefined : Number(grace),
    };
    const ctx = services.gate.context();
    run.start((opts) =>
      selector
        ? deleteBySelector(ctx, selector.ref, selector.namespace, selector.labelSelector, choice, opts)
        : deleteObjects(ctx, targets, choice, opts),
    );
  };
  useInput(
    (input, key) => {
      if (key.escape) onClose();
      else if (key.return) submit();
      else if (key.tab || key.downArrow) setField((f) => fields[(fields.indexOf(f) + 1) % fields.length]);
      else if (key.upArrow) setField((f) => fields[(fields.indexOf(f) + fields.length - 1) % fields.length]);
      else if (fieldNow.current === 'propagation' && (key.leftArrow || key.rightArrow || input === ' ')) {
        const step = key.leftArrow ? propagations.length - 1 : 1;
        setPropagation((p) => propagations[(propagations.indexOf(p) + step) % propagations.length]);
      } else if (fieldNow.current === 'force' && (input === ' ' || key.leftArrow || key.rightArrow))
        setForce((f) => !f);
    },
    { isActive: run.phase === 'input' },
  );
  const what = selector
    ? `every ${selector.ref.resource} matching ${selector.labelSelector}${selector.namespace ? ` in ${selector.namespace}` : ''}`
    : targetList(targets);
  const namespaces = targets.filter((t) => isKind(t, kinds.namespace)).length;
  const mark = (f: Field) => (field === f ? '›' : ' ');
  return (
    <DialogFrame
      title="Delete"
      theme={theme}
      hint={run.phase === 'input' ? 'tab/↑↓ field · ←→/space change · enter delete · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          <Text color={theme.warn || undefined}>delete {what}?</Text>
          {namespaces ? (
            <Text color={theme.error || undefined}>deleting a namespace deletes everything in it</Text>
          ) : null}
          <Text>
            {mark('propagation')} propagation:{' '}
            {propagations.map((p) => (
              <Text key={p} inverse={p === propagation}>
                {` ${p} `}
              </Text>
            ))}
          </Text>
          <Box>
            <Text>{mark('grace')} grace period (s): </Text>
            <TextField
              value={grace}
              onChange={setGrace}
              focus={field === 'grace'}
              theme={theme}
              placeholder="default"
            />
          </Box>
          <Text>
            {mark('force')} force: {force ? '[x] skip graceful termination' : '[ ]'}
          </Text>
          {problem ? <Text color={theme.error || undefined}>{problem}</Text> : null}
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
