import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { lbSummary } from '../../../model/lb/lb-table.js';
import type { LbView } from '../../../model/lb/lb-view.js';
import { useServices } from '../../app-context.js';
import { ResourceTable } from '../../components/ResourceTable.js';
import type { ObjectRef } from '../../router.js';
import type { Theme } from '../../theme.js';
import {
  initialLbPanelState,
  isUnwinding,
  type LbPane,
  type LbPanelState,
  type LbTableState,
  lbPanelKey,
  lbTables,
  selectedPoolName,
  splitKeys,
} from './lb-panel-state.js';
import { type LbPanelData, useLbPanel } from './use-lb-panel.js';

interface PanelFrame {
  width: number;
  height: number;
  /** False while something else (the app's prompt, an overlay) takes the keys. */
  active?: boolean;
  /**
   * Told true while esc has something to undo here (typing a filter, a filter, a pool's services,
   * the details pane), so the app leaves esc and its global keys to the panel until then.
   */
  onSearching?(searching: boolean): void;
}

export interface LbPanelProps extends PanelFrame {
  /** MetalLB's --lb-class, when it runs with one. */
  metallbClass?: string;
  /** `enter` on a service: the app opens it (describe, or its pods). */
  onOpenObject(target: ObjectRef): void;
}

const NO_MARKS: ReadonlySet<string> = new Set();

const SEVERITY_MARK = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

/** The `:lb` view: MetalLB pools with usage bars over the LoadBalancer services, live from the store. */
export function LbPanel({ metallbClass, onOpenObject, ...frame }: LbPanelProps) {
  const data = useLbPanel({ metallbClass });
  const { theme, discovery } = useServices();
  const onOpenService = (t: { namespace: string; name: string }): void => {
    const ref = discovery.resolve('services');
    if (ref) onOpenObject({ ref, namespace: t.namespace, name: t.name });
  };
  return <LbPanelView {...frame} data={data} theme={theme} onOpenService={onOpenService} />;
}

export interface LbPanelViewProps extends PanelFrame {
  data: LbPanelData;
  theme: Theme;
  onOpenService(target: { namespace: string; name: string }): void;
}

/** The panel drawn from its data, with its keys; separate from the watches so tests can render it. */
export function LbPanelView({
  width,
  height,
  active = true,
  onSearching,
  onOpenService,
  data,
  theme,
}: LbPanelViewProps) {
  const view: LbView = data.view;
  // State lives in a ref so keys typed faster than a render (paste, SSH bursts) each see the previous key's result.
  const stateRef = useRef<LbPanelState>(initialLbPanelState);
  const searchingRef = useRef(onSearching);
  searchingRef.current = onSearching;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const st = stateRef.current;
  const unwinding = isUnwinding(st);
  const [holding, setHolding] = useState(false);
  useEffect(() => {
    if (unwinding) setHolding(true);
    else if (active) setHolding(false);
  }, [unwinding, active]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tables depend on exactly these parts of the state.
  const tables = useMemo(() => lbTables(view, st), [view, st.pools.filter, st.services.filter, st.poolScope]);

  useInput(
    (input, key) => {
      const start = stateRef.current;
      let state = start;
      for (const [one, k] of splitKeys(input, key)) {
        // Reuse the rendered tables unless an earlier key of this chunk or burst changed what they show.
        const same =
          state.pools.filter === st.pools.filter &&
          state.services.filter === st.services.filter &&
          state.poolScope === st.poolScope;
        const r = lbPanelKey(state, one, k, same ? tables : lbTables(view, state));
        state = r.state;
        if (r.open) onOpenService(r.open);
      }
      stateRef.current = state;
      // Tell the app at once, not after the next paint: the very next key may be esc.
      if (isUnwinding(state) !== isUnwinding(start)) searchingRef.current?.(isUnwinding(state));
      if (state !== start) rerender();
    },
    // The app turns `active` off while a view says it is searching; the panel asked for those keys, so it keeps
    // them, until the app has taken esc back (no gap in which a key falls between the two).
    { isActive: active || unwinding || holding },
  );

  const { pane, pools, services, editing, poolScope, details, wide } = st;
  // Leaving the panel hands esc back to the app.
  useEffect(
    () => () => {
      searchingRef.current?.(false);
    },
    [],
  );
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
        {`LoadBalancers · ${lbSummary(view, { loading: data.loading })}`}
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
        <Box flexDirection="column" height={lowerHeight + 1} overflow="hidden">
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
