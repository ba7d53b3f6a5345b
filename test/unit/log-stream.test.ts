import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import {
  ContainerLogStream,
  type LogStreamState,
  normalizeTimestamp,
  splitTimestamp,
} from '../../src/kube/streams/logs.js';
import { logTargetFor, selectorString } from '../../src/model/log-target.js';
import { WorkloadLogs } from '../../src/session/workload-logs.js';
import type { Snapshot } from '../../src/store/store.js';
import { FakeLogServer } from './helpers/fake-log-server.js';

let server: FakeLogServer;
before(async () => {
  server = await new FakeLogServer().start();
});
after(() => server.stop());

const until = (cond: () => boolean) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (cond()) {
        clearInterval(t);
        resolve();
      }
    }, 5);
  });

test('timestamps are split off and compare right although Go trims their zeros', () => {
  assert.deepEqual(splitTimestamp('2024-05-01T10:00:00.5Z hello world'), {
    time: '2024-05-01T10:00:00.5Z',
    text: 'hello world',
  });
  assert.deepEqual(splitTimestamp('no stamp here'), { time: undefined, text: 'no stamp here' });
  const a = normalizeTimestamp('2024-05-01T10:00:00.5Z') as string;
  const b = normalizeTimestamp('2024-05-01T10:00:00.12Z') as string;
  assert.ok(b < a);
  assert.equal(normalizeTimestamp('2024-05-01T10:00:00Z'), '2024-05-01T10:00:00.000000000Z');
});

test('a dropped follow resumes from the last stamp without repeating or losing a line', async () => {
  const times = [
    '2024-05-01T10:00:00.1Z',
    '2024-05-01T10:00:00.2Z',
    '2024-05-01T10:00:00.2Z',
    '2024-05-01T10:00:00.7Z',
    '2024-05-01T10:00:01Z',
  ];
  const texts = ['a', 'same', 'same', 'c', 'd'];
  for (const [i, t] of times.entries()) server.append('drop', 'app', t, texts[i] as string);
  server.dropAfter = 2;
  const got: string[] = [];
  const states: LogStreamState['phase'][] = [];
  const stream = new ContainerLogStream(
    server.client,
    { namespace: 'default', pod: 'drop', container: 'app' },
    { follow: true, tailLines: 100 },
    { onLine: (text) => got.push(text), onState: (s) => states.push(s.phase), shouldReconnect: () => true },
  );
  const done = stream.start();
  await until(() => got.length >= 5);
  server.append('drop', 'app', '2024-05-01T10:00:02Z', 'e');
  await until(() => got.length >= 6);
  assert.deepEqual(got, ['a', 'same', 'same', 'c', 'd', 'e']);
  assert.ok(states.includes('reconnecting'));
  const [firstReq, secondReq] = server.requests.filter((q) => q.get('container') === 'app');
  assert.equal(firstReq?.get('tailLines'), '100');
  assert.equal(firstReq?.get('timestamps'), 'true');
  assert.equal(secondReq?.get('tailLines'), null);
  assert.equal(secondReq?.get('sinceTime'), '2024-05-01T10:00:00Z');
  stream.stop();
  await done;
});

test('a clean end is resumed only while the container runs', async () => {
  server.append('ends', 'app', '2024-05-01T11:00:00Z', 'one');
  let running = true;
  const got: string[] = [];
  const stream = new ContainerLogStream(
    server.client,
    { namespace: 'default', pod: 'ends', container: 'app' },
    { follow: true },
    { onLine: (text) => got.push(text), shouldReconnect: () => running },
  );
  const done = stream.start();
  await until(() => got.length === 1);
  running = false;
  server.endFollowers('ends', 'app');
  await done;
  assert.equal(stream.active, false);
  assert.deepEqual(got, ['one']);
});

test('a 404 ends the stream with the server message', async () => {
  let last: LogStreamState | undefined;
  const stream = new ContainerLogStream(
    server.client,
    { namespace: 'default', pod: 'missing', container: 'app' },
    { follow: true },
    { onLine: () => {}, onState: (s) => (last = s) },
  );
  await stream.start();
  assert.equal(last?.phase, 'ended');
  assert.deepEqual(last, { phase: 'ended', error: 'pods "missing" not found' });
});

