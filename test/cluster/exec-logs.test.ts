import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { kinds } from '../../src/kube/actions/target.js';
import { execCollect } from '../../src/kube/streams/exec.js';
import { ContainerLogStream } from '../../src/kube/streams/logs.js';
import { openRemoteExec } from '../../src/kube/streams/remote-exec.js';
import { logTargetFor } from '../../src/model/log-target.js';
import { WorkloadLogs } from '../../src/session/workload-logs.js';
import { Terminal } from '../../src/term/terminal.js';
import { type Kdeck, KEYS, startKdeck } from '../e2e/helpers/kdeck-pty.js';
import { deployment as baseDeployment } from '../helpers/objects.js';
import {
  actionSession,
  createObject,
  deleteQuietly,
  eventually,
  skipReason,
  uniqueName,
  watchUntil,
} from './helpers/action-session.js';

const deployment = (name: string, replicas: number) => baseDeployment(name, { replicas });

/** Resolves once `check` holds; the test's timeout bounds the wait. */
function until(check: () => boolean): Promise<void> {
  return eventually(async () => (check() ? true : undefined), 100).then(() => undefined);
}

// The harness's pod agent runs each pod's exec locally in a scratch directory and appends a line a
// second ("<ns>/<pod> <container> line N") to each container's log, which kwok serves.
describe('exec and logs against the real control plane', { skip: skipReason, timeout: 240_000 }, () => {
  const s = skipReason ? undefined : actionSession(false);
  const ns = uniqueName('kdeck-exec');
  const pods = { resource: kinds.pod, namespaces: [ns], labelSelector: 'app=shell' };
  let pod: V1Pod;
  let where: { namespace: string; pod: string; container: string };

  before(async () => {
    if (!s) return;
    await createObject(s.client, kinds.namespace, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await createObject(s.client, kinds.deployment, ns, deployment('shell', 1));
    const running = await watchUntil(s.store, pods, (items) =>
      items.some((p) => (p as V1Pod).status?.phase === 'Running'),
    );
    pod = running.find((p) => (p as V1Pod).status?.phase === 'Running') as V1Pod;
    where = { namespace: ns, pod: pod.metadata?.name ?? '', container: 'app' };
    // The agent adds the pod's exec rule shortly after the pod starts.
    await eventually(async () =>
      (await execCollect(s.client, where, ['true'])).exitCode === 0 ? true : undefined,
    );
  });
  after(async () => {
    if (!s) return;
    await deleteQuietly(s.client, kinds.namespace, undefined, ns);
    s.client.close();
  });

  it('exec without a TTY: stdout, stderr and the exit code', async () => {
    const ok = await execCollect(s!.client, where, ['sh', '-c', 'echo out; echo err >&2']);
    assert.equal(ok.exitCode, 0);
    assert.equal(ok.stdout.toString(), 'out\n');
    assert.equal(ok.stderr.toString(), 'err\n');
    const failed = await execCollect(s!.client, where, ['sh', '-c', 'echo bye; exit 3']);
    assert.equal(failed.stdout.toString(), 'bye\n');
    assert.equal(failed.exitCode, 3);
    // head stops after 12 bytes by itself: kwok does not pass the end of stdin on (kubectl exec -i hangs the same way).
    const input = await execCollect(s!.client, where, ['head', '-c', '12'], {
      stdin: 'twelve bytes and more',
    });
    assert.equal(input.stdout.toString(), 'twelve bytes');
    assert.equal(input.exitCode, 0);
  });

  it('exec with a TTY: a terminal, its size from the resize channel, the exit code', async () => {
    const session = await openRemoteExec({
      client: s!.client,
      ...where,
      mode: 'exec',
      command: ['sh'],
      tty: true,
      stdin: true,
      cols: 100,
      rows: 30,
    });
    const term = new Terminal({ cols: 100, rows: 30 });
    session.onData((d) => void term.write(d));
    const exit = new Promise<number | null>((resolve) => session.onExit((c) => resolve(c)));
    // `echo` first, so the answer starts a line of its own however long the prompt (the checkout's path) is.
    session.write('echo; tty; stty size\r');
    // Waits for the answer before exiting: kwok may drop output a process writes just before it ends.
    await until(() => /^30 100$/m.test(term.text()));
    assert.match(term.text(), /\/dev\/pts\/\d+/);
    session.write('exit 7\r');
    assert.equal(await exit, 7);
    term.dispose();
  });

  it('follows a container log and sees new lines arrive', async () => {
    const numbers: number[] = [];
    const stream = new ContainerLogStream(
      s!.client,
      where,
      { follow: true, tailLines: 1 },
      {
        onLine: (text) => {
          const m = / app line (\d+)$/.exec(text);
          if (m) numbers.push(Number(m[1]));
        },
      },
    );
    const done = stream.start();
    await until(() => numbers.length >= 3);
    stream.stop();
    await done;
    assert.ok((numbers[2] as number) > (numbers[0] as number), `line numbers grow: ${numbers.join(',')}`);
  });

  it("a deployment's merged stream picks up the pod that scale-up adds", async () => {
    const dep = await s!.client.request<V1Deployment>({
      path: `/apis/apps/v1/namespaces/${ns}/deployments/shell`,
    });
    const target = logTargetFor(dep);
    assert.ok(!('error' in target), 'a deployment has a log target');
    const seen = new Map<string, number>();
    const logs = new WorkloadLogs(
      s!.client,
      s!.store,
      target,
      { follow: true, tailLines: 1 },
      {
        onLine: (source) => {
          const pod = logs.sources[source]?.pod ?? '';
          seen.set(pod, (seen.get(pod) ?? 0) + 1);
        },
      },
    );
    logs.start();
    try {
      await until(() => seen.size === 1);
      await s!.client.request({
        method: 'PATCH',
        path: `/apis/apps/v1/namespaces/${ns}/deployments/shell/scale`,
        body: { spec: { replicas: 2 } },
        contentType: 'application/merge-patch+json',
      });
      await until(() => seen.size === 2 && [...seen.values()].every((n) => n >= 2));
      assert.equal(logs.sources.filter((x) => x.phase === 'streaming').length, 2);
    } finally {
      logs.stop();
    }
  });

  describe("an interactive shell through kdeck's own pane", () => {
    let k: Kdeck | undefined;
    after(async () => {
      await k?.stop();
    });

    it('s on the pod opens a shell in the pane; typed commands run; ctrl-] returns to the list; exit shows the code', async () => {
      k = startKdeck({
        args: ['--kubeconfig', process.env.KDECK_CLUSTER_KUBECONFIG ?? '', '-n', ns],
        cols: 120,
        rows: 36,
      });
      const name = where.pod;
      await k.waitFor(new RegExp(`${name}\\s+1/1\\s+Running`), 60_000);
      k.press('/');
      // The prompt first: a letter typed before it shows would reach the list (s = shell).
      await k.waitFor(/^\/ ?$/m);
      await k.type(name);
      k.press(KEYS.enter);
      await k.waitForGone(/^\/\S/m);
      k.press('s');
      await k.waitFor(`${name}/app`, 30_000);
      await k.type('echo "sum=$((40+2))"\r');
      await k.waitFor('sum=42', 30_000);
      k.press('\x1d');
      await k.waitFor('ctrl-] type into the session');
      k.press('\x1d');
      await k.waitFor('ctrl-] back to the list');
      await k.type('exit 5\r');
      await k.waitFor('session ended with exit code 5', 30_000);
    });

    it('l on the pod opens its log view and new lines keep arriving', async () => {
      if (!k) throw new Error('kdeck did not start');
      k.press('X');
      await k.waitForGone('session ended');
      k.press('l');
      await k.waitFor(/logs pod\//, 30_000);
      const first = await k.waitFor(/ app line (\d+)/, 30_000);
      const seen = Math.max(...[...first.matchAll(/ app line (\d+)/g)].map((m) => Number(m[1])));
      await k.waitFor(new RegExp(` app line ${seen + 1}\\b`), 30_000);
      k.press(KEYS.esc);
      await k.waitForGone(/logs pod\//);
    });
  });
});
