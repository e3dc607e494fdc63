import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../../src/app/index.js';
import { parseCsv } from '../../../src/io/run/index.js';
import { measuringContext, sampleEstimates, samplesOf, stopFloors, stopFloorsOf, stoppedAt } from '../../../src/search/lazy/earlyStop.js';
import { parseLazyStatus } from '../../../src/search/lazy/stage.js';
import { parseSpace } from '../../../src/search/space/parse.js';
import { FIXTURE_SPACE } from '../fixtures/hardwareEvaluator.js';
import { FIXTURE_METRICS, SAMPLES } from '../fixtures/lazyStopEvaluator.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
const evaluator = { module: new URL('../fixtures/lazyStopEvaluator.ts', import.meta.url), metrics: FIXTURE_METRICS, expensive: { accuracy: 1 } };
const space = (extra: Record<string, unknown> = {}) => parseSpace({
  ...FIXTURE_SPACE, name: 'lazy-stop', constraints: ['accuracy >= 0.7', 'area_mm2 <= 12'], strategy: { name: 'grid', batchSize: 40 }, ...extra,
}, context, { file: 'lazy-stop.json' });
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-lazystop-'));
const read = (dir: string, file: string) => parseCsv(readFileSync(join(dir, file), 'utf8'));

describe('lazy early stop: the protocol', () => {
  it('stops only below a min constraint on an expensive metric whose best value lies above it', () => {
    const bounds = { accuracy: 1, macError_rms: 0 };
    const constraints = [
      { metric: 'accuracy', min: 0.8 }, { metric: 'accuracy', min: 0.9 }, { metric: 'macError_rms', max: 0.1 }, { metric: 'area_mm2', min: 1 },
    ];
    expect(stopFloors({ constraints }, bounds)).toEqual({ accuracy: 0.9 });
    expect(stopFloors({ constraints: [{ metric: 'accuracy', min: 1.2 }] }, bounds)).toEqual({});
  });

  it('gives the measuring backend the floors and asks for the sample counts; an evaluator reads them back', () => {
    const base = { network: 'n', base: {}, needed: ['energy_uJ', 'accuracy'] };
    const measuring = measuringContext(base, { accuracy: 0.9 });
    expect(measuring.needed).toEqual(['energy_uJ', 'accuracy', 'accuracy:samples', 'accuracy:planned']);
    expect(stopFloorsOf(measuring)).toEqual({ accuracy: 0.9 });
    expect(measuringContext(base, {})).toBe(base);
    expect(stopFloorsOf({ stopBelow: 'x' })).toEqual({});
    expect(stopFloorsOf({ stopBelow: { accuracy: '0.9', macSnr_dB: 3 } })).toEqual({ macSnr_dB: 3 });
    const stopped = { metrics: { accuracy: 0.85, 'accuracy:samples': 23, 'accuracy:planned': 100 } };
    expect(stoppedAt(stopped, { accuracy: 0.9 })).toEqual({ samples: 23, planned: 100 });
    expect(samplesOf(stopped, { accuracy: 0.9 })).toBe(23);
    expect(stoppedAt({ metrics: { accuracy: 0.95, 'accuracy:samples': 100, 'accuracy:planned': 100 } }, { accuracy: 0.9 })).toBeUndefined();
    expect(stoppedAt({ metrics: { accuracy: 0.5 } }, { accuracy: 0.9 })).toBeUndefined();
    // 23 samples, 12 wrong: bound (100 - 12) / 100, estimate 11 / 23.
    expect(sampleEstimates({ accuracy: 0.88, area: 2 }, { accuracy: 0.9 }, '23/100')).toEqual({ accuracy: 11 / 23, area: 2 });
    expect(sampleEstimates({ accuracy: 0.95 }, { accuracy: 0.9 }, '23/100')).toEqual({ accuracy: 0.95 });
    expect(parseLazyStatus('bound:23/100', 'r')).toBe('bound');
    expect(() => parseLazyStatus('bound', 'r')).toThrow(/^r: got "bound", expected one of /);
  });
});

