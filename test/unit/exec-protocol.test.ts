import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KubeError } from '../../src/kube/kube-error.js';
import { execCollect } from '../../src/kube/streams/exec.js';
import { exitFromStatus, openRemoteExec } from '../../src/kube/streams/remote-exec.js';
import { type FakeExecServer, startFakeExecServer } from './helpers/fake-exec-server.js';

const target = { namespace: 'default', pod: 'web-0', container: 'nginx' };

for (const version of ['v5', 'v4'] as const) {
  describe(`exec over ${version}.channel.k8s.io`, () => {
    let server: FakeExecServer;
    before(async () => {
      server = await startFakeExecServer([`${version}.channel.k8s.io`]);
    });
    after(() => server.close());

    test('collects stdout and exit code 0', async () => {
      const r = await execCollect(server.client, target, ['echo', 'hello', 'world']);
      assert.equal(r.stdout.toString(), 'hello world\n');
      assert.equal(r.stderr.length, 0);
      assert.equal(r.exitCode, 0);
      const q = server.requests.at(-1);
      assert.deepEqual(q?.getAll('command'), ['echo', 'hello', 'world']);
      assert.equal(q?.get('container'), 'nginx');
      assert.equal(q?.get('tty'), 'false');
    });

    test('separates stderr and reads a non-zero exit code from the status channel', async () => {
      const r = await execCollect(server.client, target, ['fail', '7']);
      assert.equal(r.stderr.toString(), 'it failed\n');
      assert.equal(r.exitCode, 7);
    });

    test('a command that cannot start gives no exit code but the runtime message', async () => {
      const r = await execCollect(server.client, target, ['missing']);
      assert.equal(r.exitCode, null);
      assert.match(r.message ?? '', /executable file not found/);
    });

    test('stdin reaches the command and the TTY size goes on the resize channel', async () => {
      const s = await openRemoteExec({
        client: server.client,
        ...target,
        mode: 'exec',
        command: ['cat'],
        tty: true,
        stdin: true,
        cols: 100,
        rows: 30,
      });
      assert.equal(s.protocol, `${version}.channel.k8s.io`);
      const got: Buffer[] = [];
      s.onData((d) => got.push(d));
      const exited = new Promise<number | null>((resolve) => s.onExit((c) => resolve(c)));
      s.write('ping\n');
      s.resize(120, 40);
      await s.flush();
      // v5 half-closes stdin so cat ends with status 0; v4 can only close the socket.
      if (version === 'v5') {
        await new Promise((r) => setTimeout(r, 50));
        s.endInput();
        assert.equal(await exited, 0);
        assert.equal(Buffer.concat(got).toString(), 'ping\n');
      } else {
        s.close();
        await exited;
      }
      assert.deepEqual(server.resizes.slice(-2), [
        { Width: 100, Height: 30 },
        { Width: 120, Height: 40 },
      ]);
    });
  });
}

test('a forbidden exec rejects with the server status as a KubeError', async () => {
  const server = await startFakeExecServer(['v5.channel.k8s.io']);
  try {
    await assert.rejects(
      execCollect(server.client, { namespace: 'default', pod: 'forbidden' }, ['sh']),
      (e: unknown) =>
        e instanceof KubeError && e.status === 403 && /cannot create resource "pods\/exec"/.test(e.message),
    );
  } finally {
    await server.close();
  }
});

test('exitFromStatus reads Success, NonZeroExitCode and other failures', () => {
  assert.deepEqual(exitFromStatus('{"status":"Success"}'), { code: 0 });
  assert.deepEqual(
    exitFromStatus(
      '{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"130"}]}}',
    ),
    { code: 130 },
  );
  assert.deepEqual(exitFromStatus('{"status":"Failure","message":"boom"}'), { code: null, message: 'boom' });
  assert.deepEqual(
    exitFromStatus(
      '{"status":"Failure","reason":"InternalError","message":"error executing command in container: cmd wait: sh -c exit 3: exit status 3"}',
    ),
    { code: 3 },
  );
  assert.deepEqual(exitFromStatus('not json'), { code: null, message: 'not json' });
});
