import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { continueFlags, lazyFlag } from '../../../src/cli/commands/search.js';
import { parseCsv } from '../../../src/io/run/index.js';
import { parseSpace } from '../../../src/search/space/parse.js';
import { FIXTURE_SPACE } from '../fixtures/hardwareEvaluator.js';
import { FIXTURE_METRICS } from '../fixtures/lazyEvaluator.js';
import { refusal } from '../../helpers/refusal.js';
import { tempDirs } from '../../helpers/tempDirs.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const evaluator = { module: new URL('../fixtures/lazyEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS, expensive: { accuracy: 1 } };
const strategy = { name: 'nsga2', populationSize: 16, generations: 8 };
const space = (extra: Record<string, unknown> = {}) => parseSpace({
  ...FIXTURE_SPACE, name: 'lazy-predict', constraints: ['accuracy >= 0.75'], strategy, lazy: 'predict', ...extra,
}, context, { file: 'lazy-predict.json' });
const tmp = tempDirs('cosearch-lazypredict-');
const read = (dir: string, file: string) => parseCsv(readFileSync(join(dir, file), 'utf8'));

describe('lazy accuracy with predicted infeasibility ("lazy": "predict")', () => {
  it('writes the same CSV with 1 and 2 workers; predicted rows are unmeasured, infeasible by their predicted violation, never on the front', async () => {
    const one = await runSearch({ space: space(), outDir: tmp(), evaluator, workers: 1 });
    const two = await runSearch({ space: space(), outDir: tmp(), evaluator, workers: 2 });
    const text = readFileSync(one.evaluationsCsv, 'utf8');
    expect(readFileSync(two.evaluationsCsv, 'utf8')).toBe(text);
    const { header, records } = read(one.dir, 'evaluations.csv');
    const [acc, feasible, violation] = ['accuracy', 'feasible', 'violation'].map((c) => header.indexOf(c));
    const predicted = records.filter((r) => r.at(-1) === 'predicted');
    expect(predicted.length).toBe(one.lazy?.predictedRows);
    expect(predicted.length).toBeGreaterThan(0);
    for (const r of predicted) {
      expect(r[acc]).toBe('');
      expect(r[feasible]).toBe('false');
      expect(Number(r[violation])).toBeGreaterThan(0);
    }
    // The first 16 designs (the first batch) are measured: no prediction before 16 measurements.
    expect(records.slice(0, 16).every((r) => r.at(-1) !== 'predicted')).toBe(true);
    const front = read(one.dir, 'pareto.csv').records;
    expect(front.length).toBeGreaterThan(0);
    expect(front.every((r) => r.at(-1) === 'true')).toBe(true);
    expect(one.lazy?.measurements).toBe(records.filter((r) => r.at(-1) === 'true').length);
  });

  it('resumes to the uninterrupted CSV (the predicted violations replayed from their cells); its fingerprint is its own', async () => {
    const whole = await runSearch({ space: space(), outDir: tmp(), evaluator, backend: 'in-thread' });
    const text = readFileSync(whole.evaluationsCsv, 'utf8');
    const dir = tmp();
    let batches = 0;
    const stopped = await runSearch({ space: space(), outDir: dir, evaluator, backend: 'in-thread', onProgress: () => batches++, shouldStop: () => batches >= 6 });
    expect(stopped.status).toBe('interrupted');
    // Predictions before the interruption steer the generations after it.
    expect(readFileSync(stopped.evaluationsCsv, 'utf8')).toMatch(/,predicted\n/);
    const resumed = await runSearch({ space: space(), outDir: dir, evaluator, backend: 'in-thread', resume: true });
    expect(readFileSync(resumed.evaluationsCsv, 'utf8')).toBe(text);
    expect(readFileSync(resumed.paretoCsv, 'utf8')).toBe(readFileSync(whole.paretoCsv, 'utf8'));
    await expect(runSearch({ space: space({ lazy: true }), outDir: dir, evaluator, backend: 'in-thread', resume: true })).rejects.toThrow(/^resume: /);
  });

  it('refuses a lazy value it does not know, and --lazy-predict with --early-stop, in one line', () => {
    expect(refusal(() => space({ lazy: 'predicted' }))).toBe('lazy-predict.json: lazy: got "predicted", expected true, false, "early-stop", "predict" or "exact" (measure expensive metrics lazily; "early-stop" also stops a measurement proven below a constraint, "predict" also skips designs predicted infeasible, "exact" also measures every design the selection keeps)');
    expect(refusal(() => space({ lazy: 'early_stop' }))).toMatch(/^lazy-predict\.json: lazy: got "early_stop", expected true, false, "early-stop", "predict" or "exact" \(.*\) \(did you mean "early-stop"\?\)$/);
    expect(refusal(() => lazyFlag({ lazyPredict: true, earlyStop: true })))
      .toBe('--lazy-predict: got --early-stop too, expected one of --lazy-predict, --lazy-exact, --early-stop (the lazy modes do not combine)');
    expect(lazyFlag({ lazy: true, lazyPredict: true })).toEqual({ lazy: 'predict' });
    expect(lazyFlag({ lazy: true, earlyStop: true })).toEqual({ lazy: 'early-stop' });
    expect(lazyFlag({})).toEqual({});
    // The hint an interrupted run prints repeats the flag, so following it resumes the same run.
    expect(continueFlags({ lazyPredict: true, seed: 2 })).toBe(' --seed 2 --lazy-predict');
  });
});
