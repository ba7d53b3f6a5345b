import { startDemoCluster } from './index.js';

/** `node dist/demo/main.js [--port N] [--pods N] [--state-dir DIR]`: runs the demo cluster until interrupted. */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cluster = await startDemoCluster({
  port: Number(arg('--port') ?? 0),
  extraPods: Number(arg('--pods') ?? 0),
  stateDir: arg('--state-dir'),
  log: (m) => process.stderr.write(`${m}\n`),
});
process.stdout.write(`${cluster.kubeconfigPath}\n`);
const stop = () => {
  cluster.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
