import type { HelmRelease, StoredRelease } from './release.js';

/** One row of the release list: the latest revision of a release, as `helm list` shows it. */
export interface ReleaseSummary {
  name: string;
  namespace: string;
  revision: number;
  /** info.last_deployed as stored (RFC 3339), undefined when unset. */
  updated?: string;
  status: string;
  /** `name-version` as helm prints it; MISSING when the chart is not stored. */
  chart: string;
  appVersion: string;
  /** The revision could not be decoded: why. */
  error?: string;
  latest: StoredRelease;
}

/** One revision of a release, as `helm history` shows it. */
export interface RevisionSummary {
  revision: number;
  updated?: string;
  status: string;
  chart: string;
  appVersion: string;
  description: string;
  error?: string;
  stored: StoredRelease;
}

/** `name-version`, or MISSING as helm prints it for a release without chart metadata. */
export function chartName(release: HelmRelease | undefined): string {
  const m = release?.chart?.metadata;
  if (!m) return 'MISSING';
  return `${m.name ?? ''}-${m.version ?? ''}`;
}

export function appVersion(release: HelmRelease | undefined): string {
  const m = release?.chart?.metadata;
  if (!m) return 'MISSING';
  return m.appVersion ?? '';
}

/** The status helm reports: the release's own, else the storage label's (a corrupt revision has only that). */
export function revisionStatus(s: StoredRelease): string {
  return s.release?.info?.status ?? s.labelStatus;
}

/** Statuses that mean something is wrong or unfinished: the list colours them as faults. */
export function isFaultStatus(status: string): boolean {
  return (
    status === 'failed' || status.startsWith('pending-') || status === 'uninstalling' || status === 'unknown'
  );
}

const key = (s: StoredRelease) => `${s.namespace}/${s.name}`;

/**
 * The latest revision of every release, sorted by name then namespace as `helm list` sorts (helm keeps the highest
 * version of each namespace/name). Every status shows, as `helm list --all` does.
 */
export function latestReleases(stored: readonly StoredRelease[]): ReleaseSummary[] {
  const latest = new Map<string, StoredRelease>();
  for (const s of stored) {
    const k = key(s);
    const have = latest.get(k);
    if (!have || have.version < s.version || (have.version === s.version && have.error && !s.error))
      latest.set(k, s);
  }
  return [...latest.values()]
    .map((s) => ({
      name: s.name,
      namespace: s.namespace,
      revision: s.version,
      updated: s.release?.info?.last_deployed,
      status: s.error ? `${revisionStatus(s)} (unreadable)` : revisionStatus(s),
      chart: s.error ? '?' : chartName(s.release),
      appVersion: s.error ? '?' : appVersion(s.release),
      error: s.error,
      latest: s,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
}

/** Every stored revision of one release, oldest first, as `helm history` lists them. */
export function releaseHistory(
  stored: readonly StoredRelease[],
  namespace: string,
  name: string,
): RevisionSummary[] {
  return stored
    .filter((s) => s.namespace === namespace && s.name === name)
    .sort((a, b) => a.version - b.version)
    .map((s) => ({
      revision: s.version,
      updated: s.release?.info?.last_deployed,
      status: revisionStatus(s),
      chart: s.error ? '?' : chartName(s.release),
      appVersion: s.error ? '?' : appVersion(s.release),
      description: s.error ? `unreadable: ${s.error}` : (s.release?.info?.description ?? ''),
      error: s.error,
      stored: s,
    }));
}
