import { useMemo } from 'react';
import { RELEASE_COLUMNS, releaseRows } from '../../../model/helm/helm-table.js';
import { isFaultStatus, latestReleases, type ReleaseSummary } from '../../../model/helm/releases.js';
import { useServices } from '../../app-context.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import type { HelmReleaseRef } from '../../router.js';
import { type HelmIntent, helmIntent } from './helm-keys-handler.js';
import { useHelmReleases } from './use-helm-releases.js';

export interface HelmReleasesViewProps {
  /** undefined: every namespace. */
  namespaces: readonly string[] | undefined;
  width: number;
  height: number;
  active: boolean;
  onHistory(release: HelmReleaseRef): void;
  /** A key on a release, with its latest revision. */
  onIntent(intent: HelmIntent, release: ReleaseSummary): void;
}

/** `:helm`: every release in the namespaces, its latest revision as `helm list --all` shows it, live. */
export function HelmReleasesView({ namespaces, onHistory, onIntent, ...frame }: HelmReleasesViewProps) {
  const { theme } = useServices();
  const data = useHelmReleases(namespaces);
  const releases = useMemo(() => latestReleases(data.stored), [data.stored]);
  const rows = useMemo(() => releaseRows(releases), [releases]);
  const byKey = new Map(releases.map((r) => [`${r.namespace}/${r.name}`, r]));
  const where = namespaces ? namespaces.join(',') : 'all namespaces';
  const failed = releases.filter((r) => !r.error && isFaultStatus(r.status)).length;
  const unreadable = releases.filter((r) => r.error).length;
  const counts = [
    `${releases.length} release${releases.length === 1 ? '' : 's'}`,
    ...(failed ? [`${failed} failed or pending`] : []),
    ...(unreadable ? [`${unreadable} unreadable (enter says why)`] : []),
  ].join(', ');
  const status = data.errors.length
    ? `watch errors: ${data.errors.join('; ')}`
    : data.loading
      ? 'loading…'
      : counts;
  return (
    <SimpleTable
      title={`Helm releases (${where}) · ${status}`}
      columns={RELEASE_COLUMNS}
      rows={rows}
      {...frame}
      theme={theme}
      footer={
        rows.length === 0 && !data.loading
          ? ' No Helm releases here (Secrets or ConfigMaps labelled owner=helm)'
          : ' enter history · v values · V all values · m manifest · n notes · H hooks · o objects · r rollback · ctrl-d uninstall'
      }
      onEnter={(row) => {
        const r = byKey.get(row.key);
        if (r) onHistory({ namespace: r.namespace, name: r.name });
      }}
      onKey={(input, key, row) => {
        const r = row ? byKey.get(row.key) : undefined;
        const intent = helmIntent(input, key);
        if (r && intent) onIntent(intent, r);
      }}
    />
  );
}
