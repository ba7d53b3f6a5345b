import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type EditorRunner,
  edit,
  editorCommand,
  spawnEditor,
  stripHeader,
} from '../../src/kube/actions/edit.js';
import { ActionGate } from '../../src/kube/actions/gate.js';
import { kinds, type Target } from '../../src/kube/actions/target.js';
import { KubeError } from '../../src/kube/kube-error.js';
import { fakeClient, type SeenRequest } from './helpers/fake-client.js';

const target: Target = { ref: kinds.deployment, namespace: 'default', name: 'test' };
const ssar = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'test',
    namespace: 'default',
    resourceVersion: '7',
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: { replicas: 1 },
};

let someoneScaled = false;
let statusTicks = 0;

/** A server that answers GET with the live object (changed once someone scaled it) and PUT with whatever `onPut` says. */
function server(onPut: (req: SeenRequest) => unknown) {
  someoneScaled = false;
  statusTicks = 0;
  return fakeClient((req) => {
    if (req.path === ssar) return { status: { allowed: true } };
    if (req.method === 'GET') {
      const now = structuredClone(live) as typeof live & { status?: unknown };
      now.status = { observedGeneration: statusTicks };
      now.metadata.resourceVersion = String(7 + statusTicks);
      if (someoneScaled) now.spec.replicas = 5;
      return now;
    }
    if (req.method === 'PUT') return onPut(req);
    throw new Error(`unexpected ${req.method} ${req.path}`);
  });
}

/** An editor that plays a list of edits, one per opening, and remembers what it was shown. */
function scripted(steps: ((text: string) => string)[]) {
  const shown: string[] = [];
  const run: EditorRunner = async (file) => {
    const text = await readFile(file, 'utf8');
    shown.push(text);
    const step = steps.shift();
    if (!step) throw new Error('the editor opened more often than scripted');
    await writeFile(file, step(text));
  };
  return { run, shown };
}

const puts = (c: { seen: SeenRequest[] }) => c.seen.filter((r) => r.method === 'PUT');

describe('edit', () => {
  it('sends nothing when the file is saved unchanged', async () => {
    const client = server(() => ({}));
    const editor = scripted([(t) => t]);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: editor.run,
    });
    assert.equal(outcome.done[0]?.note, 'unchanged, nothing sent');
    assert.equal(puts(client).length, 0);
    assert.doesNotMatch(editor.shown[0], /managedFields/, 'managedFields are left out like kubectl edit');
  });

  it('reopens on invalid YAML with the error on top and the typed text intact, then applies the fix', async () => {
    const client = server((req) => req.body);
    let broken = '';
    const editor = scripted([
      (t) => {
        broken = `${stripHeader(t).replace('replicas: 1', 'replicas: 3')}bad: [unclosed\n`;
        return broken;
      },
      (t) => stripHeader(t).replace('bad: [unclosed\n', ''),
    ]);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: editor.run,
    });
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.done[0]?.note, 'edited');
    assert.match(editor.shown[1], /^# The change was not applied:\n# invalid YAML/);
    assert.equal(stripHeader(editor.shown[1]), broken, 'the reopened file holds exactly what was saved');
    const sent = puts(client);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].path, '/apis/apps/v1/namespaces/default/deployments/test');
    const body = sent[0].body as typeof live;
    assert.equal(body.spec.replicas, 3);
    assert.equal(
      body.metadata.resourceVersion,
      '7',
      'the update carries the resourceVersion: optimistic concurrency',
    );
  });

  it('reopens on a server error (validation, conflict) and keeps the file when the user gives up', async () => {
    let calls = 0;
    const client = server(() => {
      if (calls === 1) someoneScaled = true;
      calls++;
      throw calls === 1
        ? new KubeError(
            'Deployment.apps "test" is invalid: spec.replicas: must be ≥ 0',
            422,
            'Invalid',
            'PUT',
            '',
          )
        : new KubeError(
            'the object has been modified; please apply your changes to the latest version',
            409,
            'Conflict',
            'PUT',
            '',
          );
    });
    let typed = '';
    const editor = scripted([
      (t) => {
        typed = stripHeader(t).replace('replicas: 1', 'replicas: -1');
        return typed;
      },
      (t) => {
        typed = `${stripHeader(t).replace('replicas: -1', 'replicas: 2')}# my note\n`;
        return typed;
      },
      (t) => t,
    ]);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: editor.run,
    });
    assert.match(
      editor.shown[1],
      /^# The change was not applied:\n# deployment default\/test: Deployment\.apps "test" is invalid/,
    );
    assert.match(editor.shown[2], /has been modified[\s\S]*Someone changed the object/);
    assert.equal(
      stripHeader(editor.shown[2]),
      typed,
      'the text after a conflict is what the user typed, comment included',
    );
    assert.equal(puts(client).length, 2, 'the unchanged save after an error sends nothing');
    assert.equal(outcome.failures[0]?.reason, 'EditAbandoned');
    const kept = outcome.failures[0].hint.replace('your text is kept in ', '');
    assert.equal(stripHeader(await readFile(kept, 'utf8')), typed);
  });

  it('retries a conflict caused only by status churn on the fresh version, without reopening', async () => {
    const client = server((req) => {
      const body = req.body as typeof live;
      if (body.metadata.resourceVersion === '7') {
        statusTicks = 3;
        throw new KubeError('the object has been modified', 409, 'Conflict', 'PUT', '');
      }
      return body;
    });
    const editor = scripted([(t) => stripHeader(t).replace('replicas: 1', 'replicas: 2')]);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: editor.run,
    });
    assert.equal(outcome.done[0]?.note, 'edited');
    assert.equal(editor.shown.length, 1);
    const sent = puts(client).map((r) => (r.body as typeof live).metadata.resourceVersion);
    assert.deepEqual(sent, ['7', '10']);
  });

  it('refuses to rename the object and says why', async () => {
    const client = server((req) => req.body);
    const editor = scripted([(t) => stripHeader(t).replace('name: test', 'name: other'), (t) => t]);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: editor.run,
    });
    assert.match(editor.shown[1], /metadata\.name must stay test/);
    assert.equal(outcome.failures[0]?.reason, 'EditAbandoned');
    assert.equal(puts(client).length, 0);
  });

  it('runs $KUBE_EDITOR as a command with arguments, the file passed safely', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kdeck-editor-'));
    const script = join(dir, 'editor.sh');
    await writeFile(
      script,
      '#!/bin/sh\n# $1 is the flag, $2 the file\n[ "$1" = "--wait" ] || exit 3\nsed -i "s/replicas: 1/replicas: 4/" "$2"\n',
    );
    await chmod(script, 0o755);
    const env = { ...process.env, KUBE_EDITOR: `${script} --wait`, EDITOR: 'nano' };
    assert.equal(editorCommand(env), `${script} --wait`);
    assert.equal(editorCommand({ EDITOR: 'nano' }), 'nano');
    assert.equal(editorCommand({}), 'vi');
    const client = server((req) => req.body);
    const outcome = await edit(new ActionGate(client, { readOnly: false }).context(), [target], {
      runEditor: spawnEditor(editorCommand(env), env),
      tmpDir: dir,
    });
    assert.equal(outcome.done[0]?.note, 'edited');
    assert.equal((puts(client)[0].body as typeof live).spec.replicas, 4);
  });
});
