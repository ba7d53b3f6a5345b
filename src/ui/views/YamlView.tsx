import { useMemo, useState } from 'react';
import { highlightYaml, toYamlView } from '../../model/yaml-view.js';
import { useServices } from '../app-context.js';
import { TextView } from '../components/TextView.js';
import { useObject } from '../hooks/use-object.js';
import type { ObjectRef } from '../router.js';

export interface YamlViewProps {
  target: ObjectRef;
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

/** The object's YAML, live from the watch; Secret values masked until `x`. */
export function YamlView({ target, width, height, active, onSearching }: YamlViewProps) {
  const { theme } = useServices();
  const { obj, state, error } = useObject(target);
  const [reveal, setReveal] = useState(false);
  const isSecret = target.ref.kind === 'Secret';
  const lines = useMemo(() => {
    if (!obj)
      return [
        state === 'backoff'
          ? `error: ${error ?? 'unreachable'}`
          : state === 'watching'
            ? `${target.name} is gone`
            : 'Loading…',
      ];
    return toYamlView({ ...obj, kind: obj.kind ?? target.ref.kind }, { revealSecrets: reveal }).split('\n');
  }, [obj, reveal, state, error, target]);
  const roleColor: Record<string, string | undefined> = {
    key: theme.yaml.key,
    string: theme.yaml.string,
    number: theme.yaml.number,
    bool: theme.yaml.bool,
    null: theme.yaml.null,
    comment: theme.yaml.comment,
    punct: theme.yaml.punct,
  };
  return (
    <TextView
      title={`${target.ref.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`}
      lines={lines}
      colorize={(l) => highlightYaml(l).map((s) => ({ text: s.text, color: roleColor[s.role] || undefined }))}
      width={width}
      height={height}
      active={active}
      theme={theme}
      hint={isSecret ? (reveal ? 'values revealed, x masks' : 'values masked, x reveals') : undefined}
      onKey={(input) => {
        if (input === 'x' && isSecret) setReveal((r) => !r);
      }}
      onSearching={onSearching}
    />
  );
}
