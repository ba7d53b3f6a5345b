import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  decodeRelease,
  encodeRelease,
  HELM_SECRET_TYPE,
  type HelmRelease,
  readStoredRelease,
} from '../../src/model/helm/release.js';

const release: HelmRelease = {
  name: 'web',
  namespace: 'shop',
  version: 2,
  info: {
    status: 'deployed',
    description: 'Upgrade complete',
    last_deployed: '2026-12-04T21:30:05.123456789Z',
  },
  chart: { metadata: { name: 'demo-app', version: '0.2.0', appVersion: '1.1' }, values: { a: 1 } },
  config: { a: 2 },
  manifest: '---\n# Source: demo-app/templates/cm.yaml\nkind: ConfigMap\n',
};

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

function secret(data: string | undefined, over: Partial<V1Secret> = {}): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: HELM_SECRET_TYPE,
    metadata: {
      name: 'sh.helm.release.v1.web.v2',
      namespace: 'shop',
      labels: { name: 'web', owner: 'helm', status: 'deployed', version: '2' },
    },
    ...(data === undefined ? {} : { data: { release: b64(data) } }),
    ...over,
  };
}

describe('helm release decoding', () => {
  it('reads base64(gzip(JSON)) as Helm writes it', () => {
    const got = decodeRelease(encodeRelease(release));
    assert.deepEqual(got, { release });
  });

  it('reads releases stored before compression (plain JSON under base64)', () => {
    assert.deepEqual(decodeRelease(b64(JSON.stringify(release))), { release });
  });

  it('unwraps the Secret driver: the API base64 around Helm base64', () => {
    const s = readStoredRelease(secret(encodeRelease(release)), 'secret');
    assert.equal(s.error, undefined);
    assert.equal(s.release?.chart?.metadata?.name, 'demo-app');
    assert.deepEqual([s.name, s.namespace, s.version, s.driver], ['web', 'shop', 2, 'secret']);
  });

  it('reads the ConfigMap driver: data.release is Helm base64 directly', () => {
    const cm: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'sh.helm.release.v1.web.v2',
        namespace: 'shop',
        labels: { owner: 'helm', name: 'web', version: '2' },
      },
      data: { release: encodeRelease(release) },
    };
    const s = readStoredRelease(cm, 'configmap');
    assert.equal(s.error, undefined);
    assert.equal(s.release?.manifest, release.manifest);
  });

  it('fills the namespace from the object when the release JSON lacks it', () => {
    const { namespace: _ns, ...rest } = release;
    const s = readStoredRelease(secret(encodeRelease(rest as HelmRelease)), 'secret');
    assert.equal(s.release?.namespace, 'shop');
  });

  const corrupt: [string, V1Secret, RegExp][] = [
    ['not base64', secret('%%% not base64 %%%'), /not base64/],
    ['truncated gzip', secret(b64(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]))), /not valid gzip/],
    ['gzip of garbage', secret(b64(gzipSync('{"name": '))), /not JSON/],
    ['JSON that is no release', secret(b64(JSON.stringify([1, 2]))), /not a JSON object/],
    ['a release without a version', secret(b64(JSON.stringify({ name: 'web' }))), /no version/],
    ['no release key', secret(undefined), /no release key/],
    [
      'an unknown storage type',
      secret(encodeRelease(release), { type: 'helm.sh/release.v2' }),
      /unknown storage type helm.sh\/release.v2/,
    ],
  ];
  for (const [what, obj, reason] of corrupt) {
    it(`keeps ${what} as an unreadable revision with the reason, named from its labels`, () => {
      const s = readStoredRelease(obj, 'secret');
      assert.match(s.error ?? '', reason);
      assert.equal(s.release, undefined);
      assert.deepEqual([s.name, s.version, s.labelStatus], ['web', 2, 'deployed']);
    });
  }
});
