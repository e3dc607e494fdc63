/** Sparse frames from dense ones, built by hand (not by the code under test): shared by the SNN learning tests. */
import type { FrameSet } from '../../src/snn/data/frames.js';

/** Frames (dense arrays of inputs) CSR-style: frame f's non-zero inputs are index/value[offsets[f] .. offsets[f + 1]]. */
export function sparseFrames(dense: readonly (readonly number[])[]): { offsets: number[]; index: number[]; value: number[] } {
  const offsets = [0];
  const index: number[] = [];
  const value: number[] = [];
  for (const f of dense) {
    f.forEach((v, i) => {
      if (v !== 0) {
        index.push(i);
        value.push(v);
      }
    });
    offsets.push(index.length);
  }
  return { offsets, index, value };
}

/** A frame set from dense frames: one list of frames per sample, one label per sample. */
export function frameSetOf(samples: readonly (readonly (readonly number[])[])[], labels: readonly number[]): FrameSet {
  const { offsets, index, value } = sparseFrames(samples.flat());
  return { inputs: samples[0][0].length, timesteps: samples[0].length, count: samples.length, labels: Uint8Array.from(labels),
    offsets: Uint32Array.from(offsets), index: Uint16Array.from(index), value: Uint8Array.from(value) };
}
