/**
 * Sparse frame sets: what the learning trainer reads. A sample is T frames; a frame is the list of its non-zero
 * inputs (index, value), stored CSR-style for all samples of a set. Event frames hold per-pixel per-polarity event
 * counts (as spikingjelly's integrate_events_to_frame, docs/sources.md#pipesdfa); rate and latency codes hold 0/1.
 */
import type { EventStream } from './saccade.js';

export interface FrameSet {
  readonly inputs: number;
  readonly timesteps: number;
  readonly count: number;
  readonly labels: Uint8Array;
  /** Frame f = sample * timesteps + t spans entries offsets[f] .. offsets[f + 1]. */
  readonly offsets: Uint32Array;
  readonly index: Uint16Array;
  readonly value: Uint8Array;
}

/** How an event stream is cut into T frames (spikingjelly's split_by). */
export const FRAME_SPLITS = ['number', 'time'] as const;
export type FrameSplit = (typeof FRAME_SPLITS)[number];

/** Growable builder of a FrameSet, one frame at a time. */
export class FrameSetBuilder {
  private readonly offsets: number[] = [0];
  private index = new Uint16Array(1 << 16);
  private value = new Uint8Array(1 << 16);
  private size = 0;
  private readonly labels: number[] = [];

  constructor(readonly inputs: number, readonly timesteps: number) {}

  /** Append one frame from dense counts (cleared afterwards). */
  pushDense(dense: Uint16Array | Uint8Array): void {
    for (let i = 0; i < dense.length; i++) {
      if (dense[i] === 0) continue;
      if (this.size === this.index.length) this.grow();
      this.index[this.size] = i;
      this.value[this.size++] = Math.min(255, dense[i]);
      dense[i] = 0;
    }
    this.offsets.push(this.size);
  }

  label(y: number): void {
    this.labels.push(y);
  }

  private grow(): void {
    const index = new Uint16Array(this.index.length * 2);
    index.set(this.index);
    const value = new Uint8Array(this.value.length * 2);
    value.set(this.value);
    this.index = index;
    this.value = value;
  }

  build(): FrameSet {
    return { inputs: this.inputs, timesteps: this.timesteps, count: this.labels.length, labels: Uint8Array.from(this.labels),
      offsets: Uint32Array.from(this.offsets), index: this.index.slice(0, this.size), value: this.value.slice(0, this.size) };
  }
}

/**
 * The T frames of one event stream. 'number': equal event counts, frame j = events [j*floor(N/T), (j+1)*floor(N/T)),
 * the last frame takes the remainder (spikingjelly split_by='number'); 'time': equal durations of steps/T.
 */
export function pushEventFrames(b: FrameSetBuilder, ev: EventStream, split: FrameSplit, dense: Uint16Array): void {
  const T = b.timesteps;
  let e = 0;
  for (let j = 0; j < T; j++) {
    let end: number;
    if (split === 'number') {
      const per = Math.floor(ev.count / T);
      end = j === T - 1 ? ev.count : (j + 1) * per;
    } else {
      const until = ((j + 1) * ev.steps) / T;
      end = e;
      while (end < ev.count && (j === T - 1 || ev.t[end] < until)) end++;
    }
    for (; e < end; e++) dense[ev.index[e]]++;
    b.pushDense(dense);
  }
}

/** The first `count` samples of `set` (views, no copy). */
export function headOf(set: FrameSet, count: number): FrameSet {
  const n = Math.min(count, set.count);
  const frames = n * set.timesteps;
  const end = set.offsets[frames];
  return { ...set, count: n, labels: set.labels.subarray(0, n), offsets: set.offsets.subarray(0, frames + 1),
    index: set.index.subarray(0, end), value: set.value.subarray(0, end) };
}

/** Concatenate frame sets with the same inputs and timesteps. */
export function concatFrameSets(sets: readonly FrameSet[]): FrameSet {
  const first = sets[0];
  const entries = sets.reduce((s, x) => s + x.offsets[x.offsets.length - 1], 0);
  const frames = sets.reduce((s, x) => s + x.count * x.timesteps, 0);
  const offsets = new Uint32Array(frames + 1);
  const index = new Uint16Array(entries);
  const value = new Uint8Array(entries);
  const labels = new Uint8Array(sets.reduce((s, x) => s + x.count, 0));
  let f = 0;
  let e = 0;
  let l = 0;
  for (const s of sets) {
    const n = s.offsets[s.offsets.length - 1];
    index.set(s.index.subarray(0, n), e);
    value.set(s.value.subarray(0, n), e);
    for (let k = 1; k < s.offsets.length; k++) offsets[f + k] = s.offsets[k] + e;
    labels.set(s.labels, l);
    f += s.offsets.length - 1;
    e += n;
    l += s.count;
  }
  return { inputs: first.inputs, timesteps: first.timesteps, count: l, labels, offsets, index, value };
}
