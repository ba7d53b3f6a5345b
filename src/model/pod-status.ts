import type { V1Container, V1ContainerStatus, V1Node, V1Pod } from '@kubernetes/client-node';
import { humanDuration, toMillis } from './age.js';
import type { Health } from './table.js';

/** READY, STATUS and RESTARTS of a pod as `kubectl get pods` prints them, plus the row's health. */
export interface PodStatus {
  /** `1/2`: ready containers over containers (sidecar init containers count). */
  ready: string;
  readyCount: number;
  totalCount: number;
  /** kubectl's STATUS: Running, Init:0/1, CrashLoopBackOff, Completed, Terminating… */
  status: string;
  /** `5 (3m ago)` or `0`. */
  restarts: string;
  restartCount: number;
  /** When the last restart finished (ms since epoch), if known. */
  lastRestartAt?: number;
  health: Health;
}

// NodeUnreachablePodReason in k8s.io/kubernetes/pkg/util/node: pods on a lost node.
const NODE_LOST = 'NodeLost';

function isSidecar(c: V1Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(pod: V1Pod, type: string): boolean {
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === type) return c.status === 'True';
  }
  return false;
}

function lastTerminated(cs: V1ContainerStatus): number | undefined {
  return toMillis(cs.lastState?.terminated?.finishedAt);
}

/** Mirrors printPod in k8s.io/kubernetes pkg/printers/internalversion/printers.go (kubectl 1.29+ with sidecars). */
export function podStatus(pod: V1Pod, now: number): PodStatus {
  const spec = pod.spec;
  const st = pod.status;
  const phase = st?.phase ?? '';
  let reason = st?.reason || phase;
  let restarts = 0;
  let sidecarRestarts = 0;
  let readyCount = 0;
  let totalCount = spec?.containers?.length ?? 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  for (const c of st?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = spec?.initContainers ?? [];
  for (const c of initSpecs) {
    if (isSidecar(c)) totalCount++;
  }

  let initializing = false;
  const initStatuses = st?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const sidecar = isSidecar(initSpecs.find((c) => c.name === cs.name));
    restarts += cs.restartCount ?? 0;
    const finished = lastTerminated(cs);
    if (finished !== undefined && finished > lastRestart) lastRestart = finished;
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (finished !== undefined && finished > lastSidecarRestart) lastSidecarRestart = finished;
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) readyCount++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = st?.containerStatuses ?? [];
    // Walked backwards so the first container's state wins, as kubectl does.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      const finished = lastTerminated(cs);
      if (finished !== undefined && finished > lastRestart) lastRestart = finished;
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (term?.reason) {
        reason = term.reason;
      } else if (term) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && st?.reason === NODE_LOST) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);

  const out: PodStatus = {
    ready: `${readyCount}/${totalCount}`,
    readyCount,
    totalCount,
    status: reason,
    restarts: restartsText,
    restartCount: restarts,
    health: podHealth(reason, phase, readyCount, totalCount),
  };
  if (lastRestart > 0) out.lastRestartAt = lastRestart;
  return out;
}

const PENDING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated', '']);

/** ok when running and ready, done when finished well, pending while starting, error for failures and backoffs. */
export function podHealth(status: string, phase: string, ready: number, total: number): Health {
  if (status === 'Terminating') return 'deleting';
  if (status === 'Completed' || (status === 'Succeeded' && phase === 'Succeeded')) return 'done';
  if (status === 'Running') return ready === total ? 'ok' : 'warn';
  if (status === 'NotReady') return 'warn';
  if (PENDING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'pending';
  return 'error';
}

/** STATUS and ROLES of a node as `kubectl get nodes` prints them (printNode in printers.go). */
export interface NodeStatus {
  status: string;
  roles: string;
  health: Health;
}

export function nodeStatus(node: V1Node): NodeStatus {
  const parts: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else parts.push('Unknown');
  const cordoned = node.spec?.unschedulable === true;
  if (cordoned) parts.push('SchedulingDisabled');
  const roles = nodeRoles(node.metadata?.labels);
  const health: Health = parts[0] !== 'Ready' ? 'error' : cordoned ? 'warn' : 'ok';
  return { status: parts.join(','), roles: roles.length > 0 ? roles.join(',') : '<none>', health };
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role`, sorted, deduplicated. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** Health of a workload from ready over desired replicas: all ready ok, some missing warn, none wanted neutral. */
export function readinessHealth(ready: number, desired: number): Health {
  if (desired === 0) return ready === 0 ? 'neutral' : 'warn';
  return ready >= desired ? 'ok' : 'warn';
}
