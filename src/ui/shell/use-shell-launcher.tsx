import type { V1Pod } from '@kubernetes/client-node';
import { type ReactNode, useCallback, useState } from 'react';
import { useServices } from '../app-context.js';
import type { ResourceKeyHandler } from '../navigator.js';
import type { PaneManager } from '../pane/pane-manager.js';
import { type ContainerChoice, ContainerPicker } from './ContainerPicker.js';
import { ShellSession, shellPrecheck } from './shell-session.js';

export type ShellMode = 'exec' | 'attach';

export interface ShellLauncher {
  /** Chain into the resource view's key handlers: `s` shell and `a` attach on a selected pod. */
  handleKey: ResourceKeyHandler;
  /** Opens a shell (or attach) in a pod; asks which container when there are several and none is given. */
  open(pod: V1Pod, container: string | undefined, mode: ShellMode): void;
  /** The container picker while one is asked for; render it above the view. */
  overlay: ReactNode;
}

/** The containers of a pod one can exec into, regular ones first, with why the others cannot. */
export function containerChoices(pod: V1Pod): ContainerChoice[] {
  const running = new Set(
    [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const note = (name: string) => (running.has(name) ? undefined : 'not running');
  const withNote = (c: ContainerChoice) => {
    const n = note(c.name);
    return n === undefined ? c : { ...c, note: n };
  };
  return [
    ...(pod.spec?.containers ?? []).map((c) => withNote({ name: c.name, kind: '' })),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => withNote({ name: c.name, kind: 'ephemeral' })),
  ];
}

/** Shell and attach from the list into the pane, with a container picker and readable errors. */
export function useShellLauncher(manager: PaneManager): ShellLauncher {
  const { client, config, theme, flash } = useServices();
  const [picking, setPicking] = useState<{ pod: V1Pod; mode: ShellMode } | undefined>();

  const start = useCallback(
    (pod: V1Pod, container: string, mode: ShellMode) => {
      const problem = shellPrecheck(pod, container, mode);
      if (problem) {
        flash(problem, 'error');
        return;
      }
      const target = {
        namespace: pod.metadata?.namespace ?? 'default',
        pod: pod.metadata?.name ?? '',
        container,
      };
      const { cols, rows } = manager.size;
      ShellSession.open(client, target, { mode, commands: config.shell, cols, rows }).then(
        (session) =>
          manager.open(
            `${target.pod}/${container}${mode === 'attach' ? ' (attach)' : ''}`,
            mode === 'attach' ? 'attach' : 'shell',
            session,
          ),
        (e: unknown) => flash(e instanceof Error ? e.message : String(e), 'error'),
      );
    },
    [client, config.shell, flash, manager],
  );

  const open = useCallback(
    (pod: V1Pod, container: string | undefined, mode: ShellMode) => {
      const choices = containerChoices(pod);
      if (container !== undefined) start(pod, container, mode);
      else if (choices.length === 1 && choices[0]) start(pod, choices[0].name, mode);
      else if (choices.length === 0) flash(`pod ${pod.metadata?.name} has no containers`, 'error');
      else setPicking({ pod, mode });
    },
    [start, flash],
  );

  const handleKey: ResourceKeyHandler = useCallback(
    (ev) => {
      if ((ev.input !== 's' && ev.input !== 'a') || ev.ref.kind !== 'Pod' || !ev.selected) return false;
      open(ev.selected as V1Pod, undefined, ev.input === 's' ? 'exec' : 'attach');
      return true;
    },
    [open],
  );

  let overlay: ReactNode = null;
  if (picking) {
    const choices = containerChoices(picking.pod);
    const preferred = picking.pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    const initial = Math.max(
      0,
      choices.findIndex((c) => c.name === preferred),
    );
    overlay = (
      <ContainerPicker
        title={`${picking.mode === 'attach' ? 'Attach to' : 'Shell in'} which container of ${picking.pod.metadata?.name}?`}
        choices={choices}
        initial={initial}
        theme={theme}
        onPick={(name) => {
          setPicking(undefined);
          start(picking.pod, name, picking.mode);
        }}
        onCancel={() => setPicking(undefined)}
      />
    );
  }
  return { handleKey, open, overlay };
}
