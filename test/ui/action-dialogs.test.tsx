/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Key } from 'ink';
import { render } from 'ink-testing-library';
import { resolverFrom } from '../../src/kube/actions/apply.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import type { ActionOutcome } from '../../src/kube/actions/outcome.js';
import { PortForwards } from '../../src/kube/actions/port-forward.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import type { KubeClient } from '../../src/kube/client.js';
import type { ResourceRef } from '../../src/kube/discovery.js';
import type { Services } from '../../src/ui/app-context.js';
import { DeleteDialog } from '../../src/ui/dialogs/DeleteDialog.js';
import type { DialogServices } from '../../src/ui/dialogs/dialog-services.js';
import { ScaleDialog } from '../../src/ui/dialogs/ScaleDialog.js';
import {
  type ActionDialogsHost,
  keyName,
  useActionDialogs,
} from '../../src/ui/dialogs/use-action-dialogs.js';
import { loadTheme } from '../../src/ui/theme.js';
import { fakeClient, type SeenRequest } from '../unit/helpers/fake-client.js';

const deploy: Target = { ref: kinds.deployment, namespace: 'default', name: 'test' };

function services(readOnly: boolean, handler: (r: SeenRequest) => unknown) {
  const client = fakeClient(handler);
  const s: DialogServices = {
    gate: new ActionGate(client, { readOnly }),
    theme: loadTheme('dark'),
    forwards: new PortForwards(),
    namespace: 'default',
    resolveKind: resolverFrom([]),
    runEditor: () => Promise.reject(new Error('no editor here')),
  };
  return { client, s };
}

/** Polls the frame until it matches; gives up after many polls and shows the last frame. */
async function until(frame: () => string | undefined, re: RegExp): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const f = frame() ?? '';
    if (re.test(f)) return f;
    await sleep(10);
  }
  assert.fail(`never matched ${re}; last frame:\n${frame()}`);
}

/** One keystroke, then wait for its effect, as a person types. */
async function press(ui: ReturnType<typeof render>, key: string, expect: RegExp): Promise<string> {
  ui.stdin.write(key);
  return until(ui.lastFrame, expect);
}

describe('action dialogs', () => {
  it('scale shows the current count, refuses bad input, then scales', async () => {
    const { client, s } = services(false, (r) => {
      if (r.path.endsWith('selfsubjectaccessreviews')) return { status: { allowed: true } };
      return { spec: { replicas: 1 }, status: { replicas: 1 } };
    });
    const closed: (ActionOutcome | undefined)[] = [];
    const ui = render(<ScaleDialog targets={[deploy]} services={s} onClose={(o) => closed.push(o)} />);
    await until(ui.lastFrame, /1 desired, 1 current/);
    await press(ui, '\x7f', /replicas: █/);
    await press(ui, 'x', /replicas: x█/);
    ui.stdin.write('\r');
    await until(ui.lastFrame, /whole number/);
    await press(ui, '\x7f', /replicas: █/);
    await press(ui, '3', /replicas: 3█/);
    ui.stdin.write('\r');
    await until(ui.lastFrame, /scaled 1 → 3/);
    const patch = client.seen.find((r) => r.method === 'PATCH');
    assert.equal(patch?.path, '/apis/apps/v1/namespaces/default/deployments/test/scale');
    assert.deepEqual(patch?.body, { spec: { replicas: 3 } });
    ui.stdin.write(' ');
    await until(() => (closed.length ? 'closed' : ''), /closed/);
    assert.equal(closed[0]?.done[0]?.note, 'scaled 1 → 3');
    ui.unmount();
  });

  it('delete in read-only mode explains the refusal and sends nothing', async () => {
    const { client, s } = services(true, () => ({}));
    const ui = render(<DeleteDialog targets={[deploy]} services={s} onClose={() => undefined} />);
    await until(ui.lastFrame, /propagation/);
    ui.stdin.write('\t');
    ui.stdin.write('\t');
    ui.stdin.write(' ');
    await until(ui.lastFrame, /\[x\] skip graceful/);
    ui.stdin.write('\r');
    const frame = await until(ui.lastFrame, /read-only/);
    assert.match(frame, /--readonly/);
    assert.deepEqual(client.seen, []);
    ui.unmount();
  });
});

const noKey = { ctrl: false, shift: false } as Key;

/** Hands the hook's host out to the test. */
function Probe({ services, host }: { services: Services; host: { current?: ActionDialogsHost } }) {
  const h = useActionDialogs(services, { runEditor: () => Promise.resolve(), namespace: 'default' });
  host.current = h;
  return <>{h.overlay ?? null}</>;
}

/** Mounts the host with a fake session and hands it out, with what it flashed. */
function mountHost(readOnly: boolean) {
  const client = fakeClient((r) =>
    r.path.endsWith('selfsubjectaccessreviews')
      ? { status: { allowed: true } }
      : { spec: { replicas: 1 }, status: { replicas: 1 } },
  );
  const flashes: string[] = [];
  const services = {
    client: client as unknown as KubeClient,
    readOnly,
    theme: loadTheme('dark'),
    discovery: { all: () => [] },
    flash: (m: string) => flashes.push(m),
  } as unknown as Services;
  const host: { current?: ActionDialogsHost } = {};
  const ui = render(<Probe services={services} host={host} />);
  return { ui, host, flashes, client };
}

const deployRef = {
  ...kinds.deployment,
  verbs: [],
  shortNames: [],
  singular: 'deployment',
  categories: [],
} as ResourceRef;
const podRef = { ...kinds.pod, verbs: [], shortNames: [], singular: 'pod', categories: [] } as ResourceRef;
const row = { metadata: { name: 'test', namespace: 'default' } };

describe('action keys in a resource list', () => {
  it('names keys as the key table does', () => {
    assert.equal(keyName('d', { ctrl: true, shift: false }), 'ctrl-d');
    assert.equal(keyName('F', { ctrl: false, shift: true }), 'shift-f');
    assert.equal(keyName('s', { ctrl: false, shift: false }), 's');
  });

  it('s on a deployment opens scale; s on a pod is left to the shell', async () => {
    const { ui, host } = mountHost(false);
    assert.equal(
      host.current?.handleKey({ input: 's', key: noKey, ref: podRef, targets: [row], selected: row }),
      false,
    );
    assert.equal(
      host.current?.handleKey({ input: 's', key: noKey, ref: deployRef, targets: [row], selected: row }),
      true,
    );
    await until(ui.lastFrame, /Scale[\s\S]*1 desired/);
    ui.unmount();
  });

  it('e runs the editor without a dialog and flashes what happened', async () => {
    const { ui, host, flashes, client } = mountHost(false);
    assert.equal(
      host.current?.handleKey({ input: 'e', key: noKey, ref: deployRef, targets: [row], selected: row }),
      true,
    );
    await until(() => flashes.join('\n'), /deployment default\/test: unchanged, nothing sent/);
    assert.equal(ui.lastFrame(), '');
    assert.equal(client.seen.filter((r) => r.method === 'PUT').length, 0);
    ui.unmount();
  });

  it('read-only: the key is taken, a message says why, no dialog, no request', async () => {
    const { ui, host, flashes, client } = mountHost(true);
    assert.equal(
      host.current?.handleKey({
        input: 'd',
        key: { ...noKey, ctrl: true },
        ref: deployRef,
        targets: [row],
        selected: row,
      }),
      true,
    );
    assert.match(flashes[0], /read-only/);
    assert.equal(ui.lastFrame(), '');
    assert.deepEqual(client.seen, []);
    ui.unmount();
  });
});
