import type { KubernetesObject } from '@kubernetes/client-node';
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { apiPath } from '../../kube/discovery.js';
import { type LogTarget, logTargetFor } from '../../model/log-target.js';
import { useServices } from '../app-context.js';
import type { ObjectRef } from '../router.js';
import { LogView } from './LogView.js';

export interface LogsRouteProps {
  /** The pod, workload or service whose logs to follow (the router's `logs` route). */
  target: ObjectRef;
  container?: string;
  width: number;
  height: number;
  /** Leave the view on esc, when the app does not handle esc itself. */
  onBack?(): void;
  /** The app's setSearching: while the view's filter is open or set, esc and typing are the view's. */
  onSearching?(owns: boolean): void;
  isActive?: boolean;
}

/** The `logs` route: reads the object once for its selector, then hands over to the log view. */
export function LogsRoute({
  target,
  container,
  width,
  height,
  onBack,
  onSearching,
  isActive,
}: LogsRouteProps) {
  const { client, theme } = useServices();
  const [resolved, setResolved] = useState<LogTarget | { error: string } | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    setResolved(undefined);
    client
      .request<KubernetesObject>({
        path: apiPath(target.ref, target.namespace, target.name),
        signal: abort.signal,
      })
      .then(
        (obj) => setResolved(logTargetFor({ ...obj, kind: obj.kind ?? target.ref.kind }, container)),
        (e: unknown) => {
          if (!abort.signal.aborted) setResolved({ error: e instanceof Error ? e.message : String(e) });
        },
      );
    return () => abort.abort();
  }, [client, target, container]);
  if (!resolved) return <Text color={theme.dim}>reading {target.name}…</Text>;
  if ('error' in resolved) return <Text color={theme.error}>{resolved.error}</Text>;
  return (
    <LogView
      target={resolved}
      width={width}
      height={height}
      onBack={onBack}
      onSearching={onSearching}
      isActive={isActive}
    />
  );
}
