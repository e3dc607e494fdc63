import { afterEach, describe, expect, it } from 'vitest';
import { EvaluationPool } from '../../../src/search/index.js';

const evaluator = new URL('./fixtures/evaluator.ts', import.meta.url);
let pool: EvaluationPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('EvaluationPool', () => {
  it('returns outcomes in input order and batches many configurations per task', async () => {
    pool = new EvaluationPool({ evaluator, context: { offset: 1 }, workers: 2 });
    const items = Array.from({ length: 100 }, (_, x) => ({ x }));
    const out = await pool.evaluate(items);
    expect(out.map((o) => o.metrics?.y)).toEqual(items.map(({ x }) => 2 * x + 1));
    // 100 items over 2 workers x 4 tasks each: 8 tasks of ceil(100 / 8) = 13 items.
    expect(pool.tasks).toBe(8);
    expect(pool.evaluated).toBe(100);
  });

  it('evaluates identical configurations once (key order does not matter)', async () => {
    pool = new EvaluationPool({ evaluator, context: { offset: 0 }, workers: 1 });
    const out = await pool.evaluate([{ x: 3, mode: 'ok' }, { mode: 'ok', x: 3 }, { x: 4, mode: 'ok' }]);
    expect(out.map((o) => o.metrics?.y)).toEqual([6, 6, 8]);
    expect(pool.evaluated).toBe(2);
    await pool.evaluate([{ x: 4, mode: 'ok' }]);
    expect(pool.evaluated).toBe(2);
  });

  it('records a throwing evaluation with its message and goes on', async () => {
    pool = new EvaluationPool({ evaluator, context: { offset: 0 }, workers: 1 });
    const out = await pool.evaluate([{ x: 1 }, { x: 2, mode: 'throw' }, { x: 3 }]);
    expect(out).toEqual([{ metrics: expect.objectContaining({ y: 2 }) }, { error: 'cannot evaluate x=2' }, { metrics: expect.objectContaining({ y: 6 }) }]);
    expect(pool.tasks).toBe(3); // 3 items on 1 worker: 3 tasks of 1, none rerun after the throw
  });

  it('records a crashing worker against the configuration it was on, replaces it and finishes the batch', async () => {
    pool = new EvaluationPool({ evaluator, context: { offset: 0 }, workers: 1, maxBatch: 10 });
    const out = await pool.evaluate([{ x: 1 }, { x: 2 }, { x: 3, mode: 'crash' }, { x: 4 }]);
    expect(out[0].metrics?.y).toBe(2);
    expect(out[1].metrics?.y).toBe(4);
    expect(out[2].error).toMatch(/^worker crashed: .*\(worker replaced\)$/);
    expect(out[3].metrics?.y).toBe(8);
    const threadBefore = out[0].metrics?.thread;
    expect(out[3].metrics?.thread).not.toBe(threadBefore);
    // The replacement keeps serving.
    expect((await pool.evaluate([{ x: 10 }]))[0].metrics?.y).toBe(20);
  });

  it('stops an evaluation that exceeds the time limit, records it as failed and goes on', async () => {
    pool = new EvaluationPool({ evaluator, context: { offset: 0 }, workers: 2, evalTimeout_ms: 300 });
    const out = await pool.evaluate([{ x: 1 }, { x: 2, mode: 'hang' }, { x: 3, mode: 'slow' }, { x: 4 }]);
    expect(out.map((o) => o.metrics?.y)).toEqual([2, undefined, 6, 8]);
    expect(out[1].error).toBe('evaluation exceeded the time limit of 300 ms (worker replaced)');
    expect((await pool.evaluate([{ x: 5, mode: 'hang' }, { x: 6 }])).map((o) => o.error ?? o.metrics?.y)).toEqual([
      'evaluation exceeded the time limit of 300 ms (worker replaced)',
      12,
    ]);
  });
});
