import assert from 'node:assert/strict';
import { it, describe as suite } from 'node:test';
import type {
  CoreV1Event,
  V1Deployment,
  V1EndpointSlice,
  V1Pod,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import { rfc1123z } from '../../src/model/describe/format.js';
import { smartLabel } from '../../src/model/describe/generic.js';
import { describe } from '../../src/model/describe/index.js';
import { alignTabs } from '../../src/model/describe/tab-writer.js';
import { formatExactQuantity, parseExactQuantity } from '../../src/model/quantity.js';
import {
  ago,
  controlPlane,
  crashLoop,
  fluentd,
  lbAssigned,
  NOW,
  T,
  testDeployment,
  webStatefulSet,
  webserverRunning,
} from './render-fixtures.js';

const webEvents: CoreV1Event[] = [
  {
    metadata: { name: 'webserver.2' },
    involvedObject: { kind: 'Pod', name: 'webserver', fieldPath: 'spec.containers{webserver}' },
    type: 'Normal',
    reason: 'Pulled',
    message: 'Container image "nginx:latest" already present on machine',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(3 * T.DAY),
    lastTimestamp: ago(3 * T.DAY),
    count: 1,
  },
  {
    metadata: { name: 'webserver.1' },
    involvedObject: { kind: 'Pod', name: 'webserver' },
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned default/webserver to node-1',
    reportingComponent: 'default-scheduler',
    eventTime: ago(3 * T.DAY + 2 * T.HOUR) as unknown as CoreV1Event['eventTime'],
  },
];

suite('tab writer (Go text/tabwriter, padding 2)', () => {
  it('aligns consecutive lines of a column; a line without the column ends the block', () => {
    assert.equal(
      alignTabs(
        'Name:\tweb\nNamespace:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n    Port:\t80/TCP\n',
      ),
      'Name:       web\nNamespace:  default\nContainers:\n  web:\n    Image:  nginx\n    Port:   80/TCP\n',
    );
  });
  it('escapes ESC and CR from object data, as WriteEscaped', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'x\x1b[2Jy' } } };
    assert.match(describe(pod, { events: [] }, NOW), /\nLabels: +a=x\^\[\[2Jy\n/);
  });
  it('nests columns: a second column aligns only within its own run', () => {
    assert.equal(alignTabs('a\tb\tc\naa\tbbbb\tc\nx\ty\n'), 'a   b     c\naa  bbbb  c\nx   y\n');
  });
});

