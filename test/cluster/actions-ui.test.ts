import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { eventually } from '../contract/helpers/cluster.js';
import { type Kdeck, KEYS, startKdeck } from '../e2e/helpers/kdeck-pty.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const auditLog = process.env.KDECK_AUDIT_LOG;
const skip =
  kubeconfig && auditLog
    ? false
    : 'KDECK_CLUSTER_KUBECONFIG and KDECK_AUDIT_LOG are not set: run through npm run test:cluster';

const id = Math.random().toString(36).slice(2, 7);
const ns = `kdeck-aui-${id}`;
const node = `kdeck-aui-${id}`;
const LONG = 60_000;

/** `:name` then waits for the kind's header line. */
async function goTo(k: Kdeck, kind: string, header: RegExp): Promise<void> {
  k.press(':');
  await k.waitFor(/^\s*:/m);
  await k.type(kind);
  k.press(KEYS.enter);
  await k.waitFor(header);
}

/** Narrows the table to rows matching `^name` and waits until that row is the selected one. */
async function select(k: Kdeck, name: string): Promise<void> {
  k.press('/');
  await k.waitFor(/^\/.*█?$/m);
  // The prompt starts from the current filter: clear it first.
  k.press('\x15');
  await k.type(`^${name}`);
  await k.waitFor(`filter /^${name}/`);
  k.press(KEYS.enter);
  // Back from the filter prompt: the footer's key hints return, and then the table takes keys again.
  await k.waitFor(/: command\s+\/ filter/);
  await eventually(`${name} selected`, async () =>
    k.highlighted().some((l) => l.trimStart().startsWith(name)) ? true : undefined,
  );
}