describe('lazy early stop: a grid run', () => {
  it('writes the eager front; a stopped row says bound:k/N, holds an upper bound of the eager accuracy below the floor, and took fewer samples', async () => {
    const eager = await runSearch({ space: space(), outDir: tmp(), evaluator, backend: 'in-thread' });
    const lazy = await runSearch({ space: space({ lazy: 'early-stop' }), outDir: tmp(), evaluator, backend: 'in-thread' });
    expect(read(lazy.dir, 'pareto.csv').records.map((r) => r.slice(0, -1))).toEqual(read(eager.dir, 'pareto.csv').records);
    const e = read(eager.dir, 'evaluations.csv');
    const l = read(lazy.dir, 'evaluations.csv');
    const acc = e.header.indexOf('accuracy');
    const feasible = e.header.indexOf('feasible');
    const violation = e.header.indexOf('violation');
    let bound = 0;
    let samples = 0;
    l.records.forEach((r, i) => {
      const cell = r.at(-1) ?? '';
      const truth = e.records[i];
      const m = /^bound:(\d+)\/(\d+)$/.exec(cell);
      if (m) {
        bound++;
        samples += Number(m[1]);
        expect(Number(m[2])).toBe(SAMPLES);
        expect(Number(m[1])).toBeLessThan(SAMPLES);
        expect(Number(r[acc])).toBeLessThan(0.7);
        expect(Number(r[acc])).toBeGreaterThanOrEqual(Number(truth[acc]));
        expect(r[feasible]).toBe('false');
        expect(truth[feasible]).toBe('false');
        // The violation the strategy ranks by: at the samples' estimate, at least the bound's.
        const right = Math.round(Number(r[acc]) * SAMPLES - (SAMPLES - Number(m[1])));
        expect(Number(r[violation])).toBeCloseTo((0.7 - right / Number(m[1])) / 0.7, 12);
        if (Number(r[acc]) > right / Number(m[1])) expect(Number(r[violation])).toBeGreaterThan((0.7 - Number(r[acc])) / 0.7);
      } else if (cell === 'true') {
        samples += SAMPLES;
        expect(r.slice(0, -1)).toEqual(truth);
      }
    });
    const counts = lazy.lazy;
    expect(bound).toBeGreaterThan(0);
    expect(counts?.boundRows).toBe(bound);
    expect(counts?.samples).toBe(samples);
    expect(counts?.measurements).toBe((counts?.measuredRows ?? 0) + bound);
    expect(samples).toBeLessThan((counts?.measurements ?? 0) * SAMPLES);
  });

  it('is opt-in: "lazy": true measures in full (no bound rows), and the two modes have different fingerprints', async () => {
    const plain = await runSearch({ space: space({ lazy: true }), outDir: tmp(), evaluator, backend: 'in-thread' });
    const stopping = await runSearch({ space: space({ lazy: 'early-stop' }), outDir: tmp(), evaluator, backend: 'in-thread' });
    expect(readFileSync(plain.evaluationsCsv, 'utf8')).not.toMatch(/bound:/);
    expect(readFileSync(stopping.evaluationsCsv, 'utf8')).toMatch(/bound:/);
    expect(plain.lazy?.boundRows).toBe(0);
    const fingerprint = (dir: string) => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { fingerprint: string }).fingerprint;
    expect(fingerprint(plain.dir)).not.toBe(fingerprint(stopping.dir));
  });

  it('resumes a run with stopped rows to the uninterrupted CSV (NSGA-II)', async () => {
    const nsga = space({ lazy: 'early-stop', strategy: { name: 'nsga2', populationSize: 16, generations: 6 } });
    const whole = await runSearch({ space: nsga, outDir: tmp(), evaluator, backend: 'in-thread' });
    const text = readFileSync(whole.evaluationsCsv, 'utf8');
    expect(text).toMatch(/,bound:\d+\/50\n/);
    const dir = tmp();
    let batches = 0;
    await runSearch({ space: nsga, outDir: dir, evaluator, backend: 'in-thread', onProgress: () => batches++, shouldStop: () => batches >= 3 });
    const resumed = await runSearch({ space: nsga, outDir: dir, evaluator, backend: 'in-thread', resume: true });
    expect(readFileSync(resumed.evaluationsCsv, 'utf8')).toBe(text);
  });
});
