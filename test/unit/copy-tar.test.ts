import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import tar from 'tar-stream';
import { copyFromPod, copyToPod, entryTarget, tarPrefix } from '../../src/kube/actions/copy.js';
import type { ExecFn } from '../../src/kube/actions/exec-session.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import type { Progress } from '../../src/kube/actions/outcome.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';
import { fakeClient } from './helpers/fake-client.js';
import { cannedExec, localExec } from './helpers/local-exec.js';

function ctxWith(exec: ExecFn) {
  const client = fakeClient(() => ({ status: { allowed: true } }));
  return new ActionGate(client, { readOnly: false, exec }).context();
}

async function tree(root: string): Promise<void> {
  await mkdir(join(root, 'sub/deeper'), { recursive: true });
  await writeFile(join(root, 'run.sh'), '#!/bin/sh\necho hi\n');
  await chmod(join(root, 'run.sh'), 0o755);
  await writeFile(join(root, 'secret'), 'token');
  await chmod(join(root, 'secret'), 0o600);
  await writeFile(join(root, 'sub/blob.bin'), randomBytes(300_000));
  await writeFile(join(root, 'sub/deeper/empty'), '');
  await chmod(join(root, 'sub/deeper'), 0o750);
}

function crafted(entries: { name: string; body?: string; type?: 'file' | 'directory' }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file', mode: 0o644 }, e.body ?? '');
  pack.finalize();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('copy over tar', () => {
  it('round-trips a directory tree with equal hashes and modes', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
    const src = join(base, 'src');
    const pod = join(base, 'pod');
    await tree(src);
    await mkdir(pod);
    const ctx = ctxWith(localExec());
    const seen: Progress[] = [];
    const up = await copyToPod(
      ctx,
      src,
      { namespace: 'default', pod: 'web', path: pod },
      { onProgress: (p) => seen.push(p) },
    );
    assert.deepEqual(up.failures, []);
    assert.equal(
      up.done[0].object,
      `default/web:${pod}/src`,
      'an existing directory receives the source under its name',
    );
    assert.equal(seen.at(-1)?.bytes, 300_000 + 5 + 18);
    assert.equal(seen.at(-1)?.totalBytes, 300_000 + 5 + 18);
    const back = join(base, 'back');
    const down = await copyFromPod(ctx, { namespace: 'default', pod: 'web', path: `${pod}/src` }, back);
    assert.deepEqual(down.failures, []);
    assert.deepEqual(await treeSnapshot(back), await treeSnapshot(src));
    assert.deepEqual(await treeSnapshot(join(pod, 'src')), await treeSnapshot(src));
  });

  it('copies a single file onto a directory under its own name', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
    await writeFile(join(base, 'f.txt'), 'hello');
    await chmod(join(base, 'f.txt'), 0o640);
    await mkdir(join(base, 'out'));
    const outcome = await copyFromPod(
      ctxWith(localExec()),
      { namespace: 'd', pod: 'p', path: join(base, 'f.txt') },
      join(base, 'out'),
    );
    assert.deepEqual(outcome.failures, []);
    assert.equal(await readFile(join(base, 'out/f.txt'), 'utf8'), 'hello');
    assert.equal((await stat(join(base, 'out/f.txt'))).mode & 0o777, 0o640);
  });

  for (const evil of ['tmp/x/../../escaped.txt', '/tmp/escaped-abs.txt', '../escaped.txt']) {
    it(`refuses an entry named ${evil} and writes nothing outside the target`, async () => {
      const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
      const bytes = await crafted([
        { name: 'tmp/x/', type: 'directory' },
        { name: 'tmp/x/ok.txt', body: 'ok' },
        { name: evil, body: 'pwned' },
      ]);
      const dest = join(base, 'inner', 'dest');
      const outcome = await copyFromPod(
        ctxWith(cannedExec(bytes)),
        { namespace: 'd', pod: 'p', path: '/tmp/x' },
        dest,
      );
      assert.equal(outcome.failures.length, 1);
      assert.equal(outcome.failures[0].reason, 'PathTraversal');
      assert.match(outcome.failures[0].message, /refused entry/);
      assert.deepEqual(await readdir(join(base, 'inner')), ['dest']);
      assert.deepEqual(await readdir(dest), ['ok.txt']);
    });
  }

  it('maps entry names under the source prefix and refuses the rest', () => {
    assert.equal(tarPrefix('/tmp/x/'), 'tmp/x');
    assert.equal(tarPrefix('../a/b'), 'a/b');
    assert.equal(entryTarget('/out', 'tmp/x', 'tmp/x/a/b.txt'), '/out/a/b.txt');
    assert.equal(entryTarget('/out', 'tmp/x', 'tmp/x'), '/out');
    assert.throws(() => entryTarget('/out', 'tmp/x', 'tmp/xy/a'), /not under tmp\/x/);
    assert.throws(() => entryTarget('/out', 'tmp/x', 'tmp/x/../../etc/passwd'), /outside/);
  });

  it('says plainly when the container has no tar', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
    await writeFile(join(base, 'f'), 'x');
    const ctx = ctxWith(localExec('/nonexistent'));
    const down = await copyFromPod(ctx, { namespace: 'd', pod: 'p', path: '/etc/hostname' }, join(base, 'o'));
    assert.equal(down.failures[0]?.reason, 'NoTar');
    assert.match(down.failures[0].message, /has no tar/);
    assert.match(down.failures[0].hint, /needs tar in the container/);
    const up = await copyToPod(ctx, join(base, 'f'), { namespace: 'd', pod: 'p', path: join(base, 'g') });
    assert.equal(up.failures[0]?.reason, 'NoTar');
  });

  it('reports tar errors from the container (missing path) with tar’s words', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
    const outcome = await copyFromPod(
      ctxWith(localExec()),
      { namespace: 'd', pod: 'p', path: join(base, 'nope') },
      join(base, 'o'),
    );
    assert.equal(outcome.failures[0]?.reason, 'TarFailed');
    assert.match(outcome.failures[0].message, /No such file or directory/);
  });

  it('stops when cancelled and says so', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kdeck-cp-'));
    await writeFile(join(base, 'big'), randomBytes(4_000_000));
    const abort = new AbortController();
    const outcome = await copyFromPod(
      ctxWith(localExec()),
      { namespace: 'd', pod: 'p', path: join(base, 'big') },
      join(base, 'copy'),
      { signal: abort.signal, onProgress: () => abort.abort() },
    );
    assert.equal(outcome.cancelled, true);
    assert.deepEqual(outcome.done, []);
  });
});
