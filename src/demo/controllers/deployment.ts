import type {
  V1Deployment,
  V1DeploymentCondition,
  V1DeploymentStatus,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { observe } from './informer.js';
import { intOrPercent } from './int-or-percent.js';
import { controllerOf, controllerRef, isControlledBy, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { setCondition } from './pod-facts.js';
import { gvr } from './resources.js';
import { sameTemplate, templateHash } from './template-hash.js';
import { WorkQueue } from './work-queue.js';

const component = 'deployment-controller';
const revisionKey = 'deployment.kubernetes.io/revision';
const historyKey = 'deployment.kubernetes.io/revision-history';

function revisionOf(rs: V1ReplicaSet): number {
  return Number(rs.metadata?.annotations?.[revisionKey] ?? 0) || 0;
}

function created(rs: V1ReplicaSet): number {
  return new Date(rs.metadata?.creationTimestamp ?? 0).getTime();
}

/** The replica set annotations the deployment controller keeps in step with the deployment. */
function rsAnnotations(
  d: V1Deployment,
  revision: number,
  maxSurge: number,
  history?: string,
): Record<string, string> {
  const replicas = d.spec?.replicas ?? 1;
  return {
    ...(d.metadata?.annotations ?? {}),
    [revisionKey]: String(revision),
    'deployment.kubernetes.io/desired-replicas': String(replicas),
    'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
    ...(history ? { [historyKey]: history } : {}),
  };
}

/** Changes one replica set's size, with the ScalingReplicaSet event the deployment controller records. */
function scaleRs(
  store: DemoObjectStore,
  d: V1Deployment,
  rs: V1ReplicaSet,
  to: number,
  maxSurge: number,
): V1ReplicaSet {
  const from = rs.spec?.replicas ?? 0;
  if (from === to) return rs;
  const annotations = {
    ...rsAnnotations(d, revisionOf(rs), maxSurge),
    ...pick(rs.metadata?.annotations, historyKey),
  };
  const next = store.update(gvr.replicasets, {
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...rs.spec!, replicas: to },
  });
  const dir = to > from ? 'up' : 'down';
  store.recordEvent(
    d,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${dir} replica set ${rs.metadata!.name} from ${from} to ${to}`,
    component,
  );
  return next;
}

function pick(m: Record<string, string> | undefined, key: string): Record<string, string> {
  return m?.[key] ? { [key]: m[key] } : {};
}

/** The new replica set for the deployment's current template: found by hash or template, made if missing. */
function newReplicaSet(
  store: DemoObjectStore,
  d: V1Deployment,
  owned: V1ReplicaSet[],
  maxSurge: number,
  create: boolean,
): V1ReplicaSet | undefined {
  const collision = d.status?.collisionCount ?? 0;
  const hash = templateHash(d.spec?.template, collision);
  const maxOld = Math.max(0, ...owned.map(revisionOf));
  const existing = owned.find(
    (rs) =>
      rs.metadata?.labels?.['pod-template-hash'] === hash ||
      sameTemplate(rs.spec?.template, d.spec?.template),
  );
  if (existing) {
    // A rollback makes an old replica set new again: it takes the next revision and remembers its old one.
    if (revisionOf(existing) < maxOld || revisionOf(existing) === 0) {
      const old = revisionOf(existing);
      const prevHistory = existing.metadata?.annotations?.[historyKey];
      const history = old ? [prevHistory, String(old)].filter(Boolean).join(',') : prevHistory;
      return store.update(gvr.replicasets, {
        ...existing,
        metadata: { ...existing.metadata, annotations: rsAnnotations(d, maxOld + 1, maxSurge, history) },
      });
    }
    return existing;
  }
  if (!create) return undefined;
  const name = `${d.metadata!.name}-${hash}`;
  const tpl = d.spec?.template;
  const labels = { ...(tpl?.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const rs: V1ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata!.namespace,
      labels,
      annotations: rsAnnotations(d, maxOld + 1, maxSurge),
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds,
      selector: {
        ...d.spec!.selector,
        matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash },
      },
      template: { ...tpl, metadata: { ...(tpl?.metadata ?? {}), labels } },
    },
  };
  try {
    return store.create(gvr.replicasets, rs);
  } catch (e) {
    // A replica set with our name but another template: bump collisionCount and try again next round.
    const clash = store.get<V1ReplicaSet>(gvr.replicasets, d.metadata!.namespace, name);
    if (clash && !isControlledBy(clash, d)) {
      store.updateStatus(gvr.deployments, { ...d, status: { ...d.status, collisionCount: collision + 1 } });
    }
    throw e;
  }
}

/** One reconcile of a Deployment: pick or make the new replica set, roll pods over, tidy history, report status. */
export function syncDeployment(store: DemoObjectStore, d: V1Deployment): void {
  const ns = d.metadata!.namespace;
  const owned = store
    .list<V1ReplicaSet>(gvr.replicasets, ns)
    .filter((rs) => isControlledBy(rs, d) && !isDeleting(rs));
  const desired = d.spec?.replicas ?? 1;
  const strategy = d.spec?.strategy?.type ?? 'RollingUpdate';
  let maxSurge =
    strategy === 'RollingUpdate'
      ? intOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge, desired, true, Math.ceil(desired / 4))
      : 0;
  let maxUnavailable =
    strategy === 'RollingUpdate'
      ? intOrPercent(d.spec?.strategy?.rollingUpdate?.maxUnavailable, desired, false, Math.floor(desired / 4))
      : 0;
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  maxSurge = Math.max(0, maxSurge);
  const paused = d.spec?.paused === true;
  const isNewRsNeeded = !paused && !isDeleting(d);

  let newRs = newReplicaSet(store, d, owned, maxSurge, isNewRsNeeded);
  const all = () =>
    store.list<V1ReplicaSet>(gvr.replicasets, ns).filter((rs) => isControlledBy(rs, d) && !isDeleting(rs));
  let olds = all().filter((rs) => rs.metadata!.uid !== newRs?.metadata?.uid);

  if (isNewRsNeeded && newRs) {
    if (strategy === 'Recreate') {
      for (const rs of olds) scaleRs(store, d, rs, 0, maxSurge);
      const oldPods = olds.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
      if (oldPods === 0) newRs = scaleRs(store, d, newRs, desired, maxSurge);
    } else {
      const cur = newRs.spec?.replicas ?? 0;
      const total = [newRs, ...olds].reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      if (cur > desired) newRs = scaleRs(store, d, newRs, desired, maxSurge);
      else if (cur < desired && total < desired + maxSurge) {
        newRs = scaleRs(store, d, newRs, cur + Math.min(desired + maxSurge - total, desired - cur), maxSurge);
      }
      olds = scaleDownOld(store, d, newRs, olds, desired, maxUnavailable, maxSurge);
    }
  }
  if (newRs && d.metadata?.annotations?.[revisionKey] !== String(revisionOf(newRs))) {
    d = store.update(gvr.deployments, {
      ...d,
      metadata: {
        ...d.metadata,
        annotations: { ...(d.metadata?.annotations ?? {}), [revisionKey]: String(revisionOf(newRs)) },
      },
    });
  }
  cleanupHistory(store, d, olds);
  writeStatus(store, d, newRs, olds, maxUnavailable);
}

/** Scales old replica sets down no faster than keeping desired - maxUnavailable pods available allows. */
function scaleDownOld(
  store: DemoObjectStore,
  d: V1Deployment,
  newRs: V1ReplicaSet,
  olds: V1ReplicaSet[],
  desired: number,
  maxUnavailable: number,
  maxSurge: number,
): V1ReplicaSet[] {
  const oldCount = olds.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
  if (oldCount === 0) return olds;
  const minAvailable = desired - maxUnavailable;
  const allCount = oldCount + (newRs.spec?.replicas ?? 0);
  const newUnavailable = (newRs.spec?.replicas ?? 0) - (newRs.status?.availableReplicas ?? 0);
  let budget = allCount - minAvailable - newUnavailable;
  if (budget <= 0) return olds;
  const sorted = [...olds].sort((a, b) => created(a) - created(b));
  const out: V1ReplicaSet[] = [];
  // First the old pods that are not available anyway: removing them costs no availability.
  for (const rs of sorted) {
    const replicas = rs.spec?.replicas ?? 0;
    const unhealthy = replicas - (rs.status?.availableReplicas ?? 0);
    const cut = Math.min(budget, Math.max(0, unhealthy));
    out.push(cut > 0 ? scaleRs(store, d, rs, replicas - cut, maxSurge) : rs);
    budget -= cut;
  }
  const available = [newRs, ...out].reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  let remaining = Math.min(budget, available - minAvailable);
  for (let i = 0; i < out.length && remaining > 0; i++) {
    const rs = out[i]!;
    const replicas = rs.spec?.replicas ?? 0;
    const cut = Math.min(replicas, remaining);
    if (cut > 0) {
      out[i] = scaleRs(store, d, rs, replicas - cut, maxSurge);
      remaining -= cut;
    }
  }
  return out;
}

/** Deletes the oldest empty replica sets beyond revisionHistoryLimit. */
function cleanupHistory(store: DemoObjectStore, d: V1Deployment, olds: V1ReplicaSet[]): void {
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  const empty = olds
    .filter((rs) => (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) {
    ignoreRace(() => store.delete(gvr.replicasets, rs.metadata!.namespace, rs.metadata!.name!));
  }
}

function condition(type: string, ok: boolean, reason: string, message: string): V1DeploymentCondition {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z') as unknown as Date;
  return { type, status: ok ? 'True' : 'False', reason, message, lastUpdateTime: now };
}

function writeStatus(
  store: DemoObjectStore,
  d: V1Deployment,
  newRs: V1ReplicaSet | undefined,
  olds: V1ReplicaSet[],
  maxUnavailable: number,
): void {
  const all = newRs ? [newRs, ...olds] : olds;
  const sum = (f: (rs: V1ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const desired = d.spec?.replicas ?? 1;
  const available = sum((rs) => rs.status?.availableReplicas);
  const updated = newRs?.status?.replicas ?? 0;
  const total = sum((rs) => rs.status?.replicas);
  let conds = d.status?.conditions;
  conds = setCondition(
    conds,
    available >= desired - maxUnavailable
      ? condition('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : condition(
          'Available',
          false,
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
  );
  if (newRs) {
    const name = newRs.metadata!.name;
    const complete = updated === desired && total === desired && available >= desired;
    conds = setCondition(
      conds,
      complete
        ? condition(
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${name}" has successfully progressed.`,
          )
        : condition('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`),
    );
  }
  // lastUpdateTime moves only when a condition does, so a steady deployment is not rewritten.
  const keepUpdateTime = (c: V1DeploymentCondition) => {
    const prev = d.status?.conditions?.find((p) => p.type === c.type);
    return prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message
      ? prev
      : c;
  };
  const status: V1DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: total,
    updatedReplicas: updated,
    readyReplicas: sum((rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions: conds.map(keepUpdateTime),
    ...(d.status?.collisionCount ? { collisionCount: d.status.collisionCount } : {}),
  };
  for (const k of [
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
  ] as const) {
    if (status[k] === 0) delete status[k];
  }
  if (JSON.stringify(status) !== JSON.stringify(d.status))
    store.updateStatus(gvr.deployments, { ...d, status });
}

/** The Deployment controller: reconciles a deployment when it, or a replica set it owns, changes. */
export function deploymentController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const d = store.get<V1Deployment>(gvr.deployments, ns, name);
        if (d) syncDeployment(store, d);
        return undefined;
      },
      signal,
      log,
    );
    observe(store, gvr.deployments, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.replicasets, signal, (_type, obj) => {
      const ref = controllerOf(obj);
      if (ref?.kind === 'Deployment') queue.add(`${obj.metadata?.namespace}/${ref.name}`);
    });
  };
}
