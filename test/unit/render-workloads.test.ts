import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesObject, V1CronJob, V1Job } from '@kubernetes/client-node';
import { cronJobRenderer } from '../../src/model/render/cronjob.js';
import { daemonSetRenderer } from '../../src/model/render/daemonset.js';
import { deploymentRenderer } from '../../src/model/render/deployment.js';
import { jobRenderer } from '../../src/model/render/job.js';
import { podRenderer } from '../../src/model/render/pod.js';
import { replicaSetRenderer } from '../../src/model/render/replicaset.js';
import { statefulSetRenderer } from '../../src/model/render/statefulset.js';
import type { Renderer } from '../../src/model/table.js';
import {
  ago,
  crashLoop,
  fluentd,
  frontend,
  NOW,
  pendingPod,
  T,
  testDeployment,
  webStatefulSet,
  webserverInitializing,
  webserverRunning,
} from './render-fixtures.js';

const ctx = { now: NOW };
const heads = <T extends KubernetesObject>(r: Renderer<T>) =>
  r.columns.map((c) => (c.wide ? `(${c.name})` : c.name));

describe('pod renderer (printPod)', () => {
  it('has kubectl get pods -o wide columns', () => {
    assert.deepEqual(heads(podRenderer), [
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      '(IP)',
      '(NODE)',
      '(NOMINATED NODE)',
      '(READINESS GATES)',
    ]);
  });
  const cases: [string, Parameters<typeof podRenderer.render>[0], string[]][] = [
    [
      'webserver initializing',
      webserverInitializing,
      ['webserver', '0/1', 'Init:0/1', '0', '20s', '10.244.1.7', 'node-1', '<none>', '<none>'],
    ],
    [
      'webserver running',
      webserverRunning,
      ['webserver', '1/1', 'Running', '0', '3d2h', '10.244.1.7', 'node-1', '<none>', '<none>'],
    ],
    [
      'crash loop',
      crashLoop,
      ['crashy', '0/1', 'CrashLoopBackOff', '5 (30s ago)', '10m', '10.244.2.9', 'node-2', '<none>', '<none>'],
    ],
    ['pending', pendingPod, ['stuck', '0/1', 'Pending', '0', '120m', '<none>', '<none>', '<none>', '<none>']],
  ];
  for (const [name, pod, cells] of cases) {
    it(name, () => assert.deepEqual(podRenderer.render(pod, ctx).cells, cells));
  }
  it('keys rows namespace/name and sorts restarts and age by value', () => {
    const row = podRenderer.render(crashLoop, ctx);
    assert.equal(row.key, 'default/crashy');
    assert.equal(row.namespace, 'default');
    assert.equal(row.health, 'error');
    assert.equal(row.sortValues?.[3], 5);
    assert.equal(row.sortValues?.[4], NOW - 10 * T.MIN * 1000);
  });
  it('counts readiness gates that are true', () => {
    const pod = {
      ...webserverRunning,
      spec: { ...webserverRunning.spec!, readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      status: { ...webserverRunning.status, conditions: [{ type: 'a', status: 'True' }] },
    };
    assert.equal(podRenderer.render(pod, ctx).cells[8], '1/2');
  });
});

describe('workload renderers', () => {
  it('deployment default/test (printDeployment)', () => {
    assert.deepEqual(heads(deploymentRenderer), [
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
      '(CONTAINERS)',
      '(IMAGES)',
      '(SELECTOR)',
    ]);
    const row = deploymentRenderer.render(testDeployment, ctx);
    assert.deepEqual(row.cells, ['test', '2/3', '3', '2', '7m5s', 'nginx', 'nginx', 'app=test']);
    assert.equal(row.health, 'warn');
  });
  it('replicaset default/frontend (printReplicaSet)', () => {
    assert.deepEqual(heads(replicaSetRenderer), [
      'NAME',
      'DESIRED',
      'CURRENT',
      'READY',
      'AGE',
      '(CONTAINERS)',
      '(IMAGES)',
      '(SELECTOR)',
    ]);
    const row = replicaSetRenderer.render(frontend, ctx);
    assert.deepEqual(row.cells, [
      'frontend',
      '3',
      '3',
      '3',
      '90s',
      'php-redis',
      'gcr.io/google_samples/gb-frontend:v3',
      'tier=frontend',
    ]);
    assert.equal(row.health, 'ok');
  });
  it('statefulset default/web (printStatefulSet)', () => {
    assert.deepEqual(heads(statefulSetRenderer), ['NAME', 'READY', 'AGE', '(CONTAINERS)', '(IMAGES)']);
    assert.deepEqual(statefulSetRenderer.render(webStatefulSet, ctx).cells, [
      'web',
      '2/3',
      '5h3m',
      'nginx',
      'registry.k8s.io/nginx-slim:0.8',
    ]);
  });
  it('daemonset kube-system/fluentd-elasticsearch (printDaemonSet)', () => {
    assert.deepEqual(heads(daemonSetRenderer), [
      'NAME',
      'DESIRED',
      'CURRENT',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'NODE SELECTOR',
      'AGE',
      '(CONTAINERS)',
      '(IMAGES)',
      '(SELECTOR)',
    ]);
    assert.deepEqual(daemonSetRenderer.render(fluentd, ctx).cells, [
      'fluentd-elasticsearch',
      '3',
      '3',
      '2',
      '3',
      '2',
      '<none>',
      '45d',
      'fluentd-elasticsearch',
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      'name=fluentd-elasticsearch',
    ]);
  });
  it('daemonset node selector is FormatLabels', () => {
    const ds = {
      ...fluentd,
      spec: {
        ...fluentd.spec!,
        template: {
          ...fluentd.spec!.template,
          spec: {
            ...fluentd.spec!.template.spec!,
            nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' },
          },
        },
      },
    };
    assert.equal(daemonSetRenderer.render(ds, ctx).cells[6], 'disk=ssd,kubernetes.io/os=linux');
  });
  it('selector with match expressions prints as Selector.String()', () => {
    const d = {
      ...testDeployment,
      spec: {
        ...testDeployment.spec!,
        selector: {
          matchLabels: { app: 'test' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
      },
    };
    assert.equal(deploymentRenderer.render(d, ctx).cells[7], 'app=test,!canary,tier in (api,web)');
  });
});

const job = (over: Partial<V1Job['status']>, spec: Partial<V1Job['spec']> = {}): V1Job => ({
  metadata: { name: 'pi', namespace: 'default', creationTimestamp: ago(3 * T.MIN) },
  spec: {
    completions: 1,
    ...spec,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
    template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }] } },
  },
  status: over,
});

