import { useMemo, useState } from 'react';
import type { DiffLine } from '../../../model/helm/diff.js';
import { type DiffPart, revisionDiff } from '../../../model/helm/revision-diff.js';
import { useServices } from '../../app-context.js';
import { TextView } from '../../components/TextView.js';
import type { HelmReleaseRef } from '../../router.js';
import { revisionProblem, useRevisions } from './use-revision.js';

export interface HelmDiffViewProps {
  release: HelmReleaseRef;
  from: number;
  to: number;
  part: DiffPart;
  width: number;
  height: number;
  active: boolean;
  onSearching(searching: boolean): void;
}

const PART_KEYS: Record<string, DiffPart> = { m: 'manifest', v: 'values', V: 'all-values' };

/** The unified diff of two revisions' manifests or values, coloured; m/v/V switch what is compared. */
export function HelmDiffView({
  release,
  from,
  to,
  width,
  height,
  active,
  onSearching,
  ...p
}: HelmDiffViewProps) {
  const { theme } = useServices();
  const { byVersion, loading, errors } = useRevisions(release);
  const [part, setPart] = useState<DiffPart>(p.part);
  const [reveal, setReveal] = useState(false);
  const a = byVersion.get(from);
  const b = byVersion.get(to);
  const problem = revisionProblem(a, from, loading, errors) ?? revisionProblem(b, to, loading, errors);
  const diff = useMemo<DiffLine[]>(() => {
    if (problem || !a?.release || !b?.release) return [{ text: problem ?? 'Loading…', kind: 'context' }];
    const d = revisionDiff(a.release, b.release, part, { reveal });
    return d.length ? d : [{ text: `revisions ${from} and ${to} have the same ${part}`, kind: 'context' }];
  }, [a, b, part, reveal, problem, from, to]);
  const lines = diff.map((l) => l.text);
  const color: Record<DiffLine['kind'], string | undefined> = {
    header: theme.title,
    hunk: theme.yaml.key,
    add: theme.health.ok,
    del: theme.error,
    context: undefined,
  };
  // TextView colours by a line's text: the two headers are the first lines, the rest show their role in column one.
  const roleOf = (line: string): DiffLine['kind'] => {
    if (diff.length > 1 && (line === lines[0] || line === lines[1])) return 'header';
    if (line.startsWith('@@ ')) return 'hunk';
    if (line.startsWith('+')) return 'add';
    if (line.startsWith('-')) return 'del';
    return 'context';
  };
  return (
    <TextView
      title={`${release.namespace}/${release.name} diff ${part} ${from} → ${to}`}
      lines={lines}
      colorize={(l) => [{ text: l, color: color[roleOf(l)] || undefined }]}
      width={width}
      height={height}
      active={active}
      theme={theme}
      hint={`m manifest · v values · V all values${part === 'manifest' ? '' : reveal ? ' · x masks' : ' · x reveals'}`}
      onKey={(input) => {
        const next = PART_KEYS[input];
        if (next) setPart(next);
        else if (input === 'x' && part !== 'manifest') setReveal((r) => !r);
      }}
      onSearching={onSearching}
    />
  );
}
