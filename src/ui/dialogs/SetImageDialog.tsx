import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { type ContainerImage, readContainerImages, setImage } from '../../kube/actions/set-image.js';
import { targetList } from './ConfirmDialog.js';
import { DialogFrame } from './DialogFrame.js';
import type { DialogProps } from './dialog-services.js';
import { OutcomeView, ProgressView } from './OutcomeView.js';
import { TextField } from './TextField.js';
import { useActionRun } from './use-action-run.js';

/** One line per container of the first target: ↑↓ picks, typing replaces its image, enter sets the changed ones. */
export function SetImageDialog({ targets, services, onClose }: DialogProps) {
  const { theme } = services;
  const [containers, setContainers] = useState<ContainerImage[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [images, setImages] = useState<Record<string, string>>({});
  const [row, setRow] = useState(0);
  const run = useActionRun(onClose);
  useEffect(() => {
    const ctl = new AbortController();
    if (!targets[0]) return;
    readContainerImages(services.gate.context(), targets[0], ctl.signal).then(
      (cs) => {
        setContainers(cs);
        setImages(Object.fromEntries(cs.map((c) => [c.name, c.image])));
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => ctl.abort();
  }, [targets, services.gate]);
  const submit = () => {
    const changed = Object.fromEntries(
      (containers ?? []).filter((c) => images[c.name] !== c.image).map((c) => [c.name, images[c.name]]),
    );
    if (Object.keys(changed).length === 0) onClose();
    else run.start((opts) => setImage(services.gate.context(), targets, changed, opts));
  };
  useInput(
    (_input, key) => {
      if (key.upArrow) setRow((r) => Math.max(0, r - 1));
      else if (key.downArrow) setRow((r) => Math.min((containers?.length ?? 1) - 1, r + 1));
      else if (key.escape) onClose();
    },
    { isActive: run.phase === 'input' },
  );
  const current = containers?.[row];
  return (
    <DialogFrame
      title={`Set image: ${targetList(targets)}`}
      theme={theme}
      hint={run.phase === 'input' ? '↑↓ container · type the image · enter apply · esc cancel' : undefined}
    >
      {run.phase === 'input' ? (
        <Box flexDirection="column">
          {loadError ? <Text color={theme.error || undefined}>{loadError}</Text> : null}
          {!containers && !loadError ? <Text color={theme.dim || undefined}>reading containers…</Text> : null}
          {(containers ?? []).map((c, i) => (
            <Box key={`${c.init}-${c.name}`}>
              <Text inverse={i === row}>{`${c.name}${c.init ? ' (init)' : ''}`.padEnd(24)}</Text>
              <Text> </Text>
              {i === row && current ? (
                <TextField
                  value={images[c.name] ?? ''}
                  onChange={(v) => setImages((all) => ({ ...all, [c.name]: v }))}
                  onSubmit={submit}
                  focus
                  theme={theme}
                />
              ) : (
                <Text color={images[c.name] !== c.image ? theme.highlight || undefined : undefined}>
                  {images[c.name]}
                </Text>
              )}
            </Box>
          ))}
        </Box>
      ) : null}
      {run.phase === 'running' ? <ProgressView progress={run.progress} theme={theme} /> : null}
      {run.phase === 'result' && run.outcome ? <OutcomeView outcome={run.outcome} theme={theme} /> : null}
    </DialogFrame>
  );
}
