import { Text, useInput } from 'ink';
import { useState } from 'react';
import { DialogFrame } from '../dialogs/DialogFrame.js';
import type { Theme } from '../theme.js';

export interface ContainerChoice {
  name: string;
  /** `init`, `ephemeral`, or empty for a regular container. */
  kind: string;
  /** Why it cannot be chosen (not running), shown dimmed. */
  note?: string;
}

export interface ContainerPickerProps {
  title: string;
  choices: readonly ContainerChoice[];
  /** Index selected at first (the pod's default-container annotation). */
  initial?: number;
  theme: Theme;
  onPick(name: string): void;
  onCancel(): void;
}

/** Picks one container of a pod: j/k or arrows, 1-9 directly, enter to take, esc to cancel. */
export function ContainerPicker({
  title,
  choices,
  initial = 0,
  theme,
  onPick,
  onCancel,
}: ContainerPickerProps) {
  const [index, setIndex] = useState(Math.min(initial, choices.length - 1));
  useInput((input, key) => {
    if (key.escape) onCancel();
    else if (key.return) {
      const c = choices[index];
      if (c) onPick(c.name);
    } else if (input === 'j' || key.downArrow) setIndex((i) => Math.min(choices.length - 1, i + 1));
    else if (input === 'k' || key.upArrow) setIndex((i) => Math.max(0, i - 1));
    else if (/^[1-9]$/.test(input)) {
      const c = choices[Number(input) - 1];
      if (c) onPick(c.name);
    }
  });
  return (
    <DialogFrame title={title} theme={theme} hint="enter choose · 1-9 pick · esc cancel">
      {choices.map((c, i) => (
        <Text key={c.name} inverse={i === index} color={c.note ? theme.dim : undefined}>
          {`${i + 1} ${c.name}`}
          {c.kind ? ` (${c.kind})` : ''}
          {c.note ? ` — ${c.note}` : ''}
        </Text>
      ))}
    </DialogFrame>
  );
}
