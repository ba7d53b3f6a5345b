import { startDemoCluster } from './index.js';
import { startDemo } from './launch.js';

/**
 * `node dist/demo/main.js [--port N] [--pods N] [--state-dir DIR] [--bare]`: runs the demo cluster (the
 * reference scenario and every control loop; `--bare` for the API server alone) until interrupted,
 * printing the kubeconfig path on stdout.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (m: string) => process.stderr.write(`${m}\n`);
const port = Number(arg('--port') ?? 0);
const extraPods = Number(arg('--pods') ?? 0);
const stateDir = arg('--state-dir');
const cluster = process.argv.includes('--bare')
  ? await startDemoCluster({ port, extraPods, stateDir, log })
  : await startDemo({ port, extraPods, stateDir, log });
process.stdout.write(`${cluster.kubeconfigPath}\n`);
const stop = () => {
  cluster.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
