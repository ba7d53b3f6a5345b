import { type ReactNode, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Services } from '../app-context.js';
import { logsKeyHandler } from '../logs/logs-key.js';
import type { Navigator, ResourceKeyHandler } from '../navigator.js';
import { ShellPicker } from '../shell/ShellPicker.js';
import { ShellLauncher } from '../shell/shell-launcher.js';
import { PaneManager } from './pane-manager.js';
import { usePaneState } from './use-pane-state.js';

export interface PaneHost {
  manager: PaneManager;
  launcher: ShellLauncher;
  /** The pane has the keyboard: the app's own key handlers must stay out (ctrl-c included). */
  focused: boolean;
  /** `s` shell, `a` attach, `l` logs on the selected row; chain it into the resource key handlers. */
  handleKey: ResourceKeyHandler;
  /** The container question while one is open (it takes the keys); draw it over the body. */
  picker: ReactNode | undefined;
}

/**
 * Everything the app needs for shells, attach and logs: one pane manager for the app's lifetime
 * (sessions survive navigation and context switches, and end when the app does), the shell
 * launcher bound to the current session's client and config, and the keys that start them.
 */
export function usePaneHost(services: Services, nav: Pick<Navigator, 'push'>): PaneHost {
  const [manager] = useState(() => new PaneManager());
  useEffect(() => () => manager.closeAll(), [manager]);
  const { client, config, flash, theme, readOnly } = services;
  const launcher = useMemo(
    () => new ShellLauncher({ client, manager, shell: () => config.shell, flash, readOnly }),
    [client, manager, config, flash, readOnly],
  );
  const state = usePaneState(manager);
  const pending = useSyncExternalStore(
    (fn) => launcher.subscribe(fn),
    () => launcher.pending,
  );
  const handleKey = useMemo<ResourceKeyHandler>(() => {
    const logs = logsKeyHandler(nav);
    return (ev) => launcher.handleKey(ev) || logs(ev);
  }, [launcher, nav]);
  return {
    manager,
    launcher,
    focused: state.focused,
    handleKey,
    picker: pending ? <ShellPicker launcher={launcher} theme={theme} /> : undefined,
  };
}
