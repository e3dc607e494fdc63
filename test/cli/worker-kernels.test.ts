/**
 * `cosearch worker` refuses unbuilt WebAssembly kernels at start-up, before it connects to Redis (docs/distributed.md,
 * "Starting a worker"): a worker cannot know whether the searches it serves will send accuracy jobs, and the simulator
 * evaluator it always serves runs the accuracy engine only in WebAssembly. Until 2026-12-07 it started, took jobs and
 * wrote the missing kernel's error into every accuracy row of every search it served.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerWorker } from '../../src/cli/commands/worker.js';

// The package root the kernel check looks under: the real one unless a test points it at a copy without wasm/build.
const root = vi.hoisted(() => ({ fake: undefined as string | undefined }));
vi.mock('../../src/core/packageRoot.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/packageRoot.js')>();
  return { ...real, packageRoot: () => root.fake ?? real.packageRoot() };
});

const cli = cliRunner([registerWorker]);

afterEach(() => {
  root.fake = undefined;
});

describe('cosearch worker: unbuilt WebAssembly kernels', () => {
  it('exits 1 with one line naming the missing file and npm run build:wasm, before connecting (nothing listens on port 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-nokernels-'));
    writeFileSync(join(dir, 'package.json'), '{"name": "cosearch"}\n');
    root.fake = dir;
    const r = await cli('worker', '--backend', 'redis://127.0.0.1:1');
    expect([r.stderr, r.exitCode]).toEqual([
      `cosearch: the WebAssembly kernel ${join(dir, 'wasm', 'build', 'crossbar.wasm')} is missing (the kernels have no JavaScript fallback): run \`npm run build:wasm\` (npm ci builds them)\n`, 1,
    ]);
  });

  it('a bad flag is still named first', async () => {
    root.fake = mkdtempSync(join(tmpdir(), 'cosearch-nokernels-'));
    const r = await cli('worker', '--backend', 'redis://127.0.0.1:1', '--in-thread', '--workers', '2');
    expect([r.stderr, r.exitCode]).toEqual(['cosearch: --in-thread and --workers exclude each other\n', 1]);
  });
});
