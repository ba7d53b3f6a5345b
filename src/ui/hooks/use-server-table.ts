import { useEffect, useState } from 'react';
import { apiPath, type ResourceRef } from '../../kube/discovery.js';
import { fromTable, type MetaTable } from '../../model/render/table-output.js';
import type { Column, Row } from '../../model/table.js';
import { useServices } from '../app-context.js';

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface ServerTable {
  columns: Column[];
  rows: Map<string, Row>;
}

/**
 * The server's own columns (`kubectl get`'s Table output) for kinds kdeck has no renderer for,
 * re-read when the watched objects change (at most twice a second); the watch stays the source of truth.
 */
export function useServerTable(
  ref: ResourceRef | undefined,
  enabled: boolean,
  namespaces: readonly string[] | undefined,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
  revision: number,
): ServerTable | undefined {
  const { client } = useServices();
  const [table, setTable] = useState<ServerTable>();
  const nsKey = namespaces?.join(',') ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision re-reads on change; nsKey stands for namespaces
  useEffect(() => {
    if (!ref || !enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const targets = ref.namespaced && namespaces && namespaces.length > 0 ? namespaces : [undefined];
      try {
        const tables = await Promise.all(
          targets.map((ns) =>
            client.request<MetaTable>({
              path: apiPath(ref, ns),
              query: { includeObject: 'Metadata', labelSelector, fieldSelector },
              accept: TABLE_ACCEPT,
              signal: abort.signal,
            }),
          ),
        );
        const now = Date.now();
        let columns: Column[] = [];
        const rows = new Map<string, Row>();
        for (const t of tables) {
          if (!t.columnDefinitions) continue;
          const out = fromTable(t, { now });
          columns = out.columns;
          for (const r of out.rows) rows.set(r.key, r);
        }
        if (columns.length > 0) setTable({ columns, rows });
      } catch {
        // Without Table output the list falls back to NAME and AGE.
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [client, ref, enabled, nsKey, labelSelector, fieldSelector, revision]);
  return enabled ? table : undefined;
}
