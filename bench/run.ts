// `npm run bench`: prints kdeck's figures. Nothing here asserts; the numbers go in the notes.
import { spawnSync } from 'node:child_process';
import { runTablesBench } from './tables.js';

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
const pods = Number(process.env.KDECK_BENCH_PODS ?? '10000');

async function section(name: string, run: () => Promise<Record<string, number | string>>) {
  process.stdout.write(`\n== ${name}\n`);
  try {
    const figures = await run();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(26)} ${v}\n`);
  } catch (err) {
    process.stdout.write(`  failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

if (all || which.has('tables')) await section(`tables (${pods} pods)`, () => runTablesBench(pods));
if (all || which.has('logs')) {
  const { runLogsBench } = await import('./logs.js');
  await section('logs', runLogsBench);
}
if (all || which.has('churn')) {
  // In a process of its own: it measures its own CPU, with the cluster and the changes in two others.
  process.stdout.write(
    `\n== churn (${pods} pods, 50 changes/s that alter no visible cell; goals: no frame, ≤ 0.3 ms CPU a change, ≤ 5 % of a core)\n`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/churn-profile.ts', `--pods=${pods}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) process.exitCode = 1;
}
