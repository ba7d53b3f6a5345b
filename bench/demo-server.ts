// Runs the demo cluster (scenario + N extra pods) in its own process, so kdeck's figures are its own.
import { startDemo } from '../src/demo/launch.js';

const pods = Number(process.argv[2] ?? '0');
const cluster = await startDemo({ extraPods: pods, alive: false });
process.stdout.write(`${JSON.stringify({ kubeconfig: cluster.kubeconfigPath, url: cluster.url })}\n`);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
