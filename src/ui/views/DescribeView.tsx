import type { CoreV1Event } from '@kubernetes/client-node';
import { useMemo } from 'react';
import { describe } from '../../model/describe/index.js';
import { useServices } from '../app-context.js';
import { TextView } from '../components/TextView.js';
import { useObject } from '../hooks/use-object.js';
import { useQuery } from '../hooks/use-query.js';
import type { ObjectRef } from '../router.js';

export interface DescribeViewProps {
  target: ObjectRef;
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

/** `kubectl describe`, live: the object and its events come from watches. */
export function DescribeView({ target, width, height, active, onSearching }: DescribeViewProps) {
  const { theme, discovery } = useServices();
  const { obj, state, error } = useObject(target);
  const events = discovery.resolve('events');
  const eventQuery = useMemo(
    () =>
      events
        ? {
            resource: events,
            namespaces: target.namespace ? [target.namespace] : undefined,
            fieldSelector: `involvedObject.name=${target.name}`,
          }
        : undefined,
    [events, target.namespace, target.name],
  );
  const evSnap = useQuery(eventQuery);
  const lines = useMemo(() => {
    if (!obj)
      return [
        state === 'backoff'
          ? `error: ${error ?? 'unreachable'}`
          : state === 'watching'
            ? `${target.name} is gone`
            : 'Loading…',
      ];
    const related = (evSnap.items as CoreV1Event[]).filter(
      (e) => e.involvedObject?.kind === (obj.kind ?? target.ref.kind),
    );
    return describe({ ...obj, kind: obj.kind ?? target.ref.kind }, { events: related }, Date.now()).split(
      '\n',
    );
  }, [obj, evSnap.items, state, error, target]);
  return (
    <TextView
      title={`describe ${target.ref.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`}
      lines={lines}
      colorize={(l) => {
        const m = /^(\s*)([A-Za-z][\w .()/-]*:)(.*)$/.exec(l);
        return m
          ? [{ text: m[1]! }, { text: m[2]!, color: theme.yaml.key || undefined }, { text: m[3]! }]
          : [{ text: l }];
      }}
      width={width}
      height={height}
      active={active}
      theme={theme}
      onSearching={onSearching}
    />
  );
}
