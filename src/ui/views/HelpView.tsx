import { useEffect, useMemo, useState } from 'react';
import type { ResourceRef } from '../../kube/discovery.js';
import { useServices } from '../app-context.js';
import { TextView } from '../components/TextView.js';
import { keysByScope, SCOPE_TITLES } from '../keys/index.js';
import type { KeyBinding } from '../keys/key-binding.js';

export interface HelpViewProps {
  keys: KeyBinding[];
  /** False in read-only mode: actions that change the cluster are not listed. */
  allowMutations: boolean;
  /** The list help was opened from, and how to ask which of its actions RBAC allows. */
  from?: { ref: ResourceRef; namespace?: string };
  filter?: (ref: ResourceRef, namespace: string | undefined) => Promise<(k: KeyBinding) => boolean>;
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

/** Every key, grouped by where it works; generated from the same table as the README. */
export function HelpView({
  keys,
  allowMutations,
  from,
  filter,
  width,
  height,
  active,
  onSearching,
}: HelpViewProps) {
  const { theme } = useServices();
  const [allowed, setAllowed] = useState<{ keep: (k: KeyBinding) => boolean } | undefined>();
  useEffect(() => {
    if (!from || !filter) return;
    let live = true;
    filter(from.ref, from.namespace)
      .then((keep) => live && setAllowed({ keep }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [from, filter]);
  const lines = useMemo(() => {
    const out: string[] = [];
    if (from && allowed)
      out.push(
        `Actions shown for ${from.ref.resource}: only those your RBAC allows${from.namespace ? ` in ${from.namespace}` : ''}.`,
        '',
      );
    const shown = allowed ? keys.filter(allowed.keep) : keys;
    for (const [scope, list] of keysByScope(shown, allowMutations)) {
      out.push(`${SCOPE_TITLES[scope]}`);
      for (const k of list) out.push(`  ${k.key.padEnd(14)} ${k.description}${k.note ? ` (${k.note})` : ''}`);
      out.push('');
    }
    if (!allowMutations) out.push('Read-only: keys that change the cluster are hidden and refused.');
    return out;
  }, [keys, allowMutations, allowed, from]);
  return (
    <TextView
      title="Help — keys"
      lines={lines}
      colorize={(l) =>
        l.startsWith('  ')
          ? [{ text: l.slice(0, 17), color: theme.key }, { text: l.slice(17) }]
          : [{ text: l, color: theme.title }]
      }
      width={width}
      height={height}
      active={active}
      theme={theme}
      onSearching={onSearching}
    />
  );
}
