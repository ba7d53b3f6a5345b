import type {
  CoreV1Event,
  KubernetesObject,
  V1DaemonSet,
  V1Deployment,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { formatLabels, formatSelector, selectorFromLabelSelector } from '../label-selector.js';
import {
  annotationsMultiline,
  controlledBy,
  events,
  labelsMultiline,
  podTemplate,
  rfc1123z,
} from './format.js';
import { PrefixWriter } from './tab-writer.js';

/** getPodStatusForController: phases of the pods this object controls (by controller UID when it has one). */
export function podPhases(owner: KubernetesObject, pods: V1Pod[] | undefined): string {
  const uid = owner.metadata?.uid;
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods ?? []) {
    const ref = p.metadata?.ownerReferences?.find((o) => o.controller);
    if (uid && ref?.uid !== uid) continue;
    const phase = p.status?.phase as keyof typeof counts | undefined;
    if (phase && phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function selectorText(obj: {
  spec?: { selector?: Parameters<typeof selectorFromLabelSelector>[0] };
}): string {
  const sel = selectorFromLabelSelector(obj.spec?.selector);
  return sel ? formatSelector(sel) : '';
}

function conditions(
  w: PrefixWriter,
  list: { type: string; status: string; reason?: string }[] | undefined,
): void {
  if (!list || list.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of list) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

const intOrString = (v: number | string | undefined, fallback: string) =>
  v === undefined ? fallback : String(v);

const REVISION = 'deployment.kubernetes.io/revision';

/** describeDeployment; Old/New ReplicaSets come from the ReplicaSets the deployment controls. */
export function describeDeployment(
  d: V1Deployment,
  evs: CoreV1Event[],
  replicaSets: V1ReplicaSet[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const s = d.status ?? {};
  w.write(0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata?.labels);
  annotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.write(0, `Selector:\t${selectorText(d)}\n`);
  w.write(
    0,
    `Replicas:\t${d.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) {
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable, '25%')} max unavailable, ${intOrString(ru.maxSurge, '25%')} max surge\n`,
    );
  }
  podTemplate(w, d.spec?.template);
  conditions(w, s.conditions);
  if (replicaSets) {
    const uid = d.metadata?.uid;
    const owned = replicaSets.filter(
      (rs) => !uid || rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid),
    );
    const revision = d.metadata?.annotations?.[REVISION];
    const isNew = (rs: V1ReplicaSet) =>
      revision !== undefined && rs.metadata?.annotations?.[REVISION] === revision;
    const list = (rss: V1ReplicaSet[]) =>
      rss
        .map(
          (rs) =>
            `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
        )
        .join(', ') || '<none>';
    if (owned.length > 0) {
      w.write(0, `OldReplicaSets:\t${list(owned.filter((rs) => !isNew(rs)))}\n`);
      w.write(0, `NewReplicaSet:\t${list(owned.filter(isNew))}\n`);
    }
  }
  events(w, evs, now);
  return w.toString();
}

/** describeReplicaSet. */
export function describeReplicaSet(
  rs: V1ReplicaSet,
  evs: CoreV1Event[],
  pods: V1Pod[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorText(rs) || '<none>'}\n`);
  labelsMultiline(w, 'Labels', rs.metadata?.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  const owner = controlledBy(rs.metadata?.ownerReferences);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podPhases(rs, pods)}\n`);
  podTemplate(w, rs.spec?.template);
  conditions(w, rs.status?.conditions);
  events(w, evs, now);
  return w.toString();
}

/** describeStatefulSet. */
export function describeStatefulSet(
  ss: V1StatefulSet,
  evs: CoreV1Event[],
  pods: V1Pod[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const spec = ss.spec;
  w.write(0, `Name:\t${ss.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ss.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorText(ss)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata?.annotations);
  if (spec?.serviceName) w.write(0, `Service Name:\t${spec.serviceName}\n`);
  if (spec?.podManagementPolicy) w.write(0, `Pod Management Policy:\t${spec.podManagementPolicy}\n`);
  w.write(0, `Replicas:\t${spec?.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ''}\n`);
  const ru = spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined && ru.partition !== null) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    w.write(0, 'Persistent Volume Claim Retention Policy:\n');
    w.write(1, `WhenDeleted:\t${retention.whenDeleted ?? ''}\n`);
    w.write(1, `WhenScaled:\t${retention.whenScaled ?? ''}\n`);
  }
  w.write(0, `Pods Status:\t${podPhases(ss, pods)}\n`);
  podTemplate(w, spec?.template);
  const claims = spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) {
    w.write(0, 'Volume Claims:\t<none>\n');
  } else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      const storageClass =
        pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
        pvc.spec?.storageClassName ??
        '';
      w.write(1, `StorageClass:\t${storageClass}\n`);
      labelsMultiline(w, '  Labels', pvc.metadata?.labels);
      labelsMultiline(w, '  Annotations', pvc.metadata?.annotations);
      w.write(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  events(w, evs, now);
  return w.toString();
}

/** describeDaemonSet. */
export function describeDaemonSet(
  ds: V1DaemonSet,
  evs: CoreV1Event[],
  pods: V1Pod[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const s = ds.status;
  w.write(0, `Name:\t${ds.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ds.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorText(ds)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata?.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podPhases(ds, pods)}\n`);
  podTemplate(w, ds.spec?.template);
  events(w, evs, now);
  return w.toString();
}