describe('job renderer (printJob)', () => {
  it('has kubectl 1.30+ columns', () => {
    assert.deepEqual(heads(jobRenderer), [
      'NAME',
      'STATUS',
      'COMPLETIONS',
      'DURATION',
      'AGE',
      '(CONTAINERS)',
      '(IMAGES)',
      '(SELECTOR)',
    ]);
  });
  const cases: [string, V1Job, string[], string][] = [
    [
      'complete: duration from start to completion',
      job({
        succeeded: 1,
        startTime: ago(150),
        completionTime: ago(130),
        conditions: [{ type: 'Complete', status: 'True' }],
      }),
      ['pi', 'Complete', '1/1', '20s', '3m', 'pi', 'perl:5.34.0', 'batch.kubernetes.io/controller-uid=abc'],
      'done',
    ],
    [
      'running, no completions, parallelism 2: "0/1 of 2", duration so far',
      job({ active: 2, startTime: ago(150) }, { completions: undefined, parallelism: 2 }),
      [
        'pi',
        'Running',
        '0/1 of 2',
        '2m30s',
        '3m',
        'pi',
        'perl:5.34.0',
        'batch.kubernetes.io/controller-uid=abc',
      ],
      'ok',
    ],
    [
      'not started: empty duration',
      job({}),
      ['pi', 'Running', '0/1', '', '3m', 'pi', 'perl:5.34.0', 'batch.kubernetes.io/controller-uid=abc'],
      'ok',
    ],
    [
      'failed',
      job({ failed: 6, startTime: ago(150), conditions: [{ type: 'Failed', status: 'True' }] }),
      ['pi', 'Failed', '0/1', '2m30s', '3m', 'pi', 'perl:5.34.0', 'batch.kubernetes.io/controller-uid=abc'],
      'error',
    ],
    [
      'suspended',
      job({ conditions: [{ type: 'Suspended', status: 'True' }] }, { completions: 3, suspend: true }),
      ['pi', 'Suspended', '0/3', '', '3m', 'pi', 'perl:5.34.0', 'batch.kubernetes.io/controller-uid=abc'],
      'neutral',
    ],
  ];
  for (const [name, j, cells, health] of cases) {
    it(name, () => {
      const row = jobRenderer.render(j, ctx);
      assert.deepEqual(row.cells, cells);
      assert.equal(row.health, health);
    });
  }
});

describe('cronjob renderer (printCronJob)', () => {
  const cj: V1CronJob = {
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: ago(2 * T.DAY + 3 * T.HOUR) },
    spec: {
      schedule: '*/1 * * * *',
      suspend: false,
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }] } } },
      },
    },
    status: { active: [{ name: 'hello-29000000' }], lastScheduleTime: ago(45) },
  };
  it('columns', () => {
    assert.deepEqual(heads(cronJobRenderer), [
      'NAME',
      'SCHEDULE',
      'TIMEZONE',
      'SUSPEND',
      'ACTIVE',
      'LAST SCHEDULE',
      'AGE',
      '(CONTAINERS)',
      '(IMAGES)',
      '(SELECTOR)',
    ]);
  });
  it('scheduled', () => {
    assert.deepEqual(cronJobRenderer.render(cj, ctx).cells, [
      'hello',
      '*/1 * * * *',
      '<none>',
      'False',
      '1',
      '45s',
      '2d3h',
      'hello',
      'busybox:1.28',
      '<none>',
    ]);
  });
  it('never scheduled, with a time zone, suspend unset', () => {
    const fresh: V1CronJob = {
      ...cj,
      spec: { ...cj.spec!, timeZone: 'Etc/UTC', suspend: undefined },
      status: {},
    };
    assert.deepEqual(cronJobRenderer.render(fresh, ctx).cells.slice(1, 6), [
      '*/1 * * * *',
      'Etc/UTC',
      '<unset>',
      '0',
      '<none>',
    ]);
  });
});
