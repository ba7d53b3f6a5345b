import { useEffect, useMemo, useState } from 'react';
import type { Query } from '../../store/query.js';
import { queryId } from '../../store/query.js';
import type { Snapshot } from '../../store/store.js';
import { useServices } from '../app-context.js';

const EMPTY: Snapshot = { items: [], state: 'connecting', revision: 0 };

/** The store's live snapshot for a query (undefined: nothing); re-renders at most at the store's tick rate. */
export function useQuery(query: Query | undefined): Snapshot {
  const { store } = useServices();
  const id = query ? queryId(query) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query's identity is its id
  const stable = useMemo(() => query, [id]);
  const [snap, setSnap] = useState<Snapshot>(EMPTY);
  useEffect(() => {
    if (!stable) {
      setSnap(EMPTY);
      return;
    }
    const sub = store.subscribe(stable, () => setSnap(sub.snapshot()));
    setSnap(sub.snapshot());
    return () => sub.close();
  }, [store, stable]);
  return snap;
}
