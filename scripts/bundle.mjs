#!/usr/bin/env node
// Bundles tsc's output (dist/) into dist/bundle/ so `kdeck` starts by reading a few files instead of ~1,500
// modules: ~0.2 s and ~90 MB instead of ~0.9 s and ~150 MB before the first frame (measured on Node 20).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * DEV=true in a user's environment makes Ink load react-devtools-core (not shipped) and read a package.json
 * beside its module, which is not there in a bundle: kdeck would fail to start. Ink's isDev() becomes false.
 */
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace("process.env['DEV'] === 'true'", 'false');
      if (contents === source)
        throw new Error(`${args.path}: Ink's isDev() changed; update scripts/bundle.mjs`);
      return { contents, loader: 'js' };
    });
  },
};

// Chunk names carry content hashes: old ones would pile up.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { kdeck: 'dist/app/cli.js' },
  outdir: 'dist/bundle',
  bundle: true,
  // The demo cluster and `kdeck cp` are dynamic imports: separate chunks, read only when used.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  sourcesContent: false,
  // React's development build keeps per-render prop diffs and debug fibers (~2x heap and CPU with 10k rows).
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [inkWithoutDevtools],
  // node-pty is native; Ink loads react-devtools-core only when DEV=true (an optional package it names itself).
  external: ['node-pty', 'react-devtools-core'],
  // CommonJS dependencies (ws, js-yaml…) call require(); ESM has none, so each chunk gets one.
  banner: {
    js: "import { createRequire as kdeckCreateRequire } from 'node:module';\nconst require = kdeckCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
