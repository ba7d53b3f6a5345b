#!/usr/bin/env node
// Runs node's test runner over test/<layer>/**/*.test.ts(x) with tsx, one layer after another.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const layers = process.argv.slice(2);
const files = layers.flatMap((l) => findTests(join('test', l)));
if (files.length === 0) {
  console.error(`no test files under test/{${layers.join(',')}}`);
  process.exit(1);
}
const concurrency = process.env.KDECK_TEST_CONCURRENCY ?? '2';
// A test that hangs fails after its timeout, and a file that leaves handles open cannot stall the run.
const timeout = process.env.KDECK_TEST_TIMEOUT_MS ?? '180000';
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-force-exit',
    `--test-timeout=${timeout}`,
    `--test-concurrency=${concurrency}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
