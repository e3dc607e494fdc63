/**
 * Hardware accuracy on worker threads (`cosearch evaluate --workers N`): accuracyProgress.ts's chunks go to a piscina
 * pool, N at a time, and their results come back in the same form, so the accuracy equals one thread's exactly
 * (test/app/accuracyPool.test.ts). Each worker loads the weights and the test set once (~0.4 s of CPU) and keeps them
 * for its later chunks.
 */
import { Piscina } from 'piscina';
import { ConfigError } from '../core/index.js';
import { defaultWorkerHeapMb } from '../search/index.js';
import { workerFile } from '../util/workerFile.js';
import type { ChunkRunner, ChunkResult } from './accuracyProgress.js';
import type { AccuracyWorkerData, ChunkReply, ChunkTask } from './accuracyWorker.js';
import type { SnnWeights } from '../snn/weights.js';

export interface AccuracyPool {
  readonly runner: ChunkRunner;
  readonly workers: number;
  close(): Promise<void>;
}

/** A pool of `workers` threads; `weights`: what every worker uses instead of the shipped weights of their network. */
export function accuracyPool(workers: number, weights?: SnnWeights): AccuracyPool {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: got ${workers}, expected an integer >= 1`);
  const file = workerFile(import.meta.url, 'accuracyWorker');
  const workerData: AccuracyWorkerData = weights ? { weights } : {};
  // The search's workers' heap limit (half the machine's memory shared): a runaway chunk fails, not the machine.
  const pool = new Piscina<ChunkTask, ChunkReply>({ filename: file.filename, execArgv: file.execArgv, minThreads: workers, maxThreads: workers,
    workerData, resourceLimits: { maxOldGenerationSizeMb: defaultWorkerHeapMb(workers) } });
  return {
    workers,
    runner: async (network, config, chunk): Promise<ChunkResult> => {
      const reply = await pool.run({ network, config, chunk });
      if ('configError' in reply) throw new ConfigError(reply.configError);
      return reply.result;
    },
    close: () => pool.destroy(),
  };
}
