/**
 * The grid's fast path (src/search/run/gridRange.ts: workers write ranges of rows as CSV bytes) gives the very
 * files of the strategy's path through SearchRun (a backend without evaluateRange): rows with failures and
 * infeasible points, generations that do not line up with the ranges, the front, the hypervolume per generation,
 * the stop; and a run interrupted on one path resumes on the other to the same files.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { InThreadBackend, PiscinaBackend, runSearch, type EvaluationBackend, type EvaluatorContext, type RunSearchOptions } from '../../src/search/index.js';
import { rangePlanId } from '../../src/search/run/gridRange.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { FIXTURE_METRICS, FIXTURE_SPACE } from './fixtures/hardwareEvaluator.js';

const context = simulatorSpaceContext({ metrics: FIXTURE_METRICS, weightLayers: () => ['conv1', 'conv2', 'fc'] });
// 320 points in batches of 7: generations straddle the ranges; bitsPerCell 3 with adc.bits 2 fails.
const space = parseSpace({ ...FIXTURE_SPACE, strategy: { name: 'grid', batchSize: 7 }, budget: { evaluations: 320 } }, context, { file: 'fixture.json' });
const module = new URL('./fixtures/hardwareEvaluator.ts', import.meta.url);
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-grid-range-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** The backends' evaluate only: the engine then runs the grid strategy through SearchRun. */
function itemsOnly(inner: EvaluationBackend): EvaluationBackend {
  return { parallelism: inner.parallelism, evaluate: (items) => inner.evaluate(items), close: () => inner.close() };
}
/** A backend whose range tasks all fail (a crashed worker): every range is evaluated again item by item. */
function failingRanges(inner: InThreadBackend): EvaluationBackend {
  return { parallelism: 2, evaluate: (items) => inner.evaluate(items), evaluateRange: () => Promise.reject(new Error('worker crashed')), close: () => inner.close() };
}

type Make = (context: EvaluatorContext) => EvaluationBackend;
const inThread: Make = (c) => new InThreadBackend({ evaluator: module, context: c });
const slow: Make = (c) => itemsOnly(inThread(c));
const piscina = (workers: number): Make => (c) => new PiscinaBackend({ evaluator: module, context: c, workers });

const run = (backend: Make, extra: Partial<RunSearchOptions> = {}) => runSearch({ space, outDir: tmp(), backend, metrics: FIXTURE_METRICS, ...extra });

function files(dir: string): { csv: string; pareto: string; manifest: Record<string, unknown> } {
  const m = JSON.parse(read(dir, 'manifest.json')) as Record<string, unknown>;
  const { status, stopReason, evaluations, failedEvaluations, feasibleEvaluations, paretoSize, hypervolumeReference, hypervolumeByGeneration } = m;
  return { csv: read(dir, 'evaluations.csv'), pareto: read(dir, 'pareto.csv'), manifest: { status, stopReason, evaluations, failedEvaluations, feasibleEvaluations, paretoSize, hypervolumeReference, hypervolumeByGeneration } };
}

