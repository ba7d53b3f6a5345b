/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Service } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import { emptyClusterState } from '../../src/model/dns/cluster-state.js';
import { parseExternalDnsArgs } from '../../src/model/dns/config.js';
import { dnsTable } from '../../src/model/dns/dns-table.js';
import { dnsPanelModel } from '../../src/model/dns/panel.js';
import type { SourceRef } from '../../src/model/dns/types.js';
import { DnsPanelView } from '../../src/ui/panels/dns/DnsPanel.js';
import type { DnsPanelData } from '../../src/ui/panels/dns/use-dns-panel.js';
import { loadTheme } from '../../src/ui/theme.js';

const P = 'external-dns.kubernetes.io/';
const config = parseExternalDnsArgs('external-dns/external-dns', [
  '--source=service',
  '--provider=rfc2136',
  '--txt-owner-id=kdeck',
  '--rfc2136-host=127.0.0.1',
  '--rfc2136-port=5353',
  '--rfc2136-zone=svc.mydomain.test',
]).config;
const svc = (name: string, ip?: string): V1Service => ({
  metadata: { name, namespace: 'default', annotations: { [`${P}hostname`]: `${name}.svc.mydomain.test` } },
  spec: { type: 'LoadBalancer' },
  status: ip ? { loadBalancer: { ingress: [{ ip }] } } : {},
});
const state = { ...emptyClusterState(), services: [svc('nginx', '203.0.113.220'), svc('late')] };
const tick = () => sleep(20);

function data(banner = '', refreshed: { n: number } = { n: 0 }): DnsPanelData {
  const instances = dnsPanelModel(state, [
    {
      config,
      read: {
        records: [
          { fqdn: 'nginx.svc.mydomain.test', type: 'A', ttl: 0, value: '203.0.113.99' },
          {
            fqdn: 'a-nginx.svc.mydomain.test',
            type: 'TXT',
            ttl: 0,
            value:
              'heritage=external-dns,external-dns/owner=kdeck,external-dns/resource=service/default/nginx',
          },
        ],
        via: 'axfr',
        status: 'AXFR (TSIG verified)',
        problem: banner || undefined,
      },
    },
  ]);
  const rows = instances.flatMap((i) => i.rows);
  const table = dnsTable(rows, false);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    instances,
    ...table,
    banner,
    explain: (k) => byKey.get(k)?.explanation ?? '',
    sourceOf: (k) => byKey.get(k)?.source,
    refresh: () => {
      refreshed.n++;
    },
    loading: false,
  };
}

test('dns panel shows instance header, statuses with reasons, explanation and opens the source', async () => {
  const opened: SourceRef[] = [];
  const refreshed = { n: 0 };
  const ui = render(
    <DnsPanelView
      width={200}
      height={20}
      onOpenObject={(r) => opened.push(r)}
      data={data('', refreshed)}
      theme={loadTheme('dark')}
    />,
  );
  await tick();
  const screen = ui.lastFrame() ?? '';
  assert.match(screen, /external-dns\/external-dns · AXFR \(TSIG verified\) · rfc2136 127\.0\.0\.1:5353/);
  assert.match(screen, /late\.svc\.mydomain\.test.*Pending.*LoadBalancer has no address yet/);
  assert.match(screen, /nginx\.svc\.mydomain\.test\s+A\s+Drift\s+203\.0\.113\.220\s+203\.0\.113\.99/);
  ui.stdin.write('j');
  await tick();
  ui.stdin.write('w');
  await tick();
  const explained = ui.lastFrame() ?? '';
  assert.match(explained, /Targets from: status\.loadBalancer\.ingress → 203\.0\.113\.220/);
  assert.match(explained, /Ownership: TXT a-nginx\.svc\.mydomain\.test \(new format\) says owner=kdeck/);
  ui.stdin.write('\u001b');
  await tick();
  ui.stdin.write('\r');
  await tick();
  assert.deepEqual(opened, [{ kind: 'Service', resource: 'services', namespace: 'default', name: 'nginx' }]);
  ui.stdin.write('r');
  await tick();
  assert.equal(refreshed.n, 1);
  ui.stdin.write('/late\r');
  await tick();
  const filtered = ui.lastFrame() ?? '';
  assert.doesNotMatch(filtered, /nginx\.svc/);
  assert.match(filtered, /late\.svc\.mydomain\.test/);
  ui.unmount();
});

test('dns panel tells the app when esc is its own (filter, explanation) and when it is not', async () => {
  const searching: boolean[] = [];
  const ui = render(
    <DnsPanelView
      width={200}
      height={20}
      onOpenObject={() => {}}
      onSearching={(s) => searching.push(s)}
      data={data()}
      theme={loadTheme('dark')}
    />,
  );
  await tick();
  ui.stdin.write('w');
  await tick();
  ui.stdin.write('\u001b');
  await tick();
  ui.stdin.write('/');
  await tick();
  ui.stdin.write('x');
  await tick();
  ui.stdin.write('\r');
  await tick();
  ui.stdin.write('\u001b');
  await tick();
  assert.deepEqual(searching, [true, false, true, false]);
  ui.unmount();
});

test('dns panel shows the reading problem as a banner and keeps the desired side', async () => {
  const ui = render(
    <DnsPanelView
      width={200}
      height={20}
      onOpenObject={() => {}}
      data={data('AXFR of svc.mydomain.test refused by 127.0.0.1:5353: NOTAUTH')}
      theme={loadTheme('dark')}
    />,
  );
  await tick();
  assert.match(ui.lastFrame() ?? '', /AXFR of svc\.mydomain\.test refused by 127\.0\.0\.1:5353: NOTAUTH/);
  ui.unmount();
});
