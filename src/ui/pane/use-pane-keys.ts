import { useStdin } from 'ink';
import { useEffect } from 'react';
import type { PaneManager } from './pane-manager.js';
import { PANE_ESCAPE } from './use-raw-input.js';

/**
 * The pane's keys while the list has focus and the pane is open: ctrl-] into the session, `[`/`]`
 * tabs, shift-p full screen, shift-x close the tab. Read from the raw input because Ink's key
 * parser has no name for ctrl-]. Make it inactive while a prompt or dialog takes text.
 */
export function usePaneKeys(manager: PaneManager, isActive: boolean): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  useEffect(() => {
    if (!isActive) return;
    if (isRawModeSupported) setRawMode(true);
    const onInput = (data: string) => {
      const active = manager.active;
      if (!active) return;
      if (data === PANE_ESCAPE) manager.setFocused(true);
      else if (data === ']') manager.cycle(1);
      else if (data === '[') manager.cycle(-1);
      else if (data === 'P') manager.toggleFullScreen();
      else if (data === 'X') manager.close(active.id);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [manager, isActive, events, setRawMode, isRawModeSupported]);
}