describe('grid ranges written by the workers', () => {
  it('give byte for byte the files of the strategy path, in-thread, on 1 and 2 workers and when every range task fails', async () => {
    const reference = files((await run(slow)).dir);
    expect(reference.csv.split('\n').length).toBe(322);
    expect(reference.csv).toContain('simulated failure');
    expect(reference.csv).toContain(',false,');
    expect(reference.manifest).toMatchObject({ status: 'completed', stopReason: 'evaluations', evaluations: 320 });
    for (const backend of [inThread, piscina(1), piscina(2), (c: EvaluatorContext) => failingRanges(new InThreadBackend({ evaluator: module, context: c }))]) {
      expect(files((await run(backend)).dir)).toStrictEqual(reference);
    }
  }, 60_000);

  it('stop between generations, and a run interrupted on either path resumes on the other to the same files', async () => {
    const reference = files((await run(slow)).dir);
    for (const [first, second] of [[slow, inThread], [inThread, slow], [inThread, piscina(2)]] as const) {
      let generations = 0;
      const stopped = await run(first, { shouldStop: () => ++generations >= 11 });
      expect(stopped.status).toBe('interrupted');
      expect(stopped.evaluations).toBe(77);
      expect(read(stopped.dir, 'evaluations.csv')).toBe(reference.csv.split('\n').slice(0, 78).join('\n') + '\n');
      const resumed = await runSearch({ space, outDir: stopped.dir, backend: second, metrics: FIXTURE_METRICS, resume: true });
      expect(resumed.status).toBe('completed');
      expect(files(stopped.dir)).toStrictEqual(reference);
    }
  }, 60_000);

  it('requests the first ranges before the first manifest (its git process runs meanwhile), and writes no row before it', async () => {
    const reference = files((await run(slow)).dir);
    const dir = tmp();
    const seen: { manifest: boolean; csvLines: number }[] = [];
    const watched: Make = (c) => {
      const inner = inThread(c) as InThreadBackend;
      return {
        parallelism: 1, evaluate: (items) => inner.evaluate(items), close: () => inner.close(),
        evaluateRange: (plan, from, to) => {
          seen.push({ manifest: existsSync(join(dir, 'manifest.json')), csvLines: read(dir, 'evaluations.csv').split('\n').length });
          return inner.evaluateRange(plan, from, to);
        },
      };
    };
    const result = await runSearch({ space, outDir: dir, backend: watched, metrics: FIXTURE_METRICS });
    expect(seen[0]).toEqual({ manifest: false, csvLines: 2 });
    expect(seen.at(-1)?.manifest).toBe(true);
    expect(files(result.dir)).toStrictEqual(reference);
    expect(result.manifest.provenance).toHaveProperty('node', process.version);
  }, 60_000);

  it("gives each range's spent bytes back with a later request, once, and the files stay the same (in-thread: the same memory)", async () => {
    // 2,560 points: enough ranges for spent ones to come back before the grid's end.
    const bigger = parseSpace({ ...FIXTURE_SPACE, base: {}, parameters: { ...FIXTURE_SPACE.parameters, 'snn.timesteps': [1, 2, 3, 4, 5, 6, 7, 8] }, strategy: { name: 'grid', batchSize: 7 }, budget: { evaluations: 2560 } }, context, { file: 'fixture.json' });
    const runBigger = (backend: Make) => runSearch({ space: bigger, outDir: tmp(), backend, metrics: FIXTURE_METRICS });
    const reference = files((await runBigger(slow)).dir);
    // The memory of each range that came back (by its first row), until it is given back.
    const returned = new Map<ArrayBufferLike, number>();
    const given: { spare: ArrayBufferLike; from: number; of: number | undefined; reused: boolean }[] = [];
    const recycling: Make = (c) => {
      const inner = inThread(c) as InThreadBackend;
      return {
        parallelism: 1, evaluate: (items) => inner.evaluate(items), close: () => inner.close(),
        evaluateRange: async (plan, from, to, spare) => {
          const of = spare && returned.get(spare.buffer);
          if (spare) returned.delete(spare.buffer);
          const r = await inner.evaluateRange(plan, from, to, spare);
          if (spare) given.push({ spare: spare.buffer, from, of, reused: r.bytes.buffer === spare.buffer });
          returned.set(r.bytes.buffer, from);
          return r;
        },
      };
    };
    expect(files((await runBigger(recycling)).dir)).toStrictEqual(reference);
    // Spares come back once ranges are consumed while others are still to be asked for; near the grid's end ranges
    // shrink (guided self-scheduling), so a spent range's memory fits a later one.
    expect(given.length).toBeGreaterThanOrEqual(2);
    expect(given.some((g) => g.reused)).toBe(true);
    // Each spare is the memory of a range that came back before, for an earlier part of the grid, given back once.
    for (const g of given) expect(g.of).toBeLessThan(g.from);
  }, 60_000);

  it('asks for the next range when one comes back while an earlier one is still out (a slow worker holds no other idle)', async () => {
    const reference = files((await run(slow)).dir);
    const requested: number[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const headHeld: Make = (c) => {
      const inner = inThread(c) as InThreadBackend;
      return {
        parallelism: 1, evaluate: (items) => inner.evaluate(items), close: () => inner.close(),
        evaluateRange: async (plan, from, to) => {
          requested.push(from);
          if (from === 0) await held;
          return inner.evaluateRange(plan, from, to);
        },
      };
    };
    const result = run(headHeld);
    // Range 0 is out and awaited; the ranges after it come back, and each return asks for the next, until 4 are held
    // (per unit of parallelism) besides the one awaited. Before, nothing was asked for until range 0 returned: 3 in all.
    for (let waited = 0; requested.length < 5 && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(requested.length).toBe(5);
    expect(requested[0]).toBe(0);
    release();
    expect(files((await result).dir)).toStrictEqual(reference);
  }, 60_000);

  it('share one backend between runs of different spaces: each run gets its own files (plans are named by content)', async () => {
    // The workers keep what they built per plan id (line writer, scoring lists, warm-up): a second space must not
    // be written with the first one's. Here the crossbar sizes (values and grid size) and the batch size (generation column) differ.
    const other = parseSpace({ ...FIXTURE_SPACE, parameters: { ...FIXTURE_SPACE.parameters, 'crossbar.size': [128, 64] }, strategy: { name: 'grid', batchSize: 5 }, budget: { evaluations: 160 } }, context, { file: 'other.json' });
    const runOf = (s: typeof space, backend: Make) => runSearch({ space: s, outDir: tmp(), backend, metrics: FIXTURE_METRICS }).then((r) => files(r.dir));
    // References from the strategy's path (no ranges, nothing kept per plan).
    const alone = { first: await runOf(space, slow), second: await runOf(other, slow) };
    expect(alone.second.csv).not.toBe(alone.first.csv);
    for (const make of [inThread, piscina(2)]) {
      // One backend for the three runs, created by the first (the spaces share network, base and metrics), closed at the end.
      let shared: EvaluationBackend | undefined;
      const kept: Make = (c) => {
        const b = (shared ??= make(c));
        return { parallelism: b.parallelism, evaluate: (items) => b.evaluate(items), evaluateRange: b.evaluateRange!.bind(b), close: () => Promise.resolve() };
      };
      const sequence = { first: await runOf(space, kept), second: await runOf(other, kept), again: await runOf(space, kept) };
      await shared?.close();
      expect(sequence).toStrictEqual({ ...alone, again: alone.first });
    }
  }, 60_000);
});

describe('rangePlanId', () => {
  const content = { variables: space.variables, metrics: ['energy_pJ', 'area_mm2'], objectives: space.objectives, constraints: space.constraints, batchSize: 7 };
  it('depends on the content only: equal plans built apart share an id', () => {
    expect(rangePlanId(structuredClone(content))).toBe(rangePlanId(content));
    expect(rangePlanId(content)).toMatch(/^[0-9a-f]{32}$/);
  });
  it('differs when anything a worker writes or scores by differs', () => {
    const id = rangePlanId(content);
    const changed = [
      { ...content, batchSize: 8 },
      { ...content, metrics: ['energy_pJ'] },
      { ...content, variables: [{ ...content.variables[0], values: [...content.variables[0].values].reverse() }, ...content.variables.slice(1)] },
      { ...content, objectives: content.objectives.map((o, k) => (k === 0 ? { ...o, sense: o.sense === 'min' ? 'max' as const : 'min' as const } : o)) },
      { ...content, constraints: [{ metric: 'energy_pJ', max: 1 }] },
    ];
    for (const c of changed) expect(rangePlanId(c)).not.toBe(id);
  });
  it('tells non-finite numbers apart (JSON writes each as null)', () => {
    const bound = (max: number) => ({ ...content, constraints: [{ metric: 'energy_pJ', max }] });
    expect(new Set([Infinity, -Infinity, Number.NaN, 1e308].map((max) => rangePlanId(bound(max)))).size).toBe(4);
  });
});
