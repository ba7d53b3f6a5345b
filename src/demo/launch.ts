import { externalDnsController } from './controllers/external-dns.js';
import { builtinControllers } from './controllers/index.js';
import { metallbController } from './controllers/metallb.js';
import { type DemoCluster, startDemoCluster } from './index.js';
import { scenarioActivity, seedScenario } from './scenario/index.js';

export interface DemoLaunchOptions {
  extraPods: number;
  port?: number;
  stateDir?: string;
  /** Speeds every control loop up or down (tests use a small value). */
  timeScale?: number;
  /** Rollouts and restarts now and then; off for tests that want a still cluster. */
  alive?: boolean;
  log?: (m: string) => void;
}

/** The demo cluster with every control loop and the reference scenario, as `kdeck --demo` runs it. */
export async function startDemo(opts: DemoLaunchOptions): Promise<DemoCluster> {
  const controllers = [
    ...builtinControllers({ timeScale: opts.timeScale }),
    metallbController(),
    externalDnsController(),
    ...(opts.alive === false ? [] : [scenarioActivity()]),
  ];
  const cluster = await startDemoCluster({
    port: opts.port,
    stateDir: opts.stateDir,
    controllers,
    log: opts.log,
  });
  seedScenario(cluster.store, { dns: cluster.dns, extraPods: opts.extraPods });
  return cluster;
}
