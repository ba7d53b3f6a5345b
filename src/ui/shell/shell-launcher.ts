import type { V1Pod } from '@kubernetes/client-node';
import type { KubeClient } from '../../kube/client.js';
import type { ResourceKeyHandler } from '../navigator.js';
import type { PaneManager } from '../pane/pane-manager.js';
import type { ContainerChoice } from './ContainerPicker.js';
import { ShellSession, shellPrecheck } from './shell-session.js';

export type ShellMode = 'exec' | 'attach';

export interface ShellLauncherDeps {
  client: Pick<KubeClient, 'websocket'>;
  manager: PaneManager;
  /** Shell commands tried in order (config `shell`, default bash then sh). */
  shell: () => readonly string[];
  flash(message: string, level?: 'info' | 'warn' | 'error'): void;
  /** Read-only sessions run no commands in containers (exec is a write: RBAC's create on pods/exec), as in k9s. */
  readOnly?: boolean;
}

/** A container question waiting for the user: which container of this pod. */
export interface PendingPick {
  pod: V1Pod;
  mode: ShellMode;
  choices: ContainerChoice[];
  initial: number;
}

/** The containers of a pod one can exec into, regular ones first, with why the others cannot. */
export function containerChoices(pod: V1Pod): ContainerChoice[] {
  const running = new Set(
    [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const withNote = (c: ContainerChoice): ContainerChoice =>
    running.has(c.name) ? c : { ...c, note: 'not running' };
  return [
    ...(pod.spec?.containers ?? []).map((c) => withNote({ name: c.name, kind: '' })),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => withNote({ name: c.name, kind: 'ephemeral' })),
  ];
}

/**
 * Starts shells and attaches into the pane: picks the container (asking when there are several),
 * checks the pod can take it, and turns refusals into one readable line. A plain object the app
 * creates once; the picker it may ask for is `pending`, drawn by ContainerPicker.
 */
export class ShellLauncher {
  #pending: PendingPick | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly deps: ShellLauncherDeps) {}

  get pending(): PendingPick | undefined {
    return this.#pending;
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** `s` shell and `a` attach on a selected pod; chain it into the resource view's key handlers. */
  readonly handleKey: ResourceKeyHandler = (ev) => {
    if ((ev.input !== 's' && ev.input !== 'a') || ev.ref.kind !== 'Pod' || !ev.selected) return false;
    this.open(ev.selected as V1Pod, undefined, ev.input === 's' ? 'exec' : 'attach');
    return true;
  };

  /** Opens a session in the pod; with no container given and several to choose from, asks first. */
  open(pod: V1Pod, container: string | undefined, mode: ShellMode): void {
    const choices = containerChoices(pod);
    const only = choices.length === 1 ? choices[0]?.name : undefined;
    if (container !== undefined || only !== undefined) {
      void this.start(pod, container ?? (only as string), mode);
      return;
    }
    if (choices.length === 0) {
      this.deps.flash(`pod ${pod.metadata?.name} has no containers`, 'error');
      return;
    }
    const preferred = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    this.#pending = {
      pod,
      mode,
      choices,
      initial: Math.max(
        0,
        choices.findIndex((c) => c.name === preferred),
      ),
    };
    this.#changed();
  }

  pick(container: string): void {
    const p = this.#pending;
    this.#pending = undefined;
    this.#changed();
    if (p) void this.start(p.pod, container, p.mode);
  }

  cancel(): void {
    this.#pending = undefined;
    this.#changed();
  }

  /** Resolves once the session is in the pane, or the error was flashed. */
  async start(pod: V1Pod, container: string, mode: ShellMode): Promise<void> {
    if (this.deps.readOnly) {
      this.deps.flash(`${mode === 'attach' ? 'attach' : 'shell'}: kdeck is read-only`, 'warn');
      return;
    }
    const problem = shellPrecheck(pod, container, mode);
    if (problem) {
      this.deps.flash(problem, 'error');
      return;
    }
    const target = {
      namespace: pod.metadata?.namespace ?? 'default',
      pod: pod.metadata?.name ?? '',
      container,
    };
    const { cols, rows } = this.deps.manager.size;
    try {
      const spec = pod.spec?.containers.find((c) => c.name === container);
      // Attach joins what the container has: a TTY and stdin only if its spec allocated them.
      const io = mode === 'attach' ? { tty: spec?.tty === true, stdin: spec?.stdin === true } : {};
      const session = await ShellSession.open(this.deps.client, target, {
        ...io,
        mode,
        commands: this.deps.shell(),
        cols,
        rows,
      });
      const title = `${target.pod}/${container}${mode === 'attach' ? ' (attach)' : ''}`;
      this.deps.manager.open(title, mode === 'attach' ? 'attach' : 'shell', session);
    } catch (e) {
      this.deps.flash(e instanceof Error ? e.message : String(e), 'error');
    }
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }
}
