/**
 * The grid evaluates ahead when the problem's batches are independent (Problem.independentBatches): chunks of
 * GRID_CHUNK_POINTS requested, two in flight, but the same batches, records and generations as one batch at a time;
 * a stop waits for the batches in flight.
 */
import { describe, expect, it } from 'vitest';
import { GRID_CHUNK_POINTS, gridSearch, type EvaluationResult, type Problem, type Solution } from '../../../src/search/index.js';

function problem(independentBatches: boolean, log: { calls: number[]; running: number; maxRunning: number }): Problem {
  return {
    variables: [
      { name: 'a', kind: 'integer', min: 0, max: 79 },
      { name: 'b', kind: 'choice', values: ['x', 'y', 'z'] },
      { name: 'c', kind: 'real', min: 0, max: 1, steps: 21 },
    ],
    objectives: ['min', 'max'],
    independentBatches,
    evaluate: () => ({ objectives: [0, 0] }),
    async evaluateBatch(xs: Solution[]): Promise<EvaluationResult[]> {
      log.calls.push(xs.length);
      log.maxRunning = Math.max(log.maxRunning, ++log.running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.running--;
      return xs.map((x) => ({ objectives: [Number(x.a) + Number(x.c), Number(x.a) * (x.b === 'y' ? 2 : 1)] }));
    },
  };
}

describe('grid evaluating ahead', () => {
  it('gives the records of one batch at a time, in chunks with two in flight', async () => {
    const serial = { calls: [] as number[], running: 0, maxRunning: 0 };
    const ahead = { calls: [] as number[], running: 0, maxRunning: 0 };
    const a = await gridSearch(problem(false, serial), { batchSize: 100 });
    const b = await gridSearch(problem(true, ahead), { batchSize: 100 });
    expect(a.evaluations.length).toBe(80 * 3 * 21);
    expect(b.evaluations.map((r) => [r.index, r.generation, r.x, r.result.objectives])).toStrictEqual(a.evaluations.map((r) => [r.index, r.generation, r.x, r.result.objectives]));
    expect(b.front.map((r) => r.index)).toStrictEqual(a.front.map((r) => r.index));
    expect(serial.maxRunning).toBe(1);
    expect(serial.calls.every((n, i) => n === 100 || i === serial.calls.length - 1)).toBe(true);
    expect(ahead.maxRunning).toBe(2);
    expect(ahead.calls[0]).toBe(Math.floor(GRID_CHUNK_POINTS / 100) * 100);
  });

  it('stops between batches with nothing left running', async () => {
    const log = { calls: [] as number[], running: 0, maxRunning: 0 };
    const controller = new AbortController();
    const r = await gridSearch(problem(true, log), { batchSize: 50, signal: controller.signal, onGeneration: (info) => { if (info.generation === 2) controller.abort(); } });
    expect(r.stopReason).toBe('aborted');
    expect(r.evaluations.length).toBe(150);
    expect(log.running).toBe(0);
  });
});
