import type { KubernetesObject } from '@kubernetes/client-node';
import { useMemo } from 'react';
import type { ObjectRef } from '../router.js';
import { useQuery } from './use-query.js';

/** One object, live: a watch narrowed by metadata.name, so describe and YAML update as the object changes. */
export function useObject(target: ObjectRef): {
  obj: KubernetesObject | undefined;
  state: string;
  error?: string;
} {
  const query = useMemo(
    () => ({
      resource: target.ref,
      namespaces: target.namespace ? [target.namespace] : undefined,
      fieldSelector: `metadata.name=${target.name}`,
    }),
    [target.ref, target.namespace, target.name],
  );
  const snap = useQuery(query);
  return { obj: snap.items[0], state: snap.state, error: snap.error?.message };
}
