import { useSyncExternalStore } from 'react';
import type { PaneManager, PaneState } from './pane-manager.js';

/** The pane's tabs, focus and layout; re-renders when they change, not on terminal output. */
export function usePaneState(manager: PaneManager): PaneState {
  return useSyncExternalStore(
    (fn) => manager.subscribe(fn),
    () => manager.state(),
  );
}
