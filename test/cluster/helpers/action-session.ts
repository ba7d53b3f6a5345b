import { randomBytes } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import { execOverWebsocket } from '../../../src/kube/actions/exec-session.js';
import { ActionGate } from '../../../src/kube/actions/gate.js';
import { type ResourceKind, resourcePath } from '../../../src/kube/actions/target.js';
import { KubeClient } from '../../../src/kube/client.js';
import { KubeError } from '../../../src/kube/kube-error.js';
import { loadKubeconfig } from '../../../src/kube/kubeconfig.js';
import { RequestLog } from '../../../src/kube/request-log.js';
import { ResourceStore } from '../../../src/store/store.js';

/** Why a cluster test is skipped: only when the harness did not hand us a cluster. */
export const skipReason = process.env.KDECK_CLUSTER_KUBECONFIG
  ? undefined
  : 'KDECK_CLUSTER_KUBECONFIG is unset: run `npm run test:cluster` (it starts the harness)';

/** A kdeck session on the harness cluster: the client, its request log, a store, and a gate. */
export function actionSession(readOnly: boolean) {
  const file = process.env.KDECK_CLUSTER_KUBECONFIG;
  if (!file) throw new Error('KDECK_CLUSTER_KUBECONFIG is unset');
  const loaded = loadKubeconfig({ file, env: process.env });
  if (loaded.kind !== 'loaded')
    throw new Error(`kubeconfig: ${loaded.kind === 'invalid' ? loaded.message : 'none'}`);
  const requestLog = new RequestLog(10_000);
  const client = new KubeClient(loaded.kc, requestLog);
  const store = new ResourceStore(client);
  const gate = new ActionGate(client, { readOnly, exec: execOverWebsocket(client) });
  return { client, requestLog, store, gate, ctx: gate.context() };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Creates an object straight through the client (test setup, not an action under test). */
export async function createObject<T extends KubernetesObject>(
  client: KubeClient,
  ref: ResourceKind,
  namespace: string | undefined,
  obj: T,
): Promise<T> {
  return client.request<T>({ method: 'POST', path: resourcePath(ref, namespace), body: obj });
}

export async function deleteQuietly(
  client: KubeClient,
  ref: ResourceKind,
  namespace: string | undefined,
  name: string,
) {
  try {
    await client.request({
      method: 'DELETE',
      path: resourcePath(ref, namespace, name),
      body: { propagationPolicy: 'Background' },
    });
  } catch (err) {
    if (!(err instanceof KubeError && err.status === 404)) throw err;
  }
}

/**
 * Resolves with the store's items once `done` holds for them: what the table would show, from the
 * watch. Bounded by the test's own timeout, never by a clock here.
 */
export function watchUntil(
  store: ResourceStore,
  query: { resource: ResourceKind; namespaces?: string[]; labelSelector?: string; fieldSelector?: string },
  done: (items: readonly KubernetesObject[]) => boolean,
): Promise<readonly KubernetesObject[]> {
  return new Promise((resolve) => {
    let sub: ReturnType<ResourceStore['subscribe']> | undefined;
    const check = () => {
      if (!sub) return;
      const snap = sub.snapshot();
      if (snap.state === 'watching' && done(snap.items)) {
        sub.close();
        resolve(snap.items);
      }
    };
    sub = store.subscribe(query, check);
    check();
  });
}

/** Polls `fn` until it returns a value (not undefined); for what a watch does not cover (exec readiness). */
export async function eventually<T>(fn: () => Promise<T | undefined>, pauseMs = 250): Promise<T> {
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {
      // Not ready yet: the next round retries.
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
