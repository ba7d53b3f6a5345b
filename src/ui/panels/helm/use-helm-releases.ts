import type { KubernetesObject } from '@kubernetes/client-node';
import { useMemo, useRef } from 'react';
import {
  HELM_OWNER_SELECTOR,
  type HelmDriver,
  readStoredRelease,
  type StoredRelease,
} from '../../../model/helm/release.js';
import type { Query } from '../../../store/query.js';
import { useServices } from '../../app-context.js';
import { useQuery } from '../../hooks/use-query.js';

export interface HelmReleasesData {
  /** Every stored revision in the namespaces, from both drivers, decoded (or with the reason it could not be). */
  stored: StoredRelease[];
  loading: boolean;
  /** Watches that failed, as `resource: message`. */
  errors: string[];
}

/**
 * Helm's storage, live: the Secrets (and ConfigMaps, the other driver) labelled owner=helm in the namespaces
 * (undefined: all), narrowed to one release by `name`. Each object is decoded once per resourceVersion.
 */
export function useHelmReleases(namespaces: readonly string[] | undefined, name?: string): HelmReleasesData {
  const { discovery, session } = useServices();
  const loaded = discovery.loaded;
  const revision = session?.discoveryRevision ?? 0;
  const nsKey = namespaces?.join(',') ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded and revision say when discovery's answers change; nsKey is the namespaces' identity.
  const queries = useMemo(() => {
    const selector = name ? `${HELM_OWNER_SELECTOR},name=${name}` : HELM_OWNER_SELECTOR;
    const q = (resource: string): Query | undefined => {
      const ref = discovery.resolve(resource) ?? discovery.resolveEarly(resource);
      return ref ? { resource: ref, namespaces, labelSelector: selector } : undefined;
    };
    return { secrets: q('secrets'), configmaps: q('configmaps') };
  }, [discovery, loaded, revision, nsKey, name]);
  const secrets = useQuery(queries.secrets);
  const configmaps = useQuery(queries.configmaps);
  const cache = useRef(new Map<string, StoredRelease>());
  const stored = useMemo(() => {
    const next = new Map<string, StoredRelease>();
    const read = (items: readonly KubernetesObject[], driver: HelmDriver) =>
      items.map((o) => {
        const id = `${driver}/${o.metadata?.namespace}/${o.metadata?.name}@${o.metadata?.resourceVersion}`;
        const s = cache.current.get(id) ?? readStoredRelease(o, driver);
        next.set(id, s);
        return s;
      });
    const all = [...read(secrets.items, 'secret'), ...read(configmaps.items, 'configmap')];
    cache.current = next;
    return all;
  }, [secrets.items, configmaps.items]);
  const errors = [
    ...(secrets.error ? [`secrets: ${secrets.error.message}`] : []),
    ...(configmaps.error ? [`configmaps: ${configmaps.error.message}`] : []),
  ];
  const listing = (s: typeof secrets) => s.state === 'connecting' || s.state === 'listing';
  return { stored, loading: listing(secrets) || listing(configmaps), errors };
}
