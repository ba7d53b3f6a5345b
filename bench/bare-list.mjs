// The bare paginated list in a process of its own, timed like kdeck's start: node, the kubeconfig through
// client-node (as kdeck reads it), then every page of the namespace's pods, nothing else. Prints the count.
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '../dist/kube/client.js';
import { RequestLog } from '../dist/kube/request-log.js';

const [kubeconfig, namespace] = process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const client = new KubeClient(kc, new RequestLog());
let count = 0;
let cont;
do {
  const page = await client.request({
    path: `/api/v1/namespaces/${namespace}/pods`,
    query: { limit: 500, continue: cont },
  });
  count += page.items.length;
  cont = page.metadata.continue || undefined;
} while (cont);
client.close();
process.stdout.write(`${count}\n`);
