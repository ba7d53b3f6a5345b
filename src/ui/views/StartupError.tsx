import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { Theme } from '../theme.js';

export interface StartupErrorProps {
  /** Re-reads what failed: undefined when it now works, else the new message. */
  retry(): string | undefined;
  initial: string;
  theme: Theme;
  onFixed(): void;
  onQuit(): void;
}

/** Shown instead of the app when the kubeconfig cannot be used: says why and tries again every 2 s. */
export function StartupError({ retry, initial, theme, onFixed, onQuit }: StartupErrorProps) {
  const { columns, rows } = useTerminalSize();
  const [message, setMessage] = useState(initial);
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    const t = setInterval(() => {
      const m = retry();
      setAttempts((a) => a + 1);
      if (m === undefined) onFixed();
      else setMessage(m);
    }, 2000);
    return () => clearInterval(t);
  }, [retry, onFixed]);
  useInput((input, key) => {
    if ((key.ctrl && input === 'c') || input === 'q') onQuit();
  });
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
      <Text bold color={theme.title}>
        {' kdeck '}
      </Text>
      <Text color={theme.error} wrap="wrap">{` ${message}`}</Text>
      <Text color={theme.dim} wrap="wrap">
        {` Fix the file (or pass --kubeconfig, --context, or --demo); kdeck reads it again every 2 s (${attempts} tries). q or ctrl-c quits.`}
      </Text>
    </Box>
  );
}
