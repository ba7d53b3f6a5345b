import type { V1Container, V1Deployment } from '@kubernetes/client-node';

export interface DeploymentOptions {
  replicas?: number;
  /** Default: one `nginx` container named `app`. */
  containers?: V1Container[];
  /** Merged over the spec (strategy, revisionHistoryLimit…). */
  spec?: Partial<V1Deployment['spec']>;
}

/** A Deployment whose pods carry `app: <name>`, the shape every suite creates. */
export function deployment(name: string, opts: DeploymentOptions = {}): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: opts.containers ?? [{ name: 'app', image: 'nginx' }] },
      },
      ...opts.spec,
    },
  };
}
