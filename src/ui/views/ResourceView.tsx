import type { KubernetesObject } from '@kubernetes/client-node';
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ResourceRef } from '../../kube/discovery.js';
import { since } from '../../model/age.js';
import { drillTarget } from '../../model/drill.js';
import { applyFilter, parseFilter } from '../../model/filter.js';
import { applyView, viewFor } from '../../model/k9s/views.js';
import { rendererFor } from '../../model/render/index.js';
import { absorbable, cellWidths } from '../../model/row-change.js';
import { dumpFileName, toCsv } from '../../model/screen-dump.js';
import { type ListMemory, resolveSelection, rowId } from '../../model/selection.js';
import { sortRows } from '../../model/sort.js';
import type { Row } from '../../model/table.js';
import { objectKey } from '../../store/list-watch.js';
import { useServices } from '../app-context.js';
import { ResourceTable } from '../components/ResourceTable.js';
import { keyName } from '../dialogs/use-action-dialogs.js';
import { contextDumpDir, writeDump } from '../dumps/dump-folder.js';
import { useNow } from '../hooks/use-now.js';
import { type Absorb, useQuery } from '../hooks/use-query.js';
import { adoptRow, useRows } from '../hooks/use-rows.js';
import { useServerTable } from '../hooks/use-server-table.js';
import { unknownKeyHint } from '../keys/unknown-keys.js';
import type { Navigator, ResourceKeyHandler } from '../navigator.js';
import { type Route, resourceQuery } from '../router.js';

export interface ResourceViewProps {
  route: Extract<Route, { view: 'resources' }>;
  resource: ResourceRef;
  nav: Navigator;
  active: boolean;
  width: number;
  height: number;
  /** Keys the view does not handle go to the actions. */
  onKey?: ResourceKeyHandler;
  /** Tells the app which object is selected (for the help screen's scopes and the header). */
  onSelection?: (obj: KubernetesObject | undefined, count: number) => void;
  /** Kept by the app for this route while the view is off screen: the cursor, sort, marks, wide mode. */
  memory?: ListMemory;
}

const FAVOURITE_KEYS = '123456789';

/** k9s's ctrl-z: rows that are not Running, Ready or Completed. */
function isFaulty(r: Row): boolean {
  return r.health !== 'ok' && r.health !== 'done' && r.health !== 'neutral';
}

