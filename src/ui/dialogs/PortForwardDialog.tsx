import type { V1Pod } from '@kubernetes/client-node';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { ActionOutcome } from '../../kube/actions/outcome.js';
import { parsePorts } from '../../kube/actions/port-forward.js';
import { describeTarget } from '../../kube/actions/target.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { CheckedField, useCheckedValue } from './TextField.js';
import { useActionRun } from './use-action-run.js';

/** Starts a forward from 127.0.0.1 to the first target pod: its container ports listed, `local:pod` typed. */
export function PortForwardDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const pod = targets[0];
  const [ports, setPorts] = useState<string[]>([]);
  const input = useCheckedValue();
  // A useState setter: stable, so the effect does not rerun for it.
  const { setValue } = input;
  const run = useActionRun(onClose);
  useEffect(() => {
    if (!pod) return;
    const ctl = new AbortController();
    services.gate
      .context()
      .read.get<V1Pod>(pod, { signal: ctl.signal })
      .then(
        (p) => {
          const list = (p.spec?.containers ?? []).flatMap((c) =>
            (c.ports ?? []).map(
              (cp) =>
                `${c.name}:${cp.containerPort}${cp.name ? ` (${cp.name})` : ''}/${cp.protocol ?? 'TCP'}`,
            ),
          );
          setPorts(list);
          const first = p.spec?.containers?.flatMap((c) => c.ports ?? [])[0];
          if (first) setValue(String(first.containerPort));
        },
        () => setPorts([]),
      );
    return () => ctl.abort();
  }, [pod, services.gate, setValue]);
  const submit = (text: string) => {
    const parsed = parsePorts(text);
    if (typeof parsed === 'string' || !pod?.namespace) {
      input.setProblem(typeof parsed === 'string' ? parsed : 'select a pod');
      return;
    }
    run.start(async (): Promise<ActionOutcome> => {
      const object = describeTarget(pod);
      try {
        const f = await services.forwards.start(services.gate.context().read, {
          namespace: pod.namespace ?? '',
          pod: pod.name,
          podPort: parsed.podPort,
          localPort: parsed.localPort,
        });
        return {
          action: 'port-forward',
          done: [{ object, note: `127.0.0.1:${f.localPort} → ${parsed.podPort} (:pf lists, stops)` }],
          failures: [],
          cancelled: false,
        };
      } catch (err) {
        const hint = (err as { hint?: string }).hint ?? 'see the message';
        return {
          action: 'port-forward',
          done: [],
          failures: [
            { object, message: err instanceof Error ? err.message : String(err), hint, reason: 'Error' },
          ],
          cancelled: false,
        };
      }
    });
  };
  return (
    <DialogFrame
      title={`Port-forward: ${pod ? describeTarget(pod) : ''}`}
      theme={theme}
      hint={
        run.phase === 'input' ? 'port or local:pod (0 = any local) · enter start · esc cancel' : undefined
      }
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          {ports.length ? (
            ports.map((p) => (
              <Text key={p} color={theme.dim || undefined}>
                {p}
              </Text>
            ))
          ) : (
            <Text color={theme.dim || undefined}>no declared container ports</Text>
          )}
          <CheckedField
            label="ports"
            value={input.value}
            problem={input.problem}
            onChange={input.edit}
            onSubmit={submit}
            onCancel={() => onClose()}
            theme={theme}
            placeholder="8080:80"
          />
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
