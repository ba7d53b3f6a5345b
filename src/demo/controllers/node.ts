import type { V1Lease, V1Node, V1NodeCondition } from '@kubernetes/client-node';
import type { DemoController } from '../controller.js';
import { isApiError } from './api-error.js';
import { type ControllerOptions, scaled } from './options.js';
import { setCondition } from './pod-facts.js';
import { gvr } from './resources.js';
import { wireMicroTime, wireTime } from './wire-time.js';

const leaseNamespace = 'kube-node-lease';

function condition(type: string, ok: boolean, reason: string, message: string, now: number): V1NodeCondition {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    lastHeartbeatTime: wireTime(now),
    lastTransitionTime: wireTime(now),
  };
}

/**
 * The kubelets' node heartbeats: renews each node's Lease in kube-node-lease every 10 s and reports the node
 * Ready with no memory, disk or PID pressure every minute, as kubelet's status loop does.
 */
export function nodeHeartbeats(opts: ControllerOptions = {}): DemoController {
  return ({ store, signal, log }) => {
    const renewLeases = () => {
      const now = Date.now();
      for (const node of store.list<V1Node>(gvr.nodes)) {
        const name = node.metadata!.name!;
        try {
          const lease = store.get<V1Lease>(gvr.leases, leaseNamespace, name);
          if (lease) {
            store.update(gvr.leases, { ...lease, spec: { ...lease.spec, renewTime: wireMicroTime(now) } });
          } else {
            store.create<V1Lease>(gvr.leases, {
              apiVersion: 'coordination.k8s.io/v1',
              kind: 'Lease',
              metadata: {
                name,
                namespace: leaseNamespace,
                ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }],
              },
              spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: wireMicroTime(now) },
            });
          }
        } catch (e) {
          if (!isApiError(e, 'Conflict') && !isApiError(e, 'AlreadyExists'))
            log(`lease ${name}: ${JSON.stringify(e)}`);
        }
      }
    };

    const reportStatus = () => {
      const now = Date.now();
      for (const node of store.list<V1Node>(gvr.nodes)) {
        let conds = node.status?.conditions;
        conds = setCondition(
          conds,
          condition(
            'MemoryPressure',
            false,
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
            now,
          ),
        );
        conds = setCondition(
          conds,
          condition('DiskPressure', false, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
        );
        conds = setCondition(
          conds,
          condition(
            'PIDPressure',
            false,
            'KubeletHasSufficientPID',
            'kubelet has sufficient PID available',
            now,
          ),
        );
        conds = setCondition(
          conds,
          condition('Ready', true, 'KubeletReady', 'kubelet is posting ready status', now),
        );
        try {
          store.updateStatus(gvr.nodes, { ...node, status: { ...node.status, conditions: conds } });
        } catch (e) {
          if (!isApiError(e, 'Conflict') && !isApiError(e, 'NotFound'))
            log(`node ${node.metadata?.name}: ${JSON.stringify(e)}`);
        }
      }
    };

    renewLeases();
    reportStatus();
    const leases = setInterval(renewLeases, scaled(opts, 10_000));
    const status = setInterval(reportStatus, scaled(opts, 60_000));
    leases.unref();
    status.unref();
    signal.addEventListener('abort', () => {
      clearInterval(leases);
      clearInterval(status);
    });
  };
}
