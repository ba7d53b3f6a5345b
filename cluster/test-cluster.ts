// npm run test:cluster: brings the harness up (or reuses a running one), runs test/cluster and test/contract
// against it, and stops it again if this run started it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentError, down, envVars, isRunning, readState, tail, up } from './lib/harness.js';
import { repoRoot } from './lib/paths.js';

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

async function main(): Promise<number> {
  const reuse = readState() !== undefined && isRunning();
  let state: Awaited<ReturnType<typeof up>>;
  try {
    state = await up();
  } catch (e) {
    if (e instanceof ComponentError) {
      console.error(`cluster up failed in ${e.component}: ${e.message}`);
      if (e.log) console.error(`--- last lines of ${e.log} ---\n${tail(e.log, 40)}`);
    } else {
      console.error(e);
    }
    if (!reuse) await down();
    return 1;
  }
  const files = ['cluster', 'contract'].flatMap((layer) => findTests(join(repoRoot, 'test', layer)));
  if (files.length === 0) {
    console.error('no test files under test/cluster or test/contract');
    if (!reuse) await down();
    return 1;
  }
  const env = envVars(state);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-force-exit',
      '--test-timeout=300000',
      ...files,
    ],
    {
      stdio: 'inherit',
      cwd: repoRoot,
      env: { ...process.env, ...env, KUBECONFIG: env.KDECK_CLUSTER_KUBECONFIG },
    },
  );
  if (!reuse) await down();
  return r.status ?? 1;
}

process.exitCode = await main();
