// The kubectl on this machine against the cluster: apply, get, describe, scale, patch, edit, port-forward, delete.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type ContractCluster, contractCluster, eventually } from './helpers/cluster.js';

const run = promisify(execFile);

describe('kubectl', () => {
  let c: ContractCluster;
  let dir: string;
  const k = async (...args: string[]) =>
    (
      await run('kubectl', ['--kubeconfig', c.kubeconfigPath, '-n', c.namespace, ...args], {
        env: { ...process.env, KUBE_EDITOR: process.env.KUBE_EDITOR ?? '' },
      })
    ).stdout;

  before(async () => {
    c = await contractCluster();
    dir = mkdtempSync(join(tmpdir(), 'contract-kubectl-'));
  });
  after(async () => {
    await c.stop();
  });

  it('creates, then configures, with apply -f (validation on)', async () => {
    const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: applied
  labels: {app: applied}
spec:
  replicas: 1
  selector: {matchLabels: {app: applied}}
  template:
    metadata: {labels: {app: applied}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: applied}
spec:
  selector: {app: applied}
  ports: [{port: 80, targetPort: http}]
`;
    writeFileSync(join(dir, 'app.yaml'), manifest('nginx:1.27'));
    assert.match(
      await k('apply', '-f', join(dir, 'app.yaml')),
      /deployment.apps\/applied created\nservice\/applied created/,
    );
    writeFileSync(join(dir, 'app.yaml'), manifest('nginx:1.28'));
    assert.match(
      await k('apply', '-f', join(dir, 'app.yaml')),
      /deployment.apps\/applied configured\nservice\/applied unchanged/,
    );
    assert.equal(
      await k('get', 'deploy', 'applied', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'),
      'nginx:1.28',
    );
  });

  it('prints the server-side columns in get', async () => {
    await k('create', 'deployment', 'printed', '--image=nginx');
    const out = await k('get', 'deploy', 'printed');
    assert.match(out.split('\n')[0], /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    const wide = await k('get', 'deploy', 'printed', '-o', 'wide');
    assert.match(wide.split('\n')[0], /CONTAINERS\s+IMAGES\s+SELECTOR$/);
    assert.match(wide.split('\n')[1], /^printed\s+\S+\s+\d+\s+\d+\s+\S+\s+nginx\s+nginx\s+app=printed$/);
    assert.match(await k('get', 'pods', '--no-headers', '-l', 'app=printed', '-o', 'name'), /^pod\/printed-/);
  });

  it('scales, patches and edits', async () => {
    await k('create', 'deployment', 'edited', '--image=nginx');
    assert.match(await k('scale', 'deploy', 'edited', '--replicas=3'), /deployment.apps\/edited scaled/);
    assert.equal(await k('get', 'deploy', 'edited', '-o', 'jsonpath={.spec.replicas}'), '3');
    await k(
      'patch',
      'deploy',
      'edited',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}',
    );
    assert.equal(
      await k('get', 'deploy', 'edited', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'),
      'nginx:1.26',
    );
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/replicas: 3/replicas: 2/" "$1"\n', { mode: 0o755 });
    await run('kubectl', ['--kubeconfig', c.kubeconfigPath, '-n', c.namespace, 'edit', 'deploy', 'edited'], {
      env: { ...process.env, KUBE_EDITOR: editor },
    });
    assert.equal(await k('get', 'deploy', 'edited', '-o', 'jsonpath={.spec.replicas}'), '2');
    assert.match(await k('describe', 'deploy', 'edited'), /Replicas:\s+2 desired/);
  });

  it('reports errors as kubectl prints them', async () => {
    await assert.rejects(k('get', 'pod', 'nope'), (e: { stderr?: string }) =>
      (e.stderr ?? '').includes('Error from server (NotFound): pods "nope" not found'),
    );
    await k('create', 'configmap', 'twice');
    await assert.rejects(k('create', 'configmap', 'twice'), (e: { stderr?: string }) =>
      (e.stderr ?? '').includes('configmaps "twice" already exists'),
    );
  });

  it('forwards a local port to a pod port', async () => {
    await k('run', 'forwarded', '--image=nginx', '--port=80');
    await eventually('pod Running', async () =>
      (await k('get', 'pod', 'forwarded', '-o', 'jsonpath={.status.phase}')) === 'Running' ? true : undefined,
    );
    const pf = spawn('kubectl', [
      '--kubeconfig',
      c.kubeconfigPath,
      '-n',
      c.namespace,
      'port-forward',
      'pod/forwarded',
      ':80',
    ]);
    try {
      let out = '';
      pf.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const port = await eventually(
        'the forwarding line',
        async () => /127\.0\.0\.1:(\d+) -> 80/.exec(out)?.[1],
      );
      // The demo's pods answer HTTP and echo anything else; the harness forwards to an echo server.
      for (const text of ['hello\n', 'again\n']) {
        const echoed = await new Promise<string>((resolve, reject) => {
          const sock = connect(Number(port), '127.0.0.1', () => sock.write(text));
          sock.on('data', (d: Buffer) => {
            resolve(d.toString());
            sock.destroy();
          });
          sock.on('error', reject);
        });
        assert.equal(echoed, text);
      }
    } finally {
      pf.kill();
    }
  });

  it('deletes by label selector and waits for the pods to go', async () => {
    await k('run', 'doomed-a', '--image=nginx', '-l', 'doom=yes');
    await k('run', 'doomed-b', '--image=nginx', '-l', 'doom=yes');
    const out = await k('delete', 'pods', '-l', 'doom=yes');
    assert.match(out, /pod "doomed-a" deleted/);
    assert.match(out, /pod "doomed-b" deleted/);
    assert.equal((await k('get', 'pods', '-l', 'doom=yes', '-o', 'name')).trim(), '');
  });
});