suite('describe Pod (kubectl describe pod)', () => {
  it('webserver: init container, env from a ConfigMap, conditions, events', () => {
    const out = describe({ apiVersion: 'v1', kind: 'Pod', ...webserverRunning }, { events: webEvents }, NOW);
    assert.equal(
      out,
      `Name:         webserver
Namespace:    default
Node:         node-1/172.18.0.3
Start Time:   Wed, 07 Jan 2026 10:00:00 +0000
Labels:       app=web
Annotations:  <none>
Status:       Running
IP:           10.244.1.7
IPs:
  IP:  10.244.1.7
Init Containers:
  init-dir:
    Container ID:  containerd://aaa
    Image:         busybox
    Image ID:      docker.io/library/busybox@sha256:1
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      mkdir -p test
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Wed, 07 Jan 2026 12:00:00 +0000
      Finished:     Wed, 07 Jan 2026 12:00:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  webserver:
    Container ID:   containerd://bbb
    Image:          nginx:latest
    Image ID:       docker.io/library/nginx@sha256:2
    Port:           80/TCP (http)
    Host Port:      0/TCP (http)
    State:          Running
      Started:      Wed, 07 Jan 2026 12:00:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:
      MY_ENV:       123456
      ANOTHER_ENV:  <set to the key 'CM_ENV' of config map 'test-cm'>  Optional: false
    Mounts:         <none>
Conditions:
  Type              Status
  Initialized       True 
  Ready             True 
  ContainersReady   True 
  PodScheduled      True 
Volumes:            <none>
QoS Class:          BestEffort
Node-Selectors:     <none>
Tolerations:        <none>
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  3d2h  default-scheduler  Successfully assigned default/webserver to node-1
  Normal  Pulled     3d    kubelet            spec.containers{webserver}: Container image "nginx:latest" already present on machine
`,
    );
  });
  it('crash loop: waiting reason, last state, restart count, repeated events as (xN over age)', () => {
    const backoff: CoreV1Event = {
      metadata: { name: 'crashy.1' },
      involvedObject: { kind: 'Pod', name: 'crashy' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container crashy in pod crashy_default(1)',
      source: { component: 'kubelet' },
      firstTimestamp: ago(9 * T.MIN),
      lastTimestamp: ago(30),
      count: 12,
    };
    const out = describe({ apiVersion: 'v1', kind: 'Pod', ...crashLoop }, { events: [backoff] }, NOW);
    assert.match(out, /\n {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n/);
    assert.match(out, /\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/);
    assert.match(out, /\n {4}Restart Count: {2}5\n/);
    assert.match(out, /Warning {2}BackOff {2}30s \(x12 over 9m\) {2}kubelet {2}Back-off restarting/);
    assert.match(out, /\nNode: {9}node-2\/\n/);
  });
  it('terminating pods say how long and the grace period; no events is <none>', () => {
    const pod: V1Pod = {
      ...crashLoop,
      metadata: { ...crashLoop.metadata, deletionTimestamp: ago(20), deletionGracePeriodSeconds: 30 },
    };
    const out = describe({ apiVersion: 'v1', kind: 'Pod', ...pod }, { events: [] }, NOW);
    assert.match(out, /\nStatus: +Terminating \(lasts 20s\)\nTermination Grace Period: +30s\n/);
    assert.match(out, /\nEvents: +<none>\n$/);
  });
  it('controlled-by, tolerations with seconds, resources and QoS', () => {
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'fluentd-elasticsearch-x7k2p',
        namespace: 'kube-system',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: 'fluentd-elasticsearch',
            uid: 'ds1',
            controller: true,
          },
        ],
      },
      spec: {
        containers: fluentd.spec!.template.spec!.containers,
        tolerations: [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
          { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
    };
    const out = describe(pod, { events: [] }, NOW);
    assert.match(out, /\nControlled By: +DaemonSet\/fluentd-elasticsearch\n/);
    assert.match(
      out,
      /\n {4}Limits:\n {6}memory: +200Mi\n {4}Requests:\n {6}cpu: +100m\n {6}memory: +200Mi\n/,
    );
    assert.match(out, /\nQoS Class: +Burstable\n/);
    assert.match(
      out,
      /\nTolerations: +node-role.kubernetes.io\/master:NoSchedule op=Exists\n +node.kubernetes.io\/not-ready:NoExecute op=Exists for 300s\n/,
    );
  });
});

suite('describe workloads', () => {
  const pods = (uid: string, phases: string[]): V1Pod[] =>
    phases.map((phase, i) => ({
      metadata: {
        name: `p${i}`,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'X', name: 'x', uid, controller: true }],
      },
      status: { phase },
    }));

  it('DaemonSet fluentd: counts, selector, template with hostPath volumes and tolerations', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      ...fluentd,
      metadata: { ...fluentd.metadata, uid: 'ds1' },
    };
    const out = describe(
      ds,
      {
        events: [],
        pods: [...pods('ds1', ['Running', 'Running', 'Pending']), ...pods('other', ['Running'])],
      },
      NOW,
    );
    assert.equal(
      out,
      `Name:           fluentd-elasticsearch
Namespace:      kube-system
Selector:       name=fluentd-elasticsearch
Node-Selector:  <none>
Labels:         k8s-app=fluentd-logging
Annotations:    <none>
Desired Number of Nodes Scheduled: 3
Current Number of Nodes Scheduled: 3
Number of Nodes Scheduled with Up-to-date Pods: 3
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  name=fluentd-elasticsearch
  Containers:
   fluentd-elasticsearch:
    Image:      quay.io/fluentd_elasticsearch/fluentd:v2.5.2
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  200Mi
    Requests:
      cpu:        100m
      memory:     200Mi
    Environment:  <none>
    Mounts:
      /var/lib/docker/containers from varlibdockercontainers (ro)
      /var/log from varlog (rw)
  Volumes:
   varlog:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  <none>
   varlibdockercontainers:
    Type:          HostPath (bare host directory volume)
    Path:          /var/lib/docker/containers
    HostPathType:  <none>
  Node-Selectors:  <none>
  Tolerations:     node-role.kubernetes.io/master:NoSchedule op=Exists
Events:            <none>
`,
    );
  });
  it('StatefulSet web: service name, policies, partition, volume claims', () => {
    const out = describe(
      { apiVersion: 'apps/v1', kind: 'StatefulSet', ...webStatefulSet },
      { events: [] },
      NOW,
    );
    assert.match(
      out,
      /\nService Name: +nginx\nPod Management Policy: +OrderedReady\nReplicas: +3 desired \| 3 total\n/,
    );
    assert.match(out, /\nUpdate Strategy: +RollingUpdate\n {2}Partition: +0\n/);
    assert.match(out, /\nVolume Claims:\n {2}Name: +www\n {2}StorageClass: +\n/);
    assert.match(out, /\n {2}Capacity: +1Gi\n {2}Access Modes: +\[ReadWriteOnce\]\n/);
  });
  it('Deployment test: replicas line, strategy, old and new ReplicaSets by revision', () => {
    const d: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      ...testDeployment,
      metadata: {
        ...testDeployment.metadata,
        uid: 'd1',
        annotations: { 'deployment.kubernetes.io/revision': '2' },
      },
      spec: {
        ...testDeployment.spec!,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      },
      status: {
        ...testDeployment.status,
        unavailableReplicas: 1,
        conditions: [
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      },
    };
    const rs = (name: string, revision: string, replicas: number): V1ReplicaSet => ({
      metadata: {
        name,
        annotations: { 'deployment.kubernetes.io/revision': revision },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'test', uid: 'd1', controller: true },
        ],
      },
      spec: { replicas, selector: {} },
      status: { replicas },
    });
    const out = describe(
      d,
      { events: [], replicaSets: [rs('test-6d8b5', '1', 0), rs('test-7f9c4', '2', 3)] },
      NOW,
    );
    assert.match(out, /\nReplicas: +3 desired \| 3 updated \| 3 total \| 2 available \| 1 unavailable\n/);
    assert.match(out, /\nRollingUpdateStrategy: +25% max unavailable, 25% max surge\n/);
    assert.match(
      out,
      /\nConditions:\n {2}Type +Status +Reason\n {2}---- +------ +------\n {2}Available +False +MinimumReplicasUnavailable\n/,
    );
    assert.match(
      out,
      /\nOldReplicaSets: +test-6d8b5 \(0\/0 replicas created\)\nNewReplicaSet: +test-7f9c4 \(3\/3 replicas created\)\n/,
    );
  });
});

