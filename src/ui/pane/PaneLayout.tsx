import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.js';
import { Pane } from './Pane.js';
import type { PaneManager } from './pane-manager.js';
import { usePaneKeys } from './use-pane-keys.js';
import { usePaneState } from './use-pane-state.js';

export interface PaneLayoutProps {
  manager: PaneManager;
  width: number;
  height: number;
  theme: Theme;
  /** Whether the list side may take the pane keys now (false while a prompt or dialog has the keyboard). */
  keysActive: boolean;
  /** The view above the pane, given the height left for it. */
  children: (height: number) => ReactNode;
}

/** Share of the body the pane takes below the list. */
const PANE_SHARE = 0.55;

/** The body with the pane: the list alone, the list above the pane, or the pane full screen. */
export function PaneLayout({ manager, width, height, theme, keysActive, children }: PaneLayoutProps) {
  const state = usePaneState(manager);
  usePaneKeys(manager, keysActive && !state.focused);
  if (state.tabs.length === 0) return <>{children(height)}</>;
  if (state.fullScreen) return <Pane manager={manager} width={width} height={height} theme={theme} />;
  const paneHeight = Math.max(4, Math.round(height * PANE_SHARE));
  const listHeight = Math.max(1, height - paneHeight);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={listHeight} flexDirection="column" overflow="hidden">
        {children(listHeight)}
      </Box>
      <Pane manager={manager} width={width} height={paneHeight} theme={theme} />
    </Box>
  );
}
