import type { CoreV1Event } from '@kubernetes/client-node';
import { builtinResourceTypes, ResourceRegistry } from '../../../src/demo/apiserver/resources.js';
import { ObjectStore } from '../../../src/demo/apiserver/store.js';
import { gvr } from '../../../src/demo/controllers/resources.js';

/** The demo API server's own store with the usual namespaces, so loop tests run on the real semantics. */
export function demoStore(namespaces: string[] = []): ObjectStore {
  const store = new ObjectStore(new ResourceRegistry(builtinResourceTypes()));
  for (const name of ['default', 'kube-system', 'kube-node-lease', ...namespaces]) {
    store.create(gvr.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  return store;
}

/** Every event recorded so far, oldest first. */
export function eventsOf(store: ObjectStore, name?: string): CoreV1Event[] {
  return store
    .list<CoreV1Event>(gvr.events)
    .filter((e) => name === undefined || e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion));
}
