import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import {
  looksMissing,
  ShellSession,
  shellPrecheck,
  withCarriageReturns,
} from '../../src/ui/shell/shell-session.js';
import { type FakeExecServer, startFakeExecServer } from './helpers/fake-exec-server.js';

let server: FakeExecServer;
before(async () => {
  server = await startFakeExecServer(['v5.channel.k8s.io'], 30);
});
after(() => server.close());

const target = { namespace: 'default', pod: 'web-0', container: 'nginx' };

test('a shell missing from the image falls through to the next one, said in the pane', async () => {
  const s = await ShellSession.open(server.client, target, {
    mode: 'exec',
    commands: ['bash', 'cat'],
    cols: 80,
    rows: 24,
  });
  const out: Buffer[] = [];
  s.onData((d) => out.push(d));
  const exited = new Promise<number | null>((resolve) => s.onExit((c) => resolve(c)));
  await new Promise((r) => setTimeout(r, 150));
  s.write('typed\n');
  await new Promise((r) => setTimeout(r, 50));
  s.close();
  await exited;
  const text = Buffer.concat(out).toString();
  assert.match(text, /bash is not in this container; trying cat/);
  assert.match(text, /typed/);
  assert.deepEqual(
    server.requests.slice(-2).map((q) => q.getAll('command')),
    [['bash'], ['cat']],
  );
  assert.equal(server.requests.at(-1)?.get('tty'), 'true');
});

test('no shell at all ends with a message naming what was tried', async () => {
  const s = await ShellSession.open(server.client, target, {
    mode: 'exec',
    commands: ['zsh', 'fish -l'],
    cols: 80,
    rows: 24,
  });
  const [code, message] = await new Promise<[number | null, string | undefined]>((resolve) =>
    s.onExit((c, m) => resolve([c, m])),
  );
  assert.equal(code, null);
  assert.match(message ?? '', /no shell in container nginx: tried zsh, fish -l/);
});

test('a forbidden exec is refused with a message that says what RBAC needs', async () => {
  await assert.rejects(
    ShellSession.open(
      server.client,
      { ...target, pod: 'forbidden' },
      { mode: 'exec', commands: ['sh'], cols: 80, rows: 24 },
    ),
    /not allowed to exec into default\/forbidden\/nginx: .*RBAC needs create on pods\/exec/,
  );
});

test('missing programs are told apart from programs that failed', () => {
  assert.equal(looksMissing(127, undefined), true);
  assert.equal(looksMissing(126, undefined), true);
  assert.equal(
    looksMissing(null, 'OCI runtime exec failed: exec: "bash": executable file not found in $PATH'),
    true,
  );
  assert.equal(looksMissing(1, undefined), false);
  assert.equal(looksMissing(null, 'connection closed (1006)'), false);
});

test('a pod that is not running, or a waiting container, is refused before any request', () => {
  const pod = (
    phase: string,
    state: NonNullable<NonNullable<V1Pod['status']>['containerStatuses']>[number]['state'],
  ): V1Pod => ({
    metadata: { name: 'web-0', namespace: 'default' },
    status: {
      phase,
      containerStatuses: [{ name: 'nginx', image: 'x', imageID: '', ready: false, restartCount: 0, state }],
    },
  });
  assert.match(
    shellPrecheck(pod('Succeeded', { terminated: { exitCode: 0 } }), 'nginx') ?? '',
    /has finished \(Succeeded\)/,
  );
  assert.match(
    shellPrecheck(pod('Running', { waiting: { reason: 'CrashLoopBackOff' } }), 'nginx') ?? '',
    /container nginx in pod default\/web-0 is not running \(CrashLoopBackOff\)/,
  );
  assert.match(shellPrecheck(pod('Pending', {}), 'nginx') ?? '', /not running \(Pending\)/);
  assert.equal(shellPrecheck(pod('Running', { running: {} }), 'nginx'), undefined);
});

test('output without a TTY gets the carriage returns a terminal needs', () => {
  assert.equal(withCarriageReturns(Buffer.from('a\nb\r\nc\n')).toString(), 'a\r\nb\r\nc\r\n');
  const e = Buffer.from('é\n');
  assert.equal(
    Buffer.concat([withCarriageReturns(e.subarray(0, 1)), withCarriageReturns(e.subarray(1))]).toString(),
    'é\r\n',
  );
});

test('attach asks for a TTY and stdin only as the container allocated them', async () => {
  const s = await ShellSession.open(server.client, target, {
    mode: 'attach',
    commands: [],
    cols: 80,
    rows: 24,
    tty: false,
    stdin: false,
  });
  s.close();
  const q = server.requests.at(-1);
  assert.equal(q?.get('tty'), 'false');
  assert.equal(q?.get('stdin'), 'false');
  assert.equal(q?.get('stderr'), 'true');
});
