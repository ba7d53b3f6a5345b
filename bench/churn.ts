// Pod changes at a steady rate, from a process of its own when run as a script (the churn profile), so the CPU
// measured in kdeck's process is kdeck's:  node --import tsx bench/churn.ts KUBECONFIG NAMESPACE PER_SECOND SECONDS
import { pathToFileURL } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../src/kube/client.js';
import { RequestLog } from '../src/kube/request-log.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Relabels `perSecond` pods of the namespace each second: the watch brings a change, no visible cell changes. */
export async function churn(
  kubeconfig: string,
  namespace: string,
  perSecond: number,
  seconds: number,
): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const client = new KubeClient(kc, new RequestLog());
  const list = await client.request<{ items: { metadata: { name: string } }[] }>({
    path: `/api/v1/namespaces/${namespace}/pods`,
    query: { limit: perSecond },
  });
  for (let s = 0; s < seconds; s++) {
    const t0 = Date.now();
    await Promise.all(
      list.items.map((p, i) =>
        client.request({
          method: 'PATCH',
          path: `/api/v1/namespaces/${namespace}/pods/${p.metadata.name}`,
          body: { metadata: { labels: { 'bench-tick': String(s * perSecond + i) } } },
          contentType: 'application/merge-patch+json',
        }),
      ),
    );
    await sleep(Math.max(0, 1000 - (Date.now() - t0)));
  }
  client.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [kubeconfig, namespace, perSecond, seconds] = process.argv.slice(2);
  if (!kubeconfig || !namespace) throw new Error('usage: churn.ts KUBECONFIG NAMESPACE PER_SECOND SECONDS');
  await churn(kubeconfig, namespace, Number(perSecond ?? 50), Number(seconds ?? 10));
}
