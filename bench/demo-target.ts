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
