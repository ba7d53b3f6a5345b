import { useEffect, useMemo, useState } from 'react';
import type { Query } from '../../store/query.js';
import { queryId } from '../../store/query.js';
import type { ChangeSet, Snapshot } from '../../store/store.js';
import { useServices } from '../app-context.js';

const EMPTY: Snapshot = { items: [], state: 'connecting', revision: 0 };

/**
 * Takes a notification's changed objects in place of a new snapshot; false when they change what the view
 * shows, and the view must render from a new snapshot.
 */
export type Absorb = (changes: ChangeSet) => boolean;

/**
 * The store's live snapshot for a query (undefined: nothing); re-renders at most at the store's tick rate, and
 * not at all for changes `absorb` takes.
 */
export function useQuery(query: Query | undefined, absorb?: { current: Absorb | undefined }): Snapshot {
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
    const sub = store.subscribe(stable, () => {
      const take = absorb?.current;
      const changes = take ? sub.changes() : undefined;
      if (changes && take?.(changes)) return;
      setSnap(sub.snapshot());
    });
    setSnap(sub.snapshot());
    return () => sub.close();
  }, [store, stable, absorb]);
  return snap;
}