function byNamespaceName(a: Row, b: Row): number {
  const an = a.namespace ?? '';
  const bn = b.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function ResourceView({
  route,
  resource,
  nav,
  active,
  width,
  height,
  onKey,
  onSelection,
  memory,
}: ResourceViewProps) {
  const mem = useRef<ListMemory>(memory ?? {}).current;
  const { theme, config, session, flash } = useServices();
  const { stdout } = useStdout();
  const filter = useMemo(() => parseFilter(route.filter ?? ''), [route.filter]);
  const query = resourceQuery(
    route,
    resource,
    nav.namespace,
    filter.kind === 'labels' ? filter.selector : undefined,
  );
  const { namespaces, labelSelector } = query;
  const absorb = useRef<Absorb | undefined>(undefined);
  const snap = useQuery(query, absorb);
  const {
    columns: builtinColumns,
    rows: builtinRows,
    builtin,
    renderer,
  } = useRows(resource.group, resource.kind, snap.items);
  const server = useServerTable(
    resource,
    !builtin,
    namespaces,
    labelSelector,
    route.fieldSelector,
    snap.revision,
  );
  const kindColumns = server?.columns ?? builtinColumns;
  const kindRows = useMemo(
    () =>
      server
        ? builtinRows.map(
            (r) =>
              server.rows.get(r.key) ?? { ...r, cells: kindColumns.map((_, i) => (i === 0 ? r.name : '')) },
          )
        : builtinRows,
    [server, builtinRows, kindColumns],
  );
  // A custom view (k9s's views.yaml) reorders, hides and adds columns computed from the objects.
  const view = viewFor(config.views, resource, namespaces?.length === 1 ? namespaces[0] : undefined);
  const { columns, rows: allRows } = useMemo(
    () =>
      view ? applyView(kindColumns, kindRows, view, Date.now()) : { columns: kindColumns, rows: kindRows },
    [view, kindColumns, kindRows],
  );
  const showNamespace = resource.namespaced && (namespaces === undefined || namespaces.length > 1);
  const [wide, setWide] = useState(mem.wide ?? false);
  const [sort, setSort] = useState<{ column: number; descending: boolean } | undefined>(() => {
    if (mem.sort) return mem.sort;
    const d = rendererFor(resource.group, resource.kind)?.defaultSort;
    const column = d ? columns.findIndex((c) => c.name === d.column) : -1;
    return column >= 0 ? { column, descending: d?.descending ?? false } : undefined;
  });
  const [marks, setMarks] = useState<ReadonlySet<string>>(mem.marks ?? new Set());
  const [chosen, setChosen] = useState<string | undefined>(mem.chosen);
  const [faulty, setFaulty] = useState(mem.faulty ?? false);
  mem.faulty = faulty;
  mem.wide = wide;
  mem.sort = sort;
  mem.marks = marks;
  // A custom view's sort applies once, unless the user already sorted this list.
  const viewSorted = useRef(mem.sort !== undefined);
  useEffect(() => {
    if (viewSorted.current || !view?.sort) return;
    const i = columns.findIndex((c) => c.name.toUpperCase() === view.sort?.column.toUpperCase());
    if (i < 0) return;
    viewSorted.current = true;
    setSort({ column: i, descending: view.sort.descending });
  }, [view, columns]);

  const visibleCols = useMemo(() => columns.map((c) => wide || !c.wide), [columns, wide]);
  // kubectl's order (namespace, then name) is kept on the unfiltered rows, so a filter keystroke never sorts.
  const ordered = useMemo(() => allRows.slice().sort(byNamespaceName), [allRows]);
  // The chosen sort too: it is stable, so filtering the sorted rows gives the order sorting the filtered ones
  // would (sorting 10k names costs ~5 ms a keystroke). Fuzzy matches come best first and ignore it.
  const fuzzy = filter.kind === 'fuzzy';
  const base = useMemo(
    () => (fuzzy || !sort ? ordered : sortRows(ordered, columns, sort)),
    [ordered, columns, sort, fuzzy],
  );
  const sorted = useMemo(() => {
    const shown = applyFilter(base, filter, { visible: visibleCols, namespace: showNamespace });
    return faulty ? shown.filter(isFaulty) : shown;
  }, [base, filter, visibleCols, showNamespace, faulty]);

  // By identity: re-sorts, watch updates and a trip through a dialog or describe never move the cursor.
  const selected = resolveSelection(sorted, chosen, mem.previous);
  mem.previous = { rows: sorted, index: selected };
  mem.chosen = sorted[selected] ? rowId(sorted[selected]) : chosen;
  // Keys that arrive together (one read from the terminal) run before the next render: they see the cursor here.
  const cursor = useRef(selected);
  cursor.current = selected;
  const selectedRow = sorted[selected];
  const selectedObj = selectedRow?.object;

  useEffect(() => {
    onSelection?.(selectedObj, sorted.length);
  }, [selectedObj, sorted.length, onSelection]);

  const now = useNow(1000);
  const tableHeight = Math.max(2, height - 1);

  // A watch event that changes nothing on screen is taken in place: the row is swapped, no frame is built.
  const lookup = useRef<{
    sorted: readonly Row[];
    at: Map<Row, number>;
    byKey: Map<string, Row>;
    widths: number[];
  }>(undefined);
  absorb.current =
    server || fuzzy
      ? undefined
      : (changes) => {
          if (changes.deleted.length > 0) return false;
          if (lookup.current?.sorted !== sorted)
            lookup.current = {
              sorted,
              at: new Map(sorted.map((r, i) => [r, i])),
              byKey: new Map(ordered.map((r) => [r.key, r])),
              widths: cellWidths(columns.length, ordered),
            };
          const { at, byKey, widths } = lookup.current;
          const ageColumns = columns.map((c) => c.sort === 'age');
          const now = Date.now();
          const swaps: [KubernetesObject, Row, Row][] = [];
          for (const obj of changes.upserted) {
            const prev = byKey.get(objectKey(obj));
            if (!prev) return false;
            const next = renderer.render(obj, { now });
            const i = at.get(prev);
            const onScreen = i !== undefined && Math.abs(i - cursor.current) < tableHeight;
            const ctx = {
              sortColumn: sort?.column,
              textFilter: filter.kind === 'regex' || faulty,
              widths,
              onScreen,
              ageColumns,
            };
            if (!absorbable(prev, next, ctx)) return false;
            swaps.push([obj, prev, next]);
          }
          for (const [obj, prev, next] of swaps) {
            Object.assign(prev, next);
            adoptRow(obj, prev);
          }
          return true;
        };

  const move = (to: number) => {
    const i = Math.max(0, Math.min(sorted.length - 1, to));
    cursor.current = i;
    const row = sorted[i];
    if (!row) return;
    mem.chosen = rowId(row);
    mem.previous = { rows: sorted, index: i };
    setChosen(rowId(row));
  };
  // Once the list is complete the highlighted object is the chosen one, even if the user never moved.
  const pinned = snap.state === 'watching' && chosen === undefined ? sorted[selected] : undefined;
  useEffect(() => {
    if (pinned) setChosen(rowId(pinned));
  }, [pinned]);
  /** ctrl-s: the list as shown (filter, sort, columns) to CSV in the dump folder, as k9s's screen dump. */
  const dump = () => {
    const shownCols = columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || !c.wide);
    const header = [...(showNamespace ? ['NAMESPACE'] : []), ...shownCols.map(({ c }) => c.name)];
    const now = Date.now();
    const lines = sorted.map((r) => [
      ...(showNamespace ? [r.namespace ?? ''] : []),
      ...shownCols.map(({ c, i }) => {
        const t = r.sortValues?.[i];
        return c.sort === 'age' && typeof t === 'number' ? since(t, now) : (r.cells[i] ?? '');
      }),
    ]);
    const dir = contextDumpDir(
      config.screenDumpDir ?? process.cwd(),
      session.info.cluster,
      session.info.context,
    );
    try {
      const file = writeDump(
        dir,
        dumpFileName(resource.resource, 'csv', new Date(now)),
        toCsv(header, lines),
      );
      flash(`${lines.length} rows dumped to ${file}`);
    } catch (e) {
      flash(`cannot write the dump in ${dir}: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  const sortBy = (name: string | number) => {
    const i = typeof name === 'number' ? name : columns.findIndex((c) => c.name === name);
    if (i < 0) return;
    setSort((s) =>
      s && s.column === i
        ? { column: i, descending: !s.descending }
        : { column: i, descending: columns[i]!.sort === 'age' },
    );
  };

  useInput(
    (input, key) => {
      const page = Math.max(1, tableHeight - 2);
      const selected = cursor.current;
      const selectedRow = sorted[selected];
      const selectedObj = selectedRow?.object;
      // ctrl-letters are actions (ctrl-d delete, ctrl-k kill) unless the list itself uses them.
      const plain = !key.ctrl && !key.meta;
      if (key.downArrow || (plain && input === 'j')) return move(selected + 1);
      if (key.upArrow || (plain && input === 'k')) return move(selected - 1);
      if ((plain && input === 'g') || key.home) return move(0);
      if ((plain && input === 'G') || key.end) return move(sorted.length - 1);
      if (key.pageDown || (key.ctrl && input === 'f')) return move(selected + page);
      if (key.pageUp || (key.ctrl && input === 'b')) return move(selected - page);
      if (key.ctrl && input === 'w') return setWide((w) => !w);
      if (key.ctrl && input === 'z') return setFaulty((f) => !f);
      if (key.ctrl && input === 's') return dump();
      if (input === 'N') return sortBy('NAME');
      if (input === 'A') return sortBy('AGE');
      if (input === 'S')
        return sortBy(columns.findIndex((c) => c.name === 'STATUS') >= 0 ? 'STATUS' : 'NAME');
      if (input === '<' || input === '>') {
        const cur = sort?.column ?? 0;
        const n = columns.length;
        let next = (cur + (input === '>' ? 1 : n - 1)) % n;
        if (!wide)
          for (let t = 0; t < n && columns[next]!.wide; t++) next = (next + (input === '>' ? 1 : n - 1)) % n;
        return setSort({ column: next, descending: false });
      }
      if (input === ' ' && !key.ctrl) {
        if (!selectedRow) return;
        setMarks((m) => {
          const next = new Set(m);
          if (next.has(selectedRow.key)) next.delete(selectedRow.key);
          else next.add(selectedRow.key);
          return next;
        });
        return move(selected + 1);
      }
      if (key.ctrl && input === ' ') return setMarks(new Set());
      if (input === '0') return nav.setNamespace('all');
      const fav = FAVOURITE_KEYS.indexOf(input);
      if (fav >= 0 && resource.namespaced) {
        const ns = nav.favourites[fav];
        if (ns) nav.setNamespace(ns);
        return;
      }
      if (!selectedObj) return;
      const withKind = { ...selectedObj, kind: selectedObj.kind ?? resource.kind };
      if (key.return) {
        const target = drillTarget(withKind);
        if (!target) return;
        if (target.resource === 'containers') {
          nav.push({
            view: 'containers',
            pod: {
              ref: resource,
              namespace: selectedObj.metadata?.namespace,
              name: selectedObj.metadata?.name ?? '',
            },
          });
          return;
        }
        nav.push({
          view: 'resources',
          resource: 'pods',
          namespaces: target.namespaces,
          labelSelector: target.labelSelector,
          fieldSelector: target.fieldSelector,
          title: target.title,
        });
        return;
      }
      const targetRef = {
        ref: resource,
        namespace: selectedObj.metadata?.namespace,
        name: selectedObj.metadata?.name ?? '',
      };
      if (plain && input === 'u' && resource.resource === 'namespaces' && !resource.group)
        return nav.setNamespace(targetRef.name);
      if (plain && input === 'd') return nav.push({ view: 'describe', target: targetRef });
      if (plain && input === 'y') return nav.push({ view: 'yaml', target: targetRef });
      const targets =
        marks.size > 0
          ? sorted.filter((r) => marks.has(r.key)).flatMap((r) => r.object ?? [])
          : [selectedObj];
      const row = selectedRow?.cells.map((value, i) => ({ name: columns[i]?.name ?? '', value }));
      if (onKey?.({ input, key, ref: resource, targets, selected: selectedObj, row, filter: route.filter }))
        return;
      // As k9s: c copies the name, n the namespace (OSC 52 reaches the user's terminal over SSH too).
      const copy =
        plain && input === 'c' ? targetRef.name : plain && input === 'n' ? targetRef.namespace : undefined;
      if (copy) {
        stdout.write(`\x1b]52;c;${Buffer.from(copy, 'utf8').toString('base64')}\x07`);
        return flash(`copied ${copy} to the clipboard (OSC 52)`);
      }
      const hint = unknownKeyHint(keyName(input, key));
      if (hint) flash(hint, 'warn');
    },
    { isActive: active },
  );

  const status = statusLine(
    snap.state,
    snap.error?.message,
    snap.retryAt,
    sorted.length,
    allRows.length,
    marks.size,
    filter,
    faulty,
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ResourceTable
        columns={columns}
        rows={sorted}
        measureRows={ordered}
        now={now}
        selected={selected}
        marks={marks}
        width={width}
        height={tableHeight}
        theme={theme}
        showNamespace={showNamespace}
        wide={wide}
        sort={sort}
        empty={snap.state === 'listing' || snap.state === 'connecting' ? 'Loading…' : 'No resources'}
      />
      <Text
        color={snap.state === 'backoff' ? theme.error : filter.kind === 'invalid' ? theme.warn : theme.dim}
        wrap="truncate"
      >
        {status}
      </Text>
    </Box>
  );
}

function statusLine(
  state: string,
  error: string | undefined,
  retryAt: number | undefined,
  shown: number,
  total: number,
  marked: number,
  filter: ReturnType<typeof parseFilter>,
  faulty: boolean,
): string {
  if (state === 'backoff') {
    const secs = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
    return ` ✗ ${error ?? 'error'} — retrying in ${secs}s (showing the last known rows)`;
  }
  const parts = [shown === total ? ` ${total} ${total === 1 ? 'row' : 'rows'}` : ` ${shown}/${total} rows`];
  if (faulty) parts.push('faulty only (ctrl-z)');
  if (marked) parts.push(`${marked} marked`);
  if (filter.kind === 'regex')
    parts.push(
      `filter ${filter.inverse ? '!' : ''}/${filter.pattern}/${filter.error ? ` (${filter.error})` : ''}`,
    );
  if (filter.kind === 'fuzzy') parts.push(`fuzzy "${filter.query}"`);
  if (filter.kind === 'labels') parts.push(`labels ${filter.selector}`);
  if (filter.kind === 'invalid') parts.push(filter.error);
  if (state !== 'watching') parts.push(state === 'listing' ? 'listing…' : 'connecting…');
  return parts.join(' · ');
}
