import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.js';

export interface DialogFrameProps {
  title: string;
  theme: Theme;
  /** Key hints on the last line, e.g. `enter scale · esc cancel`. */
  hint?: string;
  children: ReactNode;
}

/** The bordered box every action dialog is drawn in. */
export function DialogFrame({ title, theme, hint, children }: DialogFrameProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border || undefined} paddingX={1}>
      <Text bold color={theme.title || undefined}>
        {title}
      </Text>
      {children}
      {hint ? <Text color={theme.dim || undefined}>{hint}</Text> : null}
    </Box>
  );
}
