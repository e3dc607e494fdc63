import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext, type AppRunSearchOptions } from '../../src/app/index.js';
import { EXPENSIVE_METRIC_BOUNDS } from '../../src/app/lazyBounds.js';
import { parseCsv } from '../../src/io/run/index.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { ACCURACY_METRICS } from '../../src/sim/metrics.js';
import { FIXTURE_SPACE } from './fixtures/hardwareEvaluator.js';
import { FIXTURE_METRICS } from './fixtures/lazyEvaluator.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const evaluator = { module: new URL('./fixtures/lazyEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS, expensive: { accuracy: 1 } };
const raw = {
  ...FIXTURE_SPACE,
  name: 'lazy-fixture',
  // A cheap constraint (area) as well, so some designs are proven infeasible before their accuracy is measured.
  constraints: ['accuracy >= 0.6', 'area_mm2 <= 12'],
  strategy: { name: 'grid', batchSize: 40 },
};
const space = (extra: Record<string, unknown> = {}) => parseSpace({ ...raw, ...extra }, context, { file: 'lazy-fixture.json' });
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-lazy-'));
const read = (dir: string, file: string) => parseCsv(readFileSync(join(dir, file), 'utf8'));
const run = (options: Partial<AppRunSearchOptions> & Pick<AppRunSearchOptions, 'space'>) =>
  runSearch({ outDir: tmp(), evaluator, backend: 'in-thread', ...options });
const objectives = (r: readonly string[]) => [Number(r[5]), Number(r[7]), Number(r[6])];
const dominates = (a: number[], b: number[]) => a.every((v, i) => v <= b[i]) && a.some((v, i) => v < b[i]);

