/**
 * A worker opens its evaluator as soon as it starts (src/search/backend/worker.ts), before any task: when that fails,
 * every later task still gets one outcome per item recording the setup error, for plain batches and for grid ranges
 * alike, and the worker is not replaced (no task is run again). A setup that fails while the worker is idle is not
 * an unhandled rejection (which would kill the worker).
 */
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { PiscinaBackend } from '../../../src/search/backend/piscina.js';
import { packItems, unpackOutcomes, type PoolSetup, type PoolTaskResult } from '../../../src/search/backend/protocol.js';
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
      // No wait for the eager open: an idle worker blocks in piscina's Atomics wait, so it fails as the task comes (the test below covers an idle failure).
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

describe('a worker whose evaluator setup fails while it is idle', () => {
  it('stays alive: the failure is reported by the next task, not thrown as an unhandled rejection', async () => {
    // Piscina's default Atomics wait blocks an idle worker's event loop, so the failure could only land once a task
    // came (and awaited it). Without Atomics the worker's setup runs to its failure before any task: what a
    // worker whose setup outlasts its start-up (or a piscina that does not block) meets.
    const channel = `worker-setup-${process.pid}`;
    const failing = new Promise((resolve) => {
      const listener = new BroadcastChannel(channel);
      listener.onmessage = () => {
        listener.close();
        resolve(undefined);
      };
    });
    const setup: PoolSetup = { evaluator: new URL('../fixtures/failingSetupEvaluator.ts', import.meta.url).href, context: { channel } };
    const pool = new Piscina({
      filename: new URL('../../../src/search/backend/worker.ts', import.meta.url).pathname,
      execArgv: ['--import', 'tsx'], workerData: setup, minThreads: 1, maxThreads: 1, atomics: 'disabled',
    });
    const errors: string[] = [];
    pool.on('error', (error: Error) => errors.push(error.message));
    try {
      await failing;
      // The rejection is settled in the tick that announced it: a worker it killed cannot run this task.
      const result = (await pool.run({ items: packItems([{ x: 1 }]), progress: new SharedArrayBuffer(4) })) as PoolTaskResult;
      expect(unpackOutcomes(result.outcomes).map((o) => o.error)).toEqual(['evaluator setup failed: setup failed on purpose']);
      expect(errors).toEqual([]);
    } finally {
      await pool.destroy();
    }
  }, 60_000);
});
