import type { ActionGate, Verb } from '../../kube/actions/gate.js';
import { isKind, kinds, type ResourceKind } from '../../kube/actions/target.js';
import type { KeyBinding } from './key-binding.js';

/** What a key starts; the view maps it to a dialog from src/ui/dialogs. */
export type ActionId =
  | 'scale'
  | 'restart'
  | 'delete'
  | 'kill'
  | 'set-image'
  | 'edit'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'port-forward'
  | 'port-forwards'
  | 'copy'
  | 'history'
  | 'undo'
  | 'label'
  | 'annotate'
  | 'trigger'
  | 'suspend'
  | 'apply';

/** A key, the kinds it works on ('any' = every resource), and the permission it needs. */
export interface ActionKey {
  id: ActionId;
  binding: KeyBinding;
  kinds: readonly ResourceKind[] | 'any' | 'none';
  /** The request the action sends, for the gate's can(); the help screen hides keys that would be refused. */
  needs?: { verb: Verb; subresource?: string; on?: ResourceKind };
}

const workloads = [kinds.deployment, kinds.statefulSet, kinds.daemonSet, kinds.replicaSet];

/**
 * The action keys, k9s habits: `s` is scale on Deployments/StatefulSets/ReplicaSets and suspend on
 * CronJobs, while on pods it stays shell (the shell keys own it), so scopes never overlap.
 */
export const actionKeyTable: ActionKey[] = [
  {
    id: 'scale',
    kinds: [kinds.deployment, kinds.statefulSet, kinds.replicaSet],
    needs: { verb: 'patch', subresource: 'scale' },
    binding: {
      key: 's',
      scope: 'workload',
      description: 'Scale (Deployment, StatefulSet, ReplicaSet): current count shown',
      mutates: true,
    },
  },
  {
    id: 'restart',
    kinds: [kinds.deployment, kinds.statefulSet, kinds.daemonSet],
    needs: { verb: 'patch' },
    binding: {
      key: 'r',
      scope: 'workload',
      description: 'Rollout restart (Deployment, StatefulSet, DaemonSet)',
      mutates: true,
    },
  },
  {
    id: 'history',
    kinds: [kinds.deployment, kinds.statefulSet, kinds.daemonSet],
    needs: { verb: 'patch' },
    binding: {
      key: 'h',
      scope: 'workload',
      description: 'Rollout history; enter undoes to the chosen revision',
      mutates: true,
      note: 'k9s has no rollout history',
    },
  },
  {
    id: 'undo',
    kinds: [kinds.deployment, kinds.statefulSet, kinds.daemonSet],
    needs: { verb: 'patch' },
    binding: {
      key: 'shift-u',
      scope: 'workload',
      description: 'Rollout undo to the previous revision (confirm)',
      mutates: true,
    },
  },
  {
    id: 'set-image',
    kinds: [kinds.pod, ...workloads, kinds.job, kinds.cronJob],
    needs: { verb: 'patch' },
    binding: {
      key: 'i',
      scope: 'workload',
      description: 'Set image, per container (pods and workloads)',
      mutates: true,
    },
  },
  {
    id: 'delete',
    kinds: 'any',
    needs: { verb: 'delete' },
    binding: {
      key: 'ctrl-d',
      scope: 'any-resource',
      description: 'Delete (confirm; propagation, grace period, force); a namespace deletes all in it',
      mutates: true,
    },
  },
  {
    id: 'kill',
    kinds: [kinds.pod],
    needs: { verb: 'delete' },
    binding: {
      key: 'ctrl-k',
      scope: 'pod',
      description: 'Kill: delete the pod now, no grace period (confirm)',
      mutates: true,
    },
  },
  {
    id: 'edit',
    kinds: 'any',
    needs: { verb: 'update' },
    binding: {
      key: 'e',
      scope: 'any-resource',
      description: 'Edit in $KUBE_EDITOR/$EDITOR; a failed save reopens with the error, your text kept',
      mutates: true,
    },
  },
  {
    id: 'label',
    kinds: 'any',
    needs: { verb: 'patch' },
    binding: {
      key: 'shift-l',
      scope: 'any-resource',
      description: 'Label: key=value to set, key- to remove',
      mutates: true,
    },
  },
  {
    id: 'annotate',
    kinds: 'any',
    needs: { verb: 'patch' },
    binding: {
      key: 'shift-o',
      scope: 'any-resource',
      description: 'Annotate: key=value to set, key- to remove',
      mutates: true,
      note: 'a and shift-a are attach and sort by age',
    },
  },
  {
    id: 'cordon',
    kinds: [kinds.node],
    needs: { verb: 'patch' },
    binding: { key: 'c', scope: 'node', description: 'Cordon: no new pods on the node', mutates: true },
  },
  {
    id: 'uncordon',
    kinds: [kinds.node],
    needs: { verb: 'patch' },
    binding: { key: 'u', scope: 'node', description: 'Uncordon', mutates: true },
  },
  {
    id: 'drain',
    kinds: [kinds.node],
    needs: { verb: 'create', subresource: 'eviction', on: kinds.pod },
    binding: {
      key: 'r',
      scope: 'node',
      description:
        'Drain: cordon, evict pods (PodDisruptionBudgets respected, DaemonSet pods skipped), esc cancels',
      mutates: true,
    },
  },
  {
    id: 'trigger',
    kinds: [kinds.cronJob],
    needs: { verb: 'create', on: kinds.job },
    binding: {
      key: 't',
      scope: 'cronjob',
      description: 'Trigger: run the CronJob now as a Job',
      mutates: true,
    },
  },
  {
    id: 'suspend',
    kinds: [kinds.cronJob],
    needs: { verb: 'patch' },
    binding: { key: 's', scope: 'cronjob', description: 'Suspend or resume the schedule', mutates: true },
  },
  {
    id: 'port-forward',
    kinds: [kinds.pod],
    binding: { key: 'shift-f', scope: 'pod', description: 'Port-forward a container port to 127.0.0.1' },
  },
  {
    id: 'port-forwards',
    kinds: 'none',
    binding: { key: ':pf', scope: 'global', description: 'Active port-forwards: list, stop one' },
  },
  {
    id: 'copy',
    kinds: [kinds.pod],
    needs: { verb: 'create', subresource: 'exec' },
    binding: {
      key: 't',
      scope: 'pod',
      description: 'Copy files to or from the container (tar over exec, like kubectl cp), esc cancels',
      mutates: true,
    },
  },
  {
    id: 'apply',
    kinds: 'any',
    needs: { verb: 'patch' },
    binding: {
      key: 'shift-c',
      scope: 'table',
      description: 'Create or apply (server-side) from a YAML file',
      mutates: true,
    },
  },
];

