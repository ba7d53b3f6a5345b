// Exec (websocket channel protocol, exit codes), logs and their options, port-forward — through client-node and kubectl.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ApiException, CoreV1Api, Exec, type V1Status } from '@kubernetes/client-node';
import { collector } from '../helpers/collector.js';
import { type ContractCluster, contractCluster, eventually, raw, runningPod } from './helpers/cluster.js';

const run = promisify(execFile);

interface ExecResult {
  stdout: string;
  stderr: string;
  status: V1Status;
}

describe('exec and logs', () => {
  let c: ContractCluster;
  let core: CoreV1Api;
  const pod = 'shell';

  async function exec(command: string[], opts: { stdin?: string; tty?: boolean } = {}): Promise<ExecResult> {
    const out = collector();
    const err = collector();
    const stdin = opts.stdin === undefined ? null : new PassThrough();
    return new Promise((resolve, reject) => {
      // Bounded: a server that never reports an exit fails the test instead of hanging it.
      const timer = setTimeout(
        () => reject(new Error(`exec ${command.join(' ')}: no status after 30 s; stdout=${out.text()}`)),
        30_000,
      );
      new Exec(c.kc)
        .exec(
          c.namespace,
          pod,
          'app',
          command,
          out.stream,
          opts.tty ? null : err.stream,
          stdin,
          opts.tty ?? false,
          (status) => {
            clearTimeout(timer);
            resolve({ stdout: out.text(), stderr: err.text(), status });
          },
        )
        .then(() => {
          if (stdin) stdin.end(opts.stdin);
        }, reject);
    });
  }

  before(async () => {
    c = await contractCluster();
    core = c.kc.makeApiClient(CoreV1Api);
    await runningPod(c, pod);
    // A real cluster's node agent may take a moment to let exec into a new pod.
    await eventually('exec into the pod', async () =>
      (await exec(['echo', 'ready'])).stdout === 'ready\n' ? true : undefined,
    );
  });
  after(async () => {
    await c.stop();
  });

  it('runs a command: stdout, stderr and Success on the error channel', async () => {
    const r = await exec(['sh', '-c', 'echo out; echo err >&2']);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
    assert.equal(r.status.status, 'Success');
  });

  it('reports a non-zero exit as Failure, NonZeroExitCode, with the code in causes', async () => {
    const r = await exec(['sh', '-c', 'echo bye; exit 3']);
    assert.equal(r.stdout, 'bye\n');
    assert.equal(r.status.status, 'Failure');
    if (!c.demo && r.status.reason === 'InternalError') {
      // kwok's exec (the harness's stand-in kubelet) reports exits as `exit status N`; a kubelet does as below.
      assert.match(r.status.message ?? '', /exit status 3/);
      return;
    }
    assert.equal(r.status.reason, 'NonZeroExitCode');
    assert.deepEqual(
      r.status.details?.causes?.map((x) => [x.reason, x.message]),
      [['ExitCode', '3']],
    );
  });

  it('feeds stdin', async () => {
    const r = await exec(['head', '-n1'], { stdin: 'typed\nmore\n' });
    assert.equal(r.stdout, 'typed\n');
    assert.equal(r.status.status, 'Success');
  });

  it('closes stdin when the client does (the v5 close frame), so cat ends', async (t) => {
    if (!c.demo) {
      t.skip(
        "kwok's exec (the harness's node agent) never closes the process's stdin: cat does not end there",
      );
      return;
    }
    const r = await exec(['cat'], { stdin: 'typed\n' });
    assert.equal(r.stdout, 'typed\n');
    assert.equal(r.status.status, 'Success');
  });

  it('gives a TTY when asked, as kubectl exec -it does', async () => {
    // The pause lets the output leave before the process ends: kwok may drop a TTY's last bytes at exit.
    const r = await exec(['sh', '-c', 'test -t 0 && test -t 1 && echo interactive; sleep 1'], {
      tty: true,
      stdin: '',
    });
    assert.match(r.stdout, /interactive/);
  });

  it('passes exit codes through kubectl exec', async () => {
    const ok = await run('kubectl', [
      '--kubeconfig',
      c.kubeconfigPath,
      '-n',
      c.namespace,
      'exec',
      pod,
      '--',
      'echo',
      'hi',
    ]);
    assert.equal(ok.stdout, 'hi\n');
    await assert.rejects(
      run('kubectl', [
        '--kubeconfig',
        c.kubeconfigPath,
        '-n',
        c.namespace,
        'exec',
        pod,
        '--',
        'sh',
        '-c',
        'exit 4',
      ]),
      // A kubelet's NonZeroExitCode makes kubectl exit with the code; kwok (the harness) words it `exit status 4`.
      (e: { code?: number; stderr?: string }) =>
        (e.code === 4 && /command terminated with exit code 4/.test(e.stderr ?? '')) ||
        (!c.demo && /exit status 4/.test(e.stderr ?? '')),
    );
  });

  it('copies a file in and out with kubectl cp', async (t) => {
    if (!c.demo) {
      // tar in the container reads until end of input, and kwok never closes the process's stdin.
      t.skip("kwok's exec never closes stdin, so kubectl cp into a pod never ends there");
      return;
    }
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'contract-cp-'));
    writeFileSync(join(dir, 'in.txt'), 'copied\n');
    const base = ['--kubeconfig', c.kubeconfigPath, '-n', c.namespace];
    await run('kubectl', [...base, 'cp', join(dir, 'in.txt'), `${pod}:contract-in.txt`]);
    await run('kubectl', [...base, 'cp', `${pod}:contract-in.txt`, join(dir, 'out.txt')]);
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'copied\n');
  });

  it('serves logs with tailLines and timestamps', async () => {
    const lines = await eventually('three log lines', async () => {
      const text = await core.readNamespacedPodLog({ namespace: c.namespace, name: pod, tailLines: 3 });
      const l = text.split('\n').filter(Boolean);
      return l.length === 3 ? l : undefined;
    });
    assert.equal(lines.length, 3);
    const stamped = await core.readNamespacedPodLog({
      namespace: c.namespace,
      name: pod,
      tailLines: 1,
      timestamps: true,
    });
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
    const none = await core.readNamespacedPodLog({ namespace: c.namespace, name: pod, tailLines: 0 });
    assert.equal(none, '');
  });

  it('refuses previous logs of a container that never restarted, and an unknown container', async () => {
    const prev = await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/pods/${pod}/log?previous=true`);
    assert.ok(prev.status >= 400, `previous logs answered ${prev.status}`);
    // The kubelet's wording; kwok (the harness's node agent) words it differently.
    if (c.demo) {
      assert.match(
        JSON.parse(prev.body).message,
        new RegExp(`previous terminated container "app" in pod "${pod}" not found`),
      );
    }
    const bad = await raw(c.kc, 'GET', `/api/v1/namespaces/${c.namespace}/pods/${pod}/log?container=nope`);
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).message, `container nope is not valid for pod ${pod}`);
  });

  it('follows logs: new lines arrive on an open stream', async () => {
    const child = execFile('kubectl', [
      '--kubeconfig',
      c.kubeconfigPath,
      '-n',
      c.namespace,
      'logs',
      '-f',
      '--tail=0',
      pod,
    ]);
    try {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      await eventually('a followed line', async () => (out.includes('\n') ? true : undefined), 30_000);
    } finally {
      child.kill();
    }
  });

  it('does not exec into a missing pod', async () => {
    await assert.rejects(
      core.readNamespacedPod({ namespace: c.namespace, name: 'missing' }),
      (e: unknown) => e instanceof ApiException && e.code === 404,
    );
    await assert.rejects(
      run('kubectl', ['--kubeconfig', c.kubeconfigPath, '-n', c.namespace, 'exec', 'missing', '--', 'true']),
      (e: { stderr?: string }) => /pods "missing" not found/.test(e.stderr ?? ''),
    );
  });
});
