import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { ActiveForward } from '../../kube/actions/port-forward.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { formatBytes } from './OutcomeView.js';

/** The active forwards, live: ↑↓ select, ctrl-d or x stops one, esc closes. */
export function PortForwardList({ services, onClose }: DialogProps) {
  const { theme, forwards } = services;
  const [list, setList] = useState<ActiveForward[]>(() => forwards.list());
  const [row, setRow] = useState(0);
  useEffect(() => forwards.subscribe(() => setList(forwards.list())), [forwards]);
  useInput((input, key) => {
    if (key.upArrow) setRow((r) => Math.max(0, r - 1));
    else if (key.downArrow) setRow((r) => Math.min(list.length - 1, r + 1));
    else if ((key.ctrl && input === 'd') || input === 'x') {
      const f = list[row];
      if (f)
        forwards.stop(f.id).then(() => setRow((r) => Math.max(0, Math.min(r, forwards.list().length - 1))));
    } else if (key.escape || input === 'q') onClose();
  });
  return (
    <DialogFrame title="Port-forwards" theme={theme} hint="↑↓ select · ctrl-d/x stop · esc close">
      {list.length === 0 ? (
        <Text color={theme.dim || undefined}>none active (shift-f on a pod starts one)</Text>
      ) : null}
      <Box flexDirection="column">
        {list.map((f, i) => (
          <Text key={f.id} inverse={i === row}>
            {`127.0.0.1:${f.localPort} → ${f.spec.namespace}/${f.spec.pod}:${f.spec.podPort}  ${f.connections} conn  ↓${formatBytes(f.bytesIn)} ↑${formatBytes(f.bytesOut)}`}
            {f.lastError ? <Text color={theme.error || undefined}>{`  ${f.lastError}`}</Text> : null}
          </Text>
        ))}
      </Box>
    </DialogFrame>
  );
}