suite('describe Service', () => {
  it('LoadBalancer from MetalLB with endpoints from EndpointSlices', () => {
    const slice: V1EndpointSlice = {
      addressType: 'IPv4',
      metadata: { name: 'nginx-lb-abc', labels: { 'kubernetes.io/service-name': 'nginx-lb' } },
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.244.1.7'], conditions: { ready: true } },
        { addresses: ['10.244.2.9'], conditions: { ready: false } },
      ],
    };
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      ...lbAssigned,
      spec: {
        ...lbAssigned.spec!,
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
      },
    };
    const out = describe(svc, { events: [], endpointSlices: [slice] }, NOW);
    assert.equal(
      out,
      `Name:                     nginx-lb
Namespace:                default
Labels:                   <none>
Annotations:              external-dns.alpha.kubernetes.io/hostname: nginx.svc.mydomain.test
Selector:                 run=nginx
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.23.7
IPs:                      10.96.23.7
LoadBalancer Ingress:     203.0.113.220 (VIP)
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  31380/TCP
Endpoints:                10.244.1.7:80
Session Affinity:         None
External Traffic Policy:  Cluster
Events:                   <none>
`,
    );
  });
});

suite('describe Node', () => {
  it('cordoned control plane with its pods and allocated resources', () => {
    const pod = (name: string, cpu: string, memory: string, phase = 'Running'): V1Pod => ({
      metadata: { name, namespace: 'kube-system', creationTimestamp: ago(45 * T.DAY) },
      spec: {
        nodeName: 'kind-control-plane',
        containers: [{ name: 'c', resources: { requests: { cpu, memory }, limits: { memory } } }],
      },
      status: { phase },
    });
    const out = describe(
      { apiVersion: 'v1', kind: 'Node', ...controlPlane },
      {
        events: [],
        pods: [
          pod('etcd', '100m', '100Mi'),
          pod('apiserver', '250m', '200Mi'),
          pod('done', '1', '1Gi', 'Succeeded'),
        ],
      },
      NOW,
    );
    assert.match(out, /\nRoles: +control-plane,master\n/);
    assert.match(out, /\nUnschedulable: +true\n/);
    assert.match(out, /\nNon-terminated Pods: +\(2 in total\)\n/);
    assert.match(out, /\n {2}kube-system +etcd +100m \(2%\) +0 \(0%\) +100Mi \(1%\) +100Mi \(1%\) +45d\n/);
    assert.match(out, /\n {2}cpu +350m \(8%\) +0 \(0%\)\n {2}memory +300Mi \(3%\) +300Mi \(3%\)\n/);
  });
});

