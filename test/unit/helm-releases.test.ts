import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyRows, releaseRows } from '../../src/model/helm/helm-table.js';
import type { HelmRelease, StoredRelease } from '../../src/model/helm/release.js';
import { latestReleases, releaseHistory } from '../../src/model/helm/releases.js';

function rev(
  name: string,
  namespace: string,
  version: number,
  status: string,
  error?: string,
): StoredRelease {
  const release: HelmRelease = {
    name,
    namespace,
    version,
    info: { status, description: `rev ${version}`, last_deployed: `2026-12-0${version}T10:00:00.5Z` },
    chart: { metadata: { name: 'demo-app', version: `0.${version}.0`, appVersion: `1.${version}` } },
  };
  return {
    driver: 'secret',
    objectName: `sh.helm.release.v1.${name}.v${version}`,
    namespace,
    name,
    version,
    labelStatus: status,
    ...(error ? { error } : { release }),
  };
}

const stored = [
  rev('web', 'shop', 1, 'superseded'),
  rev('web', 'shop', 3, 'failed'),
  rev('web', 'shop', 2, 'deployed'),
  rev('web', 'demo', 1, 'pending-install'),
  rev('api', 'shop', 1, 'deployed'),
  rev('broken', 'shop', 1, 'deployed', 'release data is not valid gzip: unexpected end of file'),
];

describe('helm list', () => {
  it('shows the latest revision of each namespace/name, sorted by name then namespace', () => {
    const rows = latestReleases(stored).map((r) => [r.name, r.namespace, r.revision, r.status]);
    assert.deepEqual(rows, [
      ['api', 'shop', 1, 'deployed'],
      ['broken', 'shop', 1, 'deployed (unreadable)'],
      ['web', 'demo', 1, 'pending-install'],
      ['web', 'shop', 3, 'failed'],
    ]);
  });

  it('renders helm list columns and colours failed and pending releases as faults', () => {
    const rows = releaseRows(latestReleases(stored));
    const web = rows.find((r) => r.key === 'shop/web')!;
    assert.deepEqual(web.cells, [
      'web',
      'shop',
      '3',
      '2026-12-03 10:00:00 UTC',
      'failed',
      'demo-app-0.3.0',
      '1.3',
    ]);
    assert.equal(web.health, 'error');
    assert.equal(rows.find((r) => r.key === 'demo/web')!.health, 'pending');
    assert.equal(rows.find((r) => r.key === 'shop/api')!.health, 'ok');
    assert.equal(rows.find((r) => r.key === 'shop/broken')!.health, 'error');
  });

  it('prints MISSING for a release stored without chart metadata, as helm does', () => {
    const bare = rev('bare', 'shop', 1, 'deployed');
    bare.release!.chart = null;
    assert.deepEqual(
      latestReleases([bare]).map((r) => [r.chart, r.appVersion]),
      [['MISSING', 'MISSING']],
    );
  });
});

describe('helm history', () => {
  it('lists every revision of one release oldest first, the table newest first', () => {
    const h = releaseHistory(stored, 'shop', 'web');
    assert.deepEqual(
      h.map((r) => [r.revision, r.status, r.chart, r.appVersion, r.description]),
      [
        [1, 'superseded', 'demo-app-0.1.0', '1.1', 'rev 1'],
        [2, 'deployed', 'demo-app-0.2.0', '1.2', 'rev 2'],
        [3, 'failed', 'demo-app-0.3.0', '1.3', 'rev 3'],
      ],
    );
    assert.deepEqual(
      historyRows(h).map((r) => r.key),
      ['3', '2', '1'],
    );
  });

  it('says why an unreadable revision cannot be shown, keeping its label status', () => {
    const [b] = releaseHistory(stored, 'shop', 'broken');
    assert.equal(b!.status, 'deployed');
    assert.match(b!.description, /^unreadable: release data is not valid gzip/);
  });
});
