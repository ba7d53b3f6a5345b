/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Pod } from '@kubernetes/client-node';
import { cleanup, render } from 'ink-testing-library';
import type { ResourceRef } from '../../src/kube/discovery.js';
import type { Services } from '../../src/ui/app-context.js';
import { PaneManager } from '../../src/ui/pane/pane-manager.js';
import { type PaneHost, usePaneHost } from '../../src/ui/pane/use-pane-host.js';
import { ShellPicker } from '../../src/ui/shell/ShellPicker.js';
import { ShellLauncher } from '../../src/ui/shell/shell-launcher.js';
import { loadTheme } from '../../src/ui/theme.js';
import { type FakeExecServer, startFakeExecServer } from '../unit/helpers/fake-exec-server.js';

let server: FakeExecServer;
before(async () => {
  server = await startFakeExecServer(['v5.channel.k8s.io'], 20);
});
after(() => server.close());
afterEach(() => cleanup());

const podRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true } as ResourceRef;

function pod(containers: string[], running: string[], annotations?: Record<string, string>): V1Pod {
  return {
    metadata: { name: 'web-0', namespace: 'default', annotations },
    spec: { containers: containers.map((name) => ({ name })) },
    status: {
      phase: 'Running',
      containerStatuses: containers.map((name) => ({
        name,
        image: 'x',
        imageID: '',
        ready: true,
        restartCount: 0,
        state: running.includes(name) ? { running: {} } : { waiting: { reason: 'CrashLoopBackOff' } },
      })),
    },
  };
}

function launcher(flashes: string[]) {
  const manager = new PaneManager();
  const l = new ShellLauncher({
    client: server.client,
    manager,
    shell: () => ['cat'],
    flash: (m) => flashes.push(m),
  });
  return { manager, l };
}

/** Mounts the pane host the way the app does and hands it out. */
function Host(props: { services: Services; nav: { push(r: unknown): void }; onHost(h: PaneHost): void }) {
  const host = usePaneHost(props.services, props.nav);
  props.onHost(host);
  return <>{host.picker ?? null}</>;
}

const keyEvent = (input: string, selected: V1Pod) =>
  ({ input, key: {}, ref: podRef, targets: [selected], selected }) as unknown as Parameters<
    ShellLauncher['handleKey']
  >[0];

test('s on a pod with several containers asks which, with the default container preselected', async () => {
  const flashes: string[] = [];
  const { manager, l } = launcher(flashes);
  const p = pod(['nginx', 'sidecar', 'broken'], ['nginx', 'sidecar'], {
    'kubectl.kubernetes.io/default-container': 'sidecar',
  });
  assert.equal(l.handleKey(keyEvent('s', p)), true);
  const { stdin, lastFrame } = render(<ShellPicker launcher={l} theme={loadTheme('dark')} />);
  await sleep(20);
  const frame = lastFrame() ?? '';
  assert.match(frame, /Shell in which container of web-0\?/);
  assert.match(frame, /3 broken — not running/);
  stdin.write('\r');
  for (;;) {
    if (manager.state().tabs.length === 1) break;
    await sleep(10);
  }
  assert.equal(manager.active?.title, 'web-0/sidecar');
  assert.equal(server.requests.at(-1)?.get('container'), 'sidecar');
  assert.equal(l.pending, undefined);
  manager.closeAll();
});

test('a single container opens at once; attach asks for no command; a waiting container is refused', async () => {
  const flashes: string[] = [];
  const { manager, l } = launcher(flashes);
  await l.start(pod(['nginx'], ['nginx']), 'nginx', 'attach');
  assert.equal(manager.active?.title, 'web-0/nginx (attach)');
  assert.deepEqual(server.requests.at(-1)?.getAll('command'), []);
  await l.start(pod(['nginx'], []), 'nginx', 'exec');
  assert.match(
    flashes.at(-1) ?? '',
    /container nginx in pod default\/web-0 is not running \(CrashLoopBackOff\)/,
  );
  assert.equal(manager.state().tabs.length, 1);
  assert.equal(l.handleKey(keyEvent('x', pod(['nginx'], ['nginx']))), false);
  manager.closeAll();
});

test('the pane host routes l to the log view and s to the shell picker', async () => {
  const pushed: unknown[] = [];
  const nav = { push: (r: unknown) => pushed.push(r) };
  const services = {
    client: server.client,
    config: { shell: ['cat'], aliases: {}, favoriteNamespaces: [] },
    flash: () => {},
    theme: loadTheme('dark'),
  } as unknown as Services;
  let host: PaneHost | undefined;
  const { lastFrame } = render(<Host services={services} nav={nav} onHost={(h) => (host = h)} />);
  await sleep(10);
  const deployRef = {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
  } as ResourceRef;
  const dep = { kind: 'Deployment', metadata: { name: 'test', namespace: 'default' } };
  assert.equal(
    host?.handleKey({ input: 'l', ref: deployRef, selected: dep } as unknown as Parameters<
      PaneHost['handleKey']
    >[0]),
    true,
  );
  assert.deepEqual(pushed, [
    { view: 'logs', target: { ref: deployRef, namespace: 'default', name: 'test' } },
  ]);
  assert.equal(host?.handleKey(keyEvent('s', pod(['a', 'b'], ['a', 'b']))), true);
  for (;;) {
    if (/Shell in which container/.test(lastFrame() ?? '')) break;
    await sleep(10);
  }
  assert.equal(host?.focused, false);
});
