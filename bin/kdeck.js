#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// V8 lets the old space grow to ~3-4x the live set before a full GC (10k pods: ~100 MB live, 420 MB RSS); 1.3x keeps RSS near 230 MB.
setFlagsFromString('--heap-growing-percent=30');
// One bundle (scripts/bundle.mjs) with React's production build: a few files to read at start instead of ~1,500.
const { main } = await import('../dist/bundle/kdeck.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
