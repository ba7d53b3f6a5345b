/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { render } from 'ink-testing-library';
import { txtOwnerId } from '../../cluster/lib/addons.js';
import type { DnsInstanceOption } from '../../src/model/dns/config.js';
import { type Services, ServicesContext } from '../../src/ui/app-context.js';
import { DnsPanel } from '../../src/ui/panels/dns/DnsPanel.js';
import { panelServices } from '../helpers/panel-services.js';

const kubeconfig = process.env.KDECK_CLUSTER_KUBECONFIG;
const skip = kubeconfig
  ? false
  : 'KDECK_CLUSTER_KUBECONFIG is unset: start the harness with `npm run cluster -- up` (npm run test:cluster does)';

describe(':dns panel on the harness, configured from kdeck config (external-dns runs outside the cluster)', {
  skip,
}, () => {
  let services: Services;
  let core: CoreV1Api;
  const ns = 'kdeck-dns-ui';
  const zone = process.env.KDECK_DNS_ZONE ?? 'svc.mydomain.test';
  before(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig!);
    core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } }).catch(() => undefined);
    await core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'ui', annotations: { 'external-dns.kubernetes.io/hostname': `ui-e2e.${zone}` } },
        spec: { type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'ui' } },
      },
    });
    // The panel reads only these services; the rest of the app's context is not involved.
    ({ services } = await panelServices(kc));
  });
  after(async () => {
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('reads BIND with the key file, shows a LoadBalancer’s name Synced and never the secret', async () => {
    const instance: DnsInstanceOption = {
      instance: 'harness',
      args: ['service', 'ingress', 'istio-gateway', 'istio-virtualservice', 'crd']
        .map((s) => `--source=${s}`)
        .concat([
          '--provider=rfc2136',
          `--rfc2136-host=${process.env.KDECK_DNS_SERVER}`,
          `--rfc2136-port=${process.env.KDECK_DNS_PORT}`,
          `--rfc2136-zone=${zone}`,
          `--rfc2136-tsig-keyname=${process.env.KDECK_DNS_KEY_NAME}`,
          '--rfc2136-axfr',
          `--txt-owner-id=${txtOwnerId}`,
          `--domain-filter=${zone}`,
          '--policy=sync',
        ]),
      rfc2136: { secret: { from: 'file', path: process.env.KDECK_DNS_KEY_FILE ?? '' } },
    };
    const ui = render(
      <ServicesContext.Provider value={services}>
        <DnsPanel width={220} height={40} intervalMs={500} instances={[instance]} onOpenObject={() => {}} />
      </ServicesContext.Provider>,
    );
    const end = Date.now() + 30_000;
    let frame = '';
    while (Date.now() < end) {
      frame = ui.lastFrame() ?? '';
      if (/AXFR \(TSIG verified\)/.test(frame) && /ui-e2e\.svc\.mydomain\.test.*Synced/.test(frame)) break;
      await sleep(200);
    }
    ui.unmount();
    assert.match(frame, /harness · AXFR \(TSIG verified\) svc\.mydomain\.test@\d+/);
    assert.match(
      frame,
      new RegExp(
        `ui-e2e\\.svc\\.mydomain\\.test\\s+A\\s+Synced\\s+203\\.0\\.113\\.\\d+\\s+203\\.0\\.113\\.\\d+\\s+\\S*\\s+${txtOwnerId}`,
      ),
    );
    const { readFileSync } = await import('node:fs');
    const secret =
      /secret\s+"([^"]+)"/.exec(readFileSync(process.env.KDECK_DNS_KEY_FILE ?? '', 'utf8'))?.[1] ?? '';
    assert.ok(secret.length > 0);
    assert.ok(!frame.includes(secret), 'the TSIG secret never reaches the screen');
  });
});
