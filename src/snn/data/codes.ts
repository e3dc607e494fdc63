/**
 * Spike codes of plain MNIST for comparison with the event dataset (784 inputs, values 0/1):
 * - rate: Poisson/Bernoulli rate code, P(spike at t) = I (I = pixel / 255, i.e. r_max * dt = 1);
 * - latency: time to first spike, one spike at t = round((T - 1)(1 - I)) for every pixel with I > 0 (brighter = earlier).
 * Both as in the PipeSDFA notes §4.3 step 5 (docs/sources.md#spike-codes). One seeded stream per sample.
 */
import { createRng } from '../../util/rng.js';
import { MNIST_PIXELS } from '../mnist.js';
import type { FrameSetBuilder } from './frames.js';

export const SPIKE_CODES = ['rate', 'latency'] as const;
export type SpikeCode = (typeof SPIKE_CODES)[number];

/** Append the T frames of one 28x28 image coded by `code` (seed used only by the rate code). */
export function pushCodedFrames(b: FrameSetBuilder, image: Uint8Array, code: SpikeCode, seed: string, dense: Uint16Array): void {
  const T = b.timesteps;
  if (code === 'rate') {
    const rng = createRng(seed);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < MNIST_PIXELS; i++) if (rng.next() < image[i] / 255) dense[i] = 1;
      b.pushDense(dense);
    }
    return;
  }
  const fire = new Int32Array(MNIST_PIXELS).fill(-1);
  for (let i = 0; i < MNIST_PIXELS; i++) if (image[i] > 0) fire[i] = Math.round((T - 1) * (1 - image[i] / 255));
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < MNIST_PIXELS; i++) if (fire[i] === t) dense[i] = 1;
    b.pushDense(dense);
  }
}
