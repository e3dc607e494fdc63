/**
 * A worker opens its evaluator as soon as it starts (src/search/backend/worker.ts), before any task: when that fails,
 * every later task still gets one outcome per item recording the setup error, for plain batches and for grid ranges
 * alike, and the worker is not replaced (no task is run again).
 */
import { describe, expect, it } from 'vitest';
import { PiscinaBackend } from '../../../src/search/backend/piscina.js';
import { RANGE_FAILED, type RangePlan } from '../../../src/search/backend/types.js';

const missing = new URL('./no-such-evaluator.ts', import.meta.url);
const plan: RangePlan = {
  id: 'setup-failure', variables: [{ name: 'x', path: 'x', targets: ['x'], values: [1, 2, 3] }], metrics: [],
  objectives: [{ metric: 'e', sense: 'min' }], constraints: [], batchSize: 2,
};

describe('a worker whose evaluator cannot be built', () => {
  it('records "evaluator setup failed" for every item and every range row, and is not replaced', async () => {
    const backend = new PiscinaBackend({ evaluator: missing, context: {}, workers: 1 });
    try {
      // Let the thread start and its eager open fail before the first task.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const outcomes = await backend.evaluate([{ x: 1 }, { x: 2 }]);
      expect(outcomes).toHaveLength(2);
      for (const o of outcomes) expect(o.error).toMatch(/^evaluator setup failed: /);
      const range = await backend.evaluateRange(plan, 0, 3);
      expect(Array.from(range.status)).toStrictEqual([RANGE_FAILED, RANGE_FAILED, RANGE_FAILED]);
      const lines = Buffer.from(range.bytes).toString('utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line).toMatch(/,evaluator setup failed: /);
      expect(backend.tasks).toBe(3); // two batches of one item, one range: nothing rerun after a crash
    } finally {
      await backend.close();
    }
  });
});
