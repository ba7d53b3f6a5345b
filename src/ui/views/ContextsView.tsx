import type { KubeConfig } from '@kubernetes/client-node';
import type { Column, Row } from '../../model/table.js';
import { useServices } from '../app-context.js';
import { SimpleTable } from '../components/SimpleTable.js';

const COLUMNS: Column[] = [
  { name: 'NAME' },
  { name: 'CLUSTER' },
  { name: 'AUTHINFO' },
  { name: 'NAMESPACE' },
  { name: 'SERVER' },
];

export interface ContextsViewProps {
  kc: KubeConfig;
  current: string;
  width: number;
  height: number;
  active: boolean;
  onSwitch(context: string): void;
}

/** The kubeconfig's contexts, like `kubectl config get-contexts`; enter switches without restarting. */
export function ContextsView({ kc, current, width, height, active, onSwitch }: ContextsViewProps) {
  const { theme } = useServices();
  const rows: Row[] = kc.contexts.map((c) => ({
    key: c.name,
    name: c.name,
    cells: [
      `${c.name}${c.name === current ? ' (current)' : ''}`,
      c.cluster,
      c.user,
      c.namespace ?? '',
      kc.getCluster(c.cluster)?.server ?? '<no cluster>',
    ],
    health: c.name === current ? 'ok' : 'neutral',
  }));
  return (
    <SimpleTable
      title="contexts"
      columns={COLUMNS}
      rows={rows}
      width={width}
      height={height}
      active={active}
      theme={theme}
      footer=" enter switches context · esc back"
      onEnter={(row) => onSwitch(row.key)}
    />
  );
}