/** Drops the filter select() set. */
async function unfilter(k: Kdeck): Promise<void> {
  k.press(KEYS.esc);
  await k.waitForGone(/filter \//);
}

/** Waits for the dialog's result, checks it succeeded, closes it. */
async function closeResult(k: Kdeck): Promise<string> {
  const s = await k.waitFor('any key closes', LONG);
  assert.doesNotMatch(s, /✗/, 'the action failed');
  assert.match(s, /✓/);
  k.press(KEYS.esc);
  await k.waitForGone('any key closes');
  return s;
}

const podsHeader = /NAME\s+READY\s+STATUS/;
const deployHeader = /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE/;
const nodesHeader = /NAME\s+STATUS\s+ROLES/;

describe('kdeck keyboard actions through the real binary', { skip }, () => {
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let batch: BatchV1Api;
  let k: Kdeck | undefined;
  const work = mkdtempSync(join(tmpdir(), 'kdeck-aui-'));

  const webPods = async (): Promise<V1Pod[]> =>
    (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items.filter(
      (p) => !p.metadata?.deletionTimestamp,
    );

  before(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    batch = kc.makeApiClient(BatchV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    // A node of our own, tainted so nobody's pods land on it: cordoning it disturbs no other test.
    await core.createNode({
      body: {
        metadata: { name: node, annotations: { 'kwok.x-k8s.io/node': 'fake' } },
        spec: { taints: [{ key: 'kdeck-aui', value: id, effect: 'NoSchedule' }] },
      },
    });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
          },
        },
      },
    });
    await batch.createNamespacedCronJob({
      namespace: ns,
      body: {
        metadata: { name: 'nightly' },
        spec: {
          schedule: '0 3 * * *',
          jobTemplate: {
            spec: {
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
            },
          },
        },
      },
    });
  });

  after(async () => {
    await k?.stop();
    await core
      ?.patchNode({ name: node, body: [{ op: 'replace', path: '/spec/unschedulable', value: false }] })
      .catch(() => undefined);
    await core?.deleteNode({ name: node }).catch(() => undefined);
    await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  describe('with write access', () => {
    before(async () => {
      const editor = join(work, 'editor.sh');
      // First save: YAML that does not parse. Second: kdeck must show the error on top with that text
      // intact; the script records what it saw, then fixes the line.
      writeFileSync(
        editor,
        [
          '#!/bin/sh',
          'f="$1"; log="$(dirname "$0")/editor.log"',
          'if grep -q "^# The change was not applied" "$f"; then',
          '  if grep -q "edited-by: \\[unclosed" "$f"; then echo "second: error shown, text intact" >> "$log";',
          '  else echo "second: text lost" >> "$log"; fi',
          '  sed -i "s/edited-by: \\[unclosed/edited-by: kdeck-test/" "$f"',
          'else',
          '  echo "first" >> "$log"',
          '  sed -i "0,/^  labels:/s//  labels:\\n    edited-by: [unclosed/" "$f"',
          'fi',
          '',
        ].join('\n'),
      );
      chmodSync(editor, 0o755);
      await eventually('web available', async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        return d.status?.availableReplicas === 1 ? true : undefined;
      });
      k = startKdeck({
        args: ['--kubeconfig', kubeconfig!, '-n', ns],
        env: { KUBE_EDITOR: editor },
        cols: 160,
        rows: 40,
      });
      await k.waitFor(podsHeader, LONG);
      await k.waitFor('● connected', LONG);
    });

    it('s scales the deployment and the table shows the new READY count', async () => {
      await goTo(k!, 'deploy', deployHeader);
      await k!.waitFor(/web\s+1\/1\s+1\s+1/, LONG);
      await select(k!, 'web');
      k!.press('s');
      await k!.waitFor(/1 desired, 1 current/);
      await k!.waitFor(/replicas: 1█/);
      k!.press(KEYS.backspace);
      await k!.type('3');
      await k!.waitFor(/replicas: 3█/);
      k!.press(KEYS.enter);
      await closeResult(k!);
      await k!.waitFor(/web\s+3\/3\s+3\s+3/, LONG);
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      assert.equal(d.spec?.replicas, 3);
    });

    it('r restarts the deployment: new pods replace the old ones in :pods', async () => {
      const old = (await webPods()).map((p) => p.metadata!.name!);
      assert.equal(old.length, 3);
      k!.press('r');
      await k!.waitFor(`restart deployment ${ns}/web?`);
      k!.press('y');
      await closeResult(k!);
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      assert.ok(d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']);
      await unfilter(k!);
      await goTo(k!, 'pods', podsHeader);
      const fresh = await eventually('three new web pods', async () => {
        const names = (await webPods()).map((p) => p.metadata!.name!);
        return names.length === 3 && names.every((n) => !old.includes(n)) ? names : undefined;
      });
      for (const n of fresh) await k!.waitFor(new RegExp(`${n}\\s+1/1\\s+Running`), LONG);
      for (const n of old) await k!.waitForGone(n, LONG);
    });

    it('i sets the image and the new pods show it in the containers view', async () => {
      await goTo(k!, 'deploy', deployHeader);
      await select(k!, 'web');
      k!.press('i');
      await k!.waitFor(/nginx\s+nginx:1\.25█/);
      for (let n = 0; n < '1.25'.length; n++) k!.press(KEYS.backspace);
      await k!.type('1.27');
      await k!.waitFor(/nginx\s+nginx:1\.27█/);
      k!.press(KEYS.enter);
      await closeResult(k!);
      await unfilter(k!);
      const pod = await eventually('a running web pod on nginx:1.27', async () => {
        const p = (await webPods()).find(
          (x) => x.spec?.containers[0]?.image === 'nginx:1.27' && x.status?.phase === 'Running',
        );
        return p?.metadata?.name;
      });
      await goTo(k!, 'pods', podsHeader);
      await select(k!, pod);
      k!.press(KEYS.enter);
      await k!.waitFor(/NAME\s+TYPE\s+IMAGE/);
      await k!.waitFor(/nginx\s+\S+\s+nginx:1\.27/);
      k!.press(KEYS.esc);
      await k!.waitFor(podsHeader);
      await unfilter(k!);
    });

    it('ctrl-d deletes a pod after the confirm and it leaves the list', async () => {
      const victim = await eventually('a web pod', async () => (await webPods())[0]?.metadata?.name);
      await k!.waitFor(victim, LONG);
      await select(k!, victim);
      k!.press(KEYS.ctrlD);
      await k!.waitFor(/delete pod|describe Pod/);
      assert.doesNotMatch(
        k!.screen(),
        /describe Pod/,
        'ctrl-d opened describe: the resource list takes ctrl-d as d',
      );
      await k!.waitFor(`delete pod ${ns}/${victim}?`);
      k!.press(KEYS.enter);
      await closeResult(k!);
      await unfilter(k!);
      await k!.waitForGone(victim, LONG);
      await eventually('the pod gone from the API', async () =>
        (await webPods()).some((p) => p.metadata?.name === victim) ? undefined : true,
      );
    });

    it('c cordons and u uncordons a node, the STATUS column follows', async () => {
      await goTo(k!, 'nodes', nodesHeader);
      await k!.waitFor(new RegExp(`${node}\\s+Ready\\s`), LONG);
      await select(k!, node);
      k!.press('c');
      await k!.waitFor(`cordon node ${node}?`);
      k!.press('y');
      await closeResult(k!);
      await k!.waitFor(new RegExp(`${node}\\s+Ready,SchedulingDisabled`), LONG);
      assert.equal((await core.readNode({ name: node })).spec?.unschedulable, true);
      k!.press('u');
      await k!.waitFor(`uncordon node ${node}?`);
      k!.press('y');
      await closeResult(k!);
      await k!.waitFor(new RegExp(`${node}\\s+Ready\\s`), LONG);
      assert.ok(!(await core.readNode({ name: node })).spec?.unschedulable);
      await unfilter(k!);
    });

    it('e edits in $KUBE_EDITOR: a bad save reopens with the error and the text kept, then it applies', async () => {
      await goTo(k!, 'deploy', deployHeader);
      await select(k!, 'web');
      k!.press('e');
      await k!.waitFor(/edited/, LONG);
      const log = join(work, 'editor.log');
      assert.ok(existsSync(log), 'the editor never ran');
      assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
        'first',
        'second: error shown, text intact',
      ]);
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      assert.equal(d.metadata?.labels?.['edited-by'], 'kdeck-test');
      k!.press('y');
      await k!.waitFor(/edited-by: kdeck-test/);
      k!.press(KEYS.esc);
      await k!.waitFor(deployHeader);
      await unfilter(k!);
    });

    after(async () => {
      await k?.stop();
      k = undefined;
    });
  });

  describe('read-only', () => {
    let started = 0;
    let ro: Kdeck;

    before(async () => {
      // Audit timestamps are the server's (same machine, to the microsecond). No margin before the start:
      // the write session's last edit can land a moment before this one begins and is not this session's.
      started = Date.now();
      ro = startKdeck({ args: ['--kubeconfig', kubeconfig!, '-n', ns, '--readonly'], cols: 160, rows: 40 });
      await ro.waitFor('● connected', LONG);
    });

    after(async () => {
      await ro?.stop();
    });

    /** Each row and the action keys that apply to it, with the action id the refusal names. */
    const plan: { view: string; header: RegExp; row: () => Promise<string>; keys: [string, string][] }[] = [
      {
        view: 'deploy',
        header: deployHeader,
        row: async () => 'web',
        keys: [
          ['s', 'scale'],
          ['r', 'restart'],
          ['h', 'history'],
          ['U', 'undo'],
          ['i', 'set-image'],
          [KEYS.ctrlD, 'delete'],
          ['e', 'edit'],
          ['L', 'label'],
          ['O', 'annotate'],
          ['C', 'apply'],
        ],
      },
      {
        view: 'pods',
        header: podsHeader,
        row: async () =>
          eventually('a web pod', async () => {
            const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
            return pods.find((p) => !p.metadata?.deletionTimestamp)?.metadata?.name;
          }),
        keys: [
          ['i', 'set-image'],
          [KEYS.ctrlD, 'delete'],
          [KEYS.ctrlK, 'kill'],
          ['e', 'edit'],
          ['t', 'copy'],
          ['L', 'label'],
          ['O', 'annotate'],
        ],
      },
      {
        view: 'nodes',
        header: nodesHeader,
        row: async () => node,
        keys: [
          ['c', 'cordon'],
          ['u', 'uncordon'],
          ['r', 'drain'],
          ['e', 'edit'],
          [KEYS.ctrlD, 'delete'],
        ],
      },
      {
        view: 'cronjobs',
        header: /NAME\s+SCHEDULE/,
        row: async () => 'nightly',
        keys: [
          ['t', 'trigger'],
          ['s', 'suspend'],
          ['i', 'set-image'],
          [KEYS.ctrlD, 'delete'],
        ],
      },
    ];

    it('every action key on its rows is refused on screen', async () => {
      const notRefused: string[] = [];
      for (const step of plan) {
        await goTo(ro, step.view, step.header);
        const row = await step.row();
        await ro.waitFor(row, LONG);
        await select(ro, row);
        for (const [key, action] of step.keys) {
          const refusal = `${action}: kdeck is read-only`;
          // The same refusal may still be showing from an earlier row: let it go so this one counts.
          await ro.waitForGone(refusal);
          ro.press(key);
          try {
            await ro.waitFor(refusal, 5000);
          } catch {
            notRefused.push(
              `${step.view} ${JSON.stringify(key)} (${action}): ${ro.screen().split('\n').slice(3, 8).join(' | ')}`,
            );
            // Whatever opened instead (a view, a dialog): back to the filtered list.
            ro.press(KEYS.esc);
            await ro.waitFor(step.header);
            await select(ro, row);
          }
        }
        await unfilter(ro);
      }
      assert.deepEqual(notRefused, [], 'keys that were not refused as read-only');
    });

    it('the session sent no mutating request (audit log)', async () => {
      await ro.stop();
      // A request of ours with a unique path: once it is in the log, everything kdeck sent before is too.
      const marker = `kdeck-aui-marker-${id}`;
      await core.readNamespace({ name: marker }).catch(() => undefined);
      const events = await eventually('the marker request in the audit log', async () => {
        const lines = readFileSync(auditLog!, 'utf8').split('\n').filter(Boolean);
        if (!lines.some((l) => l.includes(marker))) return undefined;
        return lines.map((l) => JSON.parse(l) as AuditEvent);
      });
      const ours = events.filter(
        (e) =>
          e.userAgent?.startsWith('kdeck') &&
          Date.parse(e.requestReceivedTimestamp) >= started &&
          // Other people's kdeck sessions may run on the same cluster: count what touches our objects.
          (e.objectRef?.namespace === ns || e.objectRef?.name === node || e.objectRef?.name === ns),
      );
      assert.ok(
        ours.some((e) => e.verb === 'list' || e.verb === 'watch'),
        'no kdeck reads in the audit log',
      );
      const mutating = ours.filter((e) => MUTATING.has(e.verb));
      assert.deepEqual(
        mutating.map((e) => `${e.verb} ${e.requestURI}`),
        [],
      );
      // And nothing mutating anywhere from kdeck except permission questions, which create nothing.
      const anywhere = events.filter(
        (e) =>
          e.userAgent?.startsWith('kdeck') &&
          Date.parse(e.requestReceivedTimestamp) >= started &&
          MUTATING.has(e.verb) &&
          e.objectRef?.resource !== 'selfsubjectaccessreviews',
      );
      if (anywhere.length > 0)
        console.log(
          `# kdeck mutating requests elsewhere (other sessions?): ${anywhere.map((e) => `${e.verb} ${e.requestURI}`).join(', ')}`,
        );
    });
  });
});

const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

interface AuditEvent {
  verb: string;
  requestURI: string;
  userAgent?: string;
  requestReceivedTimestamp: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
}
