import type { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../../src/kube/client.js';
import { Discovery } from '../../src/kube/discovery.js';
import { RequestLog } from '../../src/kube/request-log.js';
import { ResourceStore } from '../../src/store/store.js';
import type { Services } from '../../src/ui/app-context.js';
import { loadTheme } from '../../src/ui/theme.js';

/** What a panel reads from the app's context (client, discovery, store, theme) for a cluster; the rest is not involved. */
export async function panelServices(kc: KubeConfig): Promise<{ client: KubeClient; services: Services }> {
  const client = new KubeClient(kc, new RequestLog());
  const discovery = new Discovery(client);
  await discovery.refresh();
  const services = {
    client,
    discovery,
    store: new ResourceStore(client),
    theme: loadTheme('dark'),
    readOnly: false,
    flash: () => {},
  } as unknown as Services;
  return { client, services };
}
