#!/usr/bin/env node
// One bundle (scripts/bundle.mjs) with React's production build: a few files to read at start instead of ~1,500.
// V8's heap growth is capped once the first table is in (tightenHeap in src/app/cli.ts).
const { main } = await import('../dist/bundle/kdeck.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