suite('describe anything else (generic describer)', () => {
  it('labels fields as smartLabelFor does and nests them', () => {
    const pool = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: {
        name: 'default',
        namespace: 'metallb-system',
        uid: 'u1',
        creationTimestamp: new Date('2026-01-10T11:58:20Z'),
        managedFields: [{ manager: 'x' }],
      },
      spec: { addresses: ['203.0.113.220-203.0.113.240'], autoAssign: true },
    };
    assert.equal(
      describe(pool, { events: [] }, NOW),
      `Name:         default
Namespace:    metallb-system
Labels:       <none>
Annotations:  <none>
API Version:  metallb.io/v1beta1
Kind:         IPAddressPool
Metadata:
  Creation Timestamp:  2026-01-10T11:58:20Z
  UID:                 u1
Spec:
  Addresses:
    203.0.113.220-203.0.113.240
  Auto Assign:  true
Events:         <none>
`,
    );
  });
  it('smartLabel', () => {
    const cases: [string, string][] = [
      ['apiVersion', 'API Version'],
      ['creationTimestamp', 'Creation Timestamp'],
      ['uid', 'UID'],
      ['podCIDR', 'Pod CIDR'],
      ['IPAddressPool', 'IPAddress Pool'],
      ['serviceAllocation', 'Service Allocation'],
      ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/master'],
    ];
    for (const [field, label] of cases) assert.equal(smartLabel(field), label, field);
  });
});

suite('describe helpers', () => {
  it('RFC 1123Z in UTC, Go zero time when missing', () => {
    assert.equal(rfc1123z('2026-01-10T12:00:05Z'), 'Sat, 10 Jan 2026 12:00:05 +0000');
    assert.equal(rfc1123z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
  });
  it('exact quantities print as Quantity.String()', () => {
    const cases: [string, string][] = [
      ['100m', '100m'],
      ['1.5', '1500m'],
      ['1024Mi', '1Gi'],
      ['0.5Gi', '512Mi'],
      ['1536', '1536'],
      ['2000m', '2'],
      ['0', '0'],
    ];
    for (const [input, want] of cases)
      assert.equal(formatExactQuantity(parseExactQuantity(input)!), want, input);
  });
});

suite('describe Secret and ConfigMap', () => {
  it('a Secret shows sizes, never values', () => {
    const out = describe(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db-pass', namespace: 'default' },
        type: 'Opaque',
        data: { password: 'czNjcjN0', username: 'YWRtaW4=' },
      } as never,
      { events: [] },
      NOW,
    );
    assert.equal(
      out,
      'Name:         db-pass\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nusername:  5 bytes\n',
    );
    assert.doesNotMatch(out, /s3cr3t|czNjcjN0/);
  });
  it('a ConfigMap shows each value under its key', () => {
    const out = describe(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'test-cm', namespace: 'default' },
        data: { CM_ENV: 'hello' },
      } as never,
      { events: [] },
      NOW,
    );
    assert.equal(
      out,
      'Name:         test-cm\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nCM_ENV:\n----\nhello\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });
});
