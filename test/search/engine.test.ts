import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/run/index.js';
import { runSearch, type AppRunSearchOptions as RunSearchOptions } from '../../src/app/index.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import type { SpaceContext } from '../../src/search/index.js';
import { FIXTURE_METRICS, FIXTURE_SPACE } from './fixtures/hardwareEvaluator.js';
import { modelSourceHash, runWeightsHash } from '../../src/app/cache/keys.js';
import { loadWeights, useGivenWeights } from '../../src/snn/weights.js';
import { PACKAGE_VERSION } from '../../src/search/run/manifest.js';
import { STRATEGIES } from '../../src/search/strategies/registry.js';

const context: SpaceContext = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const evaluator = { module: new URL('./fixtures/hardwareEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS };
const rawSpace = FIXTURE_SPACE;
const space = parseSpace(rawSpace, context, { file: 'fixture.json' });
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-engine-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const run = (overrides: Partial<RunSearchOptions>) => runSearch({ space, outDir: tmp(), evaluator, workers: 1, ...overrides });

describe('runSearch', () => {
  it('writes one row per evaluation with every parameter, metric, feasibility and error; a front of feasible non-dominated rows', async () => {
    const result = await run({});
    expect(result.status).toBe('completed');
    const evals = parseCsv(read(result.dir, 'evaluations.csv'));
    expect(evals.header).toEqual([
      'index', 'generation', 'device.bitsPerCell', 'adc.bits', 'crossbar.size',
      'energy_uJ', 'latency_ms', 'area_mm2', 'accuracy', 'feasible', 'violation', 'error',
    ]);
    expect(evals.records.length).toBe(result.evaluations);
    expect(result.evaluations).toBeLessThanOrEqual(16 * 6);
    expect(evals.records.map((r) => Number(r[0]))).toEqual(evals.records.map((_, i) => i));
    for (const r of evals.records) {
      const accuracy = Number(r[8]);
      if (r[11] !== '') expect(r.slice(9)).toEqual(['false', '', r[11]]);
      else expect(r[9]).toBe(accuracy >= 0.6 ? 'true' : 'false');
    }
    const front = parseCsv(read(result.dir, 'pareto.csv'));
    expect(front.header).toEqual(evals.header);
    expect(front.records.length).toBe(result.paretoSize);
    const objectives = (r: string[]) => [Number(r[5]), Number(r[7]), Number(r[6])];
    const feasible = evals.records.filter((r) => r[9] === 'true');
    for (const p of front.records) {
      expect(p[9]).toBe('true');
      // No feasible evaluation dominates a front member.
      const dominated = feasible.some((q) => objectives(q).every((v, i) => v <= objectives(p)[i]) && objectives(q).some((v, i) => v < objectives(p)[i]));
      expect(dominated).toBe(false);
    }
    const manifest = JSON.parse(read(result.dir, 'manifest.json'));
    expect(manifest).toMatchObject({ space: 'fixture', seed: 3, status: 'completed', evaluations: result.evaluations, strategy: { name: 'nsga2' } });
    expect(manifest.hypervolumeByGeneration.length).toBeGreaterThan(0);
    const hv = manifest.hypervolumeByGeneration.map((h: { hypervolume: number }) => h.hypervolume);
    // The archive only improves, so its hypervolume never falls.
    for (let i = 1; i < hv.length; i++) expect(hv[i]).toBeGreaterThanOrEqual(hv[i - 1]);
  });

  it('gives byte-identical CSVs with 1 and 2 workers', async () => {
    const one = await run({ workers: 1 });
    const two = await run({ workers: 2 });
    expect(read(two.dir, 'evaluations.csv')).toBe(read(one.dir, 'evaluations.csv'));
    expect(read(two.dir, 'pareto.csv')).toBe(read(one.dir, 'pareto.csv'));
  });

  it('records a failing configuration with its error and goes on', async () => {
    const result = await run({ strategy: 'grid' });
    expect(result.evaluations).toBe(8 * 10 * 4);
    const failed = parseCsv(read(result.dir, 'evaluations.csv')).records.filter((r) => r[11] !== '');
    expect(failed.length).toBe(4); // bitsPerCell 3 x adc.bits 2 x every crossbar size
    for (const r of failed) {
      expect(r.slice(2, 4)).toEqual(['3', '2']);
      expect(r[11]).toBe('simulated failure for bitsPerCell=3, adc.bits=2');
    }
    expect(result.failed).toBe(4);
  });

  it('refuses a grid larger than the budget, with advice', async () => {
    await expect(run({ strategy: 'grid', budget: 100 })).rejects.toThrow(
      'grid: the space has 320 points but the budget allows 100: raise --budget, shrink the parameter lists, or use --strategy nsga2',
    );
  });

  it('asks for weights when evolve meets several objectives, before creating the run folder', async () => {
    const outDir = join(tmp(), 'run');
    await expect(runSearch({ space, outDir, evaluator, strategy: 'evolve' })).rejects.toThrow(
      'evolve: the space has 3 objectives; give strategy.weights (3 numbers, one per objective) with strategy "evolve" in the space file, or use nsga2',
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('resumes a killed run to the same final CSVs', async () => {
    const whole = await run({});
    const dir = tmp();
    let batches = 0;
    const stopped = await runSearch({ space, outDir: dir, evaluator, workers: 2, shouldStop: () => ++batches > 3 });
    expect(stopped.status).toBe('interrupted');
    expect(stopped.evaluations).toBeLessThan(whole.evaluations);
    // A kill in the middle of an append leaves half a line.
    appendFileSync(join(dir, 'evaluations.csv'), '999,9,1,2');
    const resumed = await runSearch({ space, outDir: dir, evaluator, workers: 1, resume: true });
    expect(resumed.status).toBe('completed');
    expect(read(dir, 'evaluations.csv')).toBe(read(whole.dir, 'evaluations.csv'));
    expect(read(dir, 'pareto.csv')).toBe(read(whole.dir, 'pareto.csv'));
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    expect(manifest.hypervolumeByGeneration).toEqual(JSON.parse(read(whole.dir, 'manifest.json')).hypervolumeByGeneration);
    expect(manifest.resumedAt).toHaveLength(1);
  });

  it('refuses to resume with another seed, and to overwrite a run, naming runSearch\'s options (it named --resume, --seed and --out)', async () => {
    const first = await run({ budget: 16 });
    await expect(runSearch({ space, outDir: first.dir, evaluator, seed: 4, budget: 16, resume: true })).rejects.toThrow(/^resume: .* was run with seed 3 but this run has 4 \(add seed 3 to resume it\)/);
    await expect(runSearch({ space, outDir: first.dir, evaluator, budget: 16 })).rejects.toThrow(/already holds a completed run \(evaluations\.csv, \d+ evaluations\): nothing is left to continue; start the new run with another outDir$/);
    await expect(runSearch({ space, outDir: join(first.dir, 'other'), evaluator, strategy: 'nsga', backend: 'in-thread' })).rejects.toThrow(
      new RegExp(`^strategy: got "nsga", expected one of ${STRATEGIES.names.join(', ')} \\(did you mean "nsga2"\\?\\)$`));
    // `cosearch search` says it with its flags.
    await expect(runSearch({ space, outDir: first.dir, evaluator, budget: 16, origin: 'command line' })).rejects.toThrow(/: nothing is left to continue; start the new run with another --out$/);
    writeFileSync(join(first.dir, 'evaluations.csv'), 'a,b\n');
    writeFileSync(join(first.dir, 'manifest.json'), read(first.dir, 'manifest.json').replace('"status": "completed"', '"status": "interrupted"'));
    // A run that did not complete is the one --resume continues (QA runs defect 4: a completed one was told so too).
    await expect(runSearch({ space, outDir: first.dir, evaluator, budget: 16, origin: 'command line' })).rejects.toThrow(/already holds a run \(evaluations\.csv\); use --resume to continue it or choose another --out$/);
    await expect(runSearch({ space, outDir: first.dir, evaluator, budget: 16, resume: true })).rejects.toThrow(/columns of .* differ/);
  });

  it('records the version and model code that ran it and refuses a resume by another version or build (rows of two models were mixed)', async () => {
    const dir = tmp();
    let batches = 0;
    await runSearch({ space, outDir: dir, evaluator, backend: 'in-thread', shouldStop: () => ++batches > 1 });
    const original = read(dir, 'manifest.json');
    const manifest = JSON.parse(original);
    expect(manifest.packageVersion).toBe(PACKAGE_VERSION);
    expect(manifest.modelHash).toBe(modelSourceHash());
    const model = manifest.modelHash.slice(0, 12);
    const resumeWith = (edited: Record<string, unknown>) => {
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(edited));
      return runSearch({ space, outDir: dir, evaluator, backend: 'in-thread', resume: true, origin: 'command line' });
    };
    await expect(resumeWith({ ...manifest, packageVersion: '0.0.9' })).rejects.toThrow(
      `--resume: ${dir} was run by cosearch 0.0.9 but this is cosearch ${PACKAGE_VERSION}; resume it with the build that started it, or start a new run with another --out`);
    await expect(resumeWith({ ...manifest, modelHash: 'f'.repeat(64) })).rejects.toThrow(
      `--resume: ${dir} was run by another build of cosearch ${PACKAGE_VERSION}: model code ffffffffffff but this build's is ${model}; resume it with the build that started it, or start a new run with another --out`);
    // Refused before anything was written: the rows are those of the stopped run.
    const rows = read(dir, 'evaluations.csv');
    // A run from before the record (no modelHash) has its version compared alone: it resumes, and records the hash.
    const { modelHash: _recorded, ...before } = JSON.parse(original);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(before));
    const resumed = await runSearch({ space, outDir: dir, evaluator, backend: 'in-thread', resume: true });
    expect(resumed.status).toBe('completed');
    expect(read(dir, 'evaluations.csv').startsWith(rows)).toBe(true);
    expect(JSON.parse(read(dir, 'manifest.json')).modelHash).toBe(manifest.modelHash);
  });

  it('records the trained weights of its networks: a resume with other weights for the network is refused', async () => {
    const mlp = parseSpace({ ...rawSpace, network: 'mlp-mnist' }, context, { file: 'fixture.json' });
    const dir = tmp();
    let batches = 0;
    await runSearch({ space: mlp, outDir: dir, evaluator, backend: 'in-thread', shouldStop: () => ++batches > 1 });
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    const recorded: string = manifest.weightsHash;
    expect(recorded).toBe(runWeightsHash(['mlp-mnist']));
    expect(manifest.modelHash).toBe(modelSourceHash());
    // A network without weights records none (the fixture's "tiny", VGG16).
    expect(runWeightsHash(['tiny', 'vgg16-cifar10'])).toBeUndefined();
    const rows = read(dir, 'evaluations.csv');
    // The same code with the weights retrained (one weight changed; given here as the file would be replaced).
    const shipped = loadWeights('mlp-mnist');
    if (!shipped) throw new Error('mlp-mnist ships weights');
    const q = Int32Array.from(shipped.layers[0].q);
    q[0] += 1;
    const restore = useGivenWeights({ ...shipped, layers: [{ ...shipped.layers[0], q }, ...shipped.layers.slice(1)] });
    try {
      const other = runWeightsHash(['mlp-mnist']);
      expect(other).not.toBe(recorded);
      await expect(runSearch({ space: mlp, outDir: dir, evaluator, backend: 'in-thread', resume: true, origin: 'command line' })).rejects.toThrow(
        `--resume: ${dir} was run with other trained weights for its networks (${recorded.slice(0, 12)}, now ${other!.slice(0, 12)}); restore them or start a new run with another --out (its rows would mix two models' accuracies)`);
    } finally {
      restore();
    }
    expect(read(dir, 'evaluations.csv')).toBe(rows);
    // With the weights it ran with, it resumes.
    expect((await runSearch({ space: mlp, outDir: dir, evaluator, backend: 'in-thread', resume: true })).status).toBe('completed');
  });
});
