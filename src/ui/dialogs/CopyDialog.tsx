import type { V1Pod } from '@kubernetes/client-node';
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { copyFromPod, copyToPod } from '../../kube/actions/copy.js';
import { describeTarget } from '../../kube/actions/target.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { TextField } from './TextField.js';
import { useActionRun } from './use-action-run.js';

type Field = 'direction' | 'container' | 'remote' | 'local';
const fields: Field[] = ['direction', 'container', 'remote', 'local'];

/** kubectl cp from the keyboard: direction, container, the two paths; a progress bar with bytes; esc cancels. */
export function CopyDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const pod = targets[0];
  const [toPod, setToPod] = useState(false);
  const [containers, setContainers] = useState<string[]>([]);
  const [container, setContainer] = useState('');
  const [remote, setRemote] = useState('/tmp/');
  const [local, setLocal] = useState('.');
  const [field, setField] = useState<Field>('remote');
  const run = useActionRun(onClose);
  useEffect(() => {
    if (!pod) return;
    const ctl = new AbortController();
    services.gate
      .context()
      .read.get<V1Pod>(pod, { signal: ctl.signal })
      .then(
        (p) => {
          const names = (p.spec?.containers ?? []).map((c) => c.name);
          setContainers(names);
          setContainer((c) => c || (names[0] ?? ''));
        },
        () => setContainers([]),
      );
    return () => ctl.abort();
  }, [pod, services.gate]);
  const submit = () => {
    if (!pod) return;
    const where = {
      namespace: pod.namespace ?? '',
      pod: pod.name,
      container: container || undefined,
      path: remote,
    };
    const ctx = services.gate.context();
    run.start((opts) => (toPod ? copyToPod(ctx, local, where, opts) : copyFromPod(ctx, where, local, opts)));
  };
  useInput(
    (input, key) => {
      if (key.escape) onClose();
      else if (key.return) submit();
      else if (key.tab || key.downArrow) setField((f) => fields[(fields.indexOf(f) + 1) % fields.length]);
      else if (key.upArrow) setField((f) => fields[(fields.indexOf(f) + fields.length - 1) % fields.length]);
      else if (field === 'direction' && (input === ' ' || key.leftArrow || key.rightArrow))
        setToPod((v) => !v);
      else if (
        field === 'container' &&
        (input === ' ' || key.leftArrow || key.rightArrow) &&
        containers.length
      ) {
        setContainer((c) => containers[(containers.indexOf(c) + 1) % containers.length]);
      }
    },
    { isActive: run.phase === 'input' },
  );
  const mark = (f: Field) => (field === f ? '›' : ' ');
  return (
    <DialogFrame
      title={`Copy: ${pod ? describeTarget(pod) : ''}`}
      theme={theme}
      hint={run.phase === 'input' ? 'tab/↑↓ field · space change · enter copy · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          <Text>
            {mark('direction')} direction: <Text inverse>{toPod ? ' local → pod ' : ' pod → local '}</Text>
          </Text>
          <Text>
            {mark('container')} container: {container || '(default)'}
          </Text>
          <Box>
            <Text>{mark('remote')} path in container: </Text>
            <TextField value={remote} onChange={setRemote} focus={field === 'remote'} theme={theme} />
          </Box>
          <Box>
            <Text>{mark('local')} local path: </Text>
            <TextField value={local} onChange={setLocal} focus={field === 'local'} theme={theme} />
          </Box>
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
