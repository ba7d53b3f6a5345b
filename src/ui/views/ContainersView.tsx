import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { Key } from 'ink';
import type { Column, Row } from '../../model/table.js';
import { useServices } from '../app-context.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useObject } from '../hooks/use-object.js';
import type { ObjectRef } from '../router.js';

const COLUMNS: Column[] = [
  { name: 'NAME' },
  { name: 'TYPE' },
  { name: 'IMAGE' },
  { name: 'READY' },
  { name: 'STATE' },
  { name: 'RESTARTS', align: 'right' },
  { name: 'PORTS' },
];

function stateText(s: V1ContainerStatus | undefined): [string, Row['health']] {
  if (!s?.state) return ['Waiting', 'pending'];
  if (s.state.running) return ['Running', s.ready ? 'ok' : 'warn'];
  if (s.state.terminated)
    return [s.state.terminated.reason ?? 'Terminated', s.state.terminated.exitCode === 0 ? 'done' : 'error'];
  const reason = s.state.waiting?.reason ?? 'Waiting';
  return [reason, /BackOff|Err/.test(reason) ? 'error' : 'pending'];
}

export interface ContainersViewProps {
  pod: ObjectRef;
  width: number;
  height: number;
  active: boolean;
  /** Keys for a container (shell, logs, attach), with the pod and the container name. */
  onKey?: (input: string, key: Key, pod: V1Pod, container: string) => void;
}

/** The containers of one pod, init containers first, live. */
export function ContainersView({ pod, width, height, active, onKey }: ContainersViewProps) {
  const { theme } = useServices();
  const { obj } = useObject(pod);
  const p = obj as V1Pod | undefined;
  const rows: Row[] = [];
  const statuses = new Map(
    [...(p?.status?.initContainerStatuses ?? []), ...(p?.status?.containerStatuses ?? [])].map((s) => [
      s.name,
      s,
    ]),
  );
  const add = (
    c: {
      name: string;
      image?: string;
      ports?: { containerPort: number; protocol?: string; name?: string }[];
    },
    type: string,
  ) => {
    const s = statuses.get(c.name);
    const [state, health] = stateText(s);
    rows.push({
      key: c.name,
      name: c.name,
      cells: [
        c.name,
        type,
        c.image ?? '',
        s?.ready ? 'true' : 'false',
        state,
        String(s?.restartCount ?? 0),
        (c.ports ?? [])
          .map((x) => `${x.name ? `${x.name}:` : ''}${x.containerPort}/${x.protocol ?? 'TCP'}`)
          .join(','),
      ],
      health,
    });
  };
  for (const c of p?.spec?.initContainers ?? []) add(c, 'init');
  for (const c of p?.spec?.containers ?? []) add(c, 'app');
  return (
    <SimpleTable
      title={`containers of ${pod.namespace}/${pod.name}`}
      columns={COLUMNS}
      rows={rows}
      width={width}
      height={height}
      active={active}
      theme={theme}
      onKey={(input, key, row) => {
        if (p && row) onKey?.(input, key, p, row.name);
      }}
    />
  );
}
