import { useMemo, useState } from 'react';
import { PART_TITLES, partText, partValues, type ReleasePart } from '../../../model/helm/content.js';
import { hasSecretValues } from '../../../model/helm/values.js';
import { highlightYaml } from '../../../model/yaml-view.js';
import { useServices } from '../../app-context.js';
import { TextView } from '../../components/TextView.js';
import type { HelmReleaseRef } from '../../router.js';
import { revisionProblem, useRevisions } from './use-revision.js';

export interface HelmPartViewProps {
  release: HelmReleaseRef;
  revision: number;
  part: ReleasePart;
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

/** One part of a revision (values, computed values, manifest, notes, hooks) in the YAML viewer; `x` reveals secrets. */
export function HelmPartView({
  release,
  revision,
  part,
  width,
  height,
  active,
  onSearching,
}: HelmPartViewProps) {
  const { theme } = useServices();
  const { byVersion, loading, errors } = useRevisions(release);
  const stored = byVersion.get(revision);
  const [reveal, setReveal] = useState(false);
  const problem = revisionProblem(stored, revision, loading, errors);
  const rel = problem ? undefined : stored?.release;
  const maskable =
    rel !== undefined &&
    (part === 'values' || part === 'all-values') &&
    hasSecretValues(partValues(rel, part));
  const lines = useMemo(() => {
    if (!rel) return [problem ?? 'Loading…'];
    const text = partText(rel, part, { reveal });
    if (text === '') return [part === 'values' ? '{}' : `# no ${PART_TITLES[part]} in this revision`];
    return text.split('\n');
  }, [rel, part, reveal, problem]);
  const roleColor: Record<string, string | undefined> = {
    key: theme.yaml.key,
    string: theme.yaml.string,
    number: theme.yaml.number,
    bool: theme.yaml.bool,
    null: theme.yaml.null,
    comment: theme.yaml.comment,
    punct: theme.yaml.punct,
  };
  return (
    <TextView
      title={`${release.namespace}/${release.name} revision ${revision} · ${PART_TITLES[part]}`}
      lines={lines}
      colorize={
        part === 'notes'
          ? undefined
          : (l) => highlightYaml(l).map((s) => ({ text: s.text, color: roleColor[s.role] || undefined }))
      }
      width={width}
      height={height}
      active={active}
      theme={theme}
      hint={
        maskable
          ? reveal
            ? 'secret values revealed, x masks'
            : 'secret values masked, x reveals'
          : undefined
      }
      onKey={(input) => {
        if (input === 'x' && maskable) setReveal((r) => !r);
      }}
      onSearching={onSearching}
    />
  );
}
