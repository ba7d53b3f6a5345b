import type { V1Node } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../../../src/demo/controller.js';

/** Starts control loops against a store; the returned stop aborts them. */
export function runControllers(store: DemoObjectStore, controllers: DemoController[]): () => void {
  const ac = new AbortController();
  const ctx = {
    store,
    signal: ac.signal,
    dns: {
      host: '127.0.0.1',
      port: 0,
      zones: [],
      keyName: 'k',
      algorithm: 'hmac-sha256' as const,
      secret: '',
    },
    log: (m: string) => {
      if (process.env.DEMO_TEST_LOG) console.error(m);
    },
  };
  for (const c of controllers) void c(ctx);
  return () => ac.abort();
}

/** Resolves with fn's first truthy value, checking after every turn of the event loop; rejects after limitMs. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | false,
  limitMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A Ready node like the scenario's, for tests that need somewhere to schedule. */
export function testNode(
  name: string,
  ip: string,
  extra: Partial<V1Node['spec']> = {},
  labels: Record<string, string> = {},
): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: { podCIDR: `10.244.${ip.split('.')[3]}.0/24`, ...extra },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  };
}
