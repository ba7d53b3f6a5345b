import { useSyncExternalStore } from 'react';
import type { Theme } from '../theme.js';
import { ContainerPicker } from './ContainerPicker.js';
import type { ShellLauncher } from './shell-launcher.js';

/** The launcher's container question, when it has one; nothing otherwise. */
export function ShellPicker({ launcher, theme }: { launcher: ShellLauncher; theme: Theme }) {
  const pending = useSyncExternalStore(
    (fn) => launcher.subscribe(fn),
    () => launcher.pending,
  );
  if (!pending) return null;
  return (
    <ContainerPicker
      title={`${pending.mode === 'attach' ? 'Attach to' : 'Shell in'} which container of ${pending.pod.metadata?.name}?`}
      choices={pending.choices}
      initial={pending.initial}
      theme={theme}
      onPick={(name) => launcher.pick(name)}
      onCancel={() => launcher.cancel()}
    />
  );
}
