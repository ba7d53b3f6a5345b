import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Target {
  kubeconfig: string;
  namespace: string;
  stop(): Promise<void>;
}

/** The demo cluster with `pods` extra pods in namespace load, in a process of its own so kdeck's figures are kdeck's. */
export async function demoTarget(pods: number): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/demo-server.ts', String(pods)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`demo server exited ${c}`)));
  });
  const { kubeconfig } = JSON.parse(line) as { kubeconfig: string };
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  return {
    kubeconfig,
    namespace: 'load',
    stop: async () => {
      process.off('exit', onExit);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** The cluster a bench runs on: KDECK_BENCH_KUBECONFIG (namespace KDECK_BENCH_NAMESPACE, default load), else the demo. */
export async function benchTarget(pods: number): Promise<Target> {
  const external = process.env.KDECK_BENCH_KUBECONFIG;
  if (!external) return demoTarget(pods);
  return {
    kubeconfig: external,
    namespace: process.env.KDECK_BENCH_NAMESPACE ?? 'load',
    stop: async () => undefined,
  };
}
