#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// React's development build keeps per-render prop diffs and debug fibers (~2x heap and CPU with 10k rows): a user runs the production build.
process.env.NODE_ENV ??= 'production';
// V8 lets the old space grow to ~3-4x the live set before a full GC (10k pods: ~100 MB live, 420 MB RSS); 1.3x keeps RSS near 230 MB.
setFlagsFromString('--heap-growing-percent=30');
const { main } = await import('../dist/cli.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
