import { useMemo, useState } from 'react';
import { HISTORY_COLUMNS, historyRows } from '../../../model/helm/helm-table.js';
import { type RevisionSummary, releaseHistory } from '../../../model/helm/releases.js';
import { useServices } from '../../app-context.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import type { HelmReleaseRef } from '../../router.js';
import { type HelmIntent, helmIntent } from './helm-keys-handler.js';
import { useHelmReleases } from './use-helm-releases.js';

export interface HelmHistoryViewProps {
  release: HelmReleaseRef;
  width: number;
  height: number;
  active: boolean;
  /** A key on a revision; for a diff, `against` is the marked revision (else the one before). */
  onIntent(intent: HelmIntent, revision: RevisionSummary, against: RevisionSummary | undefined): void;
}

/** A release's revisions, newest first, as `helm history` lists them; space marks one to diff against. */
export function HelmHistoryView({ release, onIntent, ...frame }: HelmHistoryViewProps) {
  const { theme } = useServices();
  const data = useHelmReleases([release.namespace], release.name);
  const history = useMemo(
    () => releaseHistory(data.stored, release.namespace, release.name),
    [data.stored, release.namespace, release.name],
  );
  const rows = useMemo(() => historyRows(history), [history]);
  const [marked, setMarked] = useState<number | undefined>();
  const byRevision = new Map(history.map((r) => [String(r.revision), r]));
  const status = data.errors.length
    ? `watch errors: ${data.errors.join('; ')}`
    : data.loading
      ? 'loading…'
      : history.length === 0
        ? 'no revisions (uninstalled?)'
        : `${history.length} revision${history.length === 1 ? '' : 's'}${marked !== undefined ? ` · #${marked} marked: d diffs against it` : ''}`;
  return (
    <SimpleTable
      title={`History of ${release.namespace}/${release.name} · ${status}`}
      columns={HISTORY_COLUMNS}
      rows={rows}
      marks={marked === undefined ? undefined : new Set([String(marked)])}
      {...frame}
      theme={theme}
      footer=" v values · V all values · m manifest · n notes · H hooks · o objects · space mark · d diff · r rollback here · ctrl-d uninstall"
      onEnter={(row) => {
        const r = byRevision.get(row.key);
        if (r) onIntent({ kind: 'part', part: 'manifest' }, r, undefined);
      }}
      onKey={(input, key, row) => {
        const r = row ? byRevision.get(row.key) : undefined;
        if (!r) return;
        if (input === ' ') {
          setMarked((m) => (m === r.revision ? undefined : r.revision));
          return;
        }
        const intent = helmIntent(input, key);
        if (!intent) return;
        const against =
          marked !== undefined && marked !== r.revision
            ? byRevision.get(String(marked))
            : [...history].reverse().find((h) => h.revision < r.revision);
        onIntent(intent, r, against);
      }}
    />
  );
}
