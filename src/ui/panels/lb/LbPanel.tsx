import { Box, Text, useInput } from 'ink';
import { useMemo, useReducer, useRef } from 'react';
import { lbSummary } from '../../../model/lb/lb-table.js';
import type { LbView } from '../../../model/lb/lb-view.js';
import { useServices } from '../../app-context.js';
import { ResourceTable } from '../../components/ResourceTable.js';
import type { Theme } from '../../theme.js';
import {
  initialLbPanelState,
  type LbPane,
  type LbPanelState,
  type LbTableState,
  lbPanelKey,
  lbTables,
  selectedPoolName,
} from './lb-panel-state.js';
import { type LbPanelData, useLbPanel } from './use-lb-panel.js';

/** The object `enter` on a service asks the app to open. */
export interface LbObjectRef {
  resource: 'services';
  namespace: string;
  name: string;
}

export interface LbPanelProps {
  width: number;
  height: number;
  /** False while something else (a prompt, an overlay) takes the keys. */
  focused?: boolean;
  /** MetalLB's --lb-class, when it runs with one. */
  metallbClass?: string;
  onOpenObject(ref: LbObjectRef): void;
}

const NO_MARKS: ReadonlySet<string> = new Set();

const SEVERITY_MARK = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

/** The `:lb` view: MetalLB pools with usage bars over the LoadBalancer services, live from the store. */
export function LbPanel(props: LbPanelProps) {
  const data = useLbPanel({ metallbClass: props.metallbClass });
  const { theme } = useServices();
  return <LbPanelView {...props} data={data} theme={theme} />;
}

export interface LbPanelViewProps extends LbPanelProps {
  data: LbPanelData;
  theme: Theme;
}

/** The panel drawn from its data, with its keys; separate from the watches so tests can render it. */
export function LbPanelView({ width, height, focused = true, onOpenObject, data, theme }: LbPanelViewProps) {
  const view: LbView = data.view;
  // State lives in a ref so keys typed faster than a render (paste, SSH bursts) each see the previous key's result.
  const stateRef = useRef<LbPanelState>(initialLbPanelState);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const st = stateRef.current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tables depend on exactly these parts of the state.
  const tables = useMemo(() => lbTables(view, st), [view, st.pools.filter, st.services.filter, st.poolScope]);

  useInput(
    (input, key) => {
      const before = stateRef.current;
      // Reuse the rendered tables unless an earlier key in this burst changed what they show.
      const same =
        before.pools.filter === st.pools.filter &&
        before.services.filter === st.services.filter &&
        before.poolScope === st.poolScope;
      const r = lbPanelKey(before, input, key, same ? tables : lbTables(view, before));
      stateRef.current = r.state;
      if (r.open) onOpenObject({ resource: 'services', ...r.open });
      if (r.state !== before) rerender();
    },
    { isActive: focused },
  );

  const { pane, pools, services, editing, poolScope, details, wide } = st;
  const poolRows = tables.pools;
  const serviceRows = tables.services;
  const selectedName = selectedPoolName(tables, st);
  const selectedPool = view.pools.find((p) => p.name === selectedName);

  const status: string[] = [];
  if (data.loading) status.push('loading…');
  if (data.errors.length > 0) status.push(`watch errors: ${data.errors.join('; ')}`);
  const problems = view.findings.filter((f) => f.severity !== 'info').length;
  if (problems > 0) status.push(`${problems} finding${problems === 1 ? '' : 's'} (f)`);
  const poolHeight = Math.max(2, Math.min(poolRows.rows.length + 1, Math.floor((height - 4) / 3)));
  const lowerHeight = Math.max(2, height - poolHeight - 4);
  const filterLine = (name: string, t: LbTableState, p: LbPane): string => {
    if (editing !== undefined && pane === p) return `${name}  /${editing}▏`;
    return t.filter ? `${name}  /${t.filter}` : name;
  };
  const servicesTitle = poolScope === undefined ? 'SERVICES' : `SERVICES IN POOL ${poolScope} (esc: all)`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.title} wrap="truncate">
        {`LoadBalancers · ${lbSummary(view)}`}
      </Text>
      <Text
        color={data.errors.length > 0 ? theme.error : problems > 0 ? theme.warn : theme.dim}
        wrap="truncate"
      >
        {status.join(' · ') || (data.missing.length > 0 ? `not served: ${data.missing.join(', ')}` : ' ')}
      </Text>
      <Text bold color={pane === 'pools' ? theme.highlight : theme.dim} wrap="truncate">
        {filterLine('POOLS', pools, 'pools')}
      </Text>
      <ResourceTable
        columns={poolRows.columns}
        rows={poolRows.rows}
        selected={pane === 'pools' ? Math.min(pools.selected, poolRows.rows.length - 1) : -1}
        marks={NO_MARKS}
        width={width}
        height={poolHeight}
        theme={theme}
        showNamespace={false}
        wide={wide}
        empty={
          view.source === 'none'
            ? 'No IPAddressPool and no ConfigMap metallb-system/config'
            : 'No pools match'
        }
      />
      {details ? (
        <Box flexDirection="column" height={lowerHeight + 1}>
          <Text bold color={theme.highlight} wrap="truncate">
            {selectedPool
              ? `POOL ${selectedPool.name} · FREE RANGES${selectedPool.freeRanges.length === 0 ? ': none' : ''}`
              : 'NO POOL SELECTED'}
          </Text>
          {selectedPool?.freeRanges.map((r) => (
            <Text key={r} wrap="truncate">{`  ${r}`}</Text>
          ))}
          {selectedPool?.freeRangesTruncated ? <Text color={theme.dim}>{'  …'}</Text> : null}
          <Text bold color={theme.highlight} wrap="truncate">
            {view.findings.length === 0 ? 'FINDINGS: none' : 'FINDINGS'}
          </Text>
          {view.findings.map((f) => (
            <Text
              key={`${f.subject}:${f.message}`}
              color={f.severity === 'error' ? theme.error : f.severity === 'warning' ? theme.warn : theme.dim}
              wrap="truncate"
            >
              {`${SEVERITY_MARK[f.severity]} ${f.subject}: ${f.message}`}
            </Text>
          ))}
        </Box>
      ) : (
        <>
          <Text bold color={pane === 'services' ? theme.highlight : theme.dim} wrap="truncate">
            {filterLine(servicesTitle, services, 'services')}
          </Text>
          <ResourceTable
            columns={serviceRows.columns}
            rows={serviceRows.rows}
            selected={pane === 'services' ? Math.min(services.selected, serviceRows.rows.length - 1) : -1}
            marks={NO_MARKS}
            width={width}
            height={lowerHeight}
            theme={theme}
            showNamespace
            wide={wide}
            empty="No LoadBalancer services"
          />
        </>
      )}
    </Box>
  );
}