describe('lazy accuracy', () => {
  it('gives the grid the same front as eager with fewer accuracy measurements, and every row it skipped is provably off the front', async () => {
    const eager = await run({ space: space() });
    const lazy = await run({ space: space({ lazy: true }) });
    const e = read(eager.dir, 'evaluations.csv');
    const l = read(lazy.dir, 'evaluations.csv');
    expect(l.header).toEqual([...e.header, 'accuracyMeasured']);
    // The same front, row for row (the lazy one with its status cell).
    const ef = read(eager.dir, 'pareto.csv').records;
    const lf = read(lazy.dir, 'pareto.csv').records;
    expect(lf.map((r) => r.slice(0, -1))).toEqual(ef);
    expect(lf.every((r) => r.at(-1) === 'true')).toBe(true);
    // (The same front has the same hypervolume at one reference; each run's own reference comes from its first
    // batch's feasible rows, which in a lazy run are only the measured ones, so the runs' figures differ.)
    // 320 grid points in 8 batches: the first batch is measured whole, later ones only where they could enter the front.
    const counts = lazy.lazy;
    expect(counts).toBeDefined();
    if (!counts) return;
    expect(counts.measuredRows + counts.dominatedRows + counts.infeasibleRows + counts.failedRows).toBe(320);
    expect(counts.measurements).toBe(counts.measuredRows);
    expect(counts.dominatedRows).toBeGreaterThan(0);
    expect(counts.infeasibleRows).toBeGreaterThan(0);
    expect(counts.measurements).toBeLessThan(eager.evaluations / 2);
    const front = ef.map(objectives);
    l.records.forEach((r, i) => {
      const status = r.at(-1);
      const truth = e.records[i];
      if (status === 'dominated' || status === 'infeasible') {
        // Unmeasured: empty accuracy, not claimed feasible; the eager row shows it is off the front.
        expect(r[8]).toBe('');
        expect(r[9]).toBe('false');
        expect(truth[9] === 'false' || front.some((p) => dominates(p, objectives(truth)))).toBe(true);
        if (status === 'infeasible') expect(Number(truth[7])).toBeGreaterThan(12);
      } else if (status === 'true') expect(r.slice(0, -1)).toEqual(truth);
      else expect(truth[11]).not.toBe('');
    });
  });

  it('with accuracy as an objective: the same front as eager; only a bound a measured design can reach proves domination', async () => {
    const extra = { objectives: ['energy_uJ:min', 'accuracy:max'], constraints: ['area_mm2 <= 12'] };
    const eager = await run({ space: space(extra) });
    // The fixture's accuracy never exceeds 0.95 (its min(0.95, ...)): a strict bound of this evaluator.
    for (const bound of [1, 0.95]) {
      const lazy = await run({ space: space({ ...extra, lazy: true }), evaluator: { ...evaluator, expensive: { accuracy: bound } } });
      expect(read(lazy.dir, 'pareto.csv').records.map((r) => r.slice(0, -1))).toEqual(read(eager.dir, 'pareto.csv').records);
      // With bound 1 no measured design (accuracy <= 0.95) dominates an optimistic vector: only cheap infeasibility saves.
      if (bound === 1) expect(lazy.lazy?.dominatedRows).toBe(0);
      else expect(lazy.lazy?.dominatedRows).toBeGreaterThan(0);
      expect(lazy.lazy?.infeasibleRows).toBeGreaterThan(0);
    }
  });

  it('changes nothing for a space without an expensive metric: no column, the eager CSV', async () => {
    const cheap = { constraints: ['area_mm2 <= 12'], lazy: true };
    const lazy = await run({ space: space(cheap) });
    const eager = await run({ space: space({ constraints: cheap.constraints }) });
    expect(lazy.lazy).toBeUndefined();
    expect(readFileSync(lazy.evaluationsCsv, 'utf8')).toBe(readFileSync(eager.evaluationsCsv, 'utf8'));
  });

  it('writes the same CSV with 1 and 2 workers, and a resumed run the same as an uninterrupted one (NSGA-II)', async () => {
    const strategy = { name: 'nsga2', populationSize: 16, generations: 8 };
    const nsga = space({ lazy: true, strategy });
    const one = await runSearch({ space: nsga, outDir: tmp(), evaluator, workers: 1 });
    const two = await runSearch({ space: nsga, outDir: tmp(), evaluator, workers: 2 });
    const text = readFileSync(one.evaluationsCsv, 'utf8');
    expect(readFileSync(two.evaluationsCsv, 'utf8')).toBe(text);
    expect(text).toMatch(/,dominated\n/);
    const dir = tmp();
    let batches = 0;
    const stopped = await run({ space: nsga, outDir: dir, onProgress: () => batches++, shouldStop: () => batches >= 3 });
    expect(stopped.status).toBe('interrupted');
    const resumed = await run({ space: nsga, outDir: dir, resume: true });
    expect(resumed.status).toBe('completed');
    expect(readFileSync(resumed.evaluationsCsv, 'utf8')).toBe(text);
    expect(readFileSync(resumed.paretoCsv, 'utf8')).toBe(readFileSync(one.paretoCsv, 'utf8'));
    // The option is part of the run's identity: an eager resume of a lazy run is refused.
    await expect(run({ space: space({ strategy }), outDir: dir, resume: true })).rejects.toThrow(/^resume: /);
  });

  it('refuses what it cannot do right', async () => {
    expect(() => space({ lazy: 'yes' })).toThrow(/lazy: got "yes", expected true, false, "early-stop", "predict" or "exact"/);
    const snr = { module: evaluator.module, metrics: FIXTURE_METRICS, expensive: { accuracy: Infinity } };
    await expect(run({ space: space({ lazy: true, objectives: ['energy_uJ:min', 'accuracy:max'] }), evaluator: snr })).rejects.toThrow(/objective accuracy has no finite best value/);
  });

  it('has a strict best-value bound for every accuracy-engine metric of the simulator', () => {
    expect(Object.keys(EXPENSIVE_METRIC_BOUNDS).sort()).toEqual(ACCURACY_METRICS.map((m) => m.name).sort());
    expect(EXPENSIVE_METRIC_BOUNDS).toEqual({ accuracy: 1, accuracy_ci95: 0, macError_rms: 0, macSnr_dB: Infinity, accuracyProxy: 0, macErrorMax_rms: 0 });
  });
});
