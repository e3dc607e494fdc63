/**
 * The bundles `npm run build` makes (scripts/bundle.mjs: the CLI, the piscina worker and the evaluator module in
 * one folder with shared chunks) run a search to the same bytes as the sources: package files (wasm kernels,
 * shipped spaces, package.json, the git checkout) are found from the bundle's depth, the worker and the evaluator
 * module beside the CLI, and the inlined npm packages (cacache for the persistent cache) work. `cosearch evaluate`
 * finds its accuracy worker beside the CLI too (it was missing from the bundle: the default `--workers`, the cores,
 * failed with ERR_MODULE_NOT_FOUND from 400 samples on).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosearch, ROOT } from './spawn.js';

const SPACE = 'test/cli/fixtures/bundle-tiny.json';
let bundleDir: string;
const tmp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmp.push(dir);
  return dir;
};

/** `node <bundle>/cosearch.js ...args` with its own persistent cache folder. */
function bundled(args: readonly string[]): { status: number; stdout: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(bundleDir, 'cosearch.js'), ...args], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
      env: { ...process.env, COSEARCH_CACHE_DIR: tempDir('cosearch-bundle-cache-') },
    });
    return { status: 0, stdout };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    throw new Error(`bundled cosearch ${args.join(' ')} exited ${e.status}: ${e.stderr}`);
  }
}

beforeAll(() => {
  // Inside the package (a bundle finds the package root by walking up), removed afterwards.
  bundleDir = mkdtempSync(join(ROOT, '.bundle-test-'));
  execFileSync(process.execPath, ['scripts/bundle.mjs', bundleDir], { cwd: ROOT, stdio: 'pipe' });
});

afterAll(() => {
  for (const dir of [bundleDir, ...tmp]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bundled CLI', () => {
  it('starts, and finds the shipped spaces from its own depth', () => {
    expect(bundled(['--help']).stdout).toContain('search [options] <space>');
    expect(bundled(['studies']).stdout).toContain('fig10d-ron');
  });

  it('searches on worker threads to the same CSVs as the sources in-thread, with the provenance of this checkout', async () => {
    const fromBundle = join(tempDir('cosearch-bundle-'), 'run');
    const fromSources = join(tempDir('cosearch-bundle-'), 'run');
    expect(bundled(['search', SPACE, '--workers', '2', '--out', fromBundle, '--plain']).stdout).toContain('search completed: 4 evaluations (0 failed)');
    const sources = await cosearch(['search', SPACE, '--in-thread', '--no-cache', '--out', fromSources, '--plain']);
    expect(sources.code).toBe(0);
    // pareto.svg too: the bundle draws it with the vega and vega-lite it inlines (src/io/plot/vega.ts's chunk).
    for (const file of ['evaluations.csv', 'pareto.csv', 'pareto.svg']) {
      expect(readFileSync(join(fromBundle, file), 'utf8')).toBe(readFileSync(join(fromSources, file), 'utf8'));
    }
    expect(readFileSync(join(fromBundle, 'pareto.svg'), 'utf8')).toContain('<svg');
    // The MAC error came from the wasm kernels and was stored through the inlined cacache.
    expect(readFileSync(join(fromBundle, 'evaluations.csv'), 'utf8')).toMatch(/,0\.0169\d+,Infinity,/);
    const manifest = JSON.parse(readFileSync(join(fromBundle, 'manifest.json'), 'utf8')) as { packageVersion: string; provenance: { gitCommit?: string } };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.packageVersion).toBe(pkg.version);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    expect(manifest.provenance.gitCommit).toBe(head);
  });

  it('evaluates hardware accuracy on its accuracy worker threads, to the same output as the sources in one thread', async () => {
    // 2 chips x 200 samples: at POOL_MIN_SAMPLES, so the bundle opens its worker pool.
    const args = ['evaluate', '-n', 'mlp-mnist', '--samples', '200', '--chips', '2', '--set', 'accuracy.macSamples=10', '--json', '--no-cache'];
    const fromBundle = bundled([...args, '--workers', '2']);
    const sources = await cosearch([...args, '--workers', '1']);
    expect(sources.code).toBe(0);
    expect(JSON.parse(fromBundle.stdout)).toMatchObject({ accuracyDetail: { samples: 400 } });
    expect(fromBundle.stdout).toBe(sources.stdout);
  });
});
