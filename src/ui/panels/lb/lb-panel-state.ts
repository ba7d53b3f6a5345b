import { applyFilter, parseFilter } from '../../../model/filter.js';
import { assignmentTable, poolTable } from '../../../model/lb/lb-table.js';
import type { LbView } from '../../../model/lb/lb-view.js';
import type { Column, Row } from '../../../model/table.js';
import { clampSelection, movedSelection, type PanelKey } from '../panel-keys.js';

export type LbPane = 'pools' | 'services';

export interface LbTableState {
  selected: number;
  filter: string;
}

/** Everything the panel remembers between keys. */
export interface LbPanelState {
  pane: LbPane;
  pools: LbTableState;
  services: LbTableState;
  /** The `/` input while it is being typed. */
  editing?: string;
  /** Services of this pool only (after `enter` on a pool). */
  poolScope?: string;
  /** The free-ranges-and-findings pane instead of the services table. */
  details: boolean;
  wide: boolean;
}

export const initialLbPanelState: LbPanelState = {
  pane: 'services',
  pools: { selected: 0, filter: '' },
  services: { selected: 0, filter: '' },
  details: false,
  wide: false,
};

/** Whether esc has something to undo in the panel (so the app must leave esc to it). */
export function isUnwinding(s: LbPanelState): boolean {
  return (
    s.editing !== undefined ||
    s.pools.filter !== '' ||
    s.services.filter !== '' ||
    s.poolScope !== undefined ||
    s.details
  );
}

/** The key as Ink reports it, reduced to what the panel reads. */
export type LbKey = PanelKey;

export interface LbTables {
  pools: { columns: Column[]; rows: Row[] };
  services: { columns: Column[]; rows: Row[] };
}

/** The two tables as the state filters and scopes them. */
export function lbTables(view: LbView, s: LbPanelState): LbTables {
  const pools = poolTable(view);
  const services = assignmentTable(view, s.poolScope);
  return {
    pools: { columns: pools.columns, rows: applyFilter(pools.rows, parseFilter(s.pools.filter)) },
    services: {
      columns: services.columns,
      rows: applyFilter(services.rows, parseFilter(s.services.filter), { namespace: true }),
    },
  };
}

/** The pool under the cursor of the pools table. */
export function selectedPoolName(tables: LbTables, s: LbPanelState): string | undefined {
  const rows = tables.pools.rows;
  return rows[Math.min(s.pools.selected, rows.length - 1)]?.name;
}

/** What one key does: the next state, and the service to open when `enter` lands on one. */
export function lbPanelKey(
  s: LbPanelState,
  input: string,
  key: LbKey,
  tables: LbTables,
): { state: LbPanelState; open?: { namespace: string; name: string } } {
  if (s.editing !== undefined) {
    if (key.escape) return { state: { ...s, editing: undefined } };
    if (key.return)
      return { state: { ...s, editing: undefined, [s.pane]: { selected: 0, filter: s.editing } } };
    if (key.backspace || key.delete) return { state: { ...s, editing: s.editing.slice(0, -1) } };
    if (!key.ctrl && !key.meta && input) return { state: { ...s, editing: s.editing + input } };
    return { state: s };
  }
  const cur = s[s.pane];
  const count = tables[s.pane].rows.length;
  const select = (n: number) => ({
    state: { ...s, [s.pane]: { ...cur, selected: clampSelection(n, count) } },
  });
  if (key.tab) return { state: { ...s, pane: s.pane === 'pools' ? 'services' : 'pools' } };
  const moved = movedSelection(cur.selected, count, input, key);
  if (moved !== undefined) return select(moved);
  if (input === '/') return { state: { ...s, editing: cur.filter } };
  if (input === 'f') return { state: { ...s, details: !s.details } };
  if (key.ctrl && input === 'w') return { state: { ...s, wide: !s.wide } };
  if (key.escape) {
    if (s.details) return { state: { ...s, details: false } };
    if (cur.filter) return { state: { ...s, [s.pane]: { selected: 0, filter: '' } } };
    if (s.poolScope !== undefined)
      return { state: { ...s, poolScope: undefined, services: { ...s.services, selected: 0 } } };
    return { state: s };
  }
  if (key.return) {
    if (s.pane === 'pools') {
      const pool = selectedPoolName(tables, s);
      if (!pool) return { state: s };
      return {
        state: {
          ...s,
          poolScope: pool,
          services: { selected: 0, filter: '' },
          pane: 'services',
          details: false,
        },
      };
    }
    const row = tables.services.rows[s.services.selected];
    return row?.namespace ? { state: s, open: { namespace: row.namespace, name: row.name } } : { state: s };
  }
  return { state: s };
}

const ARROWS: Record<string, keyof LbKey> = { A: 'upArrow', B: 'downArrow', H: 'home', F: 'end' };

/**
 * A terminal read can carry several keys at once (fast typing, a pty coalescing writes: `\t\r`, `/l`);
 * Ink hands such a chunk over as one input, so it is split back into keys here.
 */
export function splitKeys(input: string, key: LbKey): [string, LbKey][] {
  const special = Object.entries(key).some(([k, v]) => v === true && k !== 'ctrl' && k !== 'meta');
  if (input.length <= 1 || special || key.ctrl || key.meta) return [[input, key]];
  const out: [string, LbKey][] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\t') out.push(['', { tab: true }]);
    else if (c === '\r' || c === '\n') out.push(['', { return: true }]);
    else if (c === '\x7f' || c === '\b') out.push(['', { backspace: true }]);
    else if (c === '\x1b') {
      const arrow = input[i + 1] === '[' ? ARROWS[input[i + 2] ?? ''] : undefined;
      if (arrow) {
        out.push(['', { [arrow]: true }]);
        i += 2;
      } else out.push(['', { escape: true }]);
    } else out.push([c, {}]);
  }
  return out;
}
