import type { DemoController } from '../controller.js';
import { cronJobController } from './cronjob.js';
import { daemonSetController } from './daemonset.js';
import { deploymentController } from './deployment.js';
import { endpointsController } from './endpoints.js';
import { garbageCollector } from './garbage-collector.js';
import { jobController } from './job.js';
import { nodeHeartbeats } from './node.js';
import type { ContainerRuntimeHooks } from './pod-lifecycle.js';
import { podLifecycle } from './pod-lifecycle.js';
import { replicaSetController } from './replicaset.js';
import { scheduler } from './scheduler.js';
import { statefulSetController } from './statefulset.js';

export interface BuiltinControllerOptions {
  /** Multiplies every delay (pulls, back-offs, heartbeats); below 1 runs the cluster faster. */
  timeScale?: number;
  /** Told when containers start and exit, for a runtime that keeps logs per container run. */
  hooks?: ContainerRuntimeHooks;
}

/**
 * The loops of kube-controller-manager, kube-scheduler and the kubelets that the demo runs, one per file.
 * MetalLB and external-dns are separate (their own files) because they stand for add-ons, not the core.
 */
export function builtinControllers(opts: BuiltinControllerOptions = {}): DemoController[] {
  const timing = { timeScale: opts.timeScale };
  return [
    nodeHeartbeats(timing),
    scheduler(timing),
    podLifecycle({ ...timing, hooks: opts.hooks }),
    replicaSetController(),
    deploymentController(),
    statefulSetController(),
    daemonSetController(),
    jobController(),
    cronJobController(),
    endpointsController(),
    garbageCollector(),
  ];
}
