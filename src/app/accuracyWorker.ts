/**
 * A worker thread of accuracyPool.ts: evaluates one chunk of a network's test samples on a hardware configuration,
 * with the weights the pool was given (workerData.weights, `cosearch evaluate --weights`) in place of the shipped ones.
 */
import { Piscina } from 'piscina';
import { ConfigError } from '../core/index.js';
import type { HardwareConfig } from '../hardware/config.js';
import type { Network } from '../model/types.js';
import { useGivenWeights, type SnnWeights } from '../snn/weights.js';
import { evaluateChunk, type AccuracyChunk, type ChunkResult } from './accuracyProgress.js';

export interface ChunkTask {
  readonly network: Network;
  readonly config: HardwareConfig;
  readonly chunk: AccuracyChunk;
}

export interface AccuracyWorkerData {
  readonly weights?: SnnWeights;
}

const setup: AccuracyWorkerData = Piscina.workerData ?? {};
if (setup.weights) useGivenWeights(setup.weights);

/**
 * A chunk's result, or the message of an input mistake: an error crossing the thread boundary loses its class, and
 * a ConfigError must still reach the CLI as one (one line, exit 1), as it does from one thread.
 */
export type ChunkReply = { readonly result: ChunkResult } | { readonly configError: string };

export default function runChunk({ network, config, chunk }: ChunkTask): ChunkReply {
  try {
    return { result: evaluateChunk(network, config, chunk) };
  } catch (error) {
    if (error instanceof ConfigError) return { configError: error.message };
    throw error;
  }
}
