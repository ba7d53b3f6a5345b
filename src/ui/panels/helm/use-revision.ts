import { useMemo } from 'react';
import type { StoredRelease } from '../../../model/helm/release.js';
import type { HelmReleaseRef } from '../../router.js';
import { useHelmReleases } from './use-helm-releases.js';

/** Revisions of one release, live, by number; `loading` until its storage has listed. */
export function useRevisions(release: HelmReleaseRef): {
  byVersion: Map<number, StoredRelease>;
  loading: boolean;
  errors: string[];
} {
  const data = useHelmReleases([release.namespace], release.name);
  const byVersion = useMemo(
    () =>
      new Map(
        data.stored
          .filter((s) => s.name === release.name && s.namespace === release.namespace)
          .map((s) => [s.version, s]),
      ),
    [data.stored, release.name, release.namespace],
  );
  return { byVersion, loading: data.loading, errors: data.errors };
}

/** Why a revision cannot be shown, or undefined when it can. */
export function revisionProblem(
  s: StoredRelease | undefined,
  revision: number,
  loading: boolean,
  errors: string[],
): string | undefined {
  if (errors.length) return `error: ${errors.join('; ')}`;
  if (!s) return loading ? 'Loading…' : `revision ${revision} is gone`;
  if (s.error) return `revision ${revision} is unreadable: ${s.error}`;
  return undefined;
}
