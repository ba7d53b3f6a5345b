/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Pod } from '@kubernetes/client-node';
import { cleanup, render } from 'ink-testing-library';
import { useState } from 'react';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import type { LogTarget } from '../../src/model/log-target.js';
import type { Snapshot } from '../../src/store/store.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { LogView } from '../../src/ui/logs/LogView.js';
import { loadTheme } from '../../src/ui/theme.js';
import { FakeLogServer } from '../unit/helpers/fake-log-server.js';

let server: FakeLogServer;
before(async () => {
  server = await new FakeLogServer().start();
});
after(() => server.stop());
afterEach(() => cleanup());

function pod(name: string, containers: string[]): V1Pod {
  return {
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { containers: containers.map((c) => ({ name: c })) },
    status: {
      containerStatuses: containers.map((c) => ({
        name: c,
        image: 'x',
        imageID: '',
        ready: true,
        restartCount: 0,
        state: { running: {} },
      })),
    },
  };
}

function services(pods: V1Pod[], flashes: string[]): Services {
  const store = {
    subscribe: () => ({
      snapshot: (): Snapshot => ({ items: pods, state: 'watching', revision: 1 }),
      close: () => {},
    }),
  };
  // Only what the log view reads; the rest of the session is not needed here.
  return {
    client: server.client,
    store,
    theme: loadTheme('dark'),
    config: DEFAULT_CONFIG,
    session: { info: { cluster: 'c', context: 'ctx' } },
    flash: (m: string) => flashes.push(m),
  } as unknown as Services;
}

async function until(frame: () => string | undefined, re: RegExp): Promise<string> {
  for (;;) {
    const f = frame() ?? '';
    if (re.test(f)) return f;
    await sleep(10);
  }
}

test('merged sources are prefixed, the filter keeps and highlights matches, esc clears it', async () => {
  server.append('api-0', 'app', '2024-06-01T10:00:00Z', 'GET /healthz 200');
  server.append('api-0', 'app', '2024-06-01T10:00:01Z', 'ERROR db timeout');
  server.append('api-1', 'app', '2024-06-01T10:00:02Z', 'GET /orders 200');
  const flashes: string[] = [];
  const target = { namespace: 'default', title: 'deployment/api', labelSelector: 'app=api' };
  const { stdin, lastFrame } = render(
    <ServicesContext.Provider value={services([pod('api-0', ['app']), pod('api-1', ['app'])], flashes)}>
      <LogView target={target} width={80} height={8} onBack={() => {}} />
    </ServicesContext.Provider>,
  );
  let f = await until(lastFrame, /GET \/orders/);
  assert.match(f, /logs deployment\/api · 2 pods/);
  assert.match(f, /api-0 app GET \/healthz 200/);
  assert.match(f, /api-1 app GET \/orders 200/);
  stdin.write('/');
  for (const ch of 'error') stdin.write(ch);
  await until(lastFrame, /\/error█/);
  stdin.write('\r');
  f = await until(lastFrame, /\/error\/ 1 lines/);
  assert.doesNotMatch(f, /healthz/);
  assert.match(f, /api-0 app ERROR db timeout/);
  stdin.write('\x1b');
  f = await until(lastFrame, /healthz/);
  assert.doesNotMatch(f, /\/error\//);
});

test('a small buffer says how many lines it evicted; ctrl-s saves what it holds', async () => {
  for (let i = 0; i < 30; i++)
    server.append('busy', 'app', `2024-06-01T11:00:${String(i).padStart(2, '0')}Z`, `line ${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-logs-'));
  const flashes: string[] = [];
  const target = { namespace: 'default', title: 'pod/busy', fieldSelector: 'metadata.name=busy' };
  const { stdin, lastFrame } = render(
    <ServicesContext.Provider value={services([pod('busy', ['app'])], flashes)}>
      <LogView target={target} width={80} height={8} onBack={() => {}} capacity={10} saveDir={dir} />
    </ServicesContext.Provider>,
  );
  const f = await until(lastFrame, /line 29/);
  assert.match(f, /20 older lines evicted/);
  assert.doesNotMatch(f, /api-0|busy app/);
  stdin.write('\x13');
  await until(() => flashes.join('\n'), /saved 10 lines/);
  const [file] = readdirSync(dir);
  const text = readFileSync(join(dir, file as string), 'utf8');
  assert.match(text, /^# 20 older lines were evicted/);
  assert.match(text, /2024-06-01T11:00:29Z line 29\n$/);
});

test('scrolling up pauses following; c copies the selected line through OSC 52', async () => {
  for (let i = 0; i < 5; i++) server.append('quiet', 'app', `2024-06-01T12:00:0${i}Z`, `msg ${i}`);
  const flashes: string[] = [];
  const target = { namespace: 'default', title: 'pod/quiet', fieldSelector: 'metadata.name=quiet' };
  const { stdin, lastFrame, stdout } = render(
    <ServicesContext.Provider value={services([pod('quiet', ['app'])], flashes)}>
      <LogView target={target} width={80} height={8} onBack={() => {}} />
    </ServicesContext.Provider>,
  );
  await until(lastFrame, /msg 4/);
  stdin.write('k');
  await until(lastFrame, /paused/);
  stdin.write('c');
  await until(() => flashes.join('\n'), /copied 5 characters/);
  assert.ok(stdout.frames.includes(`\x1b]52;c;${Buffer.from('msg 3').toString('base64')}\x07`));
  server.append('quiet', 'app', '2024-06-01T12:00:09Z', 'msg 9');
  await sleep(200);
  assert.doesNotMatch(lastFrame() ?? '', /msg 9/);
  stdin.write('G');
  await until(lastFrame, /msg 9/);
});

/** The app's side: while the view says it owns the keys, the app marks it inactive and leaves esc alone. */
function AppLike(props: { services: Services; target: LogTarget; onBack(): void; claims: boolean[] }) {
  const [searching, setSearching] = useState(false);
  return (
    <ServicesContext.Provider value={props.services}>
      <LogView
        target={props.target}
        width={80}
        height={8}
        isActive={!searching}
        onBack={props.onBack}
        onSearching={(owns) => {
          props.claims.push(owns);
          setSearching(owns);
        }}
      />
    </ServicesContext.Provider>
  );
}

test('inside the app the filter owns esc and typing; esc without a filter is left to the app', async () => {
  server.append('owned', 'app', '2024-06-01T13:00:00Z', 'alpha');
  server.append('owned', 'app', '2024-06-01T13:00:01Z', 'beta');
  const claims: boolean[] = [];
  let backs = 0;
  const target = { namespace: 'default', title: 'pod/owned', fieldSelector: 'metadata.name=owned' };
  const { stdin, lastFrame } = render(
    <AppLike
      services={services([pod('owned', ['app'])], [])}
      target={target}
      onBack={() => backs++}
      claims={claims}
    />,
  );
  await until(lastFrame, /beta/);
  stdin.write('/');
  for (const ch of 'alp') stdin.write(ch);
  stdin.write('\r');
  const f = await until(lastFrame, /\/alp\/ 1 lines/);
  assert.doesNotMatch(f, /beta/);
  stdin.write('\x1b');
  await until(lastFrame, /beta/);
  assert.deepEqual(claims, [true, false]);
  stdin.write('\x1b');
  await sleep(30);
  assert.equal(backs, 0);
});
