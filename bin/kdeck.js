#!/usr/bin/env node
// React's development build keeps per-render prop diffs and debug fibers (~2x heap and CPU with 10k rows): a user runs the production build.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/cli.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
