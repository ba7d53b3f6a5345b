import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { rfc3339 } from '../controllers/wire-time.js';
import { loadTaint } from './nodes.js';

/**
 * The --demo-pods load: plain pods in namespace `load`, already bound to the load nodes and Running,
 * as they would be on a cluster that has been up for a while, so 10,000 of them cost one write each and
 * no events.
 */
export function loadPods(count: number, nodes: V1Node[], now: number = Date.now()): V1Pod[] {
  const started = rfc3339(now - 3600_000) as unknown as Date;
  const pods: V1Pod[] = [];
  const perNode = Math.ceil(count / Math.max(1, nodes.length));
  for (let i = 0; i < count; i++) {
    const node = nodes[Math.floor(i / perNode)]!;
    const slot = i % perNode;
    const [a, b, c] = node.spec!.podCIDR!.split('/')[0]!.split('.');
    const podIP = `${a}.${b}.${c}.${2 + (slot % 253)}`;
    const hostIP = node.status!.addresses![0]!.address;
    const app = `load-${i % 50}`;
    const image = i % 2 ? 'nginx:1.27' : 'registry.example/load/app:1.8.2';
    const canonical = i % 2 ? 'docker.io/library/nginx:1.27' : image;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-${String(i).padStart(5, '0')}`,
        namespace: 'load',
        labels: { app, tier: i % 3 === 0 ? 'web' : 'worker' },
      },
      spec: {
        nodeName: node.metadata!.name,
        tolerations: [{ key: loadTaint.key, operator: 'Exists', effect: loadTaint.effect }],
        containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }],
      },
      status: {
        phase: 'Running',
        hostIP,
        hostIPs: [{ ip: hostIP }],
        podIP,
        podIPs: [{ ip: podIP }],
        startTime: started,
        qosClass: 'BestEffort',
        conditions: [
          { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: started },
          { type: 'Initialized', status: 'True', lastTransitionTime: started },
          { type: 'Ready', status: 'True', lastTransitionTime: started },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: started },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
        ],
        containerStatuses: [
          {
            name: 'app',
            image: canonical,
            imageID: `${canonical.replace(/:[^:/]+$/, '')}@sha256:${(i % 2 ? 'a' : 'b').repeat(64)}`,
            containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: started } },
          },
        ],
      },
    });
  }
  return pods;
}
