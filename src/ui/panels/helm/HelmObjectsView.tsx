import type { KubernetesObject } from '@kubernetes/client-node';
import { useEffect, useMemo, useState } from 'react';
import type { ResourceRef } from '../../../kube/discovery.js';
import { type ManifestObject, manifestObjects } from '../../../model/helm/manifest.js';
import { rendererFor } from '../../../model/render/index.js';
import type { Column, Health, Row } from '../../../model/table.js';
import type { Query } from '../../../store/query.js';
import { useServices } from '../../app-context.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import type { HelmReleaseRef, ObjectRef } from '../../router.js';
import { revisionProblem, useRevisions } from './use-revision.js';

export interface HelmObjectsViewProps {
  release: HelmReleaseRef;
  revision: number;
  width: number;
  height: number;
  active: boolean;
  onOpen(target: ObjectRef): void;
}

const COLUMNS: Column[] = [
  { name: 'KIND' },
  { name: 'NAMESPACE' },
  { name: 'NAME' },
  { name: 'STATUS' },
  { name: 'SOURCE', wide: true },
];

interface Placed extends ManifestObject {
  ref?: ResourceRef;
  /** Where it lives: its own namespace, else the release's for namespaced kinds. */
  where?: string;
}

/** The status cell a kind's renderer shows (STATUS, else READY), and its health; `exists` for kinds with neither. */
function liveStatus(ref: ResourceRef, obj: KubernetesObject): { text: string; health: Health } {
  const r = rendererFor(ref.group, ref.kind);
  if (!r) return { text: 'exists', health: 'ok' };
  const row = r.render(obj, { now: Date.now() });
  const i = r.columns.findIndex((c) => c.name === 'STATUS');
  const j = i >= 0 ? i : r.columns.findIndex((c) => c.name === 'READY');
  return {
    text: j >= 0 ? (row.cells[j] ?? '') : 'exists',
    health: row.health === 'neutral' ? 'ok' : row.health,
  };
}

/** The objects a revision's manifest made, each with its live status from the store; enter describes one. */
export function HelmObjectsView({ release, revision, onOpen, ...frame }: HelmObjectsViewProps) {
  const { theme, discovery, store } = useServices();
  const { byVersion, loading, errors } = useRevisions(release);
  const stored = byVersion.get(revision);
  const problem = revisionProblem(stored, revision, loading, errors);
  const manifest = stored?.release?.manifest ?? '';
  const placed = useMemo<Placed[]>(
    () =>
      manifestObjects(manifest).map((o) => {
        const slash = o.apiVersion.lastIndexOf('/');
        const group = slash >= 0 ? o.apiVersion.slice(0, slash) : '';
        const ref = discovery.resolve(group ? `${o.kind}.${group}` : o.kind);
        return { ...o, ref, where: ref?.namespaced ? (o.namespace ?? release.namespace) : undefined };
      }),
    [manifest, discovery, release.namespace],
  );
  // One watch per kind and namespace the manifest uses, shared with any list showing the same.
  const queries = useMemo(() => {
    const m = new Map<string, Query>();
    for (const o of placed) {
      if (!o.ref) continue;
      m.set(`${o.ref.group}/${o.ref.resource}/${o.where ?? ''}`, {
        resource: o.ref,
        namespaces: o.where ? [o.where] : undefined,
      });
    }
    return m;
  }, [placed]);
  const [live, setLive] = useState(new Map<string, readonly KubernetesObject[]>());
  useEffect(() => {
    const subs = [...queries].map(([id, q]) => {
      const sub = store.subscribe(q, () => setLive((l) => new Map(l).set(id, sub.snapshot().items)));
      return { id, sub };
    });
    setLive(new Map(subs.map(({ id, sub }) => [id, sub.snapshot().items])));
    return () => {
      for (const { sub } of subs) sub.close();
    };
  }, [queries, store]);
  const rows: Row[] = placed.map((o, i) => {
    const id = o.ref ? `${o.ref.group}/${o.ref.resource}/${o.where ?? ''}` : '';
    const obj = live.get(id)?.find((x) => x.metadata?.name === o.name);
    const st = !o.ref
      ? { text: `kind not served (${o.apiVersion})`, health: 'warn' as Health }
      : obj
        ? liveStatus(o.ref, obj)
        : { text: 'missing', health: 'error' as Health };
    return {
      key: `${i}`,
      name: o.name,
      cells: [o.kind, o.where ?? '', o.name, st.text, o.source ?? ''],
      health: st.health,
    };
  });
  const missing = rows.filter((r) => r.cells[3] === 'missing').length;
  return (
    <SimpleTable
      title={`Objects of ${release.namespace}/${release.name} revision ${revision} · ${problem ?? `${rows.length} in the manifest${missing ? `, ${missing} missing` : ''}`}`}
      columns={COLUMNS}
      rows={rows}
      {...frame}
      theme={theme}
      footer=" enter describe · esc back"
      onEnter={(row) => {
        const o = placed[Number(row.key)];
        if (o?.ref) onOpen({ ref: o.ref, namespace: o.where, name: o.name });
      }}
    />
  );
}