/** The rows for the help screen and README. */
export const actionKeys: KeyBinding[] = actionKeyTable.map((a) => a.binding);

/** Whether the action applies to rows of this kind. */
export function appliesTo(a: ActionKey, ref: ResourceKind): boolean {
  if (a.kinds === 'none') return false;
  return a.kinds === 'any' || a.kinds.some((k) => isKind(ref, k));
}

/** The action a key starts on rows of this kind, if any; `key` as the key table spells it. */
export function actionForKey(key: string, ref: ResourceKind): ActionKey | undefined {
  return actionKeyTable.find((a) => a.binding.key === key && appliesTo(a, ref));
}

/**
 * Whether the gate would let the action through: false in read-only mode or when RBAC says no,
 * true when allowed or unknown (the server decides). Sends at most one cached review per question.
 */
export async function actionAllowed(
  gate: ActionGate,
  a: ActionKey,
  ref: ResourceKind,
  namespace?: string,
): Promise<boolean> {
  if (!a.needs) return true;
  return gate.can(a.needs.verb, a.needs.on ?? ref, namespace, a.needs.subresource);
}

/** The action keys of a kind that the user may use, for a help screen or menu. */
export async function allowedActions(
  gate: ActionGate,
  ref: ResourceKind,
  namespace?: string,
): Promise<ActionKey[]> {
  const candidates = actionKeyTable.filter((a) => appliesTo(a, ref));
  const allowed = await Promise.all(candidates.map((a) => actionAllowed(gate, a, ref, namespace)));
  return candidates.filter((_, i) => allowed[i]);
}
