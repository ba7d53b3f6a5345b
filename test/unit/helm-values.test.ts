import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partText } from '../../src/model/helm/content.js';
import { helmArgs, helmCommandLine } from '../../src/model/helm/helm-cli.js';
import { manifestObjects } from '../../src/model/helm/manifest.js';
import type { HelmRelease } from '../../src/model/helm/release.js';
import { coalesceValues, hasSecretValues, maskSecretValues } from '../../src/model/helm/values.js';

describe('helm get values --all (chartutil.CoalesceValues)', () => {
  const defaults = {
    image: { repository: 'nginx', tag: '1.27', pullPolicy: 'IfNotPresent' },
    replicaCount: 1,
    service: { type: 'ClusterIP', port: 80 },
    extra: { keep: 'me' },
    list: [1, 2],
  };

  it('puts user values over the chart defaults, table by table', () => {
    const got = coalesceValues(defaults, { image: { tag: '1.28' }, replicaCount: 3, list: [9], added: true });
    assert.deepEqual(got, {
      image: { repository: 'nginx', tag: '1.28', pullPolicy: 'IfNotPresent' },
      replicaCount: 3,
      service: { type: 'ClusterIP', port: 80 },
      extra: { keep: 'me' },
      list: [9],
      added: true,
    });
  });

  it('removes a default the user set to null, at the top and nested; keeps a null the chart never had', () => {
    const got = coalesceValues(defaults, { service: null, image: { pullPolicy: null, fresh: null } });
    assert.deepEqual(got, {
      image: { repository: 'nginx', tag: '1.27', fresh: null },
      replicaCount: 1,
      extra: { keep: 'me' },
      list: [1, 2],
    });
  });

  it('keeps a user scalar where the chart has a table, as helm does (with its warning)', () => {
    assert.deepEqual(coalesceValues({ service: { port: 80 } }, { service: 'none' }), { service: 'none' });
  });

  it('does not change the stored values', () => {
    const config = { image: { tag: '1.28' } };
    coalesceValues(defaults, config);
    assert.deepEqual(config, { image: { tag: '1.28' } });
    assert.equal(defaults.image.tag, '1.27');
  });
});

describe('values masking', () => {
  it('masks scalars under secret-looking keys, leaf by leaf, and leaves the rest', () => {
    const v = { db: { password: 'p', user: 'u' }, auth: { token: 't', list: ['a'] }, apiKey: '', name: 'x' };
    assert.deepEqual(maskSecretValues(v), {
      db: { password: '********', user: 'u' },
      auth: { token: '********', list: ['********'] },
      apiKey: '',
      name: 'x',
    });
    assert.equal(hasSecretValues(v), true);
    assert.equal(hasSecretValues({ name: 'x' }), false);
  });

  it('shows values masked unless revealed', () => {
    const rel: HelmRelease = {
      name: 'web',
      namespace: 'shop',
      version: 1,
      config: { db: { password: 'hunter2' } },
    };
    assert.equal(partText(rel, 'values'), 'db:\n  password: "********"');
    assert.equal(partText(rel, 'values', { reveal: true }), 'db:\n  password: hunter2');
  });
});

describe('release parts', () => {
  const rel: HelmRelease = {
    name: 'web',
    namespace: 'shop',
    version: 1,
    info: { notes: 'Visit http://web\n' },
    manifest:
      '---\n# Source: demo-app/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n# Source: demo-app/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: other\nspec:\n  image: nginx:\n    x: 1\n',
    hooks: [{ path: 'demo-app/templates/hook.yaml', manifest: 'kind: Job\n' }],
  };

  it('lists the manifest objects, a document with a YAML error included', () => {
    assert.deepEqual(manifestObjects(rel.manifest!), [
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        namespace: undefined,
        source: 'demo-app/templates/svc.yaml',
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        namespace: 'other',
        source: 'demo-app/templates/deploy.yaml',
      },
    ]);
  });

  it('prints hooks as helm get hooks does, and the notes', () => {
    assert.equal(partText(rel, 'hooks'), '---\n# Source: demo-app/templates/hook.yaml\nkind: Job');
    assert.equal(partText(rel, 'notes'), 'Visit http://web');
  });

  it('runs helm pinned to the release namespace and kdeck context', () => {
    const args = helmArgs({ kind: 'rollback', namespace: 'shop', name: 'web', revision: 2 }, 'prod');
    assert.deepEqual(args, ['rollback', 'web', '2', '--namespace', 'shop', '--kube-context', 'prod']);
    assert.deepEqual(helmArgs({ kind: 'uninstall', namespace: 'shop', name: 'web' }, ''), [
      'uninstall',
      'web',
      '--namespace',
      'shop',
    ]);
    assert.equal(
      helmCommandLine('/usr/bin/helm', ['uninstall', "it's"]),
      "/usr/bin/helm uninstall 'it'\\''s'",
    );
  });
});
