import { Text, useInput } from 'ink';
import { DialogFrame } from '../dialogs/DialogFrame.js';
import type { Theme } from '../theme.js';

export interface PluginConfirmProps {
  title: string;
  commandLine: string;
  theme: Theme;
  onYes(): void;
  onNo(): void;
}

/** A plugin with `confirm: true` asks first, showing what it will run (as k9s does). */
export function PluginConfirm({ title, commandLine, theme, onYes, onNo }: PluginConfirmProps) {
  useInput((input, key) => {
    if (key.return || input === 'y') onYes();
    else if (key.escape || input === 'n') onNo();
  });
  return (
    <DialogFrame title={`Run ${title}?`} theme={theme} hint="enter/y run · esc/n cancel">
      <Text wrap="wrap">{commandLine}</Text>
    </DialogFrame>
  );
}