function pod(name: string, uid: string, containers: string[], running = true): V1Pod {
  return {
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid, labels: { app: 'web' } },
    spec: { containers: containers.map((c) => ({ name: c })) },
    status: {
      containerStatuses: containers.map((c) => ({
        name: c,
        image: 'x',
        imageID: '',
        ready: running,
        restartCount: 0,
        containerID: `cid://${uid}/${c}`,
        state: running ? { running: {} } : { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}

test('a workload stream follows every container of its pods, picks up new pods and drops deleted ones', async () => {
  let items: V1Pod[] = [pod('web-0', 'u0', ['app', 'sidecar'])];
  let notify = () => {};
  let revision = 0;
  const store = {
    subscribe: (_q: unknown, onChange: () => void) => {
      notify = onChange;
      return {
        snapshot: (): Snapshot => ({ items, state: 'watching', revision }),
        changes: () => undefined,
        close: () => {},
      };
    },
  };
  server.append('web-0', 'app', '2024-05-01T12:00:00Z', 'web-0 app old');
  server.append('web-0', 'sidecar', '2024-05-01T12:00:00Z', 'web-0 sidecar old');
  server.append('web-1', 'app', '2024-05-01T12:00:00Z', 'web-1 app before it was seen');
  const lines: [string, string][] = [];
  const logs = new WorkloadLogs(
    server.client,
    store,
    { namespace: 'default', title: 'statefulset/web', labelSelector: 'app=web' },
    { follow: true, tailLines: 1 },
    {
      onLine: (source, text) => {
        const s = logs.sources[source];
        lines.push([`${s?.pod}/${s?.container}`, text]);
      },
    },
  );
  logs.start();
  await until(() => lines.length === 2);
  items = [...items, pod('web-1', 'u1', ['app'], false)];
  revision++;
  notify();
  assert.equal(logs.sources.find((s) => s.pod === 'web-1')?.phase, 'waiting');
  items = [items[0] as V1Pod, pod('web-1', 'u1', ['app'])];
  revision++;
  notify();
  await until(() => lines.length === 3);
  server.append('web-1', 'app', '2024-05-01T12:00:05Z', 'web-1 new');
  await until(() => lines.length === 4);
  items = [pod('web-1', 'u1', ['app'])];
  revision++;
  notify();
  assert.equal(logs.sources.find((s) => s.pod === 'web-0' && s.container === 'app')?.phase, 'gone');
  assert.deepEqual(lines.sort(), [
    ['web-0/app', 'web-0 app old'],
    ['web-0/sidecar', 'web-0 sidecar old'],
    ['web-1/app', 'web-1 app before it was seen'],
    ['web-1/app', 'web-1 new'],
  ]);
  // The pod that appeared later was read from its first line, not tailed.
  const web1 = server.requests.find((q) => q.get('container') === 'app' && q.get('tailLines') === null);
  assert.ok(web1);
  logs.stop();
});

test('log targets: pods by name, workloads and services by selector, others refused', () => {
  assert.deepEqual(logTargetFor({ kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' } }), {
    namespace: 'default',
    title: 'pod/web-0',
    fieldSelector: 'metadata.name=web-0',
  });
  const ds = {
    kind: 'DaemonSet',
    metadata: { name: 'fluentd-elasticsearch', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { name: 'fluentd-elasticsearch' } } },
  };
  assert.equal((logTargetFor(ds) as { labelSelector: string }).labelSelector, 'name=fluentd-elasticsearch');
  const svc = {
    kind: 'Service',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { selector: { app: 'nginx' } },
  };
  assert.equal((logTargetFor(svc, 'nginx') as { container: string }).container, 'nginx');
  assert.match(
    (logTargetFor({ kind: 'ConfigMap', metadata: { name: 'x' } }) as { error: string }).error,
    /no logs/,
  );
  assert.match(
    (
      logTargetFor({ kind: 'Service', metadata: { name: 'h' }, spec: {} } as KubernetesObject) as {
        error: string;
      }
    ).error,
    /no selector/,
  );
  assert.equal(
    selectorString({
      matchLabels: { app: 'guestbook' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    }),
    'app=guestbook,tier in (backend,frontend),!canary',
  );
});

test('a stream the API refuses while its container runs is retried, as when the kubelet is not ready yet', async () => {
  const items = [pod('late-0', 'ul0', ['app'])];
  const store = {
    subscribe: () => ({
      snapshot: (): Snapshot => ({ items, state: 'watching', revision: 1 }),
      changes: () => undefined,
      close: () => {},
    }),
  };
  const lines: string[] = [];
  const logs = new WorkloadLogs(
    server.client,
    store,
    { namespace: 'default', title: 'pod/late-0', fieldSelector: 'metadata.name=late-0' },
    { follow: true },
    { onLine: (_s, text) => lines.push(text) },
  );
  logs.start();
  await until(() => logs.sources[0]?.phase === 'ended');
  assert.match(logs.sources[0]?.error ?? '', /not found/);
  server.append('late-0', 'app', '2024-05-01T13:00:00Z', 'finally');
  await until(() => lines.length === 1);
  assert.deepEqual(lines, ['finally']);
  logs.stop();
});
