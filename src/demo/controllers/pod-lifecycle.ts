import type {
  V1Container,
  V1ContainerState,
  V1ContainerStateTerminated,
  V1ContainerStatus,
  V1Node,
  V1Pod,
  V1PodStatus,
} from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { type ContainerFate, containerFate } from './container-fate.js';
import { canonicalImage, containerId, imageDigest, imageSize } from './image-ref.js';
import { observe } from './informer.js';
import { type ControllerOptions, scaled } from './options.js';
import { isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isTerminal, podCondition, setCondition } from './pod-facts.js';
import { gvr } from './resources.js';
import { timeOf, wireTime } from './wire-time.js';
import { WorkQueue } from './work-queue.js';

const component = 'kubelet';

/** Notified when the kubelet starts or stops a container, so the runtime can rotate its logs. */
export interface ContainerRuntimeHooks {
  containerStarted?(pod: V1Pod, container: string, restartCount: number): void;
  containerExited?(pod: V1Pod, container: string, exitCode: number): void;
}

export interface PodLifecycleOptions extends ControllerOptions {
  hooks?: ContainerRuntimeHooks;
}

/** The kubelet's crash-loop back-off: 10 s doubling to 5 min. */
function backOffMs(restarts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restarts - 1), 300_000);
}

function fmtDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000}m0s` : `${Math.round(ms / 1000)}s`;
}

/** Pod IPs per node from the node's podCIDR, lowest free host address first. */
class PodIps {
  readonly #used = new Map<string, Set<string>>();

  note(pod: V1Pod, deleted: boolean): void {
    const node = pod.spec?.nodeName;
    const ip = pod.status?.podIP;
    if (!node || !ip || pod.spec?.hostNetwork) return;
    const set = this.#used.get(node) ?? new Set();
    if (deleted || isTerminal(pod)) set.delete(ip);
    else set.add(ip);
    this.#used.set(node, set);
  }

  allocate(node: V1Node): string {
    const name = node.metadata!.name!;
    const cidr = node.spec?.podCIDR ?? '10.244.0.0/24';
    const [a, b, c] = cidr.split('/')[0]!.split('.');
    const set = this.#used.get(name) ?? new Set();
    this.#used.set(name, set);
    for (let host = 2; host < 255; host++) {
      const ip = `${a}.${b}.${c}.${host}`;
      if (!set.has(ip)) {
        set.add(ip);
        return ip;
      }
    }
    return `${a}.${b}.${c}.254`;
  }
}

function waiting(reason: string, message?: string): V1ContainerState {
  return { waiting: { reason, ...(message ? { message } : {}) } };
}

function running(now: number): V1ContainerState {
  return { running: { startedAt: wireTime(now) } };
}

/**
 * The kubelet of every demo node: takes bound pods through ContainerCreating, init containers in order and
 * Running, crash-loops containers whose command fails with kubelet's back-off, completes run-to-completion
 * pods, and stops and removes pods being deleted after their containers exit.
 */
export function podLifecycle(opts: PodLifecycleOptions = {}): DemoController {
  return ({ store, signal, log }) => {
    const ips = new PodIps();
    /** When each pod's next step is due, by uid: the demo's stand-in for real container processes. */
    const due = new Map<string, number>();
    const ms = (n: number) => scaled(opts, n);

    const step = (key: string): number | undefined => {
      const [ns, name] = splitKey(key);
      const pod = store.get<V1Pod>(gvr.pods, ns, name);
      if (!pod?.spec?.nodeName) return undefined;
      const uid = pod.metadata!.uid!;
      const now = Date.now();
      const at = due.get(uid);
      if (at !== undefined && at > now) return at - now;
      due.delete(uid);
      const next = isDeleting(pod) ? stop(store, pod, now) : advance(store, pod, now);
      if (next === undefined) return undefined;
      due.set(uid, now + next);
      return next;
    };

    const stop = (s: DemoObjectStore, pod: V1Pod, now: number): number | undefined => {
      const statuses = pod.status?.containerStatuses ?? [];
      const live = statuses.filter((c) => c.state?.running || c.state?.waiting);
      if (live.length === 0 || pod.metadata?.deletionGracePeriodSeconds === 0) {
        s.delete(gvr.pods, pod.metadata!.namespace, pod.metadata!.name!, { gracePeriodSeconds: 0 });
        due.delete(pod.metadata!.uid!);
        return undefined;
      }
      for (const c of live) {
        if (!c.state?.running) continue;
        s.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, component);
        opts.hooks?.containerExited?.(pod, c.name, 0);
      }
      const status: V1PodStatus = {
        ...pod.status,
        containerStatuses: statuses.map((c) =>
          c.state?.running || c.state?.waiting
            ? {
                ...c,
                ready: false,
                started: false,
                state: { terminated: terminated(c, 0, 'Completed', now) },
              }
            : c,
        ),
        conditions: setCondition(
          setCondition(pod.status?.conditions, podCondition('Ready', false, 'ContainersNotReady')),
          podCondition('ContainersReady', false, 'ContainersNotReady'),
        ),
      };
      s.updateStatus(gvr.pods, { ...pod, status });
      // Containers get SIGTERM and most exit at once; the grace period only bounds how long that may take.
      const grace = pod.metadata?.deletionGracePeriodSeconds ?? 30;
      return ms(Math.min(grace * 1000, 1500));
    };

    const terminated = (
      c: V1ContainerStatus,
      exitCode: number,
      reason: string,
      now: number,
    ): V1ContainerStateTerminated => ({
      exitCode,
      reason,
      startedAt: c.state?.running?.startedAt ?? wireTime(now),
      finishedAt: wireTime(now),
      containerID: c.containerID,
    });

    const advance = (s: DemoObjectStore, pod: V1Pod, now: number): number | undefined => {
      if (isTerminal(pod)) return undefined;
      const node = s.get<V1Node>(gvr.nodes, undefined, pod.spec!.nodeName!);
      if (!node) return undefined;
      const spec = pod.spec!;
      const restartPolicy = spec.restartPolicy ?? 'Always';
      const toCompletion = restartPolicy !== 'Always';
      const status: V1PodStatus = { ...(pod.status ?? {}) };
      const inits = spec.initContainers ?? [];
      if (!status.startTime) {
        const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
        status.phase = 'Pending';
        status.startTime = wireTime(now);
        if (hostIP) {
          status.hostIP = hostIP;
          status.hostIPs = [{ ip: hostIP }];
        }
        status.qosClass = qosClass(pod);
        let conds = setCondition(status.conditions, podCondition('PodReadyToStartContainers', false));
        conds = setCondition(
          conds,
          podCondition(
            'Initialized',
            inits.length === 0,
            inits.length ? 'ContainersNotInitialized' : undefined,
          ),
        );
        conds = setCondition(conds, podCondition('Ready', false, 'ContainersNotReady'));
        conds = setCondition(conds, podCondition('ContainersReady', false, 'ContainersNotReady'));
        status.conditions = setCondition(conds, podCondition('PodScheduled', true));
        const initial = inits.length ? 'PodInitializing' : 'ContainerCreating';
        if (inits.length)
          status.initContainerStatuses = inits.map((c) => fresh(c, waiting('PodInitializing')));
        status.containerStatuses = spec.containers.map((c) => fresh(c, waiting(initial)));
        const first = inits[0] ?? spec.containers[0];
        if (first) s.recordEvent(pod, 'Normal', 'Pulling', `Pulling image "${first.image}"`, component);
        s.updateStatus(gvr.pods, { ...pod, status });
        return ms(1200);
      }
      if (!status.podIP) {
        status.podIP = spec.hostNetwork ? status.hostIP : ips.allocate(node);
        status.podIPs = status.podIP ? [{ ip: status.podIP }] : [];
        status.conditions = setCondition(status.conditions, podCondition('PodReadyToStartContainers', true));
      }

      const initStatuses = [...(status.initContainerStatuses ?? [])];
      const pendingInit = inits.findIndex((_c, i) => initStatuses[i]?.state?.terminated?.exitCode !== 0);
      if (pendingInit >= 0) {
        const c = inits[pendingInit]!;
        const cs = initStatuses[pendingInit] ?? fresh(c, waiting('PodInitializing'));
        const r = runContainer(s, pod, c, cs, containerFate(c, true), restartPolicy, now, true);
        initStatuses[pendingInit] = r.status;
        status.initContainerStatuses = initStatuses;
        status.phase = 'Pending';
        s.updateStatus(gvr.pods, { ...pod, status });
        return r.next;
      }
      if (inits.length > 0) {
        status.conditions = setCondition(status.conditions, podCondition('Initialized', true));
      }

      let next: number | undefined;
      const statuses = spec.containers.map((c) => {
        const cs =
          status.containerStatuses?.find((x) => x.name === c.name) ?? fresh(c, waiting('ContainerCreating'));
        const r = runContainer(s, pod, c, cs, containerFate(c, toCompletion), restartPolicy, now, false);
        if (r.next !== undefined) next = next === undefined ? r.next : Math.min(next, r.next);
        return r.status;
      });
      status.containerStatuses = statuses;
      const allReady = statuses.every((c) => c.ready);
      const allDone = statuses.every((c) => c.state?.terminated);
      if (allDone && toCompletion) {
        const failed = statuses.some((c) => c.state?.terminated?.exitCode !== 0);
        status.phase = failed ? 'Failed' : 'Succeeded';
        const why = failed ? 'PodFailed' : 'PodCompleted';
        status.conditions = setCondition(status.conditions, podCondition('Ready', false, why));
        status.conditions = setCondition(status.conditions, podCondition('ContainersReady', false, why));
        status.conditions = setCondition(status.conditions, podCondition('PodReadyToStartContainers', false));
      } else {
        status.phase = statuses.some((c) => c.state?.running || c.state?.terminated || c.restartCount > 0)
          ? 'Running'
          : 'Pending';
        const why = allReady ? undefined : 'ContainersNotReady';
        status.conditions = setCondition(status.conditions, podCondition('Ready', allReady, why));
        status.conditions = setCondition(status.conditions, podCondition('ContainersReady', allReady, why));
      }
      // A steady pod must not be rewritten, or its own watch event would bring it back here forever.
      if (JSON.stringify(status) !== JSON.stringify(pod.status)) s.updateStatus(gvr.pods, { ...pod, status });
      return next;
    };

    /** One step of one container: start it, let it exit, or restart it after back-off. */
    const runContainer = (
      s: DemoObjectStore,
      pod: V1Pod,
      c: V1Container,
      cs: V1ContainerStatus,
      fate: ContainerFate | undefined,
      restartPolicy: string,
      now: number,
      init: boolean,
    ): { status: V1ContainerStatus; next: number | undefined } => {
      const state = cs.state ?? {};
      if (state.waiting) {
        const reason = state.waiting.reason;
        const firstStart =
          (reason === 'ContainerCreating' || reason === 'PodInitializing') && !cs.restartCount;
        if (firstStart) {
          if (
            !init &&
            (pod.spec?.initContainers ?? []).length === 0 &&
            pod.spec?.containers[0]?.name === c.name
          ) {
            // The pod's first container had its Pulling event when the pod was admitted.
          } else {
            s.recordEvent(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, component);
          }
          const took = 400 + (imageSize(c.image ?? '') % 3000);
          s.recordEvent(
            pod,
            'Normal',
            'Pulled',
            `Successfully pulled image "${c.image}" in ${took}ms (${took}ms including waiting). Image size: ${imageSize(c.image ?? '')} bytes.`,
            component,
          );
        } else {
          s.recordEvent(
            pod,
            'Normal',
            'Pulled',
            `Container image "${c.image}" already present on machine`,
            component,
          );
        }
        s.recordEvent(pod, 'Normal', 'Created', `Created container: ${c.name}`, component);
        s.recordEvent(pod, 'Normal', 'Started', `Started container ${c.name}`, component);
        const restartCount = cs.restartCount ?? 0;
        opts.hooks?.containerStarted?.(pod, c.name, restartCount);
        const started: V1ContainerStatus = {
          ...cs,
          containerID: containerId(pod.metadata!.uid!, c.name, restartCount),
          imageID: imageDigest(c.image ?? ''),
          image: canonicalImage(c.image ?? ''),
          state: running(now),
          ready: !init,
          started: true,
        };
        return { status: started, next: fate ? ms(fate.runMs) : undefined };
      }
      if (state.running) {
        if (!fate) return { status: { ...cs, ready: !init }, next: undefined };
        const startedAt = timeOf(state.running.startedAt) ?? now;
        const left = startedAt + ms(fate.runMs) - now;
        // Clock rounding to whole seconds in startedAt can leave a little time on a due container.
        if (left > 1000) return { status: cs, next: left };
        opts.hooks?.containerExited?.(pod, c.name, fate.exitCode);
        const ended = terminated(cs, fate.exitCode, fate.exitCode === 0 ? 'Completed' : 'Error', now);
        const failed = fate.exitCode !== 0;
        // Init containers rerun only after failing; app containers follow the pod's restartPolicy.
        const restarts = init
          ? failed && restartPolicy !== 'Never'
          : restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && failed);
        if (!restarts) {
          return {
            status: { ...cs, ready: false, started: false, state: { terminated: ended } },
            next: undefined,
          };
        }
        const restartCount = (cs.restartCount ?? 0) + 1;
        const wait = backOffMs(restartCount);
        if (restartCount === 1) {
          // The kubelet restarts a container at once the first time; back-off starts with the second exit.
          return {
            status: {
              ...cs,
              ready: false,
              started: false,
              restartCount,
              lastState: { terminated: ended },
              state: waiting('ContainerCreating'),
            },
            next: ms(500),
          };
        }
        const message = `back-off ${fmtDuration(wait)} restarting failed container=${c.name} pod=${pod.metadata!.name}_${pod.metadata!.namespace}(${pod.metadata!.uid})`;
        s.recordEvent(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${c.name} in pod ${pod.metadata!.name}_${pod.metadata!.namespace}(${pod.metadata!.uid})`,
          component,
        );
        return {
          status: {
            ...cs,
            ready: false,
            started: false,
            restartCount,
            lastState: { terminated: ended },
            state: waiting('CrashLoopBackOff', message),
          },
          next: ms(wait),
        };
      }
      return { status: cs, next: undefined };
    };

    const queue = new WorkQueue(step, signal, log);
    observe(store, gvr.pods, signal, (type, obj) => {
      const pod = obj as V1Pod;
      ips.note(pod, type === 'DELETED');
      if (type === 'DELETED') {
        due.delete(pod.metadata?.uid ?? '');
        return;
      }
      if (pod.spec?.nodeName && (!isTerminal(pod) || isDeleting(pod))) queue.add(keyOf(pod));
    });
  };
}

function fresh(c: V1Container, state: V1ContainerState): V1ContainerStatus {
  return {
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    state,
  };
}

/** The pod's QoS class from its containers' requests and limits, as the API server computes it. */
function qosClass(pod: V1Pod): string {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const any = containers.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? l;
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && String(r[k] ?? l[k]) === String(l[k]));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
