import { Text, useInput } from 'ink';
import { DialogFrame } from '../../dialogs/DialogFrame.js';
import type { Theme } from '../../theme.js';

export interface HelmConfirmProps {
  title: string;
  /** The command as it will run, shown in full so there is no surprise. */
  command: string;
  question: string;
  theme: Theme;
  onYes(): void;
  onNo(): void;
}

/** y/enter runs the helm command in the pane, n/esc closes. */
export function HelmConfirm({ title, command, question, theme, onYes, onNo }: HelmConfirmProps) {
  useInput((input, key) => {
    if (input === 'y' || key.return) onYes();
    else if (input === 'n' || key.escape) onNo();
  });
  return (
    <DialogFrame title={title} theme={theme} hint="y/enter yes · n/esc no">
      <Text>{question}</Text>
      <Text color={theme.dim || undefined}>{`runs: ${command}`}</Text>
    </DialogFrame>
  );
}
