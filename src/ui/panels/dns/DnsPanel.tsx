import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { DnsInstanceOption } from '../../../model/dns/config.js';
import { dnsSummary } from '../../../model/dns/dns-table.js';
import type { SourceRef } from '../../../model/dns/types.js';
import { useServices } from '../../app-context.js';
import { ResourceTable } from '../../components/ResourceTable.js';
import { TextView } from '../../components/TextView.js';
import type { Theme } from '../../theme.js';
import { splitKeys } from '../lb/lb-panel-state.js';
import {
  type DnsPanelState,
  dnsPanelKey,
  initialDnsPanelState,
  ownsEscape,
  visibleRows,
} from './dns-panel-state.js';
import { type DnsPanelData, useDnsPanel } from './use-dns-panel.js';

export interface DnsPanelProps {
  width: number;
  height: number;
  /** False while something else (a prompt, an overlay) takes the keys. */
  focused?: boolean;
  /** external-dns instances from kdeck's config, over or besides the discovered Deployments. */
  instances?: readonly DnsInstanceOption[];
  /** How often the DNS server is re-read (default 10 s). */
  intervalMs?: number;
  /** `enter`: the app opens the object a name comes from. */
  onOpenObject(ref: SourceRef): void;
  /** True while esc belongs to the panel (filter prompt, a filter set, the explanation open). */
  onSearching?(searching: boolean): void;
}

const NO_MARKS: ReadonlySet<string> = new Set();

/** Explanations are prose: wrap them at word boundaries instead of truncating. */
export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      const at = cut > width / 2 ? cut : width;
      out.push(rest.slice(0, at));
      rest = `  ${rest.slice(at).trimStart()}`;
    }
    out.push(rest);
  }
  return out;
}

/** The `:dns` view: what external-dns would publish against what the DNS server holds, live. */
export function DnsPanel(props: DnsPanelProps) {
  const data = useDnsPanel({ instances: props.instances, intervalMs: props.intervalMs });
  const { theme } = useServices();
  return <DnsPanelView {...props} data={data} theme={theme} />;
}

export interface DnsPanelViewProps extends DnsPanelProps {
  data: DnsPanelData;
  theme: Theme;
}

/** The panel drawn from its data, with its keys; separate from the watches so tests can render it. */
export function DnsPanelView({
  width,
  height,
  focused = true,
  onOpenObject,
  onSearching,
  data,
  theme,
}: DnsPanelViewProps) {
  // State lives in a ref so keys typed faster than a render each see the previous key's result.
  const stateRef = useRef<DnsPanelState>(initialDnsPanelState);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const st = stateRef.current;
  const rows = useMemo(() => visibleRows(data.rows, data.columns, st), [data.rows, data.columns, st]);
  const rowsRef = useRef(rows);
  // While the explanation's own search prompt is open, its keys are not the panel's.
  const searchingRef = useRef(false);
  rowsRef.current = rows;

  const onSearchingRef = useRef(onSearching);
  onSearchingRef.current = onSearching;
  useInput(
    (input, key) => {
      const start = stateRef.current;
      if (start.explaining !== undefined && searchingRef.current) return;
      let state = start;
      // A burst (paste, fast typing over SSH) arrives as one chunk: apply it key by key.
      for (const [one, k] of splitKeys(input, key)) {
        const current = state === st ? rowsRef.current : visibleRows(data.rows, data.columns, state);
        const r = dnsPanelKey(state, one, k, current, data.columns);
        state = r.state;
        if (r.intent && 'refresh' in r.intent) data.refresh();
        if (r.intent && 'open' in r.intent) {
          const ref = data.sourceOf(r.intent.open);
          if (ref) onOpenObject(ref);
        }
      }
      stateRef.current = state;
      // Tell the app at once, not after the next paint: the very next key may be esc, which is ours then.
      if (ownsEscape(state) !== ownsEscape(start)) onSearchingRef.current?.(ownsEscape(state));
      if (state !== start) rerender();
    },
    { isActive: focused },
  );
  // Leaving the panel hands esc back to the app.
  useEffect(
    () => () => {
      onSearchingRef.current?.(false);
    },
    [],
  );

  const headerLines =
    data.instances.length === 0
      ? ['No external-dns found: no Deployment runs it and kdeck config names none (dns.instances).']
      : data.instances.map(
          (i) =>
            `${i.config.instance} · ${i.status} · ${i.header}${i.unmodelled.length ? ` · sources not modelled: ${i.unmodelled.join(',')}` : ''}`,
        );
  const summary = dnsSummary(data.instances.flatMap((i) => i.rows));
  const filterLine = st.editing !== undefined ? `/${st.editing}▏` : st.filter ? `/${st.filter}` : '';

  if (st.explaining !== undefined) {
    const text = data.explain(st.explaining) || 'This row is gone (the data changed).';
    return (
      <TextView
        title={`DNS · ${st.explaining.split('|').slice(1, 4).join(' · ')}`}
        hint="w or esc closes"
        lines={wrapLines(text, Math.max(20, width - 2))}
        width={width}
        height={height}
        active={focused}
        theme={theme}
        onSearching={(on) => {
          searchingRef.current = on;
        }}
      />
    );
  }

  const tableHeight = Math.max(2, height - headerLines.length - (data.banner ? 2 : 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {headerLines.map((line) => (
        <Text key={line} color={theme.title} wrap="truncate">
          {line}
        </Text>
      ))}
      <Text color={data.banner ? theme.error : theme.dim} wrap="truncate">
        {data.banner ||
          `${summary}${data.loading ? ' · loading…' : ''}${filterLine ? `  ${filterLine}` : ''}`}
      </Text>
      <ResourceTable
        columns={data.columns}
        rows={rows}
        selected={Math.min(st.selected, rows.length - 1)}
        marks={NO_MARKS}
        width={width}
        height={tableHeight}
        theme={theme}
        showNamespace={false}
        wide={st.wide}
        sort={st.sort}
        empty={data.instances.length === 0 ? 'Nothing to compare' : 'No names match'}
      />
    </Box>
  );
}
