import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1ContainerStatus, V1Node, V1Pod } from '@kubernetes/client-node';
import { nodeRoles, nodeStatus, podStatus } from '../../src/model/pod-status.js';
import type { Health } from '../../src/model/table.js';
import {
  ago,
  controlPlane,
  crashLoop,
  NOW,
  pendingPod,
  T,
  webserverInitializing,
  webserverRunning,
} from './render-fixtures.js';

function cs(name: string, extra: Partial<V1ContainerStatus>): V1ContainerStatus {
  return { name, image: 'img', imageID: '', ready: false, restartCount: 0, ...extra };
}

function pod(opts: {
  phase?: string;
  reason?: string;
  init?: { name: string; sidecar?: boolean }[];
  containers?: number;
  initStatuses?: V1ContainerStatus[];
  statuses?: V1ContainerStatus[];
  conditions?: { type: string; status: string; reason?: string }[];
  deleting?: boolean;
}): V1Pod {
  const n = opts.containers ?? opts.statuses?.length ?? 1;
  return {
    metadata: {
      name: 'p',
      creationTimestamp: ago(60),
      ...(opts.deleting ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      initContainers: (opts.init ?? []).map((c) => ({
        name: c.name,
        ...(c.sidecar ? { restartPolicy: 'Always' } : {}),
      })),
      containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}` })),
    },
    status: {
      ...(opts.phase ? { phase: opts.phase } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      conditions: opts.conditions ?? [],
      initContainerStatuses: opts.initStatuses ?? [],
      containerStatuses: opts.statuses ?? [],
    },
  };
}

const running = (ready = true) => ({ state: { running: { startedAt: ago(50) } }, ready, started: true });

// Each case mirrors a branch of printPod in k8s.io/kubernetes pkg/printers/internalversion/printers.go.
const cases: { name: string; pod: V1Pod; ready: string; status: string; restarts: string; health: Health }[] =
  [
    {
      name: 'all containers running and ready',
      pod: pod({ phase: 'Running', statuses: [cs('c0', running()), cs('c1', running())] }),
      ready: '2/2',
      status: 'Running',
      restarts: '0',
      health: 'ok',
    },
    {
      name: 'running but one container not ready',
      pod: pod({ phase: 'Running', statuses: [cs('c0', running()), cs('c1', running(false))] }),
      ready: '1/2',
      status: 'Running',
      restarts: '0',
      health: 'warn',
    },
    {
      name: 'restarts with last restart age (kubectl 1.28+ "N (age ago)")',
      pod: pod({
        phase: 'Running',
        statuses: [
          cs('c0', {
            ...running(),
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * T.MIN) } },
          }),
          cs('c1', {
            ...running(),
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(7 * T.MIN) } },
          }),
        ],
      }),
      ready: '2/2',
      status: 'Running',
      restarts: '6 (5m ago)',
      health: 'ok',
    },
    {
      name: 'restarts without a last termination show the bare count',
      pod: pod({ phase: 'Running', statuses: [cs('c0', { ...running(), restartCount: 2 })] }),
      ready: '1/1',
      status: 'Running',
      restarts: '2',
      health: 'ok',
    },
    {
      name: 'crash loop back-off',
      pod: crashLoop,
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '5 (30s ago)',
      health: 'error',
    },
    {
      name: 'image pull back-off',
      pod: pod({
        phase: 'Pending',
        statuses: [cs('c0', { state: { waiting: { reason: 'ImagePullBackOff' } } })],
      }),
      ready: '0/1',
      status: 'ImagePullBackOff',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'container creating',
      pod: pod({
        phase: 'Pending',
        statuses: [cs('c0', { state: { waiting: { reason: 'ContainerCreating' } } })],
      }),
      ready: '0/1',
      status: 'ContainerCreating',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'pending, unscheduled',
      pod: pendingPod,
      ready: '0/1',
      status: 'Pending',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'scheduling gated',
      pod: pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      ready: '0/1',
      status: 'SchedulingGated',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'webserver: init container running → Init:0/1',
      pod: webserverInitializing,
      ready: '0/1',
      status: 'Init:0/1',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'second of two init containers running → Init:1/2',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }, { name: 'b' }],
        initStatuses: [
          cs('a', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          cs('b', { state: { running: {} } }),
        ],
      }),
      ready: '0/1',
      status: 'Init:1/2',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'init container waiting in PodInitializing counts as Init:N/M',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', { state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      ready: '0/1',
      status: 'Init:0/1',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'init container crash-looping: Init:CrashLoopBackOff, init restarts counted',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [
          cs('a', {
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(75) } },
          }),
        ],
      }),
      ready: '0/1',
      status: 'Init:CrashLoopBackOff',
      restarts: '4 (75s ago)',
      health: 'error',
    },
    {
      name: 'init container failed with a reason',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', { state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      }),
      ready: '0/1',
      status: 'Init:Error',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'init container failed without a reason: exit code',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', { state: { terminated: { exitCode: 2 } } })],
      }),
      ready: '0/1',
      status: 'Init:ExitCode:2',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'init container killed by a signal',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', { state: { terminated: { exitCode: 137, signal: 9 } } })],
      }),
      ready: '0/1',
      status: 'Init:Signal:9',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'init done, main container PodInitializing',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [cs('a', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        statuses: [cs('c0', { state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      ready: '0/1',
      status: 'PodInitializing',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'webserver running after init',
      pod: webserverRunning,
      ready: '1/1',
      status: 'Running',
      restarts: '0',
      health: 'ok',
    },
    {
      name: 'completed',
      pod: pod({
        phase: 'Succeeded',
        statuses: [cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
      }),
      ready: '0/1',
      status: 'Completed',
      restarts: '0',
      health: 'done',
    },
    {
      name: 'failed with Error',
      pod: pod({
        phase: 'Failed',
        statuses: [cs('c0', { state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      }),
      ready: '0/1',
      status: 'Error',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'container terminated without reason: ExitCode',
      pod: pod({ phase: 'Failed', statuses: [cs('c0', { state: { terminated: { exitCode: 3 } } })] }),
      ready: '0/1',
      status: 'ExitCode:3',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'container terminated by signal without reason',
      pod: pod({
        phase: 'Failed',
        statuses: [cs('c0', { state: { terminated: { exitCode: 0, signal: 15 } } })],
      }),
      ready: '0/1',
      status: 'Signal:15',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'evicted: the pod reason wins when no container says otherwise',
      pod: pod({ phase: 'Failed', reason: 'Evicted' }),
      ready: '0/1',
      status: 'Evicted',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'one container completed, another still running and the pod Ready → Running',
      pod: pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        statuses: [
          cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          cs('c1', running()),
        ],
      }),
      ready: '1/2',
      status: 'Running',
      restarts: '0',
      health: 'warn',
    },
    {
      name: 'one container completed, another running, pod not Ready → NotReady',
      pod: pod({
        phase: 'Running',
        statuses: [
          cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          cs('c1', running()),
        ],
      }),
      ready: '1/2',
      status: 'NotReady',
      restarts: '0',
      health: 'warn',
    },
    {
      name: 'terminating',
      pod: pod({ phase: 'Running', deleting: true, statuses: [cs('c0', running())] }),
      ready: '1/1',
      status: 'Terminating',
      restarts: '0',
      health: 'deleting',
    },
    {
      name: 'a finished pod being deleted keeps its status',
      pod: pod({
        phase: 'Succeeded',
        deleting: true,
        statuses: [cs('c0', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
      }),
      ready: '0/1',
      status: 'Completed',
      restarts: '0',
      health: 'done',
    },
    {
      name: 'node lost while deleting → Unknown',
      pod: pod({ phase: 'Running', reason: 'NodeLost', deleting: true, statuses: [cs('c0', running())] }),
      ready: '1/1',
      status: 'Unknown',
      restarts: '0',
      health: 'error',
    },
    {
      name: 'sidecar (restartable init container) started and ready counts as a container',
      pod: pod({
        phase: 'Running',
        init: [{ name: 'proxy', sidecar: true }],
        conditions: [{ type: 'Initialized', status: 'True' }],
        initStatuses: [
          cs('proxy', {
            ...running(),
            restartCount: 2,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(3 * T.HOUR) } },
          }),
        ],
        statuses: [cs('c0', running())],
      }),
      ready: '2/2',
      status: 'Running',
      restarts: '2 (3h ago)',
      health: 'ok',
    },
    {
      name: 'sidecar not started yet blocks initialization',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'proxy', sidecar: true }, { name: 'setup' }],
        initStatuses: [
          cs('proxy', { state: { running: {} }, started: false }),
          cs('setup', { state: { waiting: {} } }),
        ],
      }),
      ready: '0/2',
      status: 'Init:0/2',
      restarts: '0',
      health: 'pending',
    },
    {
      name: 'sidecar started, next init container running',
      pod: pod({
        phase: 'Pending',
        init: [{ name: 'proxy', sidecar: true }, { name: 'setup' }],
        initStatuses: [cs('proxy', running()), cs('setup', { state: { running: {} } })],
      }),
      ready: '1/2',
      status: 'Init:1/2',
      restarts: '0',
      health: 'pending',
    },
  ];

describe('podStatus (kubectl printPod)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const s = podStatus(c.pod, NOW);
      assert.deepEqual([s.ready, s.status, s.restarts, s.health], [c.ready, c.status, c.restarts, c.health]);
    });
  }

  it('reads timestamps as raw JSON strings too', () => {
    const raw = JSON.parse(JSON.stringify(crashLoop)) as V1Pod;
    assert.equal(podStatus(raw, NOW).restarts, '5 (30s ago)');
  });
});

describe('nodeStatus (kubectl printNode)', () => {
  const node = (
    ready: string | undefined,
    unschedulable = false,
    labels: Record<string, string> = {},
  ): V1Node => ({
    metadata: { name: 'n', labels },
    spec: { unschedulable },
    status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
  });
  const cases: [string, V1Node, string, string, Health][] = [
    ['ready', node('True'), 'Ready', '<none>', 'ok'],
    ['not ready', node('False'), 'NotReady', '<none>', 'error'],
    ['ready condition unknown', node('Unknown'), 'NotReady', '<none>', 'error'],
    ['no ready condition', node(undefined), 'Unknown', '<none>', 'error'],
    ['cordoned control plane', controlPlane, 'Ready,SchedulingDisabled', 'control-plane,master', 'warn'],
    [
      'legacy kubernetes.io/role label',
      node('True', false, { 'kubernetes.io/role': 'node' }),
      'Ready',
      'node',
      'ok',
    ],
  ];
  for (const [name, n, status, roles, health] of cases) {
    it(name, () => assert.deepEqual(nodeStatus(n), { status, roles, health }));
  }
  it('roles are deduplicated and sorted, empty role names ignored', () => {
    assert.deepEqual(
      nodeRoles({
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/': '',
        'kubernetes.io/role': 'worker',
        'node-role.kubernetes.io/infra': 'x',
      }),
      ['infra', 'worker'],
    );
  });
});
