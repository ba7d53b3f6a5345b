#!/usr/bin/env node
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    process.stderr.write(`kdeck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
