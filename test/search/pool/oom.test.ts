/** A worker that runs out of heap is replaced and its configuration recorded as failed; the process goes on (issue 12). */
import { describe, expect, it } from 'vitest';
import { defaultWorkerHeapMb, PiscinaBackend } from '../../../src/search/index.js';

const evaluator = new URL('./fixtures/evaluator.ts', import.meta.url);

describe('worker heap limit', () => {
  it('records an out-of-memory evaluation as failed, replaces the worker and finishes the batch', async () => {
    const backend = new PiscinaBackend({ evaluator, context: { offset: 0 }, workers: 1, maxBatch: 10, workerHeap_mb: 64 });
    try {
      const out = await backend.evaluate([{ x: 1 }, { x: 2, mode: 'oom' }, { x: 3 }]);
      expect(out[0].metrics?.y).toBe(2);
      expect(out[1].error).toBe('evaluation ran out of memory (worker heap limit reached; worker replaced)');
      expect(out[2].metrics?.y).toBe(6);
      expect((await backend.evaluate([{ x: 10 }]))[0].metrics?.y).toBe(20);
    } finally {
      await backend.close();
    }
  }, 60_000);

  it('gives each worker between 512 MB and 4 GB by default', () => {
    expect(defaultWorkerHeapMb(1_000_000)).toBe(512);
    expect(defaultWorkerHeapMb(1)).toBeLessThanOrEqual(4096);
  });
});
