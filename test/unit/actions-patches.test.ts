import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1CronJob, V1Deployment } from '@kubernetes/client-node';
import { parsePodPath } from '../../src/app/cli-cp.js';
import { parseManifests, resolverFrom } from '../../src/kube/actions/apply.js';
import { jobFromCronJob, manualJobName } from '../../src/kube/actions/cronjob.js';
import { deleteOptions } from '../../src/kube/actions/delete.js';
import { parseMetadataEdits } from '../../src/kube/actions/label.js';
import { deploymentRollbackPatch, pickRevision } from '../../src/kube/actions/rollback.js';
import type { Revision } from '../../src/kube/actions/rollout-history.js';
import { parseReplicas } from '../../src/kube/actions/scale.js';
import { imagePatch } from '../../src/kube/actions/set-image.js';
import { kinds } from '../../src/kube/actions/target.js';
import { actionForKey, actionKeys } from '../../src/ui/keys/action-keys.js';

describe('what actions send', () => {
  it('undo sends the revision template without pod-template-hash and keeps the deployment-owned annotations', () => {
    const d: V1Deployment = {
      metadata: {
        annotations: {
          'deployment.kubernetes.io/revision': '3',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'kubernetes.io/change-cause': 'set image',
        },
      },
    };
    const patch = deploymentRollbackPatch(
      d,
      {
        'deployment.kubernetes.io/revision': '1',
        'kubernetes.io/change-cause': 'create',
        'deployment.kubernetes.io/desired-replicas': '1',
      },
      {
        metadata: { labels: { app: 'test', 'pod-template-hash': 'abc' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    );
    assert.deepEqual(patch, [
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'test' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'deployment.kubernetes.io/revision': '3',
          'kubernetes.io/change-cause': 'create',
        },
      },
    ]);
  });

  it('picks the previous revision for --to-revision=0, the named one otherwise', () => {
    const rev = (revision: number, current = false) =>
      ({ revision, current, images: [], source: `rs-${revision}` }) as Revision;
    const history = [rev(2), rev(5), rev(7, true), rev(4)];
    assert.equal(pickRevision(history, 0)?.revision, 5);
    assert.equal(pickRevision(history, 2)?.revision, 2);
    assert.equal(pickRevision(history, 3), undefined);
    assert.equal(pickRevision([rev(1, true)], 0), undefined);
  });

  it('set image patches containers by name where the kind keeps its pod spec', () => {
    const cs = [
      { name: 'init', image: 'busybox', init: true },
      { name: 'app', image: 'nginx', init: false },
      { name: 'side', image: 'envoy', init: false },
    ];
    assert.deepEqual(
      imagePatch({ ref: kinds.deployment, name: 'x' }, cs, { app: 'nginx:2', init: 'busybox:2' }),
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'app', image: 'nginx:2' }],
              initContainers: [{ name: 'init', image: 'busybox:2' }],
            },
          },
        },
      },
    );
    assert.deepEqual(imagePatch({ ref: kinds.pod, name: 'x' }, cs, { side: 'envoy:2' }), {
      spec: { containers: [{ name: 'side', image: 'envoy:2' }] },
    });
    assert.deepEqual(imagePatch({ ref: kinds.cronJob, name: 'x' }, cs, { app: 'a' }), {
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'app', image: 'a' }] } } } } },
    });
  });

  it('parses label and annotation edits like kubectl, refusing what the API server would', () => {
    assert.deepEqual(parseMetadataEdits('app=web, tier- example.com/team=a', 'label'), {
      set: { app: 'web', 'example.com/team': 'a' },
      remove: ['tier'],
    });
    assert.deepEqual(parseMetadataEdits('note=has:colons/and/slashes', 'annotation'), {
      set: { note: 'has:colons/and/slashes' },
      remove: [],
    });
    for (const bad of ['app', 'app=has:colon', '-app=x', 'Bad.Prefix/x=1', `k=${'v'.repeat(64)}`, '']) {
      assert.equal(typeof parseMetadataEdits(bad, 'label'), 'string', bad);
    }
  });

  it('a manual run of a CronJob is a Job from its template, owned by it and marked manual', () => {
    const cron: V1CronJob = {
      metadata: { name: 'hello', namespace: 'default', uid: 'u1' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          metadata: { labels: { a: 'b' }, annotations: { x: 'y' } },
          spec: { template: { spec: { containers: [] } } },
        },
      },
    };
    const job = jobFromCronJob(cron, 'hello-manual-abcde');
    assert.deepEqual(job.metadata?.annotations, { x: 'y', 'cronjob.kubernetes.io/instantiate': 'manual' });
    assert.deepEqual(job.metadata?.ownerReferences, [
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'u1', controller: true },
    ]);
    assert.equal(job.spec, cron.spec?.jobTemplate.spec);
    assert.match(manualJobName('x'.repeat(80)), /^x{50}-manual-[0-9a-f]{5}$/);
  });

  it('delete options follow kubectl: force means grace 0, a bare grace 0 becomes 1', () => {
    assert.deepEqual(deleteOptions({ propagation: 'Foreground', force: true, gracePeriodSeconds: 30 }), {
      propagationPolicy: 'Foreground',
      gracePeriodSeconds: 0,
    });
    assert.deepEqual(deleteOptions({ propagation: 'Orphan', force: false, gracePeriodSeconds: 0 }), {
      propagationPolicy: 'Orphan',
      gracePeriodSeconds: 1,
    });
    assert.deepEqual(deleteOptions({ propagation: 'Background', force: false }), {
      propagationPolicy: 'Background',
      gracePeriodSeconds: undefined,
    });
  });

  it('validates replicas', () => {
    assert.equal(parseReplicas(' 3 '), 3);
    assert.equal(typeof parseReplicas('-1'), 'string');
    assert.equal(typeof parseReplicas('2.5'), 'string');
    assert.equal(typeof parseReplicas('99999'), 'string');
  });

  it('reads multi-document manifests, Lists flattened, and resolves kinds exactly', () => {
    const objs = parseManifests(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}\n',
    );
    assert.deepEqual(
      objs.map((o) => o.metadata?.name),
      ['a', 'd'],
    );
    assert.throws(() => parseManifests('a: [\n'), /document 1/);
    const resolve = resolverFrom([kinds.deployment, kinds.pod]);
    assert.equal(resolve('apps/v1', 'Deployment'), kinds.deployment);
    assert.equal(resolve('v1', 'Pod'), kinds.pod);
    assert.equal(resolve('extensions/v1beta1', 'Deployment'), undefined);
  });

  it('parses kdeck cp places', () => {
    assert.deepEqual(parsePodPath('web-0:/var/log', 'default', 'nginx'), {
      namespace: 'default',
      pod: 'web-0',
      container: 'nginx',
      path: '/var/log',
    });
    assert.deepEqual(parsePodPath('prod/web-0:data', 'default'), {
      namespace: 'prod',
      pod: 'web-0',
      container: undefined,
      path: 'data',
    });
    assert.equal(parsePodPath('./local/file', 'default'), undefined);
    assert.equal(parsePodPath('/abs/path:x', 'default'), undefined);
    assert.equal(parsePodPath('./a:b', 'default'), undefined);
  });

  it('scopes keys by kind: s scales workloads and suspends CronJobs, and never claims pods (shell)', () => {
    assert.equal(actionForKey('s', kinds.deployment)?.id, 'scale');
    assert.equal(actionForKey('s', kinds.cronJob)?.id, 'suspend');
    assert.equal(actionForKey('s', kinds.pod), undefined);
    assert.equal(actionForKey('s', kinds.daemonSet), undefined);
    assert.equal(actionForKey('r', kinds.node)?.id, 'drain');
    assert.equal(actionForKey('r', kinds.statefulSet)?.id, 'restart');
    assert.equal(actionForKey('t', kinds.pod)?.id, 'copy');
    assert.equal(actionForKey('t', kinds.cronJob)?.id, 'trigger');
    assert.equal(actionForKey('ctrl-d', kinds.namespace)?.id, 'delete');
    assert.ok(actionKeys.every((k) => k.description.length > 0));
  });
});
